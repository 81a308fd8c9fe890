#!/usr/bin/python3
"""How much numpy's AVX-512 sin/cos change the notebook's training data (the README's
"Comparing with your own numpy"): make_circles(300, noise=0.05, RandomState(1)) drawn twice,
once as numpy runs by default and once with its AVX-512 groups off (glibc's sin/cos, as
initlab and scripts/numpy_libm.py). Prints how many of the 600 values differ, the largest
difference in ulps of the value and the largest relative difference.

  /usr/bin/python3 scripts/count_simd_sine_differences.py
"""
import json
import math
import os
import subprocess
import sys

DRAW = """
import json, numpy as np, sklearn.datasets
X, _ = sklearn.datasets.make_circles(n_samples=300, noise=0.05, random_state=np.random.RandomState(1))
print(json.dumps([float(v).hex() for v in X.ravel()]))
"""
GROUPS = "AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL AVX512_SPR"


def draw(env):
    out = subprocess.run([sys.executable, "-c", DRAW], capture_output=True, text=True, env=env, check=True)
    return [float.fromhex(v) for v in json.loads(out.stdout)]


simd = draw({k: v for k, v in os.environ.items() if k != "NPY_DISABLE_CPU_FEATURES"})
libm = draw(dict(os.environ, NPY_DISABLE_CPU_FEATURES=GROUPS))
diff = [(a, b) for a, b in zip(simd, libm) if a != b]
ulps = max((abs(a - b) / math.ulp(b) for a, b in diff), default=0)
rel = max((abs(a - b) / abs(b) for a, b in diff), default=0)
print(f"{len(diff)} of {len(libm)} values differ; at most {ulps:g} ulps, relative {rel:.2g}")
