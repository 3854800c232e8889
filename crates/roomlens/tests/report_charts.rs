//! The custom reports' charts against figures computed here, independently, from the same rows:
//! sessions and attendees per day (in the person's zone), engagement per room with "Others",
//! session lengths, people by minutes / engagement / role, breakout rooms by main room; the search
//! narrowing every chart; hostile names as escaped text; notes for what is left out.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use jiff::tz::TimeZone;
use roomlens::report_charts::{report_chart, report_charts, ReportChart};
use roomlens::reports::{AttendeeRow, BreakoutRow, Report, RoomDataRow};
use roomlens::table_view::TableIndex;

/// 2026-03-02 10:00 UTC, a Monday.
const MONDAY: i64 = 1_772_445_600;
const DAY: i64 = 86_400;

fn session(
    room: &str,
    name: &str,
    start: Option<i64>,
    minutes: i64,
    users: u64,
    ratio: f64,
) -> RoomDataRow {
    RoomDataRow {
        entry_id: room.into(),
        entry_name: name.into(),
        cue_point_id: format!("{room}-{start:?}").into(),
        session_start_time: start,
        session_end_time: start.map(|s| s + minutes * 60),
        meeting_view_period_unique_users: Some(users),
        meeting_engaged_play_time_ratio: Some(ratio),
        ..Default::default()
    }
}

fn chart<'a>(charts: &'a [ReportChart], key: &str) -> &'a ReportChart {
    charts
        .iter()
        .find(|c| c.key == key)
        .unwrap_or_else(|| panic!("no {key} chart"))
}

