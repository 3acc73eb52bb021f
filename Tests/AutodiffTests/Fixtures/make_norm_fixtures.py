#!/usr/bin/env python3
"""Writes norm_cases.json: fixed inputs and the forward and backward results of batch
normalization (training mode), layer normalization and embedding lookup.

The reference is an independent NumPy implementation in float64: the forward step by step,
and the backward by the chain rule through each of those steps (mean, centring, variance,
square root, division, scale, shift) — not the closed form the Swift op uses. When PyTorch is
installed, every case is also computed with torch (F.batch_norm with training=True,
F.layer_norm, F.embedding, and autograd) and must agree; the Swift suite only reads the JSON,
so it never needs torch. Each case has an explicit eps (Keras's default is 0.001, PyTorch's 1e-5).
Run from this folder: python3 make_norm_fixtures.py"""
import json
import numpy as np

rng = np.random.default_rng(20)


def arr(shape, scale=1.0, shift=0.0):
    return (rng.standard_normal(shape) * scale + shift).astype(np.float32)


def enc(x):
    x = np.asarray(x, dtype=np.float32)
    return {"shape": list(x.shape), "data": [float(v) for v in x.ravel()]}


def normalize_staged(x, gamma, beta, eps, axes, param_shape, upstream):
    """Forward and backward of y = γ·(x − μ)/√(σ² + ε) + β with μ, σ² over `axes`, staged."""
    x = x.astype(np.float64)
    g = gamma.astype(np.float64).reshape(param_shape)
    b = beta.astype(np.float64).reshape(param_shape)
    d = upstream.astype(np.float64)
    m = np.prod([x.shape[a] for a in axes])
    # forward, one step per line
    mu = x.mean(axis=axes, keepdims=True)
    xc = x - mu
    var = (xc ** 2).mean(axis=axes, keepdims=True)
    std = np.sqrt(var + eps)
    inv = 1.0 / std
    xhat = xc * inv
    y = g * xhat + b
    # backward, step by step in reverse
    other = tuple(a for a in range(x.ndim) if param_shape[a] == 1)
    dbeta = d.sum(axis=other)
    dgamma = (d * xhat).sum(axis=other)
    dxhat = d * g
    dinv = (dxhat * xc).sum(axis=axes, keepdims=True)
    dxc = dxhat * inv
    dstd = -dinv / std ** 2
    dvar = dstd * 0.5 / std
    dxc = dxc + dvar * 2.0 * xc / m
    dmu = -dxc.sum(axis=axes, keepdims=True)
    dx = dxc + dmu / m
    return y, mu.ravel(), var.ravel(), dx, dgamma.ravel(), dbeta.ravel()


def batchnorm_case(shape, eps):
    c = shape[1]
    x = arr(shape, scale=2.0, shift=0.5)
    gamma, beta, upstream = arr((c,), 0.5, 1.0), arr((c,)), arr(shape)
    axes = (0,) if len(shape) == 2 else (0, 2, 3)
    param_shape = (1, c) if len(shape) == 2 else (1, c, 1, 1)
    y, mean, var, dx, dgamma, dbeta = normalize_staged(x, gamma, beta, eps, axes, param_shape, upstream)
    case = {"op": "batchnorm", "eps": eps, "x": enc(x), "gamma": enc(gamma), "beta": enc(beta),
            "upstream": enc(upstream), "y": enc(y), "mean": enc(mean), "variance": enc(var),
            "dx": enc(dx), "dgamma": enc(dgamma), "dbeta": enc(dbeta)}
    torch_check(case)
    return case


def layernorm_case(shape, eps):
    d = shape[-1]
    x = arr(shape, scale=1.5, shift=-0.3)
    gamma, beta, upstream = arr((d,), 0.5, 1.0), arr((d,)), arr(shape)
    param_shape = (1,) * (len(shape) - 1) + (d,)
    y, _, _, dx, dgamma, dbeta = normalize_staged(x, gamma, beta, eps, (len(shape) - 1,), param_shape, upstream)
    case = {"op": "layernorm", "eps": eps, "x": enc(x), "gamma": enc(gamma), "beta": enc(beta),
            "upstream": enc(upstream), "y": enc(y), "dx": enc(dx), "dgamma": enc(dgamma), "dbeta": enc(dbeta)}
    torch_check(case)
    return case


def embedding_case(vocab, dim, index_shape):
    w = arr((vocab, dim))
    indices = rng.integers(0, vocab, size=index_shape).astype(np.float32)
    upstream = arr(index_shape + (dim,))
    rows = indices.astype(np.int64)
    y = w[rows]
    dw = np.zeros((vocab, dim))
    for k, v in enumerate(rows.ravel()):  # a loop, not np.add.at: the plainest scatter-add
        dw[v] += upstream.reshape(-1, dim)[k]
    case = {"op": "embedding", "indices": enc(indices), "w": enc(w), "upstream": enc(upstream),
            "y": enc(y), "dw": enc(dw)}
    torch_check(case)
    return case


def torch_check(case):
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        return
    t = lambda e: torch.tensor(np.array(e["data"], dtype=np.float64).reshape(e["shape"]), requires_grad=True)
    close = lambda a, e: np.testing.assert_allclose(a.detach().numpy(), np.array(case[e]["data"]).reshape(case[e]["shape"]),
                                                    rtol=1e-5, atol=1e-5)
    up = t(case["upstream"]).detach()
    if case["op"] == "embedding":
        w = t(case["w"])
        idx = torch.tensor(np.array(case["indices"]["data"]).reshape(case["indices"]["shape"]), dtype=torch.long)
        y = F.embedding(idx, w)
        (y * up).sum().backward()
        close(y, "y"); close(w.grad, "dw")
        return
    x, g, b = t(case["x"]), t(case["gamma"]), t(case["beta"])
    if case["op"] == "batchnorm":
        y = F.batch_norm(x, None, None, g, b, training=True, eps=case["eps"])
        dims = [0] if x.dim() == 2 else [0, 2, 3]
        close(x.mean(dim=dims), "mean"); close(x.var(dim=dims, unbiased=False), "variance")
    else:
        y = F.layer_norm(x, (x.shape[-1],), g, b, eps=case["eps"])
    (y * up).sum().backward()
    close(y, "y"); close(x.grad, "dx"); close(g.grad, "dgamma"); close(b.grad, "dbeta")


cases = [
    batchnorm_case((4, 3), 1e-3), batchnorm_case((2, 5), 1e-5), batchnorm_case((3, 2, 3, 3), 1e-3),
    batchnorm_case((1, 3, 2, 2), 1e-5), batchnorm_case((5, 1), 0.1),
    layernorm_case((4, 5), 1e-3), layernorm_case((1, 6), 1e-5), layernorm_case((2, 3, 4), 1e-3),
    embedding_case(7, 3, (2, 5)), embedding_case(4, 2, (1, 6)), embedding_case(10, 4, (3, 1)),
]
try:
    import torch
    checked = torch.__version__
except ImportError:
    checked = None
with open("norm_cases.json", "w") as f:
    json.dump({"numpy": np.__version__, "torch_checked": checked, "cases": cases}, f)
print(f"wrote {len(cases)} cases; cross-checked with torch {checked}" if checked else f"wrote {len(cases)} cases (torch not installed)")
