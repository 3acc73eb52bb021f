#!/usr/bin/env python3
"""Expected values of gradbook built-ins, computed independently with NumPy (and math.erf).
Writes builtin_values.json: [{"expr": …, "shape": […], "values": […]}]. Run from this folder."""
import json, math
import numpy as np

def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True)); return e / e.sum(axis=axis, keepdims=True)

A = np.array([[1., 2.], [3., 4.]])
cases = [
    ("zeros(2, 3)", np.zeros((2, 3))), ("ones(3)", np.ones(3)), ("full(2, 2, value=0.5)", np.full((2, 2), 0.5)),
    ("eye(3)", np.eye(3)), ("arange(0, 1, 0.25)", np.arange(0, 1, 0.25)), ("arange(5)", np.arange(5.)),
    ("linspace(-1, 1, 5)", np.linspace(-1, 1, 5)),
    ("reshape(arange(6), 2, -1)", np.arange(6.).reshape(2, -1)), ("transpose([[1, 2], [3, 4]])", A.T),
    ("concat([1, 2], [3], axis=0)", np.array([1., 2, 3])), ("stack([1, 2], [3, 4], axis=1)", np.stack([[1., 2], [3, 4]], axis=1)),
    ("exp(1)", np.exp(1.)), ("log(10)", np.log(10.)), ("sqrt([4, 9])", np.sqrt([4., 9])), ("abs([-1, 2])", np.abs([-1., 2])),
    ("sin(1)", np.sin(1.)), ("cos(1)", np.cos(1.)), ("tanh([-1, 0, 1])", np.tanh([-1., 0, 1])),
    ("sigmoid([-2, 0, 2])", 1 / (1 + np.exp(-np.array([-2., 0, 2])))), ("relu([-1, 2])", np.maximum([-1., 2], 0)),
    ("leaky_relu([-1, 2], 0.1)", np.where(np.array([-1., 2]) > 0, [-1., 2], 0.1 * np.array([-1., 2]))),
    ("gelu([-1, 0.5, 2])", np.array([0.5 * v * (1 + math.erf(v / math.sqrt(2))) for v in [-1, 0.5, 2]])),
    ("softmax([1, 2, 3])", softmax(np.array([1., 2, 3]))), ("softmax([[1, 2], [3, 5]], axis=0)", softmax(np.array([[1., 2], [3, 5]]), axis=0)),
    ("log_softmax([1, 2, 3])", np.log(softmax(np.array([1., 2, 3])))),
    ("sum([[1, 2], [3, 4]], axis=0)", A.sum(0)), ("sum([[1, 2], [3, 4]])", A.sum()), ("mean([[1, 2], [3, 4]], axis=1)", A.mean(1)),
    ("max([[1, 5], [7, 2]], axis=0)", np.array([[1., 5], [7, 2]]).max(0)), ("min([3, 1, 2])", 1.),
    ("argmax([[1, 5], [7, 2]], axis=1)", np.argmax([[1, 5], [7, 2]], axis=1).astype(float)), ("norm([3, 4])", 5.),
    ("norm([[3, 4], [6, 8]], axis=1)", np.linalg.norm([[3., 4], [6, 8]], axis=1)),
    ("matmul([[1, 2]], [[3], [4]])", np.array([[11.]])), ("[[1, 2], [3, 4]] @ [[5, 6], [7, 8]]", A @ np.array([[5., 6], [7, 8]])),
    ("pow(2, 10)", 1024.), ("2^-1", 0.5), ("-2^2", -4.),
    ("onehot([0, 2, 1], 3)", np.eye(3)[[0, 2, 1]]),
    ("mse([1, 2], [1, 3])", 0.5), ("mae([1, 2], [1, 4])", 1.0),
    ("bce([0.9, 0.2], [1, 0])", -np.mean([np.log(0.9), np.log(0.8)])),
    ("bce_logits([2, -1], [1, 0])", np.mean([np.log1p(np.exp(-2.)), np.log1p(np.exp(-1.))])),
    ("cross_entropy([[2, 0, 1]], [0])", -np.log(softmax(np.array([2., 0, 1]))[0])),
    ("categorical_cross_entropy([[0.7, 0.3]], [[1, 0]])", -np.log(0.7)),
    ("accuracy([0.9, 0.2, 0.6], [1, 1, 1])", 2 / 3),
    ("[[1, 2, 3], [4, 5, 6]][:, 1]", np.array([2., 5])), ("[[1, 2, 3], [4, 5, 6]][-1, ::-1]", np.array([6., 5, 4])),
    ("arange(10)[2:8:3]", np.arange(10.)[2:8:3]), ("[[1, 2], [3, 4]].T", A.T),
    ("heaviside([-1, 0, 2])", np.heaviside([-1., 0, 2], 0)),
    ("floor([-1.5, 0.2, 2.7])", np.floor([-1.5, 0.2, 2.7])), ("ceil([-1.5, 0.2, 2.7])", np.ceil([-1.5, 0.2, 2.7])),
    ("round([0.5, 1.5, 2.4, -2.5])", np.round([0.5, 1.5, 2.4, -2.5])),
]
out = []
for expr, value in cases:
    v = np.asarray(value, dtype=np.float64)
    out.append({"expr": expr, "shape": list(v.shape), "values": [float(x) for x in v.ravel()]})
with open("builtin_values.json", "w") as f:
    json.dump(out, f, indent=0)
print(len(out), "cases")
