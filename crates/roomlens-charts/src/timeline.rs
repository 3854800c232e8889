//! The session timeline: per minute of one session, live viewers (left axis) and live engagement
//! rate (right axis) as two lines, reactions per minute as light bars underneath, local time on the
//! x axis; plus each minute's point positions so the page can place a tooltip without redrawing.
//! It does not compute the per-minute figures; the core's dashboard does.

use plotters::prelude::*;

use crate::axis_range::TickedRange;
use crate::clock::SessionClock;
use crate::error::ChartError;
use crate::number_format::{self, finite};
use crate::svg_canvas::{
    body, draw_header, no_data_chart, render, text_style, LegendMark, PlotArea, LABEL_SIZE,
};
use crate::text_alternative::ChartTable;
use crate::theme::Theme;
use crate::ticks::{time_ticks, value_axis, ValueAxis};
use crate::user_text;
use crate::{Chart, Size};

/// The timeline's title.
pub const TIMELINE_TITLE: &str = "Live viewers and engagement, per minute";

/// One minute of a session. NaN or infinite figures are treated as missing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimelineMinute {
    /// People watching live during the minute.
    pub live_viewers: f64,
    /// Average live engagement rate across the people present, 0–100.
    pub engagement_rate_percent: f64,
    /// Reactions sent during the minute.
    pub reactions: f64,
}

/// A session's minutes, the first starting at `clock.start_unix_seconds`.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineInput {
    pub clock: SessionClock,
    pub minutes: Vec<TimelineMinute>,
}

/// Where one minute's points are drawn, in SVG user units (the SVG's `viewBox`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointPosition {
    pub minute_index: usize,
    pub x: f64,
    /// `None` where the viewer count is missing.
    pub y_viewers: Option<f64>,
    /// `None` where the engagement rate is missing.
    pub y_engagement: Option<f64>,
}

/// The timeline with its point positions.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineChart {
    pub chart: Chart,
    /// The plotting area (inside the axes); `None` for the "No data" chart.
    pub plot_area: Option<PlotArea>,
    /// One entry per minute, in order.
    pub points: Vec<PointPosition>,
}

/// Space per time label on the x axis.
const PIXELS_PER_TIME_LABEL: u32 = 84;
const LABEL_AREA: u32 = 72;
/// Share of the plot's height the tallest reactions bar takes.
const REACTIONS_SHARE: f64 = 0.3;

