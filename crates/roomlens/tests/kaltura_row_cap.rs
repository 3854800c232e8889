//! Kaltura's 100,000-row cap against the simulator: a year of attendees (more than 250,000 rows,
//! one day above the cap) fetched with nothing lost or duplicated, and a single session larger
//! than the cap, which no time split can fix, kept and reported plainly.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

#[allow(dead_code)]
mod sim_client;

use kaltura_sim::{OrgProfile, SimConfig};
use roomlens::cancel::CancelToken;
use roomlens::kaltura::{fetch_report, DateRange, FetchProgress, FetchRequest, ReportFilters};
use roomlens::reports::{Report, ReportKind};
use sim_client::{
    assert_same_images, assert_same_rows, client_for, expected_report, quick_options, row_images,
    start_sim, RowImage,
};
use std::sync::Mutex;

/// 2026-05-28 00:00 UTC: data ends at a midnight so the year is whole days.
const DATA_END: i64 = 1_779_926_400;

#[tokio::test]
async fn a_year_of_attendees_above_the_cap_arrives_complete() {
    let sim = start_sim(
        SimConfig {
            data_end: Some(DATA_END),
            ..SimConfig::default()
        }
        .with_primary_profile(OrgProfile::year_large()),
    )
    .await;
    let client = client_for(&sim, quick_options());
    let from = DATA_END - 365 * 86_400;
    let request = FetchRequest {
        kind: ReportKind::Attendees,
        range: DateRange {
            from_unix: from,
            to_unix: DATA_END,
            zone: "UTC".into(),
        },
        filters: ReportFilters::default(),
    };
    let last: Mutex<Option<FetchProgress>> = Mutex::new(None);
    let on_progress = |p: FetchProgress| *last.lock().unwrap() = Some(p);
    let outcome = fetch_report(&client, &request, &on_progress, &CancelToken::new())
        .await
        .unwrap();

    let expected = expected_report(
        &sim,
        ReportKind::Attendees,
        from,
        DATA_END,
        &ReportFilters::default(),
    );
    assert!(
        expected.len() > 250_000,
        "the simulator's year holds {} rows",
        expected.len()
    );
    assert_eq!(outcome.report.len(), expected.len());
    assert_same_rows(&outcome.report, &expected);
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
    assert!(!outcome.incomplete);

    let stats = sim.stats();
    assert!(stats.capped_responses >= 1, "the busy day did hit the cap");
    assert!(
        outcome.windows > 53,
        "capped windows were split ({} windows)",
        outcome.windows
    );
    assert_eq!(
        u64::from(outcome.requests),
        stats.count_action("report.getcsvfromstringparams")
    );
    let last = last.into_inner().unwrap().unwrap();
    assert_eq!(
        (last.windows_done, last.windows_total),
        (outcome.windows, outcome.windows)
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn a_session_above_the_cap_is_kept_with_a_plain_warning() {
    let sim = start_sim(
        SimConfig {
            data_end: Some(DATA_END),
            ..SimConfig::default()
        }
        .with_primary_profile(OrgProfile::single_huge_session()),
    )
    .await;
    let client = client_for(&sim, quick_options());
    let from = DATA_END - 7 * 86_400;
    let request = FetchRequest {
        kind: ReportKind::Attendees,
        range: DateRange {
            from_unix: from,
            to_unix: DATA_END,
            zone: "UTC".into(),
        },
        filters: ReportFilters::default(),
    };
    let outcome = fetch_report(&client, &request, &|_| {}, &CancelToken::new())
        .await
        .unwrap();

    assert!(outcome.incomplete);
    assert_eq!(outcome.warnings.len(), 1, "{:?}", outcome.warnings);
    let warning = &outcome.warnings[0];
    assert!(
        warning
            .starts_with("Kaltura's 100,000-row limit was hit in the one-minute window starting "),
        "{warning}"
    );
    assert!(
        warning.contains("Some rows from that minute could be missing."),
        "{warning}"
    );

    // Every row outside the huge session is there, and the huge session has exactly the cap.
    let huge_start = sim.org().unwrap().huge_session_start().unwrap();
    let huge = expected_report(
        &sim,
        ReportKind::Attendees,
        huge_start,
        huge_start + 1,
        &ReportFilters::default(),
    );
    let Report::Attendees {
        rows: huge_rows, ..
    } = &huge
    else {
        panic!("attendees")
    };
    let huge_session = huge_rows.first().unwrap().cue_point_id.clone();
    assert!(huge.len() > 100_000);
    let without_huge = |report: &Report| -> Vec<RowImage> {
        let Report::Attendees {
            rows,
            extra_columns,
        } = report
        else {
            panic!("attendees")
        };
        let rest = rows
            .iter()
            .filter(|r| r.cue_point_id != huge_session)
            .cloned()
            .collect();
        row_images(&Report::Attendees {
            rows: rest,
            extra_columns: extra_columns.clone(),
        })
    };
    let expected = expected_report(
        &sim,
        ReportKind::Attendees,
        from,
        DATA_END,
        &ReportFilters::default(),
    );
    assert_same_images(&without_huge(&outcome.report), &without_huge(&expected));
    assert_eq!(
        outcome.report.len() - without_huge(&outcome.report).len(),
        100_000
    );
    let mut all: Vec<String> = row_images(&outcome.report)
        .into_iter()
        .map(|(text, _)| text)
        .collect();
    all.dedup();
    assert_eq!(all.len(), outcome.report.len(), "no row twice");
    sim.shutdown().await;
}
