//! Vertical bars, one per category and series (one or two series side by side, with a legend for
//! two), with a count axis: the shape shared by *Recording plays per day*, the custom reports'
//! distributions and their per-period counts. Category labels are thinned to what fits. It does
//! not decide the categories or their order; the chart modules using it do.

use plotters::prelude::*;

use crate::axis_range::TickedRange;
use crate::error::ChartError;
use crate::number_format::{self, finite};
use crate::svg_canvas::{body, draw_header, render, text_style, LegendMark, LABEL_SIZE};
use crate::theme::{Rgb, Theme};
use crate::ticks::{category_ticks, value_axis};
use crate::user_text;
use crate::Size;

/// One column chart to draw.
pub(crate) struct Columns<'a> {
    pub title: &'a str,
    /// Title of the category axis, with its unit.
    pub category_axis: &'a str,
    /// Title of the count axis, with its unit.
    pub value_axis: &'a str,
    /// Category labels (already cleaned), one per value.
    pub labels: &'a [String],
    /// One or two series: a legend name (drawn only for two), a colour and one value per label.
    /// NaN or infinite values are drawn as no bar.
    pub series: &'a [(&'a str, Rgb, &'a [f64])],
    /// Whether the values are whole counts (ticks on whole numbers).
    pub whole: bool,
}

const LABEL_GAP: u32 = 12;
const VALUE_LABEL_AREA: u32 = 64;

/// Draws the columns and returns the SVG.
pub(crate) fn draw_columns(
    columns: &Columns<'_>,
    theme: &Theme,
    size: Size,
) -> Result<String, ChartError> {
    let count = columns.labels.len();
    let max = columns
        .series
        .iter()
        .flat_map(|(_, _, values)| values.iter().copied())
        .filter_map(finite)
        .fold(0.0, f64::max);
    let legend: Vec<(&str, LegendMark)> = if columns.series.len() > 1 {
        columns
            .series
            .iter()
            .map(|(name, color, _)| (*name, LegendMark::Swatch(*color, 1.0)))
            .collect()
    } else {
        Vec::new()
    };
    let axis = value_axis(max, 5, columns.whole);
    let (svg, ()) = render(size, theme, |root| {
        draw_header(root, theme, columns.title, &legend)?;
        let area = body(root);
        let label_style = text_style(LABEL_SIZE, theme.muted);
        let widest = columns
            .labels
            .iter()
            .take(count)
            .map(|l| {
                root.estimate_text_size(l, &label_style)
                    .map(|s| s.0)
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0);
        let plot_width = size.width.saturating_sub(VALUE_LABEL_AREA + 32);
        let max_labels = usize::try_from(plot_width / (widest + LABEL_GAP).max(1))
            .unwrap_or(1)
            .max(1);
        let ticks = category_ticks(count, max_labels)
            .into_iter()
            .map(|i| i as f64)
            .collect();
        // A label wider than the spacing between labels is shortened to it. Shortened here, not
        // in the label formatter: plotters holds the backend while it formats labels.
        let spacing = plot_width
            / u32::try_from(max_labels.min(count.max(1)))
                .unwrap_or(1)
                .max(1);
        let shown: Vec<String> = columns
            .labels
            .iter()
            .take(count)
            .map(|l| {
                user_text::shorten_to_width(l, spacing.saturating_sub(LABEL_GAP / 2), |t| {
                    root.estimate_text_size(t, &label_style)
                        .map(|s| s.0)
                        .unwrap_or(u32::MAX)
                })
            })
            .collect();
        let label_at = |x: &f64| {
            let index = x.round().max(0.0) as usize;
            shown.get(index).cloned().unwrap_or_default()
        };

        let mut chart = ChartBuilder::on(&area)
            .margin_left(8)
            .margin_right(16)
            .margin_top(6)
            .margin_bottom(4)
            .x_label_area_size(50)
            .y_label_area_size(VALUE_LABEL_AREA)
            .build_cartesian_2d(
                TickedRange::new(-0.5, count as f64 - 0.5, ticks),
                TickedRange::new(0.0, axis.top, axis.ticks.clone()),
            )?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(theme.grid.plotters().stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(theme.axis.plotters().stroke_width(1))
            .label_style(label_style.clone())
            .axis_desc_style(label_style.clone())
            .x_desc(columns.category_axis)
            .y_desc(columns.value_axis)
            .x_label_formatter(&label_at)
            .y_label_formatter(&|y| {
                if columns.whole {
                    number_format::count(*y)
                } else {
                    format!("{y}")
                }
            })
            .draw()?;
        let width = 0.76 / columns.series.len().max(1) as f64;
        for (s, (_, color, values)) in columns.series.iter().enumerate() {
            let style = color.plotters().filled();
            chart.draw_series(values.iter().take(count).enumerate().filter_map(|(i, v)| {
                let v = finite(*v)?.max(0.0);
                let left = i as f64 - 0.38 + width * s as f64;
                Some(Rectangle::new([(left, 0.0), (left + width, v)], style))
            }))?;
        }
        Ok(())
    })?;
    Ok(svg)
}
