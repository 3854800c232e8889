//! Engagement heatmaps: the one-person strip and the many-people rows, in both themes; cells merge
//! and stay inside the plot; 5,000 people × 480 minutes draws (its time and size: the example
//! chart_bench in release mode).

mod support;

use roomlens_charts::*;
use support::{berlin_clock, element_names, stroke_extent, svg_size, texts, themes};
use EngagementLevel::*;

fn person(name: &str, levels: Vec<EngagementLevel>) -> PersonEngagement {
    PersonEngagement {
        name: name.into(),
        levels,
    }
}

#[test]
fn strip_is_compact_cells_only_with_runs_in_its_table() {
    let levels = [
        vec![Offline; 2],
        vec![Present; 3],
        vec![Engaged; 5],
        vec![Offline; 1],
    ]
    .concat();
    for (name, theme) in themes() {
        let chart = engagement_strip(
            &person("Ada", levels.clone()),
            &berlin_clock(),
            &theme,
            Size::new(600, 24),
        )
        .unwrap();
        assert!(texts(&chart.svg).is_empty(), "{name}");
        assert_eq!(svg_size(&chart.svg), (600, 24));
        assert!(
            chart.svg.contains(&theme.heat_engaged.hex())
                && chart.svg.contains(&theme.heat_present.hex())
        );
        assert_eq!(chart.svg.matches("<path").count(), 2);
        assert_eq!(chart.alt.title, "Engagement of Ada, per minute");
        assert_eq!(chart.alt.columns[0], "Time (Europe/Berlin)");
        assert_eq!(
            chart.alt.rows,
            vec![
                vec!["10:02–10:04", "Offline", "2"],
                vec!["10:04–10:07", "Present, not engaged", "3"],
                vec!["10:07–10:12", "Engaged", "5"],
                vec!["10:12–10:13", "Offline", "1"],
            ]
        );
        assert_eq!(
            chart.alt.note.as_deref(),
            Some("Engaged 5 min, present but not engaged 3 min, offline 3 min.")
        );
    }
    let empty = engagement_strip(
        &person("Ada", Vec::new()),
        &berlin_clock(),
        &themes()[0].1,
        Size::new(600, 24),
    )
    .unwrap();
    assert_eq!(texts(&empty.svg), vec![NO_DATA]);
}

#[test]
fn heatmap_names_rows_when_they_are_tall_enough() {
    let people: Vec<PersonEngagement> = (0..12)
        .map(|i| {
            person(
                &format!("Person {i}"),
                (0..90)
                    .map(|m| EngagementLevel::from_code(((m / 7 + i) % 3) as u8))
                    .collect(),
            )
        })
        .collect();
    let input = EngagementHeatmapInput {
        clock: berlin_clock(),
        people,
    };
    for (name, theme) in themes() {
        let chart = engagement_heatmap(&input, &theme, Size::new(900, 400)).unwrap();
        let texts = texts(&chart.svg);
        for expected in [
            HEATMAP_TITLE,
            "Engaged",
            "Present, not engaged",
            "Offline",
            "Local time (Europe/Berlin)",
            "Person 0",
            "Person 11",
            "10:30",
        ] {
            assert!(
                texts.iter().any(|t| t == expected),
                "{name}: {expected:?} in {texts:?}"
            );
        }
        assert_eq!(chart.alt.rows.len(), 12);
        assert_eq!(chart.alt.columns.len(), 4);
        let minutes: usize = chart.alt.rows[0][1..]
            .iter()
            .map(|c| c.parse::<usize>().unwrap())
            .sum();
        assert_eq!(minutes, 90);
    }
}

#[test]
fn five_thousand_people_by_480_minutes_draw_small_and_inside() {
    let people: Vec<PersonEngagement> = (0..5000)
        .map(|p| {
            let join = p % 50;
            let levels = (0..480)
                .map(|m| {
                    if m < join || m > 470 - p % 30 {
                        Offline
                    } else if (m / 13 + p) % 4 == 0 {
                        Present
                    } else {
                        Engaged
                    }
                })
                .collect();
            person(&format!("Person {p}"), levels)
        })
        .collect();
    let input = EngagementHeatmapInput {
        clock: berlin_clock(),
        people,
    };
    let size = Size::new(960, 5120);
    let chart = engagement_heatmap(&input, &themes()[0].1, size).unwrap();
    let texts = texts(&chart.svg);
    assert!(texts.iter().any(|t| t == "People (5000)"), "{texts:?}");
    assert!(
        !texts.iter().any(|t| t == "Person 0"),
        "rows of 1 px are not named"
    );
    assert_eq!(chart.alt.rows.len(), 5000);
    // Merged runs: far fewer than 2,400,000 cells' worth of SVG.
    assert!(chart.svg.len() < 4_000_000, "{} bytes", chart.svg.len());
    let (max_x, min_y, max_y) = stroke_extent(&chart.svg);
    assert!(
        max_x <= f64::from(size.width) && min_y >= 50.0 && max_y <= f64::from(size.height),
        "{max_x} {min_y} {max_y}"
    );
    assert!(element_names(&chart.svg)
        .iter()
        .all(|n| ["svg", "rect", "line", "polyline", "text", "path"].contains(&n.as_str())));
}

#[test]
fn no_people_or_no_minutes_say_no_data() {
    for people in [Vec::new(), vec![person("Ada", Vec::new())]] {
        let input = EngagementHeatmapInput {
            clock: berlin_clock(),
            people,
        };
        let chart = engagement_heatmap(&input, &themes()[1].1, Size::new(900, 400)).unwrap();
        assert!(texts(&chart.svg).iter().any(|t| t == NO_DATA));
    }
}
