"""Makes numpy's sin and cos the C library's, for the reference scripts that need them bit for bit.

On a CPU with AVX-512 (Skylake-X and later), numpy (>= 1.22) evaluates float64 sin and cos
of arrays with its own SIMD routines (SVML), which differ from the C library's in the last
bit for most inputs; elsewhere, and for scalars, numpy calls the C library. The notebook's
numbers come from the C library, so the scripts turn those SIMD routines off: importing this
module re-runs the script with NPY_DISABLE_CPU_FEATURES naming the AVX-512 groups this
CPU has, then checks that np.sin and np.cos equal math.sin and math.cos.

Usage, first thing in a script: `import numpy_libm  # noqa: F401` (before importing numpy).
"""
import math
import os
import sys

_GROUPS = ("AVX512_SKX", "AVX512_CLX", "AVX512_CNL", "AVX512_ICL", "AVX512_SPR")

if "NPY_DISABLE_CPU_FEATURES" not in os.environ:
    from numpy.core._multiarray_umath import __cpu_features__

    present = [g for g in _GROUPS if __cpu_features__.get(g)]
    if present:
        os.environ["NPY_DISABLE_CPU_FEATURES"] = " ".join(present)
        os.execv(sys.executable, [sys.executable] + sys.argv)

import numpy as np  # noqa: E402

_probe = np.random.RandomState(0).uniform(-10, 10, 4096)
if any(np.sin(_probe) != [math.sin(v) for v in _probe]) or any(np.cos(_probe) != [math.cos(v) for v in _probe]):
    sys.exit("numpy's sin/cos are not the C library's here: set NPY_DISABLE_CPU_FEATURES to this CPU's AVX-512 groups")
