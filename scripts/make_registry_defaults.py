#!/usr/bin/python3
"""Every registry entry at its own defaults, computed with numpy / scikit-learn from the
frameworks' documented formulas: the expected values of test/registry-defaults.test.ts,
which reaches each entry from every command (init, train, compare, notebook, probe,
gradcheck, sweep, predict, data, the web lab's URL state).

Initializers follow Keras' VarianceScaling and presets (scale / fan; truncated normal
redrawn beyond 2 sigma with the std divided by 0.87962566103423978; uniform limit
sqrt(3 * scale / fan)), Keras' RandomNormal / RandomUniform / TruncatedNormal / Constant /
Identity, PyTorch's kaiming_normal_ / kaiming_uniform_ (calculate_gain), and the notebook's
zeros / random (x10) / he (sqrt(2 / fan_in)), all drawn from numpy's legacy RandomState
(one stream, layer after layer, row-major W of shape fan_out x fan_in, as np.random.randn).
Activations take initlab's documented defaults: LeakyReLU slope 0.01 (PyTorch's
negative_slope; Keras' is 0.3), ELU alpha 1 (both frameworks), SELU's constants, optimizers the course's (momentum beta 0.9; Adam 0.9, 0.999, 1e-8), datasets
scikit-learn's make_circles / make_moons and the course's load_planar_dataset.

Never run by tests. With Debian's python3-numpy and python3-sklearn:
  /usr/bin/python3 scripts/make_registry_defaults.py > test/fixtures/registry_defaults.json
"""
import json
import warnings
import math
import numpy as np
import sklearn.datasets

from _common import optimizer_step, planar_flower, spiral as common_spiral

warnings.filterwarnings('ignore', 'overflow encountered in exp')  # sigmoid of the x10 run's huge logits: 0 or 1, as intended

TRUNC_STD = 0.87962566103423978
SEED = 3
DIMS = [2, 10, 5, 1]          # the notebook's network, trained from the CLI's defaults
GRAD_DIMS = [2, 5, 3, 1]      # gradcheck --layers 2,5,3,1 --epsilon 0.5
GRAD_EPS = 0.5                # a large step: the difference is the finite differences' own error, not rounding noise
LR = 0.01
PROBE = dict(depth=3, width=16, samples=20, seed=0)  # probe --depth 3 --width 16 --samples 20 (seed 0: probe's default)


# ---------------------------------------------------------------- initializers: W (fan_out x fan_in)
def normal(rs, n, mean, std):
    return mean + std * rs.randn(n)

def truncated(rs, n, mean, std):
    out = np.empty(n)
    for i in range(n):
        g = rs.standard_normal()
        while g < -2 or g > 2:
            g = rs.standard_normal()
        out[i] = mean + std * g
    return out

def fan(mode, fan_in, fan_out):
    return fan_in if mode == "fan_in" else fan_out if mode == "fan_out" else (fan_in + fan_out) / 2

def variance_scaling(scale, mode, distribution):
    # Keras: "normal" is an alias of "truncated_normal"
    def draw(rs, fo, fi):
        n = fo * fi
        s = scale / max(1.0, fan(mode, fi, fo))
        if distribution in ("truncated_normal", "normal"):
            return truncated(rs, n, 0.0, math.sqrt(s) / TRUNC_STD)
        if distribution == "untruncated_normal":
            return normal(rs, n, 0.0, math.sqrt(s))
        limit = math.sqrt(3.0 * s)
        return rs.uniform(-limit, limit, n)
    return draw

def gain(nonlinearity, a):
    # torch.nn.init.calculate_gain
    return {"relu": math.sqrt(2.0), "leaky_relu": math.sqrt(2.0 / (1 + a * a)), "tanh": 5.0 / 3, "selu": 3.0 / 4}.get(nonlinearity, 1.0)

def identity(gain_):
    def draw(rs, fo, fi):
        w = np.zeros((fo, fi))
        for i in range(min(fo, fi)):
            w[i, i] = gain_
        return w.ravel()
    return draw

