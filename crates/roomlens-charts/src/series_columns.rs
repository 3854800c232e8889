//! Columns of one or two counted series per category, in the caller's order (e.g. sessions and
//! attendees per day, week or month), with a legend naming the series. It does not make the
//! categories (days, weeks, months) or fill gaps between them; the core does.

use crate::column_bars::{draw_columns, Columns};
use crate::error::ChartError;
use crate::number_format;
use crate::svg_canvas::no_data_chart;
use crate::text_alternative::ChartTable;
use crate::theme::Theme;
use crate::user_text;
use crate::{Chart, Size};

/// One category: its label and one value per series (a NaN or infinite value is missing).
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesCategory {
    pub label: String,
    pub values: Vec<f64>,
}

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesColumnsInput {
    pub title: String,
    /// Title of the category axis with its unit, e.g. "Week (Europe/Berlin)".
    pub category_axis_title: String,
    /// Title of the count axis, e.g. "Count".
    pub value_axis_title: String,
    /// The series' names, one or two (more are not drawn).
    pub series: Vec<String>,
    pub categories: Vec<SeriesCategory>,
}

/// Draws the columns. No categories gives a chart that says "No data".
pub fn series_columns(
    input: &SeriesColumnsInput,
    theme: &Theme,
    size: Size,
) -> Result<Chart, ChartError> {
    let title = user_text::clean(&input.title);
    let category_axis = user_text::clean(&input.category_axis_title);
    let value_axis = user_text::clean(&input.value_axis_title);
    let names: Vec<String> = input
        .series
        .iter()
        .take(2)
        .map(|n| user_text::clean(n))
        .collect();
    let mut columns = vec![category_axis.clone()];
    columns.extend(names.iter().cloned());
    if input.categories.is_empty() || names.is_empty() {
        return no_data_chart(&title, columns, theme, size);
    }
    let labels: Vec<String> = input
        .categories
        .iter()
        .map(|c| user_text::clean(&c.label))
        .collect();
    let values: Vec<Vec<f64>> = (0..names.len())
        .map(|s| {
            input
                .categories
                .iter()
                .map(|c| c.values.get(s).copied().unwrap_or(f64::NAN))
                .collect()
        })
        .collect();
    let colors = [theme.live, theme.recording];
    let series: Vec<(&str, _, &[f64])> = names
        .iter()
        .zip(colors)
        .zip(&values)
        .map(|((name, color), v)| (name.as_str(), color, v.as_slice()))
        .collect();
    let svg = draw_columns(
        &Columns {
            title: &title,
            category_axis: &category_axis,
            value_axis: &value_axis,
            labels: &labels,
            series: &series,
            whole: true,
        },
        theme,
        size,
    )?;
    let rows = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let mut row = vec![label.clone()];
            row.extend(
                values
                    .iter()
                    .map(|v| number_format::count(v.get(i).copied().unwrap_or(f64::NAN))),
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
