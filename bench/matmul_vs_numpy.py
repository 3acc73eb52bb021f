#!/usr/bin/env python3
"""gradbook's sgemm against NumPy's float32 matmul (OpenBLAS), side by side in one run.

For each configuration (1 thread, 2 threads, AVX2) and each shape of `gradbook bench matmul`,
the script takes paired samples: one `gradbook bench matmul --json --shape S` run, then the
same shape in a NumPy worker process (or the other way round, alternating), round after round.
Each round gives one ratio gradbook/OpenBLAS; the table shows the medians of the GFLOP/s and
the median of the paired ratios, so slow moments of a noisy machine hit both sides alike.

NumPy workers are separate processes because OpenBLAS reads OPENBLAS_NUM_THREADS and
OPENBLAS_CORETYPE when it is loaded: they must be set before numpy is imported. The machine's
OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE overrides are removed for the native comparison (they would
force the Haswell kernels) and OPENBLAS_CORETYPE=Haswell is set for the AVX2 one; each worker
reports the kernel it actually loaded (threadpoolctl), and the script prints it.

`--busy` adds a check of the thread policy: with a spinning process on the other core,
gradbook with 2 threads against gradbook with 1 thread.

Usage: python3 bench/matmul_vs_numpy.py [--rounds N] [--samples N] [--quick] [--busy]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRADBOOK = os.path.join(ROOT, ".build", "release", "gradbook")
# Longer than OpenBLAS's default idle spin (2^28 cycles ≈ 0.1 s at 2.5 GHz).
OPENBLAS_SPIN_SECONDS = 0.2

WORKER = r"""
import json, sys, time
import numpy as np
try:
    from threadpoolctl import threadpool_info
    info = [i for i in threadpool_info() if i.get("internal_api") == "openblas"]
    info = info[0] if info else {}
except Exception as error:  # threadpoolctl missing: report what we can
    info = {"error": str(error)}
# NumPy's own cost per matmul call (dispatch, checks), measured on a 1×1 product: at the seed
# model's sub-µs shapes this, not OpenBLAS, dominates NumPy's time.
one = np.ones((1, 1), dtype=np.float32); out = np.empty((1, 1), dtype=np.float32)
floor = []
for _ in range(5):
    t0 = time.perf_counter()
    for _ in range(20000): np.matmul(one, one, out=out)
    floor.append((time.perf_counter() - t0) / 20000)
print(json.dumps({"ready": True, "numpy": np.__version__, "openblas": info,
                  "callFloorSeconds": sorted(floor)[2]}), flush=True)
