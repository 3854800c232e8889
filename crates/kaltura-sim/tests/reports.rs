//! Report calls over real HTTP: CSV bytes match the ground truth exactly, the cap and `limit`,
//! filters, excluded fields, file names, determinism, and `getCsv` with a key/value array.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

mod support;

use kaltura_sim::{
    Filters, ReportKind, SimConfig, ATTENDEES_COLUMNS, BREAKOUTS_COLUMNS, ROOM_DATA_COLUMNS,
};
use serde_json::json;
use support::*;

fn fixed() -> SimConfig {
    SimConfig {
        data_end: Some(END),
        ..SimConfig::default()
    }
}

#[tokio::test]
async fn each_report_matches_the_ground_truth_byte_for_byte() {
    let sim = kaltura_sim::start(fixed()).await.unwrap();
    let ks = primary_ks(&sim);
    let (from, to) = (END - 20 * DAY, END);
    for (kind, columns, params) in [
        (
            ReportKind::RoomData,
            ROOM_DATA_COLUMNS,
            format!("from_date={from};to_date={to}"),
        ),
        (
            ReportKind::Attendees,
            ATTENDEES_COLUMNS,
            format!("from_date={from};to_date={to}"),
        ),
        (
            ReportKind::Breakouts,
            BREAKOUTS_COLUMNS,
            format!("fromDate={from};toDate={to}"),
        ),
    ] {
        let r = post_json(
            &csv_url(&sim),
            json!({"ks": ks, "format": 1, "id": kind.report_id(), "params": params}),
        )
        .await;
        assert_eq!(r.status(), 200);
        assert_eq!(header(&r, "content-type"), Some("text/csv"));
        let body = r.bytes().await.unwrap();
        let rows = sim.expected_rows(kind, from, to, &Filters::default());
        assert!(!rows.is_empty(), "{kind:?}");
        assert_eq!(
            body.as_ref(),
            csv_bytes(columns, &rows).as_slice(),
            "{kind:?}"
        );
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
    assert!(
        text.contains(",Smith  John,"),
        "comma in a name becomes a space"
    );
    assert!(text.contains(",=HYPERLINK(\"http://evil.example\" \"click\"),"));
    for line in text.lines() {
        assert_eq!(
            line.matches(',').count(),
            ATTENDEES_COLUMNS.len() - 1,
            "{line}"
        );
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
    assert_eq!(
        r.bytes().await.unwrap().as_ref(),
        csv_bytes(ROOM_DATA_COLUMNS, &[]).as_slice()
    );
    sim.shutdown().await;
}

async fn fetch(sim: &kaltura_sim::SimHandle, id: u32, params: &str) -> Vec<u8> {
    post_json(
        &csv_url(sim),
        json!({"ks": primary_ks(sim), "format": 1, "id": id, "params": params}),
    )
    .await
    .bytes()
    .await
    .unwrap()
    .to_vec()
}

#[tokio::test]
async fn every_filter_narrows_the_rows_as_the_ground_truth_says() {
    let config = SimConfig {
        data_end: Some(END),
        ..SimConfig::default()
    }
    .with_primary_profile(kaltura_sim::OrgProfile::demo());
    let sim = kaltura_sim::start(config).await.unwrap();
    let (from, to) = (END - 30 * DAY, END);
    let all = sim.expected_rows(ReportKind::Attendees, from, to, &Filters::default());
    let room = all[0][0].clone();
    let session = all[5][1].clone();
    let user = all[7][2].clone();
    let event = sim.org().unwrap().virtual_event_ids()[0].clone();
    let base = format!("from_date={from};to_date={to}");
    let cases = [
        (
            format!(";entry_ids={room}"),
            Filters {
                entry_ids: vec![room.clone()],
                ..Filters::default()
            },
        ),
        (
            format!(";cue_point_ids={session}"),
            Filters {
                cue_point_ids: vec![session.clone()],
                ..Filters::default()
            },
        ),
        (
            format!(";user_ids={user},nobody"),
            Filters {
                user_ids: vec![user.clone(), "nobody".into()],
                ..Filters::default()
            },
        ),
        (
            format!(";virtual_event_ids={event}"),
            Filters {
                virtual_event_ids: vec![event.clone()],
                ..Filters::default()
            },
        ),
    ];
    for (extra, filters) in cases {
        let rows = sim.expected_rows(ReportKind::Attendees, from, to, &filters);
        assert!(!rows.is_empty() && rows.len() < all.len(), "{extra}");
        assert_eq!(
            fetch(&sim, 6001, &format!("{base}{extra}")).await,
            csv_bytes(ATTENDEES_COLUMNS, &rows),
            "{extra}"
        );
    }
    let room_rows = sim.expected_rows(
        ReportKind::RoomData,
        from,
        to,
        &Filters {
            entry_ids: vec![room.clone()],
            ..Filters::default()
        },
    );
    assert!(room_rows.iter().all(|r| r[0] == room) && !room_rows.is_empty());
    assert_eq!(
        fetch(&sim, 6000, &format!("{base};entry_ids={room}")).await,
        csv_bytes(ROOM_DATA_COLUMNS, &room_rows)
    );
    let parent = Filters {
        parent_entry_ids: vec![room.clone()],
        ..Filters::default()
    };
    let breakouts = sim.expected_rows(ReportKind::Breakouts, from, to, &parent);
    assert!(!breakouts.is_empty() && breakouts.iter().all(|r| r[0] == room));
    assert_eq!(
        fetch(
            &sim,
            6002,
            &format!("fromDate={from};toDate={to};parentEntryIds={room}")
        )
        .await,
        csv_bytes(BREAKOUTS_COLUMNS, &breakouts)
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn excluded_fields_drop_exact_column_names() {
    let sim = kaltura_sim::start(fixed()).await.unwrap();
    let (from, to) = (END - 10 * DAY, END);
    let r = post_json(
        &csv_url(&sim),
        json!({"ks": primary_ks(&sim), "format": 1, "id": 6001, "params": format!("from_date={from};to_date={to}"), "excludedFields": "user_email,user_name, user_type"}),
    )
    .await;
    let text = r.text().await.unwrap();
    assert!(text.starts_with("\u{feff}entry_id,cue_point_id,user_id,user_type,meeting_view_time,meeting_engaged_play_time_ratio\n"));
    let rows = sim.expected_rows(ReportKind::Attendees, from, to, &Filters::default());
    assert_eq!(text.lines().count(), rows.len() + 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn same_query_same_bytes_across_requests_and_simulators() {
    let params = format!("from_date={};to_date={END}", END - 25 * DAY);
    let a = kaltura_sim::start(fixed()).await.unwrap();
    let b = kaltura_sim::start(fixed()).await.unwrap();
    let first = fetch(&a, 6001, &params).await;
    assert_eq!(first, fetch(&a, 6001, &params).await);
    assert_eq!(first, fetch(&b, 6001, &params).await);
    let other_seed = kaltura_sim::start(fixed().with_seed(99)).await.unwrap();
    assert_ne!(first, fetch(&other_seed, 6001, &params).await);
    a.shutdown().await;
    b.shutdown().await;
    other_seed.shutdown().await;
}

#[tokio::test]
async fn demo_is_realistic_in_size() {
    let sim = kaltura_sim::start(SimConfig {
        data_end: Some(END),
        ..SimConfig::demo()
    })
    .await
    .unwrap();
    let rows = sim.expected_rows(
        ReportKind::Attendees,
        END - 30 * DAY,
        END,
        &Filters::default(),
    );
    assert!((1_000..10_000).contains(&rows.len()), "{}", rows.len());
    let rooms: std::collections::BTreeSet<&String> = rows.iter().map(|r| &r[0]).collect();
    assert!(rooms.len() >= 5);
    // Data reaches up to the real clock's now when no end is fixed.
    let live = kaltura_sim::start(SimConfig::demo()).await.unwrap();
    assert!(!live
        .expected_rows(
            ReportKind::RoomData,
            now() - 7 * DAY,
            now(),
            &Filters::default()
        )
        .is_empty());
    sim.shutdown().await;
    live.shutdown().await;
}
