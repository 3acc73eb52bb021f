#!/usr/bin/env python3
"""Calibrates dataset("classification")'s class separation against the seed model.

The seed model (the tour of docs/language.md) is Dense(128, relu) → Dense(128, relu) → Dense(1, sigmoid) trained with
Adam (lr 1e-3) for 10 epochs at batch 32 on 10000 of n = 12000 rows, scored on the other 2000.
Here scikit-learn's MLPClassifier stands in for it (same layers, optimizer, batch and epochs;
no L2 penalty, as Keras has none by default). Needs numpy and scikit-learn (pip install
scikit-learn: a local tool, not a dependency of gradbook).

    python3 bench/calibrate_classification.py                 # sweep class_sep on a NumPy port
    python3 bench/calibrate_classification.py --npy PREFIX... # score gradbook-made PREFIX_x.npy/_y.npy

The NumPy port follows DatasetGenerator.classification step by step with NumPy's own random
numbers, so it measures the task's difficulty, not gradbook's exact rows.
"""
import argparse
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier


def classification(n, f=10, k=2, flip=0.01, sep=1.0, seed=0):
    rng = np.random.default_rng(seed)
    inf = min(32, max(min(f, 2), (f + 1) // 2))
    red = min(f - inf, f // 5)
    per_class = 1 if 2 * k > 2 ** inf else 2
    clusters = k * per_class
    vertices = set()
    centres = []
    while len(centres) < clusters:
        bits = int(rng.integers(0, 2 ** inf))
        if bits in vertices:
            continue
        vertices.add(bits)
        centres.append([1.0 if bits >> j & 1 else -1.0 for j in range(inf)])
    z = rng.standard_normal((n, inf))
    y = np.zeros(n, dtype=int)
    start = 0
    for c in range(clusters):
        rows = n // clusters + (1 if c < n % clusters else 0)
        a = 2 * rng.random((inf, inf)) - 1
        z[start:start + rows] = z[start:start + rows] @ a + np.array(centres[c]) * sep
        y[start:start + rows] = c % k
        start += rows
    b = 2 * rng.random((inf, red)) - 1
    x = np.hstack([z, z @ b, rng.standard_normal((n, f - inf - red))])
    flipped = rng.random(n) < flip
    y[flipped] = rng.integers(0, k, flipped.sum())
    order = rng.permutation(n)
    return x[order][:, rng.permutation(f)].astype(np.float32), y[order]


def score(x, y):
    xtr, xte, ytr, yte = x[:10000], x[10000:], y[:10000], y[10000:]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        mlp = MLPClassifier((128, 128), solver="adam", learning_rate_init=1e-3, batch_size=32,
                            max_iter=10, alpha=0.0, random_state=0).fit(xtr, ytr)
    logistic = LogisticRegression(max_iter=1000).fit(xtr, ytr)
    return mlp.score(xte, yte), logistic.score(xte, yte)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--npy", nargs="*", help="prefixes of gradbook-made PREFIX_x.npy / PREFIX_y.npy")
    parser.add_argument("--seps", nargs="*", type=float, default=[0.8, 1.0, 1.2])
    parser.add_argument("--seeds", type=int, default=6)
    args = parser.parse_args()
    if args.npy:
        for prefix in args.npy:
            x, y = np.load(prefix + "_x.npy"), np.load(prefix + "_y.npy").astype(int)
            mlp, logistic = score(x, y)
            print(f"{prefix}: seed model ≈ {mlp:.4f}, logistic regression {logistic:.4f}", flush=True)
        return
    for sep in args.seps:
        results = [score(*classification(12000, sep=sep, seed=s)) for s in range(args.seeds)]
        mlp = [r[0] for r in results]
        print(f"class_sep {sep}: seed model mean {np.mean(mlp):.4f} (min {min(mlp):.4f}, max {max(mlp):.4f}); "
              f"logistic mean {np.mean([r[1] for r in results]):.4f}", flush=True)


if __name__ == "__main__":
    main()