rng = np.random.default_rng(7)
for line in sys.stdin:
    q = json.loads(line)
    m, n, k = q["m"], q["n"], q["k"]
    a = rng.random((k, m) if q["transA"] else (m, k), dtype=np.float32) - 0.5
    b = rng.random((n, k) if q["transB"] else (k, n), dtype=np.float32) - 0.5
    opa = a.T if q["transA"] else a
    opb = b.T if q["transB"] else b
    c = np.empty((m, n), dtype=np.float32)
    np.matmul(opa, opb, out=c)
    t0 = time.perf_counter(); np.matmul(opa, opb, out=c); once = max(time.perf_counter() - t0, 1e-9)
    reps = max(1, int(q["sampleSeconds"] / once + 0.999))
    wall = []
    for _ in range(q["samples"]):
        t0 = time.perf_counter()
        for _ in range(reps):
            np.matmul(opa, opb, out=c)
        wall.append((time.perf_counter() - t0) / reps)
    print(json.dumps({"seconds": sorted(wall)[len(wall) // 2], "repetitions": reps}), flush=True)
"""


class NumPyWorker:
    """A NumPy process with OpenBLAS configured by environment before import."""

    def __init__(self, threads, coretype=None):
        env = dict(os.environ)
        for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS",
                     "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env.pop(name, None)
        env["OPENBLAS_NUM_THREADS"] = str(threads)
        if coretype:
            env["OPENBLAS_CORETYPE"] = coretype
        self.threads = threads
        self.process = subprocess.Popen([sys.executable, "-c", WORKER], env=env, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.info = json.loads(self.process.stdout.readline())

    def measure(self, shape, samples, sample_seconds):
        query = {key: shape[key] for key in ("m", "n", "k", "transA", "transB")}
        query.update(samples=samples, sampleSeconds=sample_seconds)
        self.process.stdin.write(json.dumps(query) + "\n")
        self.process.stdin.flush()
        seconds = json.loads(self.process.stdout.readline())["seconds"]
        if self.threads > 1:
            # OpenBLAS's idle threads spin for a while after each call (THREAD_TIMEOUT, ~2^28
            # cycles): let them go to sleep before gradbook runs, or they would steal its core.
            time.sleep(OPENBLAS_SPIN_SECONDS)
        return seconds

    def close(self):
        self.process.stdin.close()
        self.process.wait()

    def describe(self):
        o = self.info.get("openblas", {})
        return (f"NumPy {self.info.get('numpy')} OpenBLAS {o.get('version', '?')} "
                f"kernel={o.get('architecture', '?')} threads={o.get('num_threads', '?')}; "
                f"NumPy call floor {self.info.get('callFloorSeconds', 0) * 1e6:.2f} µs")


def gradbook_json(args, env_extra=None):
    env = dict(os.environ)
    env.update(env_extra or {})
    output = subprocess.run([GRADBOOK, "bench", "matmul", "--json", *args], env=env,
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output)


THREADS_USED = {}


def gradbook_seconds(shape, samples, flags):
    result = gradbook_json(["--shape", shape["name"], "--samples", str(samples), "--no-peak",
                            *flags])
    row = result["results"][0]
    key = (shape["name"], tuple(flags))
    used = THREADS_USED.setdefault(key, set())
    used.update({row["threads"], row["maximumThreads"]})
    return row["seconds"]


def threads_used(shape, flags):
    used = sorted(THREADS_USED.get((shape["name"], tuple(flags)), {0}))
    return "/".join(str(t) for t in used)


def gflops(shape, seconds):
    return 2.0 * shape["m"] * shape["n"] * shape["k"] / seconds / 1e9


def compare(title, shapes, rounds, samples, flags, worker, sample_seconds):
    """Paired rounds of gradbook and OpenBLAS; prints and returns per-shape medians."""
    print(f"\n## {title}\n   gradbook {' '.join(flags)}  vs  {worker.describe()}")
    print(f"   {'shape':<11}{'product':<24}{'gradbook':>10}{'OpenBLAS':>10}{'ratio':>8}"
          f"{'(range of paired ratios)':>28}{'threads':>9}")
    rows = []
    for shape in shapes:
        ours, theirs, ratios = [], [], []
        for r in range(rounds):
            # Alternate who goes first, so a drift in machine load favours neither side.
            if r % 2 == 0:
                g = gradbook_seconds(shape, samples, flags)
                o = worker.measure(shape, samples, sample_seconds)
            else:
                o = worker.measure(shape, samples, sample_seconds)
                g = gradbook_seconds(shape, samples, flags)
            ours.append(gflops(shape, g))
            theirs.append(gflops(shape, o))
            ratios.append(o / g)
        row = (shape["name"], statistics.median(ours), statistics.median(theirs),
               statistics.median(ratios), min(ratios), max(ratios))
        rows.append(row)
        spread = f"{row[4]:.2f} … {row[5]:.2f}"
        print(f"   {shape['name']:<11}{shape['formula']:<24}{row[1]:>10.1f}{row[2]:>10.1f}"
              f"{row[3]:>8.2f}{spread:>28}{threads_used(shape, flags):>9}", flush=True)
    return rows


def busy_check(shapes, rounds, samples):
    """gradbook with 2 threads allowed vs 1 thread while another process spins on a core."""
    print("\n## Thread policy with the other core busy (a spinning process): "
          "gradbook --threads 2 (adapts to load) vs --threads 1")
    print(f"   {'shape':<11}{'1 thread':>10}{'2 allowed':>11}{'ratio':>8}{'threads used':>14}")
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.5)
        for shape in shapes:
            one, two, ratios = [], [], []
            for r in range(rounds):
                order = [1, 2] if r % 2 == 0 else [2, 1]
                seconds = {}
                for threads in order:
                    seconds[threads] = gradbook_seconds(shape, samples, ["--threads", str(threads)])
                one.append(gflops(shape, seconds[1]))
                two.append(gflops(shape, seconds[2]))
                ratios.append(seconds[1] / seconds[2])
            print(f"   {shape['name']:<11}{statistics.median(one):>10.1f}"
                  f"{statistics.median(two):>11.1f}{statistics.median(ratios):>8.2f}"
                  f"{threads_used(shape, ['--threads', '2']):>14}", flush=True)
    finally:
        hog.kill()
        hog.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="paired rounds per shape")
    parser.add_argument("--samples", type=int, default=3, help="samples per side per round")
    parser.add_argument("--quick", action="store_true", help="3 rounds, fewer shapes")
    parser.add_argument("--busy", action="store_true", help="also check 2 vs 1 thread under load")
    parser.add_argument("--only", choices=["1t", "2t", "avx2"], action="append",
                        help="run only these comparisons (repeatable)")
    parser.add_argument("--shape", action="append",
                        help="run only these shapes (repeatable; names as in gradbook bench)")
    args = parser.parse_args()
    rounds = 3 if args.quick else args.rounds

    if not os.path.exists(GRADBOOK):
        print("building gradbook (release)…", flush=True)
        subprocess.run(["swift", "build", "-c", "release"], cwd=ROOT, check=True)

    overview = gradbook_json(["--quick", "--shape", "square64"])
    shapes = [dict(r, formula=None) for r in gradbook_json(["--samples", "1", "--no-peak", "--quick"])["results"]]
    formulas = {
        "fwd1": "(32×10)·(10×128)", "fwd2": "(32×128)·(128×128)", "fwd3": "(32×128)·(128×1)",
        "bwd_w1": "(32×10)ᵀ·(32×128)", "bwd_h": "(32×128)·(128×128)ᵀ",
    }
    for s in shapes:
        s["formula"] = formulas.get(s["name"], f"{s['m']}³")
    if args.quick:
        shapes = [s for s in shapes if s["name"] not in ("square64", "square2048")]
    if args.shape:
        shapes = [s for s in shapes if s["name"] in args.shape]
    sample_seconds = 0.02
    load = os.getloadavg()
    print(f"load average before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
          f"on {os.cpu_count()} cores (other work on the machine skews both sides)")
    print(f"gradbook {overview['isa']}, FMA peak {overview['fmaPeakGFLOPS']:.1f} GFLOP/s per core;"
          f" {rounds} rounds × {args.samples} samples; GFLOP/s are medians, ratio = median of"
          f" paired gradbook/OpenBLAS ratios")

    wanted = args.only or ["1t", "2t", "avx2"]
    results = {}
    if "1t" in wanted:
        worker = NumPyWorker(threads=1)
        results["1t"] = compare("One thread", shapes, rounds, args.samples, ["--threads", "1"],
                                worker, sample_seconds)
        worker.close()
        peak = overview["fmaPeakGFLOPS"]
        n1024 = [r for r in results["1t"] if r[0] == "square1024"]
        if n1024 and peak:
            print(f"   n = 1024 one thread: {100 * n1024[0][1] / peak:.1f}% of the FMA peak")
    if "2t" in wanted:
        worker = NumPyWorker(threads=2)
        big = [s for s in shapes if s["name"].startswith("square")]
        # --fixed-threads: two threads whatever the load, like OpenBLAS (the default would
        # fall back to one thread while other processes keep the second core busy).
        results["2t"] = compare("Two threads (thread count by size only)", big, rounds,
                                args.samples, ["--threads", "2", "--fixed-threads"], worker,
                                sample_seconds)
        worker.close()
    if "avx2" in wanted:
        worker = NumPyWorker(threads=1, coretype="Haswell")
        results["avx2"] = compare("AVX2 kernels, one thread", shapes, rounds, args.samples,
                                  ["--threads", "1", "--isa", "avx2"], worker, sample_seconds)
        worker.close()
    load = os.getloadavg()
    print(f"\nload average after the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if args.busy:
        busy_check([s for s in shapes if s["name"] in ("square256", "square512", "square1024")],
                   rounds, args.samples)


if __name__ == "__main__":
    main()
