//! The rollup charts against figures computed here, independently, from the same room periods:
//! one room's trend (quiet periods filled with 0 attendees and no engagement, week and month
//! labels, the zone in the axis title) and the top rooms' small multiples (ranking with ties by
//! name then ID, the shared period axis filled with 0, rooms left out); hostile names as text.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

use jiff::civil::Date;
use jiff::ToSpan;
use roomlens::analytics::rollups::{RoomPeriod, TrendPeriod};
use roomlens::chart_view::ChartView;
use roomlens::error::ErrorCode;
use roomlens::rollup_charts::{room_trend_chart, top_rooms_chart, MAX_TOP_ROOMS, TREND_SIZE};
use roomlens_charts::{ThemeKind, NO_DATA};

fn period(room: &str, name: &str, start: &str, attendees: u64, rate: Option<f64>) -> RoomPeriod {
    RoomPeriod {
        room_id: room.into(),
        name: name.into(),
        period: start.into(),
        sessions: 2,
        unique_attendees: attendees,
        hours: 1.5,
        engagement_pct: rate,
    }
}

fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

/// 1234 → "1,234".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

/// Every Monday from `first` to `last`, as `YYYY-MM-DD`.
fn mondays(first: &str, last: &str) -> Vec<String> {
    let (mut at, last) = (date(first), date(last));
    let mut out = Vec::new();
    while at <= last {
        out.push(at.to_string());
        at = at.checked_add(7.days()).unwrap();
    }
    out
}

fn rows(chart: &ChartView) -> Vec<Vec<&str>> {
    chart
        .rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect()
}

fn town_hall() -> Vec<RoomPeriod> {
    vec![
        period("1_a", "Town hall (old name)", "2026-03-02", 10, Some(55.55)),
        period("1_b", "Sales", "2026-03-09", 99, Some(10.0)),
        period("1_a", "Town hall", "2026-03-16", 20, None),
        period("1_a", "", "2026-03-23", 1234, Some(40.04)),
        period("1_b", "Sales", "2026-04-27", 5, Some(10.0)),
    ]
}

#[test]
fn a_rooms_trend_fills_quiet_weeks_and_matches_its_periods() {
    let input = town_hall();
    for theme in [ThemeKind::Light, ThemeKind::Dark] {
        let chart =
            room_trend_chart(&input, "1_a", TrendPeriod::Week, "Europe/Berlin", theme).unwrap();
        assert_eq!(
            (chart.width, chart.height),
            (TREND_SIZE.width, TREND_SIZE.height)
        );
        // The latest name the room had; the year once, in the title.
        assert_eq!(
            chart.title,
            "Town hall: unique attendees and engagement per week, 2026"
        );
        assert_eq!(
            chart.columns,
            [
                "Week from Monday (Europe/Berlin)",
                "Unique attendees",
                "Engagement rate"
            ]
        );
        let mut expected = Vec::new();
        for monday in mondays("2026-03-02", "2026-03-23") {
            let given = input
                .iter()
                .find(|p| p.room_id == "1_a" && p.period == monday);
            let label = date(&monday).strftime("%-d %b").to_string();
            let attendees = thousands(given.map_or(0, |p| p.unique_attendees));
            let rate = given
                .and_then(|p| p.engagement_pct)
                .map_or("—".to_owned(), |r| format!("{r:.1}%"));
            expected.push(vec![label, attendees, rate]);
        }
        assert_eq!(chart.rows, expected);
        assert_eq!(
            rows(&chart),
            vec![
                vec!["2 Mar", "10", "55.5%"],
                vec!["9 Mar", "0", "—"],
                vec!["16 Mar", "20", "—"],
                vec!["23 Mar", "1,234", "40.0%"],
            ]
        );
        assert_eq!(
            chart.note.as_deref(),
            Some("1 week without sessions shows 0 attendees and no engagement rate.")
        );
        let shown = texts(&chart.svg);
        for expected in [
            "Week from Monday (Europe/Berlin)",
            "Unique attendees",
            "Engagement rate",
            "100%",
            "2 Mar",
        ] {
            assert!(
                shown.iter().any(|t| t == expected),
                "{expected:?} in {shown:?}"
            );
        }
    }
}

#[test]
fn a_rooms_trend_by_month_spanning_years() {
    let input = vec![
        period("r", "Board", "2025-11-01", 3, Some(12.0)),
        period("r", "Board", "2026-02-01", 4, Some(80.0)),
    ];
    let chart = room_trend_chart(&input, "r", TrendPeriod::Month, "", ThemeKind::Light).unwrap();
    assert_eq!(
        chart.title,
        "Board: unique attendees and engagement per month"
    );
    assert_eq!(chart.columns[0], "Month (local time)");
    assert_eq!(
        rows(&chart),
        vec![
            vec!["Nov 2025", "3", "12.0%"],
            vec!["Dec 2025", "0", "—"],
            vec!["Jan 2026", "0", "—"],
            vec!["Feb 2026", "4", "80.0%"],
        ]
    );
    assert_eq!(
        chart.note.as_deref(),
        Some("2 months without sessions show 0 attendees and no engagement rate.")
    );
    let weeks = vec![
        period("r", "Board", "2025-12-29", 3, None),
        period("r", "Board", "2026-01-05", 4, None),
    ];
    let chart = room_trend_chart(&weeks, "r", TrendPeriod::Week, "UTC", ThemeKind::Dark).unwrap();
    assert_eq!(
        chart.title,
        "Board: unique attendees and engagement per week"
    );
    assert_eq!(chart.rows[0][0], "29 Dec 2025");
    assert_eq!(chart.note, None);
}

