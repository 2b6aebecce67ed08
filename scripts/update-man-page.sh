#!/usr/bin/env bash
# Regenerates docs/lbtop.1 from the argument parser with swift-argument-parser's generate-manual
# (its plugin builds the tool and lbtop in debug). The tool is then run on a wrapper that starts
# lbtop with HOME='~' and no XDG_* variables, so the default paths in the help read
# ~/.config/... rather than this machine's home. Blank lines become the .Pp breaks mdoc wants.
# ManPageTests fails when the page no longer matches the parser.
set -euo pipefail
cd "$(dirname "$0")/.."
swift package plugin generate-manual --configuration debug >/dev/null
bin=$(swift build --show-bin-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '#!/bin/sh\nexec env -u XDG_CONFIG_HOME -u XDG_STATE_HOME HOME="~" "%s/lbtop" "$@"\n' "$bin" > "$work/lbtop"
chmod +x "$work/lbtop"
"$bin/generate-manual-tool" "$work/lbtop" --date "$(date -u +%Y-%m-%d)" --output-directory "$work"
sed 's/^$/.Pp/' "$work/lbtop.1" > docs/lbtop.1
echo "docs/lbtop.1 updated"
