//! The custom reports' own shapes: ranked bars (one bar per item in the caller's order, counts or
//! percentages at the bars' ends, an extra column in the table) and series columns (one or two
//! series per category with a legend): well-formed in both themes, escaped hostile labels, missing
//! figures as "—", a PNG of twice the size, and "No data" when empty.

mod support;

use roomlens_charts::*;
use support::{check_drawn_as_text, svg_size, texts, themes};

const HOSTILE: [&str; 6] = [
    "<script>alert(1)</script>",
    "\"onload=\"x",
    "&amp;",
    "]]>",
    "مرحبا بالعالم",
    "👩‍💻 Team 🎉",
];

fn rooms(labels: &[&str]) -> RankedBarsInput {
    RankedBarsInput {
        title: "Average engagement per room".into(),
        label_heading: "Room".into(),
        value_heading: "Average engagement rate (%)".into(),
        value: RankedValue::Percent,
        extra_heading: Some("Sessions".into()),
        items: labels
            .iter()
            .enumerate()
            .map(|(i, l)| RankedItem {
                label: (*l).into(),
                value: if i == 1 {
                    f64::NAN
                } else {
                    90.0 - 10.0 * i as f64
                },
                extra: format!("{} sessions", i + 1),
            })
            .collect(),
    }
}

#[test]
fn ranked_bars_keep_the_callers_order_and_write_each_value() {
    for (name, theme) in themes() {
        let chart = ranked_bars(
            &rooms(&["Sales", "Support", "Town hall"]),
            &theme,
            Size::new(640, 360),
        )
        .unwrap();
        let shown = texts(&chart.svg);
        for expected in [
            "Average engagement per room",
            "Average engagement rate (%)",
            "Sales",
            "Town hall",
            "90.0%",
            "70.0%",
            "—",
        ] {
            assert!(
                shown.iter().any(|t| t == expected),
                "{name}: {expected:?} in {shown:?}"
            );
        }
        assert_eq!(
            chart.alt.columns,
            ["Room", "Average engagement rate (%)", "Sessions"]
        );
        assert_eq!(
            chart.alt.rows,
            vec![
                vec!["Sales", "90.0%", "1 sessions"],
                vec!["Support", "—", "2 sessions"],
                vec!["Town hall", "70.0%", "3 sessions"],
            ]
        );
        let doc = roxmltree::Document::parse(&chart.svg).unwrap();
        let y = |label: &str| -> f64 {
            let node = doc
                .descendants()
                .find(|n| n.has_tag_name("text") && n.text() == Some(label))
                .unwrap();
            node.attribute("y").unwrap().parse().unwrap()
        };
        assert!(
            y("Sales") < y("Town hall"),
            "drawn top down in the caller's order"
        );
    }
    let counts = RankedBarsInput {
        value: RankedValue::Count,
        extra_heading: None,
        items: vec![RankedItem {
            label: "Host".into(),
            value: 1234.0,
            extra: "ignored".into(),
        }],
        ..rooms(&[])
    };
    let chart = ranked_bars(&counts, &themes()[0].1, Size::new(640, 360)).unwrap();
    assert!(texts(&chart.svg).iter().any(|t| t == "1,234"));
    assert_eq!(chart.alt.rows, vec![vec!["Host", "1,234"]]);
    let empty = ranked_bars(&rooms(&[]), &themes()[0].1, Size::new(640, 360)).unwrap();
    assert!(texts(&empty.svg).iter().any(|t| t == NO_DATA));
    assert_eq!(empty.alt.note.as_deref(), Some(NO_DATA));
}

fn per_day(days: usize) -> SeriesColumnsInput {
    SeriesColumnsInput {
        title: "Sessions and attendees per day".into(),
        category_axis_title: "Session start, by day (Europe/Berlin)".into(),
        value_axis_title: "Count".into(),
        series: vec!["Sessions".into(), "Attendees".into()],
        categories: (0..days)
            .map(|d| SeriesCategory {
                label: format!("{} Mar", d + 1),
                values: vec![
                    d as f64,
                    if d == 2 {
                        f64::INFINITY
                    } else {
                        10.0 * d as f64
                    },
                ],
            })
            .collect(),
    }
}

#[test]
fn series_columns_draw_two_series_with_a_legend() {
    for (name, theme) in themes() {
        let chart = series_columns(&per_day(5), &theme, Size::new(640, 360)).unwrap();
        let shown = texts(&chart.svg);
        for expected in [
            "Sessions and attendees per day",
            "Sessions",
            "Attendees",
            "Session start, by day (Europe/Berlin)",
            "Count",
            "1 Mar",
        ] {
            assert!(
                shown.iter().any(|t| t == expected),
                "{name}: {expected:?} in {shown:?}"
            );
        }
        assert_eq!(
            chart.alt.columns,
            [
                "Session start, by day (Europe/Berlin)",
                "Sessions",
                "Attendees"
            ]
        );
        assert_eq!(chart.alt.rows[1], vec!["2 Mar", "1", "10"]);
        assert_eq!(chart.alt.rows[2], vec!["3 Mar", "2", "—"]);
        // Two colours of bars: one per series.
        assert!(
            chart.svg.contains(&theme.live.hex()) && chart.svg.contains(&theme.recording.hex())
        );
    }
    let one = SeriesColumnsInput {
        series: vec!["Sessions".into()],
        ..per_day(3)
    };
    let chart = series_columns(&one, &themes()[0].1, Size::new(640, 360)).unwrap();
    assert_eq!(chart.alt.columns.len(), 2);
    assert!(!texts(&chart.svg).iter().any(|t| t == "Attendees"));
    let empty = series_columns(&per_day(0), &themes()[0].1, Size::new(640, 360)).unwrap();
    assert!(texts(&empty.svg).iter().any(|t| t == NO_DATA));
}

#[test]
fn hostile_labels_and_titles_are_text_and_rasterise() {
    for (_, theme) in themes() {
        let mut input = rooms(&HOSTILE);
        input.title = HOSTILE[0].into();
        // Tall and wide enough that no label is shortened.
        let bars = ranked_bars(&input, &theme, Size::new(2400, 600)).unwrap();
        check_drawn_as_text(&bars.svg, &HOSTILE);
        assert_eq!(bars.alt.rows[0][0], HOSTILE[0]);

        let mut columns = per_day(0);
        columns.title = HOSTILE[1].into();
        columns.series = vec![HOSTILE[2].into(), HOSTILE[3].into()];
        columns.categories = HOSTILE
            .iter()
            .map(|l| SeriesCategory {
                label: (*l).into(),
                values: vec![1.0, 2.0],
            })
            .collect();
        let chart = series_columns(&columns, &theme, Size::new(2400, 400)).unwrap();
        check_drawn_as_text(&chart.svg, &HOSTILE);

        for svg in [&bars.svg, &chart.svg] {
            let png = svg_to_png(svg, 2.0).unwrap();
            let (w, h) = svg_size(svg);
            assert_eq!(
                &png[16..24],
                [(2 * w).to_be_bytes(), (2 * h).to_be_bytes()]
                    .concat()
                    .as_slice()
            );
        }
    }
}
