//! The desktop table's core (`roomlens::table_view`) over whole reports: sorting every column type
//! both ways, search, paging at the edges, the cached index against fresh ones, summary cards
//! with hand-computed values, one attendee's sessions, and hostile text read from a real CSV.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use roomlens::reports::{read_report, AttendeeRow, BreakoutRow, Report, ReportKind, RoomDataRow};
use roomlens::table_view::{
    columns, summary_cards, user_detail, Card, CardFormat, CardValue, CellValue, Note,
    RowsPageBody, SortDirection, TableIndex, MAX_PAGE_ROWS,
};
use roomlens::ErrorCode;
use serde_json::json;
use SortDirection::{Asc, Desc};

fn attendee(
    room: &str,
    session: &str,
    id: &str,
    email: &str,
    name: &str,
    minutes: Option<f64>,
    ratio: Option<f64>,
) -> AttendeeRow {
    AttendeeRow {
        entry_id: room.into(),
        cue_point_id: session.into(),
        user_id: id.into(),
        user_email: email.into(),
        user_name: name.into(),
        meeting_view_time: minutes,
        meeting_engaged_play_time_ratio: ratio,
        ..Default::default()
    }
}

/// Five attendee rows with hand-computed totals (see `attendee_cards_are_hand_computed`).
fn attendees_report() -> Report {
    Report::Attendees {
        rows: vec![
            attendee(
                "room A",
                "s1",
                "u1",
                "ana@x.org",
                "Ana",
                Some(30.0),
                Some(0.8),
            ),
            attendee("room A", "s2", "u1", "", "", Some(10.0), Some(0.4)),
            attendee(
                "room B",
                "s3",
                "",
                "Bob@X.org",
                "Bob",
                Some(20.0),
                Some(0.05),
            ),
            attendee("room A", "s1", "", "bob@x.org", "", None, Some(1.0)),
            attendee("room B", "s3", "", "", "Cy", None, None),
        ],
        extra_columns: vec![],
    }
}

fn breakout(
    id: &str,
    name: &str,
    start: Option<i64>,
    duration: Option<f64>,
    people: Option<u64>,
    rate: Option<f64>,
) -> BreakoutRow {
    BreakoutRow {
        breakout_entry_id: id.into(),
        breakout_entry_name: name.into(),
        session_start_time: start,
        duration,
        participant_count: people,
        engagement_rate: rate,
        ..Default::default()
    }
}

/// The `breakout_entry_id` of every row of a page.
fn ids(page: &RowsPageBody, column: usize) -> Vec<String> {
    page.rows
        .iter()
        .map(|row| match &row[column] {
            CellValue::Text(t) => t.clone(),
            other => panic!("not text: {other:?}"),
        })
        .collect()
}

fn sorted_ids(
    index: &TableIndex,
    report: &Report,
    key: &str,
    direction: SortDirection,
    id_column: usize,
) -> Vec<String> {
    ids(
        &index
            .query(report, Some((key, direction)), "", 0, 100)
            .unwrap(),
        id_column,
    )
}

#[test]
fn every_column_type_sorts_both_ways_with_missing_values_last() {
    let report = Report::Breakouts {
        rows: vec![
            breakout("b0", "beta", Some(300), Some(60.5), Some(3), Some(0.5)),
            breakout("b1", "", None, None, None, None),
            breakout("b2", "Alpha", Some(100), Some(1200.0), Some(10), Some(0.05)),
            breakout("b3", "ALPHA", Some(200), Some(60.5), Some(3), Some(1.0)),
            breakout("b4", "Ärger", Some(-50), Some(5.0), Some(0), Some(0.0)),
        ],
        extra_columns: vec![],
    };
    let index = TableIndex::new(&report);
    let check = |key: &str, asc: [&str; 5], desc: [&str; 5]| {
        assert_eq!(
            sorted_ids(&index, &report, key, Asc, 2),
            asc,
            "{key} ascending"
        );
        assert_eq!(
            sorted_ids(&index, &report, key, Desc, 2),
            desc,
            "{key} descending"
        );
    };
    check(
        "session_start_time",
        ["b4", "b2", "b3", "b0", "b1"],
        ["b0", "b3", "b2", "b4", "b1"],
    );
    check(
        "duration",
        ["b4", "b0", "b3", "b2", "b1"],
        ["b2", "b0", "b3", "b4", "b1"],
    );
    check(
        "participant_count",
        ["b4", "b0", "b3", "b2", "b1"],
        ["b2", "b0", "b3", "b4", "b1"],
    );
    check(
        "engagement_rate",
        ["b4", "b2", "b0", "b3", "b1"],
        ["b3", "b0", "b2", "b4", "b1"],
    );
    // Case-insensitive; "Alpha" and "ALPHA" tie and keep report order in both directions.
    check(
        "breakout_entry_name",
        ["b2", "b3", "b0", "b4", "b1"],
        ["b4", "b0", "b2", "b3", "b1"],
    );
    check(
        "session_end_time",
        ["b0", "b1", "b2", "b3", "b4"],
        ["b0", "b1", "b2", "b3", "b4"],
    );

    let attendees = attendees_report();
    let index = TableIndex::new(&attendees);
    let names = |key, direction| {
        ids(
            &index
                .query(&attendees, Some((key, direction)), "", 0, 10)
                .unwrap(),
            3,
        )
    };
    assert_eq!(
        names("meeting_view_time", Asc),
        ["", "Bob", "Ana", "", "Cy"]
    );
    assert_eq!(
        names("meeting_view_time", Desc),
        ["Ana", "Bob", "", "", "Cy"]
    );
    assert_eq!(
        names("meeting_engaged_play_time_ratio", Desc),
        ["", "Ana", "", "Bob", "Cy"]
    );
}