INITS = {
    "zeros": lambda rs, fo, fi: np.zeros(fo * fi),
    "ones": lambda rs, fo, fi: np.ones(fo * fi),
    "constant": lambda rs, fo, fi: np.full(fo * fi, 0.1),                                # Keras' Constant needs a value; initlab's default 0.1
    "random": lambda rs, fo, fi: rs.randn(fo * fi) * 10.0,                               # the notebook: randn * 10
    "he": lambda rs, fo, fi: rs.randn(fo * fi) * np.sqrt(2.0 / fi),                     # the notebook: randn * sqrt(2 / n_prev)
    "xavier": lambda rs, fo, fi: rs.randn(fo * fi) * np.sqrt(1.0 / fi),
    "random-normal": lambda rs, fo, fi: normal(rs, fo * fi, 0.0, 0.05),                 # Keras RandomNormal(0, 0.05)
    "random-uniform": lambda rs, fo, fi: rs.uniform(-0.05, 0.05, fo * fi),              # Keras RandomUniform(-0.05, 0.05)
    "truncated-normal": lambda rs, fo, fi: truncated(rs, fo * fi, 0.0, 0.05),           # Keras TruncatedNormal(0, 0.05)
    "variance-scaling": variance_scaling(1.0, "fan_in", "truncated_normal"),            # Keras VarianceScaling()
    "he-normal": variance_scaling(2.0, "fan_in", "truncated_normal"),
    "he-uniform": variance_scaling(2.0, "fan_in", "uniform"),
    "glorot-normal": variance_scaling(1.0, "fan_avg", "truncated_normal"),
    "glorot-uniform": variance_scaling(1.0, "fan_avg", "uniform"),
    "lecun-normal": variance_scaling(1.0, "fan_in", "truncated_normal"),
    "lecun-uniform": variance_scaling(1.0, "fan_in", "uniform"),
    # PyTorch: kaiming_normal_(w, a=0, mode="fan_in", nonlinearity="leaky_relu"): std = gain / sqrt(fan)
    "kaiming-normal": lambda rs, fo, fi: normal(rs, fo * fi, 0.0, gain("leaky_relu", 0.0) / math.sqrt(fi)),
    "kaiming-uniform": lambda rs, fo, fi: (lambda b: rs.uniform(-b, b, fo * fi))(gain("leaky_relu", 0.0) * math.sqrt(3.0 / fi)),
    "identity": identity(1.0),
    # the frameworks' layer defaults: PyTorch nn.Linear (kaiming_uniform with a = sqrt(5) reduces to
    # U(+-1/sqrt(fan_in)), its bias the same bound), Keras Dense (glorot_uniform), Flax Dense (lecun_normal)
    "pytorch-linear": lambda rs, fo, fi: rs.uniform(-1 / np.sqrt(fi), 1 / np.sqrt(fi), fo * fi),
    "keras-dense": variance_scaling(1.0, "fan_avg", "uniform"),
    "flax-dense": variance_scaling(1.0, "fan_in", "truncated_normal"),
    # the traps: TF.js's varianceScaling(distribution "normal") truncates at 2 std with std
    # sqrt(scale / fan), not divided by 0.8796; PyTorch's kaiming_normal_(nonlinearity="selu")
    "tfjs-truncated-normal": lambda rs, fo, fi: truncated(rs, fo * fi, 0.0, math.sqrt(1.0 / fi)),
    "pytorch-selu": lambda rs, fo, fi: normal(rs, fo * fi, 0.0, gain("selu", 0.0) / math.sqrt(fi)),
}

# biases drawn right after each layer's weights; every other entry starts its biases at 0
BIASES = {
    "pytorch-linear": lambda rs, fo, fi: rs.uniform(-1 / np.sqrt(fi), 1 / np.sqrt(fi), fo),
}

def init_params(name, dims, seed):
    rs = np.random.RandomState(seed)
    Ws, bs = [], []
    for l in range(1, len(dims)):
        Ws.append(INITS[name](rs, dims[l], dims[l - 1]).reshape(dims[l], dims[l - 1]))
        bs.append(BIASES[name](rs, dims[l], dims[l - 1]).reshape(dims[l], 1) if name in BIASES else np.zeros((dims[l], 1)))
    return Ws, bs

def init_weights(name, dims, seed):
    return init_params(name, dims, seed)[0]


# ---------------------------------------------------------------- activations (value, derivative from z and a)
SELU_ALPHA = 1.6732632423543772
SELU_SCALE = 1.0507009873554805
ACTS = {
    "relu": (lambda z: np.maximum(0, z), lambda z, a: (a > 0).astype(float)),
    "leaky-relu": (lambda z: np.where(z > 0, z, 0.01 * z), lambda z, a: np.where(z > 0, 1.0, 0.01)),
    "tanh": (np.tanh, lambda z, a: 1 - a * a),
    "sigmoid": (lambda z: 1 / (1 + np.exp(-z)), lambda z, a: a * (1 - a)),
    "linear": (lambda z: z, lambda z, a: np.ones_like(z)),
    "elu": (lambda z: np.where(z > 0, z, 1.0 * np.expm1(z)), lambda z, a: np.where(z > 0, 1.0, a + 1.0)),
    "selu": (lambda z: np.where(z > 0, SELU_SCALE * z, SELU_SCALE * SELU_ALPHA * np.expm1(z)), lambda z, a: np.where(z > 0, SELU_SCALE, a + SELU_SCALE * SELU_ALPHA)),
}

