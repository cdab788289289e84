#!/usr/bin/env bash
# Loads every kind of page of the bundled guide (home, section, role, plain page, salaries,
# skills, a skill, industries, an industry, search with results, 404) at 360, 768 and
# 1280 px with the CPU slowed down 8x in headless Chromium, RUNS times (default 10), and
# fails on any layout shift, saying which elements moved. The theme test runs it once.
# Needs Chromium and `npm ci --prefix tests`.
# Usage: scripts/layout_shift.sh [RUNS]   Env: GUIDE_BIN, CARGO_TARGET_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
runs="${1:-10}"
guide="$(guide_binary)"
echo "$(uptime)"
node tests/js/theme_browser.js --guide "$guide" --site . --fixture tests/fixtures/theme_site --only shift --runs "$runs"
echo "$(uptime)"
