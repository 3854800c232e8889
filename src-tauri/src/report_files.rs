//! Opening a report file for the window (Open CSV… or a drop): the core's tolerant reader runs
//! off the main thread, and the report is kept open for the table. It shows no dialog and does
//! not write files.

use crate::blocking_work::stopped;
use crate::loaded_reports::ReportSource;
use crate::report_info::ReportInfo;
use crate::state::AppState;
use roomlens::reports::read_report_file;
use roomlens::Error;
use std::path::PathBuf;

/// Reads the report file at `path` with the core's tolerant reader and keeps it open.
pub async fn open_report_file(state: &AppState, path: PathBuf) -> Result<ReportInfo, Error> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let outcome = tauri::async_runtime::spawn_blocking(move || read_report_file(&path))
        .await
        .map_err(stopped)??;
    let warnings = outcome.warnings.iter().map(|w| w.to_string()).collect();
    let loaded = state.reports.insert(
        outcome.report,
        ReportSource::File { file_name },
        None,
        Some(outcome.stats),
        warnings,
    );
    Ok(ReportInfo::of(&loaded))
}
