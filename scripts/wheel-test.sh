#!/usr/bin/env bash
# Installs the wheel into a fresh venv with pip alone and runs the bundled binary with a PATH that holds no Swift
# toolchain: `assay --version` must print the package's version, and `assay compare` on the fixtures through the
# console script must write the same report as the build's own binary (created_at aside). Then the Python API's
# pytest suite (python/tests) runs in that venv against the same reference report, and a notebook cell's
# representation of a report is rendered by headless Chromium (python/tests/notebook_render.py).
#
# Usage: scripts/wheel-test.sh WHEEL REFERENCE_BINARY
set -euo pipefail
wheel="$(realpath "$1")"
reference="$(realpath "$2")"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/assay-wheel-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --no-index "$wheel"
clean_path="$work/venv/bin:/usr/bin:/bin"
if env -i PATH="$clean_path" sh -c 'command -v swift' >/dev/null; then
    echo "wheel-test: swift is on $clean_path; the test needs a PATH without it" >&2
    exit 1
fi
version="$(env -i HOME="$work" PATH="$clean_path" assay --version)"
expected="$("$work/venv/bin/python" -c 'import assay; print(assay.__version__)')"
[ "$version" = "$expected" ] || { echo "wheel-test: assay --version printed '$version', the package is $expected" >&2; exit 1; }
echo "wheel-test: assay --version → $version, from $(env -i PATH="$clean_path" sh -c 'command -v assay')"
pair=(--original "$root/fixtures/reviews_original.jsonl" --synthetic "$root/fixtures/reviews_synthetic.jsonl"
    --embedder hashing --format json --quiet)
(cd "$work" && env -i HOME="$work" PATH="$clean_path" assay compare "${pair[@]}" --out wheel)
(cd "$work" && "$reference" compare "${pair[@]}" --out reference)
python3 - "$work/wheel/report.json" "$work/reference/report.json" <<'PY'
import json, sys
wheel, reference = (json.load(open(path)) for path in sys.argv[1:])
for report in (wheel, reference):
    report.pop("created_at", None)
if wheel != reference:
    sys.exit("wheel-test: the wheel's report.json differs from the reference binary's")
print(f"wheel-test: compare through the wheel gives the reference report ({len(wheel['metrics'])} metrics)")
PY
# The Python API's tests, in the same venv: pytest, pandas, pyarrow, datasets and tqdm from PyPI (the package
# itself needs none of them).
"$work/venv/bin/pip" install --quiet pytest==8.3.4 pandas==2.2.3 pyarrow==18.1.0 datasets==3.2.0 tqdm==4.67.1
(cd "$work" && env -i HOME="$work" PATH="$clean_path" ASSAY_FIXTURES="$root/fixtures" \
    ASSAY_REFERENCE="$work/reference/report.json" ASSAY_MODEL="$root/models/all-MiniLM-L6-v2" "$work/venv/bin/python" -m pytest -q -p no:cacheprovider \
    "$root/python/tests")
# The notebook representation, rendered: nbclient runs a cell, nbconvert exports it, headless Chromium loads it.
chromium="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$chromium" ] || { echo "wheel-test: no chromium on PATH (scripts/install-deps.sh test installs it)" >&2; exit 1; }
"$work/venv/bin/pip" install --quiet nbformat==5.10.4 nbclient==0.10.2 nbconvert==7.16.4 ipykernel==6.29.5
mkdir -p "$work/notebook"
(cd "$work" && env -i HOME="$work" PATH="$clean_path" "$work/venv/bin/python" \
    "$root/python/tests/notebook_render.py" "$root/fixtures" "$work/notebook" "$chromium")

