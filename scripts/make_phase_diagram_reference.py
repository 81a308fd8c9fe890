#!/usr/bin/env python3
"""Reference values for the phase diagram (initlab theory --phase-diagram), with SciPy alone:
ξ_c at cells of the (σ_w², σ_b²) plane in both phases, the order-to-chaos line, and where the
initializers fall (σ_w² = fan_in · Var(W) from the frameworks' documented formulas, the
truncated normals' variance from scipy.stats.truncnorm). The mean-field functions are
make_theory_reference.py's (nested scipy.integrate.quad, brentq).

    /usr/bin/python3 scripts/make_phase_diagram_reference.py > test/fixtures/phase_diagram_reference.json
"""
import json
import math
import os
import sys

from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_theory_reference import critical, point  # noqa: E402

WIDTH = 100  # the square layer the initializers are placed for (the CLI's default --width)

# cells: ordered, near-critical and chaotic, for smooth and kinked activations (SELU/ELU only
# where q* is finite: σ_w² λ²/2 < 1)
CELLS = [
    ('tanh', 0.5, 0.01), ('tanh', 1.5, 0.1), ('tanh', 2.5, 0.1), ('tanh', 3.5, 0.2), ('tanh', 2.2, 0.075), ('tanh', 1.3, 0.0),
    ('selu', 1.5, 0.1), ('selu', 1.2, 0.0), ('elu', 1.9, 0.2), ('elu', 1.6, 0.0), ('sigmoid', 3.0, 0.1),
]

TRUNC_VAR = stats.truncnorm(-2, 2).var()  # a unit normal truncated at ±2 std: its variance
INITIALIZERS = {
    'he': (2.0, 0.0),                                   # N(0, 2/fan_in)
    'xavier': (1.0, 0.0),                               # N(0, 1/fan_in)
    'lecun-normal': (TRUNC_VAR / TRUNC_VAR, 0.0),       # truncated, std divided by sqrt(TRUNC_VAR)
    'keras-dense': (WIDTH * (math.sqrt(6 / (2 * WIDTH)) ** 2 / 3), 0.0),  # glorot_uniform: limit sqrt(6/(fan_in+fan_out))
    'flax-dense': (1.0, 0.0),                           # lecun_normal
    'tfjs-truncated-normal': (TRUNC_VAR, 0.0),          # truncated at 2 std, std sqrt(1/fan_in) not corrected
    'pytorch-selu': ((3 / 4) ** 2, 0.0),                # calculate_gain('selu') = 3/4
    'pytorch-linear': (WIDTH * (1 / math.sqrt(WIDTH)) ** 2 / 3, (1 / math.sqrt(WIDTH)) ** 2 / 3),  # uniform(±1/sqrt(fan_in))
}

print(json.dumps({
    'width': WIDTH,
    'cells': [point(*c) for c in CELLS],
    'critical': [critical('tanh', b) for b in (0.0375, 0.15, 0.3)] + [critical('selu', 0.05, 1.8), critical('elu', 0.2, 1.999)],
    'initializers': [{'name': k, 'weightVar': w, 'biasVar': b} for k, (w, b) in INITIALIZERS.items()],
}, indent=1))
