#!/usr/bin/env bash
# Builds the browser's query stemmers (stemmer-wasm/, one WebAssembly module per Snowball
# language of src/search/snowball.rs) into src/search/stemmers/<code>.wasm, which the
# binary embeds and the build writes beside each language's search index.
#   scripts/build_stemmers.sh           rebuild the committed modules
#   scripts/build_stemmers.sh --check   rebuild them elsewhere and fail unless they are
#                                       byte for byte the committed ones (CI)
# Needs rustup: stemmer-wasm/rust-toolchain.toml names the compiler and target, which
# rustup installs on first use. Paths are remapped so that the bytes do not depend on
# where the repository or the cargo registry are.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
check=0
[ "${1:-}" = --check ] && check=1
languages=$(sed -n 's/^    snowball!("\([a-z]*\)".*/\1/p' src/search/snowball.rs)
out=src/search/stemmers
if [ $check = 1 ]; then out=$(mktemp -d); trap 'rm -rf "$out"' EXIT; fi
cargo_home=${CARGO_HOME:-$HOME/.cargo}
export RUSTFLAGS="--remap-path-prefix=$repo=/guide --remap-path-prefix=$cargo_home=/cargo"
export CARGO_TARGET_DIR="$repo/stemmer-wasm/target"
for code in $languages; do
  (cd stemmer-wasm && GUIDE_STEM_LANGUAGE=$code cargo build --quiet --locked --release --target wasm32-unknown-unknown)
  cp "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/guide_stemmer_wasm.wasm" "$out/$code.wasm"
done
if [ $check = 1 ]; then
  status=0
  for code in $languages; do
    if ! cmp -s "$out/$code.wasm" "src/search/stemmers/$code.wasm"; then
      echo "src/search/stemmers/$code.wasm is not what stemmer-wasm/ builds: run scripts/build_stemmers.sh and commit the result" >&2
      status=1
    fi
  done
  exit $status
fi
ls -l "$out"
