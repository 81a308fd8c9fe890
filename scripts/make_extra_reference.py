#!/usr/bin/python3
"""More numpy / scikit-learn vectors for initlab's tests, beyond the notebook's own.

Cross-check tool only (never run by tests or CI). With Debian's python3-numpy and
python3-sklearn:  /usr/bin/python3 scripts/make_extra_reference.py > test/fixtures/extra_reference.json
"""
import json
import numpy as np
import sklearn.datasets

def rng_case(seed):
    out = {}
    np.random.seed(seed); out["randn_9"] = np.random.randn(9).tolist()
    np.random.seed(seed); out["random_sample_4"] = np.random.random_sample(4).tolist()
    np.random.seed(seed); out["randint_0_10_8"] = np.random.randint(0, 10, size=8).tolist()
    np.random.seed(seed); out["randint_5_1000_6"] = np.random.randint(5, 1000, size=6).tolist()
    np.random.seed(seed); out["randint_0_2p40_3"] = np.random.randint(0, 2**40, size=3).tolist()
    np.random.seed(seed); out["normal_2_3_5"] = np.random.normal(2.0, 3.0, 5).tolist()
    np.random.seed(seed); out["uniform_m2_5_4"] = np.random.uniform(-2, 5, 4).tolist()
    np.random.seed(seed); a = np.arange(17); np.random.shuffle(a); out["shuffle_17"] = a.tolist()
    np.random.seed(seed); out["permutation_12"] = np.random.permutation(12).tolist()
    # the cached Gaussian survives a randn(1) followed by normal()
    np.random.seed(seed); g1 = np.random.randn(1); g2 = np.random.normal(0, 1, 2); out["randn1_then_normal2"] = [g1.tolist(), g2.tolist()]
    return out

def sk(fn, seed, **kw):
    X, y = fn(random_state=np.random.RandomState(seed), **kw)
    return {"X": X.T.tolist(), "Y": [y.tolist()]}

def relu(x): return np.maximum(0, x)
def sigmoid(x): return 1 / (1 + np.exp(-x))

def train(dims, init, seed, lr, iters, every, X, Y, scale=10.0):
    np.random.seed(seed)
    p = []
    for l in range(1, len(dims)):
        if init == "he": f = np.sqrt(2.0 / dims[l - 1])
        elif init == "xavier": f = np.sqrt(1.0 / dims[l - 1])
        elif init == "random": f = scale
        W = np.random.randn(dims[l], dims[l - 1]) * f
        p.append([W, np.zeros((dims[l], 1))])
    m = X.shape[1]
    costs = []
    for i in range(iters):
        A = [X]; Z = []
        for l, (W, b) in enumerate(p):
            z = np.dot(W, A[-1]) + b
            Z.append(z)
            A.append(sigmoid(z) if l == len(p) - 1 else relu(z))
        if i % every == 0:
            costs.append(float(np.mean(np.logaddexp(0, Z[-1]) - Y * Z[-1])))
        dz = 1.0 / m * (A[-1] - Y)
        grads = []
        for l in range(len(p) - 1, -1, -1):
            dW = np.dot(dz, A[l].T); db = np.sum(dz, axis=1, keepdims=True)
            grads.append((l, dW, db))
            if l > 0:
                da = np.dot(p[l][0].T, dz); dz = np.multiply(da, np.int64(A[l] > 0))
        for l, dW, db in grads:
            p[l][0] = p[l][0] - lr * dW; p[l][1] = p[l][1] - lr * db
    A = X
    for l, (W, b) in enumerate(p):
        z = np.dot(W, A) + b; A = sigmoid(z) if l == len(p) - 1 else relu(z)
    acc = float(np.mean((A > 0.5).astype(int)[0] == Y[0]))
    return {"costs": costs, "train_accuracy": acc}

def circles(seed, n, noise):
    np.random.seed(seed)
    X, y = sklearn.datasets.make_circles(n_samples=n, noise=noise)
    return X.T, y.reshape(1, -1)

out = {"numpy": np.__version__, "sklearn": sklearn.__version__}
out["rng"] = {str(s): rng_case(s) for s in (5, 42, 12345, 2**31, 2**32 - 1)}
out["datasets"] = {
    "circles:n=7,noise=0,seed=0": sk(sklearn.datasets.make_circles, 0, n_samples=7, noise=None),
    "circles:n=101,noise=0.1,seed=7,factor=0.5": sk(sklearn.datasets.make_circles, 7, n_samples=101, noise=0.1, factor=0.5),
    "circles:n=10,noise=0.2,seed=3,shuffle=false": sk(sklearn.datasets.make_circles, 3, n_samples=10, noise=0.2, shuffle=False),
    "moons:n=50,noise=0.2,seed=5": sk(sklearn.datasets.make_moons, 5, n_samples=50, noise=0.2),
    "moons:n=9,noise=0,seed=1": sk(sklearn.datasets.make_moons, 1, n_samples=9, noise=None),
}
runs = {}
X, Y = circles(4, 200, 0.1)
runs["xavier seed=1 layers=2,8,4,1 lr=0.05 iters=600 data=circles:n=200,noise=0.1,seed=4"] = dict(
    args=["train", "--init", "xavier", "--seed", "1", "--layers", "2,8,4,1", "--lr", "0.05", "--iterations", "600", "--print-every", "100", "--train", "circles:n=200,noise=0.1,seed=4"],
    **train([2, 8, 4, 1], "xavier", 1, 0.05, 600, 100, X, Y))
X, Y = circles(1, 300, 0.05)
runs["he seed=5 layers=2,6,6,6,1 lr=0.1 iters=500"] = dict(
    args=["train", "--init", "he", "--seed", "5", "--layers", "2,6,6,6,1", "--lr", "0.1", "--iterations", "500", "--print-every", "50"],
    **train([2, 6, 6, 6, 1], "he", 5, 0.1, 500, 50, X, Y))
runs["random scale=1 seed=9 layers=2,5,1 lr=0.3 iters=400"] = dict(
    args=["train", "--init", "random", "--scale", "1", "--seed", "9", "--layers", "2,5,1", "--lr", "0.3", "--iterations", "400", "--print-every", "100"],
    **train([2, 5, 1], "random", 9, 0.3, 400, 100, X, Y, scale=1.0))
out["runs"] = runs
print(json.dumps(out))
