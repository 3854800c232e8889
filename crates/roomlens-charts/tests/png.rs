//! Charts saved as PNG: every chart kind at scale 2 gives a PNG of exactly twice the SVG's size,
//! the title is really drawn (the bundled font is found), hostile names rasterise, and bad scales,
//! oversized pictures and garbage SVG are errors with their codes, not panics.

#![cfg(test)]

mod support;

use resvg::tiny_skia::Pixmap;
use roomlens_charts::*;
use support::{berlin_clock, svg_size, texts, themes};

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// The width and height in the PNG's IHDR chunk (bytes 16..24, big-endian).
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(png[..8], PNG_SIGNATURE, "not a PNG");
    assert_eq!(&png[12..16], b"IHDR");
    let word = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

/// Draws `svg` at scale 2 and checks the PNG is exactly twice the SVG's size.
fn check_twice_the_size(kind: &str, svg: &str) -> Vec<u8> {
    let png = svg_to_png(svg, 2.0).unwrap_or_else(|e| panic!("{kind}: {e}"));
    let (width, height) = svg_size(svg);
    assert_eq!(png_size(&png), (2 * width, 2 * height), "{kind}");
    png
}

fn timeline_input(count: usize) -> TimelineInput {
    TimelineInput {
        clock: berlin_clock(),
        minutes: (0..count)
            .map(|i| TimelineMinute {
                live_viewers: 50.0 + (i % 40) as f64,
                engagement_rate_percent: 40.0 + (i % 50) as f64,
                reactions: (i % 7) as f64,
            })
            .collect(),
    }
}

fn levels(count: usize, shift: usize) -> Vec<EngagementLevel> {
    (0..count)
        .map(|m| EngagementLevel::from_code(((m / 7 + shift) % 3) as u8))
        .collect()
}

fn people(names: &[&str]) -> Vec<PersonEngagement> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| PersonEngagement {
            name: (*name).into(),
            levels: levels(90, i),
        })
        .collect()
}

fn breakdown(labels: &[&str]) -> BreakdownInput {
    BreakdownInput {
        kind: BreakdownKind::Countries,
        items: labels
            .iter()
            .enumerate()
            .map(|(i, label)| BreakdownItem {
                label: (*label).into(),
                live_viewers: 100.0 / (i as f64 + 1.0),
                recording_viewers: 10.0,
            })
            .collect(),
        top_n: 8,
    }
}

fn plays_per_day() -> PlaysPerDayInput {
    PlaysPerDayInput {
        zone_name: "Europe/Berlin".into(),
        days: (1..=28)
            .map(|day| DayPlays {
                day: LocalDay {
                    year: 2026,
                    month: 2,
                    day,
                },
                plays: f64::from(day % 9),
            })
            .collect(),
    }
}

#[test]
fn every_chart_kind_is_a_png_of_twice_its_size() {
    for (_, theme) in themes() {
        let timeline = session_timeline(&timeline_input(90), &theme, Size::new(900, 360)).unwrap();
        check_twice_the_size("timeline", &timeline.chart.svg);

        let bars = breakdown_bars(
            &breakdown(&["Germany", "France", "India"]),
            &theme,
            Size::new(560, 360),
        )
        .unwrap();
        check_twice_the_size("breakdown bars", &bars.svg);

        let plays = recording_plays_per_day(&plays_per_day(), &theme, Size::new(700, 300)).unwrap();
        check_twice_the_size("plays per day", &plays.svg);

        let distribution = distribution_bars(
            &DistributionInput {
                title: "Attendees by live engagement rate".into(),
                bucket_axis_title: "Live engagement rate (%)".into(),
                count_axis_title: "Attendees (people)".into(),
                buckets: (0..10)
                    .map(|i| DistributionBucket {
                        label: format!("{}–{}%", i * 10, i * 10 + 10),
                        count: f64::from(i * i),
                    })
                    .collect(),
            },
            &theme,
            Size::new(800, 300),
        )
        .unwrap();
        check_twice_the_size("distribution", &distribution.svg);

        let strip = engagement_strip(
            &people(&["Ada"]).remove(0),
            &berlin_clock(),
            &theme,
            Size::new(600, 24),
        )
        .unwrap();
        check_twice_the_size("strip", &strip.svg);

        let heatmap = engagement_heatmap(
            &EngagementHeatmapInput {
                clock: berlin_clock(),
                people: people(&["Ada", "Grace", "Edsger", "Barbara"]),
            },
            &theme,
            Size::new(900, 400),
        )
        .unwrap();
        check_twice_the_size("heatmap", &heatmap.svg);

        let empty = breakdown_bars(&breakdown(&[]), &theme, Size::new(560, 360)).unwrap();
        check_twice_the_size("no data", &empty.svg);
    }
}

/// How many pixels in rows `top..bottom` of the PNG have exactly `color` (fully covered by it).
fn pixels_of(png: &[u8], top: u32, bottom: u32, color: Rgb) -> usize {
    let pixmap = Pixmap::decode_png(png).unwrap();
    let width = pixmap.width();
    (top..bottom)
        .flat_map(|y| (0..width).map(move |x| (x, y)))
        .map(|(x, y)| pixmap.pixel(x, y).unwrap().demultiply())
        .filter(|p| {
            p.alpha() == 255 && (p.red(), p.green(), p.blue()) == (color.0, color.1, color.2)
        })
        .count()
}

