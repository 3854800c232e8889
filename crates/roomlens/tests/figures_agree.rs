//! The figures Roomlens shows mean what their labels say, checked across reports of the
//! simulator's whole organisation for the same month: Room data's main-room sessions are the
//! sessions people attended (Attendees), its attendances are the attendee rows, breakout rooms are
//! counted apart, and unique people equal a count made here independently of the summaries.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

#[allow(dead_code)]
mod sim_client;

use kaltura_sim::SimConfig;
use roomlens::analytics::{summarize, Summary};
use roomlens::cancel::CancelToken;
use roomlens::kaltura::{fetch_report, DateRange, FetchRequest, ReportFilters};
use roomlens::reports::{Report, ReportKind};
use sim_client::{client_for, quick_options, start_sim};
use std::collections::HashSet;

const DATA_END: i64 = 1_780_000_000;

async fn fetch(sim: &kaltura_sim::SimHandle, kind: ReportKind) -> Report {
    let request = FetchRequest {
        kind,
        range: DateRange {
            from_unix: DATA_END - 30 * 86_400,
            to_unix: DATA_END,
            zone: "UTC".into(),
        },
        filters: ReportFilters::default(),
    };
    fetch_report(
        &client_for(sim, quick_options()),
        &request,
        &|_| {},
        &CancelToken::new(),
    )
    .await
    .unwrap()
    .report
}

#[tokio::test]
async fn room_data_and_attendees_count_the_same_sessions_and_people() {
    let sim = start_sim(SimConfig {
        data_end: Some(DATA_END),
        ..SimConfig::default()
    })
    .await;
    let room_data = fetch(&sim, ReportKind::RoomData).await;
    let attendees = fetch(&sim, ReportKind::Attendees).await;
    let (Summary::RoomData(rooms), Summary::Attendees(people)) =
        (summarize(&room_data), summarize(&attendees))
    else {
        panic!("each report summarises as its kind");
    };
    let Report::Attendees { rows, .. } = &attendees else {
        panic!("an attendees report");
    };
    let Report::RoomData {
        rows: room_rows, ..
    } = &room_data
    else {
        panic!("a room data report");
    };
    assert!(rooms.sessions > 0 && !rows.is_empty(), "the month has data");
    assert!(
        rooms.breakout_sessions > 0,
        "the organisation uses breakout rooms, so the split is tested"
    );

    // Sessions: Room data's main-room sessions are the sessions people attended.
    let attended: HashSet<(&str, &str)> = rows
        .iter()
        .map(|r| (r.entry_id.as_str(), r.cue_point_id.as_str()))
        .collect();
    assert_eq!(rooms.sessions, attended.len() as u64);
    assert_eq!(rooms.sessions, people.sessions);
    assert_eq!(rooms.rooms, people.rooms, "main rooms");

    // Breakouts: rows naming a main room, counted apart and independently here.
    let breakout_rows: Vec<_> = room_rows
        .iter()
        .filter(|r| !r.parent_entry_id.is_empty())
        .collect();
    let breakout_sessions: HashSet<(&str, &str)> = breakout_rows
        .iter()
        .map(|r| (r.entry_id.as_str(), r.cue_point_id.as_str()))
        .collect();
    assert_eq!(rooms.breakout_sessions, breakout_sessions.len() as u64);
    assert_eq!(
        rooms.sessions + rooms.breakout_sessions,
        room_rows.len() as u64,
        "every Room data row is one session, main or breakout"
    );

    // Attendances: people × sessions, which is one attendee row each.
    assert_eq!(rooms.attendances, rows.len() as u64);

    // People: counted here by the documented rule (user ID, else e-mail, else name).
    let independent: HashSet<String> = rows
        .iter()
        .map(|r| {
            if !r.user_id.is_empty() {
                format!("id {}", r.user_id)
            } else if !r.user_email.trim().is_empty() {
                format!("mail {}", r.user_email.trim().to_lowercase())
            } else {
                format!("name {}", r.user_name.trim())
            }
        })
        .collect();
    assert_eq!(people.unique_users, independent.len() as u64);
    assert!(
        people.unique_users < rooms.attendances,
        "people who came more than once make attendances larger than people"
    );
    sim.shutdown().await;
}
