#!/usr/bin/python3
"""Writes test/fixtures/notebook_printed_costs.json: the lines "Cost after iteration i: c" of
the Initialization notebook's zeros, random and He runs, as the notebook printed them, and as
numpy 1.24 prints them here when its exp and log are the C library's.

Why two: the notebook's printed output is the target ("the notebook's lines"), and numpy on
a CPU with AVX-512 uses its own vectorized exp/log, which round differently from the C
library's: there numpy's zeros run prints 0.6931471805599453 at iteration 10000 where the
notebook printed 0.6931471805599455. With those loops switched off (NPY_DISABLE_CPU_FEATURES,
as on a machine without AVX-512) numpy reproduces the notebook's zeros lines exactly, which is
what this script checks before writing. The He run's last digits also depend on the BLAS
kernels (numpy gets 5 to 10 of its 15 lines, depending on them).

Usage: /usr/bin/python3 scripts/make_printed_costs_fixture.py [path/to/initialization-notebook.txt]
(default: ../shared/seed/initialization-notebook.txt, the notebook saved as text)
"""
import json
import os
import sys

AVX512 = "AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL"
if os.environ.get("NPY_DISABLE_CPU_FEATURES") != AVX512:
    # numpy reads this when it is imported: run again with it set
    os.environ["NPY_DISABLE_CPU_FEATURES"] = AVX512
    os.execv(sys.executable, [sys.executable] + sys.argv)

import numpy as np  # noqa: E402
import sklearn.datasets  # noqa: E402

NOTEBOOK = sys.argv[1] if len(sys.argv) > 1 else "../shared/seed/initialization-notebook.txt"


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def relu(x):
    return np.maximum(0, x)


def forward(X, p):
    z1 = np.dot(p["W1"], X) + p["b1"]
    a1 = relu(z1)
    z2 = np.dot(p["W2"], a1) + p["b2"]
    a2 = relu(z2)
    z3 = np.dot(p["W3"], a2) + p["b3"]
    a3 = sigmoid(z3)
    return a3, (z1, a1, z2, a2, z3, a3)


def compute_loss(a3, Y):
    m = Y.shape[1]
    logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
    return 1.0 / m * np.nansum(logprobs)


def backward(X, Y, p, cache):
    m = X.shape[1]
    z1, a1, z2, a2, z3, a3 = cache
    dz3 = 1.0 / m * (a3 - Y)
    g = {"dW3": np.dot(dz3, a2.T), "db3": np.sum(dz3, axis=1, keepdims=True)}
    da2 = np.dot(p["W3"].T, dz3)
    dz2 = np.multiply(da2, np.int64(a2 > 0))
    g["dW2"] = np.dot(dz2, a1.T)
    g["db2"] = np.sum(dz2, axis=1, keepdims=True)
    da1 = np.dot(p["W2"].T, dz2)
    dz1 = np.multiply(da1, np.int64(a1 > 0))
    g["dW1"] = np.dot(dz1, X.T)
    g["db1"] = np.sum(dz1, axis=1, keepdims=True)
    return g


def init(kind, dims):
    p = {}
    if kind != "zeros":
        np.random.seed(3)
    for l in range(1, len(dims)):
        if kind == "zeros":
            W = np.zeros((dims[l], dims[l - 1]))
        elif kind == "random":
            W = np.random.randn(dims[l], dims[l - 1]) * 10
        else:
            W = np.random.randn(dims[l], dims[l - 1]) * np.sqrt(2.0 / dims[l - 1])
        p["W%d" % l] = W
        p["b%d" % l] = np.zeros((dims[l], 1))
    return p


def run(kind, X, Y):
    p = init(kind, [X.shape[0], 10, 5, 1])
    lines = []
    with np.errstate(all="ignore"):
        for i in range(15000):
            a3, cache = forward(X, p)
            if i % 1000 == 0:
                lines.append("Cost after iteration {}: {}".format(i, compute_loss(a3, Y)))
            g = backward(X, Y, p, cache)
            for l in (1, 2, 3):
                p["W%d" % l] = p["W%d" % l] - 0.01 * g["dW%d" % l]
                p["b%d" % l] = p["b%d" % l] - 0.01 * g["db%d" % l]
    return lines


def main():
    np.random.seed(1)
    X, y = sklearn.datasets.make_circles(n_samples=300, noise=0.05)
    X, Y = X.T, y.reshape(1, -1)
    printed = [l.strip() for l in open(NOTEBOOK, encoding="utf8") if l.startswith("Cost after iteration")]
    if len(printed) != 45:
        sys.exit(f"{NOTEBOOK}: expected the 45 printed cost lines of the three runs, found {len(printed)}")
    notebook = {"zeros": printed[0:15], "random": printed[15:30], "he": printed[30:45]}
    numpy_libm = {kind: run(kind, X, Y) for kind in ("zeros", "he")}
    if numpy_libm["zeros"] != notebook["zeros"]:
        sys.exit("numpy with the C library's exp/log does not print the notebook's zeros lines here")
    out = {
        "notebook": notebook,
        "numpy_libm": numpy_libm,
        "numpy": np.__version__,
        "note": "numpy_libm: numpy with NPY_DISABLE_CPU_FEATURES set to its AVX-512 features (exp and log from the C library)",
    }
    with open("test/fixtures/notebook_printed_costs.json", "w") as f:
        json.dump(out, f, indent=1)
    same_he = sum(a == b for a, b in zip(numpy_libm["he"], notebook["he"]))
    print(f"test/fixtures/notebook_printed_costs.json: zeros 15/15 as the notebook; He {same_he}/15")


main()
