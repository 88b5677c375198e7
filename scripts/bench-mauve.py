#!/usr/bin/env python3
"""MAUVE: Assay beside mauve-text, in one sitting, on the same embeddings.

Usage: scripts/bench-mauve.py P.npy Q.npy [REPEATS]

Runs mauve-text's compute_mauve(p_features=P, q_features=Q, seed=25) (its defaults: k = n/10, 5 k-means
restarts of at most 500 faiss iterations, 90% PCA variance) REPEATS times, then
`.build/release/AssayBench mauve P.npy Q.npy`, and prints both times and values. Needs mauve-text and
faiss-cpu from PyPI (a venv: pip install mauve-text faiss-cpu scikit-learn); Assay's tests do not.
Make the inputs with `.build/release/AssayBench embed-npy FIRST IN.jsonl OUT.npy COUNT`.
"""
import os
import subprocess
import sys
import time

import numpy as np


def main():
    p_path, q_path = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    import faiss
    import mauve

    p = np.load(p_path)
    q = np.load(q_path)
    print(f"mauve-text on P {p.shape}, Q {q.shape}; faiss {faiss.__version__}, "
          f"faiss threads {faiss.omp_get_max_threads()}, OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")
    for run in range(1, repeats + 1):
        start = time.perf_counter()
        out = mauve.compute_mauve(p_features=p, q_features=q, seed=25, verbose=False)
        print(f"mauve-text run {run}: MAUVE {out.mauve:.6f} in {time.perf_counter() - start:.2f} s")
    sys.stdout.flush()
    subprocess.run([".build/release/AssayBench", "mauve", p_path, q_path], check=True)


if __name__ == "__main__":
    main()
