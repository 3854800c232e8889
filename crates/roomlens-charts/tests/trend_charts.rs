//! Trend lines (one room's series per period, a break where a value is missing, a right-hand
//! percentage axis) and small multiples (a panel per room on one shared scale): well-formed in
//! both themes, hostile names as escaped text, text alternatives matching the input, "No data"
//! when empty, and size errors instead of panics.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a step that fails should stop it loudly"
)]

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

fn weeks(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("{} Mar", 2 + 7 * i)).collect()
}

fn attendees_and_engagement(count: usize) -> TrendLinesInput {
    TrendLinesInput {
        title: "Town hall: unique attendees and engagement, per week".into(),
        period_axis_title: "Week from Monday (Europe/Berlin)".into(),
        count_axis_title: "Unique attendees (people)".into(),
        percent_axis_title: "Engagement rate (%)".into(),
        periods: weeks(count),
        series: vec![
            TrendSeries {
                name: "Unique attendees".into(),
                scale: TrendScale::Count,
                values: (0..count).map(|i| 900.0 + 150.0 * i as f64).collect(),
            },
            TrendSeries {
                name: "Engagement rate".into(),
                scale: TrendScale::Percent,
                values: (0..count)
                    .map(|i| {
                        if i == 2 {
                            f64::NAN
                        } else {
                            40.0 + 2.25 * i as f64
                        }
                    })
                    .collect(),
            },
        ],
    }
}

/// Elements named `tag` whose `attribute` is `value`.
fn count_with(svg: &str, tag: &str, attribute: &str, value: &str) -> usize {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name(tag) && n.attribute(attribute) == Some(value))
        .count()
}

/// The `<rect>`s filled with `color`, as (x, y, width, height).
fn rects(svg: &str, color: Rgb) -> Vec<(f64, f64, f64, f64)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let number =
        |n: roxmltree::Node<'_, '_>, a: &str| -> f64 { n.attribute(a).unwrap().parse().unwrap() };
    doc.descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some(color.hex().as_str()))
        .map(|n| {
            (
                number(n, "x"),
                number(n, "y"),
                number(n, "width"),
                number(n, "height"),
            )
        })
        .collect()
}

#[test]
fn trend_lines_draw_counts_left_and_percentages_right_with_a_legend() {
    for (name, theme) in themes() {
        let chart = trend_lines(&attendees_and_engagement(6), &theme, Size::new(720, 360)).unwrap();
        let shown = texts(&chart.svg);
        for expected in [
            "Town hall: unique attendees and engagement, per week",
            "Unique attendees",
            "Engagement rate",
            "Unique attendees (people)",
            "Engagement rate (%)",
            "Week from Monday (Europe/Berlin)",
            "2 Mar",
            "37 Mar",
            "0%",
            "100%",
            "1,000",
        ] {
            assert!(
                shown.iter().any(|t| t == expected),
                "{name}: {expected:?} in {shown:?}"
            );
        }
        // Each line in its own colour, the engagement line in the timeline's engagement colour.
        assert!(count_with(&chart.svg, "polyline", "stroke", &theme.live.hex()) >= 1);
        assert!(count_with(&chart.svg, "polyline", "stroke", &theme.engagement.hex()) >= 1);
    }
}

#[test]
fn trend_lines_text_alternative_matches_the_input() {
    let input = attendees_and_engagement(5);
    let chart = trend_lines(&input, &Theme::light(), Size::new(720, 360)).unwrap();
    assert_eq!(
        chart.alt.columns,
        [
            "Week from Monday (Europe/Berlin)",
            "Unique attendees",
            "Engagement rate"
        ]
    );
    assert_eq!(chart.alt.title, input.title);
    assert_eq!(chart.alt.rows.len(), 5);
    for (i, row) in chart.alt.rows.iter().enumerate() {
        let attendees = 900 + 150 * i;
        let count = if attendees >= 1000 {
            format!("{},{:03}", attendees / 1000, attendees % 1000)
        } else {
            attendees.to_string()
        };
        let percent = if i == 2 {
            "—".to_owned()
        } else {
            format!("{:.1}%", 40.0 + 2.25 * i as f64)
        };
        assert_eq!(row, &vec![format!("{} Mar", 2 + 7 * i), count, percent]);
    }
    assert_eq!(chart.alt.rows[3][2], "46.8%");
    assert_eq!(chart.alt.rows[1][1], "1,050");
    assert_eq!(chart.alt.note, None);
}