#[test]
fn an_unknown_room_says_no_data_and_a_bad_period_is_an_input_error() {
    let chart = room_trend_chart(
        &town_hall(),
        "1_zzz",
        TrendPeriod::Week,
        "UTC",
        ThemeKind::Light,
    )
    .unwrap();
    assert!(texts(&chart.svg).iter().any(|t| t == NO_DATA));
    assert_eq!(chart.note.as_deref(), Some(NO_DATA));
    assert!(chart.rows.is_empty());
    let bad = vec![period("1_a", "Town hall", "last week", 3, None)];
    let error =
        room_trend_chart(&bad, "1_a", TrendPeriod::Week, "UTC", ThemeKind::Light).unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    let error = top_rooms_chart(&bad, TrendPeriod::Week, "UTC", ThemeKind::Light, 5).unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    let empty = top_rooms_chart(&[], TrendPeriod::Week, "UTC", ThemeKind::Dark, 5).unwrap();
    assert_eq!(empty.note.as_deref(), Some(NO_DATA));
}

fn many_rooms() -> Vec<RoomPeriod> {
    let mut periods = Vec::new();
    // Room r has r + 1 attendees in each of its weeks; "Zed" and "Alpha" tie on 30 in all;
    // two rooms called "Twin" tie with each other on 40.
    for r in 0..6u64 {
        for week in ["2026-03-02", "2026-03-16"] {
            periods.push(period(
                &format!("id{r}"),
                &format!("Room {r}"),
                week,
                r + 1,
                None,
            ));
        }
    }
    periods.push(period("z", "Zed", "2026-03-09", 30, None));
    periods.push(period("a", "Alpha", "2026-03-23", 30, None));
    periods.push(period("t2", "Twin", "2026-03-02", 40, None));
    periods.push(period("t1", "Twin", "2026-03-30", 40, None));
    periods
}

/// The ranking computed here: total unique attendees, then name, then ID.
fn ranked(periods: &[RoomPeriod]) -> Vec<(String, String, u64)> {
    let mut rooms: Vec<(String, String, u64)> = Vec::new();
    for p in periods {
        match rooms.iter_mut().find(|r| r.0 == p.room_id) {
            Some(room) => room.2 += p.unique_attendees,
            None => rooms.push((p.room_id.clone(), p.name.clone(), p.unique_attendees)),
        }
    }
    rooms.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)).then(a.0.cmp(&b.0)));
    rooms
}

#[test]
fn top_rooms_are_ranked_and_share_the_filled_period_axis() {
    let input = many_rooms();
    for theme in [ThemeKind::Light, ThemeKind::Dark] {
        let chart = top_rooms_chart(&input, TrendPeriod::Week, "Europe/Berlin", theme, 5).unwrap();
        assert_eq!(
            chart.title,
            "Top 5 rooms by unique attendees per week, 2026"
        );
        assert_eq!(
            chart.columns,
            [
                "Room",
                "Week from Monday (Europe/Berlin)",
                "Unique attendees"
            ]
        );
        let top: Vec<(String, String, u64)> = ranked(&input).into_iter().take(5).collect();
        let names: Vec<&str> = top.iter().map(|r| r.1.as_str()).collect();
        assert_eq!(names, ["Twin", "Twin", "Alpha", "Zed", "Room 5"]);
        let weeks = mondays("2026-03-02", "2026-03-30");
        let mut expected = Vec::new();
        for (id, name, _) in &top {
            let title = if name == "Twin" {
                format!("{name} ({id})")
            } else {
                name.clone()
            };
            for week in &weeks {
                let value: u64 = input
                    .iter()
                    .filter(|p| &p.room_id == id && &p.period == week)
                    .map(|p| p.unique_attendees)
                    .sum();
                let label = date(week).strftime("%-d %b").to_string();
                expected.push(vec![title.clone(), label, thousands(value)]);
            }
        }
        assert_eq!(chart.rows, expected);
        assert_eq!(chart.rows[0][0], "Twin (t1)", "ties by name, then ID");
        assert_eq!(
            chart.note.as_deref(),
            Some(
                "Rooms ranked by unique attendees added up over the weeks shown; a week without \
                 sessions counts 0. 5 more rooms not shown."
            )
        );
        let shown = texts(&chart.svg);
        for expected in ["Twin (t1)", "Alpha", "Room 5", "40", "2 Mar", "30 Mar"] {
            assert!(
                shown.iter().any(|t| t == expected),
                "{expected:?} in {shown:?}"
            );
        }
        assert!(!shown.iter().any(|t| t == "Room 4"));
    }
}

