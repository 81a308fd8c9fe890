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

from scipy import integrate, optimize, special

from make_theory_reference import ACTS, DENS, SELU_A, SELU_L, Z, critical, e1, elu_like, q_star


def sq_diff(f, q, eps):
    s = math.sqrt(q)
    a, b = math.sqrt(1 - eps / 2), math.sqrt(eps / 2)

    def inner(x):
        h = lambda y: (f(s * (a * x + b * y)) - f(s * (a * x - b * y))) ** 2 * DENS * math.exp(-y * y / 2)
        k = abs(a * x / b)
        pts = [0.0, k, Z] if 0 < k < Z else [0.0, Z]
        return 2 * sum(integrate.quad(h, pts[i], pts[i + 1], epsabs=0, epsrel=1e-12, limit=500)[0] for i in range(len(pts) - 1))

    outer = lambda x: inner(x) * DENS * math.exp(-x * x / 2)
    # the inputs straddle the kink at 0 only where |x| < b |y| / a: a band √(ε/2) wide in x,
    # which quad must be shown (else it can step over it for small ε and miss the kink's share)
    band = sorted({min(Z, m * b / a) for m in (1, 3, 10, 30)} | {Z})
    cuts = sorted({0.0, *band, *(-x for x in band)})
    return sum(integrate.quad(outer, cuts[i], cuts[i + 1], epsabs=0, epsrel=1e-11, limit=500)[0] for i in range(len(cuts) - 1))


def above_line(act, b, rel):
    phi, d1, _ = ACTS[act]
    # ELU's q* is finite only below σ_w² = 2, SELU's below 2/λ²
    top = 1.999 if act.startswith('elu') else 2 / SELU_L**2 - 1e-3 if act == 'selu' else 20.0
    w = critical(act, b, top)['weightVar'] * (1 + rel)
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
        if b == 0:
            out.update(lengthRegime='kept', phase='critical', xiC='inf')
        else:  # q ↦ q + σ_b²: no q* for c*, χ_c, ξ_c to sit at
            out.update(lengthRegime='grows', phase='critical', lengthStep=b, xiC=None, xiQ=None, cStar=None)
    elif rate > 1:
        out.update(lengthRegime='explodes', phase='chaotic', xiC=None, xiQ=None, cStar=None)
    else:
        out.update(lengthRegime='vanishes' if b == 0 else 'settles', phase='ordered', qStar=b / (1 - rate), xiQ=-1 / math.log(rate), xiC=-1 / math.log(rate), cStar=1.0)
    return out


def near_zero(name, scale, alpha, rel):
    """ELU/SELU without bias just above their critical line σ_w² = 2/(λ²(1 + α²)), where q = 0
    repels and the chaotic fixed point q* sits near ((σ_w² − 1/line)/k)², 1e-20 and below:
    found by brentq on q′/q − 1 over log q (the ratio keeps its relative accuracy at any q)."""
    phi, d1, _ = elu_like(scale, alpha)
    w = 2 / (scale ** 2 * (1 + alpha ** 2)) * (1 + rel)
    ratio = lambda t: w * e1(lambda u: phi(u) ** 2, math.exp(t)) / math.exp(t) - 1
    t = math.log(1e-12)
    while ratio(t) <= 0:
        t -= math.log(1e6)
    t_star = optimize.brentq(ratio, t, t + math.log(1e6) if t < math.log(1e-12) else math.log(10.0), xtol=1e-14, rtol=1e-15)
    q = math.exp(t_star)
    chi1 = w * e1(lambda u: d1(u) ** 2, q)
    out = {'activation': name, 'weightVar': w, 'biasVar': 0.0, 'aboveLine': rel, 'qStar': q, 'chi1': chi1}
    if chi1 > 1 + 1e-9:
        r = lambda eps: w * sq_diff(phi, q, eps) / (2 * q * eps) - 1
        lo = 1.0
        while r(lo) <= 0:
            lo /= 10
        eps = optimize.brentq(r, lo, min(1.0, 10 * lo), xtol=1e-300, rtol=1e-12)
        gap = 1 - chi1 + w * sq_diff(d1, q, eps) / 2
        out.update(cStar=1 - eps, chiC=1 - gap, xiC=-1 / math.log1p(-gap))
    return out


