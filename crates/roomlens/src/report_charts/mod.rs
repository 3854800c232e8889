//! The charts above a custom report's table (room data, attendees, breakout rooms), drawn by
//! `roomlens-charts` from the rows the table shows (every row, or those a search matches), with
//! their text alternatives; one chart by its key for saving. The same charts go into the report's
//! PDF. It reads no file and keeps nothing between calls.

mod attendees;
mod breakouts;
mod periods;
mod room_data;

use crate::analytics::summarize_attendees_of;
use crate::cancel::CancelToken;
use crate::chart_view::{chart_view, ChartView};
use crate::error::{Error, ErrorCode};
use crate::reports::{with_whole, Report, ReportKind, ReportRows};
use jiff::tz::TimeZone;
use roomlens_charts::{Chart, ChartError, Size, Theme, ThemeKind};
use serde::Serialize;

/// One chart of a report, with the key that names it (in file names and when saving it).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ReportChart {
    /// e.g. "sessions-per-period"; stable, safe in a file name.
    pub key: String,
    pub chart: ChartView,
}

/// Which rows the charts count: `None` for every row of the report, or the positions of the rows
/// a search matched.
pub type ChosenRows<'a> = Option<&'a [usize]>;

/// The charts of `report` over the chosen rows, in the person's `zone`, drawn for a light or dark
/// page.
pub fn report_charts(
    report: &Report,
    rows: ChosenRows<'_>,
    zone: &TimeZone,
    dark: bool,
) -> Result<Vec<ReportChart>, Error> {
    let theme = theme(dark);
    let drawn = match report {
        Report::RoomData { rows: all, .. } => room_data::charts(&chosen(all, rows), zone, &theme),
        Report::Attendees { rows: all, .. } => attendees::charts(&chosen(all, rows), &theme),
        Report::Breakouts { rows: all, .. } => breakouts::charts(&chosen(all, rows), &theme),
    };
    views(drawn)
}

/// `report_charts` over rows wherever they are: an Attendees report kept in the library is summed
/// up piece by piece (the chosen rows only); the others are put together first.
pub fn report_charts_of(
    report: &dyn ReportRows,
    rows: ChosenRows<'_>,
    zone: &TimeZone,
    dark: bool,
    cancel: &CancelToken,
) -> Result<Vec<ReportChart>, Error> {
    if report.kind() == ReportKind::Attendees {
        let summary = summarize_attendees_of(report, rows, cancel)?;
        return views(attendees::charts_of(&summary, &theme(dark)));
    }
    with_whole(report, cancel, |whole| {
        report_charts(whole, rows, zone, dark)
    })
}

/// One chart by its key over rows wherever they are (light, for paper and files).
pub fn report_chart_of(
    report: &dyn ReportRows,
    rows: ChosenRows<'_>,
    zone: &TimeZone,
    key: &str,
    cancel: &CancelToken,
) -> Result<ChartView, Error> {
    report_charts_of(report, rows, zone, false, cancel)?
        .into_iter()
        .find(|c| c.key == key)
        .map(|c| c.chart)
        .ok_or_else(|| Error::new(ErrorCode::InvalidInput, "This report has no such chart."))
}

fn theme(dark: bool) -> Theme {
    Theme::of(if dark {
        ThemeKind::Dark
    } else {
        ThemeKind::Light
    })
}

fn views(drawn: Vec<Drawn>) -> Result<Vec<ReportChart>, Error> {
    drawn
        .into_iter()
        .map(|(key, size, chart)| {
            chart
                .map(|c| ReportChart {
                    key: key.to_owned(),
                    chart: chart_view(c, size, Vec::new()),
                })
                .map_err(|e| chart_error(&e))
        })
        .collect()
}

/// One chart of `report` by its key (light, for paper and files).
pub fn report_chart(
    report: &Report,
    rows: ChosenRows<'_>,
    zone: &TimeZone,
    key: &str,
) -> Result<ChartView, Error> {
    report_charts(report, rows, zone, false)?
        .into_iter()
        .find(|c| c.key == key)
        .map(|c| c.chart)
        .ok_or_else(|| Error::new(ErrorCode::InvalidInput, "This report has no such chart."))
}

/// A drawn chart with its key and size, as the report modules return them.
pub(crate) type Drawn = (&'static str, Size, Result<Chart, ChartError>);

fn chart_error(error: &ChartError) -> Error {
    Error::new(
        ErrorCode::Internal,
        "Roomlens could not draw a chart of this report.",
    )
    .with_detail(format!("{}: {}", error.code(), error.message()))
}

/// The chosen rows of `all`, in report order; positions past the end are skipped.
fn chosen<'a, R>(all: &'a [R], rows: ChosenRows<'_>) -> Vec<&'a R> {
    match rows {
        None => all.iter().collect(),
        Some(positions) => positions.iter().filter_map(|&i| all.get(i)).collect(),
    }
}

/// The size of a bar chart of `bars` horizontal bars: taller as the bars grow in number.
pub(crate) fn bars_size(bars: usize) -> Size {
    let rows = u32::try_from(bars).unwrap_or(u32::MAX).min(40);
    Size::new(640, (120 + 26 * rows).max(360))
}

/// The size of a column chart.
pub(crate) const COLUMNS_SIZE: Size = Size {
    width: 640,
    height: 360,
};
