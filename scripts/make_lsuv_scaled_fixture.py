#!/usr/bin/python3
"""LSUV on batches of extreme magnitude: the expected weights of test/lsuv-scaled.test.ts.

The batch is scikit-learn's make_circles(40, noise=0.05, RandomState(1)) (features x m),
multiplied by 2^k for k in (0, 660, -660): 2^660 ~ 5e198 makes the first layer's output
variance ~1e397, beyond float64, and 2^-660 makes it underflow to 0. LSUV (Mishkin & Matas
2016) as initlab documents it: Keras-convention orthogonal weights from RandomState(3), then
layer by layer, up to 10 rounds, W_l *= 1 / std(Z_l) until |std^2 - 1| < 0.1 (relu hidden
layers, sigmoid output, zero biases). The std is taken as np.std(Z * 2^-e) * 2^e with 2^e near
max|Z|, which numpy computes without overflow and equals the true spread.

Never run by tests. With Debian's python3-numpy and python3-sklearn:
  /usr/bin/python3 scripts/make_lsuv_scaled_fixture.py > test/fixtures/lsuv_scaled.json
"""
import json
import math

import numpy as np
import sklearn.datasets

LAYERS = [2, 4, 3, 1]


def orthogonal_keras(rs, fan_in, fan_out):
    a = rs.randn(max(fan_in, fan_out), min(fan_in, fan_out))
    q, r = np.linalg.qr(a)
    q = q * np.sign(np.diag(r))
    if fan_in < fan_out:
        q = q.T
    return q.T  # W = kernel^T (fan_out x fan_in)


def scaled_std(z):
    big = np.max(np.abs(z))
    if big == 0:
        return 0.0
    e = round(math.log2(big))
    return float(np.std(z * 2.0 ** -e) * 2.0 ** e)


def lsuv(X, tol=0.1, max_iter=10):
    rs = np.random.RandomState(3)
    W = [orthogonal_keras(rs, LAYERS[l - 1], LAYERS[l]) for l in range(1, len(LAYERS))]
    for l in range(len(W)):
        for _ in range(max_iter):
            A = X
            for k in range(l + 1):
                Z = W[k] @ A
                A = np.maximum(0, Z)
            s = scaled_std(Z)
            if not s > 0 or abs(s * s - 1) < tol:
                break
            W[l] = W[l] * (1 / s)
    return W


X, _ = sklearn.datasets.make_circles(40, noise=0.05, random_state=np.random.RandomState(1))
X = X.T
cases = []
for k in (0, 660, -660):
    Xk = X * 2.0 ** k
    cases.append({"k": k, "X": Xk.tolist(), "W": [w.tolist() for w in lsuv(Xk)]})
print(json.dumps({"layers": LAYERS, "cases": cases}))