/// Draws the timeline. An empty `minutes` gives a chart that says "No data".
pub fn session_timeline(
    input: &TimelineInput,
    theme: &Theme,
    size: Size,
) -> Result<TimelineChart, ChartError> {
    let zone = user_text::clean(&input.clock.zone_name);
    let columns = vec![
        format!("Time ({zone})"),
        "Live viewers".to_owned(),
        "Live engagement rate (%)".to_owned(),
        "Reactions".to_owned(),
    ];
    let minutes = &input.minutes;
    if minutes.is_empty() {
        let chart = no_data_chart(TIMELINE_TITLE, columns, theme, size)?;
        return Ok(TimelineChart {
            chart,
            plot_area: None,
            points: Vec::new(),
        });
    }

    let n = minutes.len();
    let (x_lo, x_hi) = (-0.5, n as f64 - 0.5);
    let max_of = |f: fn(&TimelineMinute) -> f64| {
        minutes
            .iter()
            .filter_map(|m| finite(f(m)))
            .fold(0.0f64, f64::max)
    };
    let viewers_axis = value_axis(max_of(|m| m.live_viewers), 5, true);
    let max_engagement = max_of(|m| m.engagement_rate_percent);
    let engagement_axis = if max_engagement <= 100.0 {
        ValueAxis {
            top: 100.0,
            ticks: vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0],
        }
    } else {
        value_axis(max_engagement, 5, false)
    };
    let max_reactions = max_of(|m| m.reactions);
    let reactions_legend = format!(
        "Reactions per minute (tallest bar: {})",
        number_format::count(max_reactions)
    );
    let legend = [
        ("Live viewers", LegendMark::Line(theme.live)),
        ("Live engagement rate", LegendMark::Line(theme.engagement)),
        (
            reactions_legend.as_str(),
            LegendMark::Swatch(theme.recording, theme.reactions_opacity),
        ),
    ];

    let (svg, (plot_area, points)) = render(size, theme, |root| {
        draw_header(root, theme, TIMELINE_TITLE, &legend)?;
        let area = body(root);
        let plot_width_guess = size.width.saturating_sub(2 * LABEL_AREA + 16);
        let max_labels =
            usize::try_from((plot_width_guess / PIXELS_PER_TIME_LABEL).max(2)).unwrap_or(2);
        let ticks: Vec<f64> = time_ticks(&input.clock, n, max_labels)
            .into_iter()
            .map(|i| i as f64)
            .collect();

        let mut chart = ChartBuilder::on(&area)
            .margin_left(8)
            .margin_right(8)
            .margin_top(6)
            .margin_bottom(4)
            .x_label_area_size(50)
            .y_label_area_size(LABEL_AREA)
            .right_y_label_area_size(LABEL_AREA)
            .build_cartesian_2d(
                TickedRange::new(x_lo, x_hi, ticks),
                TickedRange::new(0.0, viewers_axis.top, viewers_axis.ticks.clone()),
            )?
            .set_secondary_coord(
                TickedRange::new(x_lo, x_hi, Vec::new()),
                TickedRange::new(0.0, engagement_axis.top, engagement_axis.ticks.clone()),
            );

        let label_style = text_style(LABEL_SIZE, theme.muted);
        let x_desc = format!("Local time ({zone})");
        let clock = &input.clock;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(theme.grid.plotters().stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(theme.axis.plotters().stroke_width(1))
            .label_style(label_style.clone())
            .axis_desc_style(label_style.clone())
            .x_desc(x_desc)
            .y_desc("Live viewers (people)")
            .x_label_formatter(&|x| clock.label_at(*x))
            .y_label_formatter(&|y| number_format::count(*y))
            .draw()?;
        chart
            .configure_secondary_axes()
            .axis_style(theme.axis.plotters().stroke_width(1))
            .label_style(label_style.clone())
            .axis_desc_style(label_style)
            .y_desc("Live engagement rate (%)")
            .y_label_formatter(&|y| format!("{y:.0}%"))
            .draw()?;

        // Reactions: bars scaled to a share of the plot's height, under the lines.
        if max_reactions > 0.0 {
            let scale = REACTIONS_SHARE * viewers_axis.top / max_reactions;
            let color = theme
                .recording
                .plotters()
                .mix(theme.reactions_opacity)
                .filled();
            chart.draw_series(minutes.iter().enumerate().filter_map(|(i, m)| {
                let r = finite(m.reactions).filter(|r| *r > 0.0)?;
                let x = i as f64;
                Some(Rectangle::new(
                    [(x - 0.4, 0.0), (x + 0.4, r * scale)],
                    color,
                ))
            }))?;
        }

        let viewers_style = theme.live.plotters().stroke_width(2);
        for run in finite_runs(minutes, |m| m.live_viewers) {
            if let [(x, y)] = run.as_slice() {
                chart.draw_series(std::iter::once(Circle::new(
                    (*x, *y),
                    2,
                    viewers_style.filled(),
                )))?;
            } else {
                chart.draw_series(LineSeries::new(run, viewers_style))?;
            }
        }
        let engagement_style = theme.engagement.plotters().stroke_width(2);
        for run in finite_runs(minutes, |m| m.engagement_rate_percent) {
            if let [(x, y)] = run.as_slice() {
                chart.draw_secondary_series(std::iter::once(Circle::new(
                    (*x, *y),
                    2,
                    engagement_style.filled(),
                )))?;
            } else {
                chart.draw_secondary_series(LineSeries::new(run, engagement_style))?;
            }
        }

        let plot = PlotArea::of(chart.plotting_area());
        let to_x = |i: usize| plot.left + (i as f64 - x_lo) / (x_hi - x_lo) * plot.width;
        let to_y =
            |value: f64, top: f64| plot.bottom() - (value / top).clamp(0.0, 1.0) * plot.height;
        let points = minutes
            .iter()
            .enumerate()
            .map(|(i, m)| PointPosition {
                minute_index: i,
                x: to_x(i),
                y_viewers: finite(m.live_viewers).map(|v| to_y(v, viewers_axis.top)),
                y_engagement: finite(m.engagement_rate_percent)
                    .map(|v| to_y(v, engagement_axis.top)),
            })
            .collect();
        Ok((plot, points))
    })?;

    let rows = minutes
        .iter()
        .enumerate()
        .map(|(i, m)| {
            vec![
                input.clock.label(i),
                number_format::count(m.live_viewers),
                number_format::percent(m.engagement_rate_percent),
                number_format::count(m.reactions),
            ]
        })
        .collect();
    Ok(TimelineChart {
        chart: Chart {
            svg,
            alt: ChartTable {
                title: TIMELINE_TITLE.to_owned(),
                columns,
                rows,
                note: None,
            },
        },
        plot_area: Some(plot_area),
        points,
    })
}

/// Runs of consecutive minutes whose figure is finite, as (minute index, value) points.
fn finite_runs(
    minutes: &[TimelineMinute],
    figure: fn(&TimelineMinute) -> f64,
) -> Vec<Vec<(f64, f64)>> {
    let mut runs = Vec::new();
    let mut current = Vec::new();
    for (i, m) in minutes.iter().enumerate() {
        match finite(figure(m)) {
            Some(v) => current.push((i as f64, v)),
            None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}
