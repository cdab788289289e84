#!/usr/bin/env bash
# Long forms of the fault tests (tests/build_faults.rs and tests/hostile_content.rs hold
# the fast forms that `cargo test` runs), against the release binary.
#
#   scripts/faults.sh [--kills N] [--roles N] [--binary PATH] [--skip-large]
#
# 1. Kills: generates a guide of --roles roles, builds it, then --kills times edits it,
#    starts a build, sends SIGKILL at a random moment within one build's duration, and
#    checks that the output folder is byte for byte the previous site or the new complete
#    one; then builds again (no cleaning up) and checks the result equals a clean build.
# 2. Writes refused part way: a file-size limit (ulimit -f); when mounting is allowed
#    (root), a tmpfs of a few MB that fills up, and the same tmpfs remounted read-only.
# 3. Two builds at once, --kills times: one is refused with a clear message, or they ran
#    one after the other; never a mixed output.
# 4. Hostile content (unless --skip-large): a 100 MB page of list items, a 10 MB line,
#    10,000-deep nesting; each with its wall time and peak memory as a multiple of the input.
#
# Prints one `faults ...` line per part with its counts and exits non-zero on any loss.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
source scripts/common.sh

kills=20
roles=2000
binary=""
large=1
while (($# > 0)); do
    case "$1" in
    --kills) kills="${2:?--kills needs a value}"; shift 2 ;;
    --roles) roles="${2:?--roles needs a value}"; shift 2 ;;
    --binary) binary="${2:?--binary needs a value}"; shift 2 ;;
    --skip-large) large=0; shift ;;
    -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "usage: scripts/faults.sh [--kills N] [--roles N] [--binary PATH] [--skip-large]" >&2; exit 2 ;;
    esac
done

