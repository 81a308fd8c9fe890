#!/usr/bin/python3
"""The scale of datasets far from unit size, for test/doctor-data-scale.test.ts: max |x| and
the largest per-feature standard deviation (np.std, population) of each one's inputs, as
scikit-learn and the course's planar_utils draw them.

  /usr/bin/python3 scripts/make_data_scale_fixture.py > test/fixtures/data_scale.json
"""
import json

import numpy_libm  # noqa: F401  (numpy's sin/cos as the C library's, for the generators)
import numpy as np
import sklearn.datasets

from _common import planar_flower


def scale(X):
    """X is (m × features), as scikit-learn returns it."""
    largest = float(np.abs(X).max())
    # scaled before squaring, as initlab does: values near 1e308 would overflow
    spread = float((np.std(X / largest, axis=0) * largest).max())
    return {"largest": largest, "spread": spread}


def spell(x):
    """1e6, not 1e+06: the form initlab documents for a number."""
    return f"{x:g}".replace("e+0", "e").replace("e+", "e")


cases = []
for noise in (1e3, 1e6, 1e300):
    X, _ = sklearn.datasets.make_circles(n_samples=300, noise=noise, random_state=np.random.RandomState(1))
    cases.append(dict(spec="circles:noise=" + spell(noise), **scale(X)))
    X, _ = sklearn.datasets.make_moons(n_samples=300, noise=noise, random_state=np.random.RandomState(1))
    cases.append(dict(spec="moons:noise=" + spell(noise), **scale(X)))
for petal in (1e6, 1e308):
    X, _ = planar_flower(1, 400, petal, 0.2)
    cases.append(dict(spec="flower:petal=" + spell(petal), **scale(X)))
# a CSV file with huge values: x1 = 1e200 * k, x2 = -1e199 * k, labels alternate (k = 1..40)
k = np.arange(1, 41, dtype=float)
X = np.c_[1e200 * k, -1e199 * k]
cases.append(dict(spec="csv", **scale(X)))
# tiny inputs: the notebook's circles divided by 1e6
X, _ = sklearn.datasets.make_circles(n_samples=300, noise=0.05, random_state=np.random.RandomState(1))
cases.append(dict(spec="csv-tiny", **scale(X / 1e6)))
print(json.dumps({"about": f"scripts/make_data_scale_fixture.py, numpy {np.__version__}", "cases": cases}, indent=1))
