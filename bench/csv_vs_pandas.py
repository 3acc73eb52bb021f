#!/usr/bin/env python3
"""CSV loading speed: gradbook's loader against pandas.read_csv, measured in one run.

    make release   # or: swift build -c release
    python3 bench/csv_vs_pandas.py [--rows 1000000] [--repetitions 5] [--formats repr g9]

For each format it writes a CSV of `rows` × 11 numeric columns (10 standard-normal features and
a 0/1 label) to bench/out/, then alternates loads: `gradbook bench csv --file F --json` (one
load per call; the time is measured inside the process, so process start-up is not counted)
and `pandas.read_csv(F)` in this process — so that whatever else the machine is doing falls on
both alike. It prints the medians and their ratio, and checks that both loaded the same numbers
(the sums of all features agree).

Formats: `repr` is what `DataFrame.to_csv` writes for float64 (shortest round-trip text, up
to 17 significant digits); `g9` is `%.9g` (enough digits for any float32).

pandas is installed with pip if it is missing (a benchmark tool, not a gradbook dependency).
The timing command is Sources/gradbook/BenchCSV.swift, registered as `gradbook bench csv`;
--gradbook names another command line that takes --file, --repetitions and --json.
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def ensure_pandas():
    try:
        import pandas  # noqa: F401
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "pandas"])


def generate(path, rows, fmt, seed=0):
    import numpy as np
    import pandas as pd
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, 10))
    frame = pd.DataFrame(x, columns=[f"x{i}" for i in range(10)])
    frame["label"] = (x[:, 0] + x[:, 1] > 0).astype(int)
    if fmt == "repr":
        frame.to_csv(path, index=False)
    else:
        frame.to_csv(path, index=False, float_format="%.9g")


def time_gradbook(command, path):
    out = subprocess.run(command + ["--file", path, "--repetitions", "1", "--json"],
                         check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return result["median_seconds"], result


def time_pandas(path):
    import pandas as pd
    start = time.perf_counter()
    frame = pd.read_csv(path)
    return time.perf_counter() - start, frame


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--formats", nargs="+", default=["repr", "g9"], choices=["repr", "g9"])
    parser.add_argument("--gradbook", default=os.path.join(ROOT, ".build", "release", "gradbook") + " bench csv",
                        help="the command that times one load (default: %(default)s)")
    args = parser.parse_args()
    ensure_pandas()
    import numpy as np
    import pandas as pd

    command = shlex.split(args.gradbook)
    os.makedirs(os.path.join(HERE, "out"), exist_ok=True)
    print(f"pandas {pd.__version__}, numpy {np.__version__}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}; {args.rows} rows x 11 columns, "
          f"median of {args.repetitions} interleaved loads")
    for fmt in args.formats:
        path = os.path.join(HERE, "out", f"csv_{fmt}_{args.rows}.csv")
        if not os.path.exists(path):
            generate(path, args.rows, fmt)
        size = os.path.getsize(path) / 1e6
        # One untimed load of each warms the page cache and pandas' imports.
        _, result = time_gradbook(command, path)
        _, frame = time_pandas(path)
        ours, theirs = [], []
        for _ in range(args.repetitions):
            ours.append(time_gradbook(command, path)[0])
            theirs.append(time_pandas(path)[0])
        expected = frame.iloc[:, :10].to_numpy(dtype=np.float32).sum(dtype=np.float64)
        agree = abs(result["feature_sum"] - expected) <= 1e-9 * max(1.0, abs(expected)) + 1e-3
        g, p = statistics.median(ours), statistics.median(theirs)
        print(f"{fmt:>4} ({size:.0f} MB): gradbook {g:.3f} s, pandas.read_csv {p:.3f} s, "
              f"pandas/gradbook = {p / g:.2f}x; same values: {'yes' if agree else 'NO'}")
        print(f"      gradbook runs {', '.join(f'{t:.3f}' for t in ours)}; pandas runs {', '.join(f'{t:.3f}' for t in theirs)}")
        if result["rows"] != args.rows or not agree:
            sys.exit(f"gradbook loaded {result['rows']} rows with feature sum {result['feature_sum']}, "
                     f"pandas {len(frame)} rows with {expected}")


if __name__ == "__main__":
    main()
