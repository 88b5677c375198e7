#!/usr/bin/env python3
"""Reference evaluation of Assay's n-gram language profiles on the held-out set.

Usage (from the repository root):

    scripts/language/evaluate.py [PROFILES_TSV [HELDOUT_JSONL]]

(defaults Sources/AssayText/Resources/language-profiles.tsv and
fixtures/data/language/heldout.jsonl). Python 3 standard library only.

The classifier: lower-case the text (str.lower()), turn every character that
is not a letter (Unicode category L* or M*) into a space, collapse runs of
spaces, pad with one space at each end; take every 1-, 2- and 3-character
substring that is not all spaces (" th", "he " keep their spaces). Each
candidate language scores the sum over those grams of
    log((count(gram, lang) + 0.5) / (total_n(lang) + 0.5 * V_n))
where total_n is the language's @totals for the gram's length n and V_n the
number of distinct n-grams in the whole table; grams no language knows are
skipped. Candidates are the languages of the text's dominant script (Latin,
Cyrillic, Arabic or Devanagari, by the prefix of each letter's Unicode name).
The best score wins (ties: first in @languages order).

Printed: a per-language table for the table as it is (a), rows of >= 10 words
("long") and of 3-9 words ("short"), with the confusions; then the variants
(b) trigrams only and (c) every language cut to its top 2000 / 1000 / 300 grams
per n (by count, ties by gram; totals and V_n recomputed from what is kept),
and, for information, (d) the table as it is with langdetect's own character
normalisation applied to the text first (Romanian s/t with comma below -> with
cedilla, Farsi yeh -> Arabic yeh, U+1EA0..U+1EFF -> U+1EC3), which is how
langdetect built its profiles; (e) every table of (a)-(c) scored instead with
log(count / total_n + 0.00005), a floor that is the same for every language
(langdetect's alpha / BASE_FREQ), and (f) = (e) on the table as is + (d).
Why (e): langdetect cut each profile at a different depth (es keeps 1,507
trigrams, ca 5,054) and the totals differ 2,700-fold (en 225 M trigrams, so
83 k), so under (a) a gram a language lacks costs log(0.5 / total), which is
far dearer for a big language than a small one: es loses to ca, nl to af, no to
da. A variant passes if each of en es fr de pt ru it nl pl tr is >= 0.97 on
long rows.
"""
import json
import math
import sys
import unicodedata
from collections import Counter, defaultdict

KEY_LANGS = "en es fr de pt ru it nl pl tr".split()
SCRIPT_NAMES = {"Latn": "LATIN", "Cyrl": "CYRILLIC", "Arab": "ARABIC", "Deva": "DEVANAGARI"}