def grows(name, scale, alpha, b):
    """ELU/SELU at σ_w² = 2/λ², where q ↦ σ_w² E[φ(√q z)²] + σ_b² has slope 1 as q → ∞.

    E[φ(u)²] for u ~ N(0, q) in closed form: the right side λ² q/2; the left side
    λ²α² E[(e^u − 1)²; u < 0] = λ²α² (M(2) − 2 M(1) + 1/2), M(t) = E[e^{tu}; u < 0] =
    e^{t²q/2} Φ(−t√q) = erfcx(t√(q/2))/2. So q' − q = σ_w² λ²α² (M(2) − 2 M(1) + 1/2) + σ_b²,
    whose limit is σ_w² λ²α²/2 + σ_b² (M → 0 like 1/√q). The step is read at q = 1e30, where
    the M terms are below 1e-12 of it, and checked against that limit. At every finite q,
    χ₁ = σ_w² λ² (1/2 + α² M(2)) > 1 (chaotic), χ₁ → 1; c*, χ_c, ξ_c have no q* to sit at.
    """
    w = 2 / scale ** 2
    big = 1e30
    m = lambda t, q: special.erfcx(t * math.sqrt(q / 2)) / 2
    step = w * scale ** 2 * alpha ** 2 * (m(2, big) - 2 * m(1, big) + 0.5) + b
    limit = w * scale ** 2 * alpha ** 2 / 2 + b
    assert abs(step - limit) <= 1e-12 * limit
    # χ₁ at the inputs' q0 = 1, by quadrature and in closed form
    phi, d1, _ = elu_like(scale, alpha)
    chi_quad = w * e1(lambda u: d1(u) ** 2, 1.0)
    chi_closed = w * scale ** 2 * (0.5 + alpha ** 2 * m(2, 1.0))
    assert abs(chi_quad - chi_closed) <= 1e-12 * chi_closed
    return {'activation': name, 'weightVar': w, 'biasVar': b, 'lengthRegime': 'grows', 'lengthStep': step, 'chi1': 1.0, 'chi1AtInputs': chi_closed, 'phase': 'chaotic', 'cStar': None, 'xiC': None, 'xiQ': None}


def main():
    ref = {
        # ELU with α ≠ 1 and SELU: φ′ jumps at 0, and 1 − c* shrinks like (χ₁ − 1)² towards the line
        'aboveLine': [
            above_line(a, b, r)
            for a, b in (('tanh', 0.05), ('elu', 0.05), ('selu', 0.05), ('elu:alpha=0.3', 0.05), ('elu:alpha=2.5', 1.0))
            for r in (1e-2, 1e-3)
        ],
        'homogeneous': [
            homogeneous(n, l, r, w, b)
            for n, l, r in (('relu', 0.0, 1.0), ('leaky-relu:slope=0.2', 0.2, 1.0), ('linear', 1.0, 1.0))
            for w, b in ((0.5, 0.0), (1.0, 0.1), (1.5, 0.0), (2.0, 0.0), (2.0, 0.1), (3.0, 0.0), (3.0, 0.2))
        ],
        'nearZero': [
            near_zero(n, scale, alpha, r)
            for n, scale, alpha in (('elu', 1.0, 1.0), ('selu', SELU_L, SELU_A), ('elu:alpha=0.5', 1.0, 0.5))
            for r in (1e-2, 1e-3, 1e-6, 1e-10)
        ],
        'grows': [
            grows(n, scale, alpha, b)
            for n, scale, alpha in (('elu', 1.0, 1.0), ('elu:alpha=0.5', 1.0, 0.5), ('elu:alpha=0.1', 1.0, 0.1), ('elu:alpha=2.5', 1.0, 2.5), ('selu', SELU_L, SELU_A))
            for b in (0.0, 0.3)
        ],
    }
    print(json.dumps(ref, indent=1))


if __name__ == '__main__':
    main()
