#!/usr/bin/env bash
# Installs what gradbook needs to build and test on Debian/Ubuntu, if it is missing:
# libedit-dev (the prompt's line editor) and pkg-config. Uses sudo when not root.
set -euo pipefail

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
