#!/usr/bin/env bash
# Release smokes of the built binary (`make smoke`, run by `make test` after the tests):
#   compare   `assay compare` on the demo fixtures with MiniLM → report.json, report.html, summary.md
#   generate  `assay generate --replay` of the committed SmolLM2 cassette: two rounds, no server
# Usage: scripts/smoke.sh BINARY MODEL_DIR. Everything is written to a temporary folder, removed after.
set -euo pipefail

bin="${1:?usage: smoke.sh BINARY MODEL_DIR}"
model="${2:?usage: smoke.sh BINARY MODEL_DIR}"
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
model="$(cd "$model" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() {
    echo "smoke: $1" >&2
    for file in "$work"/*.out "$work"/*.err; do
        [ -s "$file" ] && { echo "--- $(basename "$file")" >&2; tail -n 20 "$file" >&2; }
    done
    exit 1
}

# Runs `assay ARGS…` in $work with output in $work/NAME.out and .err; sets `status` and prints the time.
run() {
    local name="$1"
    shift
    local start=$SECONDS
    status=0
    (cd "$work" && "$bin" "$@" >"$name.out" 2>"$name.err") || status=$?
    echo "smoke: $name exited $status after $((SECONDS - start)) s" >&2
}

run compare compare --original "$root/fixtures/reviews_original.jsonl" \
    --synthetic "$root/fixtures/reviews_synthetic.jsonl" --embedder minilm --model-dir "$model" \
    --store compare.sqlite --out compare
[ "$status" -eq 0 ] || fail "compare exited $status, not 0"
for file in report.json report.html summary.md; do
    [ -s "$work/compare/$file" ] || fail "compare wrote no $file"
done
python3 -m json.tool "$work/compare/report.json" >/dev/null || fail "compare/report.json is not JSON"
grep -q '"embedder" *: *"[^"]*MiniLM' "$work/compare/report.json" || fail "report.json names no MiniLM embedder"

# The cassette holds round 2's three requests, so both rounds replay; no --until-gate, so the run exits 0.
run generate generate --spec "$root/fixtures/llm/news.yml" --rounds 2 \
    --replay "$root/fixtures/llm/news-smollm2.cassette.json" --out news.jsonl --embedder hashing \
    --store generate.sqlite --report-dir generate-report
[ "$status" -eq 0 ] || fail "generate --replay exited $status, not 0"
grep -q '^round 2 (run #2): asked 3, kept 3;' "$work/generate.out" || fail "generate printed no round 2 of 3 answers"
grep -q 'per class: World 4, Sports 4, Business 4, Sci/Tech 4 (target 4)' "$work/generate.out" ||
    fail "generate did not fill every class"
rows=$(wc -l <"$work/news.jsonl")
[ "$rows" -eq 16 ] || fail "generate wrote $rows rows to news.jsonl, not 16"

echo "smoke: compare and generate --replay passed with $bin" >&2
