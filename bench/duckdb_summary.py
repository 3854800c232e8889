#!/usr/bin/env python3
"""The attendees summary Roomlens computes, as DuckDB SQL over the same CSV: totals, unique users
(user ID, else e-mail, else name), per-user sessions/minutes/engagement weighted by minutes, and
the 10-bucket engagement distribution. Prints JSON like `roomlens summary --json` and the time
spent inside DuckDB on stderr. For benchmarks only.

usage: duckdb_summary.py FILE
"""
import json
import sys
import time

started = time.perf_counter()
import duckdb  # noqa: E402  (import time is part of what is measured)

FILE = sys.argv[1]
con = duckdb.connect()
query_started = time.perf_counter()
con.execute(f"""
CREATE TEMP TABLE a AS
SELECT *,
       CASE WHEN user_id <> '' THEN user_id
            WHEN trim(user_email) <> '' THEN 'email:' || lower(trim(user_email))
            WHEN trim(user_name) <> '' THEN 'name:' || trim(user_name)
            ELSE '' END AS ukey
FROM read_csv('{FILE}', header = true, delim = ',', quote = '', escape = '',
              columns = {{'entry_id': 'VARCHAR', 'cue_point_id': 'VARCHAR', 'user_id': 'VARCHAR',
                         'user_name': 'VARCHAR', 'user_email': 'VARCHAR', 'user_type': 'VARCHAR',
                         'meeting_view_time': 'DOUBLE', 'meeting_engaged_play_time_ratio': 'DOUBLE'}})
""")
totals = con.execute("""
SELECT count(*), count(DISTINCT ukey), count(DISTINCT (entry_id, cue_point_id)),
       count(DISTINCT entry_id) FILTER (WHERE entry_id <> ''),
       coalesce(sum(meeting_view_time), 0),
       sum(meeting_engaged_play_time_ratio * meeting_view_time) FILTER (WHERE meeting_view_time > 0)
         / sum(meeting_view_time) FILTER (WHERE meeting_view_time > 0 AND meeting_engaged_play_time_ratio IS NOT NULL)
FROM a
""").fetchone()
users = con.execute("""
SELECT ukey, first(user_id) FILTER (WHERE user_id <> ''), first(user_name) FILTER (WHERE user_name <> ''),
       first(user_email) FILTER (WHERE user_email <> ''), first(user_type) FILTER (WHERE user_type <> ''),
       count(DISTINCT (entry_id, cue_point_id)) AS sessions,
       coalesce(sum(meeting_view_time), 0) AS minutes,
       coalesce(sum(meeting_engaged_play_time_ratio * meeting_view_time) FILTER (WHERE meeting_view_time > 0)
                  / sum(meeting_view_time) FILTER (WHERE meeting_view_time > 0 AND meeting_engaged_play_time_ratio IS NOT NULL),
                avg(meeting_engaged_play_time_ratio)) AS engagement
FROM a GROUP BY ukey ORDER BY minutes DESC, ukey
""").fetchall()
query_seconds = time.perf_counter() - query_started
buckets = [0] * 10
unknown = 0
for u in users:
    if u[7] is None:
        unknown += 1
    else:
        buckets[min(9, max(0, int(u[7] * 10)))] += 1
summary = {
    "rows": totals[0], "unique_users": totals[1], "sessions": totals[2], "rooms": totals[3],
    "total_minutes": totals[4], "average_engagement": totals[5],
    "engagement_distribution": {"buckets": buckets, "unknown": unknown},
    "users": [{"key": u[0], "user_id": u[1] or "", "name": u[2] or "", "email": u[3] or "", "role": u[4] or "",
               "sessions_attended": u[5], "total_minutes": u[6], "average_engagement": u[7]} for u in users],
}
json.dump(summary, sys.stdout)
print()
print(f"duckdb_query_seconds={query_seconds:.3f} total_seconds={time.perf_counter() - started:.3f}", file=sys.stderr)
