#!/usr/bin/env python3
"""The mean singular value of one layer's Jacobian D·W as the width grows, for given slopes d
(D = diag(d)) and weights of variance σ_w²/N, with SciPy alone: the reference for
src/theory/jacobian-spectrum.ts and glorot2010's Jacobian check.

The squared singular values are the eigenvalues of Wᵀ D² W; their Stieltjes transform m solves
m(z) = 1 / (−z + E[τ / (1 + τ m(z))]) with τ = σ_w² d² (Silverstein & Bai 1995, eq. 1.4, with
A = 0 and ratio 1). At z = −u² the root is found with brentq, and
E[s] = E[√λ] = (2/π) ∫₀^∞ E[λ/(λ + u²)] du with E[λ/(λ + u²)] = 1 − u² m(−u²) = m E[τ/(1 + τ m)]
is integrated
with scipy.integrate.quad over [0, ∞). Each case is also checked against a draw of large random
matrices (numpy SVD, N = 2000, two draws): the script stops if they differ by more than 1%.

    /usr/bin/python3 scripts/make_jacobian_spectrum_reference.py > test/fixtures/jacobian_spectrum.json
"""
import json
import math
import sys

import numpy as np
from scipy import integrate, optimize


def mean_singular_value(weight_var, slopes):
    tau = weight_var * np.asarray(slopes, dtype=float) ** 2

    def above(u):
        if u == 0:
            return 1.0
        u2 = u * u
        f = lambda m: m * (u2 + np.mean(tau / (1 + tau * m))) - 1  # noqa: E731
        m = optimize.brentq(f, 0.0, 1.0 / u2, xtol=1e-300, rtol=1e-15, maxiter=500)
        # 1 − u² m, written as m E[τ/(1 + τ m)] (the equation's own rearrangement) so that the
        # tail, where u² m → 1, does not lose its digits to cancellation
        return m * np.mean(tau / (1 + tau * m))

    # split at √E[τ], where the integrand turns from ≈ 1 to its E[τ]/u² tail
    a = math.sqrt(float(np.mean(tau)))
    head = integrate.quad(above, 0, a, epsabs=0, epsrel=1e-12, limit=500)[0]
    tail = integrate.quad(above, a, np.inf, epsabs=0, epsrel=1e-12, limit=500)[0]
    return 2 / math.pi * (head + tail)


def monte_carlo(weight_var, slopes, n=2000, draws=2):
    rng = np.random.default_rng(7)
    d = np.resize(np.asarray(slopes, dtype=float), n)  # the slopes' law, tiled to n units
    out = []
    for _ in range(draws):
        W = rng.standard_normal((n, n)) * math.sqrt(weight_var / n)
        out.append(np.linalg.svd(d[:, None] * W, compute_uv=False).mean())
    return float(np.mean(out))


def tanh_slope(h):
    return 1 - np.tanh(h) ** 2


CASES = [
    ('one slope: the quarter-circle law, 8/(3π)', 1.0, [1.0]),
    ('two slopes 0.5 and 1', 1.0, [0.5, 1.0]),
    ('an even spread of slopes from 0.2 to 1, σ_w² = 1/3', 1 / 3, list(np.linspace(0.2, 1.0, 50))),
    ("tanh′ of a layer at q = 0.81 (400 units)", 1.0, list(tanh_slope(0.9 * np.random.RandomState(0).randn(400)))),
    ("tanh′ of a saturated layer at q = 2.25, σ_w² = 3 (300 units)", 3.0, list(tanh_slope(1.5 * np.random.RandomState(1).randn(300)))),
]


def main():
    out = []
    for what, w, slopes in CASES:
        value = mean_singular_value(w, slopes)
        mc = monte_carlo(w, slopes)
        if abs(mc / value - 1) > 0.01:
            sys.exit(f'{what}: the equation gives {value}, random matrices {mc}')
        out.append({'what': what, 'weightVar': w, 'slopes': [float(s) for s in slopes], 'meanSingularValue': value, 'monteCarlo': mc})
    print(json.dumps({'cases': out}, indent=1))


if __name__ == '__main__':
    main()
