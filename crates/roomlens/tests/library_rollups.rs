//! The rollups over a real library file, each figure against the same figure worked out here by
//! hand from the rows: overlapping snapshots (the same session fetched twice, a file kept twice)
//! count once with the newest copy winning, people across rooms with first and last seen from the
//! kept Room data, the room and date scopes, and rooms per week.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a step that fails should stop it loudly"
)]

use jiff::tz::TimeZone;
use roomlens::analytics::rollups::{RollupScope, TrendPeriod};
use roomlens::cancel::CancelToken;
use roomlens::library::{Library, SnapshotSource};
use roomlens::reports::{AttendeeRow, Report, RoomDataRow};

/// 2026-03-02 10:00 UTC, a Monday.
const MONDAY: i64 = 1_772_445_600;
const DAY: i64 = 86_400;

fn attendance(
    room: &str,
    session: &str,
    user: &str,
    name: &str,
    role: &str,
    minutes: f64,
    ratio: f64,
) -> AttendeeRow {
    AttendeeRow {
        entry_id: room.into(),
        cue_point_id: session.into(),
        user_id: user.into(),
        user_name: name.into(),
        user_email: format!("{}@example.org", name.to_lowercase().replace(' ', ".")).into(),
        user_type: role.into(),
        meeting_view_time: Some(minutes),
        meeting_engaged_play_time_ratio: Some(ratio),
        extra: Vec::new(),
    }
}

fn session(
    room: &str,
    name: &str,
    id: &str,
    start: i64,
    minutes: i64,
    users: u64,
    ratio: f64,
) -> RoomDataRow {
    RoomDataRow {
        entry_id: room.into(),
        entry_name: name.into(),
        cue_point_id: id.into(),
        session_start_time: Some(start),
        session_end_time: Some(start + minutes * 60),
        meeting_view_period_unique_users: Some(users),
        meeting_engaged_play_time_ratio: Some(ratio),
        ..Default::default()
    }
}

fn fetched(from: i64) -> SnapshotSource {
    SnapshotSource::Fetch {
        account_name: "Demo".into(),
        from_unix: from,
        to_unix: from + 7 * DAY,
        filters: String::new(),
    }
}

