#!/usr/bin/env python3
"""The seed model trained by gradbook and by PyTorch (CPU, eager) on the same data, in one run.

The seed model: Dense(128, relu) on 10 inputs, Dense(128, relu), Dense(1, sigmoid); Adam
(lr 1e-3, Keras's eps 1e-7); binary cross-entropy; batch 32 with a reshuffle per epoch; 10
epochs on 10,000 rows; then accuracy on 2,000 held-out rows. Both use one thread. gradbook
writes its generated data as .npy (`gradbook bench train --export-data`), so PyTorch trains on
exactly the same rows. Prints ms per epoch (medians), the ratio and both accuracies.

    python3 bench/train_vs_torch.py [--rounds 3]
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "gradbook")


def run_gradbook(data_dir=None):
    args = [BIN, "bench", "train", "--json"] + (["--export-data", data_dir] if data_dir else [])
    env = dict(os.environ, GRADBOOK_THREADS="1")
    out = subprocess.run(args, capture_output=True, text=True, check=True, env=env).stdout
    return json.loads(out)


def run_torch(d, epochs=10, batch=32, seed=0):
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    x, y = torch.from_numpy(d["train_x"]), torch.from_numpy(d["train_y"]).float().reshape(-1, 1)
    tx, ty = torch.from_numpy(d["test_x"]), torch.from_numpy(d["test_y"]).float().reshape(-1, 1)
    model = torch.nn.Sequential(torch.nn.Linear(10, 128), torch.nn.ReLU(), torch.nn.Linear(128, 128),
                                torch.nn.ReLU(), torch.nn.Linear(128, 1))
    for m in model:
        if isinstance(m, torch.nn.Linear):  # Keras's defaults: glorot uniform, zero bias
            torch.nn.init.xavier_uniform_(m.weight)
            torch.nn.init.zeros_(m.bias)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = torch.nn.BCEWithLogitsLoss()  # sigmoid + bce, fused as gradbook and Keras do
    n = x.shape[0]
    times = []
    for _ in range(epochs):
        t = time.perf_counter()
        perm = torch.randperm(n)
        for i in range(0, n, batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - t)
    with torch.no_grad():
        acc = ((model(tx) > 0).float() == ty).float().mean().item()
    return times, acc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if not os.path.exists(BIN):
        subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True)
    try:
        import torch  # noqa: F401
    except Exception as e:  # noqa: BLE001
        print(f"PyTorch is not importable ({e}); pip install torch to compare. gradbook alone:")
        r = run_gradbook()
        print(f"gradbook: {statistics.median(r['seconds_per_epoch']) * 1e3:.1f} ms/epoch, test accuracy {r['test_accuracy']:.4f}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        run_gradbook(tmp)
        d = {k: np.load(os.path.join(tmp, k + ".npy")) for k in ["train_x", "train_y", "test_x", "test_y"]}
    g_epochs, t_epochs, ratios, g_acc, t_acc, g_matmul = [], [], [], [], [], []
    for _ in range(args.rounds):  # interleaved rounds: both see the same machine load
        r = run_gradbook()
        tt, acc = run_torch(d)
        g = statistics.median(r["seconds_per_epoch"])
        t = statistics.median(tt)
        g_epochs.append(g); t_epochs.append(t); ratios.append(t / g)
        g_acc.append(r["test_accuracy"]); t_acc.append(acc)
        g_matmul.append((r["matmul_us_per_step"], r["matmul_share"]))
    g, t = statistics.median(g_epochs), statistics.median(t_epochs)
    print("seed model, 10 epochs × 10,000 rows, batch 32, one thread; medians of", args.rounds, "interleaved rounds")
    print(f"gradbook      {g * 1e3:8.1f} ms/epoch  ({g / 313 * 1e6:6.1f} µs/step)  test accuracy {statistics.median(g_acc):.4f}")
    print(f"PyTorch eager {t * 1e3:8.1f} ms/epoch  ({t / 313 * 1e6:6.1f} µs/step)  test accuracy {statistics.median(t_acc):.4f}")
    print(f"gradbook is {statistics.median(ratios):.1f}× faster (median of paired ratios)")
    us, share = statistics.median(m[0] for m in g_matmul), statistics.median(m[1] for m in g_matmul)
    print(f"gradbook's step spends {us:.1f} µs ({share:.0%}) in matrix products (8 per step)")


if __name__ == "__main__":
    main()