guide="${binary:-$(GUIDE_BIN="${GUIDE_BIN:-}" guide_binary)}"
guide="$(realpath "$guide")"
work="$(mktemp -d)"
mounted=""
cleanup() {
    if [ -n "$mounted" ]; then umount "$mounted" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
failures=0
fail() {
    echo "faults: LOST: $*" >&2
    failures=$((failures + 1))
}

# A digest of every file's path and bytes below a folder ("none" when it does not exist).
digest() {
    if [ ! -d "$1" ]; then echo none; return; fi
    (cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum) | sha256sum | cut -d' ' -f1
}

# What a complete build of the site's sources writes, built into a folder of its own.
reference() {
    rm -rf "$work/reference"
    "$guide" build --quiet --root "$1" --output-dir "$work/reference" >/dev/null 2>&1 || { echo failed; return; }
    digest "$work/reference"
}

# Names a build must not leave beside the output: staging folders of killed builds.
leftovers() {
    find "$1" -maxdepth 1 -name '.public.staging-*' | wc -l
}

edit_site() {
    local site="$1" round="$2"
    local page
    page="$(find "$site/content" -name '*.md' ! -name '_index.md' | sort | sed -n "$((round % 50 + 1))p")"
    printf '\n\nEdited in round %s.\n' "$round" >>"$page"
    printf '+++\ntitle = "Added in round %s"\n+++\n\nNew.\n' "$round" >"$site/content/added-$round.md"
}

echo "faults: generating a guide of $roles roles" >&2
gen="$work/gen_corpus"
rustc --edition 2024 -O -o "$gen" examples/gen_corpus.rs
site="$work/site"
"$gen" --roles "$roles" --out "$site" --seed 7 >/dev/null

# 1. Kills at random moments.
"$guide" build --quiet --root "$site" >/dev/null
start=$(date +%s%N)
"$guide" build --quiet --root "$site" >/dev/null
build_ms=$((($(date +%s%N) - start) / 1000000))
echo "faults: one rebuild takes ${build_ms} ms; killing within that" >&2
old=$(digest "$site/public")
left_old=0 left_new=0 recovered=0
for ((round = 0; round < kills; round++)); do
    edit_site "$site" "$round"
    new=$(reference "$site")
    delay_ms=$((RANDOM % (build_ms + build_ms / 5 + 1)))
    "$guide" build --quiet --root "$site" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    after=$(digest "$site/public")
    if [ "$after" = "$old" ]; then
        left_old=$((left_old + 1))
    elif [ "$after" = "$new" ]; then
        left_new=$((left_new + 1))
    else
        fail "round $round: killed after ${delay_ms} ms, the output is neither the old site nor the new one"
    fi
    if "$guide" build --quiet --root "$site" >/dev/null 2>&1 && [ "$(digest "$site/public")" = "$new" ] && [ "$(leftovers "$site")" = 0 ]; then
        recovered=$((recovered + 1))
    else
        fail "round $round: the build after the kill did not give the complete new site"
    fi
    old="$new"
done
echo "faults kills: tried $kills, old site kept $left_old, new site complete $left_new, next build complete $recovered, lost $((kills - left_old - left_new))"

# 2. Writes refused part way.
refused_tried=0 refused_kept=0
check_refused() { # name, command...
    local name="$1"; shift
    local before after status=0
    before=$(digest "$site/public")
    "$@" >"$work/refused.log" 2>&1 || status=$?
    after=$(digest "$site/public")
    refused_tried=$((refused_tried + 1))
    if [ "$status" = 1 ] && grep -q "cannot write" "$work/refused.log" && [ "$before" = "$after" ]; then
        refused_kept=$((refused_kept + 1))
    else
        fail "$name: exit $status, output kept: $([ "$before" = "$after" ] && echo yes || echo no); $(head -c 300 "$work/refused.log")"
    fi
}
edit_site "$site" 1000
check_refused "file-size limit" sh -c 'ulimit -f 64 && exec "$0" build --quiet --root "$1"' "$guide" "$site"
next_ok=0
new=$(reference "$site")
if "$guide" build --quiet --root "$site" >/dev/null 2>&1 && [ "$(digest "$site/public")" = "$new" ]; then next_ok=$((next_ok + 1)); else fail "the build after the file-size limit"; fi
if [ "$(id -u)" = 0 ] && mkdir -p "$work/small" && mount -t tmpfs -o size=32m tmpfs "$work/small" 2>/dev/null; then
    mounted="$work/small"
    small="$work/small/site"
    "$gen" --roles 40 --out "$small" --seed 7 >/dev/null
    "$guide" build --quiet --root "$small" >/dev/null
    edit_site "$small" 1
    # Fill the disk so that the next build cannot finish writing.
    head -c $((32 * 1024 * 1024)) /dev/zero >"$work/small/filler" 2>/dev/null || true
    site_saved="$site"; site="$small"
    check_refused "disk full (tmpfs)" "$guide" build --quiet --root "$small"
    rm -f "$work/small/filler"
    new=$(reference "$small")
    if "$guide" build --quiet --root "$small" >/dev/null 2>&1 && [ "$(digest "$small/public")" = "$new" ]; then next_ok=$((next_ok + 1)); else fail "the build after the full disk"; fi
    edit_site "$small" 2
    mount -o remount,ro "$work/small"
    check_refused "read-only folder" "$guide" build --quiet --root "$small"
    mount -o remount,rw "$work/small"
    new=$(reference "$small")
    if "$guide" build --quiet --root "$small" >/dev/null 2>&1 && [ "$(digest "$small/public")" = "$new" ]; then next_ok=$((next_ok + 1)); else fail "the build after the read-only folder"; fi
    site="$site_saved"
    umount "$work/small" && mounted=""
else
    echo "faults: cannot mount a tmpfs here (not root?): the disk-full and read-only cases were not tried" >&2
fi
echo "faults refused-writes: tried $refused_tried, output kept $refused_kept, next build complete $next_ok"

# 3. Two builds at once.
together_ok=0 refused=0
for ((round = 0; round < kills; round++)); do
    edit_site "$site" $((2000 + round))
    new=$(reference "$site")
    "$guide" build --quiet --root "$site" >"$work/a.log" 2>&1 & a=$!
    "$guide" build --quiet --root "$site" >"$work/b.log" 2>&1 & b=$!
    sa=0 sb=0
    wait "$a" || sa=$?
    wait "$b" || sb=$?
    for pair in "$sa:$work/a.log" "$sb:$work/b.log"; do
        if [ "${pair%%:*}" = 1 ]; then
            if grep -q "another \`guide build\` is writing" "${pair#*:}"; then refused=$((refused + 1)); else fail "concurrent round $round: $(head -c 300 "${pair#*:}")"; fi
        fi
    done
    if [ "$(digest "$site/public")" = "$new" ] && { [ "$sa" = 0 ] || [ "$sb" = 0 ]; }; then together_ok=$((together_ok + 1)); else fail "concurrent round $round: output incomplete"; fi
done
echo "faults concurrent: rounds $kills, output complete $together_ok, second build refused $refused"

# 4. Hostile content.
if [ "$large" = 1 ]; then
    hostile() { # name, generator command writing the page body to stdout
        local name="$1"; shift
        local h="$work/hostile-$name"
        rm -rf "$h"; mkdir -p "$h/content"
        { printf '+++\ntitle = "%s"\n+++\n\n## Questions\n\n' "$name"; "$@"; } >"$h/content/page.md"
        local size status=0
        size=$(stat -c %s "$h/content/page.md")
        /usr/bin/time -f '%e %M' -o "$work/time" "$guide" build --quiet --root "$h" >"$work/hostile.log" 2>&1 || status=$?
        read -r seconds kib < <(tail -n 1 "$work/time")
        local outcome=page
        if [ "$status" = 1 ]; then outcome="error: $(grep -m1 'error:' "$work/hostile.log")"; elif [ "$status" != 0 ]; then outcome="CRASH $status"; fail "$name crashed"; fi
        awk -v n="$name" -v s="$size" -v k="$kib" -v t="$seconds" -v o="$outcome" \
            'BEGIN { printf "faults hostile %s: input %.1f MB, %s s, peak %.0f MiB = %.1f x input; %s\n", n, s / 1e6, t, k / 1024, k * 1024 / s, o }'
        rm -rf "$h"
    }
    hostile list-15mb awk 'BEGIN { for (i = 0; i < 390000; i++) printf "- Item number %d of a very long list\n", i }'
    hostile list-100mb awk 'BEGIN { for (i = 0; i < 2800000; i++) printf "- Item number %d of a very long list\n", i }'
    hostile line-10mb awk 'BEGIN { for (i = 0; i < 1250000; i++) printf "w%07d ", i; print "" }'
    hostile nested-lists awk 'BEGIN { for (i = 0; i < 10000; i++) printf "- "; print "deepest" }'
    hostile nested-quotes awk 'BEGIN { for (i = 0; i < 10000; i++) printf ">"; print " deepest" }'
fi

if [ "$failures" != 0 ]; then
    echo "faults: $failures cases lost data or crashed" >&2
    exit 1
fi
echo "faults: nothing lost"
