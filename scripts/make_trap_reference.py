#!/usr/bin/env python3
"""What the framework traps do to a deep network's signal, by mean-field theory in SciPy:
the std of the activations at the last layer of a plain net fed N(0, 1) inputs, for each trap
and for its corrected formula. sigma_w^2 of each from the frameworks' documentation: TF.js's
varianceScaling(distribution 'normal') truncates N(0, scale / fan) at 2 std without dividing
the std by sqrt(Var of the truncated unit normal) = 0.8796 (so Var = truncnorm(-2, 2).var() *
scale / fan); PyTorch's kaiming_normal_(nonlinearity='selu') uses calculate_gain('selu') = 3/4
(so sigma_w^2 = 9/16 where Klambauer et al. 2017 prescribe 1). Layer 1 is linear in the
inputs: q^1 = sigma_w^2 * 1; then q^{l+1} = sigma_w^2 E[phi(sqrt(q^l) z)^2] (no biases).

    /usr/bin/python3 scripts/make_trap_reference.py > test/fixtures/trap_reference.json
"""
import json
import math
import os
import sys

from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_theory_reference import ACTS, e1  # noqa: E402

TRUNC_VAR = stats.truncnorm(-2, 2).var()


def last_std(act, weight_var, depth):
    phi = ACTS[act][0]
    q = weight_var * 1.0
    for _ in range(depth - 1):
        q = weight_var * e1(lambda u: phi(u) ** 2, q)
    mean = e1(phi, q)
    return math.sqrt(e1(lambda u: phi(u) ** 2, q) - mean * mean)


CASES = [
    # (trap preset, its sigma_w^2, corrected preset, its sigma_w^2, activation, depth)
    ('tfjs-truncated-normal:scale=2', 2 * TRUNC_VAR, 'he-normal', 2.0, 'relu', 20),
    ('tfjs-truncated-normal', TRUNC_VAR, 'lecun-normal', 1.0, 'selu', 20),
    ('pytorch-selu', 9 / 16, 'lecun-normal', 1.0, 'selu', 20),
]

print(json.dumps({'cases': [
    {'trap': t, 'trapWeightVar': tw, 'corrected': c, 'correctedWeightVar': cw, 'activation': a, 'depth': d,
     'trapStd': last_std(a, tw, d), 'correctedStd': last_std(a, cw, d)}
    for t, tw, c, cw, a, d in CASES
]}, indent=1))
