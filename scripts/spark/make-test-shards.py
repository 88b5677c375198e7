#!/usr/bin/env python3
"""Writes the sharded data `make spark-test` runs both runners on, from fixtures/data/alps/agnews_test.jsonl.

The 7,600 AG News test rows (4 classes of 1,900) are shuffled with seed 22. The first 4,000 become the original
side, 4 JSON Lines shards of 1,000 (original/train-0000K-of-00004.jsonl). The synthetic side is a deliberately
flawed set drawn from the other 3,600 rows, so the report has something to find:

- classes skewed to World 500, Sports 400, Business 200, Sci/Tech 100 rows (the original is balanced);
- 30 rows copied verbatim from the original side (leaked real data);
- 30 exact duplicates of earlier synthetic rows, most landing in a later shard than their first copy.

Its 1,260 rows, shuffled, are 3 shards of 420 (synthetic/part-0000K-of-00003.jsonl), the last gzip-compressed
(no name or time in the header, so the bytes are the same on every run). Usage:

    python3 scripts/spark/make-test-shards.py fixtures/data/alps/agnews_test.jsonl .build/spark-test/data
"""

import gzip
import json
import os
import random
import shutil
import sys
from typing import Any

SEED = 22
ORIGINAL_SHARDS, ORIGINAL_ROWS = 4, 1000
SYNTHETIC_SHARDS = 3
SYNTHETIC_CLASSES = {"World": 500, "Sports": 400, "Business": 200, "Sci/Tech": 100}
LEAKED, DUPLICATED = 30, 30

Row = dict[str, Any]


def write_shard(path: str, rows: list[Row]) -> None:
    """Writes `rows` as JSON Lines to `path`, gzip-compressed (reproducibly) when the name ends in .gz."""
    data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode()
    if path.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    with open(path, "wb") as file:
        file.write(data)


def split(rows: list[Row], parts: int) -> list[list[Row]]:
    """`rows` cut into `parts` consecutive runs of equal length (the last takes any remainder)."""
    size = len(rows) // parts
    return [rows[index * size : (index + 1) * size if index < parts - 1 else len(rows)] for index in range(parts)]


def main(source: str, out: str) -> None:
    """Reads `source` and writes out/original/ and out/synthetic/ afresh."""
    with open(source, encoding="utf-8") as file:
        rows: list[Row] = [json.loads(line) for line in file]
    generator = random.Random(SEED)
    generator.shuffle(rows)
    total = ORIGINAL_SHARDS * ORIGINAL_ROWS
    original, held_out = rows[:total], rows[total:]

    synthetic: list[Row] = []
    for label, count in SYNTHETIC_CLASSES.items():
        synthetic += [row | {"origin": "synthetic"} for row in held_out if row["label"] == label][:count]
    synthetic += [row | {"origin": "synthetic"} for row in generator.sample(original, LEAKED)]
    generator.shuffle(synthetic)
    for _ in range(DUPLICATED):
        position = generator.randrange(len(synthetic) // 3, len(synthetic) + 1)
        synthetic.insert(position, dict(synthetic[generator.randrange(position // 2 + 1)]))

    for side in ("original", "synthetic"):
        shutil.rmtree(os.path.join(out, side), ignore_errors=True)
        os.makedirs(os.path.join(out, side))
    for index, shard in enumerate(split(original, ORIGINAL_SHARDS)):
        write_shard(os.path.join(out, "original", f"train-{index:05d}-of-{ORIGINAL_SHARDS:05d}.jsonl"), shard)
    for index, shard in enumerate(split(synthetic, SYNTHETIC_SHARDS)):
        suffix = ".jsonl.gz" if index == SYNTHETIC_SHARDS - 1 else ".jsonl"
        write_shard(os.path.join(out, "synthetic", f"part-{index:05d}-of-{SYNTHETIC_SHARDS:05d}{suffix}"), shard)
    print(
        f"make-test-shards: {len(original)} original rows in {ORIGINAL_SHARDS} shards, {len(synthetic)} synthetic rows "
        f"in {SYNTHETIC_SHARDS} shards, under {out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make-test-shards.py SOURCE.jsonl OUT_DIR")
    main(sys.argv[1], sys.argv[2])