def forward(Ws, bs, X, act):
    A = [X]; Z = []
    for l, (W, b) in enumerate(zip(Ws, bs)):
        z = W @ A[-1] + b
        Z.append(z)
        A.append(1 / (1 + np.exp(-z)) if l == len(Ws) - 1 else ACTS[act][0](z))
    return A, Z

def cost(Ws, bs, X, Y, act):
    _, Z = forward(Ws, bs, X, act)
    z = Z[-1]
    return float(np.mean(np.logaddexp(0, z) - Y * z))  # the stable cross-entropy, from the logits

def gradients(Ws, bs, X, Y, act):
    A, Z = forward(Ws, bs, X, act)
    m = X.shape[1]
    dz = (A[-1] - Y) / m
    dW = [None] * len(Ws); db = [None] * len(Ws)
    for l in range(len(Ws) - 1, -1, -1):
        dW[l] = dz @ A[l].T
        db[l] = dz.sum(axis=1, keepdims=True)
        if l > 0:
            dz = (Ws[l].T @ dz) * ACTS[act][1](Z[l - 1], A[l])
    return dW, db

def train(Ws, X, Y, act, iters, optimizer="gd", beta=0.9, beta1=0.9, beta2=0.999, eps=1e-8, bs=None):
    """Full-batch training; the cost before each update, and the final one after the last."""
    P = [w.copy() for w in Ws]
    B = [np.zeros((w.shape[0], 1)) for w in Ws] if bs is None else [b.copy() for b in bs]
    params = [x for pair in zip(P, B) for x in pair]
    v = [np.zeros_like(p) for p in params]; s = [np.zeros_like(p) for p in params]
    costs = []
    for t in range(1, iters + 1):
        costs.append(cost(params[0::2], params[1::2], X, Y, act))
        dW, db = gradients(params[0::2], params[1::2], X, Y, act)
        grads = [x for pair in zip(dW, db) for x in pair]
        for i, g in enumerate(grads):
            params[i], v[i], s[i] = optimizer_step(optimizer, params[i], g, v[i], s[i], t, LR, beta, beta1, beta2, eps)
    return costs, cost(params[0::2], params[1::2], X, Y, act)

def gradcheck(Ws, X, Y, act, eps, bs=None):
    """The course's check with a two-sided difference of step eps over W1, b1, W2, b2, ..."""
    bs = [np.zeros((w.shape[0], 1)) for w in Ws] if bs is None else [b.copy() for b in bs]
    dW, db = gradients(Ws, bs, X, Y, act)
    params = [x for pair in zip(Ws, bs) for x in pair]
    grads = [x for pair in zip(dW, db) for x in pair]
    diff2 = g2 = a2 = 0.0
    for P, G in zip(params, grads):
        flat = P.reshape(-1)  # a view: perturbs P in place
        gflat = G.reshape(-1)
        for i in range(flat.size):
            keep = flat[i]
            flat[i] = keep + eps; plus = cost(params[0::2], params[1::2], X, Y, act)
            flat[i] = keep - eps; minus = cost(params[0::2], params[1::2], X, Y, act)
            flat[i] = keep
            approx = (plus - minus) / (2 * eps)
            diff2 += (gflat[i] - approx) ** 2; g2 += gflat[i] ** 2; a2 += approx ** 2
    denom = math.sqrt(g2) + math.sqrt(a2)
    # both gradients at rounding level (zeros: every gradient vanishes by symmetry): the ratio is noise, nothing to compare
    return None if denom < 1e-12 else math.sqrt(diff2) / denom

def probe(init, act, depth, width, samples, seed):
    """One RandomState: X = randn(width, samples), then each layer's width x width weights and,
    for an entry with its own bias rule (BIASES), its biases right after; other entries no biases."""
    rs = np.random.RandomState(seed)
    H = rs.randn(width * samples).reshape(width, samples)
    out = []
    for _ in range(depth):
        W = INITS[init](rs, width, width).reshape(width, width)
        b = BIASES[init](rs, width, width).reshape(width, 1) if init in BIASES else 0.0
        H = ACTS[act][0](W @ H + b)
        out.append([float(H.mean()), float(H.std())])
    return out


