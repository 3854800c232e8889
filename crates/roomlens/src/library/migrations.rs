//! The library's schema, version by version: each migration runs once (the missing ones together,
//! in one transaction), and SQLite's `user_version` records how far a file has come. A file newer than this Roomlens
//! knows is refused without being touched. It holds the DDL only; reading and writing rows is
//! `row_tables`' and `snapshots`' job.

use super::sql_error;
use crate::error::{Error, ErrorCode};
use rusqlite::{Connection, TransactionBehavior};

/// Version 1: snapshots and one typed table of rows per report (columns as `reports::tables`
/// names them; a test checks they agree).
const V1: &str = "
CREATE TABLE snapshots (
    id INTEGER PRIMARY KEY,
    report_kind TEXT NOT NULL CHECK (report_kind IN ('room_data', 'attendees', 'breakouts')),
    source TEXT NOT NULL CHECK (source IN ('fetch', 'file')),
    account_name TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '',
    file_sha256 TEXT,
    range_from INTEGER,
    range_to INTEGER,
    filters TEXT NOT NULL DEFAULT '',
    fetched_at INTEGER NOT NULL,
    row_count INTEGER NOT NULL,
    extra_columns TEXT NOT NULL DEFAULT '[]',
    warnings TEXT NOT NULL DEFAULT '[]'
);
CREATE UNIQUE INDEX snapshots_one_per_file ON snapshots (report_kind, file_sha256)
    WHERE file_sha256 IS NOT NULL;
CREATE INDEX snapshots_newest ON snapshots (fetched_at DESC);

CREATE TABLE rows_room_data (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL,
    entry_name TEXT NOT NULL,
    parent_entry_id TEXT NOT NULL,
    cue_point_id TEXT NOT NULL,
    session_start_time INTEGER,
    session_end_time INTEGER,
    session_host_user_id TEXT NOT NULL,
    meeting_view_period_unique_users INTEGER,
    meeting_engaged_play_time_ratio REAL,
    extra TEXT
);
CREATE INDEX rows_room_data_snapshot ON rows_room_data (snapshot_id);
CREATE INDEX rows_room_data_session ON rows_room_data (entry_id, cue_point_id);

CREATE TABLE rows_attendees (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    entry_id TEXT NOT NULL,
    cue_point_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    user_name TEXT NOT NULL,
    user_email TEXT NOT NULL,
    user_type TEXT NOT NULL,
    meeting_view_time REAL,
    meeting_engaged_play_time_ratio REAL,
    extra TEXT
);
CREATE INDEX rows_attendees_snapshot ON rows_attendees (snapshot_id);
CREATE INDEX rows_attendees_person ON rows_attendees (user_id, user_email);
CREATE INDEX rows_attendees_session ON rows_attendees (entry_id, cue_point_id);

CREATE TABLE rows_breakouts (
    snapshot_id INTEGER NOT NULL REFERENCES snapshots (id) ON DELETE CASCADE,
    parent_entry_id TEXT NOT NULL,
    parent_entry_name TEXT NOT NULL,
    breakout_entry_id TEXT NOT NULL,
    breakout_entry_name TEXT NOT NULL,
    cue_point_id TEXT NOT NULL,
    session_initiator TEXT NOT NULL,
    session_start_time INTEGER,
    session_end_time INTEGER,
    duration REAL,
    participant_count INTEGER,
    engagement_rate REAL,
    extra TEXT
);
CREATE INDEX rows_breakouts_snapshot ON rows_breakouts (snapshot_id);
CREATE INDEX rows_breakouts_session ON rows_breakouts (breakout_entry_id, cue_point_id);
";

/// Version 2: session dashboards, each kept whole as JSON (`kept_dashboards`' shape, its version
/// in `format`) with the columns the list shows and finds it by.
const V2: &str = "
CREATE TABLE dashboards (
    id INTEGER PRIMARY KEY,
    account_name TEXT NOT NULL DEFAULT '',
    room_id TEXT NOT NULL,
    room_name TEXT NOT NULL DEFAULT '',
    session_id TEXT NOT NULL,
    session_start INTEGER,
    session_end INTEGER,
    fetched_at INTEGER NOT NULL,
    format INTEGER NOT NULL,
    dashboard TEXT NOT NULL
);
CREATE INDEX dashboards_session ON dashboards (room_id, session_id);
CREATE INDEX dashboards_newest ON dashboards (fetched_at DESC);
";

/// Version 3: no index on the attendees' (user ID, e-mail). No query reads it (the rollups read
/// each snapshot's rows by rowid; every other query goes by snapshot), yet it was about a quarter
/// of the file and of the time a big import takes. In a library written before, the pages it
/// took are reused by later imports.
const V3: &str = "
DROP INDEX IF EXISTS rows_attendees_person;
";

/// Every migration, in order: version `i + 1` is `MIGRATIONS[i]`.
const MIGRATIONS: &[&str] = &[V1, V2, V3];

/// The DDL that brings a file from `version - 1` to `version`, for tests that build an older
/// library as an older Roomlens wrote it. Not for anything else.
#[doc(hidden)]
pub fn migration_sql(version: i64) -> Option<&'static str> {
    usize::try_from(version)
        .ok()
        .and_then(|v| v.checked_sub(1))
        .and_then(|i| MIGRATIONS.get(i))
        .copied()
}

/// The version this Roomlens writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The file's version (0 for a new, empty file).
pub(crate) fn version_of(conn: &Connection) -> Result<i64, Error> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(|e| sql_error(&e))
}

/// The refusal of a file written by a newer Roomlens (schema version `found`).
pub(crate) fn too_new(found: i64) -> Error {
    Error::new(
        ErrorCode::LibraryTooNew,
        "This library was written by a newer Roomlens. It has been left as it is: update Roomlens to open it, or start a new library.",
    )
    .with_detail(format!(
        "schema version {found}, this Roomlens knows up to {SCHEMA_VERSION}"
    ))
}

/// Brings the file up to `SCHEMA_VERSION`, the missing migrations in one transaction (none or all
/// applied). A file from a newer Roomlens is left exactly as it is.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), Error> {
    let found = version_of(conn)?;
    if found > SCHEMA_VERSION {
        return Err(too_new(found));
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    // The write lock first, then the version again: another Roomlens opening the same new file
    // at the same moment migrates it once, and this one then finds it done.
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| sql_error(&e))?;
    let found = version_of(&tx)?;
    if found > SCHEMA_VERSION {
        return Err(too_new(found));
    }
    for (done, ddl) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        tx.execute_batch(ddl).map_err(|e| sql_error(&e))?;
        tx.pragma_update(None, "user_version", done as i64 + 1)
            .map_err(|e| sql_error(&e))?;
    }
    tx.commit().map_err(|e| sql_error(&e))?;
    Ok(())
}
