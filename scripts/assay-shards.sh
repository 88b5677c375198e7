#!/usr/bin/env bash
# Sharded Assay run on one machine: `assay shard` on every data file of each side, JOBS at a time (xargs -P),
# then `assay merge` per side, then `assay report`. Up to `--sample` rows a side (20,000 by default) the report is
# what `assay compare` writes for the files; beyond, every measure runs on the bottom-k sample and the inputs'
# counts are of every row (README, Sharded runs). No shard process holds more than one file's rows.
#
# Usage:
#   scripts/assay-shards.sh [--assay BIN] [--jobs N] [--work DIR] [-q]
#       --original SPEC [--original SPEC]... [--synthetic SPEC]... --out REPORT_DIR
#       [--report-option OPT]... [-- SHARD_OPTION...]
#
#   SPEC           a data file, a folder (its data files: .jsonl .ndjson .json .csv .tsv .tab .parquet, each
#                  optionally .gz or .zst; hidden files and sub-folders left out) or a quoted glob pattern
#                  ('data/train-*.jsonl.gz'), as `assay compare` reads them; repeat the option to add more
#   --assay BIN    the assay binary (default: assay on PATH)
#   --jobs N       shards run at once (default: nproc)
#   --work DIR     where the states go: DIR/original/00001-NAME.state …, DIR/original.state (merged);
#                  kept afterwards (default: a temporary folder, removed on exit)
#   --report-option OPT   one argument for `assay report`, repeated: --report-option --embedder=hashing
#   -- SHARD_OPTION...    the rest goes to every `assay shard`: -- --text-field text --label-field label
#   -q             no progress lines; -q is passed to assay too
#
# Exit status: 0 when the report was written; 1 when a shard, a merge or the report failed (the failing file
# and the end of its assay output are printed); 2 on a usage error. REPORT_DIR is written by `assay report`
# alone, atomically, so a failed run leaves no half-written report. No new shard starts once one has failed.
set -euo pipefail

me="assay-shards"
usage() {
    sed -n '7,10p' "$0" | sed 's/^#//' >&2
    echo "$me: $1 (see the comment at the top of $0)" >&2
    exit 2
}

assay="assay"
jobs="$(nproc)"
work=""
out=""
quiet=0
originals=()
synthetics=()
report_options=()
shard_options=()
while [ $# -gt 0 ]; do
    case "$1" in
        --assay | --jobs | --work | --original | --synthetic | --out | --report-option)
            [ $# -ge 2 ] || usage "$1 needs a value"
            case "$1" in
                --assay) assay="$2" ;;
                --jobs) jobs="$2" ;;
                --work) work="$2" ;;
                --original) originals+=("$2") ;;
                --synthetic) synthetics+=("$2") ;;
                --out) out="$2" ;;
                --report-option) report_options+=("$2") ;;
            esac
            shift 2
            ;;
        -q | --quiet) quiet=1 && shift ;;
        --) shift && shard_options=("$@") && break ;;
        -h | --help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//' && exit 0 ;;
        *) usage "unknown argument '$1'" ;;
    esac
