//! Opening a report file for the window (Open CSV… or a drop): one file at a time (more wait their
//! turn), read by the core within its size and row limits off the main thread, with progress and
//! Cancel, then kept open for the table. It shows no dialog and does not write files.

use crate::blocking_work::stopped;
use crate::library_keeping::keep_in_library;
use crate::loaded_reports::ReportSource;
use crate::reading_progress::ReadingProgress;
use crate::report_info::ReportInfo;
use crate::state::AppState;
use roomlens::reports::{read_report_file_with, FileLimits};
use roomlens::Error;
use std::path::PathBuf;
use std::sync::Arc;
use tauri::{AppHandle, Manager, Runtime};

/// Reads the report file at `path` and keeps it open, telling `on_progress` how far it got. Waits
/// while another file is being read; `cancel_reading` stops the one being read.
pub async fn open_report_file<R: Runtime>(
    app: &AppHandle<R>,
    path: PathBuf,
    on_progress: impl Fn(ReadingProgress) + Send + Sync + 'static,
) -> Result<ReportInfo, Error> {
    let state = app.state::<AppState>();
    let _turn = state.file_reading.lock().await;
    let read_from = path.clone();
    let cancel = state.file_cancel.start();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let read = {
        let cancel = cancel.clone();
        let file_name = file_name.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let report = |progress| {
                on_progress(ReadingProgress {
                    file_name: file_name.clone(),
                    progress,
                })
            };
            read_report_file_with(&path, FileLimits::default(), &report, &cancel)
        })
        .await
    };
    state.file_cancel.finish(&cancel);
    let outcome = read.map_err(stopped)??;
    let warnings = outcome.warnings.iter().map(|w| w.to_string()).collect();
    let loaded = state.reports.insert(
        Arc::new(outcome.report),
        ReportSource::File { file_name },
        None,
        Some(outcome.stats),
        warnings,
        None,
    );
    keep_in_library(app, &loaded, Some(read_from));
    Ok(ReportInfo::of(&loaded))
}

/// Stops the file being read, if any (it then fails with `cancelled`, and nothing is kept).
pub fn cancel_reading(state: &AppState) {
    state.file_cancel.cancel();
}
