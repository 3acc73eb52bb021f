"""Writes safetensors files with the reference `safetensors` package for the Swift reader:
OUT/floats.safetensors (F32, F64 and F16 tensors of known values, with metadata) and
OUT/ints.safetensors (an I64 tensor, which gradbook must reject by name).

usage: safetensors_samples.py OUT
"""
import sys

import numpy as np
from safetensors.numpy import save_file

out = sys.argv[1]
save_file(
    {
        "f32": np.arange(6, dtype=np.float32).reshape(2, 3) / 4,
        "f64": np.array([[0.1], [-2.5]], dtype=np.float64),
        "f16": np.array([1.5, -0.25, 65504], dtype=np.float16),
        "scalar": np.array(3.25, dtype=np.float32),
        "empty": np.zeros((0, 2), dtype=np.float32),
    },
    f"{out}/floats.safetensors",
    metadata={"source": "numpy"},
)
save_file({"counts": np.array([1, 2, 3], dtype=np.int64)}, f"{out}/ints.safetensors")
