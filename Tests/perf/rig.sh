#!/usr/bin/env bash
# Performance rig: a real haproxy with RIG_SERVERS servers (1,000: 50 backends x 20; 10,000:
# 200 x 50) on 127.0.0.1 under a modest request load; the release lbtop watching its stats page in
# tmux at 200x50 with a 1 s interval, hatop watching its stats socket at 1 s (`hatop -i 1`) and
# htop at 1 s refresh (`htop -d 10`) in the same tmux server at the same size, side by side for the
# same seconds. Reports each one's CPU % of one core (utime+stime from /proc/PID/stat), peak RSS
# (VmHWM) and bytes/s written to its terminal (tmux pipe-pane), lbtop/htop and lbtop/hatop ratios.
#
#   Tests/perf/rig.sh                 # builds the release lbtop (swift build -c release), 60 s
#   RIG_SERVERS=10000 Tests/perf/rig.sh
#   RIG_SECONDS=30 LBTOP=path/to/lbtop Tests/perf/rig.sh
#   RIG_KEEP=/tmp/rig Tests/perf/rig.sh   # also keeps what each one wrote to its terminal
#   RIG_LBTOP_ARGS="--node local"         # more arguments for lbtop
#   RIG_SECONDS=960 RIG_CURVE=60          # also lbtop's CPU and RSS for each minute (stderr)
#   RIG_COMPARE=path/to/other/lbtop       # runs that lbtop too, beside, with the same arguments,
#                                         # and reports it: an A/B measured in the same seconds
#   RIG_COMPARE_ARGS="…"                  # the compared lbtop's arguments instead (e.g. lbtop
#                                         # with --record beside the same build without it)
#   RIG_PERF=/tmp/lbtop.perf              # also `perf record -g` on lbtop for the measured seconds
#                                         # (Debian package linux-perf; `perf report -i` it after)
#
# Needs: haproxy, tmux, htop, hatop, python3. Everything it starts is stopped by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${RIG_SECONDS:-60}
settle=${RIG_SETTLE:-5}
servers=${RIG_SERVERS:-1000}
if [ "$servers" -le 1000 ]; then servers_per_backend=20; else servers_per_backend=50; fi
backends=$(((servers + servers_per_backend - 1) / servers_per_backend))
toy_servers=4

for tool in haproxy tmux htop hatop python3; do
    command -v "$tool" >/dev/null || { echo "rig: $tool is missing (Debian package: $tool)" >&2; exit 1; }
done

if [ -z "${LBTOP:-}" ]; then
    swift build -c release --product lbtop >&2
    LBTOP=$(swift build -c release --show-bin-path)/lbtop
fi
[ -x "$LBTOP" ] || { echo "rig: no lbtop binary at $LBTOP" >&2; exit 1; }
# Start lbtop from a cold page cache, as after an install or a reboot: how much of its executable
# ends up mapped depends on how the kernel cached the file (a binary the linker just wrote sits in
# large folios, mapped whole on a fault: a few MB more file-backed RSS than one read from disk).
evict() {
    sync "$1"
    python3 -c 'import os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)' "$1"
}
evict "$LBTOP"

