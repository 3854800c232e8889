//! The charts above a custom report's table: drawn by the core (`roomlens::report_charts`) over the
//! rows the table's search matches, in the window's light or dark mode, and one of them saved as
//! SVG or PNG (drawn light, for documents) through the system's save dialog, atomically. It draws
//! and counts nothing itself.

use super::chart_files::save_chart_file;
use super::files::SaveResult;
use crate::blocking_work::off_main_thread;
use crate::state::AppState;
use jiff::tz::TimeZone;
use roomlens::cancel::CancelToken;
use roomlens::chart_view::ImageFormat;
use roomlens::report_charts::{report_chart_of, report_charts_of as charts_of, ReportChart};
use roomlens::Error;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};

#[derive(Deserialize, ts_rs::TS)]
pub struct ReportChartsArgs {
    report_id: u64,
    /// The table's search box as typed; too short a search counts every row, as the table does.
    #[serde(default)]
    search: String,
    dark: bool,
}

#[derive(Serialize, ts_rs::TS)]
pub struct ReportChartsView {
    report_id: u64,
    /// The search the charts were drawn for (the page drops answers for an older one).
    search: String,
    charts: Vec<ReportChart>,
}

/// The charts of an open report over the rows its search matches.
#[tauri::command(rename_all = "snake_case")]
pub async fn report_charts_of(
    app: AppHandle,
    request: ReportChartsArgs,
) -> Result<ReportChartsView, Error> {
    off_main_thread(&app, move |state| {
        let loaded = state.reports.get(request.report_id)?;
        let report = loaded.rows();
        let rows = loaded
            .index
            .matching_rows(report.as_ref(), &request.search)?;
        let zone = TimeZone::system();
        let cancel = CancelToken::new();
        let charts = match rows {
            None => loaded.charts_of_every_row(request.dark, |every| {
                charts_of(every, None, &zone, request.dark, &cancel)
            })?,
            Some(rows) => charts_of(report.as_ref(), Some(&rows), &zone, request.dark, &cancel)?,
        };
        Ok(ReportChartsView {
            report_id: loaded.id,
            search: request.search,
            charts,
        })
    })
    .await
}

#[derive(Deserialize, ts_rs::TS)]
pub struct SaveReportChartArgs {
    report_id: u64,
    #[serde(default)]
    search: String,
    /// The chart's key, e.g. "sessions-per-period".
    chart: String,
    format: ImageFormat,
}

/// Saves one chart of an open report as an SVG or PNG image through the system's save dialog.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_report_chart(
    app: AppHandle,
    state: State<'_, AppState>,
    request: SaveReportChartArgs,
) -> Result<SaveResult, Error> {
    let loaded = state.reports.get(request.report_id)?;
    let key: String = request
        .chart
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let suggested = format!(
        "{}-{key}.{}",
        loaded.rows().kind().slug(),
        request.format.extension()
    );
    save_chart_file(&app, &state, suggested, request.format, move |_| {
        let report = loaded.rows();
        let rows = loaded
            .index
            .matching_rows(report.as_ref(), &request.search)?;
        report_chart_of(
            report.as_ref(),
            rows.as_deref().map(Vec::as_slice),
            &TimeZone::system(),
            &request.chart,
            &CancelToken::new(),
        )
    })
    .await
}
