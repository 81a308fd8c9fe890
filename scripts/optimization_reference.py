#!/usr/bin/python3
"""The course's Optimization notebook (Improving Deep Neural Networks, week 2), re-written in
numpy along its own code path, for initlab's tests: the costs it prints per epoch for
gradient descent, momentum and Adam on its moons data: every epoch of a 400-epoch run, and
what its 10,000-epoch runs print (epochs 0, 1000, ..., 9000).

What the course does, step by step (opt_utils + the notebook's model()):
- load_dataset(): np.random.seed(3); make_moons(n_samples=300, noise=.2) on the global
  RandomState (no random_state argument), X transposed to 2 x 300, Y to 1 x 300.
- initialize_parameters_he([2, 5, 2, 1]): np.random.seed(3); W = randn(n_l, n_{l-1}) *
  sqrt(2 / n_{l-1}); b = zeros.
- model(): seed = 10; each epoch: seed += 1; random_mini_batches(X, Y, 64, seed) does
  np.random.seed(seed); permutation(m); slices of 64 (the last one shorter).
  For each mini-batch: forward (relu, relu, sigmoid); cost_total += compute_cost(a3, Y),
  the SUM over the batch of -log(a3) y - log(1 - a3)(1 - y); backward with dz3 = (a3 - Y)/m_batch;
  update (gd, momentum with v = beta v + (1 - beta) dW, or Adam with t counting updates and
  bias correction). cost_avg = cost_total / m (m = 300) is what it prints.

Regenerate:  /usr/bin/python3 scripts/optimization_reference.py > test/fixtures/optimization_reference.json
"""
import json
import math
import numpy as np
import sklearn.datasets
from _common import optimizer_step

EPOCHS = 400          # every epoch's cost, for the tests
COURSE_EPOCHS = 10000  # the course's own run, printed every 1000 epochs
LAYERS = [2, 5, 2, 1]


def load_dataset():
    np.random.seed(3)
    X, y = sklearn.datasets.make_moons(n_samples=300, noise=.2)
    return X.T, y.reshape((1, y.shape[0]))


def he_parameters(dims, seed=3):
    np.random.seed(seed)
    p = {}
    for l in range(1, len(dims)):
        p["W%d" % l] = np.random.randn(dims[l], dims[l - 1]) * np.sqrt(2 / dims[l - 1])
        p["b%d" % l] = np.zeros((dims[l], 1))
    return p


def mini_batches(X, Y, size, seed):
    np.random.seed(seed)
    m = X.shape[1]
    order = list(np.random.permutation(m))
    Xs, Ys = X[:, order], Y[:, order].reshape((1, m))
    out = [(Xs[:, k * size:(k + 1) * size], Ys[:, k * size:(k + 1) * size]) for k in range(math.floor(m / size))]
    if m % size != 0:
        full = math.floor(m / size) * size
        out.append((Xs[:, full:], Ys[:, full:]))
    return out


def relu(x):
    return np.maximum(0, x)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def forward(X, p):
    z1 = np.dot(p["W1"], X) + p["b1"]; a1 = relu(z1)
    z2 = np.dot(p["W2"], a1) + p["b2"]; a2 = relu(z2)
    z3 = np.dot(p["W3"], a2) + p["b3"]; a3 = sigmoid(z3)
    return a3, (a1, a2, a3)


def cost_sum(a3, Y):
    # the notebook's version returns the sum, not the mean
    return np.sum(np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y))


def backward(X, Y, p, cache):
    a1, a2, a3 = cache
    m = X.shape[1]
    g = {}
    dz3 = 1. / m * (a3 - Y)
    g["dW3"] = np.dot(dz3, a2.T); g["db3"] = np.sum(dz3, axis=1, keepdims=True)
    dz2 = np.multiply(np.dot(p["W3"].T, dz3), np.int64(a2 > 0))
    g["dW2"] = np.dot(dz2, a1.T); g["db2"] = np.sum(dz2, axis=1, keepdims=True)
    dz1 = np.multiply(np.dot(p["W2"].T, dz2), np.int64(a1 > 0))
    g["dW1"] = np.dot(dz1, X.T); g["db1"] = np.sum(dz1, axis=1, keepdims=True)
    return g


