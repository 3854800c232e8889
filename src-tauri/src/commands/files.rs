//! File commands: save the report on screen as CSV (export options, then the native save dialog),
//! open a report file through the native open dialog, and register the page's channel for files
//! dropped on the window. Reading and writing are the core's (`roomlens::reports`, `export`).

use crate::blocking_work::stopped;
use crate::dropped_files::DropEvent;
use crate::report_info::{ReportInfo, ReportSource};
use crate::state::{lock, AppState};
use roomlens::export::{write_report_csv, ExportOptions};
use roomlens::reports::read_report_file;
use roomlens::Error;
use serde::Serialize;
use std::path::PathBuf;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

/// Reads the report file at `path` with the core's tolerant reader and keeps it open.
pub async fn open_path(state: &AppState, path: PathBuf) -> Result<ReportInfo, Error> {
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

#[derive(Serialize)]
pub struct SaveResult {
    saved: bool,
    path: Option<String>,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    report_id: u64,
    options: ExportOptions,
) -> Result<SaveResult, Error> {
    let loaded = state.reports.get(report_id)?;
    let today = jiff::Zoned::now().date();
    let suggested = format!("{}-{today}.csv", loaded.report.kind().slug());
    let Some(path) = state.dialogs.choose_save_path(&app, suggested).await? else {
        return Ok(SaveResult {
            saved: false,
            path: None,
        });
    };
    let shown = path.display().to_string();
    tauri::async_runtime::spawn_blocking(move || write_report_csv(&loaded.report, &options, &path))
        .await
        .map_err(stopped)??;
    Ok(SaveResult {
        saved: true,
        path: Some(shown),
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn open_csv(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<ReportInfo>, Error> {
    let Some(path) = state.dialogs.choose_open_path(&app).await? else {
        return Ok(None);
    };
    open_path(&state, path).await.map(Some)
}

#[tauri::command(rename_all = "snake_case")]
pub fn watch_drops(state: State<'_, AppState>, events: Channel<DropEvent>) {
    *lock(&state.drops) = Some(events);
}
