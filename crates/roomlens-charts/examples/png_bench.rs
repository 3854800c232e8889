//! Rasterises the session timeline of 480 minutes (900 × 360) to PNG at scale 2, 20 times, and
//! prints the median and the range (parsing the SVG, laying out its text, drawing and encoding).
//! `cargo run --release -p roomlens-charts --example png_bench [OUT.png]` (OUT.png: also write it).

use std::time::{Duration, Instant};

use roomlens_charts::*;

const RUNS: usize = 20;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let input = TimelineInput {
        clock: SessionClock {
            start_unix_seconds: 1_772_442_120, // 2026-03-02 09:02 UTC
            utc_offset_minutes: 60,
            zone_name: "Europe/Berlin".into(),
        },
        minutes: (0..480)
            .map(|i| {
                let t = f64::from(i);
                TimelineMinute {
                    live_viewers: (120.0 + 80.0 * (t / 37.0).sin() + t.min(30.0) * 3.0).round(),
                    engagement_rate_percent: 55.0 + 30.0 * (t / 23.0).cos(),
                    reactions: ((t * 7.3).sin() * 12.0).max(0.0).round(),
                }
            })
            .collect(),
    };
    let chart = session_timeline(&input, &Theme::light(), Size::new(900, 360))?;
    let svg = &chart.chart.svg;
    let start = Instant::now();
    let mut png = svg_to_png(svg, 2.0)?; // the first call also builds the font database
    let first_call = start.elapsed();
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            png = svg_to_png(svg, 2.0)?;
            Ok(start.elapsed())
        })
        .collect::<Result<_, ChartError>>()?;
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = times.get(RUNS / 2).copied().unwrap_or_default();
    let first = times.first().copied().unwrap_or_default();
    let last = times.last().copied().unwrap_or_default();
    println!(
        "timeline 480 min, 900x360 SVG ({} bytes) -> 1800x720 PNG ({} bytes): median {:.2} ms over {RUNS} runs (min {:.2}, max {:.2})",
        svg.len(),
        png.len(),
        ms(median),
        ms(first),
        ms(last),
    );
    println!(
        "first call (also builds the font database): {:.2} ms",
        ms(first_call)
    );
    if let Some(path) = std::env::args().nth(1) {
        std::fs::write(path, &png)?;
    }
    Ok(())
}
