#!/usr/bin/env python3
"""Writes conv_cases.json: conv2d, maxpool2d and avgpool2d forward and backward on fixed inputs.

The reference is an independent NumPy implementation written with loops over output positions
(no im2col, unlike gradbook's), in float64. When torch is installed, every case is also computed
with torch.nn.functional (float64) and the script stops if the two disagree, so the fixtures
carry PyTorch's answer while the Swift suite never needs torch.

    python3 Tests/AutodiffTests/Fixtures/make_conv_fixtures.py
"""
import json
import os
import warnings

import numpy as np


def same_padding(k):
    """PyTorch's padding='same' at stride 1: k − 1 zeros, the extra one after."""
    before = (k - 1) // 2
    return before, k - 1 - before


def conv2d(x, w, b, stride, padding):
    n, c, h, wd = x.shape
    f, _, kh, kw = w.shape
    if padding == "same":
        (t, bo), (l, r) = same_padding(kh), same_padding(kw)
    else:
        t = bo = l = r = padding
    xp = np.pad(x, ((0, 0), (0, 0), (t, bo), (l, r)))
    oh = (h + t + bo - kh) // stride + 1
    ow = (wd + l + r - kw) // stride + 1
    y = np.zeros((n, f, oh, ow))
    for s in range(n):
        for o in range(f):
            for i in range(oh):
                for j in range(ow):
                    window = xp[s, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
                    y[s, o, i, j] = np.sum(window * w[o]) + (b[o] if b is not None else 0)
    return y, (t, bo, l, r)


def conv2d_backward(x, w, g, stride, pads):
    t, bo, l, r = pads
    f, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (t, bo), (l, r)))
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    n, _, oh, ow = g.shape
    for s in range(n):
        for o in range(f):
            for i in range(oh):
                for j in range(ow):
                    rows, cols = slice(i * stride, i * stride + kh), slice(j * stride, j * stride + kw)
                    dxp[s, :, rows, cols] += g[s, o, i, j] * w[o]
                    dw[o] += g[s, o, i, j] * xp[s, :, rows, cols]
    dx = dxp[:, :, t:t + x.shape[2], l:l + x.shape[3]]
    db = g.sum(axis=(0, 2, 3))
    return dx, dw, db


