#!/usr/bin/python3
"""Orthogonal initialization as Keras and as PyTorch write it, in numpy, for initlab's tests.

Each network draws its layers in order from one numpy RandomState (as initlab does: layer
after layer, the layer's fan_out * fan_in normals in one go), then follows the framework's
recipe on them:

keras  (keras.initializers.Orthogonal.__call__, on the kernel of shape (fan_in, fan_out)):
       rows = fan_in, cols = fan_out; a = normal((max(rows, cols), min(rows, cols)));
       q, r = qr(a); q *= sign(diag(r)); q = q.T if rows < cols; kernel = gain * q.
       initlab's W (fan_out x fan_in) is the kernel transposed.
pytorch (torch.nn.init.orthogonal_, on W of shape (fan_out, fan_in)):
       rows = fan_out, cols = fan_in; flattened = normal((rows, cols));
       flattened = flattened.T if rows < cols; q, r = qr(flattened); q *= sign(diag(r));
       q = q.T if rows < cols; W = gain * q.

Regenerate:  /usr/bin/python3 scripts/orthogonal_reference.py > test/fixtures/orthogonal_reference.json
"""
import json
import numpy as np


def orthonormal(tall, rows, cols, gain):
    """gain * Q of tall = Q R (tall is max(rows, cols) x min(rows, cols)), each column's sign set so
    that R's diagonal is positive, as both frameworks do; transposed back when rows < cols."""
    q, r = np.linalg.qr(tall)
    q = q * np.sign(np.diag(r))
    return gain * (q.T if rows < cols else q)


def keras_kernel(rs, fan_in, fan_out, gain):
    rows, cols = fan_in, fan_out
    return orthonormal(rs.standard_normal((max(rows, cols), min(rows, cols))), rows, cols, gain)


def pytorch_weight(rs, fan_out, fan_in, gain):
    rows, cols = fan_out, fan_in
    flattened = rs.standard_normal((rows, cols))
    return orthonormal(flattened.T if rows < cols else flattened, rows, cols, gain)


def network(convention, layers, seed, gain):
    rs = np.random.RandomState(seed)
    out = {}
    for l in range(1, len(layers)):
        fan_in, fan_out = layers[l - 1], layers[l]
        if convention == "keras":
            W = keras_kernel(rs, fan_in, fan_out, gain).T
        else:
            W = pytorch_weight(rs, fan_out, fan_in, gain)
        assert W.shape == (fan_out, fan_in)
        out["W%d" % l] = W.tolist()
    return out


CASES = [
    ([3, 5, 4, 4, 2], 0, 1.0),     # tall, square, wide
    ([6, 6, 6], 7, 2.5),           # square twice, with a gain
    ([1, 4, 1], 2, 1.0),           # one column, one row
    ([40, 40, 25, 70, 3], 5, 1.0), # larger, every shape
    ([2, 10, 5, 1], 3, 1.0),       # the notebook's network
]

cases = []
for layers, seed, gain in CASES:
    for convention in ("keras", "pytorch"):
        cases.append({"convention": convention, "layers": layers, "seed": seed, "gain": gain,
                      "weights": network(convention, layers, seed, gain)})
print(json.dumps({"cases": cases}))
