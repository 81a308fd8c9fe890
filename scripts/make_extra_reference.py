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

def train_opt(dims, seed, lr, iters, every, X, Y, optimizer="gd", batch=0, beta=0.9, beta1=0.9, beta2=0.999, eps=1e-8):
    """He init, then gd / momentum / adam, full batch or mini-batches: epoch e is
    RandomState(seed + e).permutation(m), batches taken in order, iterations = updates;
    the cost is the stable one on the whole training set."""
    np.random.seed(seed)
    p = []
    for l in range(1, len(dims)):
        p.append([np.random.randn(dims[l], dims[l - 1]) * np.sqrt(2.0 / dims[l - 1]), np.zeros((dims[l], 1))])
    v = [[np.zeros_like(W), np.zeros_like(b)] for W, b in p]
    s = [[np.zeros_like(W), np.zeros_like(b)] for W, b in p]
    m = X.shape[1]
    costs = []
    order, offset, epoch, t = None, m, -1, 0

    def fwd(Xb):
        A = [Xb]; Z = []
        for l, (W, b) in enumerate(p):
            z = np.dot(W, A[-1]) + b
            Z.append(z)
            A.append(sigmoid(z) if l == len(p) - 1 else relu(z))
        return A, Z

    for i in range(iters):
        if i % every == 0:
            A, Z = fwd(X)
            costs.append(float(np.mean(np.logaddexp(0, Z[-1]) - Y * Z[-1])))
        if batch:
            if offset >= m:
                epoch += 1
                order = np.random.RandomState(seed + epoch).permutation(m)
                offset = 0
            idx = order[offset:offset + batch]
            offset += len(idx)
            Xb, Yb = X[:, idx], Y[:, idx]
        else:
            Xb, Yb = X, Y
        A, Z = fwd(Xb)
        mb = Xb.shape[1]
        dz = 1.0 / mb * (A[-1] - Yb)
        grads = [None] * len(p)
        for l in range(len(p) - 1, -1, -1):
            grads[l] = (np.dot(dz, A[l].T), np.sum(dz, axis=1, keepdims=True))
            if l > 0:
                dz = np.multiply(np.dot(p[l][0].T, dz), np.int64(A[l] > 0))
        t += 1
        for l in range(len(p)):
            for k in (0, 1):
                g = grads[l][k]
                if optimizer == "gd":
                    p[l][k] = p[l][k] - lr * g
                elif optimizer == "momentum":
                    v[l][k] = beta * v[l][k] + (1 - beta) * g
                    p[l][k] = p[l][k] - lr * v[l][k]
                else:
                    v[l][k] = beta1 * v[l][k] + (1 - beta1) * g
                    s[l][k] = beta2 * s[l][k] + (1 - beta2) * np.square(g)
                    vc = v[l][k] / (1 - beta1 ** t)
                    sc = s[l][k] / (1 - beta2 ** t)
                    p[l][k] = p[l][k] - lr * vc / (np.sqrt(sc) + eps)
    return {"costs": costs}

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
runs["adam batch=64 seed=3 lr=0.01 iters=700"] = dict(
    args=["train", "--init", "he", "--optimizer", "adam", "--batch-size", "64", "--lr", "0.01", "--iterations", "700", "--print-every", "100"],
    **train_opt([2, 10, 5, 1], 3, 0.01, 700, 100, X, Y, optimizer="adam", batch=64))
runs["momentum beta=0.8 seed=3 lr=0.05 iters=500"] = dict(
    args=["train", "--init", "he", "--optimizer", "momentum:beta=0.8", "--lr", "0.05", "--iterations", "500", "--print-every", "100"],
    **train_opt([2, 10, 5, 1], 3, 0.05, 500, 100, X, Y, optimizer="momentum", beta=0.8))
runs["gd batch=50 seed=3 lr=0.1 iters=300"] = dict(
    args=["train", "--init", "he", "--batch-size", "50", "--lr", "0.1", "--iterations", "300", "--print-every", "30"],
    **train_opt([2, 10, 5, 1], 3, 0.1, 300, 30, X, Y, batch=50))
out["runs"] = runs

def orthogonal(seed, fan_out, fan_in, gain=1.0):
    """a = randn(max, min); Q, R = qr(a); Q *= sign(diag(R)); W = Q, or Q.T when fan_out < fan_in.
    Keras' layout on non-square layers, PyTorch's on square ones: scripts/orthogonal_reference.py
    has each framework's recipe whole."""
    np.random.seed(seed)
    rows, cols = max(fan_out, fan_in), min(fan_out, fan_in)
    q, r = np.linalg.qr(np.random.randn(rows, cols))
    q = q * np.sign(np.diag(r))
    return (gain * (q if fan_out >= fan_in else q.T)).tolist()

def flower():
    """planar_utils.load_planar_dataset from the course, as written there."""
    np.random.seed(1)
    m = 400; N = int(m / 2); D = 2
    X = np.zeros((m, D)); Y = np.zeros((m, 1), dtype='uint8'); a = 4
    for j in range(2):
        ix = range(N * j, N * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + np.random.randn(N) * 0.2
        r = a * np.sin(4 * t) + np.random.randn(N) * 0.2
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return {"X": X.T.tolist(), "Y": Y.T.astype(int).tolist()}

out["datasets"]["flower"] = flower()

def probe(seed, depth, width, samples, init, act, scale=1.0):
    """One RandomState(seed): X = randn(width, samples); each layer W = draws of the
    initializer (width x width) on the same stream; no biases; H = act(W.H)."""
    rs = np.random.RandomState(seed)
    H = rs.randn(width, samples)
    out = []
    for l in range(depth):
        f = {"random": scale, "he": np.sqrt(2.0 / width), "xavier": np.sqrt(1.0 / width)}[init]
        W = rs.randn(width, width) * f
        Z = np.dot(W, H)
        H = np.tanh(Z) if act == "tanh" else np.maximum(0, Z)
        out.append({"layer": l + 1, "mean": float(H.mean()), "std": float(H.std())})
    return out

out["probe"] = {
    "random:scale=0.01 tanh seed=0 depth=6 width=60 samples=80": probe(0, 6, 60, 80, "random", "tanh", 0.01),
    "he relu seed=4 depth=5 width=40 samples=50": probe(4, 5, 40, 50, "he", "relu"),
    "xavier tanh seed=2 depth=4 width=30 samples=70": probe(2, 4, 30, 70, "xavier", "tanh"),
}

out["orthogonal"] = {"seed=0 5x3": orthogonal(0, 5, 3), "seed=1 3x5 gain=2": orthogonal(1, 3, 5, 2.0), "seed=7 4x4": orthogonal(7, 4, 4)}
print(json.dumps(out))
