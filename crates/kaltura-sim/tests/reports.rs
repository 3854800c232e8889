//! Report calls over real HTTP: CSV bytes match the ground truth exactly, the cap and `limit`,
//! filters, excluded fields, file names, determinism, and `getCsv` with a key/value array.

mod support;

use kaltura_sim::{Filters, ReportKind, SimConfig, ATTENDEES_COLUMNS, BREAKOUTS_COLUMNS, ROOM_DATA_COLUMNS};
use serde_json::json;
use support::*;

fn fixed() -> SimConfig {
    SimConfig { data_end: Some(END), ..SimConfig::default() }
}

#[tokio::test]
async fn each_report_matches_the_ground_truth_byte_for_byte() {
    let sim = kaltura_sim::start(fixed()).await.unwrap();
    let ks = primary_ks(&sim);
    let (from, to) = (END - 20 * DAY, END);
    for (kind, columns, params) in [
        (ReportKind::RoomData, ROOM_DATA_COLUMNS, format!("from_date={from};to_date={to}")),
        (ReportKind::Attendees, ATTENDEES_COLUMNS, format!("from_date={from};to_date={to}")),
        (ReportKind::Breakouts, BREAKOUTS_COLUMNS, format!("fromDate={from};toDate={to}")),
    ] {
        let r = post_json(&csv_url(&sim), json!({"ks": ks, "format": 1, "id": kind.report_id(), "params": params})).await;
        assert_eq!(r.status(), 200);
        assert_eq!(header(&r, "content-type"), Some("text/csv"));
        let body = r.bytes().await.unwrap();
        let rows = sim.expected_rows(kind, from, to, &Filters::default());
        assert!(!rows.is_empty(), "{kind:?}");
        assert_eq!(body.as_ref(), csv_bytes(columns, &rows).as_slice(), "{kind:?}");
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn hostile_values_arrive_unquoted_with_commas_as_spaces() {
    let sim = kaltura_sim::start(fixed()).await.unwrap();
    let r = post_json(
        &csv_url(&sim),
        json!({"ks": primary_ks(&sim), "format": 1, "id": 6001, "params": format!("from_date={};to_date={END}", END - 30 * DAY)}),
    )
    .await;
    let text = r.text().await.unwrap();
    assert!(text.starts_with("\u{feff}entry_id,cue_point_id,user_id,"));
    assert!(text.ends_with('\n') && !text.contains('\r'));
    assert!(text.contains(",Smith  John,"), "comma in a name becomes a space");
    assert!(text.contains(",=HYPERLINK(\"http://evil.example\" \"click\"),"));
    for line in text.lines() {
        assert_eq!(line.matches(',').count(), ATTENDEES_COLUMNS.len() - 1, "{line}");
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn empty_result_is_bom_and_header_only() {
    let sim = kaltura_sim::start(fixed()).await.unwrap();
    let r = post_json(
        &csv_url(&sim),
        json!({"ks": primary_ks(&sim), "format": 1, "id": "6000", "params": format!("from_date={};to_date={}", END + DAY, END + 2 * DAY)}),
    )
    .await;
    assert_eq!(r.bytes().await.unwrap().as_ref(), csv_bytes(ROOM_DATA_COLUMNS, &[]).as_slice());
    sim.shutdown().await;
}
