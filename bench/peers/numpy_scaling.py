#!/usr/bin/python3
"""numpy's side of bench/scaling.mjs: full-batch GD on random data for given layer sizes.
Usage: numpy_scaling.py DIMS M ITERS   (DIMS like 2,10,5,1). Prints ms_per_iter, and
final_cost: the cross-entropy of the weights after ITERS steps from the start (the warm-up
step is undone), which bench/numpy-start.mjs lets initlab reproduce and compare."""
import sys, time
import numpy as np

dims = [int(x) for x in sys.argv[1].split(",")]
m, iters = int(sys.argv[2]), int(sys.argv[3])
rs = np.random.RandomState(0)
X = rs.randn(dims[0], m)
Y = (rs.rand(1, m) > 0.5).astype(float)
p = [[rs.randn(dims[l], dims[l - 1]) * np.sqrt(2.0 / dims[l - 1]), np.zeros((dims[l], 1))] for l in range(1, len(dims))]

def step():
    A = [X]
    for l, (W, b) in enumerate(p):
        z = np.dot(W, A[-1]) + b
        A.append(1 / (1 + np.exp(-z)) if l == len(p) - 1 else np.maximum(0, z))
    dz = 1.0 / m * (A[-1] - Y)
    for l in range(len(p) - 1, -1, -1):
        dW = np.dot(dz, A[l].T); db = np.sum(dz, axis=1, keepdims=True)
        if l > 0:
            dz = np.multiply(np.dot(p[l][0].T, dz), A[l] > 0)
        p[l][0] -= 0.01 * dW; p[l][1] -= 0.01 * db

start = [[W.copy(), b.copy()] for W, b in p]
step()
for l, (W, b) in enumerate(start):
    p[l][0][...] = W
    p[l][1][...] = b
t = time.perf_counter()
for _ in range(iters):
    step()
print("ms_per_iter: %.4f" % ((time.perf_counter() - t) / iters * 1000))
A = X
for l, (W, b) in enumerate(p):
    z = np.dot(W, A) + b
    A = np.maximum(0, z)
print("final_cost: %r" % float(np.mean(np.logaddexp(0, z) - Y * z)))
