#!/usr/bin/python3
"""Writes test/fixtures/gauss_bits.json: numpy's legacy Gaussian streams and the C library's
log, as SHA-256 digests of their float64 bytes (little-endian), so that 100,000s of draws
are checked bit for bit from a small file.

- streams: np.random.RandomState(seed), then a sequence of calls (randn(n), or normal(loc,
  scale, n)); the digest covers every value of every call in order, and one digest per block of
  10,000 values says where a difference starts. The first 16 values are kept as numbers too.
- log: math.log (CPython calls the C library's log, as numpy's legacy_gauss does) of inputs
  built from RandomState(seed)'s raw 32-bit draws: random positive finite doubles (any
  exponent), subnormals, values near 1 (the C library's separate path), and the polar method's
  r² = x1² + x2² (x = 2u − 1), which is what legacy_gauss takes the log of.
- examples: the draws issue 11 names (seed 7; the notebook's He weights on [2, 10, 5, 1], seed 3).

Usage: /usr/bin/python3 scripts/make_gauss_fixture.py   (from the repository root)
"""
import base64
import hashlib
import json
import math
import platform
import struct

import numpy as np

BLOCK = 10_000


def digest(values):
    return hashlib.sha256(np.asarray(values, dtype="<f8").tobytes()).hexdigest()


def stream(seed, calls):
    rs = np.random.RandomState(seed)
    parts = []
    for call in calls:
        if call[0] == "randn":
            parts.append(rs.randn(call[1]))
        else:
            _, loc, scale, n = call
            parts.append(rs.normal(loc, scale, n))
    v = np.concatenate(parts)
    return {
        "seed": seed,
        "calls": calls,
        "count": len(v),
        "sha256": digest(v),
        "blocks": [digest(v[i : i + BLOCK]) for i in range(0, len(v), BLOCK)],
        "first": [float(x) for x in v[:16]],
    }


def u32(rs, n):
    return rs.randint(0, 2**32, size=n, dtype=np.uint64).astype(np.uint64)


def from_bits(hi, lo):
    bits = (hi.astype(np.uint64) << np.uint64(32)) | lo.astype(np.uint64)
    return bits.view("<f8") if bits.dtype.byteorder in "<=" else bits.byteswap().view("<f8")


def log_inputs(kind, seed, n):
    rs = np.random.RandomState(seed)
    if kind == "positive":  # any finite positive double: sign cleared, exponent below 0x7ff
        hi, lo = u32(rs, n), u32(rs, n)
        return from_bits((hi & np.uint64(0x7FFFFFFF)) % np.uint64(0x7FF00000), lo)
    if kind == "subnormal":
        hi, lo = u32(rs, n), u32(rs, n)
        return from_bits(hi & np.uint64(0x000FFFFF), lo)
    if kind == "near-one":  # [1 - 2^-4, 1 + 0x1.09p-4) and a little around it
        return 0.92 + 0.16 * rs.random_sample(n)
    if kind == "polar":
        out = []
        while len(out) < n:
            x1 = 2.0 * rs.random_sample() - 1.0
            x2 = 2.0 * rs.random_sample() - 1.0
            r2 = x1 * x1 + x2 * x2
            if 0.0 < r2 < 1.0:
                out.append(r2)
        return np.array(out)
    raise ValueError(kind)


def c_log(x):
    return -math.inf if x == 0 else math.log(x)


def main():
    streams = [
        stream(0, [["randn", 50_000]]),
        stream(3, [["randn", 1], ["randn", 2], ["randn", 30_000]]),
        stream(7, [["randn", 3], ["randn", 5], ["randn", 20_000]]),
        stream(42, [["normal", 0.0, 0.05, 15_000], ["randn", 7], ["normal", 2.0, 3.0, 10_001]]),
        stream(2**32 - 1, [["randn", 25_000]]),
        stream(123456789, [["randn", 10_000]]),
    ]
    logs = []
    for kind, seed, n in [("positive", 11, 40_000), ("subnormal", 12, 5_000), ("near-one", 13, 40_000), ("polar", 14, 60_000)]:
        xs = log_inputs(kind, seed, n)
        ys = [c_log(float(x)) for x in xs]
        logs.append({"kind": kind, "seed": seed, "count": n, "sha256": digest(ys)})
    np.random.seed(7)
    np.random.randn(3)
    seed7 = np.random.randn(40)
    np.random.seed(3)
    he = [np.random.randn(10, 2), np.random.randn(5, 10), np.random.randn(1, 5)]
    out = {
        "numpy": np.__version__,
        "libc": " ".join(platform.libc_ver()),
        "machine": platform.machine(),
        "streams": streams,
        "log": logs,
        "examples": {
            "seed 7, randn(3) then randn(40)": [float(x) for x in seed7],
            "seed 3, randn(10, 2), randn(5, 10), randn(1, 5) (the He weights before scaling)": base64.b64encode(
                np.concatenate([w.ravel() for w in he]).astype("<f8").tobytes()).decode(),
        },
    }
    with open("test/fixtures/gauss_bits.json", "w") as f:
        json.dump(out, f, indent=1)
    print("test/fixtures/gauss_bits.json:", sum(s["count"] for s in streams), "draws,", sum(l["count"] for l in logs), "logs")


main()
