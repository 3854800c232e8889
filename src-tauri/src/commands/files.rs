//! File commands: save the report on screen as CSV (export options, then the native save dialog),
//! open a report file through the native open dialog, and register the page's channel for files
//! dropped on the window. Reading and writing are the core's (`roomlens::reports`, `export`).

use crate::blocking_work::stopped;
use crate::drop_event::DropEvent;
use crate::mutex::lock;
use crate::native_dialog::SaveAs;
use crate::reading_progress::ReadingProgress;
use crate::report_files::{cancel_reading, open_report_file};
use crate::report_info::ReportInfo;
use crate::state::AppState;
use roomlens::cancel::CancelToken;
use roomlens::export::{write_report_csv, ExportOptions};
use roomlens::Error;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

#[derive(Serialize, ts_rs::TS)]
pub struct SaveResult {
    saved: bool,
    path: Option<String>,
}

impl SaveResult {
    /// The person closed the dialog without saving.
    pub fn cancelled() -> Self {
        SaveResult {
            saved: false,
            path: None,
        }
    }

    pub fn saved(path: String) -> Self {
        SaveResult {
            saved: true,
            path: Some(path),
        }
    }
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
    let suggested = format!("{}-{today}.csv", loaded.rows().kind().slug());
    let Some(path) = state
        .dialogs
        .choose_save_path(&app, suggested, SaveAs::Csv)
        .await?
    else {
        return Ok(SaveResult::cancelled());
    };
    let shown = path.display().to_string();
    tauri::async_runtime::spawn_blocking(move || {
        write_report_csv(loaded.rows().as_ref(), &options, &path, &CancelToken::new())
    })
    .await
    .map_err(stopped)??;
    Ok(SaveResult::saved(shown))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn open_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    progress: Channel<ReadingProgress>,
) -> Result<Option<ReportInfo>, Error> {
    let Some(path) = state.dialogs.choose_open_path(&app).await? else {
        return Ok(None);
    };
    let on_progress = move |p: ReadingProgress| {
        let _ = progress.send(p);
    };
    open_report_file(&app, path, on_progress).await.map(Some)
}

/// Stops the report file being read (opened or dropped).
#[tauri::command(rename_all = "snake_case")]
pub fn cancel_open(state: State<'_, AppState>) {
    cancel_reading(&state);
}

#[tauri::command(rename_all = "snake_case")]
pub fn watch_drops(state: State<'_, AppState>, events: Channel<DropEvent>) {
    *lock(&state.drops) = Some(events);
}
