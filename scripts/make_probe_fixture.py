#!/usr/bin/python3
"""Writes test/fixtures/probe_explosions.json: the depth probe run by numpy until its signal
leaves float64's range, for initializations that explode, saturate or vanish.

The draws are initlab's probe's (one RandomState(seed): X = randn(width, samples), then each
layer's W = randn(width, width) * scale; no biases; H = act(W . H)). For each layer numpy gives
the mean and standard deviation of H; the first layer whose W . H or act(W . H) holds a value
that is not finite is where the probe must stop ("stopped_at"; null when it never does). The
statistics of tiny or huge finite layers are taken on values scaled by a power of two (as
initlab does), so that a layer of 1e-200s has a spread of about 1e-200, not 0.

Usage: /usr/bin/python3 scripts/make_probe_fixture.py   (from the repository root)
"""
import json
import math
import numpy as np

ACT = {
    "relu": lambda z: np.maximum(0, z),
    "linear": lambda z: z,
    "leaky-relu": lambda z: np.where(z > 0, z, 0.01 * z),
    "elu": lambda z: np.where(z > 0, z, np.expm1(np.minimum(z, 0))),
    "tanh": np.tanh,
}


def stats(H):
    big = float(np.max(np.abs(H)))
    if big == 0 or 2.0**-400 <= big <= 2.0**400:
        return float(H.mean()), float(H.std())
    e = round(math.log2(big))
    S = H * 2.0 ** -(e // 2) * 2.0 ** -(e - e // 2)
    return float(S.mean()) * 2.0 ** (e // 2) * 2.0 ** (e - e // 2), float(S.std()) * 2.0 ** (e // 2) * 2.0 ** (e - e // 2)


def probe(seed, depth, width, samples, scale, act):
    rs = np.random.RandomState(seed)
    H = rs.randn(width, samples)
    layers, stopped = [], None
    with np.errstate(all="ignore"):
        for l in range(1, depth + 1):
            W = rs.randn(width, width) * scale
            Z = np.dot(W, H)
            if not np.all(np.isfinite(W)) or not np.all(np.isfinite(Z)):
                stopped = l
                break
            H = ACT[act](Z)
            if not np.all(np.isfinite(H)):
                stopped = l
                break
            mean, std = stats(H)
            layers.append({"layer": l, "mean": mean, "std": std})
    return {"layers": layers, "stopped_at": stopped}


CASES = [
    # (seed, depth, width, samples, scale, activation); the first is issue 11's command, at the
    # probe's default sizes
    (0, 200, 500, 1000, 100.0, "relu"),
    (0, 200, 60, 40, 100.0, "relu"),
    (0, 200, 60, 40, 100.0, "linear"),
    (1, 200, 40, 30, 1000.0, "leaky-relu"),
    (2, 200, 40, 30, 1e3, "elu"),
    (3, 60, 40, 30, 1e100, "linear"),
    (4, 30, 40, 30, 100.0, "tanh"),
    (5, 6, 40, 30, 1e-200, "linear"),
    (6, 40, 40, 30, 1e-3, "relu"),
]


def main():
    out = {"numpy": np.__version__, "cases": []}
    for seed, depth, width, samples, scale, act in CASES:
        r = probe(seed, depth, width, samples, scale, act)
        out["cases"].append({"seed": seed, "depth": depth, "width": width, "samples": samples, "scale": scale, "activation": act, **r})
        print(act, scale, "stopped at", r["stopped_at"], "after", len(r["layers"]), "layers")
    with open("test/fixtures/probe_explosions.json", "w") as f:
        json.dump(out, f)


main()
