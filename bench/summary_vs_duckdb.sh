#!/usr/bin/env bash
# Benchmark (not a test): summarising a 1,000,000-row Attendees CSV in Kaltura's format with
# Roomlens and with DuckDB (from PyPI) running the same summary SQL, on the same file in the same
# run. Reports wall time, MB/s and peak RSS (GNU time), best of 3 for each. Writes nothing outside
# bench/out except what it prints; copy the table into BENCHMARKS.md.
#
# usage: bench/summary_vs_duckdb.sh [ROWS]      (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
OUT=bench/out
mkdir -p "$OUT"
FILE="$OUT/attendees-$ROWS.csv"

if [ ! -x /usr/bin/time ]; then
  echo "Installing GNU time (Debian package 'time')…" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y time >&2; else sudo apt-get install -y time >&2; fi
fi
if [ ! -f "$FILE" ]; then
  python3 bench/gen_attendees.py "$FILE" "$ROWS"
fi
if [ ! -x "$OUT/venv/bin/python" ]; then
  python3 -m venv "$OUT/venv"
fi
"$OUT/venv/bin/python" -c "import duckdb" 2>/dev/null || "$OUT/venv/bin/pip" install -q duckdb

cargo build --release -q -p roomlens-cli
cargo build --release -q -p roomlens --example summarize
ROOMLENS=target/release/roomlens
CORE=target/release/examples/summarize

# Runs "$@" three times; prints "<best wall seconds> <peak RSS KB of that run>".
best_of_3() {
  local best="" rss="" log
  log="$(mktemp)"
  for _ in 1 2 3; do
    /usr/bin/time -v "$@" >"$OUT/last.json" 2>"$log"
    local wall kb
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")"
    kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")"
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN{exit !(a<b)}'; then
      best="$wall"; rss="$kb"; cp "$log" "$OUT/best.log"
    fi
  done
  rm -f "$log"
  echo "$best $rss"
}

BYTES="$(stat -c %s "$FILE")"
row() { # name, "wall rss"
  set -- "$1" $2
  awk -v n="$1" -v w="$2" -v k="$3" -v b="$BYTES" \
    'BEGIN { printf "| %-44s | %6.2f s | %7.1f MB/s | %6.0f MB |\n", n, w, b/1e6/w, k/1024 }'
}

echo "File: $FILE ($ROWS rows, $(awk -v b="$BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB); $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| what | wall (best of 3) | throughput | peak RSS |"
echo "|---|---|---|---|"
row "roomlens summary FILE --json" "$(best_of_3 "$ROOMLENS" summary "$FILE" --json)"
cp "$OUT/last.json" "$OUT/roomlens-cli.json"
row "core streaming path (examples/summarize)" "$(best_of_3 "$CORE" "$FILE")"
cp "$OUT/last.json" "$OUT/roomlens-core.json"
row "DuckDB $("$OUT/venv/bin/python" -c 'import duckdb; print(duckdb.__version__)') (Python, same summary SQL)" \
  "$(best_of_3 "$OUT/venv/bin/python" bench/duckdb_summary.py "$FILE")"
cp "$OUT/last.json" "$OUT/duckdb.json"
QUERY="$(sed -n 's/^duckdb_query_seconds=\([0-9.]*\).*/\1/p' "$OUT/best.log")"
awk -v w="$QUERY" -v b="$BYTES" \
  'BEGIN { printf "| %-44s | %6.2f s | %7.1f MB/s | (same run) |\n", "  of which DuckDB query time (no startup)", w, b/1e6/w }'

# The three must agree on the figures, or the comparison means nothing.
"$OUT/venv/bin/python" - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
cli = json.load(open(f"{out}/roomlens-cli.json"))[0]["summary"]
core = json.load(open(f"{out}/roomlens-core.json"))["summary"]
duck = json.load(open(f"{out}/duckdb.json"))
for name, s in (("cli", cli), ("core", core)):
    assert s["unique_users"] == duck["unique_users"], name
    assert s["sessions"] == duck["sessions"], name
    assert s["rows"] == duck["rows"], name
    assert abs(s["total_minutes"] - duck["total_minutes"]) < 1e-6 * duck["total_minutes"], name
    assert [b["users"] for b in s["engagement_distribution"]["buckets"]] == duck["engagement_distribution"]["buckets"], name
print("\nAll three agree: %d rows, %d unique users, %d sessions." % (duck["rows"], duck["unique_users"], duck["sessions"]))
PY
