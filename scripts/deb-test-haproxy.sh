# Sourced by test-deb.sh and test-deb-clean-root.sh: a haproxy on loopback for `lbtop --once --json`.
# start_test_haproxy SOCKET DIR: writes DIR/haproxy.cfg (stats socket at SOCKET, a stats page, a
# backend `app` with app1 and app2 on free ports, nothing listening behind them), starts haproxy
# with its log in DIR/haproxy.log and waits for the socket. Sets haproxy_pid and stats_port; the
# caller stops haproxy_pid. Needs fail() from the caller.
start_test_haproxy() {
    local socket=$1 dir=$2 port1 port2 port3
    read -r port1 port2 port3 stats_port < <(python3 -c 'import socket
s=[socket.socket() for _ in range(4)]
[x.bind(("127.0.0.1",0)) for x in s]
print(*[x.getsockname()[1] for x in s])')
    cat > "$dir/haproxy.cfg" <<CFG
global
    stats socket $socket mode 600 level operator
defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s
frontend stats
    bind 127.0.0.1:$stats_port
    stats enable
    stats uri /stats
frontend web
    bind 127.0.0.1:$port1
    default_backend app
backend app
    server app1 127.0.0.1:$port2
    server app2 127.0.0.1:$port3
CFG
    haproxy -f "$dir/haproxy.cfg" -db > "$dir/haproxy.log" 2>&1 &
    haproxy_pid=$!
    for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
    [ -S "$socket" ] || fail "haproxy did not start: $(cat "$dir/haproxy.log")"
}
