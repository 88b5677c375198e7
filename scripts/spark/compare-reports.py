#!/usr/bin/env python3
"""Checks that two report.json files are the same report: equal apart from what differs by design.

Ignored: every `created_at` (when the report was written). Paths that differ by design, each run's own work folder
and report folder, are given in pairs with `--same A B`: every occurrence of A or of B in a string value becomes
the same placeholder before the comparison. Numbers are compared exactly: both runners run the same binary on
the same files, so the floats must be bit-for-bit equal.

`--ignore PATH` skips a JSON path and what is under it (`--ignore '$.settings.sharded'`).

Prints the JSON paths that differ (`$.inputs.original.rows: 4000 != 3999`) and exits 1, or prints one line and
exits 0. Usage:

    python3 scripts/spark/compare-reports.py A/report.json B/report.json [--same WORK_A WORK_B]... [--ignore PATH]...
"""

import argparse
import json
import sys
from typing import Any

IGNORED_KEYS = frozenset({"created_at"})
SHOWN = 40


def normalise(value: Any, replacements: list[tuple[str, str]]) -> Any:
    """`value` with ignored keys dropped and every replaced substring in its strings swapped for its placeholder."""
    if isinstance(value, dict):
        return {key: normalise(item, replacements) for key, item in value.items() if key not in IGNORED_KEYS}
    if isinstance(value, list):
        return [normalise(item, replacements) for item in value]
    if isinstance(value, str):
        for old, new in replacements:
            value = value.replace(old, new)
    return value


def differences(a: Any, b: Any, ignored: frozenset[str], path: str = "$") -> list[str]:
    """The JSON paths where `a` and `b` differ, each with the two values (shortened), in document order.

    Paths in `ignored` (`$.settings.sharded`) are skipped with everything under them.
    """
    if path in ignored:
        return []
    if isinstance(a, dict) and isinstance(b, dict):
        found: list[str] = []
        for key in list(a) + [key for key in b if key not in a]:
            child = f"{path}.{key}"
            if child in ignored:
                continue
            if key not in b:
                found.append(f"{child}: only in the first report")
            elif key not in a:
                found.append(f"{child}: only in the second report")
            else:
                found += differences(a[key], b[key], ignored, child)
        return found
    if isinstance(a, list) and isinstance(b, list):
        found = [
            item
            for index, (x, y) in enumerate(zip(a, b, strict=False))
            for item in differences(x, y, ignored, f"{path}[{index}]")
        ]
        if len(a) != len(b):
            found.append(f"{path}: {len(a)} elements != {len(b)}")
        return found
    if type(a) is not type(b) or a != b:
        return [f"{path}: {json.dumps(a)[:80]} != {json.dumps(b)[:80]}"]
    return []


def main() -> int:
    """Compares the two reports; returns the exit status."""
    parser = argparse.ArgumentParser(description="Compare two report.json files, ignoring created_at.")
    parser.add_argument("first")
    parser.add_argument("second")
    parser.add_argument(
        "--same",
        nargs=2,
        action="append",
        default=[],
        metavar=("A", "B"),
        help="two strings (e.g. the runs' work folders) that stand for the same thing; repeatable",
    )
    parser.add_argument(
        "--ignore", action="append", default=[], metavar="PATH", help="a JSON path ($.settings.sharded) to skip"
    )
    args = parser.parse_args()
    replacements: list[tuple[str, str]] = []
    for number, pair in enumerate(args.same, start=1):
        # Longer strings first, so that a folder is replaced before a shorter prefix of it.
        replacements += [(text, f"<same:{number}>") for text in pair]
    replacements.sort(key=lambda item: len(item[0]), reverse=True)
    reports = []
    for path in (args.first, args.second):
        with open(path, encoding="utf-8") as file:
            reports.append(normalise(json.load(file), replacements))
    found = differences(reports[0], reports[1], frozenset(args.ignore))
    if found:
        print(f"compare-reports: {args.first} and {args.second} differ at {len(found)} place(s):", file=sys.stderr)
        for line in found[:SHOWN]:
            print(f"  {line}", file=sys.stderr)
        if len(found) > SHOWN:
            print(f"  … and {len(found) - SHOWN} more", file=sys.stderr)
        return 1
    aside = ", ".join(["created_at", *args.ignore])
    print(f"compare-reports: {args.first} and {args.second} are the same report ({aside} aside)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
