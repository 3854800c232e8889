//! The system's open and save dialogs, attached to the Roomlens window and shown without ever
//! blocking the main thread, which paints the window and answers the page: GTK's file chooser
//! driven by its own signals on Linux (`gtk_chooser`), rfd's window-modal panels on macOS and
//! Windows (`rfd_panel`). One dialog at a time; the folder last used is offered next.
//! It does not read or write the chosen files.

#[cfg(any(
    target_os = "linux",
    target_os = "dragonfly",
    target_os = "freebsd",
    target_os = "netbsd",
    target_os = "openbsd"
))]
#[path = "gtk_chooser.rs"]
mod platform;

#[cfg(any(target_os = "macos", target_os = "windows"))]
#[path = "rfd_panel.rs"]
mod platform;

use roomlens::Error;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use tauri::{AppHandle, Manager, Runtime};

/// What the dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Open,
    Save,
}

/// A named group of file extensions the dialog offers; `["*"]` means every file.
#[derive(Debug, Clone, Copy)]
pub struct FileFilter {
    pub name: &'static str,
    pub extensions: &'static [&'static str],
}

/// Everything a platform needs to show one dialog.
#[derive(Debug, Clone)]
pub struct FileRequest {
    pub purpose: Purpose,
    pub title: &'static str,
    pub filters: &'static [FileFilter],
    /// The file name offered in a save dialog.
    pub suggested_name: Option<String>,
    /// The folder the dialog opens in.
    pub folder: Option<PathBuf>,
}

const REPORT_FILTERS: &[FileFilter] = &[
    FileFilter {
        name: "Report files",
        extensions: &["csv", "txt", "tsv"],
    },
    FileFilter {
        name: "All files",
        extensions: &["*"],
    },
];

const CSV_FILTERS: &[FileFilter] = &[FileFilter {
    name: "CSV file",
    extensions: &["csv"],
}];

const PNG_FILTERS: &[FileFilter] = &[FileFilter {
    name: "PNG image",
    extensions: &["png"],
}];

const PDF_FILTERS: &[FileFilter] = &[FileFilter {
    name: "PDF document",
    extensions: &["pdf"],
}];
const SVG_FILTERS: &[FileFilter] = &[FileFilter {
    name: "SVG image",
    extensions: &["svg"],
}];

/// What a save dialog saves: its title and file type follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveAs {
    Csv,
    Svg,
    Png,
    Pdf,
}

/// The app's file dialogs: whether one is showing, and the folder last chosen in one.
#[derive(Default)]
pub struct FileDialogs {
    showing: AtomicBool,
    last_folder: Mutex<Option<PathBuf>>,
}

/// Marks a dialog as showing until it is dropped, whichever way the request ends.
struct Showing<'a>(&'a AtomicBool);

impl Drop for Showing<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Release);
    }
}

impl FileDialogs {
    /// Claims the one dialog slot; `None` while another dialog is showing.
    fn claim(&self) -> Option<Showing<'_>> {
        self.showing
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
            .ok()
            .map(|_| Showing(&self.showing))
    }

    /// The folder to open a dialog in: the one last chosen, else the platform's usual place for
    /// the purpose (Downloads to open a report someone downloaded, Documents to save one).
    fn folder_for<R: Runtime>(&self, app: &AppHandle<R>, purpose: Purpose) -> Option<PathBuf> {
        let remembered = crate::mutex::lock(&self.last_folder).clone();
        remembered.filter(|folder| folder.is_dir()).or_else(|| {
            let paths = app.path();
            let usual = match purpose {
                Purpose::Open => paths.download_dir(),
                Purpose::Save => paths.document_dir(),
            };
            usual
                .ok()
                .filter(|folder| folder.is_dir())
                .or_else(|| paths.home_dir().ok())
        })
    }

    fn remember(&self, chosen: &Path) {
        if let Some(folder) = chosen.parent().filter(|f| !f.as_os_str().is_empty()) {
            *crate::mutex::lock(&self.last_folder) = Some(folder.to_path_buf());
        }
    }

    /// Shows `request` unless a dialog is already showing. `None` when the person cancels, or
    /// when another dialog is still open (that one stays; no second dialog appears).
    async fn ask<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        mut request: FileRequest,
    ) -> Result<Option<PathBuf>, Error> {
        let Some(_showing) = self.claim() else {
            return Ok(None);
        };
        request.folder = self.folder_for(app, request.purpose);
        let chosen = platform::show(app, request).await?;
        if let Some(path) = &chosen {
            self.remember(path);
        }
        Ok(chosen)
    }

    /// Asks where to save a file of type `kind`; `None` when the person cancels.
    pub async fn choose_save_path<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        suggested_name: String,
        kind: SaveAs,
    ) -> Result<Option<PathBuf>, Error> {
        let (title, filters) = match kind {
            SaveAs::Csv => ("Save report as CSV", CSV_FILTERS),
            SaveAs::Svg => ("Save chart as SVG", SVG_FILTERS),
            SaveAs::Png => ("Save chart as PNG", PNG_FILTERS),
            SaveAs::Pdf => ("Save report as PDF", PDF_FILTERS),
        };
        let request = FileRequest {
            purpose: Purpose::Save,
            title,
            filters,
            suggested_name: Some(suggested_name),
            folder: None,
        };
        self.ask(app, request).await
    }

    /// Asks which report file to open; `None` when the person cancels.
    pub async fn choose_open_path<R: Runtime>(
        &self,
        app: &AppHandle<R>,
    ) -> Result<Option<PathBuf>, Error> {
        let request = FileRequest {
            purpose: Purpose::Open,
            title: "Open a room report",
            filters: REPORT_FILTERS,
            suggested_name: None,
            folder: None,
        };
        self.ask(app, request).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_dialog_at_a_time_and_the_slot_frees_whichever_way_it_ends() {
        let dialogs = FileDialogs::default();
        let first = dialogs.claim().expect("the first dialog may show");
        assert!(
            dialogs.claim().is_none(),
            "a second dialog is refused while one shows"
        );
        drop(first);
        assert!(dialogs.claim().is_some(), "the slot is free again");
    }

    #[test]
    fn the_folder_of_a_chosen_file_is_remembered() {
        let dialogs = FileDialogs::default();
        dialogs.remember(Path::new("relative.csv"));
        assert_eq!(*crate::mutex::lock(&dialogs.last_folder), None);
        let folder = std::env::temp_dir();
        dialogs.remember(&folder.join("report.csv"));
        assert_eq!(*crate::mutex::lock(&dialogs.last_folder), Some(folder));
    }
}
