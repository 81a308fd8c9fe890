#!/usr/bin/env python3
"""Each initializer's E[W], Var(W) and Var(b) from the frameworks' documented formulas, and
where each lands in mean-field theory's (σ_w² = fan_in · Var(W), σ_b² = Var(b)) plane.

Written from the frameworks' own rules, nothing taken from initlab:
- Keras VarianceScaling: scale /= max(1, fan); "truncated_normal" draws
  truncated_normal(0, √scale / .87962566103423978), "untruncated_normal" normal(0, √scale),
  "uniform" uniform(±√(3 scale)); fan_avg = (fan_in + fan_out) / 2. Its presets (HeNormal,
  GlorotUniform, LecunNormal, …) and Flax's lecun_normal (the same correction constant).
- TF.js varianceScaling with distribution "normal": truncatedNormal(0, √(scale / max(1, fan)))
  with no correction.
- PyTorch: calculate_gain; kaiming_normal_ std = gain / √fan; kaiming_uniform_ bound = √3 · std;
  nn.Linear.reset_parameters = kaiming_uniform_(a=√5) and biases uniform(±1/√fan_in).
- numpy's randn × scale, normal(mean, std), uniform(min, max); Keras TruncatedNormal(mean, std).
- orthogonal: the mean of Q² over a numpy QR of a Gaussian matrix (Q has orthonormal rows or
  columns), times gain².
Variances of the truncated and uniform draws come from scipy.stats (truncnorm, uniform).

Placement (a square layer of WIDTH units): a draw with mean ≠ 0, a fixed matrix (identity) or a
scale found on data (lsuv) has no point; every other one is (WIDTH · Var(W), Var(b)), and
"scalesWithWidth" says whether σ_w² changes when the width doubles.

    /usr/bin/python3 scripts/make_initializer_moments_reference.py > test/fixtures/initializer_moments.json
"""
import json
import math

import numpy as np
from scipy import stats

KERAS_TRUNCATION = 0.87962566103423978  # Keras' and Flax's divisor of the truncated normal's std
WIDTH = 100
SHAPES = [(100, 100), (30, 70), (70, 30)]  # (fan_out, fan_in)


def truncated(mean, std):
    d = stats.truncnorm(-2, 2, loc=mean, scale=std)
    return d.mean(), d.var()


def uniform(lo, hi):
    d = stats.uniform(lo, hi - lo)
    return d.mean(), d.var()


def normal(mean, std):
    return mean, std * std


def keras_variance_scaling(scale, mode, distribution, fan_in, fan_out):
    fan = {'fan_in': fan_in, 'fan_out': fan_out, 'fan_avg': (fan_in + fan_out) / 2}[mode]
    scale = scale / max(1.0, fan)
    if distribution in ('truncated_normal', 'normal'):
        return truncated(0.0, math.sqrt(scale) / KERAS_TRUNCATION)
    if distribution == 'untruncated_normal':
        return normal(0.0, math.sqrt(scale))
    limit = math.sqrt(3.0 * scale)
    return uniform(-limit, limit)


def tfjs_variance_scaling(scale, mode, fan_in, fan_out):
    fan = {'fan_in': fan_in, 'fan_out': fan_out, 'fan_avg': (fan_in + fan_out) / 2}[mode]
    return truncated(0.0, math.sqrt(scale / max(1.0, fan)))


def torch_gain(nonlinearity, a):
    return {
        'relu': math.sqrt(2.0),
        'leaky_relu': math.sqrt(2.0 / (1 + a * a)),
        'tanh': 5.0 / 3,
        'selu': 3.0 / 4,
    }.get(nonlinearity, 1.0)


def torch_fan(mode, fan_in, fan_out):
    return fan_in if mode == 'fan_in' else fan_out


def kaiming_normal(a, mode, nonlinearity, fan_in, fan_out):
    return normal(0.0, torch_gain(nonlinearity, a) / math.sqrt(torch_fan(mode, fan_in, fan_out)))


def kaiming_uniform(a, mode, nonlinearity, fan_in, fan_out):
    std = torch_gain(nonlinearity, a) / math.sqrt(torch_fan(mode, fan_in, fan_out))
    bound = math.sqrt(3.0) * std
    return uniform(-bound, bound)


def orthogonal(gain, fan_in, fan_out):
    q, _ = np.linalg.qr(np.random.default_rng(0).standard_normal((max(fan_in, fan_out), min(fan_in, fan_out))))
    return 0.0, gain * gain * float(np.mean(q * q))  # E[W] = 0 by the sign symmetry of the Haar law


def pytorch_linear(fan_in, fan_out):
    w = kaiming_uniform(math.sqrt(5), 'fan_in', 'leaky_relu', fan_in, fan_out)
    bound = 1 / math.sqrt(fan_in)
    return w, uniform(-bound, bound)[1]


