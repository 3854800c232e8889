//! Lines with point markers of one or two series over ordered periods (e.g. one room's unique
//! attendees and engagement rate per week), a missing value drawn as a break in its line, and a
//! second, right-hand 0–100 % axis when a percentage series is drawn beside counts.
//! It does not make, order or fill the periods, nor smooth or total the values; the core does.

use plotters::element::{Circle, EmptyElement, PathElement, Rectangle};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::axis_range::TickedRange;
use crate::error::ChartError;
use crate::number_format::{self, finite};
use crate::svg_canvas::{
    body, draw_header, no_data_chart, render, text_style, Area, LABEL_SIZE, SIDE_MARGIN,
};
use crate::text_alternative::ChartTable;
use crate::theme::{Rgb, Theme};
use crate::ticks::{category_ticks, value_axis, ValueAxis};
use crate::user_text;
use crate::{Chart, Size};

/// What a series' values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrendScale {
    /// Whole numbers, written `1,234`.
    Count,
    /// Percentages given as 0–100, written `42.5%`.
    Percent,
}

/// One line: its name (legend and table heading), what its values are, and one value per period
/// (NaN or infinite is missing; values past the last period are ignored).
#[derive(Debug, Clone, PartialEq)]
pub struct TrendSeries {
    pub name: String,
    pub scale: TrendScale,
    pub values: Vec<f64>,
}

/// What to draw. Counts are drawn against the left axis; percentages against a 0–100 % axis,
/// on the right when counts are drawn too and on the left otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendLinesInput {
    pub title: String,
    /// Title of the period axis with its zone, e.g. "Week from Monday (Europe/Berlin)".
    pub period_axis_title: String,
    /// Title of the count axis, e.g. "Unique attendees (people)".
    pub count_axis_title: String,
    /// Title of the percentage axis, e.g. "Engagement rate (%)".
    pub percent_axis_title: String,
    /// The periods' labels (e.g. "2 Mar"), drawn left to right in this order.
    pub periods: Vec<String>,
    /// One or two series (more are not drawn); a legend names them when there are two.
    pub series: Vec<TrendSeries>,
}

const LABEL_GAP: u32 = 12;
const VALUE_LABEL_AREA: u32 = 64;
/// The middle of the header's legend row (`svg_canvas::draw_header` draws its legend there too).
const LEGEND_Y: i32 = 44;
const MARKER_RADIUS: i32 = 3;

/// How a series' points are marked: circles for the first, squares for the second, so the two
/// lines differ in more than colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Circle,
    Square,
}

struct Line {
    name: String,
    scale: TrendScale,
    values: Vec<f64>,
    color: Rgb,
    marker: Marker,
    /// Against the secondary (right) axis.
    right: bool,
}

fn written(scale: TrendScale, value: f64) -> String {
    match scale {
        TrendScale::Count => number_format::count(value),
        TrendScale::Percent => number_format::percent(value),
    }
}

fn axis_for(scale: TrendScale, max: f64) -> ValueAxis {
    match scale {
        TrendScale::Count => value_axis(max, 5, true),
        TrendScale::Percent if max <= 100.0 => ValueAxis {
            top: 100.0,
            ticks: vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0],
        },
        TrendScale::Percent => value_axis(max, 5, false),
    }
}

fn tick_label(scale: TrendScale, value: f64) -> String {
    match scale {
        TrendScale::Count => number_format::count(value),
        TrendScale::Percent => format!("{value:.0}%"),
    }
}

