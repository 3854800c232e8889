//! The person drill-down, the breakouts rollup and the attention lists over a real library file,
//! each figure against the same figure worked out here by hand from the rows: overlapping
//! snapshots (a corrected session or attendance fetched again, a report kept twice) count once
//! with the newest copy winning; room and date scopes; rooms with too few sessions, missing
//! engagement, an undated session, an even count's median and a drop of exactly ten points.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a step that fails should stop it loudly"
)]

use roomlens::analytics::attention::SessionDrop;
use roomlens::analytics::rollups::RollupScope;
use roomlens::cancel::CancelToken;
use roomlens::library::{Library, SnapshotSource};
use roomlens::reports::{AttendeeRow, BreakoutRow, Report, RoomDataRow};

/// 2026-03-02 10:00 UTC, a Monday.
const MONDAY: i64 = 1_772_445_600;
const DAY: i64 = 86_400;

fn close(found: Option<f64>, expected: f64) {
    let found = found.unwrap_or(f64::NAN);
    assert!((found - expected).abs() < 1e-9, "{found} is not {expected}");
}

fn attendance(
    room: &str,
    session: &str,
    user: &str,
    role: &str,
    minutes: f64,
    ratio: Option<f64>,
) -> AttendeeRow {
    AttendeeRow {
        entry_id: room.into(),
        cue_point_id: session.into(),
        user_id: user.into(),
        user_name: format!("Name {user}").into(),
        user_email: format!("{user}@example.org").into(),
        user_type: role.into(),
        meeting_view_time: Some(minutes),
        meeting_engaged_play_time_ratio: ratio,
        extra: Vec::new(),
    }
}

fn session(
    room: &str,
    name: &str,
    id: &str,
    start: Option<i64>,
    users: u64,
    ratio: Option<f64>,
) -> RoomDataRow {
    RoomDataRow {
        entry_id: room.into(),
        entry_name: name.into(),
        cue_point_id: id.into(),
        session_start_time: start,
        session_end_time: start.map(|s| s + 3600),
        meeting_view_period_unique_users: Some(users),
        meeting_engaged_play_time_ratio: ratio,
        ..Default::default()
    }
}

fn breakout(
    main: &str,
    main_name: &str,
    room: &str,
    session: &str,
    start: i64,
    people: u64,
    ratio: Option<f64>,
) -> BreakoutRow {
    BreakoutRow {
        parent_entry_id: main.into(),
        parent_entry_name: main_name.into(),
        breakout_entry_id: room.into(),
        breakout_entry_name: format!("Breakout {room}").into(),
        cue_point_id: session.into(),
        session_start_time: Some(start),
        session_end_time: Some(start + 900),
        duration: Some(900.0),
        participant_count: Some(people),
        engagement_rate: ratio,
        ..Default::default()
    }
}

/// The main sessions' starts.
const T1: i64 = MONDAY;
const T2: i64 = MONDAY + DAY;
const T3: i64 = MONDAY + 2 * DAY;
const T4: i64 = MONDAY + 3 * DAY;
const U1: i64 = MONDAY + 7 * DAY;
const U2: i64 = MONDAY + 8 * DAY;
const U3: i64 = MONDAY + 9 * DAY;

