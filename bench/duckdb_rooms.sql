-- The Rooms rollup of `roomlens rooms --json` (per main room and week from Monday, UTC) for
-- DuckDB's own command line, over the file bench/duckdb_library_import.sql.in made
-- (`duckdb -readonly FILE.duckdb < this file`): sessions with a start, hours, engagement weighted
-- by each session's unique users (a plain mean when none has users), and the distinct people who
-- attended the room's sessions that week. For benchmarks only.
.mode json
WITH s AS (
    SELECT entry_id, entry_name, cue_point_id, session_start_time, session_end_time,
           meeting_view_period_unique_users AS users, meeting_engaged_play_time_ratio AS ratio,
           CAST(date_trunc('week', epoch_ms(session_start_time * 1000)) AS DATE) AS week
    FROM room_data
    WHERE coalesce(trim(parent_entry_id), '') = '' AND session_start_time IS NOT NULL),
per_week AS (
    SELECT entry_id, week, count(*) AS sessions,
           sum(CASE WHEN session_end_time >= session_start_time
                    THEN session_end_time - session_start_time ELSE 0 END) / 3600.0 AS hours,
           100 * coalesce(sum(ratio * users) FILTER (WHERE users > 0 AND ratio IS NOT NULL)
                            / sum(users) FILTER (WHERE users > 0 AND ratio IS NOT NULL),
                          avg(ratio)) AS engagement_pct
    FROM s GROUP BY entry_id, week),
people AS (
    SELECT s.entry_id, s.week,
           count(DISTINCT CASE WHEN a.user_id <> '' THEN a.user_id
                               WHEN trim(a.user_email) <> '' THEN 'email:' || lower(trim(a.user_email))
                               WHEN trim(a.user_name) <> '' THEN 'name:' || trim(a.user_name)
                          END) AS unique_attendees
    FROM attendees a JOIN s USING (entry_id, cue_point_id)
    GROUP BY s.entry_id, s.week)
SELECT entry_id AS room_id, CAST(week AS VARCHAR) AS period, sessions,
       coalesce(unique_attendees, 0) AS unique_attendees, hours, engagement_pct
FROM per_week LEFT JOIN people USING (entry_id, week)
ORDER BY room_id, period;
