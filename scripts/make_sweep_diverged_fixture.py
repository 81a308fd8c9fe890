#!/usr/bin/python3
"""Sweep groups in which some runs diverged, and numpy's statistics over the runs that did not.

Each group lists its runs' final cost, train and test accuracy and whether the run diverged (a
diverged run's cost is its last finite one, or NaN when it had none). The expected summary is
np.mean / np.std (population, ddof=0) / min / max over the runs that did not diverge, and no
statistics (None) when every run of the group diverged.

  /usr/bin/python3 scripts/make_sweep_diverged_fixture.py > test/fixtures/sweep_diverged.json
"""
import json
import math

import numpy as np

rs = np.random.RandomState(11)


def stats(xs):
    xs = np.asarray(xs, dtype=np.float64)
    return {"mean": float(np.mean(xs)), "std": float(np.std(xs)), "min": float(np.min(xs)), "max": float(np.max(xs))}


groups = []
for name, runs, diverged in (("some", 12, [0, 3, 4, 7, 8, 11]), ("one", 5, [2]), ("all", 4, [0, 1, 2, 3]),
                             ("none", 7, []), ("alone", 1, [0])):
    cost = rs.uniform(0.05, 0.7, runs)
    train = rs.randint(0, 301, runs) / 300
    test = rs.randint(0, 101, runs) / 100
    div = [i in diverged for i in range(runs)]
    # what a diverged run carries: NaN, or a huge last finite cost
    for k, i in enumerate(diverged):
        cost[i] = math.nan if k % 2 == 0 else 1.5e300
    kept = [i for i in range(runs) if not div[i]]
    expect = None
    if kept:
        expect = {"finalCost": stats(cost[kept]), "trainAccuracy": stats(train[kept]), "testAccuracy": stats(test[kept])}
    groups.append({
        "init": name, "diverged": div,
        "finalCost": [None if math.isnan(c) else c for c in cost.tolist()],
        "trainAccuracy": train.tolist(), "testAccuracy": test.tolist(),
        "expect": expect,
    })
print(json.dumps({"about": f"scripts/make_sweep_diverged_fixture.py, numpy {np.__version__}", "groups": groups}, indent=1))
