#!/usr/bin/python3
"""The course's Gradient Checking notebook, N-dimensional case, in numpy, for initlab's tests.

gradient_check_n_test_case(): np.random.seed(1); x = randn(4, 3); y = [1, 1, 0];
W1 = randn(5, 4); b1 = randn(5, 1); W2 = randn(3, 5); b2 = randn(3, 1); W3 = randn(1, 3);
b3 = randn(1, 1). forward_propagation_n: relu, relu, sigmoid, then the naive cost
(1/m) * sum(-log(A3) * Y - log(1 - A3) * (1 - Y)); backward_propagation_n as corrected
(no factor 2 in dW2, no 4 in db1); gradient_check_n: every parameter (W1, b1, W2, b2, W3,
b3, each flattened by rows) nudged by +-epsilon = 1e-7 in turn; difference =
||grad - gradapprox|| / (||grad|| + ||gradapprox||).

Besides the course's seed 1, seeds 2 and 7 draw other cases the same way; and each case is
also checked with the stable cost mean(logaddexp(0, z3) - y * z3).

"huge": the seed-1 case scaled homogeneously by s = 2^270 (W1, b1 and every W by s; b2 by s^2,
b3 by s^3, so Z3 = s^3 * Z3 exactly), stable cost, epsilon = 2^255. Every value is finite, but
the gradients (~s^2 ~ 1e162) have squares beyond float64, so np.linalg.norm's ratio would be
inf / inf = nan; the difference here takes each norm as norm(v / 2^540) * 2^540 (exact scaling).

Regenerate:  /usr/bin/python3 scripts/gradcheck_reference.py > test/fixtures/gradcheck_reference.json
"""
import json
import numpy as np

KEYS = ["W1", "b1", "W2", "b2", "W3", "b3"]


def test_case(seed):
    np.random.seed(seed)
    x = np.random.randn(4, 3)
    y = np.array([1, 1, 0])
    p = {}
    p["W1"] = np.random.randn(5, 4); p["b1"] = np.random.randn(5, 1)
    p["W2"] = np.random.randn(3, 5); p["b2"] = np.random.randn(3, 1)
    p["W3"] = np.random.randn(1, 3); p["b3"] = np.random.randn(1, 1)
    return x, y, p


def relu(z):
    return np.maximum(0, z)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(X, Y, p, loss):
    m = X.shape[1]
    Z1 = np.dot(p["W1"], X) + p["b1"]; A1 = relu(Z1)
    Z2 = np.dot(p["W2"], A1) + p["b2"]; A2 = relu(Z2)
    Z3 = np.dot(p["W3"], A2) + p["b3"]; A3 = sigmoid(Z3)
    if loss == "naive":
        logprobs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
        cost = 1. / m * np.sum(logprobs)
    else:
        cost = np.mean(np.logaddexp(0, Z3) - Y * Z3)
    return cost, (Z1, A1, Z2, A2, Z3, A3)


def backward(X, Y, p, cache):
    m = X.shape[1]
    Z1, A1, Z2, A2, Z3, A3 = cache
    g = {}
    dZ3 = A3 - Y
    g["W3"] = 1. / m * np.dot(dZ3, A2.T); g["b3"] = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dZ2 = np.multiply(np.dot(p["W3"].T, dZ3), np.int64(A2 > 0))
    g["W2"] = 1. / m * np.dot(dZ2, A1.T); g["b2"] = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.multiply(np.dot(p["W2"].T, dZ2), np.int64(A1 > 0))
    g["W1"] = 1. / m * np.dot(dZ1, X.T); g["b1"] = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return g


def to_vector(d):
    return np.concatenate([d[k].reshape((-1, 1)) for k in KEYS], axis=0)


def from_vector(v, like):
    out, i = {}, 0
    for k in KEYS:
        n = like[k].size
        out[k] = v[i:i + n].reshape(like[k].shape)
        i += n
    return out


def gradient_check(p, X, Y, loss, epsilon=1e-7):
    theta = to_vector(p)
    _, cache = forward(X, Y, p, loss)
    grad = to_vector(backward(X, Y, p, cache))
    approx = np.zeros((theta.shape[0], 1))
    for i in range(theta.shape[0]):
        plus = np.copy(theta); plus[i][0] = plus[i][0] + epsilon
        j_plus, _ = forward(X, Y, from_vector(plus, p), loss)
        minus = np.copy(theta); minus[i][0] = minus[i][0] - epsilon
        j_minus, _ = forward(X, Y, from_vector(minus, p), loss)
        approx[i] = (j_plus - j_minus) / (2 * epsilon)
    return float(np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx)))


cases = []
for seed in (1, 2, 7):
    x, y, p = test_case(seed)
    cases.append({
        "seed": seed, "X": x.tolist(), "Y": y.tolist(),
        "parameters": {k: v.tolist() for k, v in p.items()},
        "difference": {"naive": gradient_check(p, x, y, "naive"), "stable": gradient_check(p, x, y, "stable")},
    })

def scaled_norm(v, k=540):
    return float(np.linalg.norm(v / 2.0 ** k) * 2.0 ** k)


def huge_case():
    x, y, p = test_case(1)
    s = 2.0 ** 270
    q = {"W1": p["W1"] * s, "b1": p["b1"] * s, "W2": p["W2"] * s, "b2": p["b2"] * s ** 2,
         "W3": p["W3"] * s, "b3": p["b3"] * s ** 3}
    eps = 2.0 ** 255
    theta = to_vector(q)
    _, cache = forward(x, y, q, "stable")
    grad = to_vector(backward(x, y, q, cache))
    approx = np.zeros((theta.shape[0], 1))
    for i in range(theta.shape[0]):
        plus = np.copy(theta); plus[i][0] += eps
        minus = np.copy(theta); minus[i][0] -= eps
        approx[i] = (forward(x, y, from_vector(plus, q), "stable")[0] - forward(x, y, from_vector(minus, q), "stable")[0]) / (2 * eps)
    assert np.all(np.isfinite(grad)) and np.all(np.isfinite(approx)) and not np.isfinite(np.linalg.norm(grad))
    return {"X": x.tolist(), "Y": y.tolist(), "parameters": {k: v.tolist() for k, v in q.items()}, "epsilon": eps,
            "difference": scaled_norm(grad - approx) / (scaled_norm(grad) + scaled_norm(approx))}


print(json.dumps({"epsilon": 1e-7, "cases": cases, "huge": huge_case()}))
