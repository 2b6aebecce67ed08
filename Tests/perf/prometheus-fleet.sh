#!/usr/bin/env bash
# Fleet scale: lbtop --json --interval 1s --prometheus against the stand-in Prometheus of
# prometheus-fleet.py (100 HAProxy instances x 100 servers and 100 nodes by default). Reports
# lbtop's CPU % of one core (utime+stime from /proc/PID/stat) over FLEET_SECONDS after a settle,
# its peak RSS (VmHWM) and the servers and joined servers of its last snapshot.
#
#   Tests/perf/prometheus-fleet.sh                  # builds the release lbtop, 30 s
#   FLEET_SECONDS=60 LBTOP=.build/debug/lbtop Tests/perf/prometheus-fleet.sh
#
# Needs python3. Everything it starts is stopped by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${FLEET_SECONDS:-30}
settle=${FLEET_SETTLE:-5}
if [ -z "${LBTOP:-}" ]; then swift build -c release --product lbtop >&2; LBTOP=.build/release/lbtop; fi
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 Tests/perf/prometheus-fleet.py "$port" > "$work/prom.log" 2>&1 &
prom=$!
lbtop=""
trap 'kill $prom ${lbtop:+$lbtop} 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q ready "$work/prom.log" && break; sleep 0.2; done
cat "$work/prom.log" >&2
"$LBTOP" --json --interval 1s --timeout 5s --prometheus "http://127.0.0.1:$port" > "$work/out.jsonl" 2> "$work/err.log" &
lbtop=$!
ticks() { awk '{print $14 + $15}' "/proc/$lbtop/stat"; }
sleep "$settle"
t0=$(ticks); s0=$(date +%s.%N)
sleep "$seconds"
t1=$(ticks); s1=$(date +%s.%N)
hz=$(getconf CLK_TCK)
rss=$(awk '/VmHWM/ {print $2}' "/proc/$lbtop/status")
lines=$(wc -l < "$work/out.jsonl")
python3 - "$t0" "$t1" "$s0" "$s1" "$hz" "$rss" "$lines" <<PY
import json, sys
t0, t1, s0, s1, hz, rss, lines = map(float, sys.argv[1:])
print(f"lbtop CPU {100 * (t1 - t0) / hz / (s1 - s0):.1f}% of one core over {s1 - s0:.0f} s; peak RSS {rss / 1024:.0f} MB; {int(lines)} snapshots")
PY
tail -n 1 "$work/out.jsonl" | python3 -c '
import json, sys
d = json.loads(sys.stdin.readline())
servers, nodes = d["servers"], d["nodes"]
fleet = [t for t in d["targets"] if t["role"] == "fleet"][0]
joined = sum(1 for s in servers if s.get("node"))
print("last snapshot:", len(servers), "servers,", joined, "joined,", len(nodes), "nodes; fleet", fleet["health"], fleet.get("error") or "")'
