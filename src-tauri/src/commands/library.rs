//! Library commands: what the library keeps (reports and session dashboards, each newest first,
//! with its size on disk and any problem keeping the last report), a kept report opened for the Reports screen with no network, a
//! snapshot removed, and a damaged or newer library set aside for a new one. The library's rules are the core's (`roomlens::library`); these only carry.

use crate::app_library::Keeping;
use crate::blocking_work::off_main_thread;
use crate::loaded_reports::ReportSource;
use crate::report_info::ReportInfo;
use crate::state::AppState;
use roomlens::cancel::CancelToken;
use roomlens::library::{DashboardInfo, SnapshotInfo};
use roomlens::reports::ReportRows;
use roomlens::Error;
use serde::Serialize;
use std::sync::Arc;
use tauri::{AppHandle, State};

#[derive(Serialize, ts_rs::TS)]
pub struct LibraryListing {
    snapshots: Vec<SnapshotInfo>,
    /// The session dashboards kept, newest fetch first.
    dashboards: Vec<DashboardInfo>,
    /// The library file and the bytes it takes on disk.
    path: String,
    disk_bytes: u64,
    /// Why the last report could not be kept, when it could not.
    problem: Option<String>,
}

/// Everything the library keeps, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn library_snapshots(app: AppHandle) -> Result<LibraryListing, Error> {
    off_main_thread(&app, |state| {
        let (snapshots, dashboards, disk_bytes) = state.library.with(|library| {
            Ok((
                library.snapshots()?,
                library.dashboards()?,
                library.disk_bytes(),
            ))
        })?;
        Ok(LibraryListing {
            snapshots,
            dashboards,
            path: state.library.path().display().to_string(),
            disk_bytes,
            problem: state.library.problem(),
        })
    })
    .await
}

/// Opens kept snapshot `id` for the Reports screen, as it was fetched or read.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_snapshot(app: AppHandle, id: i64) -> Result<ReportInfo, Error> {
    off_main_thread(&app, move |state| {
        let (report, info) = state.library.with(|library| {
            let info = library
                .snapshots()?
                .into_iter()
                .find(|s| s.id == id)
                .ok_or_else(|| {
                    Error::new(
                        roomlens::ErrorCode::InvalidInput,
                        "This report is no longer in the library. Look at the list again.",
                    )
                })?;
            // Read from the library as it is needed; held whole only if its rows are not where
            // the snapshot says (a library written some other way).
            let rows: Arc<dyn ReportRows> = match library.kept_report(id) {
                Ok(kept) => Arc::new(kept),
                Err(_) => Arc::new(library.report(id, &CancelToken::new())?),
            };
            Ok((rows, info))
        })?;
        let loaded = state.reports.insert(
            report,
            ReportSource::Kept {
                snapshot_id: id,
                source: info.source,
            },
            None,
            None,
            info.warnings,
            None,
        );
        Ok(ReportInfo::of(&loaded))
    })
    .await
}

/// Removes kept snapshot `id` and its rows.
#[tauri::command(rename_all = "snake_case")]
pub async fn remove_snapshot(app: AppHandle, id: i64) -> Result<(), Error> {
    off_main_thread(&app, move |state| {
        state.library.with(|library| library.remove_snapshot(id))
    })
    .await
}

/// Sets a library Roomlens cannot use (damaged, or from a newer Roomlens) aside, untouched, and
/// starts a new one; returns where the old file is now.
#[tauri::command(rename_all = "snake_case")]
pub async fn start_new_library(app: AppHandle) -> Result<String, Error> {
    off_main_thread(&app, |state| {
        let aside = state.library.start_new()?;
        Ok(aside.display().to_string())
    })
    .await
}

/// Stops keeping the report being kept in the library (it is not kept; the library is unchanged).
#[tauri::command(rename_all = "snake_case")]
pub fn cancel_keeping(state: State<'_, AppState>) {
    state.library.cancel_keeping();
}

/// The report being kept in the library now, and how far; read from memory, so it answers while
/// the library is busy keeping it.
#[tauri::command(rename_all = "snake_case")]
pub fn keeping_progress(state: State<'_, AppState>) -> Option<Keeping> {
    state.library.keeping()
}
