#!/usr/bin/env bash
# Runs the Jupyter kernel's tests (jupyter/tests) with pytest against a gradbook binary.
# Without python3 or the Jupyter packages (scripts/ensure-deps.sh installs them) the tests are
# skipped with a message; GRADBOOK_REQUIRE_KERNEL_TESTS=1 (set by .ci/run) makes that a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/gradbook}
modules="ipykernel jupyter_client nbclient nbconvert nbformat jupyter_kernel_test pytest"

skip() {
  if [ "${GRADBOOK_REQUIRE_KERNEL_TESTS:-0}" = 1 ]; then
    echo "kernel tests: $1 (required here: failing)" >&2
    exit 1
  fi
  echo "kernel tests: skipped, $1"
  exit 0
}

command -v python3 >/dev/null 2>&1 || skip "no python3"
missing=$(python3 - $modules <<'PY'
import importlib.util, sys
print(" ".join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))
PY
)
[ -z "$missing" ] || skip "python3 lacks $missing (pip install $missing)"

GRADBOOK_BIN="$bin" python3 -m pytest -q -p no:cacheprovider jupyter/tests
status=$?
if [ $status -eq 5 ]; then
  # pytest's "no tests were collected": the kernel would go untested, which is a failure.
  echo "kernel tests: pytest collected no tests in jupyter/tests" >&2
  exit 1
fi
exit $status
