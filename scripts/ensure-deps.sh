#!/usr/bin/env bash
# Installs what gradbook needs to build and test on Debian/Ubuntu, if it is missing:
# libedit-dev (the prompt's line editor) and pkg-config (apt-get; sudo when not root), and the
# Python packages of the interop and kernel tests (pip: the Jupyter stack, safetensors, numpy,
# pytest). A failed pip install only warns: those tests then say they are skipped.
set -euo pipefail

# The Python packages the tests use, as pip names them (each imports under the same name).
python_packages="ipykernel jupyter_client nbclient nbformat nbconvert jupyter_kernel_test safetensors numpy pytest"

ensure_python_packages() {
  command -v python3 >/dev/null 2>&1 || { echo "no python3: the interop and kernel tests will be skipped" >&2; return 0; }
  local missing
  missing=$(python3 - $python_packages <<'PY'
import importlib.util, sys
print(" ".join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))
PY
)
  [ -z "$missing" ] && return 0
  echo "Installing Python packages for the tests with pip: $missing"
  python3 -m pip install -q $missing \
    || echo "pip could not install $missing: the tests that need them will be skipped" >&2
}

ensure_python_packages

have_libedit() {
  if command -v pkg-config >/dev/null 2>&1; then
    pkg-config --exists libedit
  else
    [ -f /usr/include/histedit.h ] && [ -f /usr/include/editline/readline.h ]
  fi
}

have_libedit && command -v pkg-config >/dev/null 2>&1 && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "gradbook needs libedit-dev and pkg-config, and this system has no apt-get." >&2
  echo "Install libedit (headers and pkg-config file) with your package manager, then retry." >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
  else
    echo "gradbook needs libedit-dev and pkg-config; installing them needs root, and sudo is missing." >&2
    echo "Run as root: apt-get update && apt-get install -y libedit-dev pkg-config" >&2
    exit 1
  fi
fi

echo "Installing libedit-dev and pkg-config with apt-get${SUDO:+ (via sudo)}..."
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libedit-dev pkg-config >/dev/null
have_libedit || { echo "libedit-dev was installed but pkg-config cannot find libedit." >&2; exit 1; }