fn well_formed(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn room_data_per_day_engagement_per_room_and_lengths() {
    let mut rows = vec![
        session("r0", "Town hall", Some(MONDAY), 45, 10, 0.5),
        session("r0", "Town hall", Some(MONDAY + 3600), 100, 5, 0.8),
        session("r1", "Sales", Some(MONDAY + 2 * DAY), 10, 7, 0.2),
        session("r1", "Sales", None, 0, 3, 0.9),
    ];
    // A breakout session: not a main session, so not counted.
    rows.push(RoomDataRow {
        parent_entry_id: "r0".into(),
        ..session("b1", "Breakout", Some(MONDAY), 20, 4, 0.1)
    });
    // Sixteen more rooms, so the top fifteen by attendees and "Others".
    for i in 2..18u64 {
        rows.push(session(
            &format!("r{i}"),
            &format!("Room {i}"),
            Some(MONDAY + DAY),
            300,
            i,
            0.05 * (i % 10) as f64,
        ));
    }
    let report = Report::RoomData {
        rows: rows.clone(),
        extra_columns: Vec::new(),
    };
    let charts = report_charts(&report, None, &TimeZone::UTC, false).unwrap();
    assert_eq!(
        charts.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
        [
            "sessions-per-period",
            "attendees-per-period",
            "engagement-per-room",
            "session-lengths"
        ]
    );

    let sessions = &chart(&charts, "sessions-per-period").chart;
    assert_eq!(sessions.title, "Sessions per day");
    assert_eq!(
        sessions.columns,
        ["Session start, by day (UTC)", "Sessions"]
    );
    assert_eq!(
        sessions.rows,
        vec![
            vec!["2 Mar".to_owned(), "2".into()],
            vec!["3 Mar".into(), "16".into()],
            vec!["4 Mar".into(), "1".into()],
        ]
    );
    let attendees = &chart(&charts, "attendees-per-period").chart;
    let expected_attendees_day2: u64 = (2..18).sum();
    assert_eq!(
        attendees
            .rows
            .iter()
            .map(|r| r[1].clone())
            .collect::<Vec<_>>(),
        [
            "15".to_owned(),
            expected_attendees_day2.to_string(),
            "7".into()
        ]
    );
    for per_day in [sessions, attendees] {
        let note = per_day.note.as_deref().unwrap();
        assert!(note.contains("1 session has no start time"), "{note}");
        assert!(note.contains("1 breakout session is not counted"), "{note}");
    }

    // Engagement per room: the 15 rooms with most attendees, by engagement; the rest weighted.
    let rooms = &chart(&charts, "engagement-per-room").chart;
    assert_eq!(
        rooms.title,
        "Average engagement of the 15 rooms with the most attendees"
    );
    assert_eq!(rooms.rows.len(), 16);
    let mut totals: Vec<(String, u64, f64, f64)> = Vec::new(); // name, attendees, Σ ratio·users, Σ users
    for r in rows.iter().filter(|r| r.parent_entry_id.is_empty()) {
        let users = r.meeting_view_period_unique_users.unwrap();
        match totals.iter_mut().find(|t| t.0 == r.entry_name.as_str()) {
            Some(t) => {
                t.1 += users;
                t.2 += r.meeting_engaged_play_time_ratio.unwrap() * users as f64;
                t.3 += users as f64;
            }
            None => totals.push((
                r.entry_name.as_str().to_owned(),
                users,
                r.meeting_engaged_play_time_ratio.unwrap() * users as f64,
                users as f64,
            )),
        }
    }
    totals.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let rest = totals.split_off(15);
    let others = rest.iter().map(|t| t.2).sum::<f64>() / rest.iter().map(|t| t.3).sum::<f64>();
    let last = rooms.rows.last().unwrap();
    assert_eq!(last[0], format!("Others ({} rooms)", rest.len()));
    assert_eq!(last[1], format!("{:.1}%", others * 100.0));
    let shown: Vec<f64> = rooms.rows[..15]
        .iter()
        .map(|r| r[1].trim_end_matches('%').parse().unwrap())
        .collect();
    assert!(
        shown.windows(2).all(|w| w[0] >= w[1]),
        "highest engagement first: {shown:?}"
    );
    let town_hall = rooms.rows.iter().find(|r| r[0] == "Town hall").unwrap();
    assert_eq!(
        town_hall[1],
        format!("{:.1}%", (0.5 * 10.0 + 0.8 * 5.0) / 15.0 * 100.0)
    );
    assert_eq!(town_hall[2], "2 sessions · 15 attendees");

    let lengths = &chart(&charts, "session-lengths").chart;
    let count = |label: &str| lengths.rows.iter().find(|r| r[0] == label).unwrap()[1].clone();
    assert_eq!(count("Under 15 min"), "1");
    assert_eq!(count("30–60 min"), "1");
    assert_eq!(count("1–2 h"), "1");
    assert_eq!(count("4 h or more"), "16");
    assert!(lengths
        .note
        .as_deref()
        .unwrap()
        .contains("1 session has no start or end time"));
    for c in &charts {
        well_formed(&c.chart.svg);
    }
}

#[test]
fn the_zone_moves_sessions_between_days() {
    // 23:30 UTC on Monday is Tuesday morning in Tokyo.
    let rows = vec![
        session("r", "Room", Some(MONDAY + 13 * 3600 + 1800), 30, 1, 0.5),
        session("r", "Room", Some(MONDAY), 30, 1, 0.5),
    ];
    let report = Report::RoomData {
        rows,
        extra_columns: Vec::new(),
    };
    let utc = report_chart(&report, None, &TimeZone::UTC, "sessions-per-period").unwrap();
    assert_eq!(utc.rows.len(), 1);
    let tokyo = TimeZone::get("Asia/Tokyo").unwrap();
    let there = report_chart(&report, None, &tokyo, "sessions-per-period").unwrap();
    assert_eq!(
        there.rows.iter().map(|r| r[1].as_str()).collect::<Vec<_>>(),
        ["1", "1"]
    );
    assert_eq!(there.columns[0], "Session start, by day (Asia/Tokyo)");
    assert!(report_chart(&report, None, &tokyo, "no-such-chart").is_err());
}

fn attendee(
    user: &str,
    name: &str,
    role: &str,
    session: &str,
    minutes: Option<f64>,
    ratio: Option<f64>,
) -> AttendeeRow {
    AttendeeRow {
        entry_id: "room".into(),
        cue_point_id: session.into(),
        user_id: user.into(),
        user_name: name.into(),
        user_type: role.into(),
        meeting_view_time: minutes,
        meeting_engaged_play_time_ratio: ratio,
        ..Default::default()
    }
}

#[test]
fn attendees_count_people_by_minutes_engagement_and_role_and_follow_the_search() {
    let rows = vec![
        attendee("u1", "Ada Lovelace", "Host", "s1", Some(3.0), Some(0.95)),
        attendee("u1", "Ada Lovelace", "Host", "s2", Some(4.0), Some(0.85)),
        attendee(
            "u2",
            "Grace Hopper",
            "Attendee",
            "s1",
            Some(50.0),
            Some(0.42),
        ),
        attendee("u3", "Alan Turing", "Attendee", "s1", Some(300.0), None),
        attendee(
            "u4",
            "<script>alert(1)</script>",
            "",
            "s2",
            None,
            Some(0.05),
        ),
    ];
    let report = Report::Attendees {
        rows,
        extra_columns: Vec::new(),
    };
    let charts = report_charts(&report, None, &TimeZone::UTC, true).unwrap();
    assert_eq!(
        charts.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
        ["participation-time", "engagement-rate", "people-per-role"]
    );
    let minutes = &chart(&charts, "participation-time").chart;
    let count = |rows: &Vec<Vec<String>>, label: &str| {
        rows.iter().find(|r| r[0] == label).unwrap()[1].clone()
    };
    // Ada 7 min over two sessions, Grace 50, Alan 300, the script-named person 0.
    assert_eq!(count(&minutes.rows, "Under 5 min"), "1");
    assert_eq!(count(&minutes.rows, "5–15 min"), "1");
    assert_eq!(count(&minutes.rows, "30–60 min"), "1");
    assert_eq!(count(&minutes.rows, "4 h or more"), "1");

    let engagement = &chart(&charts, "engagement-rate").chart;
    assert_eq!(engagement.rows.len(), 10);
    // Ada's rate weighted by minutes: (3·0.95 + 4·0.85) / 7 = 0.893 → 80–90%.
    assert_eq!(count(&engagement.rows, "80–90%"), "1");
    assert_eq!(count(&engagement.rows, "40–50%"), "1");
    assert_eq!(count(&engagement.rows, "0–10%"), "1");
    assert_eq!(
        engagement.note.as_deref(),
        Some("1 person has no engagement rate and is not counted.")
    );

    let roles = &chart(&charts, "people-per-role").chart;
    assert_eq!(roles.rows[0], ["Attendee", "2", "50.0% of people"]);
    assert!(roles
        .rows
        .iter()
        .any(|r| r[0] == "No role given" && r[1] == "1"));

    // The search narrows every chart to the rows it matches.
    let index = TableIndex::new(&report);
    let matched = index.matching_rows(&report, "ada").unwrap().unwrap();
    let narrowed = report_charts(&report, Some(&matched), &TimeZone::UTC, false).unwrap();
    let roles = &chart(&narrowed, "people-per-role").chart;
    assert_eq!(roles.rows, vec![vec!["Host", "1", "100.0% of people"]]);
    assert!(
        index.matching_rows(&report, "ad").unwrap().is_none(),
        "too short a search counts every row"
    );
    let nobody = index
        .matching_rows(&report, "nobody at all")
        .unwrap()
        .unwrap();
    let empty = report_charts(&report, Some(&nobody), &TimeZone::UTC, false).unwrap();
    assert!(empty
        .iter()
        .all(|c| c.chart.note.as_deref() == Some("No data")));

    // Hostile names are text in the SVG, whole in the table.
    let script = index.matching_rows(&report, "script").unwrap().unwrap();
    let hostile = report_charts(&report, Some(&script), &TimeZone::UTC, false).unwrap();
    for c in &hostile {
        assert!(!c.chart.svg.contains("<script"));
        well_formed(&c.chart.svg);
    }
}

fn breakout(main: &str, main_name: &str, room: &str, participants: u64, ratio: f64) -> BreakoutRow {
    BreakoutRow {
        parent_entry_id: main.into(),
        parent_entry_name: main_name.into(),
        breakout_entry_id: room.into(),
        breakout_entry_name: format!("Group {room}").into(),
        cue_point_id: format!("{room}-{participants}").into(),
        participant_count: Some(participants),
        engagement_rate: Some(ratio),
        ..Default::default()
    }
}

#[test]
fn breakouts_are_listed_by_main_room_with_others() {
    let mut rows = vec![
        breakout("m1", "Workshop", "a", 4, 0.5),
        breakout("m1", "Workshop", "a", 6, 1.0),
        breakout("m1", "Workshop", "b", 3, 0.2),
        breakout("m2", "Big class", "c", 30, 0.6),
    ];
    for i in 0..25 {
        rows.push(breakout("m3", "Many groups", &format!("x{i:02}"), 1, 0.3));
    }
    let report = Report::Breakouts {
        rows,
        extra_columns: Vec::new(),
    };
    let charts = report_charts(&report, None, &TimeZone::UTC, false).unwrap();
    let participants = &chart(&charts, "participants-per-breakout").chart;
    // Main rooms by participants: Big class (30), Many groups (25), Workshop (13).
    assert_eq!(
        participants.rows[0],
        ["Big class › Group c", "30", "1 session"]
    );
    assert_eq!(participants.rows[1][0], "Many groups › Group x00");
    assert_eq!(participants.rows.len(), 21);
    let others = participants.rows.last().unwrap();
    // Twenty bars: Big class's one and nineteen of Many groups'; the rest are 6 x-rooms and Workshop's 2.
    assert_eq!(others[0], "Others (8 breakout rooms)");
    assert_eq!(others[1], (6 + 13).to_string());
    let engagement = &chart(&charts, "engagement-per-breakout").chart;
    let weighted = (6.0 * 0.3 + 4.0 * 0.5 + 6.0 * 1.0 + 3.0 * 0.2) / (6.0 + 13.0) * 100.0;
    assert_eq!(
        engagement.rows.last().unwrap()[1],
        format!("{weighted:.1}%")
    );
    assert_eq!(engagement.rows[0][1], "60.0%");
}

/// Runs a poppler tool (poppler-utils, installed by the test command) on `pdf`; its output.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!(
        "roomlens-report-charts-{}-{tool}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("report.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new(tool)
        .args(args)
        .arg(&file)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs: {e}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "{tool} read the PDF");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_report_pdf_holds_the_filters_and_the_charts_as_vector_text() {
    use roomlens::cancel::CancelToken;
    use roomlens::report_pdf::{report_pdf, Paper, ReportPdfOptions};
    let rows = (0..40)
        .map(|i| {
            attendee(
                &format!("u{i}"),
                &format!("Person {i:02}"),
                if i % 4 == 0 { "Host" } else { "Attendee" },
                "s1",
                Some(i as f64 * 3.0),
                Some(0.02 * i as f64),
            )
        })
        .collect();
    let report = Report::Attendees {
        rows,
        extra_columns: Vec::new(),
    };
    let options = ReportPdfOptions {
        paper: Paper::A4,
        zone: TimeZone::UTC,
        source: "Fetched from Demo for 1 Mar 2026 – 30 Mar 2026".to_owned(),
        filters: Some("room ID 1_abc, 1_def".to_owned()),
        generated_at: jiff::Timestamp::from_second(1_772_445_600).unwrap(),
        table_pages: None,
    };
    let pdf = report_pdf(&report, &options, &CancelToken::new()).unwrap();
    let text = poppler("pdftotext", &["-raw"], &pdf);
    for expected in [
        "filtered by room ID 1_abc, 1_def",
        "People by participation time",
        "People by engagement rate",
        "People per role",
        "Person 39",
    ] {
        assert!(text.contains(expected), "{expected:?} not in:\n{text}");
    }
    // Charts are vectors: no picture at all in the file.
    let images = poppler("pdfimages", &["-list"], &pdf);
    assert_eq!(
        images.lines().count(),
        2,
        "only pdfimages' header lines:\n{images}"
    );
}
