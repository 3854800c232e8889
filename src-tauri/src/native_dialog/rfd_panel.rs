//! macOS and Windows: rfd's asynchronous dialogs, parented to the Roomlens window and awaited on a
//! worker thread, never on the main thread. On macOS rfd begins a sheet on the window from the
//! main thread and returns at once (AppKit panels must be driven from there); on Windows the
//! common item dialog runs on a thread of its own, owned by (and disabling) the Roomlens window.
//! Either way the window keeps painting. It does not read or write files.

use super::{FileRequest, Purpose};
use crate::MAIN_WINDOW;
use roomlens::Error;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use tauri::{AppHandle, Manager, Runtime};

type Answer = Pin<Box<dyn Future<Output = Option<rfd::FileHandle>> + Send>>;

/// Shows the dialog and waits for the person's answer.
pub async fn show<R: Runtime>(
    app: &AppHandle<R>,
    request: FileRequest,
) -> Result<Option<PathBuf>, Error> {
    let answer = begin(app, request);
    Ok(answer.await.map(|file| file.path().to_path_buf()))
}

/// Starts the dialog; the builder (which holds the raw window handle) never lives across an await.
fn begin<R: Runtime>(app: &AppHandle<R>, request: FileRequest) -> Answer {
    let mut dialog = rfd::AsyncFileDialog::new().set_title(request.title);
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        dialog = dialog.set_parent(&window);
    }
    for filter in request.filters {
        // macOS merges every filter into one list of allowed extensions, where "*" would be
        // taken literally; there the report filter alone applies.
        if cfg!(target_os = "macos") && filter.extensions == ["*"] {
            continue;
        }
        dialog = dialog.add_filter(filter.name, filter.extensions);
    }
    if let Some(folder) = request.folder {
        dialog = dialog.set_directory(folder);
    }
    if let Some(name) = request.suggested_name {
        dialog = dialog.set_file_name(name);
    }
    match request.purpose {
        Purpose::Open => Box::pin(dialog.pick_file()),
        Purpose::Save => Box::pin(dialog.save_file()),
    }
}
