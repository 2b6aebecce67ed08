#!/usr/bin/env bash
# Builds a release product the way the performance figures are measured: a static Swift runtime
# (fewer pages mapped than the shared libraries) and every function of the code SwiftPM compiles
# (lbtop and its packages, Swift, C and C++) in its own section, so the release link can place the
# functions lbtop runs first and together (Sources/lbtop/link-order.txt) instead of moving a whole
# object file's code for one of them. Prints the binary's path.
#
#   Tests/perf/release-build.sh [product] [scratch]     # lbtop, .build-release
#   LBTOP_LINK_MAP=/tmp/lbtop.map Tests/perf/release-build.sh   # also writes the link map
set -euo pipefail
cd "$(dirname "$0")/../.."
product=${1:-lbtop}
scratch=${2:-.build-release}
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product "$product" \
    -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections -Xcxx -ffunction-sections >&2
echo "$scratch/release/$product"
