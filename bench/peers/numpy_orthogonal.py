#!/usr/bin/python3
"""numpy's side of bench/orthogonal.mjs: an n x n orthogonal layer by Keras' recipe from
RandomState(seed) (a = randn(n, n); q, r = qr(a); q *= sign(diag(r)); W = q.T), timed
without the draws (best of `repeats`); W goes to `out` as raw little-endian float64.
Usage: numpy_orthogonal.py N SEED REPEATS OUT"""
import sys, time
import numpy as np

n, seed, repeats, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
a = np.random.RandomState(seed).randn(n, n)
best = float("inf")
for _ in range(repeats):
    t = time.perf_counter()
    q, r = np.linalg.qr(a)
    q = q * np.sign(np.diag(r))
    W = q.T
    best = min(best, time.perf_counter() - t)
np.ascontiguousarray(W, dtype="<f8").tofile(out)
print("seconds: %.6f" % best)
