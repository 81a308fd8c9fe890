#!/usr/bin/python3
"""Mini-batch shuffles at every seed, for test/shuffle-seed.test.ts: the Optimization
notebook's model (scripts/optimization_reference.py, its numpy code path) trained with
gradient descent for a few epochs, epoch e shuffled with RandomState((shuffle seed + e) mod 2^32).

That is the course's seed + e wherever it is a seed; past 2^32 - 1 (which numpy refuses) it
counts on from 0, the rule initlab documents (src/rng/seed-after.ts). The shuffle seeds are
the bottom of the range, odd values, and the top, where the epochs cross it; one run also
draws its He weights from the largest seed, as `train --seed 4294967295` does.

  cd scripts && /usr/bin/python3 make_shuffle_seed_fixture.py > ../test/fixtures/shuffle_seed.json
"""
import json

import numpy as np

from optimization_reference import LAYERS, load_dataset, run

TOP = 2 ** 32 - 1
EPOCHS = 6
LR = 0.05
CASES = [
    (0, 3), (1, 3), (7, 3), (2 ** 31 - 1, 3), (TOP - 4, 3), (TOP - 2, 3), (TOP - 1, 3), (TOP, 3),
    (TOP, TOP),
]

X, Y = load_dataset()
out = {
    "about": f"scripts/make_shuffle_seed_fixture.py, numpy {np.__version__}",
    "spec": "moons:n=300,noise=0.2,seed=3", "layers": LAYERS, "learningRate": LR, "batchSize": 64, "epochs": EPOCHS,
    "runs": [
        {"shuffleSeed": s, "weightSeed": w, "epochSeeds": [(s + e) % 2 ** 32 for e in range(EPOCHS)],
         "costs": run("gd", X, Y, lr=LR, epochs=EPOCHS, shuffle_seed=s, weight_seed=w)}
        for s, w in CASES
    ],
}
print(json.dumps(out, indent=1))
