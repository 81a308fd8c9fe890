#!/usr/bin/python3
"""np.mean and np.std (ddof=0) of float64 arrays of many lengths: the expected values of
test/numpy-moments.test.ts (the sweep's per-initializer summary and the per-layer diagnostics
must equal them bit for bit, as numpy sums pairwise).

Arrays: numpy RandomState draws of several shapes (costs near 0.69, accuracies, values of
mixed magnitude), lengths around numpy's block sizes (8, 128, 8192), and 60,001 equal costs
(a sweep of one initializer over seeds 0-60000 whose runs all end alike).

Never run by tests. With Debian's python3-numpy:
  /usr/bin/python3 scripts/make_numpy_moments_fixture.py > test/fixtures/numpy_moments.json
"""
import json

import numpy as np

rs = np.random.RandomState(2024)
cases = []
for n in (1, 2, 7, 8, 9, 15, 127, 128, 129, 300, 1000):
    for kind in ("cost", "accuracy", "mixed"):
        if kind == "cost":
            x = 0.6931 + rs.rand(n) * 1e-3
        elif kind == "accuracy":
            x = rs.randint(0, 301, n) / 300
        else:
            x = rs.randn(n) * 10.0 ** rs.randint(-3, 4, n)
        cases.append({"label": f"{kind} n={n}", "values": x.tolist(), "mean": float(np.mean(x)), "std": float(np.std(x))})
# Long arrays by a formula the test evaluates the same way (integer arithmetic, then one
# multiplication and one addition, each exactly rounded), instead of megabytes of values:
# x[i] = base + ((i * step) % 1000) * 1e-6
for n, base, step in ((8191, 0.6931, 7919), (8192, 0.5, 104729), (8193, 0.6931, 7919), (20001, 0.25, 31), (60001, 0.6931438343723809, 0)):
    i = np.arange(n, dtype=np.int64)
    x = base + ((i * step) % 1000).astype(np.float64) * 1e-6
    cases.append({"label": f"formula n={n}", "formula": {"n": n, "base": base, "step": step}, "mean": float(np.mean(x)), "std": float(np.std(x))})
print(json.dumps({"about": f"scripts/make_numpy_moments_fixture.py, numpy {np.__version__}", "cases": cases}))