def load_table(path):
    langs, totals, table = [], {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# ") or not line:
                continue
            parts = line.split("\t")
            if parts[0] == "@languages":
                langs = [tuple(p.split(":")) for p in parts[1:]]
            elif parts[0] == "@totals":
                totals[int(parts[1])] = [int(x) for x in parts[2:]]
            else:
                table[parts[0]] = {int(i): int(c) for i, c in (p.split(":") for p in parts[1:])}
    return langs, totals, table


def pruned(table, nlangs, top):
    """Keep each language's `top` most frequent grams per n (ties by gram)."""
    per = defaultdict(list)  # (lang, n) -> [(count, gram)]
    for g, row in table.items():
        for i, c in row.items():
            per[(i, len(g))].append((c, g))
    out = {}
    for (i, n), items in per.items():
        items.sort(key=lambda cg: (-cg[0], cg[1]))
        for c, g in items[:top]:
            out.setdefault(g, {})[i] = c
    return out


FLOOR = 0.5 / 10000  # langdetect's alpha / BASE_FREQ


class Model:
    def __init__(self, langs, table, ns=(1, 2, 3), scoring="add-half"):
        self.langs = langs
        self.ns = ns
        table = {g: row for g, row in table.items() if len(g) in ns}
        self.table = table
        nl = len(langs)
        totals = {n: [0] * nl for n in (1, 2, 3)}
        vocab = Counter()
        for g, row in table.items():
            vocab[len(g)] += 1
            for i, c in row.items():
                totals[len(g)][i] += c
        self.totals = totals
        self.vocab = vocab
        if scoring == "add-half":
            # log((count + 0.5) / (total_n + 0.5 V_n)) = lognum - logden
            self.logden = {n: [math.log(totals[n][i] + 0.5 * vocab[n]) if vocab[n] else 0.0 for i in range(nl)]
                           for n in (1, 2, 3)}
            self.lognum = {g: [math.log(row.get(i, 0) + 0.5) for i in range(nl)] for g, row in table.items()}
        else:
            # "floor": log(count / total_n + FLOOR), the same floor for every language
            self.logden = {n: [0.0] * nl for n in (1, 2, 3)}
            self.lognum = {g: [math.log(row.get(i, 0) / totals[len(g)][i] + FLOOR) if totals[len(g)][i]
                               else math.log(FLOOR) for i in range(nl)] for g, row in table.items()}
        self.by_script = defaultdict(list)
        for i, (_, s) in enumerate(langs):
            self.by_script[SCRIPT_NAMES[s]].append(i)

    def classify(self, text, normalise=None):
        if normalise:
            text = normalise(text)
        script = dominant_script(text)
        cands = self.by_script.get(script)
        if not cands:
            return None
        grams = extract(text, self.ns)
        scores = {i: 0.0 for i in cands}
        for g in grams:
            v = self.lognum.get(g)
            if v is None:
                continue
            den = self.logden[len(g)]
            for i in cands:
                scores[i] += v[i] - den[i]
        best = max(cands, key=lambda i: (scores[i], -i))
        return self.langs[best][0]


def dominant_script(text):
    c = Counter()
    for ch in text:
        if unicodedata.category(ch)[0] == "L":
            name = unicodedata.name(ch, "")
            for s in ("LATIN", "CYRILLIC", "ARABIC", "DEVANAGARI"):
                if name.startswith(s):
                    c[s] += 1
                    break
    return c.most_common(1)[0][0] if c else None


def extract(text, ns=(1, 2, 3)):
    t = "".join(ch if unicodedata.category(ch)[0] in "LM" else " " for ch in text.lower())
    t = " " + " ".join(t.split()) + " "
    out = []
    for n in ns:
        for k in range(len(t) - n + 1):
            g = t[k:k + n]
            if g.strip():
                out.append(g)
    return out


LD_MAP = {"\u0219": "\u015f", "\u0218": "\u015e", "\u021b": "\u0163", "\u021a": "\u0162", "\u06cc": "\u064a"}


def langdetect_normalise(text):
    return "".join(LD_MAP.get(ch, "\u1ec3" if "\u1ea0" <= ch <= "\u1eff" else ch)
                   for ch in unicodedata.normalize("NFC", text))


def evaluate(model, rows, normalise=None):
    res = defaultdict(lambda: {"long": [0, 0], "short": [0, 0], "conf": Counter()})
    for r in rows:
        pred = model.classify(r["text"], normalise)
        kind = "long" if r["words"] >= 10 else "short"
        cell = res[r["label"]]
        cell[kind][0] += 1
        if pred == r["label"]:
            cell[kind][1] += 1
        else:
            cell["conf"][(kind, pred)] += 1
    return res


def acc(pair):
    return pair[1] / pair[0] if pair[0] else float("nan")


def overall(res, kind):
    n = sum(v[kind][0] for v in res.values())
    k = sum(v[kind][1] for v in res.values())
    return k / n if n else float("nan")


def passes(res):
    return all(acc(res[l]["long"]) >= 0.97 for l in KEY_LANGS if l in res)


def main():
    tsv = sys.argv[1] if len(sys.argv) > 1 else "Sources/AssayText/Resources/language-profiles.tsv"
    data = sys.argv[2] if len(sys.argv) > 2 else "fixtures/data/language/heldout.jsonl"
    langs, totals, table = load_table(tsv)
    with open(data, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    print(f"profiles {tsv}: {len(langs)} languages, {len(table)} grams; held-out {data}: {len(rows)} rows")

    base = Model(langs, table)
    for n in (1, 2, 3):  # sanity: the file's @totals are the sums of its counts
        if base.totals[n] != totals[n]:
            print(f"warning: @totals {n} differ from the sums of the counts")

    res = evaluate(base, rows)
    print_table("(a) the table as is, 1-3 grams, log((count + 0.5) / (total_n + 0.5 V_n))", res)
    floor = Model(langs, table, scoring="floor")
    res_e = evaluate(floor, rows)
    print_table(f"(e) the table as is, 1-3 grams, log(count / total_n + {FLOOR:g})", res_e)

    tables = [("as is", table, (1, 2, 3)), ("trigrams only", table, (3,))]
    for k in (2000, 1000, 300):
        tables.append((f"top {k} per n", pruned(table, len(langs), k), (1, 2, 3)))
    results = []
    for scoring, tag in (("add-half", "a-c"), ("floor", "e")):
        for name, t, ns in tables:
            m = base if (scoring, name) == ("add-half", "as is") else \
                floor if (scoring, name) == ("floor", "as is") else Model(langs, t, ns=ns, scoring=scoring)
            r = res if m is base else res_e if m is floor else evaluate(m, rows)
            results.append((f"{tag} {scoring} {name}", m, r))
    results.insert(len(tables), ("d  add-half as is + langdetect chars", base,
                                 evaluate(base, rows, langdetect_normalise)))
    results.append(("f  floor as is + langdetect chars", floor, evaluate(floor, rows, langdetect_normalise)))

    labels = sorted(res)
    print("\nVariants: accuracy on rows of >= 10 words; 'pass' = each of " + " ".join(KEY_LANGS) + " >= 0.97")
    print(f"{'variant':<38}{'grams':>7}" + "".join(f"{l:>6}" for l in labels) + f"{'all':>7}{'short':>7}  pass")
    for name, m, r in results:
        print(f"{name:<38}{len(m.table):>7}" + "".join(f3(acc(r[l]['long'])) for l in labels)
              + f"{overall(r, 'long'):>7.3f}{overall(r, 'short'):>7.3f}  {'yes' if passes(r) else 'no'}")
    print("Variants: accuracy on rows of 3-9 words")
    for name, m, r in results:
        print(f"{name:<38}{'':>7}" + "".join(f3(acc(r[l]['short'])) for l in labels))


def f3(x):
    """Width 6, three decimals without the leading zero: '  .967', '  1.00'."""
    return "  1.00" if x >= 1 else f"{x:.3f}"[1:].rjust(6)


def print_table(title, res):
    print("\n" + title)
    print(f"{'lang':<5}{'n>=10':>6}{'acc':>7}{'n3-9':>6}{'acc':>7}  confusions (L: >= 10 words, S: 3-9 words; predicted x count)")
    for lab in sorted(res):
        v = res[lab]
        conf = ", ".join(f"{'L' if k == 'long' else 'S'}:{p} x{c}"
                         for (k, p), c in sorted(v["conf"].items(), key=lambda kv: (kv[0][0], -kv[1], str(kv[0][1]))))
        print(f"{lab:<5}{v['long'][0]:>6}{acc(v['long']):>7.3f}{v['short'][0]:>6}{acc(v['short']):>7.3f}  {conf}")
    print(f"{'all':<5}{'':>6}{overall(res, 'long'):>7.3f}{'':>6}{overall(res, 'short'):>7.3f}")

if __name__ == "__main__":
    main()