#[test]
fn missing_values_break_the_line_and_lone_points_keep_their_marker() {
    let values = [3.0, 5.0, f64::NAN, 4.0, f64::INFINITY, 6.0, 7.0, 2.0];
    let input = TrendLinesInput {
        title: "Sessions".into(),
        period_axis_title: "Month (UTC)".into(),
        count_axis_title: "Sessions".into(),
        percent_axis_title: "Unused (%)".into(),
        periods: weeks(values.len()),
        series: vec![TrendSeries {
            name: "Sessions".into(),
            scale: TrendScale::Count,
            values: values.to_vec(),
        }],
    };
    for (name, theme) in themes() {
        let chart = trend_lines(&input, &theme, Size::new(640, 320)).unwrap();
        let live = theme.live.hex();
        // Runs: [3, 5], [4] (a lone point: marker only), [6, 7, 2].
        assert_eq!(
            count_with(&chart.svg, "polyline", "stroke", &live),
            2,
            "{name}"
        );
        assert_eq!(count_with(&chart.svg, "circle", "fill", &live), 6, "{name}");
        assert!(!chart.svg.contains("NaN") && !chart.svg.contains("inf"));
        let cells: Vec<&str> = chart.alt.rows.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(cells, ["3", "5", "—", "4", "—", "6", "7", "2"]);
        // One series: no legend, so the name appears once (the table) and not as a legend entry;
        // the axis title names it.
        assert!(texts(&chart.svg).iter().any(|t| t == "Sessions"));
        assert!(!texts(&chart.svg).iter().any(|t| t == "Unused (%)"));
    }
}

#[test]
fn trend_lines_of_percentages_only_use_the_left_axis_and_short_values_pad_with_missing() {
    let input = TrendLinesInput {
        series: vec![TrendSeries {
            name: "Engagement rate".into(),
            scale: TrendScale::Percent,
            values: vec![12.34, 56.78],
        }],
        ..attendees_and_engagement(3)
    };
    let chart = trend_lines(&input, &Theme::dark(), Size::new(640, 320)).unwrap();
    let shown = texts(&chart.svg);
    assert!(shown.iter().any(|t| t == "Engagement rate (%)"));
    assert!(!shown.iter().any(|t| t == "Unique attendees (people)"));
    assert_eq!(
        chart.alt.rows,
        vec![
            vec!["2 Mar", "12.3%"],
            vec!["9 Mar", "56.8%"],
            vec!["16 Mar", "—"]
        ]
    );
}

#[test]
fn trend_lines_without_periods_or_series_say_no_data_and_bad_sizes_are_errors() {
    for (_, theme) in themes() {
        let empty = trend_lines(&attendees_and_engagement(0), &theme, Size::new(640, 320)).unwrap();
        assert!(texts(&empty.svg).iter().any(|t| t == NO_DATA));
        assert_eq!(empty.alt.note.as_deref(), Some(NO_DATA));
        assert!(empty.alt.rows.is_empty());
        let no_series = TrendLinesInput {
            series: Vec::new(),
            ..attendees_and_engagement(3)
        };
        let chart = trend_lines(&no_series, &theme, Size::new(640, 320)).unwrap();
        assert!(texts(&chart.svg).iter().any(|t| t == NO_DATA));
    }
    for size in [
        Size::new(0, 320),
        Size::new(640, 0),
        Size::new(Size::MAX_SIDE + 1, 10),
    ] {
        let error = trend_lines(&attendees_and_engagement(4), &Theme::light(), size).unwrap_err();
        assert_eq!(error.code(), "chart_size_invalid");
        let error = trend_lines(&attendees_and_engagement(0), &Theme::light(), size).unwrap_err();
        assert_eq!(error.code(), "chart_size_invalid");
    }
    // Tiny and single-period charts still draw (well-formed, no panic).
    for size in [Size::new(1, 1), Size::new(60, 40)] {
        texts(
            &trend_lines(&attendees_and_engagement(1), &Theme::light(), size)
                .unwrap()
                .svg,
        );
    }
}

