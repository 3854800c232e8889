//! Fetching the three room reports from the simulator over loopback, compared row for row with
//! the simulator's ground truth: every report, every filter (and the filters a report lacks
//! refused before any request), both date parameter spellings on the wire, progress, a failed
//! fetch, and cancelling in the middle.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

#[allow(dead_code)]
mod sim_client;

use kaltura_sim::{Fault, FaultPlan, SimConfig, SimHandle};
use roomlens::cancel::CancelToken;
use roomlens::kaltura::{
    fetch_report, ClientOptions, DateRange, FetchProgress, FetchRequest, ReportFilters,
};
use roomlens::reports::{Report, ReportKind};
use roomlens::ErrorCode;
use sim_client::{assert_same_rows, client_for, expected_report, quick_options, start_sim};
use std::sync::Mutex;

/// The simulator's data ends here (2026-05-28 20:26:40 UTC), so results never depend on the clock.
const DATA_END: i64 = 1_780_000_000;
const FROM: i64 = DATA_END - 30 * 86_400;

async fn tiny_sim() -> SimHandle {
    start_sim(SimConfig {
        data_end: Some(DATA_END),
        ..SimConfig::default()
    })
    .await
}

fn request(kind: ReportKind, filters: ReportFilters) -> FetchRequest {
    FetchRequest {
        kind,
        range: DateRange {
            from_unix: FROM,
            to_unix: DATA_END,
            zone: "UTC".into(),
        },
        filters,
    }
}

