//! Keeping report files in the library as the streaming import does it (`add_report_file`), on
//! real files: the snapshot holds exactly what `read_report_file` reads from the same file (rows,
//! hostile text, extra columns, unreadable numbers, rejected rows, capped warnings, other
//! encodings) with the file's SHA-256, across several batches; progress reaches the end; a file
//! kept before is only read; a cancelled import and a file that is not a report leave nothing.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a step that fails should stop it loudly"
)]

mod temp_folder;

use roomlens::cancel::CancelToken;
use roomlens::library::{file_sha256, Added, Library, SnapshotSource};
use roomlens::reports::{read_report_file, Report, ReportKind};
use roomlens::ErrorCode;
use std::cell::RefCell;
use std::fmt::Write as _;
use std::path::Path;
use temp_folder::Folder;

fn same(a: &Report, b: &Report) {
    assert_eq!(a.kind(), b.kind());
    assert_eq!(a.len(), b.len());
    assert_eq!(a.extra_columns(), b.extra_columns());
    assert_eq!(format!("{a:?}"), format!("{b:?}"), "every cell the same");
}

/// An attendees file of `rows` data rows in an admin's shape: quoted header in its own order,
/// two extra columns, hostile and multilingual text (quotes, commas, a line break, formulas,
/// markup, SQL, emoji), a number every 20th row that cannot be read (over a thousand warnings,
/// so the cap shows), rows with no identity, a short row, a repeated header and blank lines.
fn hostile_attendees(rows: usize) -> Vec<u8> {
    let mut csv = String::from(
        "\u{feff}\"user_name\",\"user_id\",user_email,entry_id,cue_point_id,user_type,\
         meeting_view_time,meeting_engaged_play_time_ratio,company,notes\r\n",
    );
    for i in 0..rows {
        let name = match i % 9 {
            0 => "\"Smith, Jr.\"".to_owned(),
            1 => "\"<script>alert(\"\"x\"\")</script>\"".to_owned(),
            2 => "=HYPERLINK(\"\"http://x\"\")".replace("\"\"", "'"),
            3 => "\"Zoë 会议室 👩‍💻 ; DROP TABLE snapshots; --\"".to_owned(),
            4 => "\"two\nlines\"".to_owned(),
            5 => String::new(),
            _ => format!("Person {}", i % 4000),
        };
        let user_id = if i % 7 == 0 {
            String::new()
        } else {
            format!("u{}", i % 4000)
        };
        let email = if i % 11 == 0 {
            String::new()
        } else {
            format!("P{}@Example.org ", i % 4000)
        };
        let minutes = if i % 20 == 0 {
            "n/a".to_owned()
        } else {
            format!("{}.{}", i % 90, i % 10)
        };
        let company = if i % 3 == 0 { "\"ACME, Inc.\"" } else { "" };
        writeln!(
            csv,
            "{name},{user_id},{email},1_room{},1_cp{},{},{minutes},0.{},{company},n{i}\r",
            i % 13,
            i % 101,
            ["Attendee", " Host ", "Co-host", ""][i % 4],
            i % 100
        )
        .unwrap();
        match i {
            100 => csv.push_str(",,,,,,,,,\r\n"),
            200 => csv.push_str("Ada,u1,ada@example.org\r\n"),
            300 => csv.push_str(
                "\"user_name\",\"user_id\",user_email,entry_id,cue_point_id,user_type,\
                 meeting_view_time,meeting_engaged_play_time_ratio,company,notes\r\n",
            ),
            400 => csv.push_str("\r\n\r\n"),
            _ => {}
        }
    }
    csv.into_bytes()
}

/// Adds `path`, recording every progress call.
fn add(
    library: &mut Library,
    path: &Path,
    at: i64,
) -> (roomlens::library::FileKept, Vec<(usize, usize)>) {
    let calls = RefCell::new(Vec::new());
    let kept = library
        .add_report_file(
            path,
            at,
            &|done, total| calls.borrow_mut().push((done, total)),
            &CancelToken::new(),
        )
        .unwrap();
    (kept, calls.into_inner())
}

/// The snapshot of `path` holds what `read_report_file` reads from it, with its warnings, row
/// count and SHA-256.
fn kept_as_read(library: &Library, path: &Path, kept: &roomlens::library::FileKept) {
    let read = read_report_file(path).unwrap();
    let Added::New(id) = kept.added else {
        panic!("{:?}", kept.added)
    };
    assert_eq!(kept.kind, read.report.kind());
    assert_eq!(kept.stats, read.stats);
    same(
        &library.report(id, &CancelToken::new()).unwrap(),
        &read.report,
    );
    let info = library
        .snapshots()
        .unwrap()
        .into_iter()
        .find(|s| s.id == id)
        .unwrap();
    assert_eq!(info.kind, read.report.kind());
    assert_eq!(info.row_count, read.stats.rows_kept);
    let warnings: Vec<String> = read.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(info.warnings, warnings);
    assert_eq!(
        info.source,
        SnapshotSource::File {
            file_name: path.file_name().unwrap().to_string_lossy().into_owned(),
            sha256: file_sha256(path).unwrap(),
        }
    );
}

