#!/usr/bin/python3
"""Gradient checks whose parameters dwarf epsilon: numpy's central differences, for
test/gradcheck-scale.test.ts.

The network is initlab's `gradcheck --init random --scale S --activation tanh` on the notebook's
data: layers 2, 10, 5, 1, W_l = randn(n_l, n_{l-1}) * S drawn in layer order from
np.random.seed(3) (the notebook's initialize_parameters_random), b_l = 0; tanh hidden layers,
a sigmoid output, the stable cost mean(logaddexp(0, z) - y z). Every parameter (W1, b1, W2,
..., each by rows) is nudged by +-eps in turn; difference = ||g - g~|| / (||g|| + ||g~||) with
g from backpropagation. For each scale: the difference at eps = 1e-7, at the power of ten
>= 1e-7 * max|theta|, and the rounding floor 2^-53 * max|theta| / eps.

  /usr/bin/python3 scripts/make_gradcheck_scale_fixture.py > test/fixtures/gradcheck_scale.json
"""
import json
import math

import numpy_libm  # noqa: F401  (numpy's sin/cos as the C library's, for make_circles)
import numpy as np
import sklearn.datasets

from _common import central_differences

DIMS = [2, 10, 5, 1]


def network(scale):
    np.random.seed(3)
    p = []
    for l in range(1, len(DIMS)):
        p.append(np.random.randn(DIMS[l], DIMS[l - 1]) * scale)
        p.append(np.zeros((DIMS[l], 1)))
    return p


def forward(p, X):
    A = X
    cache = [A]
    L = len(p) // 2
    for l in range(L):
        Z = p[2 * l] @ A + p[2 * l + 1]
        A = np.tanh(Z) if l < L - 1 else Z
        cache.append(A)
    return A, cache


def cost(p, X, Y):
    z, _ = forward(p, X)
    return np.mean(np.logaddexp(0, z) - Y * z)


def grads(p, X, Y):
    m = X.shape[1]
    z, cache = forward(p, X)
    L = len(p) // 2
    dZ = (1 / (1 + np.exp(-z)) - Y) / m
    out = [None] * len(p)
    for l in reversed(range(L)):
        A_prev = cache[l]
        out[2 * l] = dZ @ A_prev.T
        out[2 * l + 1] = dZ.sum(axis=1, keepdims=True)
        if l:
            dZ = (p[2 * l].T @ dZ) * (1 - A_prev ** 2)
    return out


def check(p, X, Y, eps):
    g = np.concatenate([a.ravel() for a in grads(p, X, Y)])
    approx = central_differences(p, lambda: cost(p, X, Y), eps)
    return float(np.linalg.norm(g - approx) / (np.linalg.norm(g) + np.linalg.norm(approx)))


Xs, ys = sklearn.datasets.make_circles(n_samples=300, noise=0.05, random_state=np.random.RandomState(1))
X, Y = Xs.T, ys.reshape(1, -1).astype(float)
cases = []
for scale in (1.0, 100.0, 1000.0, 1e5):
    p = network(scale)
    largest = max(float(np.abs(P).max()) for P in p)
    suggested = float("1e%d" % math.ceil(math.log10(max(largest, 1) * 1e-7)))
    cases.append({"scale": scale, "largestParameter": largest, "roundingFloor": 2.0 ** -53 * largest / 1e-7,
                  "difference": check(p, X, Y, 1e-7), "suggestedEpsilon": suggested,
                  "differenceAtSuggested": check(p, X, Y, suggested)})
print(json.dumps({"about": f"scripts/make_gradcheck_scale_fixture.py, numpy {np.__version__}", "cases": cases}, indent=1))
