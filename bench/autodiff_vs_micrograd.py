#!/usr/bin/env python3
"""Per-op overhead of gradbook's autodiff against micrograd and PyTorch eager, in one run.

The same scalar graph in all three: a ← x; then n/4 times a ← relu(a·1.0001 + x)·0.999
(mul, add, relu, mul), x a leaf; forward and backward timed together; medians of rounds that
interleave the three. gradbook is run through `gradbook bench autodiff --json` (release build).

    python3 bench/autodiff_vs_micrograd.py [--ops 10000] [--rounds 7]

micrograd and torch are used when importable (pip install micrograd torch); absent ones are
reported as such.
"""
import argparse, json, os, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "gradbook")


def gradbook(ops):
    out = subprocess.run([BIN, "bench", "autodiff", "--ops", str(ops), "--repetitions", "5", "--json"],
                         capture_output=True, text=True, check=True).stdout
    r = json.loads(out)
    return r["seconds"], r["gradient"]


def micrograd_run(ops):
    from micrograd.engine import Value
    x = Value(0.5)
    a = x
    for _ in range(ops // 4):
        a = (a * 1.0001 + x).relu() * 0.999
    a.backward()
    return x.grad


def torch_run(ops):
    import torch
    x = torch.tensor(0.5, requires_grad=True)
    a = x
    for _ in range(ops // 4):
        a = torch.relu(a * 1.0001 + x) * 0.999
    a.backward()
    return float(x.grad)


def timed(f, ops, reps=3):
    ts = []
    g = None
    for _ in range(reps):
        t = time.perf_counter()
        g = f(ops)
        ts.append(time.perf_counter() - t)
    return statistics.median(ts), g


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ops", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()
    if not os.path.exists(BIN):
        subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True)
    sys.setrecursionlimit(max(10000, args.ops * 4))  # micrograd's topological sort recurses
    impls = {"micrograd": micrograd_run, "torch": torch_run}
    available = {}
    for name, f in impls.items():
        try:
            f(8)
            available[name] = f
        except Exception as e:  # noqa: BLE001 — report and go on
            print(f"{name}: not available ({type(e).__name__}: {str(e).splitlines()[0][:80]})")
    if "torch" in available:
        import torch
        torch.set_num_threads(1)
    samples = {"gradbook": [], **{k: [] for k in available}}
    grads = {}
    for _ in range(args.rounds):
        s, g = gradbook(args.ops)
        samples["gradbook"].append(s)
        grads["gradbook"] = g
        for name, f in available.items():
            s, g = timed(f, args.ops, reps=1)
            samples[name].append(s)
            grads[name] = g
    base = samples["gradbook"]
    print(f"scalar graph of {args.ops} ops, forward + backward, median of {args.rounds} interleaved rounds")
    print(f"{'implementation':<12} {'ms':>10} {'ns/op':>10} {'gradbook speed-up':>18}   ∂a/∂x")
    for name, s in samples.items():
        med = statistics.median(s)
        ratios = [x / b for x, b in zip(s, base)]
        speed = statistics.median(ratios)
        print(f"{name:<12} {med * 1e3:>10.2f} {med / args.ops * 1e9:>10.0f} {speed:>17.1f}×   {grads[name]:.6g}")


if __name__ == "__main__":
    main()
