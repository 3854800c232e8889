#!/usr/bin/env bash
# Benchmark: a 365-day attendees fetch against the kaltura-sim binary (profile year-large, over
# 250,000 rows with one day above Kaltura's 100,000-row cap) with 200 ms latency per call.
# Prints wall time next to the ideal for the concurrency used; see BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

LATENCY_MS="${LATENCY_MS:-200}"
cargo build --release --quiet -p kaltura-sim --bin kaltura-sim
cargo build --release --quiet -p roomlens --example fetch_bench

sim_out="$(mktemp)"
target/release/kaltura-sim --profile year-large --latency-ms "$LATENCY_MS" >"$sim_out" &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null || true; rm -f "$sim_out"' EXIT

for _ in $(seq 1 100); do
  grep -q '^admin_secret=' "$sim_out" && break
  sleep 0.1
done
url="$(sed -n 's/^url=//p' "$sim_out")"
partner_id="$(sed -n 's/^partner_id=//p' "$sim_out")"
ROOMLENS_ADMIN_SECRET="$(sed -n 's/^admin_secret=//p' "$sim_out")" \
  target/release/examples/fetch_bench "$url" "$partner_id" "$LATENCY_MS"
