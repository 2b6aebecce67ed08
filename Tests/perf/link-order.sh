#!/usr/bin/env bash
# Regenerates Sources/lbtop/link-order.txt: the functions lbtop runs, which the release link
# places first and together (lld --symbol-ordering-file), so the code a running lbtop touches
# fills a few contiguous megabytes of its executable instead of being scattered over all 24 MB
# of it (the kernel maps file pages 64 KB around each fault: scattered code costs resident memory).
#
#   Tests/perf/link-order.sh        # needs valgrind, haproxy, tmux, htop, python3
#   RIG_SCRATCH=.build-release Tests/perf/link-order.sh
#
# How: the release lbtop (debug info stripped: valgrind 3.19 cannot read the DWARF 5 it carries)
# runs under callgrind through the rig's workload: a real haproxy with 1,000 servers, `--node
# local`, every view, the detail, the help and a filter, then a normal quit. Callgrind names every
# function that ran, with the instructions it ran; the list holds those of the lbtop executable,
# the busiest first (Tests/perf/link-order.py, which also leaves out local names that would move
# a prebuilt library's whole code). Functions missing from the list (new code, rare paths) are
# linked after the listed ones, as usual: a stale list costs memory, never correctness.
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch=${RIG_SCRATCH:-.build-release}
command -v valgrind >/dev/null || { echo "link-order: valgrind is missing (Debian package: valgrind)" >&2; exit 1; }
work="$scratch/link-order-probe"
rm -rf "$work" && mkdir -p "$work"
work=$(cd "$work" && pwd)
order=Sources/lbtop/link-order.txt

rm -f "$scratch/release/lbtop"   # relink, to write the map
binary=$(LBTOP_LINK_MAP="$work/lbtop.map" Tests/perf/release-build.sh lbtop "$scratch")
objcopy --strip-debug "$binary" "$work/lbtop"
cat > "$work/lbtop-under-callgrind" <<SH
#!/bin/sh
exec valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" --dump-instr=no \\
    --compress-strings=no --compress-pos=no --demangle=no "$work/lbtop" "\$@" 2>"$work/valgrind.log"
SH
chmod +x "$work/lbtop-under-callgrind"

# Under callgrind lbtop runs some 50 times slower: a longer settle for its first paint, a slower tour.
RIG_SECONDS=${RIG_SECONDS:-30} RIG_SETTLE=20 RIG_TOUR=1 RIG_TOUR_DELAY=4 LBTOP="$work/lbtop-under-callgrind" \
    RIG_LBTOP_ARGS="--node local" Tests/perf/rig.sh >&2
[ -s "$work/callgrind.out" ] || { echo "link-order: callgrind wrote nothing (see $work/valgrind.log)" >&2; exit 1; }

python3 Tests/perf/link-order.py "$work/callgrind.out" "$work/lbtop" "$work/lbtop.map" > "$work/order.txt"
count=$(wc -l < "$work/order.txt")
[ "$count" -gt 1000 ] || { echo "link-order: only $count functions named; list left as it was" >&2; exit 1; }
cp "$work/order.txt" "$order"
rm -f "$binary"   # the next release build links with the new list
echo "link-order: $count functions in $order" >&2
