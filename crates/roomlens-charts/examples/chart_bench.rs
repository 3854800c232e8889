//! Draws every chart on generated data and prints how long each took and how big its SVG is.
//! `cargo run --release -p roomlens-charts --example chart_bench [OUT_DIR]` (OUT_DIR: also write the SVGs).

use std::time::Instant;

use roomlens_charts::*;

fn clock() -> SessionClock {
    SessionClock {
        start_unix_seconds: 1_772_442_120, // 2026-03-02 09:02 UTC
        utc_offset_minutes: 60,
        zone_name: "Europe/Berlin".into(),
    }
}

fn timeline_input(minutes: usize) -> TimelineInput {
    TimelineInput {
        clock: clock(),
        minutes: (0..minutes)
            .map(|i| {
                let t = i as f64;
                TimelineMinute {
                    live_viewers: (120.0 + 80.0 * (t / 37.0).sin() + t.min(30.0) * 3.0).round(),
                    engagement_rate_percent: if i % 97 == 50 {
                        f64::NAN
                    } else {
                        55.0 + 30.0 * (t / 23.0).cos()
                    },
                    reactions: ((t * 7.3).sin() * 12.0).max(0.0).round(),
                }
            })
            .collect(),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_dir = std::env::args().nth(1);
    let write = |name: &str, svg: &str| {
        if let Some(dir) = &out_dir {
            std::fs::write(format!("{dir}/{name}.svg"), svg)?;
        }
        Ok::<(), std::io::Error>(())
    };
    for (theme_name, theme) in [("light", Theme::light()), ("dark", Theme::dark())] {
        for minutes in [1usize, 60, 720] {
            let input = timeline_input(minutes);
            let start = Instant::now();
            let chart = session_timeline(&input, &theme, Size::new(900, 360))?;
            let took = start.elapsed();
            println!(
                "timeline {minutes:>4} min {theme_name:>5}: {:>7.2} ms {:>9} bytes",
                took.as_secs_f64() * 1e3,
                chart.chart.svg.len()
            );
            write(
                &format!("timeline-{minutes}-{theme_name}"),
                &chart.chart.svg,
            )?;
        }
    }
    for (theme_name, theme) in [("light", Theme::light()), ("dark", Theme::dark())] {
        let countries = [
            "Germany",
            "United States",
            "France",
            "India",
            "Brazil",
            "Japan",
            "Netherlands",
            "Spain",
            "Italy",
            "Canada",
            "Poland",
            "Mexico",
        ];
        let input = BreakdownInput {
            kind: BreakdownKind::Countries,
            items: countries
                .iter()
                .enumerate()
                .map(|(i, c)| BreakdownItem {
                    label: (*c).into(),
                    live_viewers: (400.0 / (i as f64 + 1.0)).round(),
                    recording_viewers: (150.0 / (i as f64 + 1.5)).round(),
                })
                .collect(),
            top_n: 8,
        };
        let start = Instant::now();
        let chart = breakdown_bars(&input, &theme, Size::new(600, 400))?;
        report("countries", theme_name, start, &chart.svg);
        write(&format!("countries-{theme_name}"), &chart.svg)?;

        let input = PlaysPerDayInput {
            zone_name: "Europe/Berlin".into(),
            days: (0..90)
                .map(|i| DayPlays {
                    day: LocalDay {
                        year: 2026,
                        month: 1 + (i / 30) as u8,
                        day: 1 + (i % 28) as u8,
                    },
                    plays: ((i as f64 / 5.0).sin() * 20.0 + 25.0).round(),
                })
                .collect(),
        };
        let start = Instant::now();
        let chart = recording_plays_per_day(&input, &theme, Size::new(900, 320))?;
        report("plays per day (90 d)", theme_name, start, &chart.svg);
        write(&format!("plays-{theme_name}"), &chart.svg)?;

        let input = DistributionInput {
            title: "Attendees by live engagement rate".into(),
            bucket_axis_title: "Live engagement rate (%)".into(),
            count_axis_title: "Attendees (people)".into(),
            buckets: [3, 8, 15, 30, 55, 80, 70, 40, 20, 6]
                .iter()
                .enumerate()
                .map(|(i, count)| DistributionBucket {
                    label: format!("{}–{}%", i * 10, i * 10 + 10),
                    count: f64::from(*count),
                })
                .collect(),
        };
        let start = Instant::now();
        let chart = distribution_bars(&input, &theme, Size::new(600, 320))?;
        report("distribution (10)", theme_name, start, &chart.svg);
        write(&format!("distribution-{theme_name}"), &chart.svg)?;
    }
    for (theme_name, theme) in [("light", Theme::light()), ("dark", Theme::dark())] {
        let person = people(1, 480, 7).pop().ok_or("no person")?;
        let start = Instant::now();
        let chart = engagement_strip(&person, &clock(), &theme, Size::new(600, 24))?;
        report("strip 480 min 600x24", theme_name, start, &chart.svg);
        write(&format!("strip-{theme_name}"), &chart.svg)?;

        let input = EngagementHeatmapInput {
            clock: clock(),
            people: people(25, 480, 11),
        };
        let start = Instant::now();
        let chart = engagement_heatmap(&input, &theme, Size::new(900, 520))?;
        report("heatmap 25 x 480", theme_name, start, &chart.svg);
        write(&format!("heatmap-25-{theme_name}"), &chart.svg)?;
    }
    let theme = Theme::light();
    let input = EngagementHeatmapInput {
        clock: clock(),
        people: people(5000, 480, 3),
    };
    let start = Instant::now();
    let chart = engagement_heatmap(&input, &theme, Size::new(960, 5120))?;
    report("heatmap 5000 x 480", "light", start, &chart.svg);
    write("heatmap-5000-light", &chart.svg)?;
    let worst = EngagementHeatmapInput {
        clock: clock(),
        people: (0..5000)
            .map(|p| PersonEngagement {
                name: format!("Person {p}"),
                levels: (0..480)
                    .map(|m| EngagementLevel::from_code(((m + p) % 3) as u8))
                    .collect(),
            })
            .collect(),
    };
    let start = Instant::now();
    let chart = engagement_heatmap(&worst, &theme, Size::new(960, 5120))?;
    report("heatmap 5000 x 480 worst", "light", start, &chart.svg);
    Ok(())
}

/// People who join in the first hour, leave in the last, and switch between engaged and present
/// every 1–20 minutes, with a break now and then (a small LCG: deterministic, no dependency).
fn people(count: usize, minutes: usize, seed: u64) -> Vec<PersonEngagement> {
    let mut state = seed;
    let mut next = move |below: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % below.max(1)) as usize
    };
    (0..count)
        .map(|p| {
            let join = next(60);
            let leave = minutes - next(80).min(minutes);
            let mut levels = vec![EngagementLevel::Offline; minutes];
            let mut m = join;
            while m < leave {
                let len = 1 + next(20);
                let level = match next(10) {
                    0 => EngagementLevel::Offline,
                    1..=3 => EngagementLevel::Present,
                    _ => EngagementLevel::Engaged,
                };
                for slot in levels.iter_mut().skip(m).take(len.min(leave - m)) {
                    *slot = level;
                }
                m += len;
            }
            PersonEngagement {
                name: format!("Person {p}"),
                levels,
            }
        })
        .collect()
}

fn report(name: &str, theme: &str, start: Instant, svg: &str) {
    println!(
        "{name:<24} {theme:>5}: {:>8.2} ms {:>10} bytes",
        start.elapsed().as_secs_f64() * 1e3,
        svg.len()
    );
}
