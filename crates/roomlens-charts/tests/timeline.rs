//! The session timeline: well-formed in both themes, titles and legend present, point positions
//! inside the plot and increasing, readable ticks from 1 minute to 12 hours, empty and broken input.

mod support;

use roomlens_charts::{session_timeline, Size, TimelineInput, TimelineMinute, TIMELINE_TITLE};
use support::{berlin_clock, is_time_label, texts, themes};

fn minutes(count: usize) -> Vec<TimelineMinute> {
    (0..count)
        .map(|i| TimelineMinute {
            live_viewers: 50.0 + (i % 40) as f64,
            engagement_rate_percent: 40.0 + (i % 50) as f64,
            reactions: (i % 7) as f64,
        })
        .collect()
}

fn input(count: usize) -> TimelineInput {
    TimelineInput {
        clock: berlin_clock(),
        minutes: minutes(count),
    }
}

#[test]
fn draws_title_legend_and_axis_titles_in_both_themes() {
    for (name, theme) in themes() {
        let chart = session_timeline(&input(60), &theme, Size::new(900, 360)).unwrap();
        let texts = texts(&chart.chart.svg);
        for expected in [
            TIMELINE_TITLE,
            "Live viewers",
            "Live engagement rate",
            "Reactions per minute (tallest bar: 6)",
            "Local time (Europe/Berlin)",
            "Live viewers (people)",
            "Live engagement rate (%)",
        ] {
            assert!(
                texts.iter().any(|t| t == expected),
                "{name}: {expected:?} missing from {texts:?}"
            );
        }
        assert!(texts.iter().any(|t| t == "10:10"), "{name}: {texts:?}");
        assert!(texts.iter().any(|t| t == "100%"), "{name}: {texts:?}");
        assert!(chart.chart.svg.contains(&theme.background.hex()));
        assert!(chart.chart.svg.contains(&theme.live.hex()));
        assert_eq!(chart.chart.alt.rows.len(), 60);
        assert_eq!(chart.chart.alt.rows[0], vec!["10:02", "50", "40.0%", "0"]);
        assert_eq!(chart.chart.alt.columns[0], "Time (Europe/Berlin)");
    }
}

#[test]
fn point_positions_are_inside_the_plot_and_increase() {
    for count in [1, 2, 60, 720] {
        let chart = session_timeline(&input(count), &themes()[0].1, Size::new(900, 360)).unwrap();
        let plot = chart.plot_area.unwrap();
        assert!(plot.width > 600.0 && plot.height > 150.0, "{plot:?}");
        assert_eq!(chart.points.len(), count);
        for (i, p) in chart.points.iter().enumerate() {
            assert_eq!(p.minute_index, i);
            for y in [p.y_viewers.unwrap(), p.y_engagement.unwrap()] {
                assert!(
                    plot.contains(p.x, y),
                    "minute {i} at ({}, {y}) outside {plot:?}",
                    p.x
                );
            }
        }
        assert!(chart.points.windows(2).all(|w| w[0].x < w[1].x));
    }
}

#[test]
fn twelve_hours_get_a_readable_number_of_round_time_labels() {
    for (count, width) in [
        (720, 900),
        (720, 480),
        (12 * 60 + 37, 1400),
        (1, 900),
        (5, 900),
    ] {
        let chart = session_timeline(&input(count), &themes()[0].1, Size::new(width, 360)).unwrap();
        let labels: Vec<String> = texts(&chart.chart.svg)
            .into_iter()
            .filter(|t| is_time_label(t))
            .collect();
        assert!(
            !labels.is_empty() && labels.len() <= 12,
            "{count} min at {width}px: {labels:?}"
        );
        if count >= 720 {
            assert!(labels.len() >= 3, "{labels:?}");
            assert!(labels.iter().all(|l| l.ends_with(":00")), "{labels:?}");
        }
    }
}

#[test]
fn no_minutes_says_no_data() {
    for (_, theme) in themes() {
        let chart = session_timeline(&input(0), &theme, Size::new(900, 360)).unwrap();
        let texts = texts(&chart.chart.svg);
        assert!(texts.iter().any(|t| t == "No data"), "{texts:?}");
        assert!(chart.points.is_empty() && chart.plot_area.is_none());
        assert_eq!(chart.chart.alt.note.as_deref(), Some("No data"));
    }
}

#[test]
fn missing_and_infinite_figures_are_gaps_not_failures() {
    let mut input = input(30);
    input.minutes[3].live_viewers = f64::NAN;
    input.minutes[4].engagement_rate_percent = f64::INFINITY;
    input.minutes[5].reactions = f64::NEG_INFINITY;
    for m in &mut input.minutes[10..] {
        m.live_viewers = f64::NAN;
        m.engagement_rate_percent = f64::NAN;
        m.reactions = f64::NAN;
    }
    let chart = session_timeline(&input, &themes()[0].1, Size::new(900, 360)).unwrap();
    texts(&chart.chart.svg);
    assert!(!chart.chart.svg.contains("NaN") && !chart.chart.svg.contains("inf"));
    assert_eq!(chart.points[3].y_viewers, None);
    assert_eq!(chart.points[4].y_engagement, None);
    assert_eq!(chart.chart.alt.rows[3][1], "—");
    assert_eq!(chart.chart.alt.rows[5][3], "—");

    let all_missing = TimelineInput {
        clock: berlin_clock(),
        minutes: vec![
            TimelineMinute {
                live_viewers: f64::NAN,
                engagement_rate_percent: f64::NAN,
                reactions: f64::NAN
            };
            5
        ],
    };
    let chart = session_timeline(&all_missing, &themes()[1].1, Size::new(900, 360)).unwrap();
    texts(&chart.chart.svg);
}

#[test]
fn bad_sizes_are_errors_with_a_code() {
    for size in [Size::new(0, 360), Size::new(900, 0), Size::new(200_000, 10)] {
        let error = session_timeline(&input(10), &themes()[0].1, size).unwrap_err();
        assert_eq!(error.code(), "chart_size_invalid");
    }
    // Tiny but valid sizes draw something rather than failing or panicking.
    for size in [Size::new(1, 1), Size::new(40, 30), Size::new(120, 80)] {
        if let Ok(chart) = session_timeline(&input(10), &themes()[0].1, size) {
            texts(&chart.chart.svg);
        }
    }
}