fn rooms(count: usize, periods: usize) -> SmallMultiplesInput {
    SmallMultiplesInput {
        title: "Unique attendees per week, the busiest rooms".into(),
        panel_heading: "Room".into(),
        period_axis_title: "Week from Monday (Europe/Berlin)".into(),
        value_heading: "Unique attendees".into(),
        periods: weeks(periods),
        panels: (0..count)
            .map(|r| SmallPanel {
                title: format!("Room {r}"),
                values: (0..periods)
                    .map(|p| ((137 - 7 * r) * (p + 1) / periods) as f64)
                    .collect(),
            })
            .collect(),
    }
}

#[test]
fn small_multiples_share_one_scale_labelled_with_the_largest_value() {
    for (name, theme) in themes() {
        let input = rooms(12, 5);
        let chart = small_multiples(&input, &theme, Size::new(900, 640)).unwrap();
        let shown = texts(&chart.svg);
        for expected in [
            "Unique attendees per week, the busiest rooms",
            "Room 0",
            "Room 11",
            "Week from Monday (Europe/Berlin)",
            "2 Mar",
            "30 Mar",
        ] {
            assert!(
                shown.iter().any(|t| t == expected),
                "{name}: {expected:?} in {shown:?}"
            );
        }
        // The scale's top is the largest value of any panel (Room 0's last week: 137), and every
        // labelled panel says so: the same labels "0" and "137" in each row of the grid.
        let tops = shown.iter().filter(|t| *t == "137").count();
        let zeros = shown.iter().filter(|t| *t == "0").count();
        assert!(tops >= 1 && tops == zeros, "{name}: {shown:?}");
        assert!(!shown.iter().any(|t| t == "150"), "no rounded-up top");

        // Column heights are proportional to their values across panels.
        let columns = rects(&chart.svg, theme.live);
        let values: Vec<f64> = input.panels.iter().flat_map(|p| p.values.clone()).collect();
        assert_eq!(columns.len(), values.iter().filter(|v| **v > 0.0).count());
        let tallest = columns.iter().map(|c| c.3).fold(0.0, f64::max);
        let mut heights: Vec<f64> = columns.iter().map(|c| c.3).collect();
        let mut expected: Vec<f64> = values
            .iter()
            .filter(|v| **v > 0.0)
            .map(|v| v / 137.0 * tallest)
            .collect();
        heights.sort_by(f64::total_cmp);
        expected.sort_by(f64::total_cmp);
        for (h, e) in heights.iter().zip(&expected) {
            assert!((h - e).abs() <= 1.5, "{name}: height {h} for {e}");
        }
    }
}

