#!/usr/bin/env bash
# Records a session file from its statements: every line of IN that is not a saved output
# (#>) or the header is typed into gradbook, and the session is saved to OUT with fresh
# outputs. Use it to write a new lesson, or to re-record one after an intended output change:
#   scripts/record-session.sh sessions/lesson1_neuron.grad            (in place)
#   scripts/record-session.sh statements.txt sessions/new.grad
set -euo pipefail
in=$1
out=${2:-$1}
bin=${GRADBOOK:-.build/debug/gradbook}
tmp=$(mktemp)
grep -v -e '^#>' -e '^# gradbook .* session, saved' "$in" > "$tmp"
printf '\nsave "%s"\n' "$out.recording" >> "$tmp"
"$bin" < "$tmp" > /dev/null 2> "$tmp.err" || true
if [ -s "$tmp.err" ]; then
  echo "a statement failed while recording $out (failed statements are not saved):" >&2
  cat "$tmp.err" >&2
  rm -f "$tmp" "$tmp.err" "$out.recording"
  exit 1
fi
mv "$out.recording" "$out"
rm -f "$tmp" "$tmp.err"
echo "recorded $out"
