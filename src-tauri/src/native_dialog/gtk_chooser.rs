//! Linux (and the BSDs): GTK's file chooser, created on the GTK main thread that runs the window,
//! transient for and modal to the Roomlens window, and answered through its `response` signal, so
//! the main loop keeps painting and serving the page while it is open. (A blocking dialog there,
//! such as rfd's, which waits for a GTK thread of its own, deadlocks the window.) A portal's dialog
//! is used where GTK would use one (Flatpak, GTK_USE_PORTAL=1). It does not read or write files.

use super::{FileFilter, FileRequest, Purpose};
use crate::MAIN_WINDOW;
use gtk::prelude::*;
use gtk::{FileChooserAction, FileChooserNative, ResponseType};
use roomlens::{Error, ErrorCode};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::oneshot;

/// Shows the dialog on the main thread and waits, off it, for the person's answer.
pub async fn show<R: Runtime>(
    app: &AppHandle<R>,
    request: FileRequest,
) -> Result<Option<PathBuf>, Error> {
    let (answer, answered) = oneshot::channel();
    let window = app.get_webview_window(MAIN_WINDOW);
    let purpose = request.purpose;
    let extension = request
        .filters
        .first()
        .and_then(|f| f.extensions.first())
        .copied()
        .unwrap_or("csv");
    app.run_on_main_thread(move || {
        let parent = window.and_then(|w| w.gtk_window().ok());
        present(parent.as_ref(), &request, answer);
    })
    .map_err(dialog_failed)?;
    let chosen = answered.await.map_err(dialog_failed)?;
    Ok(match purpose {
        Purpose::Save => chosen.map(|path| with_default_extension(path, extension)),
        Purpose::Open => chosen,
    })
}

/// The error when GTK could not be asked to show a dialog (the window is closing).
fn dialog_failed(error: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorCode::Internal,
        "Roomlens could not show the file dialog. Try again.",
    )
    .with_detail(error.to_string())
}

/// Builds and shows the chooser; returns at once. Runs on the GTK main thread.
fn present(
    parent: Option<&gtk::ApplicationWindow>,
    request: &FileRequest,
    answer: oneshot::Sender<Option<PathBuf>>,
) {
    let (action, accept) = match request.purpose {
        Purpose::Open => (FileChooserAction::Open, "_Open"),
        Purpose::Save => (FileChooserAction::Save, "_Save"),
    };
    let dialog = FileChooserNative::new(
        Some(request.title),
        parent,
        action,
        Some(accept),
        Some("_Cancel"),
    );
    dialog.set_modal(true);
    dialog.set_local_only(true);
    for filter in request.filters {
        dialog.add_filter(gtk_filter(filter));
    }
    if let Some(folder) = &request.folder {
        dialog.set_current_folder(folder);
    }
    if request.purpose == Purpose::Save {
        dialog.set_do_overwrite_confirmation(true);
        if let Some(name) = &request.suggested_name {
            dialog.set_current_name(name);
        }
    }
    // GTK does not keep a native dialog alive: the handler holds it until the first answer.
    let pending = RefCell::new(Some((dialog.clone(), answer)));
    dialog.connect_response(move |dialog, response| {
        let Some((_alive_until_answered, answer)) = pending.borrow_mut().take() else {
            return;
        };
        let chosen = match response {
            ResponseType::Accept => dialog.filename(),
            _ => None,
        };
        let _ = answer.send(chosen);
        dialog.destroy();
    });
    dialog.show();
}

/// A GTK filter for `filter`. GTK's patterns are case-sensitive, so `csv` becomes `*.[cC][sS][vV]`.
fn gtk_filter(filter: &FileFilter) -> gtk::FileFilter {
    let gtk_filter = gtk::FileFilter::new();
    gtk_filter.set_name(Some(filter.name));
    for extension in filter.extensions {
        gtk_filter.add_pattern(&pattern(extension));
    }
    gtk_filter
}

fn pattern(extension: &str) -> String {
    if extension == "*" {
        return "*".to_owned();
    }
    let mut pattern = String::from("*.");
    for c in extension.chars() {
        let (lower, upper) = (c.to_ascii_lowercase(), c.to_ascii_uppercase());
        if lower == upper {
            pattern.push(c);
        } else {
            pattern.extend(['[', lower, upper, ']']);
        }
    }
    pattern
}

/// GTK saves under exactly the name typed; macOS and Windows add the filter's extension when none
/// was typed. Do the same here, but only when no file has that name already: GTK confirmed an
/// overwrite for the name as typed, never for the other one.
fn with_default_extension(path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_some() {
        return path;
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(extension);
    let extended = path.with_file_name(name);
    if exists(&extended) {
        path
    } else {
        extended
    }
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_patterns_match_either_case() {
        assert_eq!(pattern("csv"), "*.[cC][sS][vV]");
        assert_eq!(pattern("7z"), "*.7[zZ]");
        assert_eq!(pattern("*"), "*");
    }

    #[test]
    fn a_typed_name_without_extension_gets_csv_unless_that_file_exists() {
        let dir = std::env::temp_dir().join(format!("roomlens-ext-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(
            with_default_extension(dir.join("march"), "csv"),
            dir.join("march.csv")
        );
        assert_eq!(
            with_default_extension(dir.join("march.tsv"), "csv"),
            dir.join("march.tsv"),
            "an extension the person typed is kept"
        );
        std::fs::write(dir.join("april.csv"), b"kept").unwrap();
        assert_eq!(
            with_default_extension(dir.join("april"), "csv"),
            dir.join("april"),
            "an existing april.csv is never overwritten without being asked"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
