#!/usr/bin/env bash
# Instructions per call of each validation step on each shared payload, under callgrind:
# (instructions for N calls − instructions for 0 calls) / N, so setup cancels out.
# Usage: benches/count.sh [N] [STEP...]   (default N=2000, steps: validate bytes)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-2000}"
shift || true
steps=("$@")
[ "${#steps[@]}" -gt 0 ] || steps=(validate bytes)
cargo build --release -q -p tollgate-benches --example count
bin="${COUNT_BIN:-target/release/examples/count}"
total() {
  local out
  out=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$@" >/dev/null 2>&1
  callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }'
  rm -f "$out"
}
printf '%-10s %-22s %14s\n' step payload instructions/call
for step in "${steps[@]}"; do
  for payload in short_text template_10_buttons form_15_fields_media invalid_5_violations; do
    base=$(total "$step" "$payload" 0)
    full=$(total "$step" "$payload" "$n")
    printf '%-10s %-22s %14d\n' "$step" "$payload" $(( (full - base) / n ))
  done
done
