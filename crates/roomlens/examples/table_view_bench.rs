//! Times the desktop table's core on a generated Attendees report (default 100,000 rows): first
//! sort + page, scrolling the same view, a search, sort + search together, the summary cards, the
//! charts (every row, and a search's rows), and the report as a PDF (cards, charts and the table's
//! first 20 pages). A measurement
//! aid run in release mode, not a test and not a user-facing tool.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use roomlens::cancel::CancelToken;
use roomlens::report_charts::report_charts;
use roomlens::report_pdf::{report_pdf, Paper, ReportPdfOptions};
use roomlens::reports::{AttendeeRow, Report};
use roomlens::table_view::{summary_cards, SortDirection, TableIndex};
use std::time::Instant;

fn generated(n: usize) -> Report {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let first = [
        "Ana", "bob", "Zoë", "ÉMILE", "li", "Ömer", "Søren", "ana", "Mbali", "Chen",
    ];
    let rows = (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let r = state;
            AttendeeRow {
                entry_id: format!("1_room{}", r % 40).into(),
                cue_point_id: format!("1_session{}", r % 2000).into(),
                user_id: format!("user{}", r % 30_000).into(),
                user_name: format!("{} Person{}", first[(r % 10) as usize], r % 30_000).into(),
                user_email: format!("p{}@Example.org", r % 30_000).into(),
                user_type: "Attendee".into(),
                meeting_view_time: (!r.is_multiple_of(9)).then(|| (r % 6000) as f64 / 60.0),
                meeting_engaged_play_time_ratio: (!r.is_multiple_of(7))
                    .then(|| (r % 1001) as f64 / 1000.0),
                extra: vec![],
            }
        })
        .collect();
    Report::Attendees {
        rows,
        extra_columns: vec![],
    }
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    println!(
        "{what:<44} {:>8.2} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    out
}

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let report = generated(n);
    println!("{n} attendee rows");
    let index = TableIndex::new(&report);
    let page = |sort, search: &str, offset| {
        index
            .query(&report, sort, search, offset, 200)
            .map(|p| p.matched)
    };
    let results = [
        timed("first page, report order", || page(None, "", 0)),
        timed("sort by user name + page", || {
            page(Some(("user_name", SortDirection::Asc)), "", 0)
        }),
        timed("scroll the same sort (offset 50,000)", || {
            page(Some(("user_name", SortDirection::Asc)), "", 50_000)
        }),
        timed("sort by minutes descending + page", || {
            page(Some(("meeting_view_time", SortDirection::Desc)), "", 0)
        }),
        timed("sort by engagement + page", || {
            page(
                Some(("meeting_engaged_play_time_ratio", SortDirection::Asc)),
                "",
                0,
            )
        }),
        timed("search \"søren\" (sorted by minutes)", || {
            page(Some(("meeting_view_time", SortDirection::Desc)), "søren", 0)
        }),
        timed("scroll the same search", || {
            page(
                Some(("meeting_view_time", SortDirection::Desc)),
                "søren",
                100,
            )
        }),
        timed("search \"person12\" (report order)", || {
            page(None, "person12", 0)
        }),
    ];
    for result in results {
        if let Err(e) = result {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
    let cards = timed("summary cards", || summary_cards(&report));
    println!("{} cards", cards.len());
    let zone = jiff::tz::TimeZone::UTC;
    for _ in 0..3 {
        let charts = timed("charts, every row", || {
            report_charts(&report, None, &zone, false).unwrap()
        });
        println!("{} charts", charts.len());
    }
    let index = TableIndex::new(&report);
    let matched = index
        .matching_rows(&report, "person12")
        .unwrap_or_else(|e| {
            eprintln!("{e}");
            std::process::exit(1);
        });
    let rows = matched.as_deref().map(Vec::as_slice);
    timed("charts, the rows \"person12\" matches", || {
        report_charts(&report, rows, &zone, false).unwrap()
    });
    // The report as a PDF: its cards, charts and its table's first 20 pages (the window's default).
    for _ in 0..3 {
        let options = ReportPdfOptions {
            paper: Paper::A4,
            zone: jiff::tz::TimeZone::UTC,
            source: "Opened from bench.csv".to_owned(),
            filters: None,
            generated_at: jiff::Timestamp::now(),
            table_pages: Some(20),
        };
        let pdf = timed("PDF: cards, charts and the first 20 pages", || {
            report_pdf(&report, &options, &CancelToken::new()).unwrap()
        });
        println!("PDF of {} bytes", pdf.len());
    }
}
