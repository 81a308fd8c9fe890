#!/usr/bin/python3
"""The notebook's whole experiment in numpy: zeros, random x10 and He on the notebook's
data, 15,000 iterations each, costs every 1,000 — what `initlab --json --no-report` does,
for timing one process against the other. Needs Debian's python3-numpy and python3-sklearn."""
import os
import numpy as np
import sklearn.datasets


def circles(seed, n):
    np.random.seed(seed)
    X, y = sklearn.datasets.make_circles(n_samples=n, noise=.05)
    return X.T, y.reshape(1, -1)


def init(kind, dims):
    if kind != "zeros":
        np.random.seed(3)
    p = {}
    for l in range(1, len(dims)):
        scale = {"zeros": 0.0, "random": 10.0, "he": np.sqrt(2.0 / dims[l - 1])}[kind]
        p["W%d" % l] = np.zeros((dims[l], dims[l - 1])) if kind == "zeros" else np.random.randn(dims[l], dims[l - 1]) * scale
        p["b%d" % l] = np.zeros((dims[l], 1))
    return p


def forward(X, p):
    a = X
    cache = [a]
    for l in (1, 2, 3):
        z = np.dot(p["W%d" % l], a) + p["b%d" % l]
        a = 1 / (1 + np.exp(-z)) if l == 3 else np.maximum(0, z)
        cache.append(a)
    return a, cache


def train(X, Y, kind, iters):
    p = init(kind, [2, 10, 5, 1])
    m = X.shape[1]
    costs = []
    for i in range(iters):
        a3, c = forward(X, p)
        if i % 1000 == 0:
            with np.errstate(all="ignore"):
                lp = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
            costs.append(1. / m * np.nansum(lp))
        dz = 1. / m * (a3 - Y)
        for l in (3, 2, 1):
            dW = np.dot(dz, c[l - 1].T)
            db = np.sum(dz, axis=1, keepdims=True)
            if l > 1:
                dz = np.multiply(np.dot(p["W%d" % l].T, dz), np.int64(c[l - 1] > 0))
            p["W%d" % l] = p["W%d" % l] - 0.01 * dW
            p["b%d" % l] = p["b%d" % l] - 0.01 * db
    return p, costs


def accuracy(X, Y, p):
    a3, _ = forward(X, p)
    return float(np.mean((a3 > 0.5)[0] == Y[0]))


X, Y = circles(1, 300)
tX, tY = circles(2, 100)
iters = int(os.environ.get("ITERS", 15000))
for kind in ("zeros", "random", "he"):
    p, costs = train(X, Y, kind, iters)
    for i, c in enumerate(costs):
        print("Cost after iteration {}: {}".format(i * 1000, c))
    print(kind, "train accuracy:", accuracy(X, Y, p), "test accuracy:", accuracy(tX, tY, p))