/// A library holding:
/// - Room data. Town hall (m1): t1 10 users 0.6, t2 4 users 0.5 (an older copy said 9 users,
///   0.9), t3 8 users 0.7, t4 12 users 0.4. Sales (m2): two sessions, and a breakout room b5
///   of m2 (a Room data row with a main room ID). Studio (m3): u1 6 users 0.3, u2 2 users and
///   no engagement, u3 7 users 0.8, u4 1 user 0.1 with no start. The newer report is kept twice.
/// - Attendees: Ada in t1–t4, u1 and u4 (t2's older copy said 0.2, the newer 0.8), Grace,
///   Alan and Kim in t1–t4 (Kim's t2 without engagement), Grace and Lin in breakout room b1 of
///   t1.
/// - Breakout rooms: b1 and b2 of m1 in t1 (b2 corrected by a newer copy), b1 in t3; b9 of a
///   Workshop (m4) no Room data holds.
fn library(dir: &str) -> (Library, std::path::PathBuf) {
    let folder =
        std::env::temp_dir().join(format!("roomlens-attention-{dir}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    let mut library = Library::open(&folder.join("library.sqlite")).unwrap();
    let add = |library: &mut Library, report: Report, at: i64| {
        library
            .add_snapshot(
                &report,
                &SnapshotSource::Fetch {
                    account_name: "Demo".into(),
                    from_unix: MONDAY,
                    to_unix: MONDAY + 14 * DAY,
                    filters: String::new(),
                },
                at,
                &[],
                &|_, _| {},
                &CancelToken::new(),
            )
            .unwrap();
    };
    let town = |id, start, users, ratio| session("m1", "Town hall", id, Some(start), users, ratio);
    let studio = |id, start, users, ratio| session("m3", "Studio", id, start, users, ratio);
    add(
        &mut library,
        Report::RoomData {
            rows: vec![
                town("t1", T1, 10, Some(0.6)),
                town("t2", T2, 9, Some(0.9)),
                town("t3", T3, 8, Some(0.7)),
            ],
            extra_columns: Vec::new(),
        },
        MONDAY + 4 * DAY,
    );
    let newer = Report::RoomData {
        rows: vec![
            town("t2", T2, 4, Some(0.5)),
            town("t3", T3, 8, Some(0.7)),
            town("t4", T4, 12, Some(0.4)),
            session("m2", "Sales", "v1", Some(MONDAY + 4 * DAY), 5, Some(0.5)),
            session("m2", "Sales", "v2", Some(MONDAY + 5 * DAY), 3, Some(0.3)),
            RoomDataRow {
                parent_entry_id: "m2".into(),
                ..session(
                    "b5",
                    "Breakout b5",
                    "v1",
                    Some(MONDAY + 4 * DAY),
                    4,
                    Some(0.9),
                )
            },
            studio("u1", Some(U1), 6, Some(0.3)),
            studio("u2", Some(U2), 2, None),
            studio("u3", Some(U3), 7, Some(0.8)),
            studio("u4", None, 1, Some(0.1)),
        ],
        extra_columns: Vec::new(),
    };
    add(&mut library, newer.clone(), MONDAY + 11 * DAY);
    add(&mut library, newer, MONDAY + 12 * DAY);

    add(
        &mut library,
        Report::Attendees {
            rows: vec![
                attendance("m1", "t1", "ada", "Host", 60.0, Some(0.9)),
                attendance("m1", "t2", "ada", "Attendee", 30.0, Some(0.2)),
                attendance("m1", "t1", "grace", "Attendee", 10.0, Some(0.5)),
                attendance("m1", "t1", "alan", "Attendee", 10.0, Some(0.7)),
            ],
            extra_columns: Vec::new(),
        },
        MONDAY + 4 * DAY,
    );
    let mut rows = vec![
        attendance("m1", "t2", "ada", "Attendee", 30.0, Some(0.8)),
        attendance("m1", "t3", "ada", "Attendee", 20.0, Some(0.6)),
        attendance("m1", "t4", "ada", "Attendee", 10.0, Some(0.5)),
        attendance("m3", "u1", "ada", "Attendee", 40.0, Some(0.4)),
        attendance("m3", "u4", "ada", "Attendee", 5.0, Some(0.0)),
        attendance("m1", "t1", "kim", "Attendee", 10.0, Some(0.9)),
        attendance("m1", "t2", "kim", "Attendee", 10.0, None),
        attendance("m1", "t3", "kim", "Attendee", 10.0, Some(0.1)),
        attendance("m1", "t4", "kim", "Attendee", 10.0, Some(0.1)),
        attendance("b1", "t1", "grace", "Attendee", 10.0, Some(0.5)),
        attendance("b1", "t1", "lin", "Attendee", 10.0, Some(0.5)),
    ];
    for s in ["t2", "t3", "t4"] {
        rows.push(attendance("m1", s, "grace", "Attendee", 10.0, Some(0.5)));
        rows.push(attendance("m1", s, "alan", "Attendee", 10.0, Some(0.6)));
    }
    add(
        &mut library,
        Report::Attendees {
            rows,
            extra_columns: Vec::new(),
        },
        MONDAY + 10 * DAY,
    );

    add(
        &mut library,
        Report::Breakouts {
            rows: vec![
                breakout("m1", "Town hall", "b1", "t1", T1 + 600, 3, Some(0.5)),
                breakout("m1", "Town hall", "b2", "t1", T1 + 600, 5, Some(0.9)),
            ],
            extra_columns: Vec::new(),
        },
        MONDAY + 4 * DAY,
    );
    add(
        &mut library,
        Report::Breakouts {
            rows: vec![
                breakout("m1", "Town hall", "b2", "t1", T1 + 600, 4, Some(0.8)),
                breakout("m1", "Town hall", "b1", "t3", T3 + 600, 2, Some(0.2)),
                breakout("m4", "Workshop", "b9", "w1", MONDAY + DAY, 6, None),
            ],
            extra_columns: Vec::new(),
        },
        MONDAY + 11 * DAY,
    );
    (library, folder)
}

fn room(id: &str) -> RollupScope {
    RollupScope {
        room_id: Some(id.into()),
        ..RollupScope::default()
    }
}

/// The first three days: t1, t2 and t3 start in them, nothing else of m1 or m3.
fn first_days() -> RollupScope {
    RollupScope {
        from: Some(MONDAY),
        to: Some(MONDAY + 3 * DAY),
        room_id: None,
    }
}

/// Room ID, room name, session ID, start, minutes.
type Seen<'a> = (&'a str, &'a str, &'a str, Option<i64>, Option<f64>);

#[test]
fn a_persons_sessions_newest_first_with_the_newest_copy() {
    let (library, folder) = library("person");
    let cancel = CancelToken::new();
    let people = library.people(&RollupScope::default(), &cancel).unwrap();
    let ada = people.people.iter().find(|p| p.user_id == "ada").unwrap();
    assert_eq!(
        ada.person, "ada",
        "the rollup hands out the drill-down's key"
    );

    let sessions = library
        .person_sessions(&ada.person, &RollupScope::default(), &cancel)
        .unwrap();
    let seen: Vec<Seen<'_>> = sessions
        .iter()
        .map(|s| {
            (
                s.room_id.as_str(),
                s.room_name.as_str(),
                s.session_id.as_str(),
                s.session_start,
                s.minutes,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("m3", "Studio", "u1", Some(U1), Some(40.0)),
            ("m1", "Town hall", "t4", Some(T4), Some(10.0)),
            ("m1", "Town hall", "t3", Some(T3), Some(20.0)),
            ("m1", "Town hall", "t2", Some(T2), Some(30.0)),
            ("m1", "Town hall", "t1", Some(T1), Some(60.0)),
            ("m3", "Studio", "u4", None, Some(5.0)),
        ],
        "newest first, the undated session last"
    );
    close(sessions[3].engagement_pct, 80.0);
    assert_eq!(sessions[3].role, "Attendee");
    assert_eq!(sessions[3].session_end, Some(T2 + 3600));
    assert_eq!(sessions[4].role, "Host");
    close(sessions[4].engagement_pct, 90.0);
    assert_eq!(sessions[5].session_end, None);

    let studio: Vec<String> = library
        .person_sessions("ada", &room("m3"), &cancel)
        .unwrap()
        .into_iter()
        .map(|s| s.session_id)
        .collect();
    assert_eq!(studio, ["u1", "u4"]);
    let dated: Vec<String> = library
        .person_sessions("ada", &first_days(), &cancel)
        .unwrap()
        .into_iter()
        .map(|s| s.session_id)
        .collect();
    assert_eq!(dated, ["t3", "t2", "t1"], "the undated session is out");
    assert!(library
        .person_sessions("nobody", &RollupScope::default(), &cancel)
        .unwrap()
        .is_empty());
    let _ = std::fs::remove_dir_all(folder);
}

#[test]
fn breakouts_beside_their_main_rooms() {
    let (library, folder) = library("breakouts");
    let cancel = CancelToken::new();
    let rooms = library
        .breakout_rollup(&RollupScope::default(), &cancel)
        .unwrap();
    let order: Vec<(&str, &str, u64)> = rooms
        .iter()
        .map(|r| {
            (
                r.room_id.as_str(),
                r.room_name.as_str(),
                r.main_participants,
            )
        })
        .collect();
    // m1: 10 + 4 + 8 + 12; m3: 6 + 2 + 7 + 1 (the undated one counts without dates); m2: 5 + 3.
    assert_eq!(
        order,
        [
            ("m1", "Town hall", 34),
            ("m3", "Studio", 16),
            ("m2", "Sales", 8),
            ("m4", "Workshop", 0),
        ],
        "most main participants first; b5 is no main room"
    );
    let town = &rooms[0];
    assert_eq!(town.main_sessions, 4);
    close(
        town.main_engagement_pct,
        (10.0 * 0.6 + 4.0 * 0.5 + 8.0 * 0.7 + 12.0 * 0.4) / 34.0 * 100.0,
    );
    assert_eq!(
        (
            town.breakout_rooms,
            town.sessions_with_breakouts,
            town.breakout_sessions,
            town.breakout_participants
        ),
        (2, 2, 3, 3 + 4 + 2),
        "b2 in t1 once, its newer copy"
    );
    close(
        town.breakout_engagement_pct,
        (3.0 * 0.5 + 4.0 * 0.8 + 2.0 * 0.2) / 9.0 * 100.0,
    );
    // t1: Ada, Grace, Alan and Kim in the main room, Grace and Lin in b1: 2 of 5 people.
    // t3 has no breakout attendance kept, so it is not counted.
    close(town.joined_breakout_pct, 40.0);

    let studio = &rooms[1];
    assert_eq!((studio.main_sessions, studio.breakout_sessions), (4, 0));
    close(
        studio.main_engagement_pct,
        (6.0 * 0.3 + 7.0 * 0.8 + 1.0 * 0.1) / 14.0 * 100.0,
    );
    let sales = &rooms[2];
    assert_eq!(
        (
            sales.main_sessions,
            sales.breakout_sessions,
            sales.breakout_participants
        ),
        (2, 0, 0),
        "Room data's breakout rows are not counted"
    );
    assert_eq!(
        (sales.breakout_engagement_pct, sales.joined_breakout_pct),
        (None, None)
    );
    close(
        sales.main_engagement_pct,
        (5.0 * 0.5 + 3.0 * 0.3) / 8.0 * 100.0,
    );
    let workshop = &rooms[3];
    assert_eq!(
        (
            workshop.main_sessions,
            workshop.breakout_sessions,
            workshop.breakout_participants,
            workshop.main_engagement_pct,
            workshop.breakout_engagement_pct
        ),
        (0, 1, 6, None, None)
    );

    // The first three days: t1–t3 and both breakouts of m1; the Workshop's breakout (Tuesday).
    let first = library.breakout_rollup(&first_days(), &cancel).unwrap();
    assert_eq!(
        first
            .iter()
            .map(|r| (r.room_id.as_str(), r.main_sessions, r.main_participants))
            .collect::<Vec<_>>(),
        [("m1", 3, 22), ("m4", 0, 0)]
    );
    close(
        first[0].main_engagement_pct,
        (10.0 * 0.6 + 4.0 * 0.5 + 8.0 * 0.7) / 22.0 * 100.0,
    );
    assert_eq!(first[0].breakout_sessions, 3);
    let workshop_only = library.breakout_rollup(&room("m4"), &cancel).unwrap();
    assert_eq!(workshop_only.len(), 1);
    assert_eq!(workshop_only[0].room_id, "m4");
    let _ = std::fs::remove_dir_all(folder);
}

fn drops(list: &[SessionDrop]) -> Vec<(&str, &str)> {
    list.iter()
        .map(|d| (d.room_id.as_str(), d.session_id.as_str()))
        .collect()
}

#[test]
fn sessions_below_their_rooms_median() {
    let (library, folder) = library("sessions");
    let cancel = CancelToken::new();
    let attention = library.attention(&RollupScope::default(), &cancel).unwrap();
    // Town hall users 10, 4, 8, 12: median (8 + 10) / 2 = 9; engagement 0.6, 0.5, 0.7, 0.4:
    // median (0.5 + 0.6) / 2 = 0.55. Studio: u1, u2, u3 dated (u4 is not), users 6, 2, 7:
    // median 6; engagement known for two only: no median. Sales has two sessions: left out.
    assert_eq!(
        drops(&attention.sessions),
        [("m3", "u2"), ("m1", "t2"), ("m1", "t3"), ("m1", "t4")],
        "worst attendance change first"
    );
    let u2 = &attention.sessions[0];
    assert_eq!(
        (u2.room_name.as_str(), u2.start, u2.users),
        ("Studio", Some(U2), Some(2))
    );
    close(u2.room_median_users, 6.0);
    close(u2.attendance_change_pct, (2.0 - 6.0) / 6.0 * 100.0);
    assert_eq!(
        (
            u2.engagement_pct,
            u2.room_median_engagement_pct,
            u2.engagement_change_points
        ),
        (None, None, None)
    );
    let t2 = &attention.sessions[1];
    assert_eq!((t2.room_name.as_str(), t2.users), ("Town hall", Some(4)));
    close(t2.room_median_users, 9.0);
    close(t2.attendance_change_pct, (4.0 - 9.0) / 9.0 * 100.0);
    close(t2.engagement_pct, 50.0);
    close(t2.room_median_engagement_pct, 55.0);
    close(t2.engagement_change_points, -5.0);
    let t3 = &attention.sessions[2];
    close(t3.attendance_change_pct, (8.0 - 9.0) / 9.0 * 100.0);
    close(t3.engagement_change_points, 15.0);
    let t4 = &attention.sessions[3];
    close(t4.attendance_change_pct, (12.0 - 9.0) / 9.0 * 100.0);
    close(t4.engagement_change_points, -15.0);

    // Town hall alone: the same three.
    let town = library.attention(&room("m1"), &cancel).unwrap();
    assert_eq!(
        drops(&town.sessions),
        [("m1", "t2"), ("m1", "t3"), ("m1", "t4")]
    );
    // The first three days: t1, t2, t3; users 10, 4, 8 (median 8), engagement 0.6, 0.5, 0.7
    // (median 0.6): only t2 is below. Studio and Sales have no session there.
    let first = library.attention(&first_days(), &cancel).unwrap();
    assert_eq!(drops(&first.sessions), [("m1", "t2")]);
    close(first.sessions[0].room_median_users, 8.0);
    close(first.sessions[0].attendance_change_pct, -50.0);
    close(first.sessions[0].engagement_change_points, -10.0);
    let _ = std::fs::remove_dir_all(folder);
}

#[test]
fn people_whose_engagement_dropped() {
    let (library, folder) = library("people");
    let cancel = CancelToken::new();
    let attention = library.attention(&RollupScope::default(), &cancel).unwrap();
    // Ada, dated and rated: t1 60 min 0.9, t2 30 min 0.8 (newer copy), t3 20 min 0.6, t4 10 min
    // 0.5, u1 40 min 0.4 (u4 is undated). Earlier t1, t2; recent t3, t4, u1.
    // Alan: t1 0.7, then 0.6 three times, 10 min each: exactly ten points.
    // Grace: 0.5 throughout. Kim: four dated sessions, one without engagement: three rated.
    let who: Vec<(&str, u64)> = attention
        .people
        .iter()
        .map(|p| (p.person.as_str(), p.sessions))
        .collect();
    assert_eq!(who, [("ada", 5), ("alan", 4)]);
    let ada = &attention.people[0];
    assert_eq!(
        (ada.user_id.as_str(), ada.name.as_str(), ada.email.as_str()),
        ("ada", "Name ada", "ada@example.org")
    );
    let earlier = (60.0 * 0.9 + 30.0 * 0.8) / 90.0 * 100.0;
    let recent = (20.0 * 0.6 + 10.0 * 0.5 + 40.0 * 0.4) / 70.0 * 100.0;
    close(Some(ada.earlier_pct), earlier);
    close(Some(ada.recent_pct), recent);
    close(Some(ada.drop_points), earlier - recent);
    assert_eq!(ada.last_seen, Some(U1));
    let alan = &attention.people[1];
    close(Some(alan.earlier_pct), 70.0);
    close(Some(alan.recent_pct), 60.0);
    close(Some(alan.drop_points), 10.0);
    assert_eq!(alan.last_seen, Some(T4));

    // Town hall alone: Ada's earlier is t1 only, recent t2, t3, t4.
    let town = library.attention(&room("m1"), &cancel).unwrap();
    assert_eq!(
        town.people
            .iter()
            .map(|p| p.person.as_str())
            .collect::<Vec<_>>(),
        ["ada", "alan"]
    );
    close(Some(town.people[0].earlier_pct), 90.0);
    close(
        Some(town.people[0].recent_pct),
        (30.0 * 0.8 + 20.0 * 0.6 + 10.0 * 0.5) / 60.0 * 100.0,
    );
    assert_eq!(town.people[0].last_seen, Some(T4));
    // Three days hold three sessions at most: nobody qualifies.
    let first = library.attention(&first_days(), &cancel).unwrap();
    assert!(first.people.is_empty());
    let _ = std::fs::remove_dir_all(folder);
}
