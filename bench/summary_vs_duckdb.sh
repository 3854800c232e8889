#!/usr/bin/env bash
# Benchmark (not a test): summarising 1,000,000-row Attendees CSVs in Kaltura's format with
# Roomlens and with DuckDB's own command line (duckdb-cli from PyPI) running the same summary SQL
# (bench/duckdb_summary.sql.in), both as whole processes, on the same files in the same run. Two
# shapes: a realistic organisation, and high cardinality (about a million distinct room+session
# pairs). Reports wall time, MB/s and peak RSS (GNU time), best of 3 each, and checks that all
# agree on the figures. Writes nothing outside bench/out except what it prints.
#
# usage: bench/summary_vs_duckdb.sh [ROWS]      (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
OUT=bench/out
mkdir -p "$OUT"

if [ ! -x /usr/bin/time ]; then
  echo "Installing GNU time (Debian package 'time')…" >&2
  if [ "$(id -u)" = 0 ]; then apt-get install -y time >&2; else sudo apt-get install -y time >&2; fi
fi
if [ ! -x "$OUT/venv/bin/python" ]; then
  python3 -m venv "$OUT/venv"
fi
[ -x "$OUT/venv/bin/duckdb" ] || "$OUT/venv/bin/pip" install -q duckdb-cli
DUCKDB="$OUT/venv/bin/duckdb"

cargo build --release -q -p roomlens-cli
cargo build --release -q -p roomlens --example summarize
ROOMLENS=target/release/roomlens
CORE=target/release/examples/summarize

# Runs "$@" three times (standard input from $STDIN when set); prints "<best wall s> <peak RSS KB>".
best_of_3() {
  local best="" rss="" log
  log="$(mktemp)"
  for _ in 1 2 3; do
    /usr/bin/time -v "$@" <"${STDIN:-/dev/null}" >"$OUT/last.json" 2>"$log"
    local wall kb
    wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")"
    kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")"
    if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN{exit !(a<b)}'; then
      best="$wall"; rss="$kb"
    fi
  done
  rm -f "$log"
  echo "$best $rss"
}

row() { # name, "wall rss", bytes
  set -- "$1" $2 "$3"
  awk -v n="$1" -v w="$2" -v k="$3" -v b="$4" \
    'BEGIN { printf "| %-44s | %6.2f s | %7.1f MB/s | %6.0f MB |\n", n, w, b/1e6/w, k/1024 }'
}

for SHAPE in realistic high-cardinality; do
  FILE="$OUT/attendees-$ROWS-$SHAPE.csv"
  [ -f "$FILE" ] || python3 bench/gen_attendees.py "$FILE" "$ROWS" 6001 "$SHAPE"
  BYTES="$(stat -c %s "$FILE")"
  SQL="$OUT/summary-$SHAPE.sql"
  sed "s|@FILE@|$FILE|" bench/duckdb_summary.sql.in >"$SQL"

  echo
  echo "Shape: $SHAPE. File: $FILE ($ROWS rows, $(awk -v b="$BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB); $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "| what | wall (best of 3) | throughput | peak RSS |"
  echo "|---|---|---|---|"
  row "roomlens summary FILE --json" "$(best_of_3 "$ROOMLENS" summary "$FILE" --json)" "$BYTES"
  cp "$OUT/last.json" "$OUT/roomlens-cli.json"
  row "core streaming path (examples/summarize)" "$(best_of_3 "$CORE" "$FILE")" "$BYTES"
  cp "$OUT/last.json" "$OUT/roomlens-core.json"
  row "DuckDB $("$DUCKDB" --version | cut -d' ' -f1) command line (same summary SQL)" \
    "$(STDIN="$SQL" best_of_3 "$DUCKDB")" "$BYTES"
  cp "$OUT/last.json" "$OUT/duckdb.json"

  # All must agree on the figures, or the comparison means nothing.
  "$OUT/venv/bin/python" - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
text = open(f"{out}/duckdb.json").read()
decoder = json.JSONDecoder()
totals, at = decoder.raw_decode(text.lstrip())
users, _ = decoder.raw_decode(text.lstrip()[at:].lstrip())
duck = totals[0]
buckets = [0] * 10
for u in users:
    if u["engagement"] is not None:
        buckets[min(9, max(0, int(u["engagement"] * 10)))] += 1
cli = json.load(open(f"{out}/roomlens-cli.json"))[0]["summary"]
core = json.load(open(f"{out}/roomlens-core.json"))["summary"]
for name, s in (("cli", cli), ("core", core)):
    assert s["unique_users"] == duck["unique_users"], name
    assert s["sessions"] == duck["sessions"], name
    assert s["rows"] == duck["rows"], name
    assert abs(s["total_minutes"] - duck["total_minutes"]) < 1e-6 * duck["total_minutes"], name
    assert [b["users"] for b in s["engagement_distribution"]["buckets"]] == buckets, name
print("\nAll three agree: %d rows, %d unique users, %d sessions." % (duck["rows"], duck["unique_users"], duck["sessions"]))
PY
done
