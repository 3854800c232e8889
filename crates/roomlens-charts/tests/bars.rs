//! Countries / Top devices, Recording plays per day and distribution bars: well-formed in both
//! themes, titles, legends and axis titles present, "Others" and missing figures, empty input.

mod support;

use roomlens_charts::*;
use support::{texts, themes};

fn countries(count: usize) -> BreakdownInput {
    BreakdownInput {
        kind: BreakdownKind::Countries,
        items: (0..count)
            .map(|i| BreakdownItem {
                label: format!("Country {i}"),
                live_viewers: (1000 - i * 10) as f64,
                recording_viewers: (i * 3) as f64,
            })
            .collect(),
        top_n: 5,
    }
}

#[test]
fn breakdown_shows_top_n_and_others_with_legend() {
    for (name, theme) in themes() {
        for kind in [BreakdownKind::Countries, BreakdownKind::Devices] {
            let input = BreakdownInput {
                kind,
                ..countries(12)
            };
            let chart = breakdown_bars(&input, &theme, Size::new(600, 400)).unwrap();
            let texts = texts(&chart.svg);
            for expected in [
                kind.title(),
                "Live viewers",
                "Recording viewers",
                "Unique viewers (people)",
                "Country 0",
                "Country 4",
                OTHERS,
                "1,000",
            ] {
                assert!(
                    texts.iter().any(|t| t == expected),
                    "{name}: {expected:?} in {texts:?}"
                );
            }
            assert!(!texts.iter().any(|t| t == "Country 5"));
            assert_eq!(chart.alt.rows.len(), 6);
            assert_eq!(chart.alt.rows[5][0], OTHERS);
            // Countries 5..12: live 950 + 940 + … + 890 = 6,440; recording 3 × (5 + … + 11) = 168.
            assert_eq!(
                chart.alt.rows[5][1..],
                ["6,440".to_owned(), "168".to_owned()]
            );
        }
    }
}

#[test]
fn breakdown_without_items_says_no_data_and_tolerates_nan() {
    for (_, theme) in themes() {
        let chart = breakdown_bars(&countries(0), &theme, Size::new(600, 400)).unwrap();
        assert!(texts(&chart.svg).iter().any(|t| t == NO_DATA));
        let mut input = countries(3);
        input.items[1].live_viewers = f64::NAN;
        input.items[2].recording_viewers = f64::INFINITY;
        let chart = breakdown_bars(&input, &theme, Size::new(600, 400)).unwrap();
        texts(&chart.svg);
        assert!(!chart.svg.contains("NaN") && !chart.svg.contains("inf"));
        assert!(chart.alt.rows.iter().any(|r| r[1] == "—"));
    }
}

#[test]
fn long_labels_are_shortened_in_the_chart_and_whole_in_the_table() {
    let long = "The Democratic Republic of a Very Long Country Name Indeed, Officially".to_owned();
    let input = BreakdownInput {
        kind: BreakdownKind::Countries,
        items: vec![BreakdownItem {
            label: long.clone(),
            live_viewers: 3.0,
            recording_viewers: 1.0,
        }],
        top_n: 5,
    };
    let chart = breakdown_bars(&input, &themes()[0].1, Size::new(500, 200)).unwrap();
    let texts = texts(&chart.svg);
    assert!(
        texts
            .iter()
            .any(|t| t.ends_with('…') && long.starts_with(t.trim_end_matches('…'))),
        "{texts:?}"
    );
    assert_eq!(chart.alt.rows[0][0], long);
}

fn day(year: i32, month: u8, day: u8) -> LocalDay {
    LocalDay { year, month, day }
}

