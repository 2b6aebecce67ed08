#!/usr/bin/env bash
# Regenerates Sources/lbtop/link-order.txt: the functions lbtop runs, which the release link
# places first and together (lld --symbol-ordering-file), so the code a running lbtop touches
# fills a few contiguous megabytes of its executable instead of being scattered over all 24 MB
# of it (the kernel maps file pages 64 KB around each fault: scattered code costs resident memory).
#
#   Tests/perf/link-order.sh        # needs root (read-ahead), haproxy, tmux, htop, python3
#   LINK_ORDER_PROBES=4 RIG_SCRATCH=.build-release LBTOP_RELEASE_FLAGS="..." Tests/perf/link-order.sh
#
# How: a release build with a link map; a copy of the binary evicted from the page cache and run
# with read-ahead off on its disk, so only the pages it runs or reads become resident; the rig's
# workload (a real haproxy with 1,000 servers, `--node local`, every view visited); then the
# functions on its resident pages. A page holds many functions, so one probe names every neighbour
# of what ran too: later probes link the names left in a new random order and keep only those on
# resident pages again, until few neighbours are left. Functions missing from the list (new
# code) are linked after the listed ones, as usual: a stale list costs memory, never correctness.
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch=${RIG_SCRATCH:-.build-release}
probes=${LINK_ORDER_PROBES:-4}
read -r -a release_flags <<< "${LBTOP_RELEASE_FLAGS:-}"
work="$scratch/link-order-probe"
rm -rf "$work" && mkdir -p "$work"
work=$(cd "$work" && pwd)
order=Sources/lbtop/link-order.txt

device=$(basename "$(df --output=source "$work" | tail -1)")
parent=$(lsblk -no pkname "/dev/$device" 2>/dev/null | head -1 || true)
readahead="/sys/block/${parent:-$device}/queue/read_ahead_kb"
[ -w "$readahead" ] || { echo "link-order: cannot turn read-ahead off ($readahead); run as root" >&2; exit 1; }
saved=$(cat "$readahead")
cp "$order" "$work/original-order.txt"
trap 'echo "$saved" > "$readahead"' EXIT

for probe in $(seq "$probes"); do
    # The link reads the list, but a build does not see it change: remove the binary to relink.
    rm -f "$scratch/release/lbtop"
    LBTOP_LINK_MAP="$work/lbtop.map" swift build -c release --static-swift-stdlib "${release_flags[@]}" \
        --scratch-path "$scratch" --product lbtop >&2
    [ -s "$work/lbtop.map" ] || { echo "link-order: the release link wrote no map" >&2; exit 1; }
    cp "$scratch/release/lbtop" "$work/lbtop"
    sync "$work/lbtop"
    python3 -c 'import os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)' "$work/lbtop"
    echo 0 > "$readahead"
    RIG_SECONDS=${RIG_SECONDS:-15} LBTOP="$work/lbtop" RIG_LBTOP_ARGS="--node local" \
        RIG_TOUCHED="$work/touched.txt" RIG_LINK_MAP="$work/lbtop.map" Tests/perf/rig.sh >&2
    echo "$saved" > "$readahead"
    count=$(wc -l < "$work/touched.txt")
    [ "$count" -gt 1000 ] || { cp "$work/original-order.txt" "$order"; echo "link-order: only $count functions named; list left as it was" >&2; exit 1; }
    # Keep what this probe and every earlier one named; link it in a new random order next time.
    python3 - "$work/touched.txt" "$work/kept.txt" "$probe" "$order" <<'PY'
import random, sys
touched, kept_path, probe, order = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
names = list(dict.fromkeys(line.strip() for line in open(touched) if line.strip()))
if probe > 1:
    earlier = set(line.strip() for line in open(kept_path))
    names = [name for name in names if name in earlier]
open(kept_path, "w").write("\n".join(names) + "\n")
random.Random(probe).shuffle(names)
open(order, "w").write("\n".join(names) + "\n")
print(f"link-order: probe {probe}: {len(names)} functions kept", file=sys.stderr)
PY
done
sort "$work/kept.txt" > "$order"
rm -f "$scratch/release/lbtop"   # the next release build links with the new list
echo "link-order: $(wc -l < "$order") functions in $order" >&2
