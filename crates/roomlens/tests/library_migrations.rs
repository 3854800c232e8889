//! The library's migrations on real SQLite files: a version-1 library (no kept dashboards) and a
//! version-2 one (an index on the attendees' user ID and e-mail) as earlier Roomlens wrote them
//! come to the current version with every row as it was, an empty file goes straight to it, and a
//! file from a newer Roomlens is refused without a byte changed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a step that fails should stop it loudly"
)]

mod temp_folder;

use roomlens::analytics::rollups::RollupScope;
use roomlens::cancel::CancelToken;
use roomlens::library::{migration_sql, Library, SCHEMA_VERSION};
use roomlens::reports::Report;
use roomlens::ErrorCode;
use std::path::Path;
use temp_folder::Folder;

/// Attendee rows in the version-2 file: enough for its person index to span many pages.
const ROWS: i64 = 3_000;

fn user_version(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

/// The names of the indexes SQLite was asked to make on `table`, sorted.
fn indexes(path: &Path, table: &str) -> Vec<String> {
    let raw = rusqlite::Connection::open(path).unwrap();
    let mut select = raw
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 \
             AND sql IS NOT NULL ORDER BY name",
        )
        .unwrap();
    select
        .query_map([table], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Every stored row of the three row tables and the snapshots, as text, in rowid order.
fn dump(path: &Path) -> Vec<String> {
    let raw = rusqlite::Connection::open(path).unwrap();
    let mut rows = Vec::new();
    for table in [
        "snapshots",
        "rows_attendees",
        "rows_room_data",
        "rows_breakouts",
    ] {
        let mut select = raw
            .prepare(&format!("SELECT rowid, * FROM {table} ORDER BY rowid"))
            .unwrap();
        let columns = select.column_count();
        let mut found = select.query([]).unwrap();
        while let Some(row) = found.next().unwrap() {
            let cells: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            rows.push(format!("{table}: {}", cells.join(" | ")));
        }
    }
    rows
}

/// A library as the Roomlens of schema version 2 wrote it: its DDL (the person index included),
/// a fetched Attendees snapshot of `ROWS` rows and the Room data dating their sessions.
fn version_2_library(path: &Path) {
    let raw = rusqlite::Connection::open(path).unwrap();
    raw.execute_batch(migration_sql(1).unwrap()).unwrap();
    raw.execute_batch(migration_sql(2).unwrap()).unwrap();
    raw.execute_batch(&format!(
        "PRAGMA user_version = 2;
         INSERT INTO snapshots (id, report_kind, source, account_name, range_from, range_to,
             filters, fetched_at, row_count)
             VALUES (1, 'attendees', 'fetch', 'Demo', 1772000000, 1774592000, '', 1773000000, {ROWS}),
                    (2, 'room_data', 'fetch', 'Demo', 1772000000, 1774592000, '', 1773000001, 7);
         WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {ROWS})
         INSERT INTO rows_attendees (snapshot_id, entry_id, cue_point_id, user_id, user_name,
             user_email, user_type, meeting_view_time, meeting_engaged_play_time_ratio, extra)
             SELECT 1, '1_room', 'cp' || (i % 7),
                    CASE WHEN i % 5 = 0 THEN '' ELSE 'u' || (i % 400) END,
                    'Person ' || (i % 400), 'p' || (i % 400) || '@example.org',
                    CASE WHEN i % 50 = 0 THEN 'Host' ELSE 'Attendee' END,
                    CASE WHEN i % 3 = 0 THEN NULL ELSE i * 0.5 END, (i % 100) / 100.0,
                    CASE WHEN i % 9 = 0 THEN '[\"x\"]' ELSE NULL END
             FROM n;
         WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 7)
         INSERT INTO rows_room_data (snapshot_id, entry_id, entry_name, parent_entry_id,
             cue_point_id, session_start_time, session_end_time, session_host_user_id,
             meeting_view_period_unique_users, meeting_engaged_play_time_ratio, extra)
             SELECT 2, '1_room', 'Town hall', '', 'cp' || i, 1772445600 + i * 604800,
                    1772449200 + i * 604800, 'host', 40 + i, 0.5, NULL
             FROM n;"
    ))
    .unwrap();
    assert_eq!(
        indexes(path, "rows_attendees"),
        [
            "rows_attendees_person",
            "rows_attendees_session",
            "rows_attendees_snapshot"
        ]
    );
}