/// Draws the lines. No periods or no series gives a chart that says "No data".
pub fn trend_lines(
    input: &TrendLinesInput,
    theme: &Theme,
    size: Size,
) -> Result<Chart, ChartError> {
    let title = user_text::clean(&input.title);
    let period_axis = user_text::clean(&input.period_axis_title);
    let count = input.periods.len();
    let has_counts = input
        .series
        .iter()
        .take(2)
        .any(|s| s.scale == TrendScale::Count);
    let lines: Vec<Line> = input
        .series
        .iter()
        .take(2)
        .enumerate()
        .map(|(i, s)| {
            let color = match (i, s.scale) {
                (0, TrendScale::Count) => theme.live,
                (0, TrendScale::Percent) => theme.engagement,
                (_, TrendScale::Percent) if has_counts => theme.engagement,
                _ => theme.recording,
            };
            Line {
                name: user_text::clean(&s.name),
                scale: s.scale,
                values: (0..count)
                    .map(|p| s.values.get(p).copied().unwrap_or(f64::NAN))
                    .collect(),
                color,
                marker: if i == 0 {
                    Marker::Circle
                } else {
                    Marker::Square
                },
                right: has_counts && s.scale == TrendScale::Percent,
            }
        })
        .collect();
    let mut columns = vec![period_axis.clone()];
    columns.extend(lines.iter().map(|l| l.name.clone()));
    if count == 0 || lines.is_empty() {
        return no_data_chart(&title, columns, theme, size);
    }
    let labels: Vec<String> = input.periods.iter().map(|p| user_text::clean(p)).collect();

    let left_scale = if has_counts {
        TrendScale::Count
    } else {
        TrendScale::Percent
    };
    let max_of = |right: bool| {
        lines
            .iter()
            .filter(|l| l.right == right)
            .flat_map(|l| l.values.iter().copied())
            .filter_map(finite)
            .fold(0.0, f64::max)
    };
    let left_axis = axis_for(left_scale, max_of(false));
    let right_axis = lines
        .iter()
        .any(|l| l.right)
        .then(|| axis_for(TrendScale::Percent, max_of(true)));
    let left_title = user_text::clean(match left_scale {
        TrendScale::Count => &input.count_axis_title,
        TrendScale::Percent => &input.percent_axis_title,
    });
    let right_title = user_text::clean(&input.percent_axis_title);

    let (svg, ()) = render(size, theme, |root| {
        draw_header(root, theme, &title, &[])?;
        if lines.len() > 1 {
            draw_legend(root, theme, &lines)?;
        }
        let area = body(root);
        let label_style = text_style(LABEL_SIZE, theme.muted);
        let width_of = |text: &str| {
            root.estimate_text_size(text, &label_style)
                .map(|s| s.0)
                .unwrap_or(u32::MAX)
        };
        let right_area = if right_axis.is_some() {
            VALUE_LABEL_AREA
        } else {
            0
        };
        let plot_width = size
            .width
            .saturating_sub(VALUE_LABEL_AREA + right_area + 32);
        let widest = labels.iter().map(|l| width_of(l)).max().unwrap_or(0);
        let max_labels = usize::try_from(plot_width / (widest.saturating_add(LABEL_GAP)).max(1))
            .unwrap_or(1)
            .max(1);
        let ticks: Vec<f64> = category_ticks(count, max_labels)
            .into_iter()
            .map(|i| i as f64)
            .collect();
        // A label wider than the spacing between labels is shortened to it (here, not in the
        // label formatter: plotters holds the backend while it formats labels).
        let spacing = plot_width / u32::try_from(max_labels.min(count)).unwrap_or(1).max(1);
        let shown: Vec<String> = labels
            .iter()
            .map(|l| {
                user_text::shorten_to_width(l, spacing.saturating_sub(LABEL_GAP / 2), width_of)
            })
            .collect();
        let label_at = |x: &f64| {
            let index = x.round().max(0.0) as usize;
            shown.get(index).cloned().unwrap_or_default()
        };

        let (x_lo, x_hi) = (-0.5, count as f64 - 0.5);
        let secondary = right_axis.clone().unwrap_or(ValueAxis {
            top: 1.0,
            ticks: Vec::new(),
        });
        let mut chart = ChartBuilder::on(&area)
            .margin_left(8)
            .margin_right(if right_axis.is_some() { 8 } else { 16 })
            .margin_top(6)
            .margin_bottom(4)
            .x_label_area_size(50)
            .y_label_area_size(VALUE_LABEL_AREA)
            .right_y_label_area_size(right_area)
            .build_cartesian_2d(
                TickedRange::new(x_lo, x_hi, ticks),
                TickedRange::new(0.0, left_axis.top, left_axis.ticks.clone()),
            )?
            .set_secondary_coord(
                TickedRange::new(x_lo, x_hi, Vec::new()),
                TickedRange::new(0.0, secondary.top, secondary.ticks.clone()),
            );
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(theme.grid.plotters().stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(theme.axis.plotters().stroke_width(1))
            .label_style(label_style.clone())
            .axis_desc_style(label_style.clone())
            .x_desc(period_axis.as_str())
            .y_desc(left_title.as_str())
            .x_label_formatter(&label_at)
            .y_label_formatter(&|y| tick_label(left_scale, *y))
            .draw()?;
        if right_axis.is_some() {
            chart
                .configure_secondary_axes()
                .axis_style(theme.axis.plotters().stroke_width(1))
                .label_style(label_style.clone())
                .axis_desc_style(label_style)
                .y_desc(right_title.as_str())
                .y_label_formatter(&|y| tick_label(TrendScale::Percent, *y))
                .draw()?;
        }

        // Lines against the right axis are drawn in the left axis' coordinates, scaled.
        let right_factor = right_axis
            .as_ref()
            .map_or(1.0, |r| left_axis.top / r.top.max(f64::MIN_POSITIVE));
        for line in &lines {
            let factor = if line.right { right_factor } else { 1.0 };
            let scaled: Vec<f64> = line.values.iter().map(|v| v * factor).collect();
            let runs = finite_runs(&scaled);
            let style = line.color.plotters().stroke_width(2);
            for run in runs.iter().filter(|r| r.len() > 1) {
                chart.draw_series(LineSeries::new(run.iter().copied(), style))?;
            }
            let points = runs.into_iter().flatten();
            let fill = line.color.plotters().filled();
            match line.marker {
                Marker::Circle => {
                    chart.draw_series(points.map(|p| Circle::new(p, MARKER_RADIUS, fill)))?;
                }
                Marker::Square => {
                    chart.draw_series(points.map(|p| {
                        EmptyElement::at(p)
                            + Rectangle::new(
                                [
                                    (-MARKER_RADIUS, -MARKER_RADIUS),
                                    (MARKER_RADIUS, MARKER_RADIUS),
                                ],
                                fill,
                            )
                    }))?;
                }
            }
        }
        Ok(())
    })?;

    let rows = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let mut row = vec![label.clone()];
            row.extend(
                lines
                    .iter()
                    .map(|l| written(l.scale, l.values.get(i).copied().unwrap_or(f64::NAN))),
            );
            row
        })
        .collect();
    Ok(Chart {
        svg,
        alt: ChartTable {
            title,
            columns,
            rows,
            note: None,
        },
    })
}