#[test]
fn a_file_is_kept_row_for_row_as_the_reader_reads_it() {
    let folder = Folder::new("import", "exact");
    let mut library = Library::open(&folder.file("library.sqlite")).unwrap();
    let path = folder.write("attendees.csv", &hostile_attendees(25_003));
    let read = read_report_file(&path).unwrap();
    assert!(read.stats.rows_kept > 20_000, "several batches");
    assert!(read.stats.rows_rejected >= 3, "{:?}", read.stats);
    assert!(read.warnings.len() > 1000, "the warnings' cap is reached");
    assert_eq!(read.report.extra_columns(), ["company", "notes"]);

    let (kept, progress) = add(&mut library, &path, 1_774_600_000);
    kept_as_read(&library, &path, &kept);
    let rows = read.stats.rows_kept as usize;
    assert_eq!(
        progress.last(),
        Some(&(rows, rows)),
        "progress reaches the end"
    );
    assert!(progress.len() >= 3, "told batch by batch: {progress:?}");
    assert!(progress.windows(2).all(|w| w[0].0 <= w[1].0));
    assert!(progress.iter().all(|&(done, total)| done <= total));
    assert!(library.check().unwrap().is_empty());

    // Each report, and text in other encodings (the identity is the file's own bytes).
    let rooms = folder.write(
        "rooms.csv",
        "entry_id,entry_name,parent_entry_id,cue_point_id,session_start_time,session_end_time,\
         session_host_user_id,meeting_view_period_unique_users,meeting_engaged_play_time_ratio\n\
         1_r,\"Town hall, \"\"main\"\"\",,cp1,1772445600,1772449200,host,12,0.5\n\
         1_b,Group A,1_r,cp1,1772446000,,host,x,0.25\n"
            .as_bytes(),
    );
    let breakouts = folder.write(
        "breakouts.csv",
        b"parent_entry_id,parent_entry_name,breakout_entry_id,breakout_entry_name,cue_point_id,\
          session_initiator,session_start_time,session_end_time,duration,participant_count,\
          engagement_rate,extra\n1_r,Main,1_b,Group A,cp1,host,1772446000,1772446900,900,4,0.3,e\n",
    );
    let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
    utf16.extend(
        "user_id,user_name,entry_id,cue_point_id\r\nu1,Zoë Ñandú,1_r,cp1\r\nu2,Łukasz,1_r,cp1\r\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let utf16 = folder.write("utf16.csv", &utf16);
    let mut windows_1252 = b"user_id,user_name,entry_id,cue_point_id\n".to_vec();
    windows_1252.extend(b"u1,Caf\xe9 \x80,1_r,cp1\n");
    let windows_1252 = folder.write("excel.csv", &windows_1252);
    let header_only = folder.write(
        "empty.csv",
        b"user_id,user_name,entry_id,cue_point_id,notes\n",
    );
    for (path, kind) in [
        (&rooms, ReportKind::RoomData),
        (&breakouts, ReportKind::Breakouts),
        (&utf16, ReportKind::Attendees),
        (&windows_1252, ReportKind::Attendees),
        (&header_only, ReportKind::Attendees),
    ] {
        let (kept, progress) = add(&mut library, path, 1_774_700_000);
        assert_eq!(kept.kind, kind, "{}", path.display());
        kept_as_read(&library, path, &kept);
        let rows = kept.stats.rows_kept as usize;
        assert_eq!(progress.last(), Some(&(rows, rows)), "{}", path.display());
    }
    assert_eq!(library.snapshots().unwrap().len(), 6);
    assert!(library.check().unwrap().is_empty());
}

#[test]
fn a_file_kept_before_is_read_but_not_kept_again() {
    let folder = Folder::new("import", "twice");
    let mut library = Library::open(&folder.file("library.sqlite")).unwrap();
    let path = folder.write("attendees.csv", &hostile_attendees(500));
    let (first, _) = add(&mut library, &path, 1);
    // The same bytes under another name are the same file.
    let copy = folder.write("copy.csv", &std::fs::read(&path).unwrap());
    for again in [&path, &copy] {
        let (kept, progress) = add(&mut library, again, 2);
        assert_eq!(kept.added, Added::AlreadyKept(first.added.id()));
        assert_eq!(kept.kind, ReportKind::Attendees);
        assert_eq!(kept.stats, first.stats, "its counts, read again");
        assert!(progress.is_empty(), "nothing written: {progress:?}");
    }
    assert_eq!(library.snapshots().unwrap().len(), 1);
}

#[test]
fn a_cancelled_or_failed_import_leaves_the_library_as_it_was() {
    let folder = Folder::new("import", "cancel");
    let path_of_library = folder.file("library.sqlite");
    let mut library = Library::open(&path_of_library).unwrap();
    let small = folder.write("small.csv", &hostile_attendees(100));
    let (before, _) = add(&mut library, &small, 1);
    let rows_before: i64 = rusqlite::Connection::open(&path_of_library)
        .unwrap()
        .query_row("SELECT count(*) FROM rows_attendees", [], |r| r.get(0))
        .unwrap();

    let big = folder.write("big.csv", &hostile_attendees(50_000));
    let cancel = CancelToken::new();
    let seen = RefCell::new(0usize);
    let error = library
        .add_report_file(
            &big,
            2,
            &|done, _| {
                *seen.borrow_mut() = done;
                if done >= 20_000 {
                    cancel.cancel();
                }
            },
            &cancel,
        )
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Cancelled);
    assert!(*seen.borrow() >= 20_000, "cancelled halfway");
    let listed = library.snapshots().unwrap();
    assert_eq!(
        listed.iter().map(|s| s.id).collect::<Vec<_>>(),
        [before.added.id()]
    );
    assert!(library.check().unwrap().is_empty());
    let rows_after: i64 = rusqlite::Connection::open(&path_of_library)
        .unwrap()
        .query_row("SELECT count(*) FROM rows_attendees", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows_after, rows_before, "no row of the cancelled import");

    // A file that is not a report: refused, nothing written.
    let other = folder.write("notes.csv", b"title,body\nhello,world\n");
    let error = library
        .add_report_file(&other, 3, &|_, _| {}, &CancelToken::new())
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::NotAReport);
    assert_eq!(library.snapshots().unwrap().len(), 1);

    // The cancelled file was not taken for kept: it goes in whole the next time.
    let (kept, _) = add(&mut library, &big, 4);
    kept_as_read(&library, &big, &kept);
    assert!(library.check().unwrap().is_empty());
}