#[test]
fn small_multiples_label_periods_under_the_lowest_panels_only() {
    let input = rooms(12, 6);
    let chart = small_multiples(&input, &Theme::light(), Size::new(900, 640)).unwrap();
    let doc = roxmltree::Document::parse(&chart.svg).unwrap();
    let position = |text: &str| -> Vec<(f64, f64)> {
        doc.descendants()
            .filter(|n| n.has_tag_name("text") && n.text() == Some(text))
            .map(|n| {
                (
                    n.attribute("x").unwrap().parse().unwrap(),
                    n.attribute("y").unwrap().parse().unwrap(),
                )
            })
            .collect()
    };
    let titles: Vec<(f64, f64)> = (0..12)
        .flat_map(|r| position(&format!("Room {r}")))
        .collect();
    assert_eq!(titles.len(), 12);
    let mut grid_columns: Vec<i64> = titles.iter().map(|t| t.0.round() as i64).collect();
    grid_columns.sort_unstable();
    grid_columns.dedup();
    let lowest_title = titles.iter().map(|t| t.1).fold(0.0, f64::max);
    let firsts = position("2 Mar");
    let lasts = position("37 Mar");
    assert_eq!(firsts.len(), grid_columns.len(), "{firsts:?}");
    assert_eq!(lasts.len(), grid_columns.len());
    assert!(firsts.iter().chain(&lasts).all(|p| p.1 > lowest_title));
    assert!(
        position("16 Mar").is_empty(),
        "only the first and last period are labelled"
    );
    // Drawn in the caller's order: left to right, then top down.
    assert!(titles[0].0 < titles[1].0 && titles[0].1 < titles[11].1);
}

#[test]
fn small_multiples_text_alternative_lists_room_period_value() {
    let mut input = rooms(3, 4);
    input.panels[1].values[2] = f64::NAN;
    input.panels[2].values = vec![1234.0];
    let chart = small_multiples(&input, &Theme::dark(), Size::new(800, 400)).unwrap();
    assert_eq!(
        chart.alt.columns,
        [
            "Room",
            "Week from Monday (Europe/Berlin)",
            "Unique attendees"
        ]
    );
    assert_eq!(chart.alt.rows.len(), 3 * 4);
    let mut expected = Vec::new();
    for (r, panel) in input.panels.iter().enumerate() {
        for (p, label) in input.periods.iter().enumerate() {
            let cell = match (r, p) {
                (1, 2) | (2, 1..) => "—".to_owned(),
                (2, 0) => "1,234".to_owned(),
                _ => format!("{}", panel.values[p]),
            };
            expected.push(vec![panel.title.clone(), label.clone(), cell]);
        }
    }
    assert_eq!(chart.alt.rows, expected);
    assert_eq!(chart.alt.note, None);
    // 1,234 is now the largest value: the scale's top.
    assert!(texts(&chart.svg).iter().any(|t| t == "1,234"));

    let many = rooms(15, 2);
    let chart = small_multiples(&many, &Theme::light(), Size::new(900, 700)).unwrap();
    assert_eq!(chart.alt.rows.len(), MAX_PANELS * 2);
    assert!(!texts(&chart.svg).iter().any(|t| t == "Room 12"));
    assert_eq!(
        chart.alt.note.as_deref(),
        Some("The first 12 of 15 are drawn and listed.")
    );
}

#[test]
fn small_multiples_without_panels_or_periods_say_no_data_and_bad_sizes_are_errors() {
    for (_, theme) in themes() {
        for input in [rooms(0, 4), rooms(3, 0)] {
            let chart = small_multiples(&input, &theme, Size::new(800, 400)).unwrap();
            assert!(texts(&chart.svg).iter().any(|t| t == NO_DATA));
            assert_eq!(chart.alt.note.as_deref(), Some(NO_DATA));
            assert_eq!(chart.alt.columns.len(), 3);
        }
        // All zeros: drawn, a scale of just "0", no columns.
        let mut zeros = rooms(2, 3);
        for panel in &mut zeros.panels {
            panel.values = vec![0.0; 3];
        }
        let chart = small_multiples(&zeros, &theme, Size::new(800, 400)).unwrap();
        assert!(rects(&chart.svg, theme.live).is_empty());
        assert!(texts(&chart.svg).iter().any(|t| t == "0"));
    }
    for size in [
        Size::new(0, 400),
        Size::new(800, 0),
        Size::new(10, Size::MAX_SIDE + 1),
    ] {
        let error = small_multiples(&rooms(4, 4), &Theme::light(), size).unwrap_err();
        assert_eq!(error.code(), "chart_size_invalid");
    }
    for size in [Size::new(1, 1), Size::new(90, 70), Size::new(3000, 90)] {
        texts(
            &small_multiples(&rooms(12, 30), &Theme::dark(), size)
                .unwrap()
                .svg,
        );
    }
}

