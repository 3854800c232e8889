//! What showing a kept report on the Reports screen costs the app process, without the window,
//! with its rows held in memory (as before) or read from the library a piece at a time: opening
//! it, the first page in the first sort, the summary cards, a search, a sort by name, the charts
//! and one person's sessions; the time of each step and the process's memory (resident now, and
//! at its peak) after each. A measurement aid run in release mode (Linux: memory from /proc), not
//! a test. Run each way in its own process, so one does not inherit the other's memory.
//!
//! usage: kept_report_bench keep FILE.csv LIBRARY     (prints the snapshot's number)
//!        kept_report_bench held|kept LIBRARY ID

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

mod process_memory;

use process_memory::{memory, step};
use roomlens::cancel::CancelToken;
use roomlens::library::{Added, Library, SnapshotSource};
use roomlens::report_charts::report_charts_of;
use roomlens::reports::{read_report_file_with, FileLimits, ReportRows};
use roomlens::table_view::{
    report_meta, summary_cards_of, user_detail_of, SortDirection, TableIndex,
};
use std::path::Path;

fn keep(file: &str, library: &str) {
    let outcome = read_report_file_with(
        Path::new(file),
        FileLimits::default(),
        &|_| {},
        &CancelToken::new(),
    )
    .unwrap();
    let mut library = Library::open(Path::new(library)).unwrap();
    let added = library
        .add_snapshot(
            &outcome.report,
            &SnapshotSource::File {
                file_name: file.to_owned(),
                sha256: roomlens::library::file_sha256(Path::new(file)).unwrap(),
            },
            jiff::Timestamp::now().as_second(),
            &[],
            &|_, _| {},
            &CancelToken::new(),
        )
        .unwrap();
    let (Added::New(id) | Added::AlreadyKept(id)) = added;
    println!("{id}");
}

fn show(rows: &dyn ReportRows) {
    let meta = report_meta()
        .into_iter()
        .find(|m| m.kind == rows.kind())
        .unwrap();
    let index = TableIndex::new(rows);
    let sort = Some((
        meta.default_sort.column.as_str(),
        meta.default_sort.direction,
    ));
    let cancel = CancelToken::new();
    step("walk: every column", || {
        rows.for_each_piece(None, &cancel, &mut |_, _| Ok(()))
            .unwrap()
    });
    step("walk: user name only", || {
        rows.for_each_piece(Some(&[3]), &cancel, &mut |_, _| Ok(()))
            .unwrap()
    });
    step("walk: minutes only", || {
        rows.for_each_piece(Some(&[6]), &cancel, &mut |_, _| Ok(()))
            .unwrap()
    });
    step("first page in the first sort", || {
        index.query(rows, sort, "", 0, 200).unwrap()
    });
    step("summary cards", || summary_cards_of(rows, &cancel).unwrap());
    step("a search (\"ana\")", || {
        index.query(rows, sort, "ana", 0, 200).unwrap()
    });
    step("sorted by user name", || {
        index
            .query(rows, Some(("user_name", SortDirection::Asc)), "", 0, 200)
            .unwrap()
    });
    step("scrolled to row 500,000", || {
        index
            .query(
                rows,
                Some(("user_name", SortDirection::Asc)),
                "",
                500_000,
                200,
            )
            .unwrap()
    });
    step("charts, every row", || {
        report_charts_of(rows, None, &jiff::tz::TimeZone::UTC, false, &cancel).unwrap()
    });
    let someone = match rows.rows_at(&[0]).unwrap() {
        roomlens::reports::Report::Attendees { rows, .. } => rows[0].user_id.to_string(),
        _ => String::new(),
    };
    step("one person's sessions", || {
        user_detail_of(rows, &someone, &cancel).unwrap()
    });
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["keep", file, library] => keep(file, library),
        [how @ ("held" | "kept"), library, id] => {
            let id: i64 = id.parse().expect("a snapshot number");
            println!("{:<36} {:>8}      {}", "before", "", memory());
            let library = Library::open(Path::new(library)).unwrap();
            if *how == "held" {
                let report = step("open: every row read into memory", || {
                    library.report(id, &CancelToken::new()).unwrap()
                });
                show(&report);
            } else {
                let kept = step("open: rows left in the library", || {
                    library.kept_report(id).unwrap()
                });
                show(&kept);
            }
        }
        _ => panic!("usage: kept_report_bench keep FILE.csv LIBRARY | held|kept LIBRARY ID"),
    }
}
