#!/usr/bin/env bash
# Runs `gradbook check` on every session in sessions/ (once the language exists, each must pass).
set -euo pipefail
bin=${1:-.build/debug/gradbook}
shopt -s nullglob
files=(sessions/*.grad)
if [ ${#files[@]} -eq 0 ]; then
  echo "sessions: none yet"
  exit 0
fi
"$bin" check "${files[@]}"