done
[ ${#originals[@]} -gt 0 ] || usage "--original is required"
[ -n "$out" ] || usage "--out is required"
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || usage "--jobs needs a positive whole number, not '$jobs'"
if [[ "$assay" != */* ]]; then
    command -v "$assay" >/dev/null || usage "no '$assay' on PATH; give the binary with --assay"
    assay="$(command -v "$assay")"
fi
[ -x "$assay" ] || usage "$assay is not an executable file; build it with: swift build --product assay -Xswiftc -O"
if [ "$quiet" -eq 1 ]; then
    shard_options+=(-q)
    report_options+=(-q)
fi
[ ! -e "$out" ] || [ -d "$out" ] || usage "--out $out exists and is not a folder"

say() { [ "$quiet" -eq 1 ] || echo "$me: $*" >&2; }
fail() {
    echo "$me: $1" >&2
    [ $# -lt 2 ] || [ ! -s "$2" ] || { echo "--- last lines of $2" >&2 && tail -n 20 "$2" >&2; }
    exit 1
}

if [ -z "$work" ]; then
    work="$(mktemp -d "${TMPDIR:-/tmp}/assay-shards.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

is_data_file() {
    local name="${1,,}"
    name="${name%.gz}"
    name="${name%.zst}"
    case "$name" in
        *.jsonl | *.ndjson | *.json | *.csv | *.tsv | *.tab | *.parquet) return 0 ;;
        *) return 1 ;;
    esac
}
# Prints the data files SPEC names as NUL-terminated paths in byte-wise order, or stops the run.
resolve() {
    local spec="$1" path IFS=
    local -a found=()
    if [ -d "$spec" ]; then
        for path in "${spec%/}"/*; do
            [ -f "$path" ] && is_data_file "$path" && found+=("$path")
        done
        [ ${#found[@]} -gt 0 ] ||
            fail "$spec: the folder holds no data files (.jsonl, .json, .csv, .tsv, .parquet, optionally .gz or .zst)"
    elif [ -e "$spec" ]; then
        found=("$spec")
    elif [[ "$spec" == *[*?[]* ]]; then
        shopt -s nullglob
        # shellcheck disable=SC2206 # the pattern is expanded on purpose; IFS is empty, so nothing is split
        local -a matches=($spec)
        shopt -u nullglob
        [ ${#matches[@]} -gt 0 ] ||
            fail "$spec: no file matches the pattern; check it, and quote it so the shell leaves it alone"
        for path in "${matches[@]}"; do
            [ -f "$path" ] && is_data_file "$path" && found+=("$path")
        done
        [ ${#found[@]} -gt 0 ] || fail "$spec: the pattern matches ${#matches[@]} path(s) but no data files"
    else
        fail "$spec: no such file or folder"
    fi
    printf '%s\0' "${found[@]}" | LC_ALL=C sort -z
}

# The shard jobs: the pairs STATE FILE, NUL-separated, in $work/jobs; each side's states in $work/SIDE.states.
jobs_file="$work/jobs"
: >"$jobs_file"
for side in original synthetic; do
    if [ "$side" = original ]; then specs=("${originals[@]}"); else specs=("${synthetics[@]+"${synthetics[@]}"}"); fi
    [ ${#specs[@]} -gt 0 ] || continue
    mkdir -p "$work/$side"
    : >"$work/$side.states"
    declare -A seen=()
    index=0
    for spec in "${specs[@]}"; do
        resolve "$spec" >"$work/files"
        while IFS= read -r -d '' file; do
            key="$(realpath -e "$file")"
            [ -z "${seen[$key]:-}" ] ||
                fail "$file: named twice on the $side side (also as ${seen[$key]}); each file is read once"
            seen[$key]="$file"
            index=$((index + 1))
            state="$work/$side/$(printf '%05d' "$index")-$(basename "$file").state"
            printf '%s\0' "$state" >>"$work/$side.states"
            printf '%s\0%s\0' "$state" "$file" >>"$jobs_file"
        done <"$work/files"
    done
    unset seen
    say "$side: $index file(s)"
done

# Runs `assay shard FILE --out STATE OPTIONS…` for the last two arguments STATE FILE, the binary and the
# options before them. Its output goes to STATE's .log; a failure is recorded in $work/failed and stops new
# shards from starting (those already running finish), so xargs ends soon with every child reaped.
shard_one() {
    local -a command=("${@:1:$#-2}")
    local state="${*:$#-1:1}" file="${*:$#:1}"
    local log="${state%.state}.log" start=$SECONDS status=0
    [ ! -s "$work/failed" ] || return 0
    "${command[0]}" shard "$file" --out "$state" "${command[@]:1}" >"$log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
        {
            echo "$me: $file: assay shard exited $status"
            echo "--- last lines of $log"
            tail -n 20 "$log"
        } >&2
        printf '%s\n' "$file" >>"$work/failed"
        return 1
    fi
    [ "$quiet" -eq 1 ] || echo "$me: sharded $file in $((SECONDS - start)) s" >&2
}
export -f shard_one
export me work quiet

total=$(($(tr -cd '\0' <"$jobs_file" | wc -c) / 2))
say "running $total shard(s), $jobs at a time, states in $work"
start=$SECONDS
rm -f "$work/failed"
status=0
xargs -0 -n 2 -P "$jobs" bash -c 'shard_one "$@"' shard_one "$assay" "${shard_options[@]+"${shard_options[@]}"}" \
    <"$jobs_file" || status=$?
if [ -s "$work/failed" ]; then
    fail "$(wc -l <"$work/failed") shard(s) failed, first $(head -n 1 "$work/failed"); no report written"
fi
[ "$status" -eq 0 ] || fail "xargs exited $status; no report written"
say "sharded $total file(s) in $((SECONDS - start)) s"

quiet_option=()
[ "$quiet" -eq 0 ] || quiet_option=(-q)
report_arguments=()
for side in original synthetic; do
    [ -f "$work/$side.states" ] || continue
    mapfile -d '' -t side_states <"$work/$side.states"
    log="$work/$side.merge.log"
    "$assay" merge "${side_states[@]}" --out "$work/$side.state" "${quiet_option[@]+"${quiet_option[@]}"}" \
        >"$log" 2>&1 ||
        fail "assay merge of the $side side's ${#side_states[@]} state(s) into $work/$side.state failed" "$log"
    say "merged ${#side_states[@]} $side state(s) into $work/$side.state"
    report_arguments+=("--$side" "$work/$side.state")
done

log="$work/report.log"
"$assay" report "${report_arguments[@]}" --out "$out" "${report_options[@]+"${report_options[@]}"}" >"$log" 2>&1 ||
    fail "assay report into $out failed" "$log"
[ "$quiet" -eq 1 ] || cat "$log" >&2
say "report in $out"
