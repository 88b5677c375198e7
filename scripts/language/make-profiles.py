#!/usr/bin/env python3
"""Build Assay's character n-gram language profiles from langdetect 1.0.9.

Usage (from the repository root):

    scripts/language/make-profiles.py LANGDETECT_SDIST_DIR OUT_TSV [--top K]

e.g. `scripts/language/make-profiles.py /tmp/ld/langdetect-1.0.9
Sources/AssayText/Resources/language-profiles.tsv`, where the sdist is
`pip download --no-deps langdetect==1.0.9` unpacked (its
`langdetect/profiles/<code>` JSON files: {"freq": {gram: count},
"n_words": [n1, n2, n3], "name": code}).

Only the languages whose script several langdetect languages share are kept
(Latin, Cyrillic, Arabic, Devanagari; see LANGUAGES). Transform, per language:
every gram is lower-cased with str.lower() and the counts of grams that become
equal are added; grams of 1-3 characters (length after lower-casing) with at
least one non-space character and no TAB, CR or LF are kept (' ' is
langdetect's word boundary, as in " th" or "e "); then, unless --top 0, each
language keeps only its K most frequent grams of each length (ties broken by
the gram, Python string order). langdetect's own n_words totals are dropped:
@totals are the sums of the kept counts per n.

Output, UTF-8 with LF: '# ' provenance lines, then
    @languages<TAB>code:Script...      (by script Latn, Cyrl, Arab, Deva, then code)
    @totals<TAB>n<TAB>total(lang 0)<TAB>total(lang 1)...   for n = 1, 2, 3
    gram<TAB>index:count<TAB>index:count...   (sorted by gram, then index)
The same input gives the same bytes. Python 3 standard library only.
"""
import argparse
import json
import os
import sys

DEFAULT_TOP = 1000  # chosen with scripts/language/evaluate.py (see fixtures/README.md)

# Afrikaans (af) and Macedonian (mk) are left out: near neighbours of Dutch and Bulgarian that are far rarer in
# text (W3Techs' content languages), whose profiles took 10 of 120 Dutch and 11 of 120 Bulgarian held-out
# sentences of 10+ words (AssayBench language); their text is now told as Dutch and Bulgarian.
SCRIPTS = [
    ("Latn", "ca cs cy da de en es et fi fr hr hu id it lt lv nl no pl pt ro sk sl so sq sv sw tl tr vi"),
    ("Cyrl", "bg ru uk"),
    ("Arab", "ar fa ur"),
    ("Deva", "hi mr ne"),
]
LANGUAGES = [(code, script) for script, codes in SCRIPTS for code in sorted(codes.split())]


def load_profile(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    counts = {}
    for gram, count in data["freq"].items():
        g = gram.lower()
        if not 1 <= len(g) <= 3 or not g.strip():
            continue
        if "\t" in g or "\n" in g or "\r" in g:
            continue
        counts[g] = counts.get(g, 0) + int(count)
    return data, counts


def prune(counts, top):
    if not top:
        return counts
    kept = {}
    for n in (1, 2, 3):
        grams = sorted((g for g in counts if len(g) == n), key=lambda g: (-counts[g], g))
        for g in grams[:top]:
            kept[g] = counts[g]
    return kept


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sdist_dir")
    ap.add_argument("out_tsv")
    ap.add_argument("--top", type=int, default=DEFAULT_TOP,
                    help="keep each language's K most frequent grams per n (0: keep all; default %(default)s)")
    args = ap.parse_args()

    profiles_dir = os.path.join(args.sdist_dir, "langdetect", "profiles")
    version = "?"
    with open(os.path.join(args.sdist_dir, "PKG-INFO"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("Version:"):
                version = line.split(":", 1)[1].strip()
                break

    table = {}  # gram -> {index: count}
    totals = {n: [0] * len(LANGUAGES) for n in (1, 2, 3)}
    for i, (code, _) in enumerate(LANGUAGES):
        data, counts = load_profile(os.path.join(profiles_dir, code))
        if data.get("name") != code:
            sys.exit(f"profile {code}: name is {data.get('name')!r}")
        counts = prune(counts, args.top)
        for g, c in counts.items():
            table.setdefault(g, {})[i] = c
            totals[len(g)][i] += c

    prune_text = (f"each language keeps its {args.top} most frequent grams of each length n (ties by gram)"
                  if args.top else "no pruning (every gram kept)")
    lines = [
        f"# Character n-gram language profiles for Assay, from the PyPI package langdetect=={version}",
        "# (langdetect/profiles/<code>, sdist langdetect-1.0.9.tar.gz, SHA-256 cbc1fef89f8d062739774bd51eda3da3274006b3661d199c2655f6b3f6d605a0),",
        "# Copyright 2014-2015 Michal Danilak; a port of language-detection, Copyright 2010-2014 Cybozu Labs, Inc.;",
        "# Apache License 2.0 (the sdist's LICENSE and NOTICE). The profiles were built by language-detection from Wikipedia abstracts.",
        "# Transformed by scripts/language/make-profiles.py: only languages written in Latin, Cyrillic, Arabic or Devanagari script;",
        "# grams lower-cased with Python's str.lower() (counts of grams that become equal added), grams of 1-3 characters",
        "# with a non-space character kept (' ' is the word boundary); " + prune_text + ";",
        "# @totals are the sums of the kept counts per n (langdetect's n_words dropped).",
        "# langdetect normalised text before counting (U+0219/U+021B s/t with comma below -> U+015F/U+0163 with cedilla,",
        "# U+06CC Farsi yeh -> U+064A Arabic yeh, U+1EA0..U+1EFF -> U+1EC3), so those characters are absent; map input alike.",
        "# Format: @languages code:script...; @totals n count-per-language...; gram index:count... (index 0-based in @languages).",
        "\t".join(["@languages"] + [f"{c}:{s}" for c, s in LANGUAGES]),
    ]
    for n in (1, 2, 3):
        lines.append("\t".join(["@totals", str(n)] + [str(t) for t in totals[n]]))
    for g in sorted(table):
        row = table[g]
        lines.append("\t".join([g] + [f"{i}:{row[i]}" for i in sorted(row)]))
    os.makedirs(os.path.dirname(os.path.abspath(args.out_tsv)), exist_ok=True)
    with open(args.out_tsv, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    size = os.path.getsize(args.out_tsv)
    print(f"{args.out_tsv}: {len(LANGUAGES)} languages, {len(table)} grams, {size} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
