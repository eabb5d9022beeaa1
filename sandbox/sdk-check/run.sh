#!/usr/bin/env bash
# Wix's JavaScript SDK against the sandbox binary: install the SDK from the lockfile, start
# `tollgate-sandbox` on loopback with the check's app credentials, run check.mjs, stop it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

cargo build --quiet --manifest-path "$root/Cargo.toml" -p tollgate-sandbox --bin tollgate-sandbox
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)

app_id="$(sed -n "s/^export const APP_ID = '\(.*\)';$/\1/p" "$here/check.mjs")"
app_secret="$(sed -n "s/^export const APP_SECRET = '\(.*\)';$/\1/p" "$here/check.mjs")"
log="$(mktemp)"
"$root/target/debug/tollgate-sandbox" --app-id "$app_id" --app-secret "$app_secret" >"$log" 2>&1 &
sandbox_pid=$!
trap 'kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; rm -f "$log"' EXIT

url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's/^sandbox listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)$/\1/p' "$log")"
  [ -n "$url" ] && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$log"; echo "the sandbox did not start" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$log"; echo "the sandbox did not say where it listens" >&2; exit 1; }

SANDBOX_URL="$url" node "$here/check.mjs"
