"""What the comparison scripts of bench/ share: a virtual environment with the peer frameworks,
one thread per framework, one core for the whole run, and the CPU's name.

    from bench_env import ensure_modules, one_thread_environment, pin_to_one_core, cpu_model
"""
import os, platform, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "bench", ".venv")


def missing_modules(names):
    missing = []
    for name in names:
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 (a broken install counts as missing)
            missing.append(name)
    return missing


def ensure_modules(names, script):
    """Re-runs `script` (with this process's arguments) in bench/.venv after pip-installing
    there whichever of `names` are missing. The venv sees the system's packages, so only what
    is missing is installed. Returns when nothing is missing."""
    missing = missing_modules(names)
    if not missing:
        return
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        sys.exit(f"bench/.venv still lacks {', '.join(missing)} after pip install")
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        print(f"making {os.path.relpath(VENV, ROOT)} (missing: {', '.join(missing)})", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", VENV], check=True)
    check = subprocess.run([python, "-c", "import " + ", ".join(names)], capture_output=True)
    if check.returncode != 0:
        print(f"pip install {' '.join(missing)} into {os.path.relpath(VENV, ROOT)} (PyPI)", flush=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", *missing], check=True)
    os.execv(python, [python, os.path.abspath(script), *sys.argv[1:]])


def one_thread_environment():
    """Variables that keep every framework on one thread (set before any of them loads)."""
    return {
        "GRADBOOK_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "XLA_FLAGS": "--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1",
        "JAX_PLATFORMS": "cpu",
    }


def pin_to_one_core(core=None):
    """Pins this process (and so every child it starts) to `core`, by default the last one
    allowed; returns the core."""
    core = core if core is not None else max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


def cpu_model():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def gradbook_revision():
    return subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip() or "?"
