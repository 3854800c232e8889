//! The library: everything fetched or opened, kept in one SQLite file (the SQLite built into
//! Roomlens; WAL, foreign keys on, a busy timeout so two Roomlens processes can share it) for
//! review with no network. `Library::open` creates or migrates the file and refuses, untouched, one
//! that is damaged or from a newer Roomlens. Rollups over the snapshots come later; this keeps them.

mod freed_memory;
mod kept_breakouts;
mod kept_dashboards;
mod kept_report;
mod kept_rows;
mod migrations;
mod report_files;
mod rollups;
mod row_tables;
mod set_aside;
mod snapshots;

pub use kept_dashboards::{DashboardInfo, KeptDashboard, KEPT_DASHBOARD_FORMAT};
pub use kept_report::KeptReport;
#[doc(hidden)]
pub use migrations::migration_sql;
pub use migrations::SCHEMA_VERSION;
pub use report_files::FileKept;
pub use set_aside::set_aside;
pub use snapshots::{Added, SnapshotInfo, SnapshotSource};

use crate::error::{Error, ErrorCode};
use rusqlite::{Connection, ErrorCode as SqlCode, OpenFlags};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The environment variable naming another library file (`--library` on the command line).
pub const LIBRARY_ENV: &str = "ROOMLENS_LIBRARY";

/// The library file's name in the settings folder.
pub const LIBRARY_FILE: &str = "library.sqlite";

/// Where the library is: `$ROOMLENS_LIBRARY` when set, else `library.sqlite` in the settings
/// folder the desktop app and the command line share (`accounts::config_dir`).
pub fn default_path() -> Result<PathBuf, Error> {
    match std::env::var_os(LIBRARY_ENV).filter(|v| !v.is_empty()) {
        Some(path) => Ok(PathBuf::from(path)),
        None => Ok(crate::accounts::config_dir()?.join(LIBRARY_FILE)),
    }
}

/// How long a write waits for another Roomlens process's write to finish.
pub(crate) const BUSY_WAIT: Duration = Duration::from_secs(15);

/// An open library file.
pub struct Library {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library").field("path", &self.path).finish()
    }
}

impl Library {
    /// Opens the library at `path`, creating it (and its folder) when missing and bringing an
    /// older one up to date. A damaged file or one from a newer Roomlens is left exactly as it is.
    pub fn open(path: &Path) -> Result<Library, Error> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|e| {
                Error::new(
                    ErrorCode::FileWriteFailed,
                    format!(
                        "Roomlens could not make the library's folder {}.",
                        folder.display()
                    ),
                )
                .with_detail(e.to_string())
            })?;
        }
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| sql_error(&e))?;
        conn.busy_timeout(BUSY_WAIT).map_err(|e| sql_error(&e))?;
        // Reading the version is the first read of the file: a file that is not a database fails
        // here, before anything could be written to it.
        let version = migrations::version_of(&conn)?;
        if version > SCHEMA_VERSION {
            return Err(migrations::too_new(version));
        }
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(|e| sql_error(&e))?;
        wal_mode(&conn)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| sql_error(&e))?;
        migrations::migrate(&mut conn)?;
        Ok(Library {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The file the library is kept in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Bytes the library takes on disk: its file and SQLite's write-ahead log beside it.
    pub fn disk_bytes(&self) -> u64 {
        let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        size(&self.path) + size(Path::new(&wal))
    }
}

/// Turns on the write-ahead log (readers and one writer at once). Switching needs the file to
/// itself for a moment, and SQLite does not wait for that on its own: another Roomlens opening the
/// library at the same instant is waited for here, up to `BUSY_WAIT`.
fn wal_mode(conn: &Connection) -> Result<(), Error> {
    let started = std::time::Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Ok(()) => return Ok(()),
            Err(e)
                if e.sqlite_error_code() == Some(SqlCode::DatabaseBusy)
                    && started.elapsed() < BUSY_WAIT =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => return Err(sql_error(&e)),
        }
    }
}

/// The SHA-256 of a file's bytes, lowercase hex: how the library knows a file it has kept.
pub fn file_sha256(path: &Path) -> Result<String, Error> {
    let unreadable = |e: std::io::Error| {
        Error::new(
            ErrorCode::FileUnreadable,
            format!("Roomlens could not read {}.", path.display()),
        )
        .with_detail(e.to_string())
    };
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buffer).map_err(unreadable)?;
        if n == 0 {
            break;
        }
        hasher.update(buffer.get(..n).unwrap_or_default());
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// SQLite's error as Roomlens's: damage, a busy file and a full disk in plain words.
/// What the library holds that Roomlens did not write (`detail` says what and where).
pub(crate) fn damaged(detail: String) -> Error {
    Error::new(
        ErrorCode::LibraryDamaged,
        "The library holds something Roomlens did not write. It has been left as it is.",
    )
    .with_detail(detail)
}

pub(crate) fn sql_error(error: &rusqlite::Error) -> Error {
    let code = error.sqlite_error_code();
    let (code, message) = match code {
        Some(SqlCode::NotADatabase | SqlCode::DatabaseCorrupt) => (
            ErrorCode::LibraryDamaged,
            "The library file is damaged or is not a Roomlens library. It has been left as it is.",
        ),
        Some(SqlCode::DatabaseBusy | SqlCode::DatabaseLocked) => (
            ErrorCode::LibraryBusy,
            "Another Roomlens is busy with the library. Try again in a moment.",
        ),
        Some(SqlCode::DiskFull) => (
            ErrorCode::FileWriteFailed,
            "The disk is full, so the library could not keep this. Free some space and try again.",
        ),
        Some(SqlCode::CannotOpen | SqlCode::PermissionDenied | SqlCode::ReadOnly) => (
            ErrorCode::FileWriteFailed,
            "Roomlens could not open the library file for writing. Check the folder's permissions.",
        ),
        _ => (ErrorCode::Internal, "Roomlens could not use its library."),
    };
    Error::new(code, message).with_detail(error.to_string())
}