fn ignore_progress(_: FetchProgress) {}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// Distinct values of one text column of a report, in first-seen order.
fn distinct(report: &Report, pick: impl Fn(usize) -> Option<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in 0..report.len() {
        if let Some(v) = pick(i).filter(|v| !v.is_empty()) {
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

#[tokio::test]
async fn every_report_arrives_complete_and_both_date_spellings_are_sent() {
    let sim = tiny_sim().await;
    let client = client_for(&sim, quick_options());
    for kind in ReportKind::ALL {
        sim.reset_stats();
        let outcome = fetch_report(
            &client,
            &request(kind, ReportFilters::default()),
            &ignore_progress,
            &CancelToken::new(),
        )
        .await
        .unwrap();
        let expected = expected_report(&sim, kind, FROM, DATA_END, &ReportFilters::default());
        assert!(
            expected.len() > 10,
            "{kind:?}: the simulator has data to compare"
        );
        assert_same_rows(&outcome.report, &expected);
        assert_eq!(outcome.windows, 5, "30 days in 7-day windows");
        assert_eq!(outcome.requests, 5);
        assert!(outcome.warnings.is_empty() && !outcome.incomplete);

        let stats = sim.stats();
        assert_eq!(stats.ks_in_url, 0);
        assert_eq!(stats.content_type_not_exactly_json, 0);
        assert_eq!(stats.report_calls.len(), 5);
        let mut edges: Vec<(i64, i64)> =
            stats.report_calls.iter().map(|c| (c.from, c.to)).collect();
        edges.sort();
        assert_eq!(edges.first().unwrap().0, FROM);
        assert_eq!(edges.last().unwrap().1, DATA_END);
        assert!(
            edges.windows(2).all(|w| w[0].1 == w[1].0),
            "windows meet without gaps or overlaps"
        );
        for call in &stats.report_calls {
            assert_eq!(call.report_id, kind.report_id());
            let value = |key: &str| {
                call.params
                    .iter()
                    .find(|(k, _)| k == key)
                    .and_then(|(_, v)| v.clone())
            };
            let (from, to) = (call.from.to_string(), call.to.to_string());
            assert_eq!(value("from_date").as_ref(), Some(&from));
            assert_eq!(value("fromDate").as_ref(), Some(&from));
            assert_eq!(value("to_date").as_ref(), Some(&to));
            assert_eq!(value("toDate").as_ref(), Some(&to));
        }
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn every_filter_reaches_kaltura_and_narrows_the_rows() {
    let sim = tiny_sim().await;
    let client = client_for(&sim, quick_options());
    let all_attendees = expected_report(
        &sim,
        ReportKind::Attendees,
        FROM,
        DATA_END,
        &ReportFilters::default(),
    );
    let Report::Attendees { rows, .. } = &all_attendees else {
        panic!("attendees")
    };
    let rooms = distinct(&all_attendees, |i| {
        rows.get(i).map(|r| r.entry_id.to_string())
    });
    let users = distinct(&all_attendees, |i| {
        rows.get(i).map(|r| r.user_id.to_string())
    });
    let sessions = distinct(&all_attendees, |i| {
        rows.get(i).map(|r| r.cue_point_id.to_string())
    });
    let all_breakouts = expected_report(
        &sim,
        ReportKind::Breakouts,
        FROM,
        DATA_END,
        &ReportFilters::default(),
    );
    let Report::Breakouts {
        rows: breakout_rows,
        ..
    } = &all_breakouts
    else {
        panic!("breakouts")
    };
    let main_rooms = distinct(&all_breakouts, |i| {
        breakout_rows.get(i).map(|r| r.parent_entry_id.to_string())
    });
    let events = sim.org().unwrap().virtual_event_ids().to_vec();
    assert!(
        rooms.len() >= 2
            && users.len() >= 3
            && sessions.len() >= 3
            && !main_rooms.is_empty()
            && !events.is_empty()
    );

    let cases = [
        (
            ReportKind::RoomData,
            ReportFilters {
                room_ids: rooms[..1].to_vec(),
                ..Default::default()
            },
        ),
        (
            ReportKind::RoomData,
            ReportFilters {
                virtual_event_ids: events[..1].to_vec(),
                ..Default::default()
            },
        ),
        (
            ReportKind::Attendees,
            ReportFilters {
                room_ids: rooms[..1].to_vec(),
                ..Default::default()
            },
        ),
        (
            ReportKind::Attendees,
            ReportFilters {
                virtual_event_ids: events[..1].to_vec(),
                ..Default::default()
            },
        ),
        (
            ReportKind::Attendees,
            ReportFilters {
                user_ids: users[..3].to_vec(),
                ..Default::default()
            },
        ),
        (
            ReportKind::Attendees,
            ReportFilters {
                session_ids: sessions[..2].to_vec(),
                ..Default::default()
            },
        ),
        (
            ReportKind::Attendees,
            ReportFilters {
                room_ids: rooms.clone(),
                session_ids: sessions[..3].to_vec(),
                ..Default::default()
            },
        ),
        (
            ReportKind::Breakouts,
            ReportFilters {
                main_room_ids: main_rooms[..1].to_vec(),
                ..Default::default()
            },
        ),
        (
            ReportKind::Breakouts,
            ReportFilters {
                virtual_event_ids: events.clone(),
                ..Default::default()
            },
        ),
    ];
    for (kind, filters) in cases {
        let outcome = fetch_report(
            &client,
            &request(kind, filters.clone()),
            &ignore_progress,
            &CancelToken::new(),
        )
        .await
        .unwrap();
        let expected = expected_report(&sim, kind, FROM, DATA_END, &filters);
        let unfiltered = expected_report(&sim, kind, FROM, DATA_END, &ReportFilters::default());
        assert!(
            !expected.is_empty(),
            "{kind:?} {filters:?}: the filter matches something"
        );
        assert!(
            expected.len() < unfiltered.len(),
            "{kind:?} {filters:?}: the filter removes something"
        );
        assert_same_rows(&outcome.report, &expected);
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn a_filter_the_report_lacks_is_refused_before_any_request() {
    let sim = tiny_sim().await;
    let client = client_for(&sim, quick_options());
    let cases = [
        (
            ReportKind::RoomData,
            ReportFilters {
                user_ids: ids(&["u1"]),
                ..Default::default()
            },
            "cannot be filtered by user ID",
        ),
        (
            ReportKind::RoomData,
            ReportFilters {
                session_ids: ids(&["s1"]),
                ..Default::default()
            },
            "cannot be filtered by session ID",
        ),
        (
            ReportKind::Attendees,
            ReportFilters {
                main_room_ids: ids(&["1_a"]),
                ..Default::default()
            },
            "cannot be filtered by main room ID",
        ),
        (
            ReportKind::Breakouts,
            ReportFilters {
                room_ids: ids(&["1_a"]),
                ..Default::default()
            },
            "cannot be filtered by room ID",
        ),
        (
            ReportKind::Attendees,
            ReportFilters {
                room_ids: ids(&["1_a;limit=1"]),
                ..Default::default()
            },
            "cannot be part of an ID",
        ),
    ];
    for (kind, filters, words) in cases {
        let error = fetch_report(
            &client,
            &request(kind, filters),
            &ignore_progress,
            &CancelToken::new(),
        )
        .await
        .unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(error.message.contains(words), "{}", error.message);
    }
    assert_eq!(sim.stats().requests, 0);
    sim.shutdown().await;
}

#[tokio::test]
async fn progress_counts_every_window_and_the_rows() {
    let sim = tiny_sim().await;
    let client = client_for(
        &sim,
        ClientOptions {
            concurrency: 2,
            ..quick_options()
        },
    );
    let seen: Mutex<Vec<FetchProgress>> = Mutex::new(Vec::new());
    let record = |p: FetchProgress| seen.lock().unwrap().push(p);
    let outcome = fetch_report(
        &client,
        &request(ReportKind::Attendees, ReportFilters::default()),
        &record,
        &CancelToken::new(),
    )
    .await
    .unwrap();
    let seen = seen.into_inner().unwrap();
    assert_eq!(
        seen.first(),
        Some(&FetchProgress {
            windows_done: 0,
            windows_total: 5,
            rows_so_far: 0
        })
    );
    let last = seen.last().unwrap();
    assert_eq!((last.windows_done, last.windows_total), (5, 5));
    assert_eq!(last.rows_so_far, outcome.report.len() as u64);
    assert_eq!(seen.len(), 6);
    assert!(seen
        .windows(2)
        .all(|w| w[0].windows_done < w[1].windows_done && w[0].rows_so_far <= w[1].rows_so_far));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_window_that_keeps_failing_fails_the_whole_fetch() {
    let sim = tiny_sim().await;
    let client = client_for(
        &sim,
        ClientOptions {
            concurrency: 1,
            max_attempts: 2,
            ..quick_options()
        },
    );
    sim.set_faults(FaultPlan::queued([
        Fault::Delay(std::time::Duration::ZERO),
        Fault::HttpStatus(503),
        Fault::HttpStatus(503),
    ]));
    let error = fetch_report(
        &client,
        &request(ReportKind::RoomData, ReportFilters::default()),
        &ignore_progress,
        &CancelToken::new(),
    )
    .await
    .unwrap_err();
    assert_eq!(error.code, ErrorCode::ServerUnavailable);
    assert_eq!(
        sim.stats().count_action("report.getcsvfromstringparams"),
        3,
        "no window started after the failure"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn cancelling_mid_fetch_returns_cancelled_and_no_report() {
    let sim = tiny_sim().await;
    let client = client_for(
        &sim,
        ClientOptions {
            concurrency: 1,
            ..quick_options()
        },
    );
    let cancel = CancelToken::new();
    let on_progress = |p: FetchProgress| {
        if p.windows_done == 2 {
            cancel.cancel();
        }
    };
    let error = fetch_report(
        &client,
        &request(ReportKind::Attendees, ReportFilters::default()),
        &on_progress,
        &cancel,
    )
    .await
    .unwrap_err();
    assert_eq!(error.code, ErrorCode::Cancelled);
    assert!(
        sim.stats().count_action("report.getcsvfromstringparams") < 5,
        "the remaining windows were not fetched"
    );
    sim.shutdown().await;
}
