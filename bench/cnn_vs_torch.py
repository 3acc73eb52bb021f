#!/usr/bin/env python3
"""The CNN of `gradbook bench cnn` trained by gradbook and by PyTorch (eager) on the same rows,
one core each, in interleaved rounds.

The model: Conv2d(1→8, 3, padding same) + relu, MaxPool2d(2), Conv2d(8→16, 3, padding same) +
relu, MaxPool2d(2), Flatten, Linear(64→10), softmax with cross-entropy (both fuse them: gradbook's
softmax + cross_entropy takes the logits, PyTorch's F.cross_entropy too); Adam (lr 1e-3, Keras's
eps 1e-7); batch 32, reshuffled every epoch; 20 epochs on 1,500 rows of dataset("digits") (47
steps, the last of 28 rows), then accuracy on the other 297. The split is a seeded shuffle
(gradbook's split seed 42): the file's last rows are other writers' digits, harder than the rest
(trained on the first 1,500, PyTorch and gradbook alike reach only 0.88–0.94 on them).

gradbook writes its rows and its initial params as .npy (`gradbook bench cnn --export-data`), so
PyTorch trains on exactly those rows and, by default, starts from gradbook's initial params
copied (Glorot-uniform kernels, zero biases: Keras's defaults); `--init torch` lets PyTorch draw
its own (Kaiming uniform with a = √5, biases uniform in ±1/√fan_in). gradbook's run is
deterministic; PyTorch's shuffles come from torch.manual_seed(round).

Fairness, as bench/train_vs_peers.py: the script and its children are pinned to one core, each
framework runs one thread (GRADBOOK_THREADS=1, torch.set_num_threads(1)), the figure is the
process CPU time per epoch (time other processes hold the core is not counted), the median over
epochs, then over rounds; each round runs both, in turn, each in a fresh process; the ratio is
taken per round (same machine state), then the median. PyTorch comes from PyPI into bench/.venv
when it is missing (bench/bench_env.py).

    python3 bench/cnn_vs_torch.py [--rounds 5] [--core 1] [--init gradbook|torch]
"""
import argparse, json, os, platform, statistics, subprocess, sys, tempfile, time

from bench_env import cpu_model, ensure_modules, gradbook_revision, one_thread_environment, pin_to_one_core

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "gradbook")
EPOCHS, BATCH, TRAIN_ROWS = 20, 32, 1500


def run_gradbook(data_dir=None):
    args = [BIN, "bench", "cnn", "--json", "--epochs", str(EPOCHS), "--batch", str(BATCH)]
    args += ["--export-data", data_dir] if data_dir else []
    out = subprocess.run(args, capture_output=True, text=True, check=True,
                         env=dict(os.environ, **one_thread_environment())).stdout
    return json.loads(out)


def worker_torch(folder, init, seed):
    import numpy as np, torch
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.manual_seed(seed)
    load = lambda name: torch.from_numpy(np.load(os.path.join(folder, name + ".npy")).copy())
    x, y = load("train_x"), load("train_y").long()
    tx, ty = load("test_x"), load("test_y").long()
    nn = torch.nn
    model = nn.Sequential(nn.Conv2d(1, 8, 3, padding="same"), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(8, 16, 3, padding="same"), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(64, 10))
    if init == "gradbook":  # the same initial params; gradbook's dense W is [in, out], PyTorch's [out, in]
        with torch.no_grad():
            for layer, name in [(model[0], "conv2d_0"), (model[3], "conv2d_1"), (model[7], "dense_0")]:
                w = load(f"init_{name}.W")
                layer.weight.copy_(w.T if name.startswith("dense") else w)
                layer.bias.copy_(load(f"init_{name}.b"))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    n, times = x.shape[0], []
    for _ in range(EPOCHS):
        t = time.process_time()
        perm = torch.randperm(n)
        for i in range(0, n, BATCH):
            idx = perm[i:i + BATCH]
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
        times.append(time.process_time() - t)
    with torch.no_grad():
        acc = (model(tx).argmax(1) == ty).float().mean().item()
    return {"cpu_seconds_per_epoch": times, "test_accuracy": acc}


