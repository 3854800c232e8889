//! *Recording plays per day*: one bar per local calendar day from the first to the last day given,
//! days without an entry drawn as 0 plays. It does not turn timestamps into days; the caller
//! passes days already in the viewer's zone and names that zone.

use crate::clock::LocalDay;
use crate::column_bars::{draw_columns, Columns};
use crate::error::ChartError;
use crate::number_format::{self, finite};
use crate::svg_canvas::no_data_chart;
use crate::text_alternative::ChartTable;
use crate::theme::Theme;
use crate::user_text;
use crate::{Chart, Size};

/// The chart's title.
pub const PLAYS_PER_DAY_TITLE: &str = "Recording plays per day";

/// Plays on one local day. NaN or infinite counts are treated as missing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayPlays {
    pub day: LocalDay,
    pub plays: f64,
}

/// The days to draw, in any order; a day given twice counts the sum.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaysPerDayInput {
    /// The zone the days are in, e.g. "Europe/Berlin" (shown in the axis title).
    pub zone_name: String,
    pub days: Vec<DayPlays>,
}

/// The longest span drawn, in days (20 years).
pub const MAX_DAYS: i64 = 20 * 366;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DayState {
    NoEntry,
    Missing,
    Counted,
}

/// Draws plays per day. No days gives a chart that says "No data".
pub fn recording_plays_per_day(
    input: &PlaysPerDayInput,
    theme: &Theme,
    size: Size,
) -> Result<Chart, ChartError> {
    let zone = user_text::clean(&input.zone_name);
    let columns = vec![format!("Day ({zone})"), "Plays".to_owned()];
    let mut numbered = Vec::with_capacity(input.days.len());
    for entry in &input.days {
        numbered.push((entry.day.days_since_epoch()?, entry.plays));
    }
    let (Some(first), Some(last)) = (
        numbered.iter().map(|(d, _)| *d).min(),
        numbered.iter().map(|(d, _)| *d).max(),
    ) else {
        return no_data_chart(PLAYS_PER_DAY_TITLE, columns, theme, size);
    };
    let span = last - first + 1;
    if span > MAX_DAYS {
        return Err(ChartError::InvalidInput {
            detail: format!("{span} days are more than the {MAX_DAYS} a chart can show"),
        });
    }
    let span_len = usize::try_from(span).unwrap_or(0);
    // A day with no entry had no plays; a day whose only entries are NaN is missing.
    let mut sums = vec![0.0; span_len];
    let mut state = vec![DayState::NoEntry; span_len];
    for (day, value) in numbered {
        let index = usize::try_from(day - first).unwrap_or(0);
        if let (Some(sum), Some(state)) = (sums.get_mut(index), state.get_mut(index)) {
            match finite(value) {
                Some(v) => {
                    *sum += v;
                    *state = DayState::Counted;
                }
                None if *state == DayState::NoEntry => *state = DayState::Missing,
                None => {}
            }
        }
    }
    let values: Vec<f64> = sums
        .iter()
        .zip(&state)
        .map(|(sum, state)| {
            if *state == DayState::Missing {
                f64::NAN
            } else {
                *sum
            }
        })
        .collect();
    let days: Vec<LocalDay> = (first..=last)
        .map(LocalDay::from_days_since_epoch)
        .collect();
    let with_year = days.first().map(|d| d.year) != days.last().map(|d| d.year);
    let labels: Vec<String> = days.iter().map(|d| d.label(with_year)).collect();
    let category_axis = format!("Day ({zone})");
    let svg = draw_columns(
        &Columns {
            title: PLAYS_PER_DAY_TITLE,
            category_axis: &category_axis,
            value_axis: "Plays",
            labels: &labels,
            series: &[("", theme.live, &values)],
            whole: true,
        },
        theme,
        size,
    )?;
    let rows = days
        .iter()
        .zip(&values)
        .map(|(day, v)| vec![day.iso(), number_format::count(*v)])
        .collect();
    Ok(Chart {
        svg,
        alt: ChartTable {
            title: PLAYS_PER_DAY_TITLE.to_owned(),
            columns,
            rows,
            note: None,
        },
    })
}