# ---------------------------------------------------------------- datasets at their own defaults
def sk(fn, seed, **kw):
    X, y = fn(random_state=np.random.RandomState(seed), **kw)
    return X.T, y.reshape(1, -1).astype(float)

def xor(seed, n=300, noise=0.05):
    # uniform in [-1, 1]^2 per point, label 1 where x*y < 0, then Gaussian noise on both coordinates
    rs = np.random.RandomState(seed); X = np.empty((2, n)); Y = np.empty((1, n))
    for i in range(n):
        x = rs.uniform(-1, 1); y = rs.uniform(-1, 1)
        Y[0, i] = 1.0 if x * y < 0 else 0.0
        X[0, i] = x + noise * rs.standard_normal(); X[1, i] = y + noise * rs.standard_normal()
    return X, Y

def blobs(seed, n=300, spread=0.5, distance=1.0):
    rs = np.random.RandomState(seed); X = np.empty((2, n)); Y = np.empty((1, n))
    for i in range(n):
        label = i % 2; c = distance if label else -distance
        X[0, i] = c + spread * rs.standard_normal(); X[1, i] = c + spread * rs.standard_normal(); Y[0, i] = label
    return X, Y

def spiral(seed, n=300, noise=0.05, turns=1.75):
    X, y = common_spiral(n, seed, noise, turns)
    return X.T, y[None, :].astype(float)

def flower(seed=1, m=400, a=4, noise=0.2):
    # the course's planar_utils.load_planar_dataset
    X, Y = planar_flower(seed, m, a, noise)
    return X.T, Y.T

DATASETS = {
    "circles": lambda: sk(sklearn.datasets.make_circles, 1, n_samples=300, noise=0.05, factor=0.8),
    "moons": lambda: sk(sklearn.datasets.make_moons, 1, n_samples=300, noise=0.05),
    "xor": lambda: xor(1),
    "blobs": lambda: blobs(1),
    "spiral": lambda: spiral(1),
    "flower": lambda: flower(1),
}

def predict(Ws, X, act):
    A, _ = forward(Ws, [np.zeros((w.shape[0], 1)) for w in Ws], X, act)
    return A[-1][0].tolist()


TRAIN_X, TRAIN_Y = DATASETS["circles"]()
TEST_X, _ = sk(sklearn.datasets.make_circles, 2, n_samples=100, noise=0.05)
HE = init_weights("he", DIMS, SEED)

out = {"numpy": np.__version__, "sklearn": sklearn.__version__, "seed": SEED, "dims": DIMS, "gradDims": GRAD_DIMS, "gradEpsilon": GRAD_EPS, "probe": PROBE, "initializers": {}, "activations": {}, "optimizers": {}, "datasets": {}}

for name in INITS:
    Ws, bs = init_params(name, DIMS, SEED)
    costs, final = train(Ws, TRAIN_X, TRAIN_Y, "relu", 1, bs=bs)
    gW, gb = init_params(name, GRAD_DIMS, SEED)
    out["initializers"][name] = {
        "W": [w.tolist() for w in Ws],
        "b": [b.tolist() for b in bs],
        "cost0": costs[0], "cost1": final,
        "probe": probe(name, "tanh", **PROBE),
        "gradcheck": gradcheck(gW, TRAIN_X, TRAIN_Y, "relu", GRAD_EPS, bs=gb),
    }

for act in ACTS:
    costs, final = train(HE, TRAIN_X, TRAIN_Y, act, 1)
    out["activations"][act] = {
        "cost0": costs[0], "cost1": final,
        "probe": probe("he", act, **PROBE),
        "gradcheck": gradcheck(init_weights("he", GRAD_DIMS, SEED), TRAIN_X, TRAIN_Y, act, GRAD_EPS),
        "predict": predict(HE, TEST_X, act),
    }

for opt in ("gd", "momentum", "adam"):
    costs, final = train(HE, TRAIN_X, TRAIN_Y, "relu", 3, optimizer=opt)
    out["optimizers"][opt] = {"costs": costs, "final": final}

for name, make in DATASETS.items():
    X, Y = make()
    costs, final = train(HE, X, Y, "relu", 1)
    out["datasets"][name] = {
        "X": X.tolist(), "Y": Y.tolist(), "cost0": costs[0], "cost1": final,
        "gradcheck": gradcheck(init_weights("he", GRAD_DIMS, SEED), X, Y, "relu", GRAD_EPS),
        "predict": predict(HE, X, "relu"),
    }

print(json.dumps(out))