#[test]
fn an_unknown_column_is_refused_plainly() {
    let report = attendees_report();
    let index = TableIndex::new(&report);
    let error = index
        .query(&report, Some(("session_start_time", Asc)), "", 0, 10)
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert_eq!(
        error.message,
        "This report has no column called \u{201c}session_start_time\u{201d}. Sort by one of the columns shown."
    );
    let long = "x".repeat(500);
    let error = index
        .query(&report, Some((&long, Desc)), "", 0, 10)
        .unwrap_err();
    assert!(error.message.len() < 200, "{}", error.message);
    assert!(
        index
            .query(&report, Some(("User name", Asc)), "", 0, 10)
            .is_err(),
        "labels are not keys"
    );
}

#[test]
fn search_needs_three_letters_and_ignores_case_in_any_script() {
    let mut rows = vec![
        attendee(
            "r",
            "s",
            "u-zoe",
            "zoe@example.org",
            "Zoë Ångström",
            Some(1.0),
            None,
        ),
        attendee("r", "s", "u-2", "ZOË@EXAMPLE.ORG", "Z", Some(2.0), None),
        attendee(
            "r",
            "s",
            "u-3",
            "host@example.org",
            "Nadia",
            Some(3.0),
            None,
        ),
    ];
    rows[2].user_type = "Moderator".into();
    let report = Report::Attendees {
        rows,
        extra_columns: vec![],
    };
    let index = TableIndex::new(&report);
    let matched = |search: &str| {
        let page = index.query(&report, None, search, 0, 10).unwrap();
        assert_eq!(page.total, 3);
        assert_eq!(page.rows.len(), page.matched);
        ids(&page, 2)
    };
    assert_eq!(matched(""), ["u-zoe", "u-2", "u-3"]);
    assert_eq!(
        matched("  zq  "),
        ["u-zoe", "u-2", "u-3"],
        "two letters filter nothing"
    );
    assert_eq!(matched("xyz"), Vec::<String>::new());
    assert_eq!(matched(" ZOË "), ["u-zoe", "u-2"]);
    assert_eq!(matched("ångSTRÖM"), ["u-zoe"]);
    assert_eq!(matched("U-3"), ["u-3"], "user IDs are searched");
    assert_eq!(matched("HOST@"), ["u-3"], "e-mails are searched");
    assert_eq!(
        matched("moderator"),
        Vec::<String>::new(),
        "roles are not searched"
    );
    let sorted = index
        .query(&report, Some(("meeting_view_time", Desc)), "example", 0, 10)
        .unwrap();
    assert_eq!(ids(&sorted, 2), ["u-3", "u-2", "u-zoe"]);
}

/// `n` attendee rows with varied, repeatable names, minutes and engagement.
fn generated_attendees(n: usize) -> Report {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let first = ["Ana", "bob", "Zoë", "ÉMILE", "li", "Ömer", "Søren", "ana"];
    let rows = (0..n)
        .map(|i| {
            let r = next();
            let name = format!("{} {}", first[(r % 8) as usize], r % 97);
            let minutes = (r % 5 != 0).then(|| (r % 1000) as f64 / 7.0);
            let ratio = (r % 7 != 0).then(|| (r % 101) as f64 / 100.0);
            let id = if r % 11 == 0 {
                String::new()
            } else {
                format!("user{}", r % 5000)
            };
            let mut row = attendee(
                &format!("room{}", r % 13),
                &format!("s{}", r % 300),
                &id,
                "",
                &name,
                minutes,
                ratio,
            );
            row.user_email = format!("p{i}@Example.org").into();
            row
        })
        .collect();
    Report::Attendees {
        rows,
        extra_columns: vec![],
    }
}

