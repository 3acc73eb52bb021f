#!/usr/bin/env python3
"""The seed model trained by gradbook, PyTorch (eager) and JAX (a jitted step; the whole epoch in
one jitted lax.scan) on the same rows, one core each, in interleaved rounds.

The seed model: Dense(128, relu) on 10 inputs, Dense(128, relu), Dense(1, sigmoid); Adam
(lr 1e-3, Keras's eps 1e-7); binary cross-entropy on the logits (σ and bce fused, as gradbook
and Keras do); batch 32 with a reshuffle per epoch; 10 epochs on 10,000 rows (313 steps, the
last of 16 rows); then accuracy on 2,000 held-out rows. gradbook writes its generated rows as
.npy (`gradbook bench train --export-data`), so every framework trains on exactly those rows.

Fairness: the whole script (and every child process) is pinned to one core (sched_setaffinity),
frameworks use one thread (GRADBOOK_THREADS=1, torch.set_num_threads(1), XLA's CPU client
without its thread pool), and the figure is the process CPU time per epoch (time other
processes hold the core is not counted), the median over epochs, then over rounds. Each round
runs every framework once, in turn, in a fresh process; JAX's compile happens in an untimed
warm-up epoch. Ratios are per round (same machine state), then the median.

PyTorch and JAX come from PyPI: when either is missing, the script makes bench/.venv (it sees
the system's packages, so only what is missing is installed), pip-installs them there, and
runs itself again inside it (bench/bench_env.py, shared with cnn_vs_torch.py).

    python3 bench/train_vs_peers.py [--rounds 5] [--core 1] [--only gradbook,torch,jax_step,jax_scan]
"""
import argparse, json, os, platform, statistics, subprocess, sys, tempfile, time

from bench_env import cpu_model, ensure_modules, gradbook_revision, one_thread_environment, pin_to_one_core

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "gradbook")
EPOCHS, BATCH, SEED = 10, 32, 0
PEERS = ["gradbook", "torch", "jax_step", "jax_scan"]
LABELS = {"gradbook": "gradbook", "torch": "PyTorch eager", "jax_step": "JAX, jitted step",
          "jax_scan": "JAX, epoch in one lax.scan"}


# MARK: - The workers (each runs in its own process and prints one JSON line)

def load_rows(folder):
    import numpy as np
    return {k: np.load(os.path.join(folder, k + ".npy")) for k in ["train_x", "train_y", "test_x", "test_y"]}


def cpu_seconds():
    return time.process_time()  # this process, all threads


def run_gradbook(data_dir=None):
    args = [BIN, "bench", "train", "--json", "--epochs", str(EPOCHS), "--batch", str(BATCH)]
    args += ["--export-data", data_dir] if data_dir else []
    out = subprocess.run(args, capture_output=True, text=True, check=True,
                         env=dict(os.environ, **one_thread_environment())).stdout
    r = json.loads(out)
    return {"cpu_seconds_per_epoch": r["cpu_seconds_per_epoch"], "test_accuracy": r["test_accuracy"],
            "matmul_us_per_step": r["matmul_us_per_step"], "matmul_share": r["matmul_share"]}


def worker_torch(d):
    import torch
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    torch.manual_seed(SEED)
    x, y = torch.from_numpy(d["train_x"]), torch.from_numpy(d["train_y"]).float().reshape(-1, 1)
    tx, ty = torch.from_numpy(d["test_x"]), torch.from_numpy(d["test_y"]).float().reshape(-1, 1)
    model = torch.nn.Sequential(torch.nn.Linear(10, 128), torch.nn.ReLU(), torch.nn.Linear(128, 128),
                                torch.nn.ReLU(), torch.nn.Linear(128, 1))
    for m in model:
        if isinstance(m, torch.nn.Linear):  # Keras's defaults: glorot uniform, zero bias
            torch.nn.init.xavier_uniform_(m.weight)
            torch.nn.init.zeros_(m.bias)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    n, times = x.shape[0], []
    for _ in range(EPOCHS):
        t = cpu_seconds()
        perm = torch.randperm(n)
        for i in range(0, n, BATCH):
            idx = perm[i:i + BATCH]
            opt.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
        times.append(cpu_seconds() - t)
    with torch.no_grad():
        acc = ((model(tx) > 0).float() == ty).float().mean().item()
    return {"cpu_seconds_per_epoch": times, "test_accuracy": acc}


