#!/usr/bin/env bash
# `tollgate check --batch` on generated JSON Lines files (benches/examples/jsonl.rs): lines per
# second and peak resident memory (`/usr/bin/time -v`), once per size, so that flat memory
# shows as the same peak at every size.
# Usage: benches/batch-check/run.sh [LINES...]   (default: 100000 1000000)
# Files go to a temporary directory, removed afterwards. BATCH_PROFILE=dev uses a debug build
# (CI's smoke run: it checks that the script works, not how fast).
set -euo pipefail
cd "$(dirname "$0")/../.."
sizes=("$@")
[ "${#sizes[@]}" -gt 0 ] || sizes=(100000 1000000)
profile="${BATCH_PROFILE:-release}"
bin_dir=target/$([ "$profile" = dev ] && echo debug || echo "$profile")
cargo build --profile "$profile" -q -p tollgate-benches --example jsonl
cargo build --profile "$profile" -q -p tollgate-cli
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%10s %10s %10s %12s %10s %10s %s\n' lines MB wall_s lines/s cpu_s peak_KiB summary
for lines in "${sizes[@]}"; do
  file="$dir/requests-$lines.jsonl"
  "$bin_dir/examples/jsonl" "$lines" > "$file" 2>/dev/null
  mb=$(( $(stat -c %s "$file") / 1000000 ))
  set +e
  /usr/bin/time -v "$bin_dir/tollgate" check --batch "$file" > "$dir/report" 2> "$dir/time"
  status=$?
  set -e
  if [ "$status" -ne 1 ]; then
    echo "expected exit 1 (some lines invalid), got $status" >&2
    cat "$dir/time" >&2
    exit 1
  fi
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$dir/time")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$dir/time")
  peak=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/time")
  rate=$(awk -v n="$lines" -v t="$wall" 'BEGIN { printf "%d", n / t }')
  printf '%10d %10d %10.2f %12d %10.2f %10d %s\n' "$lines" "$mb" "$wall" "$rate" "$cpu" "$peak" "$(tail -1 "$dir/report")"
done
