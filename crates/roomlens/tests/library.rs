//! The library on real SQLite files in temporary folders: a report kept and read back exactly
//! (hostile text, missing figures, extra columns), a file kept once however often it is opened,
//! a cancelled import leaving nothing, removal taking the rows, `check` finding damage, and a
//! damaged or newer file refused without a byte changed. The tables agree with the schema.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a step that fails should stop it loudly"
)]

mod temp_folder;

use roomlens::cancel::CancelToken;
use roomlens::library::{file_sha256, Added, Library, SnapshotSource, SCHEMA_VERSION};
use roomlens::reports::{AttendeeRow, BreakoutRow, Report, ReportKind, RoomDataRow};
use roomlens::ErrorCode;
use temp_folder::Folder;

fn attendees(n: usize) -> Report {
    Report::Attendees {
        rows: (0..n)
            .map(|i| AttendeeRow {
                entry_id: "1_room".into(),
                cue_point_id: format!("cp{}", i % 7).into(),
                user_id: if i % 5 == 0 {
                    "".into()
                } else {
                    format!("u{i}").into()
                },
                user_name: match i {
                    0 => "<script>alert(1)</script>".into(),
                    1 => "=HYPERLINK(\"http://x\")".into(),
                    2 => "Zoë 会议室 👩‍💻 'quote\" ; DROP TABLE snapshots; --".into(),
                    _ => format!("Person {i}").into(),
                },
                user_email: format!("p{i}@example.org").into(),
                user_type: "Attendee".into(),
                meeting_view_time: if i % 3 == 0 {
                    None
                } else {
                    Some(i as f64 * 0.5)
                },
                meeting_engaged_play_time_ratio: Some((i % 100) as f64 / 100.0),
                extra: vec![format!("x{i}").into(), "".into()],
            })
            .collect(),
        extra_columns: vec!["company".into(), "notes".into()],
    }
}

fn fetched() -> SnapshotSource {
    SnapshotSource::Fetch {
        account_name: "Demo".into(),
        from_unix: 1_772_000_000,
        to_unix: 1_774_592_000,
        filters: "room ID 1_room".into(),
    }
}

fn same(a: &Report, b: &Report) {
    assert_eq!(a.kind(), b.kind());
    assert_eq!(a.len(), b.len());
    assert_eq!(a.extra_columns(), b.extra_columns());
    assert_eq!(format!("{a:?}"), format!("{b:?}"), "every cell the same");
}

#[test]
fn a_report_is_kept_and_read_back_exactly() {
    let folder = Folder::new("library", "round-trip");
    let path = folder.file("nested/library.sqlite");
    let mut library = Library::open(&path).unwrap();
    let report = attendees(25_000);
    let progress = std::cell::RefCell::new(Vec::new());
    let added = library
        .add_snapshot(
            &report,
            &fetched(),
            1_774_600_000,
            &["3 rows had no user ID".into()],
            &|done, total| progress.borrow_mut().push((done, total)),
            &CancelToken::new(),
        )
        .unwrap();
    let Added::New(id) = added else {
        panic!("{added:?}")
    };
    assert_eq!(progress.borrow().last(), Some(&(25_000, 25_000)));
    assert!(progress.borrow().len() >= 3, "progress told in batches");
    same(&library.report(id, &CancelToken::new()).unwrap(), &report);
    let listed = library.snapshots().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].kind, ReportKind::Attendees);
    assert_eq!(listed[0].row_count, 25_000);
    assert_eq!(listed[0].source, fetched());
    assert_eq!(listed[0].warnings, ["3 rows had no user ID"]);
    assert!(library.check().unwrap().is_empty());
    assert!(library.disk_bytes() > 100_000);
    drop(library);
    // Opened again, by a second Library as a second process would: all still there.
    let again = Library::open(&path).unwrap();
    same(&again.report(id, &CancelToken::new()).unwrap(), &report);

    let rooms = Report::RoomData {
        rows: vec![RoomDataRow {
            entry_id: "1_r".into(),
            entry_name: "Town hall".into(),
            session_start_time: Some(1_772_445_600),
            session_end_time: None,
            meeting_view_period_unique_users: Some(u64::from(u32::MAX) + 7),
            meeting_engaged_play_time_ratio: Some(0.25),
            ..Default::default()
        }],
        extra_columns: Vec::new(),
    };
    let breakouts = Report::Breakouts {
        rows: vec![BreakoutRow {
            parent_entry_id: "1_m".into(),
            breakout_entry_name: "Group A".into(),
            duration: Some(90.5),
            participant_count: None,
            ..Default::default()
        }],
        extra_columns: Vec::new(),
    };
    let mut again = again;
    for report in [rooms, breakouts] {
        let id = again
            .add_snapshot(
                &report,
                &fetched(),
                1_774_700_000,
                &[],
                &|_, _| {},
                &CancelToken::new(),
            )
            .unwrap()
            .id();
        same(&again.report(id, &CancelToken::new()).unwrap(), &report);
    }
    let newest = again.snapshots().unwrap();
    assert_eq!(newest.iter().map(|s| s.kind).collect::<Vec<_>>().len(), 3);
    assert_eq!(newest[2].id, id, "newest first; the first kept is last");
}

