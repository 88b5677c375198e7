#!/usr/bin/env python3
"""Writes the fortunes subset of fixtures/data/debian_fortunes from the full fortunes.jsonl.

Usage: scripts/subset-fortunes.py SOURCE TARGET
(SOURCE is ../shared/data/debian_fortunes/fortunes.jsonl beside the checkout.)

Keeps, in file order and byte for byte, every line whose text has a twin: another line whose text,
after Unicode NFKC, lower-casing and removing every character that is not a letter or digit, is the
same (this keeps each of the 79 exact-duplicate pairs and the reformatted copies whole), and of the
other lines those whose 0-based index is a multiple of 3.
"""
import collections
import json
import sys
import unicodedata


def key(text):
    return "".join(c for c in unicodedata.normalize("NFKC", text).lower() if c.isalnum())


source, target = sys.argv[1], sys.argv[2]
with open(source, "rb") as file:
    lines = file.read().splitlines(keepends=True)
keys = [key(json.loads(line)["text"]) for line in lines]
counts = collections.Counter(keys)
with open(target, "wb") as file:
    for index, line in enumerate(lines):
        if counts[keys[index]] > 1 or index % 3 == 0:
            file.write(line)
