//! Ranked horizontal bars for the custom reports: one bar per item in the caller's order (e.g.
//! engagement per room, people per role), the value written at each bar's end as a count or a
//! percentage, an optional extra column in the text alternative. It does not rank, cut to a top
//! N or sum an "Others" row itself; the core decides which items are shown and in what order.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::bar_rows::{draw_bar_rows, BarRows};
use crate::error::ChartError;
use crate::number_format::{self, finite};
use crate::svg_canvas::{body, draw_header, no_data_chart, render, text_style, SMALL_SIZE};
use crate::text_alternative::ChartTable;
use crate::theme::Theme;
use crate::ticks::value_axis;
use crate::user_text;
use crate::{Chart, Size};

/// How the values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RankedValue {
    /// Whole numbers: `1,234`.
    Count,
    /// Percentages given as 0–100: `42.5%`.
    Percent,
}

/// One bar. A NaN or infinite value is drawn as no bar and written "—".
#[derive(Debug, Clone, PartialEq)]
pub struct RankedItem {
    pub label: String,
    pub value: f64,
    /// The extra column's cell (e.g. "12 sessions"); ignored without an extra heading.
    pub extra: String,
}

/// The bars to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedBarsInput {
    pub title: String,
    /// The table's heading for the labels, e.g. "Room".
    pub label_heading: String,
    /// The value axis title with its unit, e.g. "Average engagement rate (%)".
    pub value_heading: String,
    pub value: RankedValue,
    /// A third column of the text alternative, e.g. "Sessions".
    pub extra_heading: Option<String>,
    /// Drawn top down in this order.
    pub items: Vec<RankedItem>,
}

const BAR_LABEL_SHARE: f64 = 0.4;

fn written(kind: RankedValue, value: f64) -> String {
    match kind {
        RankedValue::Count => number_format::count(value),
        RankedValue::Percent => number_format::percent(value),
    }
}

/// Draws the bars. No items gives a chart that says "No data".
pub fn ranked_bars(
    input: &RankedBarsInput,
    theme: &Theme,
    size: Size,
) -> Result<Chart, ChartError> {
    let title = user_text::clean(&input.title);
    let value_heading = user_text::clean(&input.value_heading);
    let mut columns = vec![
        user_text::clean(&input.label_heading),
        value_heading.clone(),
    ];
    if let Some(extra) = &input.extra_heading {
        columns.push(user_text::clean(extra));
    }
    if input.items.is_empty() {
        return no_data_chart(&title, columns, theme, size);
    }
    let count = input.items.len();
    let max = input
        .items
        .iter()
        .filter_map(|i| finite(i.value))
        .fold(0.0, f64::max);
    let whole = input.value == RankedValue::Count;
    // Room at the bars' ends for their value labels; percentages never past 100 plus that room.
    let axis = match input.value {
        RankedValue::Count => value_axis(max * 1.18, 5, true),
        RankedValue::Percent => value_axis((max * 1.18).clamp(10.0, 118.0), 5, false),
    };

    let (svg, ()) = render(size, theme, |root| {
        draw_header(root, theme, &title, &[])?;
        let area = body(root);
        let labels: Vec<String> = input.items.iter().map(|i| i.label.clone()).collect();
        let mut chart = draw_bar_rows(
            root,
            &area,
            theme,
            size,
            &BarRows {
                labels: &labels,
                label_share: BAR_LABEL_SHARE,
                axis: &axis,
                value_title: &value_heading,
                whole,
            },
        )?;
        let value_style =
            text_style(SMALL_SIZE, theme.muted).pos(Pos::new(HPos::Left, VPos::Center));
        let half = if count > 12 { 0.42 } else { 0.32 };
        for (i, item) in input.items.iter().enumerate() {
            let y = count as f64 - 1.0 - i as f64;
            let value = finite(item.value).map(|v| v.max(0.0));
            if let Some(v) = value {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y - half), (v, y + half)],
                    theme.live.plotters().filled(),
                )))?;
            }
            let (px, py) = chart.backend_coord(&(value.unwrap_or(0.0), y));
            root.draw_text(
                &written(input.value, item.value),
                &value_style,
                (px + 4, py),
            )?;
        }
        Ok(())
    })?;

    let rows = input
        .items
        .iter()
        .map(|i| {
            let mut row = vec![user_text::clean(&i.label), written(input.value, i.value)];
            if input.extra_heading.is_some() {
                row.push(user_text::clean(&i.extra));
            }
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