#[test]
fn top_rooms_are_at_most_twelve_and_one_room_reads_well() {
    let mut input = Vec::new();
    for r in 0..20u64 {
        input.push(period(
            &format!("r{r:02}"),
            &format!("Room {r:02}"),
            "2026-03-01",
            100 - r,
            None,
        ));
    }
    let chart = top_rooms_chart(&input, TrendPeriod::Month, "UTC", ThemeKind::Light, 50).unwrap();
    assert_eq!(chart.rows.len(), MAX_TOP_ROOMS);
    assert_eq!(chart.rows[11], vec!["Room 11", "Mar 2026", "89"]);
    assert!(chart
        .note
        .as_deref()
        .unwrap()
        .ends_with("8 more rooms not shown."));
    let one = top_rooms_chart(&input, TrendPeriod::Month, "UTC", ThemeKind::Dark, 1).unwrap();
    assert_eq!(
        one.title,
        "The room with the most unique attendees per month"
    );
    assert_eq!(one.rows, vec![vec!["Room 00", "Mar 2026", "100"]]);
    assert!(one.height < chart.height);
    let none = top_rooms_chart(&input, TrendPeriod::Month, "UTC", ThemeKind::Dark, 0).unwrap();
    assert_eq!(none.note.as_deref(), Some(NO_DATA));
}

const HOSTILE: [&str; 5] = [
    "<script>alert(1)</script>",
    "\"onload=\"x",
    "&amp;",
    "]]>",
    "👩‍💻 Team 🎉",
];

#[test]
fn hostile_room_names_are_text() {
    let input: Vec<RoomPeriod> = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, name)| {
            period(
                &format!("h{i}"),
                name,
                "2026-03-02",
                10 - i as u64,
                Some(50.0),
            )
        })
        .collect();
    let chart = top_rooms_chart(
        &input,
        TrendPeriod::Week,
        "<b>Zone</b>",
        ThemeKind::Dark,
        12,
    )
    .unwrap();
    let shown = texts(&chart.svg);
    for name in HOSTILE {
        assert!(shown.iter().any(|t| t == name), "{name:?} in {shown:?}");
    }
    assert!(shown.iter().any(|t| t == "Week from Monday (<b>Zone</b>)"));
    assert!(!chart.svg.contains("<script") && !chart.svg.contains("<b>"));
    let names: Vec<&str> = chart.rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(names, HOSTILE);

    let trend = room_trend_chart(&input, "h0", TrendPeriod::Week, "UTC", ThemeKind::Light).unwrap();
    assert_eq!(
        trend.title,
        "<script>alert(1)</script>: unique attendees and engagement per week, 2026"
    );
    texts(&trend.svg);
    assert!(!trend.svg.contains("<script"));
}

/// Set `ROOMLENS_CHART_PNG_DIR` to look at the charts: it writes a PNG of each there.
#[test]
fn pictures_for_a_person_to_look_at() {
    let Some(dir) = std::env::var_os("ROOMLENS_CHART_PNG_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut input = Vec::new();
    let weeks = mondays("2026-01-05", "2026-03-30");
    let rooms = [
        "Town hall",
        "Sales weekly",
        "Engineering all-hands and quarterly planning review",
        "Support huddle",
        "Board",
        "Onboarding",
        "Design critique",
    ];
    for (r, name) in rooms.iter().enumerate() {
        for (w, week) in weeks.iter().enumerate() {
            if (w + r) % 5 == 3 {
                continue; // a quiet week
            }
            let attendees = (40 + 17 * w as u64 + 29 * r as u64 * (w as u64 % 3)) / (r as u64 + 1);
            let rate = (w != 6).then_some(35.0 + ((w * 7 + r * 3) % 40) as f64);
            input.push(period(&format!("1_{r}"), name, week, attendees, rate));
        }
    }
    for theme in [ThemeKind::Light, ThemeKind::Dark] {
        let suffix = if theme == ThemeKind::Light {
            "light"
        } else {
            "dark"
        };
        let trend =
            room_trend_chart(&input, "1_0", TrendPeriod::Week, "Europe/Berlin", theme).unwrap();
        let png = roomlens_charts::svg_to_png(&trend.svg, 2.0).unwrap();
        std::fs::write(dir.join(format!("room-trend-{suffix}.png")), png).unwrap();
        let top = top_rooms_chart(&input, TrendPeriod::Week, "Europe/Berlin", theme, 6).unwrap();
        let png = roomlens_charts::svg_to_png(&top.svg, 2.0).unwrap();
        std::fs::write(dir.join(format!("top-rooms-{suffix}.png")), png).unwrap();
    }
}
