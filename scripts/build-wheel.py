#!/usr/bin/env python3
"""Builds the platform wheel of Assay (before auditwheel): python/assay plus the release binary and its resource
bundles under assay/_bin, and the `assay` console script. Standard library only.

Usage: scripts/build-wheel.py BUILD_DIR OUT_DIR
  BUILD_DIR  the release build folder holding `assay` and its `*.resources` bundles
  OUT_DIR    where the wheel goes (printed on success)
The binary goes in stripped of its symbols. The tag is `py3-none-linux_<machine>`; `auditwheel repair` then
grafts the native libraries and sets the honest manylinux tag.
"""

from __future__ import annotations

import base64
import hashlib
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "assay"


def version() -> str:
    text = (ROOT / "python" / "assay" / "__init__.py").read_text()
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.M)
    if not found:
        sys.exit("build-wheel: no __version__ in python/assay/__init__.py")
    return found.group(1)


def digest(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    build, out = Path(sys.argv[1]), Path(sys.argv[2])
    binary = build / "assay"
    if not binary.is_file():
        sys.exit(f"build-wheel: {binary}: no release binary; build it with swift build -c release --product assay")
    ver = version()
    tag = f"py3-none-linux_{platform.machine()}"
    dist_info = f"{NAME}-{ver}.dist-info"
    files: list[tuple[str, bytes, int]] = []  # archive name, bytes, mode
    for path in sorted((ROOT / "python" / "assay").rglob("*.py")):
        files.append((f"assay/{path.relative_to(ROOT / 'python' / 'assay')}", path.read_bytes(), 0o644))
    # Without its symbols: 70 MB instead of 111 MB with the Swift runtime inside.
    with tempfile.TemporaryDirectory() as scratch:
        stripped = Path(scratch) / "assay"
        if shutil.which("strip"):
            subprocess.run(["strip", "-o", str(stripped), str(binary)], check=True)
        else:
            shutil.copyfile(binary, stripped)
        files.append(("assay/_bin/assay", stripped.read_bytes(), 0o755))
    for bundle in sorted(build.glob("*.resources")):
        for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
            files.append((f"assay/_bin/{path.relative_to(build)}", path.read_bytes(), 0o644))
    readme = (ROOT / "README.md").read_text()
    metadata = "\n".join(
        [
            "Metadata-Version: 2.1",
            f"Name: {NAME}",
            f"Version: {ver}",
            "Summary: Judge synthetic training data against the real data it imitates",
            "Requires-Python: >=3.10",
            "License: Apache-2.0",
            "Description-Content-Type: text/markdown",
            "",
            readme,
        ]
    )
    files.append((f"{dist_info}/METADATA", metadata.encode(), 0o644))
    wheel = f"Wheel-Version: 1.0\nGenerator: assay build-wheel.py\nRoot-Is-Purelib: false\nTag: {tag}\n"
    files.append((f"{dist_info}/WHEEL", wheel.encode(), 0o644))
    files.append((f"{dist_info}/entry_points.txt", b"[console_scripts]\nassay = assay.__main__:main\n", 0o644))
    record = "".join(f"{name},{digest(data)},{len(data)}\n" for name, data, _ in files)
    record += f"{dist_info}/RECORD,,\n"
    files.append((f"{dist_info}/RECORD", record.encode(), 0o644))
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{NAME}-{ver}-{tag}.whl"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data, mode in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    print(target)


if __name__ == "__main__":
    main()