#[test]
fn pages_at_the_edges() {
    let report = generated_attendees(2500);
    let index = TableIndex::new(&report);
    let page = |offset, limit| {
        index
            .query(&report, Some(("user_name", Asc)), "", offset, limit)
            .unwrap()
    };
    let whole: Vec<Vec<CellValue>> = [0, 1000, 2000]
        .iter()
        .flat_map(|&o| page(o, 1000).rows)
        .collect();
    assert_eq!(whole.len(), 2500);
    assert_eq!(
        page(0, 5000).rows.len(),
        MAX_PAGE_ROWS,
        "limits are cut to 1000"
    );
    assert_eq!(page(2000, 1000).rows.len(), 500);
    let last = page(2499, 10);
    assert_eq!(
        (last.total, last.matched, last.offset, last.rows.len()),
        (2500, 2500, 2499, 1)
    );
    assert_eq!(last.rows[0], whole[2499]);
    let past = page(2500, 10);
    assert_eq!((past.offset, past.rows.len()), (2500, 0));
    assert_eq!(page(usize::MAX, usize::MAX).rows.len(), 0);
    assert_eq!(page(17, 0).rows.len(), 0);
    assert_eq!(page(17, 3).rows, whole[17..20].to_vec());

    let unsorted = index.query(&report, None, "", 2498, 1000).unwrap();
    assert_eq!(unsorted.rows.len(), 2);
    assert_eq!(
        index
            .query(&report, None, "", usize::MAX, 1)
            .unwrap()
            .rows
            .len(),
        0
    );
    let searched = index.query(&report, None, "søren", 0, 1000).unwrap();
    assert!(searched.matched > 0 && searched.matched < 2500);
    let tail = index
        .query(&report, None, "søren", searched.matched - 1, 1000)
        .unwrap();
    assert_eq!(tail.rows.len(), 1);
    assert_eq!(tail.rows[0], searched.rows[searched.matched - 1]);
}

