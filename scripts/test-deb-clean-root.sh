#!/usr/bin/env bash
# Installs a built lbtop .deb on a clean Debian 12 and runs it there (by hand, as root; not in CI:
# debootstrap takes minutes and needs a Debian mirror). Makes a minimal bookworm root with
# `debootstrap --variant=minbase` (kept untouched for the next run), copies it, installs the
# package into the copy with `dpkg -i`
# and lets `apt-get install -f` bring exactly its declared dependencies, then inside the root with
# a clean environment: --version, --help, --once --json against a real haproxy on loopback (its
# stats page and its socket), and `man -l` on the installed page (man-db added after the check).
#
# Usage: scripts/test-deb-clean-root.sh DEB [BASE]   (default BASE /tmp/lbtop-bookworm)
#        DEBOOTSTRAP_MIRROR (default http://deb.debian.org/debian)
set -euo pipefail
deb=$(realpath "${1:?usage: test-deb-clean-root.sh DEB [ROOT]}")
base=${2:-/tmp/lbtop-bookworm}
mirror=${DEBOOTSTRAP_MIRROR:-http://deb.debian.org/debian}
[ "$(id -u)" = 0 ] || { echo "test-deb-clean-root.sh: needs root (debootstrap, chroot)" >&2; exit 1; }
for tool in debootstrap haproxy python3; do
    command -v "$tool" >/dev/null || { echo "test-deb-clean-root.sh: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done
fail() { echo "FAIL: $*" >&2; exit 1; }
. "$(dirname "$0")/deb-test-haproxy.sh"

if [ ! -x "$base/usr/bin/apt-get" ]; then
    echo "== debootstrap --variant=minbase bookworm $base"
    debootstrap --variant=minbase bookworm "$base" "$mirror" > "$base.debootstrap.log" 2>&1 \
        || fail "debootstrap (see $base.debootstrap.log)"
fi
work=$(mktemp -d)
root=$work/root
haproxy_pid=
cleanup() {
    if [ -n "$haproxy_pid" ]; then kill "$haproxy_pid" 2>/dev/null || true; fi
    if umount "$root/proc" 2>/dev/null || ! mountpoint -q "$root/proc"; then rm -rf "$work"; fi
}
trap cleanup EXIT
cp -a "$base" "$root"
mount -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

echo "== Debian $(cat "$root/etc/debian_version"); before: $(in_root dpkg-query -W -f='${Package} ' libncursesw6 libsqlite3-0 2>/dev/null || true)"
cp "$deb" "$root/tmp/lbtop.deb"
in_root dpkg -i /tmp/lbtop.deb > "$root/tmp/dpkg-i.log" 2>&1 || echo "dpkg -i left dependencies to apt-get -f:"
grep -E "depends on|not installed" "$root/tmp/dpkg-i.log" || true
in_root apt-get update -qq
in_root apt-get install -f -y --no-install-recommends > "$root/tmp/apt-f.log" 2>&1 || fail "apt-get install -f: $(tail -5 "$root/tmp/apt-f.log")"
echo "apt-get install -f added: $(sed -n 's/^Setting up \([^ :]*\).*/\1/p' "$root/tmp/apt-f.log" | tr '\n' ' ')"
[ "$(in_root dpkg-query -W -f='${Status}' lbtop)" = "install ok installed" ] || fail "lbtop is not installed"

echo "== lbtop --version"
in_root lbtop --version
echo "== lbtop --help (first lines)"
in_root COLUMNS=100 lbtop --help > "$root/tmp/help.txt"
head -4 "$root/tmp/help.txt"
grep -q -- '--allow-actions' "$root/tmp/help.txt" || fail "--help lacks --allow-actions"

echo "== lbtop --once --json against haproxy"
mkdir -p "$root/run/haproxy"
start_test_haproxy "$root/run/haproxy/admin.sock" "$root/tmp"
in_root lbtop --once --json --interval 0.5s "http://127.0.0.1:$stats_port/stats;csv" unix:///run/haproxy/admin.sock > "$root/tmp/once.json"
python3 - "$root/tmp/once.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
health = [t["health"] for t in doc["targets"]]
servers = sorted({s["backend"] + "/" + s["name"] for s in doc["servers"]})
print("targets:", health, "servers:", servers)
assert health == ["fresh", "fresh"] and servers == ["app/app1", "app/app2"], "unexpected --once --json document"
PY

echo "== man -l (man-db installed now: it is not a dependency)"
in_root apt-get install -y --no-install-recommends man-db > "$root/tmp/apt-man.log" 2>&1 || fail "apt-get install man-db"
in_root MANPAGER=cat MANWIDTH=100 man -l /usr/share/man/man1/lbtop.1.gz > "$root/tmp/man.txt" 2> "$root/tmp/man.err"
head -8 "$root/tmp/man.txt"
[ -s "$root/tmp/man.err" ] && fail "man -l: $(cat "$root/tmp/man.err")"
grep -q -- '--allow-actions' "$root/tmp/man.txt" || fail "man page lacks --allow-actions"
echo "OK: $(basename "$deb") installs and runs on Debian $(cat "$root/etc/debian_version") (minbase)"