#[test]
fn a_version_2_library_migrates_to_3_with_every_row_as_it_was() {
    assert_eq!(SCHEMA_VERSION, 3);
    let folder = Folder::new("library-migrations", "v2");
    let path = folder.file("library.sqlite");
    version_2_library(&path);
    let before = dump(&path);
    assert_eq!(before.len(), 2 + ROWS as usize + 7);
    assert_eq!(user_version(&path), 2);

    let library = Library::open(&path).unwrap();
    assert_eq!(user_version(&path), 3);
    assert_eq!(
        indexes(&path, "rows_attendees"),
        ["rows_attendees_session", "rows_attendees_snapshot"],
        "the person index alone is gone"
    );
    assert_eq!(
        indexes(&path, "rows_room_data"),
        ["rows_room_data_session", "rows_room_data_snapshot"]
    );
    assert_eq!(dump(&path), before, "every row as it was");
    assert!(library.check().unwrap().is_empty(), "{:?}", library.check());
    let snapshots = library.snapshots().unwrap();
    assert_eq!(snapshots.len(), 2);
    let cancel = CancelToken::new();
    let Report::Attendees { rows, .. } = library.report(1, &cancel).unwrap() else {
        panic!("an Attendees report");
    };
    assert_eq!(rows.len(), ROWS as usize);
    assert_eq!(&*rows[1].user_id, "u1");
    assert_eq!(rows[1].meeting_view_time, Some(0.5));
    assert_eq!(rows[3].meeting_view_time, None);
    // The rollups read the migrated rows: rows 2,800 on repeat rows 0 on as (session, person);
    // 320 people have a user ID, 80 are known by their e-mail.
    let kept = library.kept_attendances(&cancel).unwrap();
    assert_eq!(kept.len(), 2_800, "each (session, person) once");
    let people = library.people(&RollupScope::default(), &cancel).unwrap();
    assert_eq!(people.people.len(), 400);
    assert_eq!(
        people
            .people
            .iter()
            .filter(|p| p.person.starts_with("email:"))
            .count(),
        80
    );
    assert!(people.people.iter().all(|p| p.first_seen.is_some()));
    assert_eq!(
        people.people.iter().map(|p| p.sessions).sum::<u64>(),
        kept.len() as u64
    );
    drop(library);
    // Opened again: nothing more to do.
    drop(Library::open(&path).unwrap());
    assert_eq!(user_version(&path), 3);
    assert_eq!(dump(&path), before);
}

#[test]
fn an_empty_file_migrates_straight_to_the_current_version() {
    let folder = Folder::new("library-migrations", "empty");
    let path = folder.file("library.sqlite");
    std::fs::write(&path, b"").unwrap();
    let library = Library::open(&path).unwrap();
    assert_eq!(SCHEMA_VERSION, 3);
    assert_eq!(user_version(&path), SCHEMA_VERSION);
    assert_eq!(
        indexes(&path, "rows_attendees"),
        ["rows_attendees_session", "rows_attendees_snapshot"]
    );
    assert!(library.snapshots().unwrap().is_empty());
    assert!(library.dashboards().unwrap().is_empty());
    assert!(library.check().unwrap().is_empty());
    assert!(migration_sql(0).is_none() && migration_sql(3).is_some() && migration_sql(4).is_none());
}

#[test]
fn a_version_1_library_migrates_to_the_current_version_with_its_snapshot() {
    assert_eq!(SCHEMA_VERSION, 3);
    let folder = Folder::new("library-migrations", "v1");
    let path = folder.file("library.sqlite");
    {
        // As the Roomlens of schema version 1 wrote it: its DDL, a fetched Attendees snapshot.
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.execute_batch(migration_sql(1).unwrap()).unwrap();
        raw.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO snapshots (id, report_kind, source, account_name, range_from, range_to,
                 filters, fetched_at, row_count)
                 VALUES (1, 'attendees', 'fetch', 'Demo', 1772000000, 1774592000, '', 1773000000, 2);
             INSERT INTO rows_attendees (snapshot_id, entry_id, cue_point_id, user_id, user_name,
                 user_email, user_type, meeting_view_time, meeting_engaged_play_time_ratio, extra)
                 VALUES (1, '1_room', 'cp1', 'ana', 'Ana', 'ana@example.org', 'Attendee', 30.5, 0.75, NULL),
                        (1, '1_room', 'cp1', 'bo', 'Bo', 'bo@example.org', 'Attendee', NULL, 0.5, NULL);",
        )
        .unwrap();
        let tables: i64 = raw
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'dashboards'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 0, "version 1 has no dashboards");
    }
    assert_eq!(user_version(&path), 1);
    let library = Library::open(&path).unwrap();
    assert_eq!(user_version(&path), SCHEMA_VERSION);
    let snapshots = library.snapshots().unwrap();
    assert_eq!(snapshots.len(), 1);
    assert_eq!(snapshots[0].row_count, 2);
    assert_eq!(snapshots[0].saved_at, 1_773_000_000);
    let Report::Attendees { rows, .. } = library.report(1, &CancelToken::new()).unwrap() else {
        panic!("an Attendees report");
    };
    assert_eq!(rows.len(), 2);
    assert_eq!(&*rows[0].user_name, "Ana");
    assert_eq!(rows[0].meeting_view_time, Some(30.5));
    assert_eq!(rows[1].meeting_view_time, None);
    assert!(library.check().unwrap().is_empty());
    assert!(library.dashboards().unwrap().is_empty());
    drop(library);
    // Opened again: nothing more to do.
    drop(Library::open(&path).unwrap());
    assert_eq!(user_version(&path), SCHEMA_VERSION);
}

#[test]
fn a_library_from_a_newer_roomlens_is_refused_without_a_byte_changed() {
    let folder = Folder::new("library-migrations", "newer");
    let path = folder.file("library.sqlite");
    // The version-2 file, marked as written by a Roomlens that knows one version more than this.
    version_2_library(&path);
    {
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.execute_batch(&format!("PRAGMA user_version = {};", SCHEMA_VERSION + 1))
            .unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let error = Library::open(&path).unwrap_err();
    assert_eq!(error.code, ErrorCode::LibraryTooNew, "{error:?}");
    assert!(error.message.contains("left as it is"), "{}", error.message);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "not a byte changed");
    assert!(!folder.file("library.sqlite-wal").exists());
    assert_eq!(
        indexes(&path, "rows_attendees").len(),
        3,
        "its person index untouched"
    );
}
