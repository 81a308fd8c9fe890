#!/usr/bin/env python3
"""Mean-field values at the edges: just above the order-to-chaos line, and the rectifiers.

Independent of initlab's TypeScript (SciPy quad / brentq and closed forms). Above the line the
chaotic fixed point c* lies within (χ₁ − 1) of 1, where C(c) − c is all cancellation, so it is
found as the root of σ_w² E[(φ(u1) − φ(u2))²] / (2 q* ε) = 1 in ε = 1 − c (the squared
difference integrated as such), and 1 − χ_c = (1 − χ₁) + σ_w² E[(φ′(u1) − φ′(u2))²] / 2.
The rectifiers are positively homogeneous: q ↦ σ_w² g q + σ_b², g = (a² + b²)/2, and
χ₁ = σ_w² g exactly (Poole et al. 2016; Schoenholz et al. 2017; Cho & Saul 2009).

    /usr/bin/python3 scripts/make_theory_edge_reference.py > test/fixtures/theory_edge_reference.json
"""
import json
import math

from scipy import integrate, optimize

from make_theory_reference import ACTS, DENS, Z, critical, e1, q_star


def sq_diff(f, q, eps):
    s = math.sqrt(q)
    a, b = math.sqrt(1 - eps / 2), math.sqrt(eps / 2)

    def inner(x):
        h = lambda y: (f(s * (a * x + b * y)) - f(s * (a * x - b * y))) ** 2 * DENS * math.exp(-y * y / 2)
        k = abs(a * x / b)
        pts = [0.0, k, Z] if 0 < k < Z else [0.0, Z]
        return 2 * sum(integrate.quad(h, pts[i], pts[i + 1], epsabs=0, epsrel=1e-12, limit=500)[0] for i in range(len(pts) - 1))

    outer = lambda x: inner(x) * DENS * math.exp(-x * x / 2)
    return integrate.quad(outer, -Z, 0, epsabs=0, epsrel=1e-11, limit=500)[0] + integrate.quad(outer, 0, Z, epsabs=0, epsrel=1e-11, limit=500)[0]


def above_line(act, b, rel):
    phi, d1, _ = ACTS[act]
    w = critical(act, b, 1.999 if act == 'elu' else 20.0)['weightVar'] * (1 + rel)  # ELU's q* is finite only below σ_w² = 2
    q = q_star(act, w, b)
    chi1 = w * e1(lambda u: d1(u) ** 2, q)
    r = lambda eps: w * sq_diff(phi, q, eps) / (2 * q * eps) - 1
    lo = 1e-2
    while r(lo) <= 0:
        lo /= 10
    eps = optimize.brentq(r, lo, 1.0, xtol=1e-16, rtol=1e-12)
    gap = 1 - chi1 + w * sq_diff(d1, q, eps) / 2
    return {'activation': act, 'biasVar': b, 'weightVar': w, 'qStar': q, 'chi1': chi1, 'oneMinusCStar': eps, 'chiC': 1 - gap, 'xiC': -1 / math.log1p(-gap)}


def homogeneous(name, left, right, w, b):
    g = (left * left + right * right) / 2
    rate = w * g
    out = {'activation': name, 'weightVar': w, 'biasVar': b, 'chi1': rate, 'lengthRate': rate}
    if abs(rate - 1) < 1e-12:
        out.update(lengthRegime='kept' if b == 0 else 'grows', phase='critical', xiC='inf')
    elif rate > 1:
        out.update(lengthRegime='explodes', phase='chaotic', xiC=None, xiQ=None, cStar=None)
    else:
        out.update(lengthRegime='vanishes' if b == 0 else 'settles', phase='ordered', qStar=b / (1 - rate), xiQ=-1 / math.log(rate), xiC=-1 / math.log(rate), cStar=1.0)
    return out


def main():
    ref = {
        'aboveLine': [above_line(a, b, r) for a, b in (('tanh', 0.05), ('elu', 0.05)) for r in (1e-2, 1e-3)],
        'homogeneous': [
            homogeneous(n, l, r, w, b)
            for n, l, r in (('relu', 0.0, 1.0), ('leaky-relu:slope=0.2', 0.2, 1.0), ('linear', 1.0, 1.0))
            for w, b in ((0.5, 0.0), (1.0, 0.1), (1.5, 0.0), (2.0, 0.0), (2.0, 0.1), (3.0, 0.0), (3.0, 0.2))
        ],
    }
    print(json.dumps(ref, indent=1))


if __name__ == '__main__':
    main()
