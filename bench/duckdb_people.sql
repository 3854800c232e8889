-- The People rollup of `roomlens people --json` for DuckDB's own command line, over the file
-- bench/duckdb_library_import.sql.in made (`duckdb -readonly FILE.duckdb < this file`): per
-- person (user ID, else `email:` and the trimmed lower-case address, else `name:` and the
-- trimmed name), distinct sessions and rooms, minutes, engagement weighted by minutes (a plain
-- mean when no row has minutes), and the first and last session start from Room data. The data
-- holds each attendance once, so the newest-copy-wins step of the library is left out here.
-- For benchmarks only.
.mode json
WITH a AS (
    SELECT entry_id, cue_point_id, meeting_view_time AS minutes,
           meeting_engaged_play_time_ratio AS ratio,
           CASE WHEN user_id <> '' THEN user_id
                WHEN trim(user_email) <> '' THEN 'email:' || lower(trim(user_email))
                WHEN trim(user_name) <> '' THEN 'name:' || trim(user_name)
                ELSE '' END AS person
    FROM attendees)
SELECT person,
       count(DISTINCT (a.entry_id, a.cue_point_id)) AS sessions,
       count(DISTINCT a.entry_id) AS rooms,
       coalesce(sum(minutes), 0) AS minutes,
       100 * coalesce(sum(ratio * minutes) FILTER (WHERE minutes > 0 AND ratio IS NOT NULL)
                        / sum(minutes) FILTER (WHERE minutes > 0 AND ratio IS NOT NULL),
                      avg(ratio)) AS engagement_pct,
       min(s.session_start_time) AS first_seen,
       max(s.session_start_time) AS last_seen
FROM a LEFT JOIN room_data s USING (entry_id, cue_point_id)
WHERE person <> ''
GROUP BY person
ORDER BY minutes DESC, person;