#[test]
fn the_title_is_drawn_in_the_theme_text_colour() {
    for (name, theme) in themes() {
        let chart = recording_plays_per_day(&plays_per_day(), &theme, Size::new(700, 300)).unwrap();
        let svg = chart.svg;
        assert!(texts(&svg).iter().any(|t| t == PLAYS_PER_DAY_TITLE));
        let without_title = svg.replace(&format!(">{PLAYS_PER_DAY_TITLE}<"), "><");
        assert_ne!(svg, without_title);
        // The title's band: from its top (10 CSS px) to above the legend row (36 CSS px), at scale 2.
        let (top, bottom) = (20, 70);
        let with = pixels_of(&check_twice_the_size(name, &svg), top, bottom, theme.text);
        let without = pixels_of(
            &check_twice_the_size(name, &without_title),
            top,
            bottom,
            theme.text,
        );
        assert!(with > 300, "{name}: only {with} pixels of the text colour");
        assert_eq!(without, 0, "{name}");
        // And the rest of the band is the background: nothing drawn there without the title.
        assert_eq!(
            pixels_of(
                &svg_to_png(&without_title, 2.0).unwrap(),
                top,
                bottom,
                theme.background
            ),
            1400 * (bottom - top) as usize,
            "{name}"
        );
    }
}

const HOSTILE: &str = "<script>alert(1)</script> & \"quotes\"";

#[test]
fn hostile_names_rasterise() {
    let theme = Theme::light();
    let bars = breakdown_bars(
        &breakdown(&[HOSTILE, "'><svg onload=alert(1)>", "👩‍💻 Team 🎉", "مرحبا"]),
        &theme,
        Size::new(1000, 400),
    )
    .unwrap();
    assert!(texts(&bars.svg).iter().any(|t| t == HOSTILE));
    check_twice_the_size("breakdown bars", &bars.svg);
    let heatmap = engagement_heatmap(
        &EngagementHeatmapInput {
            clock: berlin_clock(),
            people: people(&[HOSTILE, "]]>", "&amp;"]),
        },
        &theme,
        Size::new(900, 300),
    )
    .unwrap();
    check_twice_the_size("heatmap", &heatmap.svg);
    let distribution = distribution_bars(
        &DistributionInput {
            title: HOSTILE.into(),
            bucket_axis_title: HOSTILE.into(),
            count_axis_title: HOSTILE.into(),
            buckets: vec![DistributionBucket {
                label: HOSTILE.into(),
                count: 3.0,
            }],
        },
        &theme,
        Size::new(600, 300),
    )
    .unwrap();
    check_twice_the_size("distribution", &distribution.svg);
}

#[test]
fn scales_in_range_are_accepted_and_others_are_errors() {
    let svg = breakdown_bars(
        &breakdown(&["Germany"]),
        &Theme::light(),
        Size::new(400, 200),
    )
    .unwrap()
    .svg;
    assert_eq!(png_size(&svg_to_png(&svg, 0.25).unwrap()), (100, 50));
    assert_eq!(png_size(&svg_to_png(&svg, 1.0).unwrap()), (400, 200));
    assert_eq!(png_size(&svg_to_png(&svg, 1.5).unwrap()), (600, 300));
    assert_eq!(png_size(&svg_to_png(&svg, 4.0).unwrap()), (1600, 800));
    for scale in [
        0.0,
        -1.0,
        0.24,
        4.01,
        10.0,
        f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
    ] {
        let error = svg_to_png(&svg, scale).unwrap_err();
        assert_eq!(error.code(), "chart_png_scale_invalid", "{scale}");
        assert!(error.message().contains("between 0.25 and 4"), "{error}");
    }
}

fn blank_svg(width: u64, height: u64) -> String {
    format!(
        r##"<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"><rect width="{width}" height="{height}" fill="#FFFFFF"/></svg>"##
    )
}

#[test]
fn oversized_pictures_are_errors() {
    // A chart as large as Size allows, at the smallest scale: still too large.
    let huge = breakdown_bars(
        &breakdown(&["Germany"]),
        &Theme::light(),
        Size::new(Size::MAX_SIDE, Size::MAX_SIDE),
    )
    .unwrap();
    let error = svg_to_png(&huge.svg, PNG_MIN_SCALE).unwrap_err();
    assert_eq!(
        error,
        ChartError::ImageTooLarge {
            width: 25_000,
            height: 25_000
        }
    );
    assert_eq!(error.code(), "chart_png_too_large");
    assert!(error.message().contains("smaller scale"), "{error}");

    // One side over the limit, and the area over the limit with both sides inside.
    assert!(svg_to_png(&blank_svg(4097, 10), 4.0).is_err());
    assert!(svg_to_png(&blank_svg(4096, 10), 4.0).is_ok());
    let error = svg_to_png(&blank_svg(8001, 8001), 1.0).unwrap_err();
    assert_eq!(error.code(), "chart_png_too_large");
    let error = svg_to_png(&blank_svg(1_000_000_000, 1_000_000_000), 1.0).unwrap_err();
    assert_eq!(error.code(), "chart_png_too_large");
}

#[test]
fn garbage_svg_is_an_error() {
    for garbage in [
        "",
        "not an svg",
        "<svg",
        "<html><body>hello</body></html>",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"0\" height=\"0\"></svg>",
        "\u{0}\u{1}\u{2}",
    ] {
        let error = svg_to_png(garbage, 2.0).unwrap_err();
        assert_eq!(error.code(), "chart_svg_invalid", "{garbage:?}: {error}");
        assert!(error.message().contains("SVG could not be read"), "{error}");
    }
}