#[test]
fn plays_per_day_fills_the_days_between() {
    let input = PlaysPerDayInput {
        zone_name: "America/New_York".into(),
        days: vec![
            DayPlays {
                day: day(2026, 3, 1),
                plays: 4.0,
            },
            DayPlays {
                day: day(2026, 3, 4),
                plays: 2.0,
            },
            DayPlays {
                day: day(2026, 3, 4),
                plays: 1.0,
            },
            DayPlays {
                day: day(2026, 3, 3),
                plays: f64::NAN,
            },
        ],
    };
    for (name, theme) in themes() {
        let chart = recording_plays_per_day(&input, &theme, Size::new(700, 300)).unwrap();
        let texts = texts(&chart.svg);
        for expected in [
            PLAYS_PER_DAY_TITLE,
            "Day (America/New_York)",
            "Plays",
            "1 Mar",
            "4 Mar",
        ] {
            assert!(
                texts.iter().any(|t| t == expected),
                "{name}: {expected:?} in {texts:?}"
            );
        }
        let rows: Vec<Vec<&str>> = chart
            .alt
            .rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            rows,
            vec![
                vec!["2026-03-01", "4"],
                vec!["2026-03-02", "0"],
                vec!["2026-03-03", "—"],
                vec!["2026-03-04", "3"]
            ]
        );
    }
}

#[test]
fn plays_per_day_over_a_year_thins_labels_and_names_years() {
    let input = PlaysPerDayInput {
        zone_name: "UTC".into(),
        days: (0..400)
            .map(|i| DayPlays {
                day: day(
                    2025 + (i / 365),
                    1 + ((i % 365) / 31).min(11) as u8,
                    1 + ((i % 365) % 28) as u8,
                ),
                plays: i as f64,
            })
            .collect(),
    };
    let chart = recording_plays_per_day(&input, &themes()[0].1, Size::new(900, 300)).unwrap();
    let texts = texts(&chart.svg);
    let day_labels: Vec<&String> = texts
        .iter()
        .filter(|t| t.ends_with("2025") || t.ends_with("2026"))
        .collect();
    assert!((3..=14).contains(&day_labels.len()), "{day_labels:?}");
}

#[test]
fn plays_per_day_rejects_impossible_dates_and_says_no_data_when_empty() {
    let bad = PlaysPerDayInput {
        zone_name: "UTC".into(),
        days: vec![DayPlays {
            day: day(2026, 2, 30),
            plays: 1.0,
        }],
    };
    let error = recording_plays_per_day(&bad, &themes()[0].1, Size::new(700, 300)).unwrap_err();
    assert_eq!(error.code(), "chart_input_invalid");
    assert!(error.message().contains("2026-02-30"));
    let empty = PlaysPerDayInput {
        zone_name: "UTC".into(),
        days: Vec::new(),
    };
    let chart = recording_plays_per_day(&empty, &themes()[1].1, Size::new(700, 300)).unwrap();
    assert!(texts(&chart.svg).iter().any(|t| t == NO_DATA));
}

#[test]
fn distribution_draws_buckets_with_axis_titles() {
    let input = DistributionInput {
        title: "Attendees by live engagement rate".into(),
        bucket_axis_title: "Live engagement rate (%)".into(),
        count_axis_title: "Attendees (people)".into(),
        buckets: (0..10)
            .map(|i| DistributionBucket {
                label: format!("{}–{}%", i * 10, i * 10 + 10),
                count: (i * i) as f64,
            })
            .collect(),
    };
    for (name, theme) in themes() {
        let chart = distribution_bars(&input, &theme, Size::new(800, 300)).unwrap();
        let texts = texts(&chart.svg);
        for expected in [
            "Attendees by live engagement rate",
            "Live engagement rate (%)",
            "Attendees (people)",
            "0–10%",
            "80",
        ] {
            assert!(
                texts.iter().any(|t| t == expected),
                "{name}: {expected:?} in {texts:?}"
            );
        }
        assert_eq!(chart.alt.rows.len(), 10);
        assert_eq!(chart.alt.rows[9], vec!["90–100%", "81"]);
    }
    let empty = DistributionInput {
        buckets: Vec::new(),
        ..input
    };
    let chart = distribution_bars(&empty, &themes()[0].1, Size::new(800, 300)).unwrap();
    assert!(texts(&chart.svg).iter().any(|t| t == NO_DATA));
    assert_eq!(chart.alt.note.as_deref(), Some(NO_DATA));
}
