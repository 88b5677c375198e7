#!/usr/bin/env bash
# `make spark-test`: the plain runner (scripts/assay-shards.sh, xargs) and the Spark runner
# (scripts/spark/assay_spark.py, local[2]) on the same shards must write the same report.json.
#   1. Java (Debian openjdk-17-jre-headless, when `java` is missing) and .build/spark-venv with pyspark (both
#      kept: later runs skip them)
#   2. the assay binary: swift build --product assay -Xswiftc -O (skipped when ASSAY names a binary to test)
#   3. the data: fixtures/data/alps/agnews_test.jsonl as 4 original shards and a flawed 3-shard synthetic set,
#      by scripts/spark/make-test-shards.py, under .build/spark-test/data
#   4. both runners with --embedder hashing and --label-field label, then scripts/spark/compare-reports.py:
#      report.json equal apart from created_at and the runs' own folders, or exit 1 naming the JSON paths
#   5. `assay compare` on the same inputs: the sharded report must equal it apart from the command, the inputs'
#      paths and the sampling settings (every row is in the sample at this size)
# Each step prints its time; the end prints the total with OPENBLAS_CORETYPE and /proc/loadavg.
set -euo pipefail

PYSPARK_VERSION="3.5.9" # Java 8/11/17, Python 3.8-3.11
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
test_dir="$root/.build/spark-test"
venv="$root/.build/spark-venv"
start=$SECONDS
step_start=$SECONDS

step() {
    echo "spark-test: $1 ($((SECONDS - step_start)) s)" >&2
    step_start=$SECONDS
}

if ! command -v java >/dev/null; then
    echo "spark-test: installing openjdk-17-jre-headless" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
fi
step "java: $(java -version 2>&1 | head -n 1)"

if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
    echo "spark-test: installing pyspark $PYSPARK_VERSION into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check --no-cache-dir "pyspark==$PYSPARK_VERSION"
fi
step "pyspark $PYSPARK_VERSION in $venv"

if [ -n "${ASSAY:-}" ]; then
    assay="$(cd "$(dirname "$ASSAY")" && pwd)/$(basename "$ASSAY")"
else
    swift build --product assay -Xswiftc -O
    assay="$root/.build/debug/assay"
fi
step "assay: $assay"

python3 scripts/spark/make-test-shards.py fixtures/data/alps/agnews_test.jsonl "$test_dir/data"
step "data under $test_dir/data"

# Fresh folders: each runner must write its own report (neither creates the report folder itself).
rm -rf "$test_dir/plain" "$test_dir/spark"
scripts/assay-shards.sh --assay "$assay" --jobs 2 --work "$test_dir/plain/work" \
    --original "$test_dir/data/original" --synthetic "$test_dir/data/synthetic/part-*" \
    --out "$test_dir/plain/report" --report-option --embedder=hashing -- --label-field label
step "plain runner"

"$venv/bin/python" scripts/spark/assay_spark.py --assay "$assay" --master 'local[2]' --conf spark.ui.enabled=false \
    --work "$test_dir/spark/work" --original "$test_dir/data/original" --synthetic "$test_dir/data/synthetic/part-*" \
    --out "$test_dir/spark/report" --shard-option=--label-field=label --report-option=--embedder=hashing
step "Spark runner"

python3 scripts/spark/compare-reports.py "$test_dir/plain/report/report.json" "$test_dir/spark/report/report.json" \
    --same "$test_dir/plain/work" "$test_dir/spark/work" --same "$test_dir/plain/report" "$test_dir/spark/report"
for side in original synthetic; do
    cmp -s "$test_dir/plain/work/$side.state" "$test_dir/spark/work/$side.state" ||
        echo "spark-test: note: the two runs' merged $side states differ in bytes (the reports agree)" >&2
done
step "reports compared"

# With fewer rows than assay shard's --sample (20,000), the sample is every row, so the sharded report must be
# assay compare's on the same inputs, apart from the command, the inputs' paths (states here, data there) and
# the sampling settings.
rm -rf "$test_dir/compare"
"$assay" compare --original "$test_dir/data/original" --synthetic "$test_dir/data/synthetic/part-*" \
    --label-field label --embedder hashing --out "$test_dir/compare" -q
python3 scripts/spark/compare-reports.py "$test_dir/plain/report/report.json" "$test_dir/compare/report.json" \
    --ignore '$.command' --ignore '$.inputs.original.path' --ignore '$.inputs.synthetic.path' \
    --ignore '$.settings.sample' --ignore '$.settings.sharded'
step "sharded report against assay compare"
echo "spark-test: passed in $((SECONDS - start)) s; OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}," \
    "/proc/loadavg: $(cat /proc/loadavg)" >&2