#[test]
fn hostile_room_names_and_titles_are_text_and_rasterise() {
    for (_, theme) in themes() {
        let mut input = rooms(HOSTILE.len(), 4);
        input.title = HOSTILE[0].into();
        input.period_axis_title = HOSTILE[1].into();
        for (panel, name) in input.panels.iter_mut().zip(HOSTILE) {
            panel.title = name.into();
        }
        input.periods = vec![HOSTILE[2].into(), "x".into(), "y".into(), HOSTILE[3].into()];
        // Wide enough that no name is shortened.
        let multiples = small_multiples(&input, &theme, Size::new(2400, 500)).unwrap();
        check_drawn_as_text(&multiples.svg, &HOSTILE);
        let names: Vec<&str> = multiples
            .alt
            .rows
            .iter()
            .step_by(4)
            .map(|r| r[0].as_str())
            .collect();
        assert_eq!(names, HOSTILE);

        let mut trend = attendees_and_engagement(4);
        trend.title = HOSTILE[0].into();
        trend.period_axis_title = HOSTILE[1].into();
        trend.series[0].name = HOSTILE[4].into();
        trend.series[1].name = HOSTILE[5].into();
        trend.periods = HOSTILE[..4].iter().map(|h| (*h).to_owned()).collect();
        let lines = trend_lines(&trend, &theme, Size::new(2400, 400)).unwrap();
        check_drawn_as_text(&lines.svg, &HOSTILE);
        assert_eq!(lines.alt.columns[1..], [HOSTILE[4], HOSTILE[5]]);

        for svg in [&multiples.svg, &lines.svg] {
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
    // Characters XML cannot hold are replaced, not passed through.
    let mut input = rooms(1, 2);
    input.panels[0].title = "bell\u{7}tab\tend\u{FFFF}".into();
    let chart = small_multiples(&input, &Theme::light(), Size::new(800, 300)).unwrap();
    check_drawn_as_text(&chart.svg, &["bell\u{FFFD}tab end\u{FFFD}"]);
}

#[test]
fn long_room_names_are_shortened_in_panels_and_whole_in_the_table() {
    let long = "Quarterly all-hands for the whole European sales organisation".to_owned();
    let mut input = rooms(9, 4);
    input.panels[0].title = long.clone();
    let chart = small_multiples(&input, &Theme::light(), Size::new(640, 480)).unwrap();
    let shown = texts(&chart.svg);
    assert!(
        shown
            .iter()
            .any(|t| t.ends_with('…') && long.starts_with(t.trim_end_matches('…'))),
        "{shown:?}"
    );
    assert_eq!(chart.alt.rows[0][0], long);
}

/// Set `ROOMLENS_CHART_PNG_DIR` to look at the charts: it writes a PNG of each there.
#[test]
fn pictures_for_a_person_to_look_at() {
    let Some(dir) = std::env::var_os("ROOMLENS_CHART_PNG_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, theme) in themes() {
        let mut trend = attendees_and_engagement(14);
        trend.series[0].values[6] = f64::NAN;
        let chart = trend_lines(&trend, &theme, Size::new(720, 360)).unwrap();
        std::fs::write(
            dir.join(format!("trend-lines-{name}.png")),
            svg_to_png(&chart.svg, 2.0).unwrap(),
        )
        .unwrap();
        let chart = small_multiples(&rooms(10, 12), &theme, Size::new(720, 640)).unwrap();
        std::fs::write(
            dir.join(format!("small-multiples-{name}.png")),
            svg_to_png(&chart.svg, 2.0).unwrap(),
        )
        .unwrap();
    }
}
