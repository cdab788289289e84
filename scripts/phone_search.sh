#!/usr/bin/env bash
# Search on a phone: generates a guide of ROLES roles (default 10,000; seed 42), builds it,
# and types three queries into its search box in headless Chromium at a 390 px viewport,
# 150 ms between keys, unthrottled, with the CPU slowed 4x, and with 4x CPU plus Slow 4G
# (tests/js/phone_search.js says what is measured and the targets).
# Needs Chromium and `npm ci --prefix tests`.
# Usage: scripts/phone_search.sh [ROLES] [RUNS]   Env: GUIDE_BIN, CARGO_TARGET_DIR, KEEP=DIR
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
roles="${1:-10000}"
runs="${2:-1}"
guide="$(guide_binary)"
work="${KEEP:-$(mktemp -d "${TMPDIR:-/tmp}/guide-phone.XXXXXX")}"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
site="$work/roles-$roles"
if [ ! -d "$site/content" ]; then
  cargo run --release --quiet --example gen_corpus -- --roles "$roles" --out "$site" --seed 42 --force >/dev/null
fi
rm -rf "$work/out"
"$guide" build --quiet --root "$site" --output-dir "$work/out" --base-url http://127.0.0.1/
echo "$(uptime)"
echo "guide: $guide ($("$guide" --version)), $roles roles"
node tests/js/phone_search.js --site "$work/out" --runs "$runs"
echo "$(uptime)"
