#!/usr/bin/env bash
# Cost of ssh:// nodes: the release lbtop watching N nodes (default 50) over SSH to one local
# sshd on 127.0.0.1 at a 1 s interval, in tmux at 200x50. Reports, over the same seconds, the CPU
# (utime+stime from /proc/PID/stat, % of one core) of lbtop, of its ssh children together, and of
# what sshd runs for the sessions (the remote side: sshd session processes and their awk), plus
# lbtop's peak RSS.
#
#   Tests/perf/ssh-nodes.sh                          # builds the release lbtop, 50 nodes, 60 s
#   SSH_NODES=10 SSH_SECONDS=30 LBTOP=path/to/lbtop Tests/perf/ssh-nodes.sh
#   SSH_TIMEOUT=1s                                   # poll timeout (default 5s: on a loaded machine a
#                                                    # 1 s timeout ends and reopens sessions)
#
# Needs: openssh-server, openssh-client, tmux. Everything it starts is stopped by PID on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."

nodes=${SSH_NODES:-50}
seconds=${SSH_SECONDS:-60}
settle=${SSH_SETTLE:-10}
timeout=${SSH_TIMEOUT:-5s}
for tool in /usr/sbin/sshd ssh ssh-keygen tmux; do
    command -v "$tool" >/dev/null || { echo "ssh-nodes: $tool is missing (Debian packages openssh-server, openssh-client, tmux)" >&2; exit 1; }
done
if [ -z "${LBTOP:-}" ]; then
    swift build -c release --product lbtop >&2
    LBTOP=$(swift build -c release --show-bin-path)/lbtop
fi
[ -x "$LBTOP" ] || { echo "ssh-nodes: no lbtop binary at $LBTOP" >&2; exit 1; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/lbtop-sshperf.XXXXXX")
tmux_socket="$dir/tmux.sock"
sshd_pid=
cleanup() {
    tmux -S "$tmux_socket" kill-server 2>/dev/null || true
    if [ -n "$sshd_pid" ]; then
        for pid in $(descendants "$sshd_pid"); do kill "$pid" 2>/dev/null || true; done
        kill "$sshd_pid" 2>/dev/null || true
        wait "$sshd_pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Every process below $1 in the parent tree.
descendants() {
    local frontier="$1" found="" next pid
    while [ -n "$frontier" ]; do
        next=""
        for pid in $frontier; do next="$next $(ps -o pid= --ppid "$pid" 2>/dev/null | tr -d ' ' | tr '\n' ' ')"; done
        next=$(echo $next)
        found="$found $next"
        frontier="$next"
    done
    echo $found
}
# utime+stime ticks of the given PIDs, summed over those alive now.
ticks() {
    local total=0 pid fields
    for pid in "$@"; do
        fields=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null) || continue
        set -- $fields
        total=$((total + ${12} + ${13}))
    done
    echo "$total"
}

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
user=$(id -un)
ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$dir/client_key"
cp "$dir/client_key.pub" "$dir/authorized_keys"
cat > "$dir/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_key
AuthorizedKeysFile $dir/authorized_keys
PidFile none
UsePAM no
StrictModes no
UseDNS no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
AllowUsers $user
MaxStartups 200:30:400
CONF
echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$dir/host_key.pub")" > "$dir/known_hosts"
cat > "$dir/ssh_config" <<CONF
Host testhost
  HostName 127.0.0.1
  Port $port
  User $user
  IdentityFile $dir/client_key
  IdentitiesOnly yes
  UserKnownHostsFile $dir/known_hosts
  GlobalKnownHostsFile /dev/null
CONF
echo "ssh_config = \"$dir/ssh_config\"" > "$dir/lbtop.toml"
if [ "$(id -u)" -eq 0 ] && [ ! -d /run/sshd ]; then mkdir -p -m 0755 /run/sshd; fi
/usr/sbin/sshd -D -e -f "$dir/sshd_config" 2> "$dir/sshd.log" &
sshd_pid=$!
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

args=(--config "$dir/lbtop.toml" --interval 1s --timeout "$timeout")
for i in $(seq "$nodes"); do args+=(--node "n$i=ssh://testhost"); done
tmux -S "$tmux_socket" new-session -d -x 200 -y 50 "exec $LBTOP ${args[*]} 2> $dir/lbtop.err"
lbtop_pid=$(tmux -S "$tmux_socket" display -p '#{pane_pid}')
# Wait until every node has its session (one ssh child each), then settle.
for _ in $(seq 300); do
    [ "$(ps -o pid= --ppid "$lbtop_pid" | wc -l)" -ge "$nodes" ] && break
    sleep 0.2
done
sleep "$settle"
children=$(ps -o pid= --ppid "$lbtop_pid" | tr '\n' ' ')
remote=$(descendants "$sshd_pid")
echo "lbtop pid $lbtop_pid, $(echo $children | wc -w) ssh children, $(echo $remote | wc -w) sshd-side processes" >&2

hz=$(getconf CLK_TCK)
# Per-process readings, so a process that ends meanwhile (a session reopened) is left out of both.
snapshot() { local pid; for pid in "$@"; do echo "$pid $(ticks "$pid")"; done; }
delta() {   # $1, $2: snapshot files; prints summed ticks of the PIDs present in both
    awk 'NR == FNR { before[$1] = $2; next } ($1 in before) && $2 > 0 { total += $2 - before[$1]; n++ } END { print total + 0, n + 0 }' "$1" "$2"
}
snapshot "$lbtop_pid" > "$dir/l0"; snapshot $children > "$dir/c0"; snapshot $remote > "$dir/r0"
sleep "$seconds"
snapshot "$lbtop_pid" > "$dir/l1"; snapshot $children > "$dir/c1"; snapshot $remote > "$dir/r1"
read -r l_ticks _ < <(delta "$dir/l0" "$dir/l1")
read -r c_ticks still < <(delta "$dir/c0" "$dir/c1")
read -r r_ticks _ < <(delta "$dir/r0" "$dir/r1")
percent() { python3 -c "print(f'{$1 / $hz / $seconds * 100:.1f}')"; }
lbtop_cpu=$(percent "$l_ticks"); ssh_cpu=$(percent "$c_ticks"); remote_cpu=$(percent "$r_ticks")
total=$(python3 -c "print(f'{$lbtop_cpu + $ssh_cpu:.1f}')")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$lbtop_pid/status")
echo "nodes=$nodes seconds=$seconds interval=1s timeout=$timeout"
echo "lbtop:          $lbtop_cpu % of one core, peak RSS $((hwm / 1024)) MB"
echo "ssh children:   $ssh_cpu % ($still of them alive through the window)"
echo "lbtop + ssh:    $total %  ($(python3 -c "print(f'{$total / $nodes:.2f}')") % per node)"
echo "sshd side:      $remote_cpu % (sshd sessions and their awk: what the remote machines pay, together)"
