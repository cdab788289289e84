#!/usr/bin/env bash
# Benchmark `guide serve`: how long after saving one role's file the browser shows the
# new page, in a generated guide (1,000 roles by default), release build.
#
#   scripts/serve_bench.sh [--roles N] [--edits N] [--corpus DIR] [--binary PATH] [--file content/x/role.md]
#
# Builds the release binary (and gen_corpus unless --corpus is given), copies the guide
# into a temporary folder, starts `guide serve` on it and opens a role page in headless
# Chromium (tests/js/serve_browser.js, playwright-core). Each edit writes the role file
# and waits for the page to reload by itself; the time is from the write to the reloaded
# page's `load` event. Edits alternate between the body (a sentence added) and the title
# (which also changes section listings, summaries and roles.json), one second apart.
# Prints `BENCH {json}` with every time and the medians, and the machine's load.
set -euo pipefail
cd "$(dirname "$0")/.."

roles=1000
edits=10
corpus=""
binary=""
file=""
while (($# > 0)); do
    case "$1" in
    --roles) roles="${2:?--roles needs a value}"; shift 2 ;;
    --edits) edits="${2:?--edits needs a value}"; shift 2 ;;
    --corpus) corpus="${2:?--corpus needs a folder}"; shift 2 ;;
    --binary) binary="${2:?--binary needs a path}"; shift 2 ;;
    --file) file="${2:?--file needs a path under the guide}"; shift 2 ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "serve_bench: unknown argument $1" >&2; exit 2 ;;
    esac
done

target="${CARGO_TARGET_DIR:-target}"
if [ -z "$binary" ]; then
    cargo build --release --quiet --bin guide
    binary="$target/release/guide"
fi
temp="$(mktemp -d)"
trap 'rm -rf "$temp"' EXIT
if [ -z "$corpus" ]; then
    cargo run --release --quiet --example gen_corpus -- --roles "$roles" --out "$temp/guide"
    corpus="$temp/guide"
fi
[ -f tests/node_modules/playwright-core/package.json ] || npm ci --prefix tests --no-audit --no-fund --loglevel=error

# A role from the middle of the guide (or --file): its file and its address. A role the
# home page names (the first high-demand role of a section) is the worst case: changing its
# title changes what every template sees as `summaries`, so every page is rendered again.
if [ -z "$file" ]; then
    file="$(cd "$corpus" && find content -mindepth 2 -name '*.md' ! -name '_index.md' ! -name 'index.md' | sort >"$temp/roles" && sed -n "$((($(wc -l <"$temp/roles") + 1) / 2))p" "$temp/roles")"
fi
[ -n "$file" ] || { echo "serve_bench: no role file under $corpus/content" >&2; exit 1; }
page="/${file#content/}"
page="${page%.md}/"

echo "serve_bench: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); editing $file ($page) $edits times each way"
GUIDE_SERVE_TIMINGS=1 node tests/js/serve_browser.js --guide "$binary" --root "$corpus" --bench "$edits" --page "$page" --file "$file"
