//! A report read from the library a piece at a time (`KeptReport`) against the same report held in
//! memory, on real SQLite files: every page, sort and search of the table, the cards, the charts,
//! one person's sessions, the CSV, the PDF and the rooms seen are the same, across piece
//! boundaries; a deleted snapshot, or another one under the same number in a library started
//! anew, is a plain error and never someone else's rows.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a step that fails should stop it loudly"
)]

mod temp_folder;

use jiff::tz::TimeZone;
use roomlens::cancel::CancelToken;
use roomlens::dashboard::{rooms_seen, rooms_seen_of};
use roomlens::export::{report_csv_bytes, write_report_csv, ExportOptions};
use roomlens::library::{Added, KeptReport, Library, SnapshotSource};
use roomlens::report_charts::{report_charts, report_charts_of};
use roomlens::report_pdf::{report_pdf, Paper, ReportPdfOptions};
use roomlens::reports::{AttendeeRow, Report, ReportRows, RoomDataRow};
use roomlens::table_view::{
    columns, summary_cards, summary_cards_of, user_detail, user_detail_of, SortDirection,
    TableIndex,
};
use roomlens::ErrorCode;
use temp_folder::Folder;

/// More rows than one piece (50,000), so every walk crosses a piece boundary.
const ROWS: usize = 120_003;

fn attendees(n: usize) -> Report {
    let names = [
        "Émile",
        "emile",
        "ALICE",
        "alice",
        "Bob",
        "",
        "Zoë",
        "ΣΩΚΡΆΤΗΣ",
    ];
    Report::Attendees {
        rows: (0..n)
            .map(|i| AttendeeRow {
                entry_id: format!("1_room{}", i % 13).into(),
                cue_point_id: format!("cp{}", i % 401).into(),
                user_id: if i % 7 == 0 {
                    "".into()
                } else {
                    format!("u{}", i % 3001).into()
                },
                user_name: format!("{} {}", names[i % names.len()], i % 997).into(),
                user_email: if i % 11 == 0 {
                    "".into()
                } else {
                    format!("P{}@Example.org", i % 3001).into()
                },
                user_type: ["Attendee", "Host", "", "Co-host"][i % 4].into(),
                meeting_view_time: (i % 5 != 0).then_some((i % 240) as f64 * 0.75),
                meeting_engaged_play_time_ratio: (i % 6 != 0).then_some((i % 101) as f64 / 100.0),
                extra: vec![format!("t{}", i % 17).into()],
            })
            .collect(),
        extra_columns: vec!["Team".into()],
    }
}

fn keep(library: &mut Library, report: &Report, name: &str) -> KeptReport {
    let added = library
        .add_snapshot(
            report,
            &SnapshotSource::File {
                file_name: name.into(),
                sha256: format!("{name:0>64}"),
            },
            1_780_000_000,
            &[],
            &|_, _| {},
            &CancelToken::new(),
        )
        .unwrap();
    let Added::New(id) = added else {
        panic!("kept before: {added:?}")
    };
    library.kept_report(id).unwrap()
}

