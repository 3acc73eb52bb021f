#!/usr/bin/env bash
# Replaces the built-in reference in README.md with `gradbook reference` (the registry's text).
set -euo pipefail
bin=${1:-.build/debug/gradbook}
python3 - "$bin" <<'PY'
import subprocess, sys
ref = subprocess.run([sys.argv[1], "reference"], capture_output=True, text=True, check=True).stdout.rstrip("\n")
s = open("README.md").read()
b = s.index("<!-- reference:begin"); e = s.index("<!-- reference:end -->") + len("<!-- reference:end -->")
open("README.md", "w").write(s[:b] + ref + s[e:])
PY
echo "README.md reference updated"
