#!/usr/bin/python3
"""Every initializer at its own defaults on odd layer sizes (1, 3, 1000 units), by numpy.

The initializers are the ones of scripts/make_registry_defaults.py (the frameworks' documented
formulas, drawn from numpy's legacy RandomState layer after layer); this script runs that
file's definitions (everything above its activations section) instead of repeating them, and
draws layers [1, 3, 1000, 1], [3, 1, 1] and [1000, 1] with seed 7. The fixture holds, per
initializer and layer list, the SHA-256 of W1, b1, W2, b2, ... as little-endian float64 (row
by row) and the first weight of each layer in the clear.

  /usr/bin/python3 scripts/make_odd_sizes_fixture.py > test/fixtures/odd_sizes.json
"""
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
source = open(os.path.join(HERE, "make_registry_defaults.py")).read()
exec(source[:source.index("# ---------------------------------------------------------------- activations")])

SEED = 7
LAYERS = ([1, 3, 1000, 1], [3, 1, 1], [1000, 1])
cases = []
for dims in LAYERS:
    for name in INITS:  # noqa: F821 (defined by the exec above)
        Ws, bs = init_params(name, dims, SEED)  # noqa: F821
        blob = b"".join(np.ascontiguousarray(a).astype("<f8").tobytes() for pair in zip(Ws, bs) for a in pair)  # noqa: F821
        cases.append({"init": name, "layers": dims, "sha256": hashlib.sha256(blob).hexdigest(),
                      "first": [float(W.ravel()[0]) for W in Ws]})
print(json.dumps({"about": "scripts/make_odd_sizes_fixture.py", "seed": SEED, "cases": cases}, indent=1))
