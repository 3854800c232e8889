//! Small multiples: a grid of small column charts, one per item (e.g. the busiest rooms), in the
//! caller's order, over the same periods and on one shared value scale from 0 to the largest
//! value of any panel, so panels compare at a glance; light axes, the first and last period
//! under the lowest panel of each grid column, one title over all. It does not rank, pick or
//! fill the items or periods; the core does. The text alternative is a long table (item, period,
//! value: one row per item and period) rather than a wide one (a column per period): its three
//! columns fit any number of periods on a page, and each row read alone says which item and
//! period its figure is for.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::axis_range::TickedRange;
use crate::error::ChartError;
use crate::number_format::{self, finite};
use crate::svg_canvas::{
    draw_header, no_data_chart, render, text_style, Area, HEADER_HEIGHT, LABEL_SIZE, SIDE_MARGIN,
    SMALL_SIZE,
};
use crate::text_alternative::ChartTable;
use crate::theme::Theme;
use crate::user_text;
use crate::{Chart, Size};

/// The most panels drawn; later panels are left out (the table's note says so).
pub const MAX_PANELS: usize = 12;

/// One panel: its title (e.g. a room's name) and one count per period (NaN or infinite is
/// missing and drawn as no column; values past the last period are ignored).
#[derive(Debug, Clone, PartialEq)]
pub struct SmallPanel {
    pub title: String,
    pub values: Vec<f64>,
}

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct SmallMultiplesInput {
    pub title: String,
    /// The table's heading for the panels' titles, e.g. "Room".
    pub panel_heading: String,
    /// Title of the period axis with its zone, e.g. "Week from Monday (Europe/Berlin)"; written
    /// once under the grid and as the table's period heading.
    pub period_axis_title: String,
    /// What the values count, e.g. "Unique attendees"; written under the title.
    pub value_heading: String,
    /// The periods' labels, left to right, the same in every panel.
    pub periods: Vec<String>,
    /// Drawn left to right, then top down, in this order.
    pub panels: Vec<SmallPanel>,
}

/// Height of the strip under the grid holding the period axis title.
const AXIS_TITLE_HEIGHT: u32 = 28;
/// In each panel: its title's row, the gap under it, the period labels' row, the right padding.
const PANEL_TITLE_HEIGHT: i32 = 20;
const PANEL_GAP: i32 = 4;
const PERIOD_LABEL_HEIGHT: i32 = 20;
const PANEL_RIGHT_PADDING: i32 = 12;
/// The panel shape the grid aims for (width / height), and the narrowest panel worth drawing.
const PANEL_ASPECT: f64 = 1.6;
const MIN_PANEL_WIDTH: f64 = 120.0;
/// Share of a period's width its column takes.
const COLUMN_SHARE: f64 = 0.76;

