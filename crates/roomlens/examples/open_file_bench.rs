//! What opening a report file in the window costs the app process, without the window: reading
//! it within the app's limits, the table's first page in the first sort, and the summary cards;
//! the time of each step and the process's memory (resident now, and at its peak) after each.
//! A measurement aid run in release mode (Linux: memory from /proc), not a test.

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
use roomlens::reports::{read_report_file_with, FileLimits};
use roomlens::table_view::{report_meta, summary_cards, TableIndex};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: open_file_bench FILE.csv");
    println!("{:<36} {:>8}      {}", "before", "", memory());
    let outcome = step("read within the app's limits", || {
        read_report_file_with(
            path.as_ref(),
            FileLimits::default(),
            &|_| {},
            &CancelToken::new(),
        )
        .unwrap()
    });
    let report = outcome.report;
    println!("{} rows", report.len());
    let meta = report_meta()
        .into_iter()
        .find(|m| m.kind == report.kind())
        .unwrap();
    let index = TableIndex::new(&report);
    let sort = Some((
        meta.default_sort.column.as_str(),
        meta.default_sort.direction,
    ));
    step("first page in the first sort", || {
        index.query(&report, sort, "", 0, 200).unwrap()
    });
    step("summary cards", || summary_cards(&report));
    step("a search (\"ana\")", || {
        index.query(&report, sort, "ana", 0, 200).unwrap()
    });
}
