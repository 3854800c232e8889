//! Distribution bars for the custom reports: buckets in the caller's order (e.g. engagement rate
//! in ten 10% buckets) with a count each, titles and axis titles given by the caller. It does not
//! bucket values itself; the analytics do.

use crate::column_bars::{draw_columns, Columns};
use crate::error::ChartError;
use crate::number_format;
use crate::svg_canvas::no_data_chart;
use crate::text_alternative::ChartTable;
use crate::theme::Theme;
use crate::user_text;
use crate::{Chart, Size};

/// One bucket. A NaN or infinite count is treated as missing.
#[derive(Debug, Clone, PartialEq)]
pub struct DistributionBucket {
    /// What the bucket holds, e.g. "40–50%".
    pub label: String,
    pub count: f64,
}

/// A distribution to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct DistributionInput {
    pub title: String,
    /// Title of the bucket axis with its unit, e.g. "Live engagement rate (%)".
    pub bucket_axis_title: String,
    /// Title of the count axis with its unit, e.g. "Attendees (people)".
    pub count_axis_title: String,
    pub buckets: Vec<DistributionBucket>,
}

/// Draws the distribution. No buckets gives a chart that says "No data".
pub fn distribution_bars(
    input: &DistributionInput,
    theme: &Theme,
    size: Size,
) -> Result<Chart, ChartError> {
    let title = user_text::clean(&input.title);
    let bucket_axis = user_text::clean(&input.bucket_axis_title);
    let count_axis = user_text::clean(&input.count_axis_title);
    let columns = vec![bucket_axis.clone(), count_axis.clone()];
    if input.buckets.is_empty() {
        return no_data_chart(&title, columns, theme, size);
    }
    let labels: Vec<String> = input
        .buckets
        .iter()
        .map(|b| user_text::clean(&b.label))
        .collect();
    let values: Vec<f64> = input.buckets.iter().map(|b| b.count).collect();
    let svg = draw_columns(
        &Columns {
            title: &title,
            category_axis: &bucket_axis,
            value_axis: &count_axis,
            labels: &labels,
            series: &[("", theme.live, &values)],
            whole: true,
        },
        theme,
        size,
    )?;
    let rows = labels
        .iter()
        .zip(&values)
        .map(|(label, v)| vec![label.clone(), number_format::count(*v)])
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