#[test]
fn the_cached_index_answers_as_a_fresh_one_would() {
    let report = generated_attendees(3000);
    let shared = TableIndex::new(&report);
    let sorts: [Option<(&str, SortDirection)>; 6] = [
        None,
        Some(("user_name", Asc)),
        Some(("user_name", Desc)),
        Some(("meeting_view_time", Desc)),
        Some(("meeting_engaged_play_time_ratio", Asc)),
        Some(("user_id", Asc)),
    ];
    let mut compared = 0;
    for sort in sorts {
        for search in ["", "an", "ana", "ÖMER", "zoë 4", "example.org", "nobody"] {
            for offset in [0, 999, 2990] {
                let cached = shared.query(&report, sort, search, offset, 50).unwrap();
                let fresh = TableIndex::new(&report)
                    .query(&report, sort, search, offset, 50)
                    .unwrap();
                assert_eq!(cached, fresh, "{sort:?} {search:?} {offset}");
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 6 * 7 * 3);
    // Back to an earlier sort and search after others.
    let again = shared
        .query(&report, Some(("user_name", Asc)), "ana", 0, 1000)
        .unwrap();
    let fresh = TableIndex::new(&report)
        .query(&report, Some(("user_name", Asc)), "ana", 0, 1000)
        .unwrap();
    assert_eq!(again, fresh);
    // Every matched row contains the search and the order holds over the whole result.
    let names: Vec<String> = ids(&again, 3);
    assert!(names.iter().all(|n| n.to_lowercase().contains("ana")));
    let folded: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    assert!(
        folded.windows(2).all(|w| w[0] <= w[1]),
        "sorted case-insensitively"
    );
}

#[test]
fn an_index_given_another_report_starts_afresh() {
    let small = attendees_report();
    let big = generated_attendees(40);
    let index = TableIndex::new(&small);
    let first = index
        .query(&small, Some(("user_name", Asc)), "", 0, 100)
        .unwrap();
    assert_eq!(first.total, 5);
    let other = index
        .query(&big, Some(("user_name", Asc)), "", 0, 100)
        .unwrap();
    assert_eq!(
        other,
        TableIndex::new(&big)
            .query(&big, Some(("user_name", Asc)), "", 0, 100)
            .unwrap()
    );
    let rooms = Report::RoomData {
        rows: vec![RoomDataRow::default(); 5],
        extra_columns: vec![],
    };
    assert!(index
        .query(&rooms, Some(("entry_name", Asc)), "", 0, 10)
        .is_ok());
}

#[test]
fn rows_page_json_is_the_command_contract_shape() {
    let report = attendees_report();
    let page = TableIndex::new(&report)
        .query(&report, Some(("user_name", Desc)), "", 0, 1)
        .unwrap();
    assert_eq!(
        serde_json::to_value(&page).unwrap(),
        json!({"total": 5, "matched": 5, "offset": 0,
               "rows": [["room B", "s3", "", "Cy", "", "", null, null]]})
    );
    let first = TableIndex::new(&report)
        .query(&report, None, "", 0, 1)
        .unwrap();
    assert_eq!(
        serde_json::to_value(&first.rows).unwrap(),
        json!([["room A", "s1", "u1", "Ana", "ana@x.org", "", 30.0, 0.8]])
    );
}

fn card(label: &str, value: CardValue, format: CardFormat, note: Option<&str>) -> Card {
    Card {
        label: label.into(),
        value,
        format,
        note: note.map(Note::words),
    }
}

fn percent_of(cards: &[Card], label: &str) -> f64 {
    match cards.iter().find(|c| c.label == label).map(|c| &c.value) {
        Some(CardValue::Number(x)) => *x,
        other => panic!("{label}: {other:?}"),
    }
}

fn room(
    room: &str,
    session: &str,
    times: (Option<i64>, Option<i64>),
    users: Option<u64>,
    ratio: Option<f64>,
) -> RoomDataRow {
    RoomDataRow {
        entry_id: room.into(),
        cue_point_id: session.into(),
        session_start_time: times.0,
        session_end_time: times.1,
        meeting_view_period_unique_users: users,
        meeting_engaged_play_time_ratio: ratio,
        ..Default::default()
    }
}

#[test]
fn room_data_cards_are_hand_computed() {
    let report = Report::RoomData {
        rows: vec![
            room("r1", "s1", (Some(1000), Some(4600)), Some(10), Some(0.5)),
            room("r1", "s2", (Some(5000), Some(6800)), Some(30), Some(0.9)),
            room("r2", "s3", (Some(500), None), None, Some(0.1)),
            room("r2", "s4", (Some(9000), Some(8000)), Some(5), None),
        ],
        extra_columns: vec![],
    };
    let cards = summary_cards(&report);
    assert!((percent_of(&cards, "Average engagement") - 0.8).abs() < 1e-12);
    assert_eq!(
        cards
            .iter()
            .filter(|c| c.label != "Average engagement")
            .cloned()
            .collect::<Vec<_>>(),
        vec![
            card(
                "Sessions",
                CardValue::Count(4),
                CardFormat::Count,
                Some("main-room sessions in 2 rooms")
            ),
            card(
                "Attendances",
                CardValue::Count(45),
                CardFormat::Count,
                Some("people × sessions: someone in 3 sessions counts 3 times; 15 per session on average")
            ),
            card(
                "Session hours",
                CardValue::Number(1.5),
                CardFormat::Hours,
                Some("not counting 2 sessions without a duration")
            ),
            card(
                "Date span",
                CardValue::Span {
                    from: 500,
                    to: 8000
                },
                CardFormat::DateSpan,
                None
            ),
        ]
    );
    assert_eq!(
        serde_json::to_value(&cards[4]).unwrap(),
        json!({"label": "Date span", "value": {"from": 500, "to": 8000}, "format": "date_span", "note": null})
    );
    let empty = summary_cards(&Report::empty(ReportKind::RoomData));
    assert_eq!(
        serde_json::to_value(&empty).unwrap(),
        json!([
            {"label": "Sessions", "value": 0, "format": "count", "note": ["main-room sessions in ", {"value": 0, "format": "count"}, " rooms"]},
            {"label": "Attendances", "value": 0, "format": "count", "note": ["people × sessions: someone in 3 sessions counts 3 times"]},
            {"label": "Average engagement", "value": null, "format": "percent", "note": null},
            {"label": "Session hours", "value": 0.0, "format": "hours", "note": null},
            {"label": "Date span", "value": null, "format": "date_span", "note": null},
        ])
    );
}

#[test]
fn attendee_cards_are_hand_computed() {
    let cards = summary_cards(&attendees_report());
    let engagement = (0.8 * 30.0 + 0.4 * 10.0 + 0.05 * 20.0) / 60.0;
    assert!((percent_of(&cards, "Average engagement rate") - engagement).abs() < 1e-12);
    assert_eq!(
        cards
            .iter()
            .filter(|c| c.format != CardFormat::Percent)
            .cloned()
            .collect::<Vec<_>>(),
        vec![
            card(
                "Unique attendees",
                CardValue::Count(3),
                CardFormat::Count,
                Some("in 3 sessions")
            ),
            card(
                "Participation time",
                CardValue::Number(60.0),
                CardFormat::Minutes,
                Some("20 min on average per attendee")
            ),
            card(
                "Sessions per attendee",
                CardValue::Number(1.7),
                CardFormat::Count,
                Some("up to 2 for one attendee")
            ),
            card("Rooms", CardValue::Count(2), CardFormat::Count, None),
        ]
    );
    // One person in 1,284 sessions of 65 minutes each.
    let rows = (0..1284)
        .map(|i| attendee("r", &format!("s{i}"), "u", "", "", Some(65.0), Some(1.0)))
        .collect();
    let cards = summary_cards(&Report::Attendees {
        rows,
        extra_columns: vec![],
    });
    let text = |card: &Card| card.note.as_ref().map(Note::plain_text);
    assert_eq!(text(&cards[0]).as_deref(), Some("in 1,284 sessions"));
    assert_eq!(
        text(&cards[1]).as_deref(),
        Some("1,391 h 00 min on average per attendee")
    );
    // The page gets the figure, not English digits, so it can write it in the person's locale.
    assert_eq!(
        serde_json::to_value(&cards[0]).unwrap()["note"],
        json!(["in ", {"value": 1284, "format": "count"}, " sessions"])
    );
    assert_eq!(
        cards[3],
        card(
            "Sessions per attendee",
            CardValue::Number(1284.0),
            CardFormat::Count,
            Some("up to 1,284 for one attendee")
        )
    );
}

#[test]
fn breakout_cards_are_hand_computed() {
    let mut rows = vec![
        breakout("b1", "One", None, Some(600.0), Some(4), Some(0.5)),
        breakout("b2", "Two", None, Some(1200.0), Some(6), Some(1.0)),
        breakout("b1", "One", None, None, None, Some(0.2)),
        breakout("b3", "Three", None, Some(300.0), Some(2), None),
    ];
    for (row, (main, session)) in
        rows.iter_mut()
            .zip([("m1", "s1"), ("m1", "s1"), ("m1", "s2"), ("m2", "s3")])
    {
        row.parent_entry_id = main.into();
        row.cue_point_id = session.into();
    }
    let cards = summary_cards(&Report::Breakouts {
        rows,
        extra_columns: vec![],
    });
    assert_eq!(
        cards,
        vec![
            card(
                "Breakout sessions",
                CardValue::Count(4),
                CardFormat::Count,
                Some("12 min long on average")
            ),
            card(
                "Main rooms",
                CardValue::Count(2),
                CardFormat::Count,
                Some("in 3 sessions")
            ),
            card(
                "Breakout rooms",
                CardValue::Count(3),
                CardFormat::Count,
                Some("1.5 on average per main room")
            ),
            card(
                "Participants",
                CardValue::Count(12),
                CardFormat::Count,
                Some("4 on average per breakout session")
            ),
            card(
                "Average engagement",
                CardValue::Number((0.5 * 4.0 + 1.0 * 6.0) / 10.0),
                CardFormat::Percent,
                None
            ),
        ]
    );
}

#[test]
fn one_attendee_and_every_session_of_theirs() {
    let report = attendees_report();
    let ana = user_detail(&report, "u1").unwrap();
    assert_eq!(
        (
            ana.user_id.as_str(),
            ana.user_name.as_str(),
            ana.user_email.as_str()
        ),
        ("u1", "Ana", "ana@x.org")
    );
    let keys: Vec<&str> = ana.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "entry_id",
            "cue_point_id",
            "user_type",
            "meeting_view_time",
            "meeting_engaged_play_time_ratio"
        ]
    );
    assert_eq!(
        serde_json::to_value(&ana.rows).unwrap(),
        json!([
            ["room A", "s1", "", 30.0, 0.8],
            ["room A", "s2", "", 10.0, 0.4]
        ])
    );
    assert_eq!(
        ana.cards,
        vec![
            card(
                "Sessions attended",
                CardValue::Count(2),
                CardFormat::Count,
                Some("in 1 room")
            ),
            card(
                "Participation time",
                CardValue::Number(40.0),
                CardFormat::Minutes,
                Some("20 min on average per session")
            ),
            card(
                "Average engagement rate",
                CardValue::Number((0.8 * 30.0 + 0.4 * 10.0) / 40.0),
                CardFormat::Percent,
                None
            ),
        ]
    );
    // Without a user ID a person is named by e-mail (any case) or, lacking one, by name.
    for name in ["BOB@x.org", "email:bob@x.org"] {
        let bob = user_detail(&report, name).unwrap();
        assert_eq!(
            (
                bob.user_id.as_str(),
                bob.user_name.as_str(),
                bob.user_email.as_str()
            ),
            ("", "Bob", "Bob@X.org")
        );
        assert_eq!(bob.rows.len(), 2);
        assert_eq!(
            bob.cards[0],
            card(
                "Sessions attended",
                CardValue::Count(2),
                CardFormat::Count,
                Some("in 2 rooms")
            )
        );
    }
    let cy = user_detail(&report, "Cy").unwrap();
    assert_eq!(cy.rows.len(), 1);
    assert_eq!(cy.cards[2].value, CardValue::Missing);

    for unknown in ["nobody", "", "   ", "U1"] {
        let error = user_detail(&report, unknown).unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput, "{unknown:?}");
        assert_eq!(error.message, "This person is not in the report. Fetch or open the report again and pick them from the table.");
    }
    let error = user_detail(&Report::empty(ReportKind::RoomData), "u1").unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(
        error
            .message
            .contains("only available in an Attendees report"),
        "{}",
        error.message
    );
}