fn library(dir: &str) -> (Library, std::path::PathBuf) {
    let folder =
        std::env::temp_dir().join(format!("roomlens-rollups-{dir}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let mut library = Library::open(&folder.join("library.sqlite")).unwrap();
    let add = |library: &mut Library, report: Report, at: i64| {
        library
            .add_snapshot(
                &report,
                &fetched(at),
                at,
                &[],
                &|_, _| {},
                &CancelToken::new(),
            )
            .unwrap();
    };
    // An older attendees fetch: s1 and s2 of room r1.
    add(
        &mut library,
        Report::Attendees {
            rows: vec![
                attendance("r1", "s1", "ada", "Ada Lovelace", "Host", 10.0, 0.9),
                attendance("r1", "s1", "grace", "Grace Hopper", "Attendee", 20.0, 0.5),
                attendance("r1", "s2", "ada", "Ada Lovelace", "Host", 30.0, 0.1),
            ],
            extra_columns: Vec::new(),
        },
        MONDAY + 3 * DAY,
    );
    // A newer one overlapping s2 (Ada's figures there corrected) and adding s3 in room r2.
    add(
        &mut library,
        Report::Attendees {
            rows: vec![
                attendance("r1", "s2", "ada", "Ada Lovelace", "Attendee", 40.0, 0.6),
                attendance("r2", "s3", "alan", "Alan Turing", "Attendee", 5.0, 0.2),
                attendance("r2", "s3", "ada", "Ada Lovelace", "Attendee", 15.0, 1.0),
            ],
            extra_columns: Vec::new(),
        },
        MONDAY + 9 * DAY,
    );
    // Room data: s1 Monday, s2 Tuesday, s3 a week later; fetched twice (counted once).
    let rooms = Report::RoomData {
        rows: vec![
            session("r1", "Town hall", "s1", MONDAY, 60, 2, 0.7),
            session("r1", "Town hall", "s2", MONDAY + DAY, 90, 1, 0.6),
            session("r2", "Sales", "s3", MONDAY + 7 * DAY, 30, 2, 0.4),
        ],
        extra_columns: Vec::new(),
    };
    add(&mut library, rooms.clone(), MONDAY + 10 * DAY);
    add(&mut library, rooms, MONDAY + 11 * DAY);
    (library, folder)
}

#[test]
fn people_count_each_attendance_once_the_newest_copy_winning() {
    let (library, folder) = library("people");
    let rollup = library
        .people(&RollupScope::default(), &CancelToken::new())
        .unwrap();
    assert_eq!(rollup.undated, 0);
    let names: Vec<&str> = rollup.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["Ada Lovelace", "Grace Hopper", "Alan Turing"],
        "most minutes first"
    );
    let ada = &rollup.people[0];
    // s1 10 min at 0.9, s2 40 min at 0.6 (the newer copy), s3 15 min at 1.0.
    assert_eq!(ada.sessions, 3);
    assert_eq!(ada.rooms, 2);
    assert_eq!(ada.minutes, 65.0);
    let expected = (10.0 * 0.9 + 40.0 * 0.6 + 15.0 * 1.0) / 65.0 * 100.0;
    assert!((ada.engagement_pct.unwrap() - expected).abs() < 1e-9);
    assert_eq!(ada.first_seen, Some(MONDAY));
    assert_eq!(ada.last_seen, Some(MONDAY + 7 * DAY));
    assert_eq!(ada.roles, ["Attendee", "Host"]);
    assert_eq!(ada.email, "ada.lovelace@example.org");
    let grace = &rollup.people[1];
    assert_eq!(
        (grace.sessions, grace.minutes, grace.engagement_pct),
        (1, 20.0, Some(50.0))
    );

    // One room; then one week of dates.
    let r2 = library
        .people(
            &RollupScope {
                room_id: Some("r2".into()),
                ..RollupScope::default()
            },
            &CancelToken::new(),
        )
        .unwrap();
    assert_eq!(
        r2.people
            .iter()
            .map(|p| (p.name.as_str(), p.minutes))
            .collect::<Vec<_>>(),
        [("Ada Lovelace", 15.0), ("Alan Turing", 5.0)]
    );
    let first_week = library
        .people(
            &RollupScope {
                from: Some(MONDAY - DAY),
                to: Some(MONDAY + 7 * DAY - 1),
                room_id: None,
            },
            &CancelToken::new(),
        )
        .unwrap();
    assert_eq!(
        first_week
            .people
            .iter()
            .map(|p| (p.name.as_str(), p.minutes))
            .collect::<Vec<_>>(),
        [("Ada Lovelace", 50.0), ("Grace Hopper", 20.0)]
    );
    let _ = std::fs::remove_dir_all(folder);
}

#[test]
fn attendances_without_a_dated_session_are_counted_and_said_when_dates_are_asked() {
    let folder =
        std::env::temp_dir().join(format!("roomlens-rollups-undated-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let mut library = Library::open(&folder.join("library.sqlite")).unwrap();
    library
        .add_snapshot(
            &Report::Attendees {
                rows: vec![attendance("r9", "s9", "kim", "Kim", "", 12.0, 0.5)],
                extra_columns: Vec::new(),
            },
            &fetched(MONDAY),
            MONDAY,
            &[],
            &|_, _| {},
            &CancelToken::new(),
        )
        .unwrap();
    let all = library
        .people(&RollupScope::default(), &CancelToken::new())
        .unwrap();
    assert_eq!(all.people.len(), 1);
    assert_eq!(all.people[0].first_seen, None);
    let dated = library
        .people(
            &RollupScope {
                from: Some(0),
                to: None,
                room_id: None,
            },
            &CancelToken::new(),
        )
        .unwrap();
    assert!(dated.people.is_empty());
    assert_eq!(dated.undated, 1);
    let _ = std::fs::remove_dir_all(folder);
}

#[test]
fn rooms_per_week_count_sessions_people_hours_and_engagement() {
    let (library, folder) = library("rooms");
    let weeks = library
        .room_trends(
            TrendPeriod::Week,
            &TimeZone::UTC,
            &RollupScope::default(),
            &CancelToken::new(),
        )
        .unwrap();
    assert_eq!(weeks.len(), 2);
    let town_hall = &weeks[0];
    assert_eq!(
        (
            town_hall.room_id.as_str(),
            town_hall.name.as_str(),
            town_hall.period.as_str()
        ),
        ("r1", "Town hall", "2026-03-02")
    );
    assert_eq!(town_hall.sessions, 2, "room data fetched twice counts once");
    assert_eq!(town_hall.unique_attendees, 2, "Ada and Grace");
    assert_eq!(town_hall.hours, 2.5);
    let expected = (0.7 * 2.0 + 0.6 * 1.0) / 3.0 * 100.0;
    assert!((town_hall.engagement_pct.unwrap() - expected).abs() < 1e-9);
    let sales = &weeks[1];
    assert_eq!(
        (
            sales.room_id.as_str(),
            sales.period.as_str(),
            sales.sessions,
            sales.unique_attendees
        ),
        ("r2", "2026-03-09", 1, 2)
    );
    let months = library
        .room_trends(
            TrendPeriod::Month,
            &TimeZone::UTC,
            &RollupScope::default(),
            &CancelToken::new(),
        )
        .unwrap();
    assert_eq!(
        months.iter().map(|m| m.period.as_str()).collect::<Vec<_>>(),
        ["2026-03-01", "2026-03-01"]
    );
    let _ = std::fs::remove_dir_all(folder);
}
