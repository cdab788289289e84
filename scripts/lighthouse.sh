#!/usr/bin/env bash
# Lighthouse 12.2.3 (its default mobile preset) on the home page and every role page of the
# bundled guide, served gzip-compressed from loopback; prints the four category scores of
# each page, the audits that lost points, and the lowest score of each category over all
# pages. Exits 1 when a page scores under 100 in the categories named by LIGHTHOUSE_REQUIRE
# (default "seo"; empty to only report).
# Not part of CI: it installs Lighthouse itself, into a cache folder (not tests/).
# Usage: scripts/lighthouse.sh [PATH...]   (default: / and every role page)
# Env: GUIDE_CHROMIUM (default /usr/bin/chromium), LIGHTHOUSE_DIR, LIGHTHOUSE_PORT,
# LIGHTHOUSE_REQUIRE, CARGO_TARGET_DIR, GUIDE_BIN (a guide binary to use instead of
# building the release one).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
chromium="${GUIDE_CHROMIUM:-/usr/bin/chromium}"
lighthouse="$(lighthouse_in "${LIGHTHOUSE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/interview-guide/lighthouse-$LIGHTHOUSE_VERSION}")"
guide="$(guide_binary)"
work="$(mktemp -d)"
port="${LIGHTHOUSE_PORT:-18931}"
require="${LIGHTHOUSE_REQUIRE-seo}"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$guide" build --quiet --output-dir "$work/site" --base-url "http://127.0.0.1:$port"
node tests/js/serve_dir.js "$work/site" "$port" >/dev/null &
server_pid=$!
sleep 0.5
if [ "$#" -gt 0 ]; then
  paths=("$@")
else
  # The role pages: roles.json lists every one of them with its address.
  mapfile -t roles < <(node -e '
    for (const role of require(process.argv[1]).roles) console.log(role.path)' "$work/site/roles.json")
  paths=(/ "${roles[@]}")
fi
echo "Lighthouse $LIGHTHOUSE_VERSION on ${#paths[@]} pages ($(date -u +%Y-%m-%dT%H:%MZ))"
n=0
for path in "${paths[@]}"; do
  n=$((n + 1))
  CHROME_PATH="$chromium" "$lighthouse" "http://127.0.0.1:$port$path" \
    --quiet --output=json --output-path="$work/report-$n.json" \
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
    }' "$work/report-$n.json" "$path"
done
# The lowest score of each category over all pages; the required ones must be 100.
node -e '
  const [dir, count, needed] = process.argv.slice(1)
  const lowest = {}
  for (let i = 1; i <= +count; i++) {
    const r = JSON.parse(require("fs").readFileSync(`${dir}/report-${i}.json`, "utf8"))
    for (const [id, c] of Object.entries(r.categories)) {
      const score = Math.round(c.score * 100)
      if (!(id in lowest) || score < lowest[id].score) lowest[id] = { title: c.title, score, page: new URL(r.finalDisplayedUrl).pathname }
    }
  }
  console.log("Lowest over " + count + " pages: " + Object.values(lowest).map((l) => `${l.title} ${l.score} (${l.page})`).join(", "))
  const failed = needed.split(",").filter(Boolean).filter((id) => lowest[id] && lowest[id].score < 100)
  if (failed.length) { console.error(`under 100: ${failed.join(", ")}`); process.exit(1) }' "$work" "$n" "$require"
