# Shared by the measuring scripts (sourced, not run): which guide binary to measure, and
# the pinned Lighthouse they install outside the repository.

LIGHTHOUSE_VERSION=12.2.3

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
