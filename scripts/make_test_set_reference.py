#!/usr/bin/python3
"""Expected test sets and test accuracies when the test set follows the training data.

The rule (src/experiments/test-spec.ts): a generated training set is tested on the same
generator with the same parameters and seed + 1 (seed - 1 for the largest, 4294967295: never a
wrap onto seed 0, src/rng/sibling-seed.ts); the notebook's
training set keeps the notebook's test set (make_circles(100, noise=0.05) after seed 2).
Here the test sets are drawn by scikit-learn itself, and each run is trained by a plain
numpy network (He or Xavier weights from np.random.seed(seed), ReLU hidden layers, sigmoid
output, full-batch gradient descent), so the accuracies do not come from initlab.

Never run by the tests. Regenerate with:
    /usr/bin/python3 scripts/make_test_set_reference.py > test/fixtures/test_set_reference.json
"""
import json
import numpy as np
import sklearn.datasets


def make(kind, n, noise, seed, factor=0.8):
    rs = np.random.RandomState(seed)
    if kind == "moons":
        X, y = sklearn.datasets.make_moons(n_samples=n, noise=noise, random_state=rs)
    else:
        X, y = sklearn.datasets.make_circles(n_samples=n, noise=noise, factor=factor, random_state=rs)
    return X.T, y.reshape(1, -1).astype(float)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def fit(dims, init, seed, lr, iterations, X, Y):
    """The notebook's model(): weights randn * sqrt(k / fan_in), zero biases, gradient descent."""
    np.random.seed(seed)
    k = {"he": 2.0, "xavier": 1.0}[init]
    params = [[np.random.randn(dims[l], dims[l - 1]) * np.sqrt(k / dims[l - 1]), np.zeros((dims[l], 1))] for l in range(1, len(dims))]
    m = X.shape[1]

    def forward(A):
        acts = [A]
        for l, (W, b) in enumerate(params):
            z = W @ acts[-1] + b
            acts.append(sigmoid(z) if l == len(params) - 1 else np.maximum(0, z))
        return acts

    for _ in range(iterations):
        acts = forward(X)
        dz = (acts[-1] - Y) / m
        grads = []
        for l in range(len(params) - 1, -1, -1):
            grads.append((l, dz @ acts[l].T, np.sum(dz, axis=1, keepdims=True)))
            if l > 0:
                dz = (params[l][0].T @ dz) * (acts[l] > 0)
        for l, dW, db in grads:
            params[l][0] -= lr * dW
            params[l][1] -= lr * db
    return lambda A: (forward(A)[-1] > 0.5).astype(float)


def accuracy(predict, X, Y):
    return float(np.mean(predict(X)[0] == Y[0]))


def data(X, Y):
    return {"X": X.tolist(), "Y": Y.astype(int).tolist()}


cases = []


def case(args, train, test, test_spec, init="he", seed=3, dims=(2, 10, 5, 1), lr=0.01, iterations=1000):
    Xtr, Ytr = make(**train)
    Xte, Yte = make(**test)
    predict = fit(list(dims), init, seed, lr, iterations, Xtr, Ytr)
    cases.append({
        "args": args,
        "testSpec": test_spec,
        "test": data(Xte, Yte),
        "trainAccuracy": accuracy(predict, Xtr, Ytr),
        "testAccuracy": accuracy(predict, Xte, Yte),
    })


# the example: moons seed 3 is tested on moons seed 4, same n and noise
case(["--init", "he", "--train", "moons:n=300,noise=0.2,seed=3", "--iterations", "2000"],
     dict(kind="moons", n=300, noise=0.2, seed=3), dict(kind="moons", n=300, noise=0.2, seed=4),
     "moons:n=300,noise=0.2,seed=4", iterations=2000)
# every parameter is kept, in the order given
case(["--init", "xavier", "--seed", "1", "--train", "circles:seed=7,n=120,factor=0.5,noise=0.1", "--lr", "0.1", "--iterations", "800"],
     dict(kind="circles", n=120, noise=0.1, seed=7, factor=0.5), dict(kind="circles", n=120, noise=0.1, seed=8, factor=0.5),
     "circles:seed=8,n=120,factor=0.5,noise=0.1", init="xavier", seed=1, lr=0.1, iterations=800)
# no seed in the SPEC: the generator's default, 1, so the test set has seed 2 (and the other defaults)
case(["--init", "he", "--train", "moons:n=80", "--layers", "2,6,1", "--lr", "0.3", "--iterations", "500"],
     dict(kind="moons", n=80, noise=0.05, seed=1), dict(kind="moons", n=80, noise=0.05, seed=2),
     "moons:n=80,seed=2", dims=(2, 6, 1), lr=0.3, iterations=500)
# the largest seed is tested on the one below it (seed + 1 would leave numpy's range)
case(["--init", "he", "--train", "circles:n=90,noise=0.15,seed=4294967295", "--iterations", "300"],
     dict(kind="circles", n=90, noise=0.15, seed=4294967295), dict(kind="circles", n=90, noise=0.15, seed=4294967294),
     "circles:n=90,noise=0.15,seed=4294967294", iterations=300)
# the notebook's training set, spelled another way, keeps the notebook's test set
case(["--init", "he", "--train", "circles:noise=0.05,n=300", "--iterations", "700"],
     dict(kind="circles", n=300, noise=0.05, seed=1), dict(kind="circles", n=100, noise=0.05, seed=2),
     "circles:n=100,noise=0.05,seed=2", iterations=700)

print(json.dumps({"numpy": np.__version__, "sklearn": sklearn.__version__, "cases": cases}))