/// Draws the panels. No periods or no panels gives a chart that says "No data".
pub fn small_multiples(
    input: &SmallMultiplesInput,
    theme: &Theme,
    size: Size,
) -> Result<Chart, ChartError> {
    let title = user_text::clean(&input.title);
    let period_axis = user_text::clean(&input.period_axis_title);
    let value_heading = user_text::clean(&input.value_heading);
    let columns = vec![
        user_text::clean(&input.panel_heading),
        period_axis.clone(),
        value_heading.clone(),
    ];
    let count = input.periods.len();
    if count == 0 || input.panels.is_empty() {
        return no_data_chart(&title, columns, theme, size);
    }
    let labels: Vec<String> = input.periods.iter().map(|p| user_text::clean(p)).collect();
    let panels: Vec<(String, Vec<f64>)> = input
        .panels
        .iter()
        .take(MAX_PANELS)
        .map(|p| {
            let values = (0..count)
                .map(|i| p.values.get(i).copied().unwrap_or(f64::NAN))
                .collect();
            (user_text::clean(&p.title), values)
        })
        .collect();
    let max = panels
        .iter()
        .flat_map(|(_, values)| values.iter().copied())
        .filter_map(finite)
        .fold(0.0, f64::max);
    // One scale for every panel: 0 to the largest value anywhere, both labelled.
    let (top, ticks) = if max > 0.0 {
        (max, vec![0.0, max])
    } else {
        (1.0, vec![0.0])
    };

    let (svg, ()) = render(size, theme, |root| {
        draw_header(root, theme, &title, &[])?;
        let subtitle = format!("{value_heading}, on the same scale in every panel");
        draw_line_of_text(
            root,
            &subtitle,
            text_style(LABEL_SIZE, theme.muted).pos(Pos::new(HPos::Left, VPos::Center)),
            (SIDE_MARGIN, 44),
            size.width.saturating_sub(2 * SIDE_MARGIN.unsigned_abs()),
        )?;
        let grid_left = 8.0;
        let grid_top = f64::from(HEADER_HEIGHT);
        let grid_width = f64::from(size.width) - 16.0;
        let grid_height = f64::from(size.height) - grid_top - f64::from(AXIS_TITLE_HEIGHT);
        if grid_width < 1.0 || grid_height < 1.0 {
            return Ok(());
        }
        let (grid_columns, _) = grid(panels.len(), grid_width, grid_height);
        let grid_rows = panels.len().div_ceil(grid_columns);
        let cell_width = grid_width / grid_columns as f64;
        let cell_height = grid_height / grid_rows as f64;

        let tick_style = text_style(SMALL_SIZE, theme.muted);
        let width_of = |text: &str, style: &TextStyle<'_>| {
            root.estimate_text_size(text, style)
                .map(|s| s.0)
                .unwrap_or(u32::MAX)
        };
        let tick_labels: Vec<String> = ticks.iter().map(|t| number_format::count(*t)).collect();
        let value_label_width = tick_labels
            .iter()
            .map(|t| width_of(t, &tick_style))
            .max()
            .unwrap_or(0)
            .saturating_add(10);
        let value_label_width = i32::try_from(value_label_width).unwrap_or(i32::MAX / 4);

        for (index, (panel_title, values)) in panels.iter().enumerate() {
            let (row, column) = (index / grid_columns, index % grid_columns);
            let cell_x = (grid_left + column as f64 * cell_width).round() as i32;
            let cell_y = (grid_top + row as f64 * cell_height).round() as i32;
            let cell_right = (grid_left + (column + 1) as f64 * cell_width).round() as i32;
            let cell_bottom = (grid_top + (row + 1) as f64 * cell_height).round() as i32;
            let plot_left = cell_x + value_label_width;
            let plot_right = cell_right - PANEL_RIGHT_PADDING;
            let plot_top = cell_y + PANEL_TITLE_HEIGHT + PANEL_GAP;
            let plot_bottom = cell_bottom - PERIOD_LABEL_HEIGHT;

            let title_style =
                text_style(SMALL_SIZE, theme.text).pos(Pos::new(HPos::Left, VPos::Top));
            let title_room = u32::try_from(plot_right - plot_left).unwrap_or(0);
            draw_line_of_text(
                root,
                panel_title,
                title_style,
                (plot_left, cell_y + 4),
                title_room,
            )?;
            if plot_right - plot_left < 4 || plot_bottom - plot_top < 4 {
                continue;
            }
            let (plot_width, plot_height) = (
                u32::try_from(plot_right - plot_left).unwrap_or(0),
                u32::try_from(plot_bottom - plot_top).unwrap_or(0),
            );
            let area = root
                .clone()
                .shrink((plot_left, plot_top), (plot_width, plot_height));
            draw_panel(&area, theme, values, top)?;

            // Value labels on the grid's first column only: the scale is the same in every panel.
            if column == 0 {
                let style = tick_style.pos(Pos::new(HPos::Right, VPos::Center));
                for (tick, label) in ticks.iter().zip(&tick_labels) {
                    let y = plot_bottom - (tick / top * f64::from(plot_height)).round() as i32;
                    root.draw_text(label, &style, (plot_left - 5, y))?;
                }
            }
            // Period labels under a panel with no panel below it.
            if index + grid_columns >= panels.len() {
                draw_period_labels(
                    root,
                    theme,
                    &labels,
                    (plot_left, plot_right),
                    plot_bottom + 4,
                )?;
            }
        }

        let axis_style =
            text_style(LABEL_SIZE, theme.muted).pos(Pos::new(HPos::Center, VPos::Center));
        let center = i32::try_from(size.width / 2).unwrap_or(0);
        let axis_y = i32::try_from(size.height.saturating_sub(AXIS_TITLE_HEIGHT / 2)).unwrap_or(0);
        draw_line_of_text(
            root,
            &period_axis,
            axis_style,
            (center, axis_y),
            size.width.saturating_sub(2 * SIDE_MARGIN.unsigned_abs()),
        )?;
        Ok(())
    })?;

    let rows = panels
        .iter()
        .flat_map(|(panel_title, values)| {
            labels.iter().zip(values).map(move |(label, value)| {
                vec![
                    panel_title.clone(),
                    label.clone(),
                    number_format::count(*value),
                ]
            })
        })
        .collect();
    let note = (input.panels.len() > MAX_PANELS).then(|| {
        format!(
            "The first {MAX_PANELS} of {} are drawn and listed.",
            input.panels.len()
        )
    });
    Ok(Chart {
        svg,
        alt: ChartTable {
            title,
            columns,
            rows,
            note,
        },
    })
}