def run_torch(data_dir, init, seed):
    """PyTorch's run in a fresh process (imports, thread pools and caches start cold)."""
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--worker", "--data", data_dir,
                          "--init", init, "--seed", str(seed)],
                         capture_output=True, text=True, env=dict(os.environ, **one_thread_environment()))
    if out.returncode != 0:
        raise RuntimeError(f"PyTorch failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--core", type=int, default=None, help="the core to pin to (default: the last one allowed)")
    ap.add_argument("--init", choices=["gradbook", "torch"], default="gradbook",
                    help="PyTorch's initial params: gradbook's copied (default) or its own default init")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    ap.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:  # a child: one PyTorch run, one JSON line
        os.environ.update(one_thread_environment())
        print(json.dumps(worker_torch(args.data, args.init, args.seed)))
        return

    ensure_modules(["numpy", "torch"], __file__)
    os.environ.update(one_thread_environment())
    core = pin_to_one_core(args.core)  # children inherit it
    if not os.path.exists(BIN):
        subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True)
    import numpy, torch
    print(f"CPU: {cpu_model()}, pinned to core {core}; {os.getloadavg()[0]:.1f} runnable tasks on average "
          f"(1-min load) over {os.cpu_count()} cores")
    print(f"gradbook {gradbook_revision()} (release build), PyTorch {torch.__version__}, NumPy {numpy.__version__}, "
          f"Python {platform.python_version()}")
    init = "gradbook's initial params copied" if args.init == "gradbook" else "PyTorch's default init"
    print(f"LeNet-style CNN on digits, {EPOCHS} epochs × {TRAIN_ROWS} rows, batch {BATCH}, one thread each, "
          f"PyTorch from {init}; process CPU time per epoch, median over epochs, then over {args.rounds} "
          f"interleaved rounds", flush=True)
    rows = {"gradbook": [], "torch": []}
    with tempfile.TemporaryDirectory() as tmp:
        run_gradbook(tmp)  # writes the rows and the initial params
        for round_index in range(args.rounds):
            rows["gradbook"].append(run_gradbook())
            rows["torch"].append(run_torch(tmp, args.init, round_index))
            line = "  ".join(f"{p} {statistics.median(rows[p][-1]['cpu_seconds_per_epoch']) * 1e3:.1f}" for p in rows)
            print(f"round {round_index + 1}: {line} ms/epoch", flush=True)

    steps = -(-TRAIN_ROWS // BATCH)
    epoch = {p: [statistics.median(r["cpu_seconds_per_epoch"]) for r in rows[p]] for p in rows}
    print(f"\n{'':16}{'ms/epoch':>10}{'µs/step':>10}{'range':>14}{'vs gradbook':>14}{'accuracy':>16}")
    for p, label in [("gradbook", "gradbook"), ("torch", "PyTorch eager")]:
        e = statistics.median(epoch[p])
        ratio = statistics.median(t / g for t, g in zip(epoch[p], epoch["gradbook"]))
        versus = "1" if p == "gradbook" else (f"{ratio:.2f}× slower" if ratio >= 1 else f"{1 / ratio:.2f}× faster")
        spread = f"{min(epoch[p]) * 1e3:.1f}–{max(epoch[p]) * 1e3:.1f}"
        accuracies = [r["test_accuracy"] for r in rows[p]]
        acc = f"{statistics.median(accuracies):.4f}"
        if min(accuracies) != max(accuracies):
            acc = f"{min(accuracies):.4f}–{max(accuracies):.4f}"
        print(f"{label:16}{e * 1e3:10.1f}{e / steps * 1e6:10.1f}{spread:>14}{versus:>14}{acc:>16}")
    g = rows["gradbook"]
    conv = statistics.median(r["conv_forward_share"] + r["conv_backward_share"] for r in g)
    pool = statistics.median(r["pool_forward_share"] + r["pool_backward_share"] for r in g)
    fwd = statistics.median(r.get("conv_forward_gflops", 0) for r in g)
    bwd = statistics.median(r.get("conv_backward_gflops", 0) for r in g)
    print(f"\n'vs gradbook' is the median of per-round ratios. gradbook's step spends {conv:.0%} in its conv "
          f"ops ({fwd:.1f} GFLOP/s forward, {bwd:.1f} backward) and {pool:.0%} in its pooling.")


if __name__ == "__main__":
    main()
