"""Code two fixture scripts share (each still runs alone: `/usr/bin/python3 scripts/NAME.py`)."""
import math

import numpy as np


def planar_flower(seed, m, a, noise):
    """The course's planar_utils.load_planar_dataset with its constants as parameters.

    Returns X (m × 2) and Y (m × 1), as the course builds them before transposing: petals of
    radius a·sin(4t) + noise, N = m // 2 points per class drawn from RandomState(seed). For an
    odd m the last row is never filled and stays (0, 0) with label 0, as in the course.
    """
    rs = np.random.RandomState(seed)
    N = m // 2
    X = np.zeros((m, 2))
    Y = np.zeros((m, 1))
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + rs.randn(N) * noise
        r = a * np.sin(4 * t) + rs.randn(N) * noise
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X, Y


def spiral(n, seed, noise, turns):
    """initlab's two-arm spiral: the first n // 2 points are arm 0, the rest arm 1; the k-th point
    of an arm of c points sits at radius r = (k + 1) / c and angle t = 2*pi*turns*r (+ pi on arm 1),
    at (r sin t, r cos t) plus noise * N(0, 1) per coordinate, drawn from RandomState(seed) in that
    order. math's sin and cos are the C library's, as initlab's (src/rng/libm-sincos.ts).

    Returns X (n × 2) and y (n integer labels).
    """
    rs = np.random.RandomState(seed)
    half = n // 2
    X = np.zeros((n, 2))
    y = np.zeros(n, dtype=int)
    for i in range(n):
        label = 0 if i < half else 1
        k = i - half if label else i
        count = n - half if label else half
        r = (k + 1) / count
        t = 2 * math.pi * turns * r + (math.pi if label else 0)
        y[i] = label
        X[i, 0] = r * math.sin(t) + noise * rs.standard_normal()
        X[i, 1] = r * math.cos(t) + noise * rs.standard_normal()
    return X, y


def optimizer_step(optimizer, p, d, v, s, t, lr, beta=0.9, beta1=0.9, beta2=0.999, eps=1e-8):
    """One update of one parameter array p with gradient d, as the course's Optimization notebook
    writes it: "gd" p - lr d; "momentum" v = beta v + (1 - beta) d, p - lr v; "adam" (Kingma & Ba
    2015, Algorithm 1; t counts updates from 1) with bias-corrected moments. Returns (p, v, s);
    v and s are the moment arrays (unused by "gd")."""
    if optimizer == "gd":
        return p - lr * d, v, s
    if optimizer == "momentum":
        v = beta * v + (1 - beta) * d
        return p - lr * v, v, s
    v = beta1 * v + (1 - beta1) * d
    vc = v / (1 - np.power(beta1, t))
    s = beta2 * s + (1 - beta2) * np.power(d, 2)
    sc = s / (1 - np.power(beta2, t))
    return p - lr * vc / (np.sqrt(sc) + eps), v, s


def central_differences(params, cost, eps):
    """The course's two-sided differences (J(theta + eps) - J(theta - eps)) / 2 eps, every
    parameter nudged in turn (each array of `params` in order, each flattened by rows, nudged
    in place and restored); `cost()` evaluates J at the current parameters."""
    approx = []
    for P in params:
        flat = P.reshape(-1)
        for i in range(flat.size):
            keep = flat[i]
            flat[i] = keep + eps
            plus = cost()
            flat[i] = keep - eps
            minus = cost()
            flat[i] = keep
            approx.append((plus - minus) / (2 * eps))
    return np.array(approx)
