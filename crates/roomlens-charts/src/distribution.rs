//! Distribution bars for the custom reports: buckets in the caller's order (e.g. engagement rate
//! in ten 10% buckets) with a count each, titles and axis titles given by the caller. It does not
//! bucket values itself; the analytics do.

use crate::error::ChartError;
use crate::series_columns::{series_columns, SeriesCategory, SeriesColumnsInput};
use crate::theme::Theme;
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

/// Draws the distribution: one counted series of `series_columns`, named by the count axis. No
/// buckets gives a chart that says "No data".
pub fn distribution_bars(
    input: &DistributionInput,
    theme: &Theme,
    size: Size,
) -> Result<Chart, ChartError> {
    series_columns(
        &SeriesColumnsInput {
            title: input.title.clone(),
            category_axis_title: input.bucket_axis_title.clone(),
            value_axis_title: input.count_axis_title.clone(),
            series: vec![input.count_axis_title.clone()],
            categories: input
                .buckets
                .iter()
                .map(|b| SeriesCategory {
                    label: b.label.clone(),
                    values: vec![b.count],
                })
                .collect(),
        },
        theme,
        size,
    )
}
