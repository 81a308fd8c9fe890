#!/usr/bin/env python3
"""numpy reference for the probe's measurements beside the theory (weights' σ_w², biases' σ_b²,
q^l, two inputs' correlation c^l, per-example length ratios, the backward pass, the Jacobian's
singular values), replaying initlab's draw order: RandomState(seed); X = randn(width, samples);
samples 0 and 1 rebuilt to correlation c0; per layer W = randn(width, width) * sqrt(2 / width)
(He) then, when bias_std > 0, b = randn(width) * bias_std; the output gradient from RandomState(seed + 1).

    /usr/bin/python3 scripts/make_probe_measures_reference.py > test/fixtures/probe_measures_reference.json
"""
import json

import numpy as np


def case(seed, width, depth, samples, bias_std, c0):
    rs = np.random.RandomState(seed)
    X = rs.randn(width, samples)
    u = X[:, 0].copy()
    uu = u @ u
    v = X[:, 1] - (u @ X[:, 1]) / uu * u
    X[:, 1] = c0 * u + np.sqrt(1 - c0 * c0) * v * np.sqrt(uu / (v @ v))
    input_sq = (X ** 2).sum(axis=0)
    H = X
    Ws, Zs, layers = [], [], []
    for layer in range(1, depth + 1):
        W = rs.randn(width, width) * np.sqrt(2 / width)
        b = rs.randn(width) * bias_std if bias_std > 0 else np.zeros(width)  # no draws without biases
        Z = W @ H + b[:, None]
        c = (Z[:, 0] @ Z[:, 1]) / np.sqrt((Z[:, 0] @ Z[:, 0]) * (Z[:, 1] @ Z[:, 1]))
        H = np.maximum(Z, 0)
        M = (H ** 2).sum(axis=0) / input_sq
        layers.append({'layer': layer, 'mean': H.mean(), 'std': H.std(), 'weightVar': (W ** 2).mean() * width, 'biasVar': (b ** 2).mean(),
                       'q': (Z ** 2).mean(), 'c': c, 'lengthRatio': {'mean': M.mean(), 'std': M.std()}})
        Ws.append(W)
        Zs.append(Z)
    delta = np.random.RandomState(seed + 1).randn(width, samples)
    for layer in range(depth, 0, -1):
        dZ = delta * (Zs[layer - 1] > 0)
        A_prev = X if layer == 1 else np.maximum(Zs[layer - 2], 0)
        dW = dZ @ A_prev.T / samples
        layers[layer - 1]['backprop'] = np.sqrt((dZ ** 2).mean())
        layers[layer - 1]['weightGrad'] = np.sqrt((dW ** 2).mean())
        delta = Ws[layer - 1].T @ dZ
    J = np.eye(width)
    for layer in range(depth):
        J = (Zs[layer][:, 0] > 0)[:, None] * (Ws[layer] @ J)
    s = np.linalg.svd(J, compute_uv=False)
    jac = {'mean': s.mean(), 'std': s.std(), 'min': s.min(), 'max': s.max(), 'squaredMean': (s ** 2).mean(), 'squaredVariance': (s ** 2).var()}
    return {'seed': seed, 'width': width, 'depth': depth, 'samples': samples, 'biasStd': bias_std, 'c0': c0, 'layers': layers, 'jacobian': jac}


def plain(o):
    if isinstance(o, dict):
        return {k: plain(v) for k, v in o.items()}
    if isinstance(o, list):
        return [plain(v) for v in o]
    return float(o) if isinstance(o, (np.floating, float)) else o


print(json.dumps(plain({'cases': [case(0, 40, 4, 12, 0.1, 0.5), case(7, 33, 6, 9, 0.0, -0.3)]}), indent=1))
