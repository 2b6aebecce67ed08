#!/usr/bin/env bash
# Builds the libFuzzer targets (one binary, one symlink per target) from the pure parser sources
# only, makes each target's seed corpus from the captured fixtures, and runs each for SECONDS
# (default 20), two at a time. Fails on any crash, leak or timeout; prints each target's runs.
#
#   Tests/fuzz/run.sh [SECONDS] [TARGET...]
#
# FUZZ_SCRATCH (default .build/fuzz) holds the build, the seeds, the corpora (kept between runs,
# so a long run continues where the last one stopped) and any crashing input (crashes/).
# FUZZ_JOBS (default 2) targets run at once; FUZZ_MAX_LEN (default 8192) caps an input's size;
# FUZZ_FLAGS adds libFuzzer flags (FUZZ_FLAGS=-runs=10000000 stops each target at 10 million).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
seconds=${1:-20}
shift || true
scratch=${FUZZ_SCRATCH:-$root/.build/fuzz}
jobs=${FUZZ_JOBS:-2}
max_len=${FUZZ_MAX_LEN:-8192}
read -r -a extra_flags <<< "${FUZZ_FLAGS:-}"
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)

# --- Build -----------------------------------------------------------------------------------
# Only the pure LBTopCore and LBTopUI files the parsers need: no NIO, TOMLKit or SQLite, so the
# sanitizer build stays small. A file a parser needs that imports one of them fails this build.
core=Sources/LBTopCore
core_files=(
    "$core"/Model/{Identifiers,ServerState,ResponseRates}.swift
    "$core"/Fleet/{FleetAnswers,FleetBalancerRows,FleetBalancerRows+HAProxy,FleetBalancerRows+Proxies,FleetMapper,FleetNodeRows,FleetQuery,FleetSample}.swift
    "$core"/Parsers/*.swift "$core"/Parsers/*/*.swift
    "$core"/Logs/{HAProxyLogParser,LogLine,LogLineParser,NginxJSONLogParser,NginxLogParser,SyslogHeader,TerminationCode,LogBytes,LogBatch}.swift
    "$core"/Node/{NodeExporterReader,NodeSample,NodeSampleDecoder,ProcNodeReader,ProcFiles+Framed}.swift
    "$core"/Node/SSH/{RemoteAnswer,RemoteAnswer+Node,RemoteProcScript}.swift
    "$core"/Poller/{CollectError,BalancerBodyDecoder,PayloadDecoder,HAProxyStatsDecoder,TargetPayload}.swift
    "$core"/Tiers/{TierSample,TierRole,TierCredentials,TierAnswerDecoder}.swift
    "$core"/Config/{TOMLKeyLocator,ByteSizeText,DurationText+Parsing}.swift
    "$core"/Recording/{BodyCodec,RecordingError,FramedParts}.swift
)
ui=Sources/LBTopUI
ui_files=("$ui"/Theme/{BtopThemeParser,RGB,Theme,ThemeRoleMap,Gradient,CellAppearance,ColorDepth}.swift "$ui"/Screen/Style.swift)
fuzz_files=(Tests/fuzz/*.swift)
flags=(-sanitize=fuzzer,address -O -g -parse-as-library -swift-version 6 -enable-testing -I "$scratch" -I Sources/CZstd)
binary=$scratch/lbtop-fuzz

# Rebuilt when a source is newer than the binary (delete the binary after changing the flags).
build() {
    local newer build_start=$SECONDS
    newer=$(find "${core_files[@]}" "${ui_files[@]}" "${fuzz_files[@]}" -newer "$binary" 2>/dev/null | head -1 || true)
    [ ! -x "$binary" ] || [ -n "$newer" ] || return 0
    echo "fuzz: building $binary"
    swiftc "${flags[@]}" -wmo -module-name LBTopCore -emit-module -emit-module-path "$scratch/LBTopCore.swiftmodule" \
        -emit-library -static -o "$scratch/libLBTopCore.a" "${core_files[@]}"
    swiftc "${flags[@]}" -wmo -module-name LBTopUI -emit-module -emit-module-path "$scratch/LBTopUI.swiftmodule" \
        -emit-library -static -o "$scratch/libLBTopUI.a" "${ui_files[@]}"
    # gold warns about every ASan helper symbol it cannot export; nothing to act on.
    swiftc "${flags[@]}" -module-name LBTopFuzz -L "$scratch" -lLBTopCore -lLBTopUI -lzstd \
        -o "$binary" "${fuzz_files[@]}" 2>&1 | { grep -v "Cannot export local symbol" || true; }
    echo "fuzz: built in $((SECONDS - build_start))s"
}

# --- Seeds -----------------------------------------------------------------------------------
# The shared captures next to the repository when present, else the copies the unit tests use.
fixtures=$root/../shared/fixtures
[ -d "$fixtures" ] || fixtures=$root/Tests/LBTopCoreTests/Fixtures
local_fixtures=$root/Tests/LBTopCoreTests/Fixtures

# target: seed files (globs under the fixture folders; @name: made below).
declare -A seeds=(
    [haproxy-csv]="haproxy/*.csv"
    [show-info]="haproxy/show-info-*.txt @socket"
    [prometheus]="*/*.prom"
    [haproxy-exporter]="haproxy/prometheus-exporter-*.prom"
    [envoy]="envoy/*.json envoy/*.txt"
    [traefik]="traefik/*"
    [caddy]="caddy/*.json caddy/*.txt"
    [nginx-plus]="nginx/plus-*.json"
    [stub-status]="nginx-stub-status-*.txt nginx/nginx-stub-status-*.txt"
    [balancer-body]="haproxy/show-stat-2.6.csv haproxy/*.prom envoy/*.json traefik/* caddy/*.json nginx/plus-*.json nginx-stub-status-*.txt"
    [node-exporter]="node/*.prom"
    [proc-stat]="node/proc-stat.txt"
    [proc-meminfo]="node/proc-meminfo.txt"
    [proc-loadavg]="node/proc-loadavg.txt"
    [proc-net-dev]="node/proc-net-dev.txt"
    [proc-uptime]="node/proc-uptime.txt"
    [proc-framed]="@framed"
    [ssh-answer]="ssh/*"
    [haproxy-log]="haproxy/*log*.txt"
    [nginx-log]="nginx/access-upstream-1.22.log"
    [nginx-json-log]="nginx/access-upstream-json-*.log"
    [syslog-header]="haproxy/*log*.txt nginx/*.log"
    [redis-info]="redis/*"
    [memcached-stats]="memcached/*"
    [prometheus-api]="prometheus/*"
    [theme]="@themes"
    [config-values]="configs/* bad-configs/*"
    [recording-body]="@recorded"
    [body-codec]="node/proc-*.txt haproxy/show-info-2.6.txt redis/*"
)
order=(haproxy-csv show-info prometheus haproxy-exporter envoy traefik caddy nginx-plus stub-status balancer-body
       node-exporter proc-stat proc-meminfo proc-loadavg proc-net-dev proc-uptime proc-framed ssh-answer
       haproxy-log nginx-log nginx-json-log syslog-header redis-info memcached-stats prometheus-api theme config-values
       recording-body body-codec)