/// A plain attendees file of `rows` short rows, each its own attendance; `tag` makes the
/// sessions and names its own.
fn plain_attendees(rows: usize, tag: &str) -> Vec<u8> {
    let mut csv = String::from("entry_id,cue_point_id,user_id,user_name,meeting_view_time\n");
    for i in 0..rows {
        writeln!(
            csv,
            "1_r{},{tag}{},u{i},{tag} {i},{}",
            i % 7,
            i % 300,
            i % 60
        )
        .unwrap();
    }
    csv.into_bytes()
}

/// SQLite's count of schema changes (dropping or making an index is one).
fn schema_version(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .query_row("PRAGMA schema_version", [], |r| r.get(0))
        .unwrap()
}

/// The indexes of the attendees table: name and SQL.
fn attendee_indexes(path: &Path) -> Vec<(String, String)> {
    let raw = rusqlite::Connection::open(path).unwrap();
    let mut select = raw
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' \
             AND tbl_name = 'rows_attendees' ORDER BY name",
        )
        .unwrap();
    select
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_big_file_has_its_tables_indexes_built_afresh_and_a_cancelled_one_keeps_them() {
    let folder = Folder::new("import", "bulk");
    let path_of_library = folder.file("library.sqlite");
    let mut library = Library::open(&path_of_library).unwrap();
    let indexes = attendee_indexes(&path_of_library);
    // The session index (set aside and made again) and the snapshot index (kept as it is).
    assert_eq!(indexes.len(), 2, "{indexes:?}");
    let small = folder.write("small.csv", &plain_attendees(50, "Small"));
    let schema = schema_version(&path_of_library);
    add(&mut library, &small, 1);
    assert_eq!(
        schema_version(&path_of_library),
        schema,
        "a small file: no index made again"
    );

    // Far more rows than the table holds: its indexes are dropped and made again.
    let big = folder.write("big.csv", &plain_attendees(130_000, "Big"));
    let (kept, progress) = add(&mut library, &big, 2);
    kept_as_read(&library, &big, &kept);
    assert_eq!(progress.last(), Some(&(130_000, 130_000)));
    assert_eq!(
        attendee_indexes(&path_of_library),
        indexes,
        "the same indexes"
    );
    assert!(schema_version(&path_of_library) > schema, "made again");
    let schema = schema_version(&path_of_library);
    assert!(
        library.check().unwrap().is_empty(),
        "SQLite's integrity check"
    );
    assert_eq!(
        library.kept_attendances(&CancelToken::new()).unwrap().len(),
        130_050
    );

    // Cancelled after its indexes were dropped: they are back as they were.
    let bigger = folder.write("bigger.csv", &plain_attendees(300_000, "Bigger"));
    let cancel = CancelToken::new();
    let error = library
        .add_report_file(
            &bigger,
            3,
            &|done, _| {
                if done >= 60_000 {
                    cancel.cancel();
                }
            },
            &cancel,
        )
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Cancelled);
    drop(library);
    assert_eq!(attendee_indexes(&path_of_library), indexes);
    assert_eq!(schema_version(&path_of_library), schema, "rolled back");
    let library = Library::open(&path_of_library).unwrap();
    assert!(library.check().unwrap().is_empty());
    assert_eq!(library.snapshots().unwrap().len(), 2);
}