def jax_model():
    """Init, loss and one Adam step (Keras's form: bias-corrected rate, eps outside the root)."""
    import jax, jax.numpy as jnp

    def init(key):
        params = []
        for fan_in, fan_out in [(10, 128), (128, 128), (128, 1)]:
            key, sub = jax.random.split(key)
            limit = (6 / (fan_in + fan_out)) ** 0.5  # glorot uniform, zero bias
            params.append((jax.random.uniform(sub, (fan_in, fan_out), jnp.float32, -limit, limit),
                           jnp.zeros((fan_out,), jnp.float32)))
        return params

    def logits(params, x):
        (w1, b1), (w2, b2), (w3, b3) = params
        h = jax.nn.relu(x @ w1 + b1)
        h = jax.nn.relu(h @ w2 + b2)
        return (h @ w3 + b3)[:, 0]

    def loss(params, x, y):
        z = logits(params, x)  # bce on logits: max(z, 0) − z·y + log(1 + e^−|z|)
        return jnp.mean(jnp.maximum(z, 0) - z * y + jnp.log1p(jnp.exp(-jnp.abs(z))))

    def step(state, x, y):
        params, m, v, t = state
        grads = jax.grad(loss)(params, x, y)
        t = t + 1
        rate = 1e-3 * jnp.sqrt(1 - 0.999 ** t) / (1 - 0.9 ** t)
        m = jax.tree_util.tree_map(lambda m, g: 0.9 * m + 0.1 * g, m, grads)
        v = jax.tree_util.tree_map(lambda v, g: 0.999 * v + 0.001 * g * g, v, grads)
        params = jax.tree_util.tree_map(lambda p, m, v: p - rate * m / (jnp.sqrt(v) + 1e-7), params, m, v)
        return (params, m, v, t)

    def start(key):
        params = init(key)
        zeros = jax.tree_util.tree_map(jnp.zeros_like, params)
        return (params, zeros, zeros, jnp.float32(0))

    return start, step, logits


def worker_jax(d, whole_epoch):
    import jax, jax.numpy as jnp, numpy as np
    start, step, logits = jax_model()
    x, y = jnp.asarray(d["train_x"]), jnp.asarray(d["train_y"], jnp.float32).reshape(-1)
    n = x.shape[0]
    full = n // BATCH  # 312 batches of 32, then one of 16
    jit_step = jax.jit(step)

    @jax.jit
    def scanned_epoch(state, perm):
        head = perm[:full * BATCH].reshape(full, BATCH)
        state, _ = jax.lax.scan(lambda s, idx: (step(s, x[idx], y[idx]), None), state, head)
        tail = perm[full * BATCH:]
        return step(state, x[tail], y[tail]) if tail.shape[0] else state

    def epoch(state, perm):
        if whole_epoch:
            return scanned_epoch(state, perm)
        for i in range(0, n, BATCH):
            idx = perm[i:i + BATCH]
            state = jit_step(state, x[idx], y[idx])
        return state

    rng = np.random.default_rng(SEED)
    warm = start(jax.random.PRNGKey(SEED + 1))
    jax.block_until_ready(epoch(warm, jnp.asarray(rng.permutation(n))))  # compile, untimed
    state, times = start(jax.random.PRNGKey(SEED)), []
    for _ in range(EPOCHS):
        t = cpu_seconds()
        state = epoch(state, jnp.asarray(rng.permutation(n)))
        jax.block_until_ready(state)
        times.append(cpu_seconds() - t)
    tx, ty = jnp.asarray(d["test_x"]), np.asarray(d["test_y"]).reshape(-1)
    acc = float(np.mean((np.asarray(logits(state[0], tx)) > 0) == (ty > 0.5)))
    return {"cpu_seconds_per_epoch": times, "test_accuracy": acc}


