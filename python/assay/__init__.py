"""Assay from Python: the `assay` binary, shipped inside this wheel, and a typed API over it.

    import assay
    report = assay.compare("real.jsonl", synthetic_dataframe, embedder="hashing")
    report.metric("diversity.distinct_2").synthetic.value

The wheel carries the release `assay` executable (Swift runtime linked statically, native libraries grafted by
auditwheel) under ``assay/_bin``. ``assay.binary()`` is its path; the ``assay`` console script runs it.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "AssayError", "GateResult", "InputError", "Report", "UsageError", "analyze", "binary", "compare",
    "fetch_model", "gate", "model_directory", "__version__",
]

__version__ = "0.1.0"


def binary() -> Path:
    """The path of the bundled ``assay`` executable (``$ASSAY_BINARY`` when set, for a source checkout).

    Raises FileNotFoundError when the package was installed without it (a source checkout, not a wheel).
    """
    override = os.environ.get("ASSAY_BINARY")
    path = Path(override) if override else Path(__file__).resolve().parent / "_bin" / "assay"
    if not path.is_file() or not os.access(path, os.X_OK):
        raise FileNotFoundError(f"{path}: no assay binary in this installation; install the platform wheel")
    return path


from .errors import AssayError, InputError, UsageError  # noqa: E402
from .model import fetch_model, model_directory  # noqa: E402
from .report import Report  # noqa: E402
from .run import GateResult, analyze, compare, gate  # noqa: E402
