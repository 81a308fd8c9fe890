#!/usr/bin/python3
"""Writes test/fixtures/pairwise_sums.json: np.sum, np.mean and np.sum(axis=1) of vectors and
matrices that initlab can rebuild bit for bit from a seed.

The inputs are drawn from numpy's legacy RandomState (which initlab reproduces exactly):
x = randn(n) * 2.0**randint(-40, 41, n), so that the values span 24 orders of magnitude and
their sums round at every step (a plain left-to-right sum differs from numpy's). Scaling by a
power of two is exact in both languages. The expected values are what numpy 1.24 returns.

Usage: /usr/bin/python3 scripts/make_pairwise_fixture.py   (from the repository root)
"""
import json
import numpy as np


def vector(seed, n):
    rs = np.random.RandomState(seed)
    g = rs.randn(n)
    k = rs.randint(-40, 41, size=n)
    return g * 2.0 ** k


def main():
    cases = []
    lengths = list(range(1, 301)) + [511, 512, 513, 1000, 1023, 1024, 1025, 4096, 8191, 8192, 8193, 10000, 16384, 16385, 20000, 65537, 100000]
    for n in lengths:
        seed = 1000 + n
        x = vector(seed, n)
        cases.append({"seed": seed, "n": n, "sum": float(np.sum(x)), "mean": float(np.mean(x)), "nansum": float(np.nansum(x))})
    rows = []
    # (r × m) matrices filled row by row from one stream, summed along axis 1 as the bias gradients are
    for r, m, seed in [(10, 300, 1), (5, 300, 2), (1, 300, 3), (7, 129, 4), (3, 8200, 5), (4, 1, 6), (600, 33, 7)]:
        M = vector(seed, r * m).reshape(r, m)
        rows.append({"seed": seed, "rows": r, "cols": m, "sums": [float(v) for v in np.sum(M, axis=1, keepdims=True)[:, 0]]})
    out = {
        "numpy": np.__version__,
        "recipe": "x = RandomState(seed): randn(n) * 2.0**randint(-40, 41, n); a matrix is one such vector, reshaped row by row",
        "vectors": cases,
        "rows": rows,
    }
    with open("test/fixtures/pairwise_sums.json", "w") as f:
        json.dump(out, f)
    print(f"test/fixtures/pairwise_sums.json: {len(cases)} vectors, {len(rows)} matrices")


main()
