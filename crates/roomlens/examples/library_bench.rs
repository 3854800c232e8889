//! What the library's rollups cost over a library file: reading the kept rows (sessions, then
//! attendances), the People and Rooms (per week, UTC) rollups over rows already read (what the
//! desktop app does with its cached rows), and `Library::people` / `Library::room_trends` end to
//! end as `roomlens people` and `roomlens rooms` call them. Best of `RUNS` (default 3) each, in
//! milliseconds, then the process's peak memory, as one JSON object. Run by
//! `bench/library_vs_duckdb.sh` in release mode (Linux: memory from /proc); not a test.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use jiff::tz::TimeZone;
use roomlens::analytics::rollups::{people, room_trends, RollupScope, TrendPeriod};
use roomlens::cancel::CancelToken;
use roomlens::library::Library;
use std::time::Instant;

fn peak_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

/// The best time of `runs` calls of `f`, in milliseconds, and the last result.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut out = None;
    for _ in 0..runs {
        // The last result goes before the next is made: one copy of the rows at a time.
        drop(out.take());
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
        out = Some(value);
    }
    (best, out.unwrap())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: library_bench LIBRARY [RUNS]");
    let runs: usize = args.next().map_or(3, |r| r.parse().unwrap());
    let library = Library::open(std::path::Path::new(&path)).unwrap();
    let cancel = CancelToken::new();
    let scope = RollupScope::default();
    let zone = TimeZone::UTC;

    let (read_sessions, sessions) = best(runs, || library.kept_sessions(&cancel).unwrap());
    let (read_attendances, attendances) = best(runs, || library.kept_attendances(&cancel).unwrap());
    let (people_rows, rollup) = best(runs, || people(&attendances, &scope));
    let (rooms_rows, trends) = best(runs, || {
        room_trends(&sessions, &attendances, TrendPeriod::Week, &zone, &scope)
    });
    let rows_peak = peak_mib();
    drop((sessions, attendances));
    let (people_library, _) = best(runs, || library.people(&scope, &cancel).unwrap());
    let (rooms_library, _) = best(runs, || {
        library
            .room_trends(TrendPeriod::Week, &zone, &scope, &cancel)
            .unwrap()
    });
    println!(
        "{}",
        serde_json::json!({
            "runs": runs,
            "kept_sessions_ms": read_sessions,
            "kept_attendances_ms": read_attendances,
            "people_over_rows_ms": people_rows,
            "rooms_over_rows_ms": rooms_rows,
            "library_people_ms": people_library,
            "library_rooms_ms": rooms_library,
            "people": rollup.people.len(),
            "room_weeks": trends.len(),
            "peak_mib_with_rows": rows_peak,
            "peak_mib": peak_mib(),
        })
    );
}
