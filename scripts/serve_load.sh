#!/usr/bin/env bash
# Load test of `guide serve` (release build): 200 clients on keep-alive connections for
# 60 s while the served role file is edited every 50 ms, with malformed, oversized and slow
# (slowloris) requests arriving meanwhile. Fails on any wrong answer, any response mixing
# two builds, or memory not given back; prints `LOAD {json}` with the requests made,
# failures, and the server's resident memory before and after.
#
#   scripts/serve_load.sh [--clients N] [--seconds N] [--binary PATH]
#
# Everything runs on loopback (127.0.0.1, a free port); the server and clients stop by
# themselves when the time is up. This is the long form of the test
# `clients_get_every_answer_right_from_one_build_while_files_are_edited_and_bad_requests_arrive`
# in tests/cli_serve.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh

clients=200
seconds=60
while (($# > 0)); do
  case "$1" in
  --clients) clients="${2:?--clients needs a number}"; shift 2 ;;
  --seconds) seconds="${2:?--seconds needs a number}"; shift 2 ;;
  --binary) GUIDE_BIN="${2:?--binary needs a path}"; shift 2 ;;
  -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
  *) echo "serve_load: unknown argument $1" >&2; exit 2 ;;
  esac
done
if ((clients < 1 || clients > 1000 || seconds < 1 || seconds > 600)); then
  echo "serve_load: --clients must be 1 to 1000 and --seconds 1 to 600" >&2
  exit 2
fi
binary="$(guide_binary)"
# Each client is a thread with a connection: leave room for them and the slow clients.
ulimit -n 8192 2>/dev/null || true
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
GUIDE_BINARY="$(realpath "$binary")" GUIDE_LOAD_CLIENTS="$clients" GUIDE_LOAD_SECONDS="$seconds" \
  timeout $((seconds + 300)) cargo test --quiet --test cli_serve -- --exact --nocapture \
  clients_get_every_answer_right_from_one_build_while_files_are_edited_and_bad_requests_arrive >"$log" 2>&1 ||
  status=$?
grep -E '^LOAD |panicked|failed|test result' "$log" || tail -20 "$log"
exit "$status"
