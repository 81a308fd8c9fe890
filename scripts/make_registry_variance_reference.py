#!/usr/bin/env python3
"""Each initializer's (σ_w², σ_b²) for a square layer of n units, from the framework's formula.

σ_w² = fan_in · E[W²] and σ_b² = E[b²]: what mean-field theory reads from a layer. Each value is
written from the framework's documented rule (Keras' VarianceScaling, PyTorch's nn.init and
nn.Linear.reset_parameters, TF.js's varianceScaling), with scipy.stats.truncnorm for the
truncated normals; nothing here comes from initlab. Entries that need data (lsuv) are left out.

    /usr/bin/python3 scripts/make_registry_variance_reference.py > test/fixtures/registry_variance.json
"""
import json
import math

from scipy.stats import truncnorm

N = 300
T2 = truncnorm.var(-2, 2)  # variance of a unit normal truncated at ±2 std: 0.7737…
KERAS_STD = math.sqrt(T2)  # Keras divides the std by this so the variance comes out right


def uniform_sq(lo, hi):
    """E[x²] of uniform(lo, hi)."""
    return (lo * lo + lo * hi + hi * hi) / 3


def variance_scaling(scale, fan, dist):
    # Keras: truncated normal with std √(scale/fan)/0.8796 → variance scale/fan; the others exact too
    return N * scale / fan


def leaky_gain2(a):
    # PyTorch calculate_gain('leaky_relu', a) = √(2 / (1 + a²))
    return 2 / (1 + a * a)


ENTRIES = {
    'zeros': (0.0, 0.0),
    'ones': (N * 1.0, 0.0),
    'constant': (N * 0.1 ** 2, 0.0),
    'random': (N * 10.0 ** 2, 0.0),
    'he': (2.0, 0.0),
    'xavier': (1.0, 0.0),
    'random-normal': (N * 0.05 ** 2, 0.0),
    'random-uniform': (N * uniform_sq(-0.05, 0.05), 0.0),
    'truncated-normal': (N * 0.05 ** 2 * T2, 0.0),
    'variance-scaling': (variance_scaling(1, N, 'truncated_normal'), 0.0),
    'he-normal': (variance_scaling(2, N, 'truncated_normal'), 0.0),
    'he-uniform': (N * uniform_sq(-math.sqrt(6 / N), math.sqrt(6 / N)), 0.0),
    'glorot-normal': (variance_scaling(1, N, 'truncated_normal'), 0.0),  # fan_avg = N on a square layer
    'glorot-uniform': (N * uniform_sq(-math.sqrt(6 / (2 * N)), math.sqrt(6 / (2 * N))), 0.0),
    'lecun-normal': (1.0, 0.0),
    'lecun-uniform': (N * uniform_sq(-math.sqrt(3 / N), math.sqrt(3 / N)), 0.0),
    'kaiming-normal': (leaky_gain2(0), 0.0),
    'kaiming-uniform': (N * uniform_sq(-math.sqrt(3 * leaky_gain2(0) / N), math.sqrt(3 * leaky_gain2(0) / N)), 0.0),
    # nn.Linear.reset_parameters: kaiming_uniform_(a=√5) → bound √(6/(1+5))/√fan_in = 1/√fan_in; bias uniform(±1/√fan_in)
    'pytorch-linear': (N * uniform_sq(-1 / math.sqrt(N), 1 / math.sqrt(N)), uniform_sq(-1 / math.sqrt(N), 1 / math.sqrt(N))),
    'keras-dense': (N * uniform_sq(-math.sqrt(6 / (2 * N)), math.sqrt(6 / (2 * N))), 0.0),
    'flax-dense': (1.0, 0.0),
    # TF.js: std √(scale/fan) truncated at 2 std, not corrected
    'tfjs-truncated-normal': (T2, 0.0),
    'pytorch-selu': ((3 / 4) ** 2, 0.0),
    # an orthogonal n × n matrix has rows of unit length: fan_in · E[W²] = n · (1/n) = 1, times gain²
    'orthogonal': (1.0, 0.0),
    'identity': (1.0, 0.0),  # n ones on the diagonal of n² entries: n · n/n² = 1
}


def main():
    print(json.dumps({'width': N, 'entries': {k: {'weightVar': w, 'biasVar': b} for k, (w, b) in ENTRIES.items()}}, indent=1))


if __name__ == '__main__':
    main()