#[test]
fn hostile_text_read_from_a_csv_is_passed_through_untouched() {
    let hostile = [
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "<script>alert(1)</script>",
        "\u{202e}gnp.exe",
        "+SUM(A1:A9)",
        "line one\nline two",
        "Ω; DROP TABLE rooms;--",
    ];
    let mut csv = String::from("entry_id,cue_point_id,user_id,user_name,user_email,user_type,meeting_view_time,meeting_engaged_play_time_ratio,Note\n");
    for (i, text) in hostile.iter().enumerate() {
        let quoted = format!("\"{}\"", text.replace('"', "\"\""));
        csv.push_str(&format!(
            "r,s{i},{quoted},{quoted},e{i}@x.org,Attendee,{i},0.5,{quoted}\n"
        ));
    }
    let report = read_report(csv.as_bytes()).unwrap().report;
    assert_eq!(report.len(), hostile.len());
    let cols = columns(&report);
    assert_eq!(
        cols.last().map(|c| (c.key.as_str(), c.searchable)),
        Some(("Note", false))
    );
    let index = TableIndex::new(&report);
    let page = index.query(&report, None, "", 0, 100).unwrap();
    for (row, text) in page.rows.iter().zip(hostile) {
        assert_eq!(row.len(), cols.len());
        for column in [2, 3, 8] {
            assert_eq!(row[column], CellValue::Text(text.into()));
        }
    }
    let found = index.query(&report, None, "<SCRIPT>", 0, 10).unwrap();
    assert_eq!(found.rows.len(), 1);
    assert_eq!(found.rows[0][3], CellValue::Text(hostile[1].into()));
    for text in hostile {
        let detail = user_detail(&report, text).unwrap();
        assert_eq!(detail.user_id, text);
        assert_eq!(detail.user_name, text);
        assert_eq!(detail.rows.len(), 1);
    }
    let json = serde_json::to_string(&page).unwrap();
    let back: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(back["rows"][1][3], json!("<script>alert(1)</script>"));
}

#[test]
fn the_index_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>(_: &T) {}
    let report = generated_attendees(500);
    let index = TableIndex::new(&report);
    shareable(&index);
    let pages: Vec<RowsPageBody> = std::thread::scope(|scope| {
        let handles: Vec<_> = ["user_name", "meeting_view_time", "user_email", "user_name"]
            .into_iter()
            .map(|key| {
                let (index, report) = (&index, &report);
                scope.spawn(move || {
                    index
                        .query(report, Some((key, Desc)), "ana", 0, 1000)
                        .unwrap()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(pages[0], pages[3]);
    assert_eq!(
        pages[1],
        TableIndex::new(&report)
            .query(&report, Some(("meeting_view_time", Desc)), "ana", 0, 1000)
            .unwrap()
    );
}
