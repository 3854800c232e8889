//! The row cap over real HTTP: excess rows silently dropped in report order, `limit`, the
//! year-large organisation (more than 250,000 rows a year, one day over the cap that time
//! splitting can get under) and the single huge session no split can help.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

mod support;

use kaltura_sim::{Filters, OrgProfile, ReportKind, SimConfig, ATTENDEES_COLUMNS};
use serde_json::json;
use support::*;

async fn fetch_attendees(sim: &kaltura_sim::SimHandle, from: i64, to: i64, extra: &str) -> Vec<u8> {
    let r = post_json(
        &csv_url(sim),
        json!({"ks": primary_ks(sim), "format": 1, "id": 6001, "params": format!("from_date={from};to_date={to}{extra}")}),
    )
    .await;
    r.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn excess_rows_are_dropped_silently_in_order() {
    let config = SimConfig {
        row_cap: 50,
        data_end: Some(END),
        ..SimConfig::default()
    };
    let sim = kaltura_sim::start(config).await.unwrap();
    let (from, to) = (END - 30 * DAY, END);
    let all = sim.expected_rows(ReportKind::Attendees, from, to, &Filters::default());
    assert!(all.len() > 50);
    let body = fetch_attendees(&sim, from, to, "").await;
    assert_eq!(body, csv_bytes(ATTENDEES_COLUMNS, &all[..50]));
    let body = fetch_attendees(&sim, from, to, ";limit=10").await;
    assert_eq!(body, csv_bytes(ATTENDEES_COLUMNS, &all[..10]));
    let body = fetch_attendees(&sim, from, to, ";limit=500").await;
    assert_eq!(
        body,
        csv_bytes(ATTENDEES_COLUMNS, &all[..50]),
        "limit only lowers the cap"
    );
    let stats = sim.stats();
    assert_eq!(stats.capped_responses, 3);
    assert_eq!(stats.rows_served, 110);
    sim.shutdown().await;
}

#[tokio::test]
async fn year_large_has_a_year_above_250k_and_a_busy_day_above_the_cap() {
    let config = SimConfig {
        data_end: Some(END),
        ..SimConfig::default()
    }
    .with_primary_profile(OrgProfile::year_large());
    let sim = kaltura_sim::start(config).await.unwrap();
    let org = sim.org().unwrap();
    let (day_start, day_end) = org.busy_day().unwrap();
    let none = Filters::default();
    let day = sim.expected_rows(ReportKind::Attendees, day_start, day_end, &none);
    assert!(day.len() > 100_000, "{}", day.len());
    let year = sim
        .expected_rows(ReportKind::Attendees, END - 365 * DAY, END, &none)
        .len();
    assert!(year > 250_000, "{year}");

    let body = fetch_attendees(&sim, day_start, day_end, "").await;
    assert_eq!(
        body,
        csv_bytes(ATTENDEES_COLUMNS, &day[..100_000]),
        "the whole day is cut at the cap"
    );
    let mid = day_start + DAY / 2;
    let first = fetch_attendees(&sim, day_start, mid, "").await;
    let second = fetch_attendees(&sim, mid, day_end, "").await;
    let rows = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap().lines().count() - 1;
    assert!(rows(&first) < 100_000 && rows(&second) < 100_000);
    assert_eq!(
        rows(&first) + rows(&second),
        day.len(),
        "halves together hold the whole day"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn single_huge_session_exceeds_the_cap_at_one_instant() {
    let config = SimConfig {
        data_end: Some(END),
        ..SimConfig::default()
    }
    .with_primary_profile(OrgProfile::single_huge_session());
    let sim = kaltura_sim::start(config).await.unwrap();
    let start = sim.org().unwrap().huge_session_start().unwrap();
    let rows = sim.expected_rows(ReportKind::Attendees, start, start + 1, &Filters::default());
    assert!(rows.len() > 100_000, "{}", rows.len());
    let mut keys: Vec<&String> = rows.iter().map(|r| &r[2]).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(
        keys.len(),
        rows.len(),
        "every attendee is a different person"
    );
    sim.shutdown().await;
}
