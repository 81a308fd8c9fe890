#!/usr/bin/python3
"""Reference points for every dataset generator at every small size and at large sizes.

circles and moons come from scikit-learn itself; flower is a numpy port of the course's
planar_utils.load_planar_dataset with its sizes and constants made parameters; xor,
blobs and spiral are numpy ports of the definitions initlab documents for them (see
src/data/toy.ts), drawn with numpy's legacy RandomState.

Every value is compared bit for bit, so numpy's sin and cos must be the C library's
(scripts/numpy_libm.py turns numpy's AVX-512 routines off). Large sets carry the SHA-256 of
their X (features x m, row-major float64, little-endian) besides sampled points.

Cross-check tool only (never run by tests or CI). With Debian's python3-numpy and
python3-sklearn:
  /usr/bin/python3 scripts/make_generator_reference.py > test/fixtures/generators_reference.json
"""
import hashlib
import json

import numpy_libm  # noqa: F401  (first: numpy's sin and cos as the C library's)
import numpy as np
import sklearn
import sklearn.datasets

from _common import planar_flower, spiral

# Sizes every generator is checked at: 1..7, then a spread of sizes, ten times the default,
# and an odd large one.
SMALL = list(range(1, 8))
MORE = [8, 9, 10, 13, 16, 21, 32, 50, 64, 99, 100, 128, 200, 255, 300, 301, 1000, 1001]


def full(X, y):
    """X as features x m (the notebook's layout), Y as 1 x m."""
    X = np.asarray(X, dtype=np.float64)
    return {"X": X.T.tolist(), "Y": [np.asarray(y).astype(int).ravel().tolist()]}


def sampled(X, y):
    """Large sets: every label, about 60 sampled points, and per-feature sums (numpy's pairwise sum)."""
    X = np.asarray(X, dtype=np.float64)
    m = X.shape[0]
    idx = sorted(set(list(range(5)) + list(range(0, m, max(1, m // 50))) + list(range(m - 5, m))))
    return {
        "m": m,
        "cols": idx,
        "Xcols": X[idx].T.tolist(),
        "sums": X.sum(axis=0).tolist(),
        "sha256": hashlib.sha256(np.ascontiguousarray(X.T).astype("<f8").tobytes()).hexdigest(),
        "Y": [np.asarray(y).astype(int).ravel().tolist()],
    }


def pack(X, y, n):
    return full(X, y) if n <= 50 else sampled(X, y)


def circles(n, seed, noise, factor, shuffle):
    # noise=None and noise=0 give the same points; initlab's noise=0 is scikit-learn's None
    return sklearn.datasets.make_circles(n_samples=n, noise=noise or None, factor=factor, shuffle=shuffle,
                                         random_state=np.random.RandomState(seed))


def moons(n, seed, noise, shuffle):
    return sklearn.datasets.make_moons(n_samples=n, noise=noise or None, shuffle=shuffle,
                                       random_state=np.random.RandomState(seed))


def flower(m, seed, noise, petal):
    """The course's load_planar_dataset, with m, the seed, the 0.2 noise and a = 4 as parameters.

    For an odd m the course's arrays keep one row it never fills: the last point stays at
    (0, 0) with label 0. That is what the course returns, so it is the reference too.
    """
    X, Y = planar_flower(seed, m, petal, noise)
    return X, Y.ravel().astype("uint8")


def xor(n, seed, noise):
    """Per point: x, y uniform in [-1, 1); label 1 where x*y < 0; then x and y each get noise * N(0, 1)."""
    rs = np.random.RandomState(seed)
    X = np.zeros((n, 2)); y = np.zeros(n, dtype=int)
    for i in range(n):
        a = rs.uniform(-1, 1); b = rs.uniform(-1, 1)
        y[i] = 1 if a * b < 0 else 0
        X[i, 0] = a + noise * rs.standard_normal()
        X[i, 1] = b + noise * rs.standard_normal()
    return X, y


def blobs(n, seed, spread, distance):
    """Point i has label i % 2 and centre (-d, -d) or (d, d); each coordinate gets spread * N(0, 1)."""
    rs = np.random.RandomState(seed)
    X = np.zeros((n, 2)); y = np.arange(n) % 2
    for i in range(n):
        c = distance if y[i] else -distance
        X[i, 0] = c + spread * rs.standard_normal()
        X[i, 1] = c + spread * rs.standard_normal()
    return X, y


cases = []


def add(gen, params, X, y):
    case = {"generator": gen, "params": params}
    case.update(pack(X, y, params["n"]))
    cases.append(case)


for n in SMALL + MORE + [151, 3000, 3001]:
    for shuffle in (False, True):
        for noise, factor, seed in ((0, 0.8, 1), (0.1, 0.5, 7)):
            if n > 50 and (noise, shuffle) != (0.1, True) and n not in (300, 3001):
                continue
            p = {"n": n, "noise": noise, "factor": factor, "seed": seed, "shuffle": shuffle}
            add("circles", p, *circles(n, seed, noise, factor, shuffle))
            q = {"n": n, "noise": noise, "seed": seed, "shuffle": shuffle}
            add("moons", q, *moons(n, seed, noise, shuffle))

# the notebook's training and test sets, every value
for n, seed in ((300, 1), (100, 2)):
    p = {"n": n, "noise": 0.05, "factor": 0.8, "seed": seed, "shuffle": True}
    add("circles", p, *circles(n, seed, 0.05, 0.8, True))

for n in SMALL + MORE + [151, 4000, 4001]:
    for noise, petal, seed in ((0.2, 4, 1), (0.05, 2.5, 9)):
        if n > 200 and seed != 1:
            continue
        add("flower", {"n": n, "noise": noise, "petal": petal, "seed": seed}, *flower(n, seed, noise, petal))

for n in SMALL + [8, 9, 50, 301, 1000, 3000, 3001]:
    add("xor", {"n": n, "noise": 0.05, "seed": 1}, *xor(n, 1, 0.05))
    add("xor", {"n": n, "noise": 0, "seed": 4}, *xor(n, 4, 0.0))
    add("blobs", {"n": n, "spread": 0.5, "distance": 1, "seed": 1}, *blobs(n, 1, 0.5, 1.0))
    add("blobs", {"n": n, "spread": 0.2, "distance": 3, "seed": 5}, *blobs(n, 5, 0.2, 3.0))
    add("spiral", {"n": n, "noise": 0.05, "turns": 1.75, "seed": 1}, *spiral(n, 1, 0.05, 1.75))
    add("spiral", {"n": n, "noise": 0, "turns": 3, "seed": 2}, *spiral(n, 2, 0.0, 3.0))

print(json.dumps({
    "about": f"scripts/make_generator_reference.py with numpy {np.__version__}, scikit-learn {sklearn.__version__}",
    "cases": cases,
}, separators=(",", ":")))