/// The grid's columns and rows for `panels` panels in `width` × `height`: panels near
/// [`PANEL_ASPECT`], few empty cells, none narrower than [`MIN_PANEL_WIDTH`] unless one column is.
fn grid(panels: usize, width: f64, height: f64) -> (usize, usize) {
    let panels = panels.max(1);
    let cost = |columns: usize| {
        let rows = panels.div_ceil(columns);
        let aspect = (width / columns as f64) / (height / rows as f64);
        let shape = (aspect / PANEL_ASPECT).ln().abs();
        let empty = (columns * rows - panels) as f64 * 0.15;
        let narrow = if columns > 1 && width / (columns as f64) < MIN_PANEL_WIDTH {
            100.0
        } else {
            0.0
        };
        shape + empty + narrow
    };
    let columns = (1..=panels)
        .min_by(|a, b| cost(*a).total_cmp(&cost(*b)))
        .unwrap_or(1);
    (columns, panels.div_ceil(columns))
}

/// One panel's plot: a light line at the top of the scale, the columns, the baseline.
fn draw_panel(area: &Area<'_>, theme: &Theme, values: &[f64], top: f64) -> Result<(), ChartError> {
    let count = values.len();
    let (x_lo, x_hi) = (-0.5, count as f64 - 0.5);
    let mut chart = ChartBuilder::on(area).build_cartesian_2d(
        TickedRange::new(x_lo, x_hi, Vec::new()),
        TickedRange::new(0.0, top, Vec::new()),
    )?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(x_lo, top), (x_hi, top)],
        theme.grid.plotters().stroke_width(1),
    )))?;
    let half = COLUMN_SHARE / 2.0;
    let fill = theme.live.plotters().filled();
    chart.draw_series(values.iter().enumerate().filter_map(|(i, v)| {
        let v = finite(*v)?.max(0.0);
        let x = i as f64;
        (v > 0.0).then(|| Rectangle::new([(x - half, 0.0), (x + half, v)], fill))
    }))?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(x_lo, 0.0), (x_hi, 0.0)],
        theme.axis.plotters().stroke_width(1),
    )))?;
    Ok(())
}

/// The first period's label at the plot's left edge and the last one's at its right edge (one
/// centred label for a single period), each shortened to half the plot's width.
fn draw_period_labels(
    root: &Area<'_>,
    theme: &Theme,
    labels: &[String],
    (left, right): (i32, i32),
    y: i32,
) -> Result<(), ChartError> {
    let style = text_style(SMALL_SIZE, theme.muted);
    let width = u32::try_from(right - left).unwrap_or(0);
    match labels {
        [] => Ok(()),
        [only] => draw_line_of_text(
            root,
            only,
            style.pos(Pos::new(HPos::Center, VPos::Top)),
            ((left + right) / 2, y),
            width,
        ),
        [first, .., last] => {
            let half = width.saturating_sub(8) / 2;
            draw_line_of_text(
                root,
                first,
                style.pos(Pos::new(HPos::Left, VPos::Top)),
                (left, y),
                half,
            )?;
            draw_line_of_text(
                root,
                last,
                style.pos(Pos::new(HPos::Right, VPos::Top)),
                (right, y),
                half,
            )
        }
    }
}

/// `text` shortened with "…" to `max_width` and drawn at `at` (nothing for empty text).
fn draw_line_of_text(
    root: &Area<'_>,
    text: &str,
    style: TextStyle<'_>,
    at: (i32, i32),
    max_width: u32,
) -> Result<(), ChartError> {
    let shown = user_text::shorten_to_width(text, max_width, |t| {
        root.estimate_text_size(t, &style)
            .map(|s| s.0)
            .unwrap_or(u32::MAX)
    });
    if shown.is_empty() || shown == "…" {
        return Ok(());
    }
    root.draw_text(&shown, &style, at)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_keeps_panels_wide_and_cells_full() {
        assert_eq!(grid(12, 900.0, 540.0), (4, 3));
        assert_eq!(grid(1, 640.0, 300.0), (1, 1));
        assert_eq!(grid(4, 640.0, 400.0), (2, 2));
        let (columns, rows) = grid(12, 240.0, 2000.0);
        assert_eq!((columns, rows), (1, 12));
        let (columns, rows) = grid(7, 1200.0, 300.0);
        assert!(columns * rows >= 7 && 1200.0 / columns as f64 >= MIN_PANEL_WIDTH);
    }
}