def pool(x, size, stride, kind):
    n, c, h, w = x.shape
    oh, ow = (h - size) // stride + 1, (w - size) // stride + 1
    y = np.zeros((n, c, oh, ow))
    where = {}
    for s in range(n):
        for ch in range(c):
            for i in range(oh):
                for j in range(ow):
                    window = x[s, ch, i * stride:i * stride + size, j * stride:j * stride + size]
                    if kind == "max":
                        k = int(np.argmax(window))  # the first maximum in row-major order
                        where[(s, ch, i, j)] = (i * stride + k // size, j * stride + k % size)
                        y[s, ch, i, j] = window.flat[k]
                    else:
                        y[s, ch, i, j] = window.mean()
    return y, where


def pool_backward(x, g, size, stride, kind, where):
    dx = np.zeros_like(x)
    n, c, oh, ow = g.shape
    for s in range(n):
        for ch in range(c):
            for i in range(oh):
                for j in range(ow):
                    if kind == "max":
                        u, v = where[(s, ch, i, j)]
                        dx[s, ch, u, v] += g[s, ch, i, j]
                    else:
                        dx[s, ch, i * stride:i * stride + size, j * stride:j * stride + size] += g[s, ch, i, j] / size ** 2
    return dx


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def encode(a):
    a = np.asarray(a, dtype=np.float32)
    return {"shape": list(a.shape), "data": [float(v) for v in a.ravel()]}


def torch_conv(x, w, b, stride, padding, g):
    import torch
    tx = torch.tensor(x, requires_grad=True)
    tw = torch.tensor(w, requires_grad=True)
    tb = torch.tensor(b, requires_grad=True) if b is not None else None
    y = torch.nn.functional.conv2d(tx, tw, tb, stride=stride, padding=padding)
    y.backward(torch.tensor(g))
    return y.detach().numpy(), tx.grad.numpy(), tw.grad.numpy(), (tb.grad.numpy() if tb is not None else None)


def torch_pool(x, size, stride, kind, g):
    import torch
    tx = torch.tensor(x, requires_grad=True)
    fn = torch.nn.functional.max_pool2d if kind == "max" else torch.nn.functional.avg_pool2d
    y = fn(tx, size, stride)
    y.backward(torch.tensor(g))
    return y.detach().numpy(), tx.grad.numpy()


def check(name, ours, theirs):
    if theirs is None:
        return
    gap = np.max(np.abs(ours - theirs)) if ours.size else 0.0
    if gap > 1e-9:
        raise SystemExit(f"{name}: NumPy and torch differ by {gap}")


def main():
    # torch warns that padding='same' with an even kernel copies the input: expected here.
    warnings.filterwarnings("ignore", message="Using padding='same'")
    try:
        import torch  # noqa: F401
        have_torch = True
    except ImportError:
        have_torch = False
    rng = np.random.RandomState(20)
    cases = []
    # (x shape, W shape, bias, stride, padding)
    convs = [
        ((1, 1, 4, 4), (1, 1, 2, 2), False, 1, 0),
        ((2, 3, 5, 5), (4, 3, 3, 3), True, 1, 0),
        ((2, 3, 5, 5), (4, 3, 3, 3), True, 1, 1),
        ((2, 2, 7, 6), (3, 2, 3, 3), True, 2, 1),
        ((1, 2, 7, 7), (2, 2, 3, 2), True, 3, 2),
        ((3, 2, 5, 4), (2, 2, 1, 1), True, 1, 0),
        ((2, 1, 8, 8), (8, 1, 3, 3), True, 1, "same"),
        ((2, 2, 6, 5), (3, 2, 2, 4), True, 1, "same"),
        ((1, 3, 5, 6), (2, 3, 5, 5), False, 1, "same"),
        ((2, 8, 4, 4), (16, 8, 3, 3), True, 1, "same"),
    ]
    for xs, ws, has_bias, stride, padding in convs:
        x, w = f32(rng.randn(*xs)), f32(rng.randn(*ws) * 0.5)
        b = f32(rng.randn(ws[0])) if has_bias else None
        y, pads = conv2d(x, w, b, stride, padding)
        g = f32(rng.randn(*y.shape))
        dx, dw, db = conv2d_backward(x, w, g, stride, pads)
        if have_torch:
            ty, tdx, tdw, tdb = torch_conv(x, w, b, stride, padding, g)
            for name, ours, theirs in [("y", y, ty), ("dx", dx, tdx), ("dW", dw, tdw), ("db", db, tdb)]:
                check(f"conv2d {xs} {ws} {stride} {padding} {name}", ours, theirs)
        case = {"kind": "conv2d", "x": encode(x), "w": encode(w), "stride": stride, "padding": str(padding),
                "g": encode(g), "y": encode(y), "dx": encode(dx), "dw": encode(dw)}
        if b is not None:
            case["b"], case["db"] = encode(b), encode(db)
        cases.append(case)
    # (x shape, size, stride, ties): ties use small integers, so windows hold equal maxima.
    pools = [((2, 2, 4, 4), 2, 2, False), ((1, 3, 5, 5), 2, 2, False), ((2, 1, 6, 6), 3, 2, False),
             ((1, 2, 5, 7), 3, 1, False), ((2, 2, 4, 4), 2, 2, True), ((1, 1, 5, 5), 3, 1, True)]
    for kind in ["max", "avg"]:
        for xs, size, stride, ties in pools:
            x = f32(rng.randint(0, 3, size=xs)) if ties else f32(rng.randn(*xs))
            y, where = pool(x, size, stride, kind)
            g = f32(rng.randn(*y.shape))
            dx = pool_backward(x, g, size, stride, kind, where)
            if have_torch:
                ty, tdx = torch_pool(x, size, stride, kind, g)
                check(f"{kind}pool {xs} {size} {stride} y", y, ty)
                check(f"{kind}pool {xs} {size} {stride} dx", dx, tdx)
            cases.append({"kind": f"{kind}pool2d", "x": encode(x), "size": size, "stride": stride,
                          "g": encode(g), "y": encode(y), "dx": encode(dx)})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "conv_cases.json")
    with open(path, "w") as out:
        json.dump({"generator": "make_conv_fixtures.py", "checked_with_torch": have_torch, "cases": cases}, out)
    print(f"wrote {len(cases)} cases to {path} (torch cross-check: {'yes' if have_torch else 'no'})")


if __name__ == "__main__":
    main()
