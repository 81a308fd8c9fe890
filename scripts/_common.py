"""Code two fixture scripts share (each still runs alone: `/usr/bin/python3 scripts/NAME.py`)."""
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
