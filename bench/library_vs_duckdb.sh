#!/usr/bin/env bash
# Benchmark (not a test): the library over 1,000,000 attendee rows, beside DuckDB's own command
# line (duckdb-cli from PyPI) on the same files in the same run. Roomlens: `roomlens library add`
# of the Attendees CSV into a new library, then of the matching Room data CSV; the library file's
# size; `roomlens people --json` and `roomlens rooms --json` as whole processes; and, in one
# process (crates/roomlens/examples/library_bench.rs), reading the kept rows apart from the
# rollups over rows already read. DuckDB: the same two CSVs into a DuckDB file
# (bench/duckdb_library_import.sql.in), its size, and the same People and Rooms queries
# (bench/duckdb_people.sql, bench/duckdb_rooms.sql). Wall time and peak RSS from GNU time, best of
# 3 each (every import into a new file); weeks in UTC for both. Then every person's and every
# room-week's figures are checked to agree. Each command is stopped after 10 minutes. Writes
# nothing outside bench/out (SQLite's and DuckDB's temporary files included) except what it prints.
#
# usage: bench/library_vs_duckdb.sh [ROWS]      (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
OUT=bench/out
mkdir -p "$OUT"
export TZ=UTC SQLITE_TMPDIR="$PWD/$OUT" TMPDIR="$PWD/$OUT"

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
cargo build --release -q -p roomlens --example library_bench
ROOMLENS=target/release/roomlens
IN_PROCESS=target/release/examples/library_bench

ATTENDEES="$OUT/attendees-$ROWS-realistic.csv"
ROOM_DATA="$OUT/room-data-$ROWS-realistic.csv"
[ -f "$ATTENDEES" ] || python3 bench/gen_attendees.py "$ATTENDEES" "$ROWS" 6001 realistic
[ -f "$ROOM_DATA" ] || python3 bench/gen_room_data.py "$ATTENDEES" "$ROOM_DATA"
LIBRARY="$OUT/library-$ROWS.sqlite"
DUCK="$OUT/library-$ROWS.duckdb"
IMPORT_SQL="$OUT/library-import.sql"
sed -e "s|@ATTENDEES@|$ATTENDEES|" -e "s|@ROOM_DATA@|$ROOM_DATA|" \
  bench/duckdb_library_import.sql.in >"$IMPORT_SQL"

new_library() { rm -f "$LIBRARY" "$LIBRARY-wal" "$LIBRARY-shm"; }
library_with_attendees() { new_library; "$ROOMLENS" library add "$ATTENDEES" --library "$LIBRARY" >/dev/null; }
new_duck() { rm -rf "$DUCK" "$DUCK.wal" "$DUCK.tmp"; }
nothing() { :; }

# Runs SETUP (untimed), then "$@" (standard input from $STDIN when set), three times; prints
# "<best wall s> <peak RSS KB of that run>". Standard output goes to $OUT/last.out.
best_of_3() {
  local setup="$1" best="" rss="" log
  shift
  log="$(mktemp)"
  for _ in 1 2 3; do
    "$setup"
    timeout 600 /usr/bin/time -v "$@" <"${STDIN:-/dev/null}" >"$OUT/last.out" 2>"$log"
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

row() { # what, "wall rss"
  set -- "$1" $2
  awk -v n="$1" -v w="$2" -v k="$3" 'BEGIN { printf "| %-52s | %7.2f s | %6.0f MB |\n", n, w, k/1024 }'
}

size_mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b/1e6 }'; }

