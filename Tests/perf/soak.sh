#!/usr/bin/env bash
# Soak: the release lbtop in tmux (200x50, 1 s interval) watching a real haproxy with 50 backends x
# 20 servers over its stats socket for HOURS, while faults are injected on a schedule:
#   - every FAULT_EVERY seconds (180) one of the 8 toy servers behind haproxy is killed and
#     restarted FAULT_DOWN seconds (45) later on the same port: its 125 haproxy servers go DOWN
#     (TCP health checks every 2 s, fall 2, rise 2) and come back;
#   - every RELOAD_EVERY seconds (300) haproxy is soft-reloaded (-x socket -sf old): every counter
#     restarts at 0 and the process id changes.
# haproxy sends its request log (option httplog) and its server events to lbtop over UDP syslog.
# Samples lbtop's RSS, open file descriptors and threads every SAMPLE_EVERY seconds (10), prints them
# a minute apart, and at the end: RSS growth over the last half of the run (the least-squares trend
# of its samples from the half's start to its end, as a share of their mean, with its standard
# error: a swing without a trend is no growth), fd and thread ranges, and the alert log checked against the faults:
# every server of a killed toy server raised `server-down` (caught), and no server, backend or
# health-check alert came from anything else, a reload included (false). The run starts once
# every server is UP; alerts from before that are left out.
#
#   Tests/perf/soak.sh 1                      # one hour; builds the release lbtop
#   LBTOP=path/to/lbtop Tests/perf/soak.sh 0.1
#   SOAK_KEEP=/tmp/soak Tests/perf/soak.sh 1  # also keeps the alert log, the samples and haproxy's log
#   SOAK_LBTOP_ARGS="--timeout 2s"            # lbtop's arguments after the socket (default --timeout 5s)
#
# Needs: haproxy, tmux, python3. Everything it starts is stopped by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

hours=${1:?usage: Tests/perf/soak.sh HOURS}
seconds=$(python3 -c "import sys; print(int(float(sys.argv[1]) * 3600))" "$hours")
fault_every=${FAULT_EVERY:-180}
fault_down=${FAULT_DOWN:-45}
reload_every=${RELOAD_EVERY:-300}
sample_every=${SAMPLE_EVERY:-10}
backends=50
servers_per_backend=20
toy_servers=8

for tool in haproxy tmux python3; do
    command -v "$tool" >/dev/null || { echo "soak: $tool is missing (Debian package: $tool)" >&2; exit 1; }
done
if [ -z "${LBTOP:-}" ]; then
    swift build -c release --product lbtop >&2
    LBTOP=$(swift build -c release --show-bin-path)/lbtop
