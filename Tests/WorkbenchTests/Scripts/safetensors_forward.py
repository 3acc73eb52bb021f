"""Reads a gradbook model's safetensors file with the reference `safetensors` package, rebuilds
the architecture from the file's metadata, runs the forward pass in NumPy on the inputs in
INPUTS (a safetensors file holding "x"), and writes the predictions as "y" to OUTPUT, again
with the reference writer, so the Swift test reads a Python-written file back.

usage: safetensors_forward.py PARAMS INPUTS OUTPUT
"""
import json
import math
import sys

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file, save_file


def activate(name, z):
    if name == "linear":
        return z
    if name == "relu":
        return np.maximum(z, 0)
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "softmax":
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    if name == "gelu":  # exact: x·Φ(x)
        return z * 0.5 * (1 + np.vectorize(math.erf)(z / math.sqrt(2)))
    if name == "leaky_relu":
        return np.where(z > 0, z, 0.01 * z)
    raise ValueError(f"unknown activation {name}")


def main(params_path, inputs_path, output_path):
    params = load_file(params_path)
    with safe_open(params_path, framework="np") as f:
        metadata = f.metadata()
    assert metadata["format"] == "pt", metadata
    architecture = json.loads(metadata["gradbook.architecture"])
    h = load_file(inputs_path)["x"].astype(np.float64)
    assert h.shape[1] == architecture["input"]
    for layer in architecture["layers"]:
        if layer["type"] == "dense":
            w = params[layer["name"] + ".W"].astype(np.float64)
            assert w.shape == (layer["inputs"], layer["units"]), w.shape  # gradbook's [in, out]
            h = h @ w
            if layer["bias"]:
                h = h + params[layer["name"] + ".b"].astype(np.float64)
            h = activate(layer["activation"], h)
        elif layer["type"] == "activation":
            h = activate(layer["activation"], h)
        # dropout is the identity at inference
    save_file({"y": h.astype(np.float32)}, output_path, metadata={"written_by": "python"})


if __name__ == "__main__":
    main(*sys.argv[1:])
