#!/usr/bin/python3
"""Exact mean, population std and Euclidean norm of float64 arrays of extreme magnitudes: the
expected values of test/scaled-moments.test.ts (train's per-layer diagnostics and the probe).

numpy's own np.std / np.linalg.norm square the values first, so 1e200s give inf and 1e-200s give
0; the reference here is exact rational arithmetic (fractions.Fraction) with the square root taken
in 60-digit decimal, then rounded to float64. The arrays are numpy RandomState draws.

Never run by tests. With Debian's python3-numpy:
  /usr/bin/python3 scripts/make_scaled_moments_fixture.py > test/fixtures/scaled_moments.json
"""
import json
from decimal import Decimal, getcontext
from fractions import Fraction

import numpy as np

getcontext().prec = 60


def sqrt_fraction(q):
    d = (Decimal(q.numerator) / Decimal(q.denominator)).sqrt()
    return float(d)


def exact(values):
    xs = [Fraction(float(v)) for v in values]
    n = len(xs)
    mean = sum(xs) / n
    var = sum((x - mean) ** 2 for x in xs) / n
    return {"mean": float(mean), "std": sqrt_fraction(var), "norm": sqrt_fraction(sum(x * x for x in xs))}


rs = np.random.RandomState(11)
cases = []
for label, values in [
    ("huge 1e300", rs.randn(60) * 1e300),
    ("huge near max 1e307", rs.randn(40) * 1e307),
    ("huge shifted 1e250 + 1e249 spread", 1e250 + rs.randn(30) * 1e249),
    ("tiny 1e-300", rs.randn(60) * 1e-300),
    ("subnormal 1e-315", rs.randn(20) * 1e-315),
    ("mixed signs", np.array([1e300, -1e300, 5e299, 0.0])),
    ("ordinary", rs.randn(25) * 3 + 1),
]:
    case = {"label": label, "values": [float(v) for v in values]}
    case.update(exact(values))
    cases.append(case)

print(json.dumps({"about": f"scripts/make_scaled_moments_fixture.py, numpy {np.__version__}", "cases": cases}))