fi
[ -x "$LBTOP" ] || { echo "soak: no lbtop binary at $LBTOP" >&2; exit 1; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/lbtop-soak.XXXXXX")
tmux_socket="$dir/tmux.sock"
declare -A toy_pid
pids=()
cleanup() {
    tmux -S "$tmux_socket" kill-server 2>/dev/null || true
    for pid in "${pids[@]}" "${toy_pid[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}" "${toy_pid[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ -f "$dir/haproxy.pid" ] && kill "$(cat "$dir/haproxy.pid")" 2>/dev/null || true
    if [ -n "${SOAK_KEEP:-}" ]; then mkdir -p "$SOAK_KEEP" && cp "$dir"/*.jsonl "$dir"/*.log "$dir"/*.txt "$SOAK_KEEP"/ 2>/dev/null || true; fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
log() { echo "soak: $(date -u +%H:%M:%S) $*" | tee -a "$dir/events.txt" >&2; }

# A toy HTTP server on PORT (restartable on the same port).
start_toy() {
    python3 - "$1" >/dev/null 2>&1 <<'PY' &
import sys, http.server, socketserver
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = b"ok\n"
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer.allow_reuse_address = True
http.server.ThreadingHTTPServer.request_queue_size = 1024   # 125 servers' checks arrive at once
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY
    toy_pid[$1]=$!
}
toy_ports=()
for _ in $(seq "$toy_servers"); do
    port=$(free_port); toy_ports+=("$port"); start_toy "$port"
done

web_port=$(free_port)
log_port=$(free_port)
socket="$dir/admin.sock"
{
    echo "global"
    echo "    maxconn 4096"
    echo "    log 127.0.0.1:$log_port local0"
    echo "    stats socket $socket mode 600 level admin expose-fd listeners"
    echo "defaults"
    echo "    mode http"
    echo "    log global"
    echo "    option httplog"
    echo "    timeout connect 3s"
    echo "    timeout client 10s"
    echo "    timeout server 10s"
    echo "    timeout check 3s"
    echo "frontend web"
    echo "    bind 127.0.0.1:$web_port"
    echo "    use_backend %[path,field(2,/)]"
    echo "    default_backend app0"
    for b in $(seq 0 $((backends - 1))); do
        echo "backend app$b"
        echo "    balance roundrobin"
        for s in $(seq 1 "$servers_per_backend"); do
            port=${toy_ports[$(((b * servers_per_backend + s) % toy_servers))]}
            echo "    server srv$s 127.0.0.1:$port check inter 2s fall 2 rise 2"
        done
    done
} > "$dir/haproxy.cfg"
# Which haproxy servers each toy port backs: the servers a kill of it must bring down.
for b in $(seq 0 $((backends - 1))); do
    for s in $(seq 1 "$servers_per_backend"); do
        echo "${toy_ports[$(((b * servers_per_backend + s) % toy_servers))]} app$b/srv$s"
    done
done > "$dir/servers-by-port.txt"

# The answer of haproxy's stats socket to one command (empty when it does not answer).
haproxy_answer() {
    python3 - "$socket" "$1" <<'PY' 2>/dev/null || true
import socket, sys
s = socket.socket(socket.AF_UNIX); s.settimeout(5); s.connect(sys.argv[1]); s.sendall(sys.argv[2].encode() + b"\n")
while True:
    part = s.recv(65536)
    if not part: break
    sys.stdout.buffer.write(part)
PY
}

haproxy_pid=""
start_haproxy() {   # start_haproxy [OLD_PID]: a first start, or a soft reload replacing OLD_PID
    # On a loaded machine the new process can fail to take the old one's sockets (-x): try again.
    for _ in 1 2 3; do
        if [ -n "${1:-}" ]; then
            haproxy -f "$dir/haproxy.cfg" -db -x "$socket" -sf "$1" >>"$dir/haproxy.log" 2>&1 &
        else
            haproxy -f "$dir/haproxy.cfg" -db >>"$dir/haproxy.log" 2>&1 &
        fi
        haproxy_pid=$!
        echo "$haproxy_pid" > "$dir/haproxy.pid"
        for _ in $(seq 100); do
            answer=$(haproxy_answer "show info" | awk -F': ' '$1 == "Pid" {print $2}')
            [ "$answer" = "$haproxy_pid" ] && return 0
            kill -0 "$haproxy_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -0 "$haproxy_pid" 2>/dev/null && break
        log "haproxy $haproxy_pid exited before answering; starting it again"
    done
    echo "soak: haproxy $haproxy_pid did not answer on $socket" >&2; tail -20 "$dir/haproxy.log" >&2; exit 1
}
start_haproxy
pids+=("$haproxy_pid")

python3 Tests/perf/request-load.py "$web_port" "$backends" >/dev/null 2>&1 &
pids+=($!)

alert_log="$dir/alerts.jsonl"
tmux -S "$tmux_socket" -f /dev/null new-session -d -s lbtop -x 200 -y 50 \
    "exec $LBTOP unix://$socket --log udp://127.0.0.1:$log_port --interval 1s --alert-log $alert_log ${SOAK_LBTOP_ARGS:---timeout 5s}"
tmux -S "$tmux_socket" set-option -g status off >/dev/null
lbtop_pid=$(tmux -S "$tmux_socket" display-message -p -t lbtop '#{pane_pid}')
# Steady state: every server UP (first health checks passed), the first rates in.
for _ in $(seq 600); do
    # Servers not UP: column 18 of `show stat` is the status.
    stat=$(haproxy_answer "show stat")
    down=$(awk -F, 'NR > 1 && NF > 18 && $2 != "FRONTEND" && $2 != "BACKEND" && $18 !~ /^UP/' <<<"$stat" | wc -l)
    [ -n "$stat" ] && [ "$down" -eq 0 ] && break
    sleep 1
done
sleep 10
echo "$(date +%s)" > "$dir/start.txt"

sample() {
    local status="/proc/$lbtop_pid/status"
    [ -r "$status" ] || { echo "soak: lbtop (pid $lbtop_pid) is gone" >&2; exit 1; }
    printf '%d %d %d %d\n' "$1" "$(awk '/VmRSS/ {print $2}' "$status")" \
        "$(find "/proc/$lbtop_pid/fd" -mindepth 1 -maxdepth 1 | wc -l)" "$(awk '/Threads/ {print $2}' "$status")" \
        >> "$dir/samples.txt"
}

log "lbtop $lbtop_pid watching haproxy $haproxy_pid (${backends}x${servers_per_backend} servers, ${toy_servers} toy servers) for ${seconds}s"
start=$(date +%s)
next_sample=0; next_fault=$fault_every; next_reload=$reload_every; restore_at=-1; down_port=""; fault_index=0
sample 0
while :; do
    now=$(($(date +%s) - start))
    [ "$now" -ge "$seconds" ] && break
    if [ "$now" -ge "$next_sample" ] && [ "$next_sample" -gt 0 ]; then sample "$now"; fi
    [ "$now" -ge "$next_sample" ] && next_sample=$((next_sample + sample_every))
    if [ -n "$down_port" ] && [ "$now" -ge "$restore_at" ]; then
        start_toy "$down_port"; log "fault $fault_index: toy server on port $down_port back"
        echo "$fault_index up $(date +%s) $down_port" >> "$dir/faults.txt"; down_port=""
    fi
    # No fault starts within the last minute, so every one is caught and cleared before the end.
    if [ -z "$down_port" ] && [ "$now" -ge "$next_fault" ] && [ "$now" -lt $((seconds - fault_down - 60)) ]; then
        fault_index=$((fault_index + 1))
        down_port=${toy_ports[$((fault_index % toy_servers))]}
        kill "${toy_pid[$down_port]}"; wait "${toy_pid[$down_port]}" 2>/dev/null || true
        echo "$fault_index down $(date +%s) $down_port" >> "$dir/faults.txt"
        log "fault $fault_index: toy server on port $down_port killed"
        restore_at=$((now + fault_down)); next_fault=$((next_fault + fault_every))
    fi
    if [ "$now" -ge "$next_reload" ]; then
        old=$haproxy_pid; start_haproxy "$old"; pids+=("$haproxy_pid")
        wait "$old" 2>/dev/null || true
        echo "$(date +%s) $haproxy_pid" >> "$dir/reloads.txt"
        log "haproxy reloaded: $old -> $haproxy_pid"
        next_reload=$((next_reload + reload_every))
    fi
    sleep 1
done
sample "$seconds"
cp "$alert_log" "$dir/alerts-copy.jsonl" 2>/dev/null || touch "$dir/alerts-copy.jsonl"

python3 - "$dir" "$seconds" <<'PY'
import json, os, sys
from collections import defaultdict
d, seconds = sys.argv[1], int(sys.argv[2])
samples = [tuple(map(int, l.split())) for l in open(os.path.join(d, "samples.txt"))]
minutes = set()
for t, rss, fds, threads in samples:   # one line a minute; the trend below uses every sample
    if t // 60 in minutes and (t, rss, fds, threads) != samples[-1]: continue
    minutes.add(t // 60)
    print(f"minute {t // 60:4d}: RSS {rss / 1024:6.1f} MB  fds {fds:3d}  threads {threads:3d}")
half = [s for s in samples if s[0] >= seconds / 2]
# RSS swings a percent or two either way from poll to poll (allocator, log bursts), so growth is
# the trend, not a peak: the least-squares line through the last half's samples, its rise from
# the half's start to its end, against the half's mean.
xs, ys = [s[0] for s in half], [s[1] for s in half]
mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
spread = sum((x - mean_x) ** 2 for x in xs)
slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread if spread else 0.0
growth = slope * (xs[-1] - xs[0]) / mean_y * 100
residual = sum((y - mean_y - slope * (x - mean_x)) ** 2 for x, y in zip(xs, ys)) / max(1, len(xs) - 2)
error = (residual / spread) ** 0.5 * (xs[-1] - xs[0]) / mean_y * 100 if spread else 0.0
print(f"RSS over the last half: {ys[0] / 1024:.1f} MB at {xs[0] // 60} min -> {ys[-1] / 1024:.1f} MB at the end, "
      f"{min(ys) / 1024:.1f}..{max(ys) / 1024:.1f} MB; trend {slope * 60:+.1f} KB/min, "
      f"growth {growth:+.2f} % (standard error {error:.2f} %) across it ({'ok' if growth < 1 else 'MISSED'} < 1 %)")
print(f"fds {min(s[2] for s in samples)}..{max(s[2] for s in samples)}, threads "
      f"{min(s[3] for s in samples)}..{max(s[3] for s in samples)} "
      f"(last half: fds {min(s[2] for s in half)}..{max(s[2] for s in half)}, threads {min(s[3] for s in half)}..{max(s[3] for s in half)})")

by_port = defaultdict(set)
for line in open(os.path.join(d, "servers-by-port.txt")):
    port, server = line.split(); by_port[port].add(server)
faults = {}
path = os.path.join(d, "faults.txt")
for line in (open(path) if os.path.exists(path) else []):
    index, what, when, port = line.split()
    faults.setdefault(index, {"port": port})[what] = int(when)
reloads = [int(l.split()[0]) for l in open(os.path.join(d, "reloads.txt"))] if os.path.exists(os.path.join(d, "reloads.txt")) else []
records = []
for line in open(os.path.join(d, "alerts-copy.jsonl")):
    try: records.append(json.loads(line))
    except ValueError: pass
from datetime import datetime
def epoch(text): return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").timestamp() - datetime(1970, 1, 1).timestamp()
started = int(open(os.path.join(d, "start.txt")).read())
fired = [r for r in records if r["state"] == "firing" and epoch(r["time"]) >= started]
caught = missed = 0
explained = set()
for index, fault in sorted(faults.items(), key=lambda kv: int(kv[0])):
    expected = by_port[fault["port"]]
    window_end = fault.get("up", fault["down"]) + 30
    got = {r["subject"] for r in fired if r["rule"] == "server-down" and fault["down"] <= epoch(r["time"]) <= window_end}
    caught += len(expected & got); missed += len(expected - got)
    for r in fired:
        if r["rule"] in ("server-down", "checks-failing") and r["subject"] in expected \
                and fault["down"] <= epoch(r["time"]) <= window_end:
            explained.add(id(r))
# A stale target is the machine too busy to answer within the timeout, not a fault of a server;
# a latency alert is the python toy servers measured slow (they are, on a busy machine): both are
# counted apart, not as false.
apart = ("target-stale", "latency", "latency-baseline")
false = [r for r in fired if id(r) not in explained and r["rule"] not in apart]
rules = defaultdict(int)
for r in fired: rules[r["rule"]] += 1
print(f"faults injected: {len(faults)} toy-server kills ({sum(len(by_port[f['port']]) for f in faults.values())} servers down in all), "
      f"{len(reloads)} haproxy reloads")
print(f"alerts: {len(fired)} fired ({', '.join(f'{k} {v}' for k, v in sorted(rules.items()))}); "
      f"server-down caught {caught} of {caught + missed}; false {len(false)} "
      f"(not counted: {', '.join(f'{k} {rules[k]}' for k in apart if rules[k])})")
for r in false[:10]:
    print(f"  false: {r['time']} {r['rule']} {r['subject']}: {r.get('message', '')}")
ok = growth < 1 and missed == 0 and not false
print("soak: " + ("ok" if ok else "MISSED"))
sys.exit(0 if ok else 1)
PY