def run_worker(peer, data_dir):
    """One framework's run in a fresh process (imports, thread pools and caches start cold)."""
    if peer == "gradbook":
        return run_gradbook()
    out = subprocess.run([sys.executable, os.path.abspath(__file__), "--worker", peer, "--data", data_dir],
                         capture_output=True, text=True, env=dict(os.environ, **one_thread_environment()))
    if out.returncode != 0:
        raise RuntimeError(f"{peer} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# MARK: - The comparison

def versions():
    import numpy, torch, jax, jaxlib
    return (f"gradbook {gradbook_revision()} (release build), PyTorch {torch.__version__}, JAX {jax.__version__} "
            f"(jaxlib {jaxlib.__version__}), NumPy {numpy.__version__}, Python {platform.python_version()}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--core", type=int, default=None, help="the core to pin to (default: the last one allowed)")
    ap.add_argument("--only", default=",".join(PEERS), help="comma-separated subset of " + ",".join(PEERS))
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:  # a child: one framework, one JSON line
        os.environ.update(one_thread_environment())
        d = load_rows(args.data)
        result = worker_torch(d) if args.worker == "torch" else worker_jax(d, args.worker == "jax_scan")
        print(json.dumps(result))
        return

    peers = [p for p in args.only.split(",") if p]
    unknown = [p for p in peers if p not in PEERS]
    if unknown or "gradbook" not in peers:
        sys.exit(f"--only takes gradbook plus any of {', '.join(PEERS[1:])} (got {args.only})")
    ensure_modules(["numpy", "torch", "jax"], __file__)
    os.environ.update(one_thread_environment())
    core = pin_to_one_core(args.core)  # children inherit it
    if not os.path.exists(BIN):
        subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True)

    print(f"CPU: {cpu_model()}, pinned to core {core}; {os.getloadavg()[0]:.1f} runnable tasks on average "
          f"(1-min load) over {os.cpu_count()} cores")
    print(versions())
    print(f"seed model, {EPOCHS} epochs × 10,000 rows, batch {BATCH}, one thread each; process CPU time per "
          f"epoch, median over epochs, then over {args.rounds} interleaved rounds", flush=True)
    rows = {p: [] for p in peers}
    with tempfile.TemporaryDirectory() as tmp:
        run_gradbook(tmp)  # writes the rows
        for round_index in range(args.rounds):
            for peer in peers:
                rows[peer].append(run_worker(peer, tmp))
            line = "  ".join(f"{p} {statistics.median(rows[p][-1]['cpu_seconds_per_epoch']) * 1e3:.1f}" for p in peers)
            print(f"round {round_index + 1}: {line} ms/epoch", flush=True)

    steps = -(-10_000 // BATCH)
    epoch = {p: [statistics.median(r["cpu_seconds_per_epoch"]) for r in rows[p]] for p in peers}
    print(f"\n{'':28}{'ms/epoch':>10}{'µs/step':>10}{'range':>16}{'vs gradbook':>14}{'accuracy':>10}")
    for p in peers:
        e = statistics.median(epoch[p])
        ratios = [peer / g for peer, g in zip(epoch[p], epoch["gradbook"])]
        ratio = statistics.median(ratios)
        versus = "1" if p == "gradbook" else (f"{ratio:.2f}× slower" if ratio >= 1 else f"{1 / ratio:.2f}× faster")
        spread = f"{min(epoch[p]) * 1e3:.1f}–{max(epoch[p]) * 1e3:.1f}"
        acc = statistics.median(r["test_accuracy"] for r in rows[p])
        print(f"{LABELS[p]:28}{e * 1e3:10.1f}{e / steps * 1e6:10.1f}{spread:>16}{versus:>14}{acc:10.4f}")
    share = statistics.median(r["matmul_share"] for r in rows["gradbook"])
    us = statistics.median(r["matmul_us_per_step"] for r in rows["gradbook"])
    print(f"\n'vs gradbook' is the median of per-round ratios. gradbook's step spends {us:.1f} µs "
          f"({share:.0%}) in its 8 matrix products.")


if __name__ == "__main__":
    main()
