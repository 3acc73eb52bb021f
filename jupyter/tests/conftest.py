"""Test setup: the kernelspec that `gradbook kernel install --prefix` writes, in a scratch
folder on JUPYTER_PATH, running the repository's gradbook_kernel package and the binary under
test ($GRADBOOK_BIN, default .build/debug/gradbook)."""

import os
import subprocess
import sys
import tempfile

import pytest

JUPYTER_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(JUPYTER_DIR)
GRADBOOK = os.path.abspath(os.environ.get("GRADBOOK_BIN") or os.path.join(REPO, ".build", "debug", "gradbook"))
SCRATCH = tempfile.mkdtemp(prefix="gradbook-kernel-tests-")


def pytest_configure(config):
    if not os.access(GRADBOOK, os.X_OK):
        raise pytest.UsageError("no gradbook binary at %s (build it, or set GRADBOOK_BIN)" % GRADBOOK)
    # The kernel runs this checkout's package, never an installed copy.
    os.environ["PYTHONPATH"] = JUPYTER_DIR + os.pathsep + os.environ.get("PYTHONPATH", "")
    sys.path.insert(0, JUPYTER_DIR)
    prefix = os.path.join(SCRATCH, "prefix")
    subprocess.run([GRADBOOK, "kernel", "install", "--prefix", prefix, "--python", sys.executable],
                   check=True, stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
    # Kernels' runtime files and any user config stay in the scratch folder too.
    os.environ["JUPYTER_RUNTIME_DIR"] = os.path.join(SCRATCH, "runtime")
    os.environ["JUPYTER_CONFIG_DIR"] = os.path.join(SCRATCH, "config")
    os.environ["JUPYTER_DATA_DIR"] = os.path.join(SCRATCH, "data")
    os.environ["GRADBOOK_HOME"] = os.path.join(SCRATCH, "home")


@pytest.fixture
def scratch(tmp_path):
    """A folder for the files a test writes (the kernel's working folder too)."""
    return tmp_path


def pytest_unconfigure(config):
    import shutil

    shutil.rmtree(SCRATCH, ignore_errors=True)
