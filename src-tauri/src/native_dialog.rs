//! The native open and save dialogs (rfd), shown on the main thread as the platform requires,
//! parented to the Roomlens window. In debug builds only, the end-to-end tests may supply the
//! chosen path through ROOMLENS_TEST_OPEN_PATH / ROOMLENS_TEST_SAVE_PATH instead of a dialog.
//! It does not read or write the files.

use crate::MAIN_WINDOW;
use roomlens::{Error, ErrorCode};
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime};

const TEST_OPEN_ENV: &str = "ROOMLENS_TEST_OPEN_PATH";
const TEST_SAVE_ENV: &str = "ROOMLENS_TEST_SAVE_PATH";

fn test_path(var: &str) -> Option<PathBuf> {
    if cfg!(debug_assertions) {
        std::env::var_os(var)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    } else {
        None
    }
}

/// Asks where to save a CSV; `None` when the person cancels the dialog.
pub async fn choose_save_path<R: Runtime>(
    app: &AppHandle<R>,
    suggested_name: String,
) -> Result<Option<PathBuf>, Error> {
    if let Some(path) = test_path(TEST_SAVE_ENV) {
        return Ok(Some(path));
    }
    on_main_thread(app, move |dialog| {
        dialog
            .set_title("Save report as CSV")
            .set_file_name(suggested_name)
            .add_filter("CSV file", &["csv"])
            .save_file()
    })
    .await
}

/// Asks which report file to open; `None` when the person cancels the dialog.
pub async fn choose_open_path<R: Runtime>(app: &AppHandle<R>) -> Result<Option<PathBuf>, Error> {
    if let Some(path) = test_path(TEST_OPEN_ENV) {
        return Ok(Some(path));
    }
    on_main_thread(app, |dialog| {
        dialog
            .set_title("Open a room report")
            .add_filter("Report files", &["csv", "txt", "tsv"])
            .add_filter("All files", &["*"])
            .pick_file()
    })
    .await
}

async fn on_main_thread<R, F>(app: &AppHandle<R>, show: F) -> Result<Option<PathBuf>, Error>
where
    R: Runtime,
    F: FnOnce(rfd::FileDialog) -> Option<PathBuf> + Send + 'static,
{
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let window = app.get_webview_window(MAIN_WINDOW);
    app.run_on_main_thread(move || {
        let mut dialog = rfd::FileDialog::new();
        if let Some(window) = &window {
            dialog = dialog.set_parent(window);
        }
        let _ = sender.send(show(dialog));
    })
    .map_err(dialog_failed)?;
    receiver.await.map_err(dialog_failed)
}

fn dialog_failed(error: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorCode::FileUnreadable,
        "Roomlens could not show the file dialog. Try again.",
    )
    .with_detail(error.to_string())
}
