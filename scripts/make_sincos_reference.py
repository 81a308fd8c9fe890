#!/usr/bin/python3
"""The C library's sin and cos on a million inputs and on every point the generators' linspaces
make, for test/libm-sincos.test.ts.

The inputs are drawn with numpy's legacy RandomState, which initlab reproduces bit for bit, so
the fixture holds only, per band of inputs, the SHA-256 of the little-endian float64 results
(and the first 20 results in the clear, for a readable failure). Bands: |x| < 1, |x| < 10,
|x| < 1e4, |x| < 1.1e8 (the medium reduction up to its limit and past it), and huge
arguments u * 2^e with u uniform in [1, 2) and e = 27 + (i mod 990) (the Payne-Hanek path),
each with both signs; then linspace(0, 2*pi, m, endpoint=False) (make_circles) and
linspace(0, pi, m) (make_moons) for every m = 1 ... 1000, concatenated.

Cross-check tool only (never run by tests or CI):
  /usr/bin/python3 scripts/make_sincos_reference.py > test/fixtures/sincos_reference.json
"""
import hashlib
import json
import math

import numpy_libm  # noqa: F401  (first: numpy's sin and cos as the C library's)
import numpy as np

SEED = 2026


def bands():
    rs = np.random.RandomState(SEED)
    yield "unit", rs.uniform(-1, 1, 200000)
    yield "ten", rs.uniform(-10, 10, 400000)
    yield "1e4", rs.uniform(-1e4, 1e4, 150000)
    yield "1.1e8", rs.uniform(-1.1e8, 1.1e8, 150000)
    u = rs.uniform(1, 2, 100000)
    e = 27 + np.arange(100000) % 990
    sign = np.where(np.arange(100000) % 2 == 0, 1.0, -1.0)
    yield "huge", sign * u * np.ldexp(1.0, e)
    yield "circles-linspace", np.concatenate([np.linspace(0, 2 * np.pi, m, endpoint=False) for m in range(1, 1001)])
    yield "moons-linspace", np.concatenate([np.linspace(0, np.pi, m) for m in range(1, 1001)])


def edges():
    """Each branch point of glibc's sin/cos, one ulp either side and on it, both signs; extremes."""
    points = [2.0 ** -27, 2.0 ** -26, 0.126, 0.85546875, 2.4262638092041016, 105414336.0, math.pi / 4,
              math.pi / 2, math.pi, 2 * math.pi, 1e22, 1.7976931348623157e308]
    xs = []
    for p in points:
        xs += [np.nextafter(p, 0), p] + ([np.nextafter(p, np.inf)] if p < 1.7976931348623157e308 else [])
    xs += [5e-324, 2.2250738585072014e-308, 0.0]
    xs += [-v for v in xs]
    return np.array(xs)


def digest(values):
    return hashlib.sha256(np.asarray(values, dtype="<f8").tobytes()).hexdigest()


out = []
for name, x in bands():
    s = np.sin(x)
    c = np.cos(x)
    assert all(s[:1000] == [math.sin(v) for v in x[:1000]])  # numpy_libm checked it already
    out.append({"band": name, "count": len(x), "sin": digest(s), "cos": digest(c),
                "x": x[:20].tolist(), "sinHead": s[:20].tolist(), "cosHead": c[:20].tolist()})
x = edges()
edge = {"x": x.tolist(), "sin": np.sin(x).tolist(), "cos": np.cos(x).tolist()}
print(json.dumps({"about": f"scripts/make_sincos_reference.py, numpy {np.__version__}, seed {SEED}", "bands": out,
                  "edges": edge}, indent=1))
