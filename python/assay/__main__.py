"""The ``assay`` console script: runs the bundled binary with the same arguments, in place of Python."""

from __future__ import annotations

import os
import sys

from . import binary


def main() -> None:
    path = str(binary())
    os.execv(path, [path, *sys.argv[1:]])


if __name__ == "__main__":
    main()