dir=$(mktemp -d "${TMPDIR:-/tmp}/lbtop-rig.XXXXXX")
tmux_socket="$dir/tmux.sock"
pids=()
cleanup() {
    tmux -S "$tmux_socket" kill-server 2>/dev/null || true
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ -f "$dir/haproxy.pid" ]; then kill "$(cat "$dir/haproxy.pid")" 2>/dev/null || true; fi
    if [ -n "${RIG_KEEP:-}" ]; then mkdir -p "$RIG_KEEP" && cp "$dir"/*.out "$RIG_KEEP"/ 2>/dev/null || true; fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Toy HTTP servers the haproxy servers point at.
toy_ports=()
for _ in $(seq "$toy_servers"); do
    port=$(free_port)
    python3 - "$port" >/dev/null 2>&1 <<'PY' &
import sys, http.server
class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = b"ok\n"
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY
    pids+=($!)
    toy_ports+=("$port")
done

# haproxy: one frontend routing /appN/ to backend appN, a stats page (lbtop), a stats socket (hatop).
web_port=$(free_port)
stats_port=$(free_port)
{
    echo "global"
    echo "    maxconn 4096"
    echo "    pidfile $dir/haproxy.pid"
    echo "    stats socket $dir/haproxy.sock mode 600 level admin"
    echo "defaults"
    echo "    mode http"
    echo "    timeout connect 2s"
    echo "    timeout client 10s"
    echo "    timeout server 10s"
    echo "frontend web"
    echo "    bind 127.0.0.1:$web_port"
    echo "    use_backend %[path,field(2,/)]"
    echo "    default_backend app0"
    echo "frontend stats"
    echo "    bind 127.0.0.1:$stats_port"
    echo "    stats enable"
    echo "    stats uri /stats"
    for b in $(seq 0 $((backends - 1))); do
        echo "backend app$b"
        echo "    balance roundrobin"
        for s in $(seq 1 "$servers_per_backend"); do
            port=${toy_ports[$(((b * servers_per_backend + s) % toy_servers))]}
            echo "    server srv$s 127.0.0.1:$port check inter 20s"
        done
    done
} > "$dir/haproxy.cfg"
haproxy -f "$dir/haproxy.cfg" -db >"$dir/haproxy.log" 2>&1 &
pids+=($!)
stats_url="http://127.0.0.1:$stats_port/stats;csv"
for _ in $(seq 50); do
    python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$stats_url" 2>/dev/null && break
    sleep 0.1
done
csv_bytes=$(python3 -c "import urllib.request,sys; print(len(urllib.request.urlopen(sys.argv[1]).read()))" "$stats_url")

# A modest load: about 40 requests/s spread over every backend.
python3 Tests/perf/request-load.py "$web_port" "$backends" >/dev/null 2>&1 &
pids+=($!)

# Runs a command in its own 200x50 tmux session named NAME, its output piped to $dir/NAME.out;
# prints the PID of the command.
session() {
    tmux -S "$tmux_socket" -f /dev/null new-session -d -s "$1" -x 200 -y 50 "$2"
    tmux -S "$tmux_socket" set-option -g status off >/dev/null
    tmux -S "$tmux_socket" pipe-pane -o -t "$1" "cat >> $dir/$1.out"
    tmux -S "$tmux_socket" display-message -p -t "$1" '#{pane_pid}'
}
lbtop_command() { echo "exec $1 '$stats_url' --interval 1s $2"; }
lbtop_pid=$(session lbtop "$(lbtop_command "$LBTOP" "${RIG_LBTOP_ARGS:-}")")
htop_pid=$(session htop "exec htop -d 10")
hatop_pid=$(session hatop "exec hatop -s $dir/haproxy.sock -i 1")
compare_pid=""
if [ -n "${RIG_COMPARE:-}" ]; then
    evict "$RIG_COMPARE"
    compare_pid=$(session compare "$(lbtop_command "$RIG_COMPARE" "${RIG_COMPARE_ARGS-${RIG_LBTOP_ARGS:-}}")")
fi

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime, after the ")" of comm
size_of() { stat -c %s "$1" 2>/dev/null || echo 0; }
# Steady state: every server's first health check has ended (until then HAProxy shows each one as
# `UP 1/3` with check status INI, spread over the 20 s check interval), then a settle.
for _ in $(seq 300); do
    python3 - "$stats_url" <<'PY' && break
import csv, io, sys, urllib.request
rows = list(csv.reader(io.StringIO(urllib.request.urlopen(sys.argv[1], timeout=2).read().decode().lstrip("# "))))
column = rows[0].index("check_status")
sys.exit(1 if any(row[column].lstrip("* ").startswith("INI") for row in rows[1:] if len(row) > column) else 0)
PY
    sleep 0.2
done
sleep "$settle"   # first paint and first rates are not steady state
l_ticks0=$(ticks "$lbtop_pid"); h_ticks0=$(ticks "$htop_pid"); a_ticks0=$(ticks "$hatop_pid")
l_bytes0=$(size_of "$dir/lbtop.out"); h_bytes0=$(size_of "$dir/htop.out"); a_bytes0=$(size_of "$dir/hatop.out")
if [ -n "$compare_pid" ]; then c_ticks0=$(ticks "$compare_pid"); c_bytes0=$(size_of "$dir/compare.out"); fi
t0=$(date +%s.%N)
perf_pid=""
if [ -n "${RIG_PERF:-}" ]; then
    perf record -q -g -F 499 -p "$lbtop_pid" -o "$RIG_PERF" -- sleep "$seconds" 2>/dev/null &
    perf_pid=$!; pids+=("$perf_pid")
fi
if [ -n "${RIG_CURVE:-}" ]; then
    # lbtop's CPU and RSS over each RIG_CURVE seconds of the run, to see how they move as the
    # history window fills.
    elapsed=0; c_ticks=$l_ticks0; c_time=$t0
    while [ "$elapsed" -lt "$seconds" ]; do
        step=$((seconds - elapsed < RIG_CURVE ? seconds - elapsed : RIG_CURVE))
        sleep "$step"; elapsed=$((elapsed + step))
        n_ticks=$(ticks "$lbtop_pid"); n_time=$(date +%s.%N)
        awk -v s="$elapsed" -v t0="$c_ticks" -v t1="$n_ticks" -v a="$c_time" -v b="$n_time" -v hz="$(getconf CLK_TCK)" \
            -v rss="$(awk '/VmRSS/ {print $2}' "/proc/$lbtop_pid/status")" -v anon="$(awk '/RssAnon/ {print $2}' "/proc/$lbtop_pid/status")" \
            'BEGIN { printf "curve: %5d s  lbtop CPU %.2f %%  RSS %.1f MB (%.1f anonymous)\n", s, (t1 - t0) / hz / (b - a) * 100, rss / 1024, anon / 1024 }' >&2
        c_ticks=$n_ticks; c_time=$n_time
    done
else
    sleep "$seconds"
fi
if [ -n "$perf_pid" ]; then wait "$perf_pid" || true; fi
l_ticks1=$(ticks "$lbtop_pid"); h_ticks1=$(ticks "$htop_pid"); a_ticks1=$(ticks "$hatop_pid")
l_bytes1=$(size_of "$dir/lbtop.out"); h_bytes1=$(size_of "$dir/htop.out"); a_bytes1=$(size_of "$dir/hatop.out")
if [ -n "$compare_pid" ]; then
    c_ticks1=$(ticks "$compare_pid"); c_bytes1=$(size_of "$dir/compare.out")
    c_hwm=$(awk '/VmHWM/ {print $2}' "/proc/$compare_pid/status")
fi
t1=$(date +%s.%N)
l_hwm=$(awk '/VmHWM/ {print $2}' "/proc/$lbtop_pid/status")
h_hwm=$(awk '/VmHWM/ {print $2}' "/proc/$htop_pid/status")
a_hwm=$(awk '/VmHWM/ {print $2}' "/proc/$hatop_pid/status")
l_rss=$(awk '/VmRSS/ {print $2}' "/proc/$lbtop_pid/status")
l_anon=$(awk '/RssAnon/ {print $2}' "/proc/$lbtop_pid/status")
l_file=$(awk '/RssFile/ {print $2}' "/proc/$lbtop_pid/status")
rows=$(tmux -S "$tmux_socket" capture-pane -p -t lbtop | grep -c 'srv[0-9]' || true)
ups=$(tmux -S "$tmux_socket" capture-pane -p -t lbtop | grep -c ' UP ' || true)

python3 - "$seconds" "$t0" "$t1" "$(getconf CLK_TCK)" \
    "$l_ticks0" "$l_ticks1" "$l_bytes0" "$l_bytes1" "$l_hwm" "$l_rss" \
    "$h_ticks0" "$h_ticks1" "$h_bytes0" "$h_bytes1" "$h_hwm" \
    "$csv_bytes" "$rows" "$ups" "$(haproxy -v | head -1 | awk '{print $3}')" "$settle" "$l_anon" "$l_file" \
    "${c_ticks0:-}" "${c_ticks1:-}" "${c_bytes0:-}" "${c_bytes1:-}" "${c_hwm:-}" \
    "$a_ticks0" "$a_ticks1" "$a_bytes0" "$a_bytes1" "$a_hwm" "$servers" "$backends" "$servers_per_backend" \
    "$(hatop --version 2>&1 | awk '{print $NF}')" <<'PY'
import sys
a = sys.argv[1:]
seconds, t0, t1, hz = int(a[0]), float(a[1]), float(a[2]), int(a[3])
elapsed = t1 - t0
def figures(t0, t1, b0, b1, hwm):
    cpu = (int(t1) - int(t0)) / hz / elapsed * 100
    return cpu, (int(b1) - int(b0)) / elapsed, int(hwm) / 1024
l = figures(*a[4:8], a[8]); h = figures(*a[10:14], a[14]); t = figures(*a[27:31], a[31])
servers = int(a[32])
print(f"rig: haproxy {a[18]}, {servers} servers ({a[33]} backends x {a[34]}), stats CSV {int(a[15]) // 1024} KB, "
      f"tmux 200x50, interval 1 s, measured {elapsed:.1f} s after a {a[19]} s settle")
print(f"lbtop: CPU {l[0]:.2f} % of one core, peak RSS {l[2]:.1f} MB (now {int(a[9]) / 1024:.1f} MB: "
      f"{int(a[20]) / 1024:.1f} anonymous, {int(a[21]) / 1024:.1f} file), "
      f"terminal {l[1]:.0f} B/s; {a[16]} server rows on screen, {a[17]} UP")
print(f"htop:  CPU {h[0]:.2f} % of one core, peak RSS {h[2]:.1f} MB, terminal {h[1]:.0f} B/s")
print(f"hatop {a[35]}: CPU {t[0]:.2f} % of one core, peak RSS {t[2]:.1f} MB, terminal {t[1]:.0f} B/s")
def ratio(x, y): return f"{x / y:.2f}x" if y else "n/a"
print(f"lbtop/htop: CPU {ratio(l[0], h[0])}, terminal bytes {ratio(l[1], h[1])}")
print(f"lbtop/hatop: CPU {ratio(l[0], t[0])}, terminal bytes {ratio(l[1], t[1])}")
if a[22]:
    c = figures(*a[22:26], a[26])
    print(f"compare (RIG_COMPARE): CPU {c[0]:.2f} % of one core, peak RSS {c[2]:.1f} MB, terminal {c[1]:.0f} B/s")
    print(f"lbtop/compare: CPU {ratio(l[0], c[0])}, terminal bytes {ratio(l[1], c[1])}")
def check(name, ok): return name + ": " + ("ok" if ok else "MISSED")
if servers <= 1000:
    budget = [check("CPU <= 0.5x htop", l[0] <= 0.5 * h[0]), check("CPU <= 0.5x hatop", l[0] <= 0.5 * t[0]),
              check("terminal <= 1 KB/s", l[1] <= 1024), check("peak RSS <= 45 MB", l[2] <= 45)]
else:
    budget = [check("CPU <= hatop", l[0] <= t[0]), check("CPU <= 2.5 %", l[0] <= 2.5),
              check("peak RSS <= 80 MB", l[2] <= 80)]
print("budgets: " + "; ".join(budget))
PY
