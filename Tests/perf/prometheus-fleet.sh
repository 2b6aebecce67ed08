#!/usr/bin/env bash
# Fleet scale: lbtop --interval 1s --prometheus against the stand-in Prometheus of
# prometheus-fleet.py (100 HAProxy instances x 100 servers and 100 nodes by default), as a
# dashboard in tmux (200x50), or with FLEET_JSON=1 as `--json` lines (which adds encoding 10,000
# servers a second). Reports lbtop's CPU % of one core (utime+stime from /proc/PID/stat) over
# FLEET_SECONDS after a settle, its peak RSS (VmHWM), and the servers and joined servers of a
# snapshot taken at the end (`--once --json`).
#
#   Tests/perf/prometheus-fleet.sh                  # builds the release lbtop, 30 s
#   FLEET_SECONDS=60 LBTOP=.build/debug/lbtop Tests/perf/prometheus-fleet.sh
#
# Needs python3 and tmux. Everything it starts is stopped by PID on exit.
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
arguments=(--interval 1s --timeout 5s --prometheus "http://127.0.0.1:$port")
if [ -n "${FLEET_JSON:-}" ]; then
    "$LBTOP" --json "${arguments[@]}" > "$work/out.jsonl" 2> "$work/err.log" &
    lbtop=$!
else
    command -v tmux >/dev/null || { echo "prometheus-fleet.sh: tmux is missing (Debian package: tmux)" >&2; exit 1; }
    tmux -S "$work/tmux.sock" -f /dev/null new-session -d -x 200 -y 50 "exec $LBTOP ${arguments[*]} 2> $work/err.log"
    lbtop=$(tmux -S "$work/tmux.sock" list-panes -F '#{pane_pid}')
    trap 'tmux -S "$work/tmux.sock" kill-server 2>/dev/null; kill $prom 2>/dev/null || true; rm -rf "$work"' EXIT
fi
ticks() { awk '{print $14 + $15}' "/proc/$lbtop/stat"; }
sleep "$settle"
t0=$(ticks); s0=$(date +%s.%N)
sleep "$seconds"
t1=$(ticks); s1=$(date +%s.%N)
hz=$(getconf CLK_TCK)
rss=$(awk '/VmHWM/ {print $2}' "/proc/$lbtop/status")
python3 - "$t0" "$t1" "$s0" "$s1" "$hz" "$rss" <<PY
import json, sys
t0, t1, s0, s1, hz, rss = map(float, sys.argv[1:])
mode = "--json lines" if "${FLEET_JSON:-}" else "dashboard"
print(f"lbtop ({mode}) CPU {100 * (t1 - t0) / hz / (s1 - s0):.1f}% of one core over {s1 - s0:.0f} s; peak RSS {rss / 1024:.0f} MB")
PY
"$LBTOP" --once --json --timeout 5s --prometheus "http://127.0.0.1:$port" | python3 -c '
import json, sys
d = json.load(sys.stdin)
servers, nodes = d["servers"], d["nodes"]
fleet = [t for t in d["targets"] if t["role"] == "fleet"][0]
joined = sum(1 for s in servers if s.get("node"))
print("last snapshot:", len(servers), "servers,", joined, "joined,", len(nodes), "nodes; fleet", fleet["health"], fleet.get("error") or "")'
