//! Runs work that can block — the keychain (which may wait for the person to unlock it), files,
//! walking a whole report — on Tauri's blocking thread pool, never on the main thread, which
//! paints the window and answers the page. Commands call `off_main_thread`; it adds no logic.

use crate::state::AppState;
use roomlens::{Error, ErrorCode};
use tauri::{AppHandle, Manager, Runtime};

/// Runs `work` with the app's state on a blocking-pool thread and returns its result.
pub async fn off_main_thread<R, T, F>(app: &AppHandle<R>, work: F) -> Result<T, Error>
where
    R: Runtime,
    T: Send + 'static,
    F: FnOnce(&AppState) -> Result<T, Error> + Send + 'static,
{
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || work(&app.state::<AppState>()))
        .await
        .map_err(stopped)?
}

/// The error when the worker itself failed (it panicked or the app is shutting down).
pub fn stopped(error: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorCode::Internal,
        "Roomlens stopped while doing this. Try again; if it keeps happening, restart Roomlens.",
    )
    .with_detail(error.to_string())
}
