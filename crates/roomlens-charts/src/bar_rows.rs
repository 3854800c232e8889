//! The frame of horizontal bar charts (*Countries*, *Top devices* and the custom reports' ranked
//! bars): one row per label, top down, labels shortened to a share of the width (whole in the
//! text alternative), a value axis along the bottom with its title. It draws no bar; the chart
//! modules using it do, into the chart it returns.

use plotters::prelude::*;

use crate::axis_range::TickedRange;
use crate::error::ChartError;
use crate::number_format;
use crate::svg_canvas::{text_style, Area, LABEL_SIZE};
use crate::theme::Theme;
use crate::ticks::ValueAxis;
use crate::user_text;
use crate::Size;

/// A chart whose x is the value and whose y is the row (row i of n at y = n - 1 - i).
pub(crate) type RowsChart<'b, 'a> =
    ChartContext<'b, SVGBackend<'a>, Cartesian2d<TickedRange, TickedRange>>;

/// What the frame shows.
pub(crate) struct BarRows<'l> {
    /// Row labels as given (cleaned and shortened here), top down.
    pub labels: &'l [String],
    /// The most of the chart's width a label may take.
    pub label_share: f64,
    pub axis: &'l ValueAxis,
    /// The value axis title, with its unit.
    pub value_title: &'l str,
    /// Whole counts (`1,234`) or percentages (`40%`) on the value axis.
    pub whole: bool,
}

/// Draws the frame (labels, grid, axes) in `area` of `root`, and returns the chart to draw bars in.
pub(crate) fn draw_bar_rows<'b, 'a>(
    root: &Area<'a>,
    area: &'b Area<'a>,
    theme: &Theme,
    size: Size,
    rows: &BarRows<'_>,
) -> Result<RowsChart<'b, 'a>, ChartError> {
    let count = rows.labels.len();
    let label_style = text_style(LABEL_SIZE, theme.muted);
    let width_of = |text: &str| {
        root.estimate_text_size(text, &label_style)
            .map(|s| s.0)
            .unwrap_or(u32::MAX)
    };
    let max_label = (f64::from(size.width) * rows.label_share) as u32;
    let labels: Vec<String> = rows
        .labels
        .iter()
        .map(|l| user_text::shorten_to_width(&user_text::clean(l), max_label, width_of))
        .collect();
    let label_area = labels
        .iter()
        .map(|l| width_of(l))
        .max()
        .unwrap_or(0)
        .min(max_label)
        + 14;
    let y_ticks = (0..count).map(|i| i as f64).collect();
    let mut chart = ChartBuilder::on(area)
        .margin_left(8)
        .margin_right(16)
        .margin_top(6)
        .margin_bottom(4)
        .x_label_area_size(46)
        .y_label_area_size(label_area)
        .build_cartesian_2d(
            TickedRange::new(0.0, rows.axis.top, rows.axis.ticks.clone()),
            TickedRange::new(-0.5, count as f64 - 0.5, y_ticks),
        )?;
    let label_at = |y: &f64| {
        let row = (count as f64 - 1.0 - y.round()).max(0.0) as usize;
        labels.get(row).cloned().unwrap_or_default()
    };
    let whole = rows.whole;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .bold_line_style(theme.grid.plotters().stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(theme.axis.plotters().stroke_width(1))
        .label_style(label_style.clone())
        .axis_desc_style(label_style.clone())
        .x_desc(rows.value_title)
        .x_label_formatter(&|x| {
            if whole {
                number_format::count(*x)
            } else {
                format!("{x}%")
            }
        })
        .y_label_formatter(&label_at)
        .draw()?;
    Ok(chart)
}
