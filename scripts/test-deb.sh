#!/usr/bin/env bash
# Proves the shipped package by hand (not in `swift test`: a cold release build takes ~20-30 min):
# builds the static release binary (the Swift runtime linked in, the source paths mapped to "."),
# packages it with package-deb.sh, unpacks it into a fresh root with `dpkg -x`, and runs it there
# with a clean environment (`env -i`): --version, --help, --once --json against a real haproxy
# started here on free ports (stopped by PID), man -l on the page. Prints the package's size,
# the binary's size, its dependencies (`ldd`, NEEDED) and any build-machine path left in it.
#
# Usage: scripts/test-deb.sh [DEB]   (with a .deb, no build: that package is tested)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ $# -ge 1 ]; then
    deb=$1
else
    map="$root=."
    swift build -c release --static-swift-stdlib \
        -Xcc "-ffile-prefix-map=$map" -Xcxx "-ffile-prefix-map=$map" -Xswiftc -file-prefix-map -Xswiftc "$map"
    deb=$(scripts/package-deb.sh "$(swift build -c release --static-swift-stdlib --show-bin-path)/lbtop")
fi
work=$(mktemp -d)
haproxy_pid=
cleanup() {
    if [ -n "$haproxy_pid" ]; then kill "$haproxy_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
. "$root/scripts/deb-test-haproxy.sh"

echo "== package: $deb ($(du -k "$deb" | cut -f1) KiB)"
dpkg-deb -f "$deb" Package Version Architecture Installed-Size Depends
dpkg -x "$deb" "$work/root"
bin=$work/root/usr/bin/lbtop
echo "== binary: $(du -k "$bin" | cut -f1) KiB"
echo "== ldd"
ldd "$bin"
echo "== NEEDED / RUNPATH"
objdump -p "$bin" | grep -E 'NEEDED|RUNPATH|RPATH' || true
if objdump -p "$bin" | grep -q 'NEEDED *libswift'; then fail "the Swift runtime is linked dynamically"; fi

echo "== build-machine paths in the binary"
paths=$(strings "$bin" | grep -E -e "$root" -e '/opt/swift' -e '/home/' -e '/root/' || true)
if [ -n "$paths" ]; then
    echo "$paths" | head -20
    echo "($(echo "$paths" | wc -l) strings)"
else
    echo "none"
fi

# A clean environment: only HOME, LANG and what a call adds (VAR=value before the binary).
run() { env -i HOME="$work/home" LANG=C.UTF-8 "$@"; }
echo "== lbtop --version"
run "$bin" --version
run "$bin" --version | grep -q "^lbtop $(tr -d ' \n' < VERSION) (commit " || fail "--version"
echo "== lbtop --help (first lines)"
run COLUMNS=100 "$bin" --help > "$work/help.txt"
head -5 "$work/help.txt"
grep -q -- '--allow-actions' "$work/help.txt" || fail "--help lacks --allow-actions"

echo "== lbtop --once --json against haproxy"
start_test_haproxy "$work/admin.sock" "$work"
run "$bin" --once --json --interval 0.5s "unix://$work/admin.sock" > "$work/once.json"
python3 - "$work/once.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
health = [t["health"] for t in doc["targets"]]
servers = [s["backend"] + "/" + s["name"] for s in doc["servers"]]
print("targets:", health, "servers:", servers)
assert health == ["fresh"] and servers == ["app/app1", "app/app2"], "unexpected --once --json document"
PY

echo "== man -l"
MANPAGER=cat MANWIDTH=100 man -l "$work/root/usr/share/man/man1/lbtop.1.gz" > "$work/man.txt" 2>"$work/man.err"
head -12 "$work/man.txt"
[ -s "$work/man.err" ] && fail "man -l: $(cat "$work/man.err")"
echo "== files"
dpkg-deb -c "$deb" | awk '{print $3, $6}'
echo "OK: $deb installs and runs in a fresh root"
