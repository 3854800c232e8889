//! The window's library: the SQLite file beside the settings (or where ROOMLENS_LIBRARY says),
//! opened on first use and shared by the commands; what a fetched or opened report is called
//! there; and why the last report could not be kept, for the Library screen to say (a failure
//! never fails the fetch or the open). `library_keeping` keeps reports in it.

use crate::loaded_reports::{LoadedReport, ReportSource};
use crate::mutex::lock;
use jiff::Timestamp;
use roomlens::cancel::CancelToken;
use roomlens::library::{file_sha256, Library, SnapshotSource, LIBRARY_ENV};
use roomlens::Error;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub struct AppLibrary {
    path: PathBuf,
    open: Mutex<Option<Library>>,
    /// Why the last report could not be kept, until one is kept again.
    problem: Mutex<Option<String>>,
}

impl AppLibrary {
    /// The library in `config_dir`, unless ROOMLENS_LIBRARY names another file.
    pub fn in_folder(config_dir: &Path) -> AppLibrary {
        let path = std::env::var_os(LIBRARY_ENV)
            .filter(|v| !v.is_empty())
            .map_or_else(
                || config_dir.join(roomlens::library::LIBRARY_FILE),
                PathBuf::from,
            );
        AppLibrary {
            path,
            open: Mutex::new(None),
            problem: Mutex::new(None),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `work` on the open library, opening it first if needed. Blocks: call off the main
    /// thread.
    pub fn with<T>(&self, work: impl FnOnce(&mut Library) -> Result<T, Error>) -> Result<T, Error> {
        let mut open = lock(&self.open);
        if open.is_none() {
            *open = Some(Library::open(&self.path)?);
        }
        match open.as_mut() {
            Some(library) => work(library),
            None => Err(Error::new(
                roomlens::ErrorCode::Internal,
                "Roomlens could not open its library.",
            )),
        }
    }

    /// Sets the library file aside (renamed, never changed) and starts a new, empty one there;
    /// returns where the old file is now. Blocks: call off the main thread.
    pub fn start_new(&self) -> Result<PathBuf, Error> {
        let mut open = lock(&self.open);
        // Closed first: the file is renamed, and on Windows an open file cannot be.
        *open = None;
        let aside = roomlens::library::set_aside(&self.path, Timestamp::now())?;
        *open = Some(Library::open(&self.path)?);
        *lock(&self.problem) = None;
        Ok(aside)
    }

    /// Why the last report could not be kept, if it could not.
    pub fn problem(&self) -> Option<String> {
        lock(&self.problem).clone()
    }

    /// Keeps `loaded` (with `source`) in the library. Blocks: call off the main thread.
    pub fn keep(&self, loaded: &Arc<LoadedReport>, source: &SnapshotSource) {
        let kept = self.with(|library| {
            library.add_snapshot(
                &loaded.report,
                source,
                Timestamp::now().as_second(),
                &loaded.warnings,
                &|_, _| {},
                &CancelToken::new(),
            )
        });
        match kept {
            Ok(_) => *lock(&self.problem) = None,
            Err(error) => self.note_problem(&error),
        }
    }

    /// Remembers that the last report could not be kept, and why.
    pub fn note_problem(&self, error: &Error) {
        *lock(&self.problem) = Some(format!(
            "The last report could not be kept in the library: {}",
            error.message
        ));
    }
}

/// What the library calls a report the window fetched or opened from `path` (for files).
pub fn snapshot_source(
    loaded: &LoadedReport,
    path: Option<&Path>,
) -> Result<Option<SnapshotSource>, Error> {
    Ok(match (&loaded.source, path) {
        (ReportSource::Fetch { account_name, .. }, _) => loaded
            .fetched_with
            .as_ref()
            .map(|f| SnapshotSource::fetched(account_name, &f.request)),
        (ReportSource::File { file_name }, Some(path)) => Some(SnapshotSource::File {
            file_name: file_name.clone(),
            sha256: file_sha256(path)?,
        }),
        _ => None,
    })
}