def moments(name, p, fan_out, fan_in):
    """(mean, Var(W), Var(b)) or None where no one mean and variance describe the draw."""
    g = lambda k, d: p.get(k, d)  # noqa: E731
    vs = lambda s, m, d: keras_variance_scaling(s, m, d, fan_in, fan_out)  # noqa: E731
    table = {
        'zeros': lambda: (0.0, 0.0),
        'ones': lambda: (1.0, 0.0),
        'constant': lambda: (g('value', 0.1), 0.0),
        'random': lambda: normal(0.0, g('scale', 10.0)),
        'he': lambda: normal(0.0, math.sqrt(2.0 / fan_in)),
        'xavier': lambda: normal(0.0, math.sqrt(1.0 / fan_in)),
        'random-normal': lambda: normal(g('mean', 0.0), g('std', 0.05)),
        'random-uniform': lambda: uniform(g('min', -0.05), g('max', 0.05)),
        'truncated-normal': lambda: truncated(g('mean', 0.0), g('std', 0.05)),
        'variance-scaling': lambda: vs(g('scale', 1.0), g('mode', 'fan_in'), g('distribution', 'truncated_normal')),
        'he-normal': lambda: vs(2.0, 'fan_in', 'truncated_normal'),
        'he-uniform': lambda: vs(2.0, 'fan_in', 'uniform'),
        'glorot-normal': lambda: vs(1.0, 'fan_avg', 'truncated_normal'),
        'glorot-uniform': lambda: vs(1.0, 'fan_avg', 'uniform'),
        'lecun-normal': lambda: vs(1.0, 'fan_in', 'truncated_normal'),
        'lecun-uniform': lambda: vs(1.0, 'fan_in', 'uniform'),
        'kaiming-normal': lambda: kaiming_normal(g('a', 0.0), g('mode', 'fan_in'), g('nonlinearity', 'leaky_relu'), fan_in, fan_out),
        'kaiming-uniform': lambda: kaiming_uniform(g('a', 0.0), g('mode', 'fan_in'), g('nonlinearity', 'leaky_relu'), fan_in, fan_out),
        'keras-dense': lambda: vs(1.0, 'fan_avg', 'uniform'),
        'flax-dense': lambda: vs(1.0, 'fan_in', 'truncated_normal'),
        'tfjs-truncated-normal': lambda: tfjs_variance_scaling(g('scale', 1.0), g('mode', 'fan_in'), fan_in, fan_out),
        'pytorch-selu': lambda: kaiming_normal(0.0, 'fan_in', 'selu', fan_in, fan_out),
        'orthogonal': lambda: orthogonal(g('gain', 1.0), fan_in, fan_out),
    }
    if name == 'pytorch-linear':
        (mean, var), bias = pytorch_linear(fan_in, fan_out)
        return mean, var, bias
    if name not in table:
        return None  # identity (a fixed matrix), lsuv (scaled on data)
    mean, var = table[name]()
    return float(mean), float(var), 0.0


DEFAULTS = [
    'zeros', 'ones', 'constant', 'random', 'he', 'xavier', 'random-normal', 'random-uniform',
    'truncated-normal', 'variance-scaling', 'he-normal', 'he-uniform', 'glorot-normal',
    'glorot-uniform', 'lecun-normal', 'lecun-uniform', 'kaiming-normal', 'kaiming-uniform',
    'pytorch-linear', 'keras-dense', 'flax-dense', 'tfjs-truncated-normal', 'pytorch-selu',
    'orthogonal', 'identity', 'lsuv',
]
# SPECs whose own parameters move the point (name, parameters)
WITH_PARAMS = [
    ('random', {'scale': 0.1}),
    ('random-normal', {'std': 0.2}),
    ('random-uniform', {'min': -0.3, 'max': 0.1}),
    ('truncated-normal', {'std': 0.3}),
    ('constant', {'value': 0}),
    ('constant', {'value': -0.5}),
    ('variance-scaling', {'scale': 2, 'mode': 'fan_out', 'distribution': 'uniform'}),
    ('variance-scaling', {'scale': 3, 'mode': 'fan_avg', 'distribution': 'untruncated_normal'}),
    ('variance-scaling', {'scale': 0.5, 'distribution': 'normal'}),
    ('kaiming-normal', {'nonlinearity': 'tanh'}),
    ('kaiming-normal', {'nonlinearity': 'selu', 'mode': 'fan_out'}),
    ('kaiming-uniform', {'a': 0.5, 'mode': 'fan_out'}),
    ('kaiming-uniform', {'nonlinearity': 'relu'}),
    ('tfjs-truncated-normal', {'scale': 2, 'mode': 'fan_avg'}),
    ('orthogonal', {'gain': 2}),
    ('identity', {'gain': 3}),
]


def spec_of(name, p):
    return name if not p else name + ':' + ','.join(f'{k}={v}' for k, v in p.items())


def entry(name, p):
    shapes = []
    for fan_out, fan_in in SHAPES:
        m = moments(name, p, fan_out, fan_in)
        shapes.append({'fanOut': fan_out, 'fanIn': fan_in, 'moments': None if m is None else
                       {'weightMean': m[0], 'weightVariance': m[1], 'biasVariance': m[2]}})
    m = moments(name, p, WIDTH, WIDTH)
    twice = moments(name, p, 2 * WIDTH, 2 * WIDTH)
    if m is None or m[0] != 0:
        point = None
    else:
        w = WIDTH * m[1]
        point = {'weightVar': w, 'biasVar': m[2], 'scalesWithWidth': bool(abs(2 * WIDTH * twice[1] - w) > 1e-12 * max(w, 1e-300))}
    return {'spec': spec_of(name, p), 'shapes': shapes, 'point': point}


def main():
    cases = [entry(n, {}) for n in DEFAULTS] + [entry(n, p) for n, p in WITH_PARAMS]
    print(json.dumps({'width': WIDTH, 'cases': cases}, indent=1))


if __name__ == '__main__':
    main()
