#!/usr/bin/env bash
# Fuzzes every input-facing step with libFuzzer (cargo fuzz, nightly toolchain): front
# matter, Markdown, config.toml, search queries, slugs/aliases/links and `guide serve`'s
# request paths. The properties checked are those of src/invariants.rs, which the property
# tests (tests/properties.rs) also check inside `cargo test`.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 300 s, every target)
#
# Installs cargo-fuzz when it is missing. Each run starts from the committed seeds
# (fuzz/seeds/TARGET) plus what earlier runs found (fuzz/corpus/TARGET, not committed), runs
# at the lowest priority, and prints `FUZZ {json}` with the executions of every target.
# A crash is saved under fuzz/artifacts/TARGET/; the script then exits with status 1.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-300}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(front_matter markdown config search_query paths request_path)
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "Installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi
# No sanitizer: the code fuzzed is safe Rust, and this doubles the executions per second.
nice -n 19 cargo +nightly fuzz build -s none

failed=0
results=()
for target in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$target"
  log="$(mktemp)"
  echo "Fuzzing $target for $seconds s" >&2
  status=0
  nice -n 19 cargo +nightly fuzz run -s none "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1 ||
    status=$?
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
  corpus="$(find "fuzz/corpus/$target" -type f | wc -l)"
  if [ "$status" -ne 0 ]; then
    failed=1
    echo "$target FAILED (status $status); its input is under fuzz/artifacts/$target/:" >&2
    grep -E 'panicked|ERROR|SUMMARY|Test unit written' "$log" >&2 || tail -20 "$log" >&2
  fi
  results+=("\"$target\":{\"executions\":${runs:-0},\"corpus\":$corpus,\"status\":$status}")
  rm -f "$log"
done
(IFS=,; echo "FUZZ {\"seconds_per_target\":$seconds,${results[*]}}")
exit "$failed"
