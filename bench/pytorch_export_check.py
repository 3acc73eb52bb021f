#!/usr/bin/env python3
"""Checks a gradbook PyTorch export end to end. Installs nothing: without torch it only
compiles the script and says what it skipped.

usage: pytorch_export_check.py DIR

DIR holds what gradbook wrote and what it predicted:
  model.py, model.safetensors   the export (`export model "model.py" format=pytorch`)
  inputs.csv                    features with a header row
  expected.csv                  gradbook's predictions for inputs.csv, one row per line
  train.csv                     (optional) features and targets with a header row
  train_settings.json           (optional) {"epochs": E, "batch_size": B} that gradbook trained with
                                (shuffle=false, so both see the same batches), and optionally
                                "not_compared": {NAME: WHY} for tensors whose training rules differ
                                (a batchnorm's moving_var: PyTorch follows the unbiased variance),
  expected_trained.safetensors  and the params gradbook had after that training

Checks, each printed as it passes:
  1. the script is valid Python (py_compile);
  2. with torch: `model.py --predict inputs.csv` matches expected.csv to max |Δ| ≤ 1e-5;
  3. with torch and train.csv: two epochs of training print finite losses, and --save writes a
     safetensors file with the same tensor names and shapes as gradbook's;
  4. with torch and expected_trained.safetensors: the script trained with the same settings ends
     with gradbook's params to max |Δ| ≤ 1e-5 (use a model without dropout, whose masks differ, and sgd:
     Keras and PyTorch place Adam's ε differently);
  5. with torch and train.csv: the same under torchrun with two processes (DistributedDataParallel
     on CPU, gloo), proving the script runs there unchanged.
Exits 1 on the first failure.
"""
import json
import math
import os
import py_compile
import signal
import struct
import subprocess
import sys
import time

TOLERANCE = 1e-5


def fail(message):
    print(f"FAIL: {message}", flush=True)
    sys.exit(1)


def run(args, cwd, attempts=1):
    for attempt in range(attempts):
        result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600)
        if result.returncode == 0:
            break
        print(f"note: attempt {attempt + 1} of {' '.join(args[:3])} exited {result.returncode}", flush=True)
        if attempt + 1 < attempts:
            time.sleep(2 * (attempt + 1))  # let the load that tripped it pass
    if result.returncode != 0:
        fail(f"{' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def read_rows(path):
    with open(path) as f:
        return [[float(v) for v in line.split(",")] for line in f if line.strip()]


def read_safetensors(path):
    """{name: (shape, float32 values)} of an F32 safetensors file."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    header.pop("__metadata__", None)
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        count = (end - begin) // 4
        tensors[name] = (info["shape"], struct.unpack(f"<{count}f", data[8 + n + begin:8 + n + end]))
    return tensors


def header_of(path):
    return {name: shape for name, (shape, _) in read_safetensors(path).items()}


def check_training_output(text, epochs):
    lines = [l for l in text.splitlines() if l.startswith("epoch ")]
    if len(lines) != epochs:
        fail(f"expected {epochs} epoch lines, got:\n{text}")
    for line in lines:
        loss = float(line.split("loss ")[1].split(",")[0])
        if not math.isfinite(loss):
            fail(f"non-finite loss: {line}")
    return lines


def main(folder):
    # A parent that ran us from a thread with signals blocked (a test runner's worker thread)
    # passes that mask on, and torchrun's processes then abort when they shut down.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    script = os.path.join(folder, "model.py")
    py_compile.compile(script, doraise=True)
    print("ok: model.py compiles")
    try:
        import torch  # noqa: F401
    except ImportError:
        print("skipped: torch is not installed, so predictions and training were not compared")
        return

    printed = run([sys.executable, script, "--predict", "inputs.csv"], folder)
    got = [[float(v) for v in line.split(",")] for line in printed.splitlines() if line.strip()]
    expected = read_rows(os.path.join(folder, "expected.csv"))
    if len(got) != len(expected) or any(len(a) != len(b) for a, b in zip(got, expected)):
        fail(f"prediction shape differs: {len(got)} rows vs {len(expected)}")
    gap = max(abs(a - b) for ra, rb in zip(got, expected) for a, b in zip(ra, rb))
    if not gap <= TOLERANCE:
        fail(f"predictions differ from gradbook's by {gap:.3g} > {TOLERANCE}")
    print(f"ok: predictions match gradbook's (max |Δ| = {gap:.3g})")

    if not os.path.exists(os.path.join(folder, "train.csv")):
        return
    text = run([sys.executable, script, "train.csv", "--epochs", "2", "--save", "trained.safetensors"], folder)
    lines = check_training_output(text, 2)
    if header_of(os.path.join(folder, "trained.safetensors")) != header_of(os.path.join(folder, "model.safetensors")):
        fail("trained.safetensors does not have gradbook's names and shapes")
    print(f"ok: training runs ({lines[-1]}) and saves gradbook's layout")

    expected_path = os.path.join(folder, "expected_trained.safetensors")
    if os.path.exists(expected_path):
        with open(os.path.join(folder, "train_settings.json")) as f:
            settings = json.load(f)
        run([sys.executable, script, "train.csv", "--epochs", str(settings["epochs"]),
             "--batch-size", str(settings["batch_size"]), "--no-shuffle", "--save", "trained_same.safetensors"], folder)
        got, want = read_safetensors(os.path.join(folder, "trained_same.safetensors")), read_safetensors(expected_path)
        if sorted(got) != sorted(want):
            fail(f"trained tensors {sorted(got)} vs gradbook's {sorted(want)}")
        skipped = settings.get("not_compared", {})
        for name, why in sorted(skipped.items()):
            print(f"note: {name} not compared: {why}")
        gap = max(abs(a - b) for name in want if name not in skipped for a, b in zip(got[name][1], want[name][1]))
        if not gap <= TOLERANCE:
            fail(f"after the same training the params differ from gradbook's by {gap:.3g} > {TOLERANCE}")
        print(f"ok: the same training ends with gradbook's params (max |Δ| = {gap:.3g})")

    # torchrun's rendezvous and gloo can fail on a loaded 2-core machine (a time-out, or torch
    # aborting at exit: "terminate called without an active exception", seen twice in a row while
    # the rest of the test suite ran); further attempts after a pause tell such a hiccup from a
    # script that does not run under torchrun.
    text = run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2",
                script, "train.csv", "--epochs", "2"], folder, attempts=4)
    lines = check_training_output(text, 2)
    print(f"ok: torchrun with 2 processes trains ({lines[-1]})")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
