#!/usr/bin/env bash
# Lighthouse 12.2.3 (its default mobile preset) on the home page and a role page of the
# bundled guide, served gzip-compressed from loopback; prints the four category scores.
# Not part of CI: it installs Lighthouse itself, into a cache folder (not tests/).
# Usage: scripts/lighthouse.sh [ROLE_PATH]   (default /engineering/frontend-developer/)
# Env: GUIDE_CHROMIUM (default /usr/bin/chromium), LIGHTHOUSE_DIR, CARGO_TARGET_DIR, GUIDE_BIN
# (a guide binary to use instead of building the release one).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
role="${1:-/engineering/frontend-developer/}"
chromium="${GUIDE_CHROMIUM:-/usr/bin/chromium}"
lighthouse="$(lighthouse_in "${LIGHTHOUSE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/interview-guide/lighthouse-$LIGHTHOUSE_VERSION}")"
guide="$(guide_binary)"
work="$(mktemp -d)"
port="${LIGHTHOUSE_PORT:-18931}"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$guide" build --quiet --output-dir "$work/site" --base-url "http://127.0.0.1:$port"
node tests/js/serve_dir.js "$work/site" "$port" >/dev/null &
server_pid=$!
sleep 0.5
for path in / "$role"; do
  CHROME_PATH="$chromium" "$lighthouse" "http://127.0.0.1:$port$path" \
    --quiet --output=json --output-path="$work/report.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null
  node -e '
    const r = require(process.argv[1])
    const s = Object.values(r.categories).map((c) => `${c.title} ${Math.round(c.score * 100)}`).join(", ")
    const m = (id) => r.audits[id].displayValue
    console.log(`${process.argv[2]}: ${s} (FCP ${m("first-contentful-paint")}, LCP ${m("largest-contentful-paint")}, TBT ${m("total-blocking-time")}, CLS ${m("cumulative-layout-shift")})`)
    for (const c of Object.values(r.categories)) for (const a of c.auditRefs) {
      const audit = r.audits[a.id]
      if (a.weight > 0 && audit.score !== null && audit.score < 1) console.log(`  ${c.title}: ${audit.title} (${audit.score})`)
    }' "$work/report.json" "$path"
done
