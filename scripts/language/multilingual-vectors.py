#!/usr/bin/env python3
"""Write sentence vectors of a multilingual model for `assay compare --embedder file:A.npy,B.npy`.

Assay's own embedder, all-MiniLM-L6-v2, was trained on English; for data in other languages bring vectors of a
multilingual sentence model instead. This script embeds the text field of each JSON Lines file, row for row in
file order (Assay matches vector i to row i), and saves float32 arrays with numpy.save.

Usage (in an environment with sentence-transformers and the model available locally):

    python scripts/language/multilingual-vectors.py MODEL original.jsonl original.npy synthetic.jsonl synthetic.npy
    assay compare --original original.jsonl --synthetic synthetic.jsonl \\
        --embedder file:original.npy,synthetic.npy --out report

MODEL is a sentence-transformers model name or folder, for example
sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2 (50+ languages). Options: --field NAME (default
"text"), --batch N (default 64). Rows whose text field is missing or empty get the vector of an empty string,
as Assay embeds them. Not run by Assay's tests: it needs the model, which Assay does not ship.
"""
import argparse
import json

import numpy as np
from sentence_transformers import SentenceTransformer


def texts(path, field):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                value = json.loads(line).get(field)
                yield value if isinstance(value, str) else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    ap.add_argument("pairs", nargs="+", help="INPUT.jsonl OUTPUT.npy, one pair per dataset")
    ap.add_argument("--field", default="text")
    ap.add_argument("--batch", type=int, default=64)
    args = ap.parse_args()
    if len(args.pairs) % 2:
        ap.error("give INPUT.jsonl OUTPUT.npy pairs")
    model = SentenceTransformer(args.model)
    for source, target in zip(args.pairs[::2], args.pairs[1::2]):
        rows = list(texts(source, args.field))
        vectors = model.encode(rows, batch_size=args.batch, convert_to_numpy=True, show_progress_bar=True)
        np.save(target, vectors.astype(np.float32))
        print(f"{target}: {vectors.shape[0]} vectors of {vectors.shape[1]} dimensions")


if __name__ == "__main__":
    main()
