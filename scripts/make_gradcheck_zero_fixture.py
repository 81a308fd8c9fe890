#!/usr/bin/python3
"""Gradient checks whose gradients are zero, tiny or kinked: numpy's central differences and
the verdict each one calls for, for test/gradcheck-zero.test.ts.

Each case is an `initlab gradcheck` command line and its network rebuilt in numpy: weights
drawn in layer order from np.random.seed(seed) (random: randn * scale; he: randn *
sqrt(2 / fan_in)) or filled with a constant, biases 0; hidden activation relu, tanh or sigmoid,
a sigmoid output and the stable cost J = mean(logaddexp(0, z) - y z). Every parameter (W1, b1,
W2, ..., each by rows) is nudged by +-eps; g from backpropagation (relu' = 1 where z > 0).

What the verdict reads, as initlab documents it (src/train/gradient-verdict.ts):
  floor     = 64 * 2^-53 * |J| / eps  (how large a quotient the two costs' rounding can make)
  zero      every |g_k| <= floor and |g~_k| <= floor
  agrees    difference < 2e-7, or the same ratio over the parameters that are not zero above
  unresolved  2^-53 max|theta| / eps >= 1e-7 and difference <= 100 of it, or
            max |g_k - g~_k| <= floor
  kinks     a hidden pre-activation with |z| < h, h = eps * max(1, max|a_prev|), under relu
  disagrees otherwise

Three cases take a step eps so large that truncation error makes the check disagree: the
command line's honest way to a failed check. Two cases are not command lines but a broken backward pass (the library test builds the same
one): tanh whose derivative is taken as 1 - a (`wrong`), and one taken as 0 (`dead`).

  /usr/bin/python3 scripts/make_gradcheck_zero_fixture.py > test/fixtures/gradcheck_zero.json
"""
import json

import numpy_libm  # noqa: F401  (numpy's sin/cos as the C library's, for make_circles/make_moons)
import numpy as np
import sklearn.datasets

from _common import central_differences

FLOOR_ULPS = 64
AGREES = 2e-7


def data(spec):
    name, _, rest = spec.partition(":")
    p = dict(kv.split("=") for kv in rest.split(",")) if rest else {}
    n, seed = int(p.get("n", 300)), int(p.get("seed", 1))
    rs = np.random.RandomState(seed)
    if name == "circles":
        X, y = sklearn.datasets.make_circles(n_samples=n, noise=float(p.get("noise", 0.05)), random_state=rs)
    else:
        X, y = sklearn.datasets.make_moons(n_samples=n, noise=float(p.get("noise", 0.05)), random_state=rs)
    return X.T, y.reshape(1, -1).astype(float)


def network(dims, init, seed):
    np.random.seed(seed)
    p = []
    kind, _, arg = init.partition(":")
    for l in range(1, len(dims)):
        shape = (dims[l], dims[l - 1])
        if kind in ("zeros", "constant"):
            W = np.full(shape, float(arg.split("=")[1]) if arg else 0.0)
        elif kind == "random":
            W = np.random.randn(*shape) * float(arg.split("=")[1])
        else:  # he
            W = np.random.randn(*shape) * np.sqrt(2.0 / dims[l - 1])
        p += [W, np.zeros((dims[l], 1))]
    return p


ACT = {
    "relu": (lambda z: np.maximum(0, z), lambda z, a: (z > 0).astype(float)),
    "tanh": (np.tanh, lambda z, a: 1 - a ** 2),
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda z, a: a * (1 - a)),
    "wrong": (np.tanh, lambda z, a: 1 - a),
    "dead": (np.tanh, lambda z, a: 0 * a),
}


def forward(p, X, act):
    f = ACT[act][0]
    A, cache, L = X, [], len(p) // 2
    for l in range(L):
        Z = p[2 * l] @ A + p[2 * l + 1]
        cache.append((A, Z))
        A = f(Z) if l < L - 1 else Z
    return A, cache


def cost(p, X, Y, act):
    z, _ = forward(p, X, act)
    return float(np.mean(np.logaddexp(0, z) - Y * z))