#[test]
fn a_kept_report_reads_as_the_report_in_memory() {
    let folder = Folder::new("kept-report", "same");
    let mut library = Library::open(&folder.file("library.sqlite")).unwrap();
    let report = attendees(ROWS);
    let kept = keep(&mut library, &report, "a.csv");
    assert!(kept.held().is_none());
    assert_eq!(kept.len(), ROWS);
    assert_eq!(kept.extra_columns(), report.extra_columns());

    // Rows picked anywhere, in any order, across pieces.
    let picked = [ROWS - 1, 0, 49_999, 50_000, 50_001, 7, 100_000, 99_999];
    assert_eq!(kept.rows_at(&picked).unwrap(), report.select(&picked));
    assert!(kept.rows_at(&[ROWS]).is_err(), "past the end");

    // Every column sorted both ways, with and without a search, paged at a piece boundary.
    let held_index = TableIndex::new(&report);
    let kept_index = TableIndex::new(&kept);
    for column in columns(&report) {
        for direction in [SortDirection::Asc, SortDirection::Desc] {
            for search in ["", "émile", "σωκ"] {
                for offset in [0, 49_990] {
                    let sort = Some((column.key.as_str(), direction));
                    let held = held_index.query(&report, sort, search, offset, 20).unwrap();
                    let read = kept_index.query(&kept, sort, search, offset, 20).unwrap();
                    assert_eq!(
                        held, read,
                        "{} {direction:?} {search:?} {offset}",
                        column.key
                    );
                }
            }
        }
    }
    let held_page = held_index.query(&report, None, "", 49_990, 1000).unwrap();
    assert_eq!(held_page.rows.len(), 1000);
    assert_eq!(
        held_page,
        kept_index.query(&kept, None, "", 49_990, 1000).unwrap()
    );

    let cancel = CancelToken::new();
    assert_eq!(
        summary_cards(&report),
        summary_cards_of(&kept, &cancel).unwrap()
    );
    let zone = TimeZone::UTC;
    assert_eq!(
        report_charts(&report, None, &zone, false).unwrap(),
        report_charts_of(&kept, None, &zone, false, &cancel).unwrap()
    );
    let matched = held_index.matching_rows(&report, "zoë").unwrap().unwrap();
    assert!(matched.len() > 1000 && matched.len() < ROWS);
    assert_eq!(
        report_charts(&report, Some(&matched), &zone, true).unwrap(),
        report_charts_of(&kept, Some(&matched), &zone, true, &cancel).unwrap()
    );
    for person in ["u42", "p42@example.org", "Émile 0", "nobody"] {
        let held = user_detail(&report, person);
        let read = user_detail_of(&kept, person, &cancel);
        match (held, read) {
            (Ok(held), Ok(read)) => {
                assert!(!held.rows.is_empty());
                assert_eq!(held, read, "{person}");
            }
            (Err(held), Err(read)) => assert_eq!(held.code, read.code, "{person}"),
            (held, read) => panic!("{person}: {held:?} against {read:?}"),
        }
    }
    let options = ExportOptions::default();
    let csv = folder.file("kept.csv");
    write_report_csv(&kept, &options, &csv, &cancel).unwrap();
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        report_csv_bytes(&report, &options)
    );
    assert_eq!(
        rooms_seen([&report]),
        rooms_seen_of(&[&kept], &cancel).unwrap()
    );
    let pdf_options = ReportPdfOptions {
        paper: Paper::A4,
        zone: zone.clone(),
        source: "Opened from a.csv".into(),
        filters: None,
        generated_at: jiff::Timestamp::from_second(1_780_000_000).unwrap(),
        table_pages: Some(2),
    };
    assert_eq!(
        report_pdf(&report, &pdf_options, &cancel).unwrap(),
        report_pdf(&kept, &pdf_options, &cancel).unwrap()
    );
}

#[test]
fn a_kept_room_data_report_is_put_together_for_its_cards_and_charts() {
    let folder = Folder::new("kept-report", "room-data");
    let mut library = Library::open(&folder.file("library.sqlite")).unwrap();
    let report = Report::RoomData {
        rows: (0..60_001)
            .map(|i| RoomDataRow {
                entry_id: format!("1_room{}", i % 9).into(),
                entry_name: format!("Room {}", i % 9).into(),
                cue_point_id: format!("cp{i}").into(),
                session_start_time: Some(1_772_000_000 + i as i64 * 600),
                session_end_time: Some(1_772_000_000 + i as i64 * 600 + 1800),
                ..RoomDataRow::default()
            })
            .collect(),
        extra_columns: vec![],
    };
    let kept = keep(&mut library, &report, "rooms.csv");
    let cancel = CancelToken::new();
    assert_eq!(
        summary_cards(&report),
        summary_cards_of(&kept, &cancel).unwrap()
    );
    assert_eq!(
        report_charts(&report, None, &TimeZone::UTC, false).unwrap(),
        report_charts_of(&kept, None, &TimeZone::UTC, false, &cancel).unwrap()
    );
    assert_eq!(
        rooms_seen([&report]),
        rooms_seen_of(&[&kept], &cancel).unwrap()
    );
}

#[test]
fn a_deleted_snapshot_or_a_library_started_anew_is_a_plain_error() {
    let folder = Folder::new("kept-report", "gone");
    let path = folder.file("library.sqlite");
    let mut library = Library::open(&path).unwrap();
    let report = attendees(100);
    let kept = keep(&mut library, &report, "a.csv");
    let id = kept.snapshot_id();
    library.remove_snapshot(id).unwrap();
    let error = kept.rows_at(&[0]).unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(
        error.message.contains("no longer in the library"),
        "{}",
        error.message
    );

    // A new library whose first snapshot has the same number but other rows.
    drop(library);
    std::fs::remove_file(&path).unwrap();
    let mut library = Library::open(&path).unwrap();
    let other = keep(&mut library, &attendees(100), "b.csv");
    assert_eq!(other.snapshot_id(), id, "the same number, another snapshot");
    assert!(kept
        .for_each_piece(None, &CancelToken::new(), &mut |_, _| Ok(()))
        .is_err());
    let cancelled = CancelToken::new();
    cancelled.cancel();
    assert_eq!(
        other
            .for_each_piece(None, &cancelled, &mut |_, _| Ok(()))
            .unwrap_err()
            .code,
        ErrorCode::Cancelled
    );
}
