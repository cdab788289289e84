#!/usr/bin/env bash
# Measures what a first visit to a typical role page of the bundled guide transfers,
# gzip-compressed (HTML, CSS, our scripts; the search index loads only when the search box
# is used), in headless Chromium; checks no request goes to another origin and nothing
# shifts. Fails above 30,000 bytes. Needs Chromium and `npm ci --prefix tests`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
guide="$(guide_binary)"
node tests/js/theme_browser.js --guide "$guide" --site . --fixture tests/fixtures/theme_site --only weight |
  node -e '
    let out = ""
    process.stdin.on("data", (d) => { out += d }).on("end", () => {
      process.stdout.write(out)
      const line = out.split("\n").find((l) => l.startsWith("WEIGHT "))
      if (!line) process.exit(1)
      const w = JSON.parse(line.slice(7))
      for (const f of w.files) console.log(`${String(f.gzip).padStart(7)} B gzip  ${String(f.bytes).padStart(7)} B  ${f.path}`)
      console.log(`${String(w.total).padStart(7)} B gzip in total for ${w.page}; layout shift ${w.layoutShift}; other origins: ${w.foreign.length}`)
      const all = JSON.parse(out.split("\n").find((l) => l.startsWith("WEIGHTS ")).slice(8))
      console.log(`all ${all.roles} role pages: ${all.min} to ${all.max} B gzip, median ${all.median}`)
    })'