/// The legend row: per series a short line with its marker, then its name.
fn draw_legend(root: &Area<'_>, theme: &Theme, lines: &[Line]) -> Result<(), ChartError> {
    let label_style = text_style(LABEL_SIZE, theme.text).pos(Pos::new(HPos::Left, VPos::Center));
    let mut x = SIDE_MARGIN;
    let y = LEGEND_Y;
    for line in lines {
        root.draw(&PathElement::new(
            vec![(x, y), (x + 22, y)],
            line.color.plotters().stroke_width(2),
        ))?;
        let style = line.color.plotters().filled();
        let center = (x + 11, y);
        match line.marker {
            Marker::Circle => root.draw(&Circle::new(center, MARKER_RADIUS, style))?,
            Marker::Square => root.draw(&Rectangle::new(
                [
                    (center.0 - MARKER_RADIUS, center.1 - MARKER_RADIUS),
                    (center.0 + MARKER_RADIUS, center.1 + MARKER_RADIUS),
                ],
                style,
            ))?,
        }
        root.draw_text(&line.name, &label_style, (x + 28, y))?;
        let label_width = root.estimate_text_size(&line.name, &label_style)?.0;
        x = x
            .saturating_add(28)
            .saturating_add(i32::try_from(label_width).unwrap_or(i32::MAX / 2))
            .saturating_add(20);
    }
    Ok(())
}

/// Runs of consecutive periods whose value is finite, as (period index, value) points.
fn finite_runs(values: &[f64]) -> Vec<Vec<(f64, f64)>> {
    let mut runs = Vec::new();
    let mut current = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match finite(*v) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_break_at_missing_values() {
        let runs = finite_runs(&[1.0, f64::NAN, 2.0, 3.0, f64::INFINITY, 4.0]);
        assert_eq!(
            runs,
            vec![
                vec![(0.0, 1.0)],
                vec![(2.0, 2.0), (3.0, 3.0)],
                vec![(5.0, 4.0)]
            ]
        );
        assert!(finite_runs(&[f64::NAN]).is_empty());
    }
}
