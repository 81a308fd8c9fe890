#!/usr/bin/env python3
"""Mean-field reference values for initlab's theory tests, computed with SciPy alone.

Independent of initlab's TypeScript: Gaussian expectations by scipy.integrate.quad with the
activation's kink passed as a break point (nested quad for the two-input ones), fixed points
by scipy.optimize.brentq. Formulas: Poole et al. 2016; Schoenholz et al. 2017.

    /usr/bin/python3 scripts/make_theory_reference.py > test/fixtures/theory_reference.json
"""
import json
import math

import numpy as np
from scipy import integrate, optimize

SELU_A, SELU_L = 1.6732632423543772, 1.0507009873554805


def elu_like(scale, alpha):
    return (
        lambda u: scale * u if u > 0 else scale * alpha * math.expm1(u),
        lambda u: scale if u > 0 else scale * alpha * math.exp(u),
        lambda u: 0.0 if u > 0 else scale * alpha * math.exp(u),
    )


def sig(u):
    return 1 / (1 + math.exp(-u))


ACTS = {
    'tanh': (math.tanh, lambda u: 1 - math.tanh(u) ** 2, lambda u: -2 * math.tanh(u) * (1 - math.tanh(u) ** 2)),
    'relu': (lambda u: max(u, 0.0), lambda u: 1.0 if u > 0 else 0.0, lambda u: 0.0),
    'leaky-relu:slope=0.2': (lambda u: u if u > 0 else 0.2 * u, lambda u: 1.0 if u > 0 else 0.2, lambda u: 0.0),
    'sigmoid': (sig, lambda u: sig(u) * (1 - sig(u)), lambda u: sig(u) * (1 - sig(u)) * (1 - 2 * sig(u))),
    'elu': elu_like(1.0, 1.0),
    'selu': elu_like(SELU_L, SELU_A),
    'elu:alpha=0.3': elu_like(1.0, 0.3),
    'elu:alpha=2.5': elu_like(1.0, 2.5),
    'linear': (lambda u: u, lambda u: 1.0, lambda u: 0.0),
}

DENS = 1 / math.sqrt(2 * math.pi)
Z = 12.0


def e1(f, q):
    s = math.sqrt(q)
    h = lambda z: f(s * z) * DENS * math.exp(-z * z / 2)
    a, _ = integrate.quad(h, -Z, 0, epsabs=0, epsrel=1e-13, limit=500)
    b, _ = integrate.quad(h, 0, Z, epsabs=0, epsrel=1e-13, limit=500)
    return a + b


def e2(f, g, q, c):
    s = math.sqrt(q)
    r = math.sqrt(1 - c * c)

    def inner(z1):
        k = -c * z1 / r
        h = lambda z2: g(s * (c * z1 + r * z2)) * DENS * math.exp(-z2 * z2 / 2)
        pts = [-Z, k, Z] if -Z < k < Z else [-Z, Z]
        return f(s * z1) * sum(integrate.quad(h, pts[i], pts[i + 1], epsabs=1e-15, epsrel=1e-12, limit=500)[0] for i in range(len(pts) - 1))

    outer = lambda z1: inner(z1) * DENS * math.exp(-z1 * z1 / 2)
    return integrate.quad(outer, -Z, 0, epsabs=1e-14, epsrel=1e-11, limit=500)[0] + integrate.quad(outer, 0, Z, epsabs=1e-14, epsrel=1e-11, limit=500)[0]


def q_star(act, w, b):
    phi = ACTS[act][0]
    g = lambda q: w * e1(lambda u: phi(u) ** 2, q) + b - q
    hi = 1.0
    while g(hi) > 0:
        hi *= 4
    return optimize.brentq(g, 1e-12, hi, xtol=1e-15, rtol=1e-14)


def point(act, w, b):
    phi, d1, d2 = ACTS[act]
    q = q_star(act, w, b)
    chi1 = w * e1(lambda u: d1(u) ** 2, q)
    slope_q = chi1 + w * e1(lambda u: d2(u) * phi(u), q)
    out = {'activation': act, 'weightVar': w, 'biasVar': b, 'qStar': q, 'chi1': chi1, 'xiQ': -1 / math.log(slope_q)}
    if chi1 < 1:
        out.update(cStar=1.0, chiC=chi1, xiC=-1 / math.log(chi1))
    else:
        cmap = lambda c: (w * e2(phi, phi, q, c) + b) / q - c
        c_star = 0.0 if cmap(0.0) <= 0 else optimize.brentq(cmap, 0.0, 1 - 1e-6, xtol=1e-13)
        chi_c = w * e2(d1, d1, q, c_star)
        out.update(cStar=c_star, chiC=chi_c, xiC=-1 / math.log(chi_c))
    return out


def critical(act, b, hi=20.0):
    phi, d1, _ = ACTS[act]

    def excess(w):
        return w * e1(lambda u: d1(u) ** 2, q_star(act, w, b)) - 1

    return {'activation': act, 'biasVar': b, 'weightVar': optimize.brentq(excess, 0.5, hi, xtol=1e-13), }


def arccos_map(c):
    return (math.sqrt(1 - c * c) + (math.pi - math.acos(c)) * c) / math.pi


POINTS = [
    ('tanh', 1.0, 0.05), ('tanh', 1.76, 0.05), ('tanh', 2.5, 0.3), ('tanh', 0.7, 0.01), ('tanh', 4.0, 0.0),
    ('relu', 1.5, 0.1), ('leaky-relu:slope=0.2', 1.2, 0.2), ('sigmoid', 4.0, 0.1), ('sigmoid', 150.0, 0.5),
    ('elu', 1.5, 0.05), ('elu', 1.9, 0.1), ('selu', 1.0, 0.0), ('selu', 0.75, 0.0), ('selu', 1.3, 0.1),
    ('linear', 0.8, 0.1),
]


def main():
    ref = {
        'points': [point(*p) for p in POINTS],
        'critical': [critical('tanh', b) for b in (0.01, 0.05, 0.3)] + [critical('elu', 0.05, 1.999), critical('sigmoid', 0.1, 1000.0)],  # ELU's q* is finite only below σ_w² = 2
        'arccos': [arccos_map(c) for c in np.linspace(-0.9, 0.95, 12)],
        'arccosInputs': list(np.linspace(-0.9, 0.95, 12)),
    }
    print(json.dumps(ref, indent=1))


if __name__ == '__main__':  # the phase diagram's script imports the functions above
    main()