#[test]
fn a_file_opened_twice_is_kept_once() {
    let folder = Folder::new("library", "twice");
    let csv = folder.file("attendees.csv");
    std::fs::write(&csv, b"user_id,user_name\nu1,Ada\n").unwrap();
    let sha = file_sha256(&csv).unwrap();
    assert_eq!(sha.len(), 64);
    let source = SnapshotSource::File {
        file_name: "attendees.csv".into(),
        sha256: sha.clone(),
    };
    let mut library = Library::open(&folder.file("library.sqlite")).unwrap();
    let report = attendees(10);
    let first = library
        .add_snapshot(&report, &source, 1, &[], &|_, _| {}, &CancelToken::new())
        .unwrap();
    let second = library
        .add_snapshot(&report, &source, 2, &[], &|_, _| {}, &CancelToken::new())
        .unwrap();
    assert_eq!(second, Added::AlreadyKept(first.id()));
    assert_eq!(library.snapshots().unwrap().len(), 1);
    // Another file (other bytes) is another snapshot.
    std::fs::write(&csv, b"user_id,user_name\nu2,Grace\n").unwrap();
    let other = SnapshotSource::File {
        file_name: "attendees.csv".into(),
        sha256: file_sha256(&csv).unwrap(),
    };
    assert!(matches!(
        library
            .add_snapshot(&report, &other, 3, &[], &|_, _| {}, &CancelToken::new())
            .unwrap(),
        Added::New(_)
    ));
}

#[test]
fn a_cancelled_import_leaves_the_library_as_it_was_and_removal_takes_the_rows() {
    let folder = Folder::new("library", "cancel");
    let mut library = Library::open(&folder.file("library.sqlite")).unwrap();
    let kept = library
        .add_snapshot(
            &attendees(100),
            &fetched(),
            1,
            &[],
            &|_, _| {},
            &CancelToken::new(),
        )
        .unwrap()
        .id();
    let cancel = CancelToken::new();
    let error = library
        .add_snapshot(
            &attendees(50_000),
            &fetched(),
            2,
            &[],
            &|done, _| {
                if done >= 20_000 {
                    cancel.cancel();
                }
            },
            &cancel,
        )
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Cancelled);
    let listed = library.snapshots().unwrap();
    assert_eq!(listed.iter().map(|s| s.id).collect::<Vec<_>>(), [kept]);
    assert!(library.check().unwrap().is_empty());

    library.remove_snapshot(kept).unwrap();
    assert!(library.snapshots().unwrap().is_empty());
    assert_eq!(
        library.remove_snapshot(kept).unwrap_err().code,
        ErrorCode::InvalidInput
    );
    let raw = rusqlite::Connection::open(folder.file("library.sqlite")).unwrap();
    let rows: i64 = raw
        .query_row("SELECT count(*) FROM rows_attendees", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 0, "the rows went with their snapshot");
}

#[test]
fn check_finds_rows_missing_from_a_snapshot() {
    let folder = Folder::new("library", "check");
    let path = folder.file("library.sqlite");
    let mut library = Library::open(&path).unwrap();
    let id = library
        .add_snapshot(
            &attendees(30),
            &fetched(),
            1,
            &[],
            &|_, _| {},
            &CancelToken::new(),
        )
        .unwrap()
        .id();
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute(
        "DELETE FROM rows_attendees WHERE rowid IN (SELECT rowid FROM rows_attendees LIMIT 4)",
        [],
    )
    .unwrap();
    let problems = library.check().unwrap();
    assert_eq!(
        problems,
        [format!("snapshot {id} should hold 30 rows and holds 26")]
    );
}

#[test]
fn a_damaged_or_newer_library_is_refused_and_left_untouched() {
    let folder = Folder::new("library", "refused");
    let damaged = folder.file("damaged.sqlite");
    let bytes = b"This is not a database, but a person's notes.\n".repeat(200);
    std::fs::write(&damaged, &bytes).unwrap();
    let error = Library::open(&damaged).unwrap_err();
    assert_eq!(error.code, ErrorCode::LibraryDamaged, "{error:?}");
    assert!(error.message.contains("left as it is"));
    assert_eq!(std::fs::read(&damaged).unwrap(), bytes);
    assert!(!folder.file("damaged.sqlite-wal").exists());

    let newer = folder.file("newer.sqlite");
    {
        let raw = rusqlite::Connection::open(&newer).unwrap();
        raw.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(&newer).unwrap();
    let error = Library::open(&newer).unwrap_err();
    assert_eq!(error.code, ErrorCode::LibraryTooNew);
    assert_eq!(std::fs::read(&newer).unwrap(), before);
    assert!(!folder.file("newer.sqlite-wal").exists());
}

#[test]
fn the_tables_hold_every_column_the_schema_declares() {
    let folder = Folder::new("library", "columns");
    let path = folder.file("library.sqlite");
    drop(Library::open(&path).unwrap());
    let raw = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = raw
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    let mode: String = raw
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    for (kind, table) in [
        (ReportKind::RoomData, "rows_room_data"),
        (ReportKind::Attendees, "rows_attendees"),
        (ReportKind::Breakouts, "rows_breakouts"),
    ] {
        let mut info = raw.prepare(&format!("PRAGMA table_info({table})")).unwrap();
        let columns: Vec<String> = info
            .query_map([], |r| r.get::<_, String>(1))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut expected = vec!["snapshot_id".to_owned()];
        expected.extend(kind.columns().iter().map(|c| c.raw.to_owned()));
        expected.push("extra".to_owned());
        assert_eq!(
            columns, expected,
            "{table}: a schema change needs a migration"
        );
    }
}
