#!/usr/bin/env bash
# Runs every check and test of the project: formatting, lints, unit, integration,
# snapshot, CLI, Node compatibility and browser tests. Installs what the tests need
# (Debian's chromium and word list, the npm test tooling) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/dict/words ] || missing+=(wamerican)
# pdftotext and pdfinfo read the printed interview kit in the theme browser test.
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing ${missing[*]} with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "The tests need these Debian packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

if [ -f tests/package-lock.json ]; then
  if [ ! -d tests/node_modules ] || [ tests/package-lock.json -nt tests/node_modules ]; then
    echo "Installing the npm test tooling (tests/package-lock.json)"
    npm ci --prefix tests --no-audit --no-fund --loglevel=error
    touch tests/node_modules
  fi
fi

cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
cargo test
