#!/usr/bin/env bash
# The long versions of the recording tests CI runs short: the demo recorded for 60 s (a full
# incident of its script needs 150 s: RECORD_SECONDS=160) with every live --json line found among
# the replayed ones, and the haproxy incident with the server down for 60 s.
#
#   Tests/perf/replay-equality.sh
#   RECORD_SECONDS=160 DOWN_SECONDS=120 Tests/perf/replay-equality.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
LBTOP_E2E_RECORD_SECONDS=${RECORD_SECONDS:-60} LBTOP_E2E_DOWN_SECONDS=${DOWN_SECONDS:-60} \
    swift test --filter 'RecordReplayTests|RecordReportHAProxyTests'