# What one local /proc poll records (`ProcFiles.Framed`): `name length\n`, the bytes, `\n`.
framed_proc() {
    local name file
    for name in stat meminfo loadavg net/dev uptime; do
        file=$fixtures/node/proc-${name/\//-}.txt
        printf '%s %d\n' "$name" "$(wc -c < "$file")"; cat "$file"; printf '\n'
    done
    printf 'hostname 4\nweb1\naddresses 9\n127.0.0.1\nticks 3\n100\n'
}

make_seeds() {
    local target=$1 dir=$scratch/seeds/$1 pattern file base
    rm -rf "$dir"; mkdir -p "$dir"
    for pattern in ${seeds[$target]}; do
        case $pattern in
        @socket) cat "$fixtures"/haproxy/show-info-2.6.txt "$fixtures"/haproxy/show-stat-2.6.csv \
                     "$local_fixtures"/haproxy/show-table-2.6.txt > "$dir/socket-answer" ;;
        @framed) framed_proc > "$dir/framed" ;;
        @themes) cp "$root"/Sources/LBTopUI/Themes/*.theme "$dir/" ;;
        @recorded)
            # First byte: the decoder, in `PayloadDecoder.allCases` order.
            { printf '\x00'; cat "$fixtures"/haproxy/show-stat-2.6.csv; } > "$dir/0-haproxy-csv"
            { printf '\x01'; cat "$fixtures"/envoy/clusters-json-*.json; } > "$dir/1-balancer-http"
            { printf '\x02'; cat "$fixtures"/haproxy/show-info-2.6.txt "$fixtures"/haproxy/show-stat-2.6.csv; } > "$dir/2-socket"
            { printf '\x03'; cat "$fixtures"/node/node-exporter-*.prom; } > "$dir/3-node-exporter"
            { printf '\x04'; framed_proc; } > "$dir/4-proc"
            { printf '\x05dropped 3\n'; cat "$fixtures"/haproxy/httplog-udp-2.6.txt; } > "$dir/5-log-lines"
            { printf '\x06'; cat "$local_fixtures"/redis/*; } > "$dir/6-redis"
            { printf '\x07'; cat "$local_fixtures"/memcached/*; } > "$dir/7-memcached" ;;
        *)
            for file in "$fixtures"/$pattern "$local_fixtures"/$pattern; do
                [ -f "$file" ] || continue
                base=${file#"$root"/}; base=${base#../}
                cp "$file" "$dir/${base//\//_}"
            done ;;
        esac
    done
    # Inputs that once crashed a target (each also a unit test) stay in its seeds.
    for file in "$local_fixtures"/fuzz/"$target"-*; do [ -f "$file" ] && cp "$file" "$dir/"; done
    [ -n "$(ls -A "$dir")" ] || { echo "fuzz: no seed fixtures for $target under $fixtures" >&2; return 1; }
}

# --- Run -------------------------------------------------------------------------------------
run_one() {
    local target=$1
    # Swift's own crash reporter reads the dead process's memory, which ASan reports as a second
    # fault hiding the first; libFuzzer's report of the trap is the one wanted.
    export SWIFT_BACKTRACE=enable=no
    # -timeout: one input taking 5 s is a hang; -rss_limit_mb: growth beyond 2 GB is a leak.
    # -detect_leaks (LeakSanitizer) is on by default: a leak fails the run like a crash.
    if "$scratch/$target" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len="$max_len" \
        -print_final_stats=1 -artifact_prefix="$scratch/crashes/$target-" ${extra_flags[@]+"${extra_flags[@]}"} \
        "$scratch/corpus/$target" "$scratch/seeds/$target" > "$scratch/logs/$target.log" 2>&1; then
        echo ok > "$scratch/logs/$target.status"
    else
        echo "failed (exit $?)" > "$scratch/logs/$target.status"
    fi
}

main() {
    local target running=0 failed=0 log runs rate status
    build
    targets=("$@")
    ((${#targets[@]})) || targets=("${order[@]}")
    for target in "${targets[@]}"; do
        [ -n "${seeds[$target]:-}" ] || { echo "fuzz: unknown target $target (known: ${order[*]})" >&2; exit 2; }
        ln -sf lbtop-fuzz "$scratch/$target"
        make_seeds "$target"
        mkdir -p "$scratch/corpus/$target" "$scratch/crashes" "$scratch/logs"
        rm -f "$scratch/logs/$target.status"
    done

    echo "fuzz: ${#targets[@]} targets, ${seconds}s each, $jobs at a time"
    for target in "${targets[@]}"; do
        run_one "$target" &
        running=$((running + 1))
        if ((running >= jobs)); then wait -n || true; running=$((running - 1)); fi
    done
    wait || true

    printf '%-18s %12s %10s  %s\n' target runs runs/s result
    for target in "${targets[@]}"; do
        log=$scratch/logs/$target.log
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
        rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
        status=$(cat "$scratch/logs/$target.status" 2>/dev/null || echo "no result")
        printf '%-18s %12s %10s  %s\n' "$target" "${runs:--}" "${rate:--}" "$status"
        if [ "$status" != ok ]; then
            failed=1
            echo "---- $target: $log"
            grep -E -A30 '^==[0-9]+==ERROR|^ALARM|^SUMMARY|Fatal error|deadly signal' "$log" | head -60 || tail -40 "$log"
        fi
    done
    if ((failed)); then
        echo "fuzz: FAILED; the inputs are in $scratch/crashes/ (replay one: $scratch/TARGET FILE)"
        exit 1
    fi
    echo "fuzz: no crash, leak or timeout"
}

# The whole script is read before it runs, so editing it mid-run changes nothing.
main "$@"; exit
