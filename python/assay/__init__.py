"""Assay from Python: the `assay` binary, shipped inside this wheel.

The wheel carries the release `assay` executable (Swift runtime linked statically, native libraries grafted by
auditwheel) under ``assay/_bin``. ``assay.binary()`` is its path; the ``assay`` console script runs it.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["binary", "__version__"]

__version__ = "0.1.0"


def binary() -> Path:
    """The path of the bundled ``assay`` executable.

    Raises FileNotFoundError when the package was installed without it (a source checkout, not a wheel).
    """
    path = Path(__file__).resolve().parent / "_bin" / "assay"
    if not path.is_file() or not os.access(path, os.X_OK):
        raise FileNotFoundError(f"{path}: no assay binary in this installation; install the platform wheel")
    return path
