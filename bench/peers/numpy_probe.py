#!/usr/bin/python3
"""numpy's depth probe: RandomState(0); X = randn(500, 1000); 10 tanh layers of
N(0,1) x 0.01 weights; std per layer. Prints the stds and the seconds."""
import time
import numpy as np

t = time.perf_counter()
rs = np.random.RandomState(0)
H = rs.randn(500, 1000)
stds = []
for _ in range(10):
    H = np.tanh(np.dot(rs.randn(500, 500) * 0.01, H))
    stds.append(H.std())
print("stds:", " ".join(repr(float(s)) for s in stds))
print("seconds: %.4f" % (time.perf_counter() - t))
