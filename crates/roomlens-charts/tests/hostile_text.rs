//! Names from reports are drawn as text, never markup: hostile, RTL and emoji names come out
//! escaped (plotters' SVG backend escapes `< > & " '`), the SVG stays well-formed, no element or
//! attribute appears that a chart does not draw, and each text node holds exactly the name.

mod support;

use roomlens_charts::*;
use support::{check_drawn_as_text as check, themes};

const HOSTILE: [&str; 8] = [
    "<script>alert(1)</script>",
    "\"onload=\"x",
    "&amp;",
    "]]>",
    "'><svg onload=alert(1)>",
    "مرحبا بالعالم",
    "👩‍💻 Team 🎉",
    "A & B <C>",
];

#[test]
fn breakdown_labels_are_text() {
    let input = BreakdownInput {
        kind: BreakdownKind::Devices,
        items: HOSTILE
            .iter()
            .enumerate()
            .map(|(i, name)| BreakdownItem {
                label: (*name).into(),
                live_viewers: 100.0 - i as f64,
                recording_viewers: 1.0,
            })
            .collect(),
        top_n: 10,
    };
    for (_, theme) in themes() {
        let chart = breakdown_bars(&input, &theme, Size::new(1000, 500)).unwrap();
        check(&chart.svg, &HOSTILE);
        let table: Vec<&str> = chart.alt.rows.iter().map(|r| r[0].as_str()).collect();
        assert_eq!(table, HOSTILE);
    }
}

#[test]
fn heatmap_names_are_text() {
    let people = HOSTILE
        .iter()
        .map(|name| PersonEngagement {
            name: (*name).into(),
            levels: vec![EngagementLevel::Engaged; 30],
        })
        .collect();
    let clock = SessionClock {
        start_unix_seconds: 0,
        utc_offset_minutes: 0,
        zone_name: "<b>Zone</b>".into(),
    };
    let input = EngagementHeatmapInput {
        clock: clock.clone(),
        people,
    };
    for (_, theme) in themes() {
        let chart = engagement_heatmap(&input, &theme, Size::new(1200, 400)).unwrap();
        check(&chart.svg, &HOSTILE);
        check(&chart.svg, &["Local time (<b>Zone</b>)"]);
        let strip = engagement_strip(&input.people[0], &clock, &theme, Size::new(600, 24)).unwrap();
        check(&strip.svg, &[]);
        assert_eq!(
            strip.alt.title,
            "Engagement of <script>alert(1)</script>, per minute"
        );
    }
}

#[test]
fn caller_titles_bucket_labels_and_zone_names_are_text() {
    let input = DistributionInput {
        title: HOSTILE[0].into(),
        bucket_axis_title: HOSTILE[1].into(),
        count_axis_title: HOSTILE[2].into(),
        buckets: HOSTILE
            .iter()
            .map(|l| DistributionBucket {
                label: (*l).into(),
                count: 3.0,
            })
            .collect(),
    };
    for (_, theme) in themes() {
        // Wide enough that every bucket label fits whole.
        let chart = distribution_bars(&input, &theme, Size::new(2400, 300)).unwrap();
        check(&chart.svg, &HOSTILE);

        let timeline = TimelineInput {
            clock: SessionClock {
                start_unix_seconds: 0,
                utc_offset_minutes: 0,
                zone_name: HOSTILE[4].into(),
            },
            minutes: vec![
                TimelineMinute {
                    live_viewers: 1.0,
                    engagement_rate_percent: 50.0,
                    reactions: 0.0
                };
                3
            ],
        };
        let chart = session_timeline(&timeline, &theme, Size::new(900, 360)).unwrap();
        check(&chart.chart.svg, &["Local time ('><svg onload=alert(1)>)"]);

        let plays = PlaysPerDayInput {
            zone_name: HOSTILE[0].into(),
            days: vec![DayPlays {
                day: LocalDay {
                    year: 2026,
                    month: 3,
                    day: 1,
                },
                plays: 2.0,
            }],
        };
        let chart = recording_plays_per_day(&plays, &theme, Size::new(900, 300)).unwrap();
        check(&chart.svg, &["Day (<script>alert(1)</script>)"]);
    }
}

#[test]
fn characters_xml_cannot_hold_are_replaced_not_passed_through() {
    let input = BreakdownInput {
        kind: BreakdownKind::Countries,
        items: vec![BreakdownItem {
            label: "bell\u{7}\u{0}tab\tline\nend\u{FFFF}".into(),
            live_viewers: 1.0,
            recording_viewers: 0.0,
        }],
        top_n: 5,
    };
    let chart = breakdown_bars(&input, &themes()[0].1, Size::new(800, 300)).unwrap();
    check(&chart.svg, &["bell\u{FFFD}\u{FFFD}tab line end\u{FFFD}"]);
}