DUCK_VERSION="$("$DUCKDB" --version | cut -d' ' -f1)"
echo
echo "Files: $ATTENDEES ($(size_mb "$ATTENDEES") MB, $ROWS rows), $ROOM_DATA ($(size_mb "$ROOM_DATA") MB); $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| what | wall (best of 3) | peak RSS |"
echo "|---|---|---|"
row "Roomlens: library add (attendees, new library)" "$(best_of_3 new_library "$ROOMLENS" library add "$ATTENDEES" --library "$LIBRARY")"
row "Roomlens: library add (room data, after attendees)" "$(best_of_3 library_with_attendees "$ROOMLENS" library add "$ROOM_DATA" --library "$LIBRARY")"
row "DuckDB $DUCK_VERSION: both CSVs into a new DuckDB file" "$(STDIN="$IMPORT_SQL" best_of_3 new_duck "$DUCKDB" "$DUCK")"
row "Roomlens: roomlens people --json" "$(best_of_3 nothing "$ROOMLENS" people --json --library "$LIBRARY")"
cp "$OUT/last.out" "$OUT/roomlens-people.json"
row "DuckDB: same People query" "$(STDIN=bench/duckdb_people.sql best_of_3 nothing "$DUCKDB" -readonly "$DUCK")"
cp "$OUT/last.out" "$OUT/duckdb-people.json"
row "Roomlens: roomlens rooms --json (per week)" "$(best_of_3 nothing "$ROOMLENS" rooms --json --library "$LIBRARY")"
cp "$OUT/last.out" "$OUT/roomlens-rooms.json"
row "DuckDB: same Rooms query" "$(STDIN=bench/duckdb_rooms.sql best_of_3 nothing "$DUCKDB" -readonly "$DUCK")"
cp "$OUT/last.out" "$OUT/duckdb-rooms.json"
echo
echo "File sizes: Roomlens library $(size_mb "$LIBRARY") MB ($(awk -v b="$(stat -c %s "$LIBRARY")" -v r="$ROWS" 'BEGIN { printf "%.0f", b/1e6/r*1e6 }') MB per million attendee rows, with the Room data); DuckDB file $(size_mb "$DUCK") MB."
echo
echo "Roomlens in one process ($IN_PROCESS, best of 3):"
timeout 600 "$IN_PROCESS" "$LIBRARY" 3 >"$OUT/roomlens-in-process.json"
"$OUT/venv/bin/python" - "$OUT/roomlens-in-process.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print()
print("| step | time |")
print("|---|---|")
for key, what in (("kept_sessions_ms", "read the kept sessions (Library::kept_sessions)"),
                  ("kept_attendances_ms", "read the kept attendances (Library::kept_attendances)"),
                  ("people_over_rows_ms", "People over the rows read (analytics::rollups::people)"),
                  ("rooms_over_rows_ms", "Rooms per week over the rows read (room_trends)"),
                  ("library_people_ms", "Library::people (read + rollup)"),
                  ("library_rooms_ms", "Library::room_trends (read + rollup)")):
    print("| %-54s | %6.0f ms |" % (what, r[key]))
print()
print("%d people, %d room-weeks; peak RSS %d MiB with the rows in memory." % (r["people"], r["room_weeks"], r["peak_mib_with_rows"]))
PY
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

# Both must agree on every figure, or the comparison means nothing.
"$OUT/venv/bin/python" - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
def close(a, b, what):
    if a is None or b is None:
        assert a is None and b is None, what
    else:
        assert abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b)), (what, a, b)
def person_key(p):
    """analytics::key_of: user ID, else e-mail, else name (`roomlens people --json` has all three)."""
    if p["user_id"]:
        return p["user_id"]
    if p["email"].strip():
        return "email:" + p["email"].strip().lower()
    return "name:" + p["name"].strip()
ours = {person_key(p): p for p in json.load(open(f"{out}/roomlens-people.json"))}
duck = {p["person"]: p for p in json.load(open(f"{out}/duckdb-people.json"))}
assert ours.keys() == duck.keys(), "the same people"
for key, p in ours.items():
    d = duck[key]
    for field in ("sessions", "rooms", "first_seen", "last_seen"):
        assert p[field] == d[field], (key, field, p[field], d[field])
    close(p["minutes"], d["minutes"], (key, "minutes"))
    close(p["engagement_pct"], d["engagement_pct"], (key, "engagement"))
ours_rooms = {(r["room_id"], r["period"]): r for r in json.load(open(f"{out}/roomlens-rooms.json"))}
duck_rooms = {(r["room_id"], r["period"]): r for r in json.load(open(f"{out}/duckdb-rooms.json"))}
assert ours_rooms.keys() == duck_rooms.keys(), "the same room-weeks"
for key, r in ours_rooms.items():
    d = duck_rooms[key]
    for field in ("sessions", "unique_attendees"):
        assert r[field] == d[field], (key, field, r[field], d[field])
    close(r["hours"], d["hours"], (key, "hours"))
    close(r["engagement_pct"], d["engagement_pct"], (key, "engagement"))
print("\nBoth agree on every figure: %d people (%d sessions attended, %.0f minutes), %d room-weeks (%d sessions, %d attendees, %.1f hours)." % (
    len(ours), sum(p["sessions"] for p in ours.values()), sum(p["minutes"] for p in ours.values()),
    len(ours_rooms), sum(r["sessions"] for r in ours_rooms.values()),
    sum(r["unique_attendees"] for r in ours_rooms.values()), sum(r["hours"] for r in ours_rooms.values())))
PY
