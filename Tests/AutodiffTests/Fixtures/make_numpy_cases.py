#!/usr/bin/env python3
"""Writes numpy_cases.json: inputs and NumPy's results for broadcasting, reductions, slicing,
shape ops, matmul and softmax. The Swift tests replay every case against the tensor core.
Run from this folder: python3 make_numpy_cases.py"""
import json
import numpy as np

rng = np.random.default_rng(7)
cases = []

def arr(shape):
    return rng.standard_normal(shape).astype(np.float32)

def enc(x):
    x = np.asarray(x, dtype=np.float32)
    return {"shape": list(x.shape), "data": [float(v) for v in x.ravel()]}

def add(kind, **kw):
    cases.append({"kind": kind, **kw})

binary = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply, "divide": np.divide}
pairs = [((2, 3), (2, 3)), ((2, 3), (3,)), ((2, 3), (1, 3)), ((2, 3), (2, 1)), ((2, 1), (1, 3)),
         ((3,), (2, 1)), ((), (2, 3)), ((2, 3), ()), ((1,), (4,)), ((2, 1, 4), (3, 1)),
         ((4, 1, 2, 1), (3, 1, 5)), ((1, 1), (1,)), ((0, 3), (3,)), ((2, 3), (4,)), ((2, 3), (3, 2)),
         ((5, 1, 3), (1, 4, 1)), ((3, 1), (1, 1, 1))]
for op, f in binary.items():
    for sa, sb in pairs:
        a, b = arr(sa), arr(sb)
        if op == "divide":
            b = np.where(np.abs(b) < 0.1, np.float32(0.5), b).astype(np.float32)
        try:
            r = f(a, b)
            add("binary", op=op, a=enc(a), b=enc(b), result=enc(r))
        except ValueError:
            add("binary", op=op, a=enc(a), b=enc(b), error="broadcast")

for shape in [(2, 3), (4,), (2, 3, 4), (1, 5), (3, 1), (2, 0, 3)]:
    x = arr(shape)
    for op in ["sum", "mean", "max", "min", "argmax", "norm"]:
        axes = [None] + list(range(-len(shape), len(shape)))
        for axis in axes:
            for keep in [False, True]:
                if op in ("max", "min", "argmax"):
                    size = x.size if axis is None else shape[axis]
                    if size == 0:
                        add("reduce", op=op, x=enc(x), axis=axis, keep=keep, error="empty")
                        continue
                if op == "argmax" and keep and axis is None:
                    continue
                if op == "sum": r = np.sum(x, axis=axis, keepdims=keep, dtype=np.float64)
                elif op == "mean":
                    if (x.size if axis is None else shape[axis]) == 0: continue
                    r = np.mean(x, axis=axis, keepdims=keep, dtype=np.float64)
                elif op == "max": r = np.max(x, axis=axis, keepdims=keep)
                elif op == "min": r = np.min(x, axis=axis, keepdims=keep)
                elif op == "argmax": r = np.argmax(x, axis=axis, keepdims=keep)
                else: r = np.sqrt(np.sum(x.astype(np.float64) ** 2, axis=axis, keepdims=keep))
                add("reduce", op=op, x=enc(x), axis=axis, keep=keep, result=enc(r))
    for axis in [len(shape), -len(shape) - 1]:
        add("reduce", op="sum", x=enc(x), axis=axis, keep=False, error="axis")

# Slicing: each component is ["at", i] or ["range", start, stop, step] (None allowed).
x3 = arr((4, 5, 3))
specs = [
    [["at", 0]], [["at", -1]], [["at", 3], ["at", 4], ["at", 2]], [["range", 1, 3, None]],
    [["range", None, None, None], ["at", 0]], [["range", None, None, -1]], [["range", -2, None, None]],
    [["range", 10, 20, None]], [["range", None, None, 2], ["range", 1, None, 2]],
    [["range", 3, 0, -1], ["range", -1, -6, -2], ["at", -3]], [["range", -100, 100, None]],
    [["range", 2, 2, None]], [["at", 1], ["range", None, None, None], ["at", -1]],
]
def np_index(spec):
    out = []
    for c in spec:
        out.append(c[1] if c[0] == "at" else slice(c[1], c[2], c[3]))
    return tuple(out)
for spec in specs:
    add("slice", x=enc(x3), spec=spec, result=enc(x3[np_index(spec)]))
for spec in [[["at", 4]], [["at", -5]], [["at", 0], ["at", 5]], [["at", 0], ["at", 0], ["at", 0], ["at", 0]],
             [["range", None, None, 0]]]:
    add("slice", x=enc(x3), spec=spec, error="index")

for shape, new in [((2, 3), (3, 2)), ((2, 3), (-1,)), ((2, 3, 4), (4, -1)), ((6,), (1, 2, 1, 3)),
                   ((2, 3), (4, -1)), ((2, 3), (7,)), ((2, 3), (-1, -1))]:
    x = arr(shape)
    try:
        add("reshape", x=enc(x), shape=list(new), result=enc(x.reshape(new)))
    except ValueError:
        add("reshape", x=enc(x), shape=list(new), error="reshape")

for shape, perm in [((2, 3), None), ((3,), None), ((2, 3, 4), None), ((2, 3, 4), (1, 0, 2)),
                    ((2, 3, 4), (2, 0, 1)), ((40, 70), None)]:
    x = arr(shape)
    add("transpose", x=enc(x), perm=list(perm) if perm else None, result=enc(np.transpose(x, perm)))

for shapes, axis in [([(2, 3), (4, 3)], 0), ([(2, 3), (2, 1), (2, 2)], 1), ([(2, 3), (2, 3)], -1),
                     ([(3,), (2,)], 0), ([(2, 3), (3, 3)], 1)]:
    xs = [arr(s) for s in shapes]
    try:
        add("concat", xs=[enc(x) for x in xs], axis=axis, result=enc(np.concatenate(xs, axis=axis)))
    except ValueError:
        add("concat", xs=[enc(x) for x in xs], axis=axis, error="join")
for shapes, axis in [([(2, 3), (2, 3)], 0), ([(2, 3), (2, 3), (2, 3)], 1), ([(2, 3), (2, 3)], 2),
                     ([(3,), (3,)], -1), ([(2, 3), (3, 2)], 0)]:
    xs = [arr(s) for s in shapes]
    try:
        add("stack", xs=[enc(x) for x in xs], axis=axis, result=enc(np.stack(xs, axis=axis)))
    except ValueError:
        add("stack", xs=[enc(x) for x in xs], axis=axis, error="join")

for sa, sb in [((2, 3), (3, 4)), ((3,), (3, 4)), ((2, 3), (3,)), ((5,), (5,)), ((2, 4, 3), (3, 2)),
               ((1, 7), (7, 1)), ((2, 3), (4, 2)), ((3, 0), (0, 2))]:
    a, b = arr(sa), arr(sb)
    try:
        r = np.matmul(a.astype(np.float64), b.astype(np.float64))
        add("matmul", a=enc(a), b=enc(b), result=enc(r))
    except ValueError:
        add("matmul", a=enc(a), b=enc(b), error="matmul")

for shape, axis in [((2, 5), -1), ((2, 5), 0), ((3,), 0), ((2, 3, 4), 1)]:
    x = arr(shape) * 3
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    sm = e / e.sum(axis=axis, keepdims=True)
    add("softmax", x=enc(x), axis=axis, result=enc(sm), log=enc(np.log(sm)))

with open("numpy_cases.json", "w") as f:
    json.dump({"numpy": np.__version__, "cases": cases}, f)
print(len(cases), "cases")