def gradients(p, X, Y, act):
    f, df = ACT[act]
    m, L = X.shape[1], len(p) // 2
    z, cache = forward(p, X, act)
    dZ = (1 / (1 + np.exp(-z)) - Y) / m
    out = [None] * len(p)
    for l in reversed(range(L)):
        A_prev, _ = cache[l]
        out[2 * l] = dZ @ A_prev.T
        out[2 * l + 1] = dZ.sum(axis=1, keepdims=True)
        if l:
            Zp = cache[l - 1][1]
            dZ = (p[2 * l].T @ dZ) * df(Zp, f(Zp))
    return np.concatenate([a.ravel() for a in out]), cache


def check(case):
    X, Y = data(case["train"])
    p = network(case["layers"], case["init"], case["seed"])
    eps, act = case["epsilon"], case["activation"]
    J = cost(p, X, Y, act)
    g, cache = gradients(p, X, Y, act)
    approx = central_differences(p, lambda: cost(p, X, Y, act), eps)
    den = np.linalg.norm(g) + np.linalg.norm(approx)
    difference = float(np.linalg.norm(g - approx) / den) if den else 0.0
    floor = FLOOR_ULPS * 2.0 ** -53 * abs(J) / eps
    largest = max(float(np.abs(P).max()) for P in p)
    rounding = 2.0 ** -53 * largest / eps
    kinks = 0
    if act == "relu":
        for A_prev, Z in cache[:-1]:
            h = eps * max(1.0, float(np.abs(A_prev).max()))
            kinks += int((np.abs(Z) < h).sum())
    small = (np.abs(g) <= floor) & (np.abs(approx) <= floor)
    zero = int(small.sum())
    rg, ra = g[~small], approx[~small]
    rden = np.linalg.norm(rg) + np.linalg.norm(ra)
    resolved = float(np.linalg.norm(rg - ra) / rden) if rden else 0.0
    if zero == g.size:
        verdict = "zero"
    elif difference < AGREES or resolved < AGREES:
        verdict = "agrees"
    elif (rounding >= AGREES / 2 and difference <= 100 * rounding) or np.abs(g - approx).max() <= floor:
        verdict = "unresolved"
    else:
        verdict = "kinks" if kinks else "disagrees"
    return dict(case, cost=J, difference=difference, gradientFloor=floor,
                largestGradient=float(np.abs(g).max()), largestApprox=float(np.abs(approx).max()),
                largestDisagreement=float(np.abs(g - approx).max()), resolvedDifference=resolved, zeroGradients=zero,
                parameters=int(g.size), kinks=kinks, verdict=verdict)


NB = "circles:n=300,noise=0.05,seed=1"
D = [2, 10, 5, 1]
CASES = [
    dict(init="zeros", activation="relu"),
    dict(init="zeros", activation="tanh"),
    dict(init="constant:value=0", activation="relu"),
    dict(init="constant:value=0", activation="sigmoid"),
    dict(init="zeros", activation="relu", train="moons:n=300,noise=0.2,seed=3"),
    dict(init="zeros", activation="tanh", train="circles:n=301,noise=0.05,seed=1"),
    dict(init="random:scale=0.01", activation="tanh", layers=[2, 10, 10, 10, 10, 10, 1]),
    dict(init="constant:value=1", activation="tanh"),
    dict(init="constant:value=1", activation="relu"),
    dict(init="constant:value=0.5", activation="relu"),
    dict(init="random:scale=0.001", activation="sigmoid", layers=[2, 10, 10, 10, 1]),
    dict(init="random:scale=0.001", activation="sigmoid", layers=[2, 10, 10, 10, 1], epsilon=1e-3),
    dict(init="he", activation="relu"),
    # a step so large that the finite differences' truncation error (~ eps^2) alone passes
    # 2e-7: a real disagreement with the true gradient, reached from the command line
    dict(init="he", activation="tanh", epsilon=0.5),
    dict(init="he", activation="sigmoid", epsilon=0.1),
    dict(init="random:scale=0.5", activation="tanh", epsilon=0.01, layers=[2, 4, 4, 1]),
    dict(init="he", activation="wrong"),
    dict(init="he", activation="dead"),
]
out = []
for c in CASES:
    case = dict(train=NB, layers=D, seed=3, epsilon=1e-7)
    case.update(c)
    out.append(check(case))
print(json.dumps({"about": f"scripts/make_gradcheck_zero_fixture.py, numpy {np.__version__}", "cases": out}, indent=1))