def update_lr(lr0, epoch, rate):
    return 1 / (1 + rate * epoch) * lr0


def schedule_lr_decay(lr0, epoch, rate, interval=1000):
    return 1 / (1 + rate * np.floor(epoch / interval)) * lr0


def run(optimizer, X, Y, lr=0.0007, size=64, beta=0.9, beta1=0.9, beta2=0.999, eps=1e-8, epochs=EPOCHS, decay=None, decay_rate=1, rates=None,
        shuffle_seed=11, weight_seed=3):
    lr0 = lr
    p = he_parameters(LAYERS, weight_seed)
    keys = ["W1", "b1", "W2", "b2", "W3", "b3"]
    v = {k: np.zeros_like(p[k]) for k in keys}
    s = {k: np.zeros_like(p[k]) for k in keys}
    t = 0
    seed = shuffle_seed - 1  # the course's 10: its first epoch is shuffled with 11
    m = X.shape[1]
    costs = []
    for _ in range(epochs):
        seed = seed + 1
        total = 0
        # numpy refuses seeds past 2^32 - 1; initlab counts on from 0 there (the course never gets there)
        for bx, by in mini_batches(X, Y, size, seed % 2 ** 32):
            a3, cache = forward(bx, p)
            total += cost_sum(a3, by)
            g = backward(bx, by, p, cache)
            if optimizer == "adam":
                t = t + 1
            for k in keys:
                p[k], v[k], s[k] = optimizer_step(optimizer, p[k], g["d" + k], v[k], s[k], t, lr, beta, beta1, beta2, eps)
        costs.append(float(total / m))
        if decay:
            # after the epoch, as the course's model() does: epoch e + 1 runs at decay(lr0, e)
            lr = decay(lr0, len(costs) - 1, decay_rate)
            if rates is not None:
                rates.append(float(lr))
    return costs


if __name__ == "__main__":
    X, Y = load_dataset()
    out = {
        "dataset": {"spec": "moons:n=300,noise=0.2,seed=3", "X": X.tolist(), "Y": Y.astype(int).tolist()},
        "layers": LAYERS, "seed": 3, "learningRate": 0.0007, "batchSize": 64, "shuffleSeed": 11, "epochs": EPOCHS,
        "costs": {name: run(name, X, Y) for name in ("gd", "momentum", "adam")},
        "courseEpochs": COURSE_EPOCHS,
        "printed": {name: run(name, X, Y, epochs=COURSE_EPOCHS)[::1000] for name in ("gd", "momentum", "adam")},
    }

    # The 2021 version's section 7 (5000 epochs, printed every 1000 with the learning rate after
    # that epoch): decay at every epoch (update_lr) with gd at 0.1, and at fixed intervals
    # (schedule_lr_decay, interval 1000) with gd and momentum at 0.1 and Adam at 0.01.
    DECAY_RUNS = [
        ("gd", 0.1, "inverse", update_lr),
        ("gd", 0.1, "scheduled", schedule_lr_decay),
        ("momentum", 0.1, "scheduled", schedule_lr_decay),
        ("adam", 0.01, "scheduled", schedule_lr_decay),
    ]
    out["decayEpochs"] = 5000
    out["decay"] = []
    for name, lr, kind, fn in DECAY_RUNS:
        rates = []
        costs = run(name, X, Y, lr=lr, epochs=out["decayEpochs"], decay=fn, decay_rate=1, rates=rates)
        out["decay"].append({"optimizer": name, "learningRate": lr, "decay": kind, "decayRate": 1,
                             "printedCosts": costs[::1000], "printedRates": rates[::1000]})
    print(json.dumps(out))
