#!/usr/bin/python3
"""numpy's matrix product alone, at the wide-net workload's shape: (256 x 256) . (256 x 2000),
float64, as OpenBLAS does it here (run with and without OPENBLAS_CORETYPE to see both).
Prints GFLOP/s (2*M*N*K per product), best of 5 batches of 20 products."""
import time
import numpy as np

rs = np.random.RandomState(0)
W = rs.randn(256, 256)
A = rs.randn(256, 2000)
for _ in range(5):
    W @ A
best = float("inf")
for _ in range(5):
    t = time.perf_counter()
    for _ in range(20):
        W @ A
    best = min(best, (time.perf_counter() - t) / 20)
print("gemm_gflops: %.2f" % (2 * 256 * 256 * 2000 / best / 1e9))
