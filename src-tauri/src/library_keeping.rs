//! Keeping what the window fetched or opened in the library, on a background thread, so the
//! report is on screen at once; a report opened from the library is not kept again. What a
//! snapshot is and how it is written are `app_library`'s and the core's.

use crate::app_library::snapshot_source;
use crate::loaded_reports::LoadedReport;
use crate::state::AppState;
use std::path::PathBuf;
use std::sync::Arc;
use tauri::{AppHandle, Manager, Runtime};

/// Keeps `loaded` in the library on a background thread (the report is on screen already).
/// `path` is the file it was read from; a report from the library is not kept again.
pub fn keep_in_library<R: Runtime>(
    app: &AppHandle<R>,
    loaded: &Arc<LoadedReport>,
    path: Option<PathBuf>,
) {
    let app = app.clone();
    let loaded = Arc::clone(loaded);
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        match snapshot_source(&loaded, path.as_deref()) {
            Ok(Some(source)) => state.library.keep(&loaded, &source),
            Ok(None) => {}
            Err(error) => state.library.note_problem(&error),
        }
    });
}
