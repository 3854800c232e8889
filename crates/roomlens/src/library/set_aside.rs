//! Setting a library file aside so a new one can start: the file (with SQLite's write-ahead log
//! and shared-memory files beside it) is renamed, never deleted or changed, to a name saying when
//! it was set aside. It is what a person chooses when their library is damaged or from a newer
//! Roomlens; it does not open, repair or read the file.

use crate::error::{Error, ErrorCode};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// `path` with `suffix` added to its file name.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Renames the library at `path` (and its `-wal` and `-shm` files) to
/// `library.sqlite.set-aside-YYYYMMDD-HHMMSS`, with a number added when that name is taken; the
/// next `Library::open(path)` starts a new, empty library. Returns where the old one is now.
/// Nothing is renamed when the library file is not there.
pub fn set_aside(path: &Path, at: Timestamp) -> Result<PathBuf, Error> {
    let stamp = at
        .to_zoned(TimeZone::UTC)
        .strftime("%Y%m%d-%H%M%S")
        .to_string();
    let mut aside = with_suffix(path, &format!(".set-aside-{stamp}"));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = with_suffix(path, &format!(".set-aside-{stamp}-{n}"));
    }
    let failed = |e: std::io::Error| {
        Error::new(
            ErrorCode::FileWriteFailed,
            format!(
                "Roomlens could not set the library file {} aside. Check the folder's permissions.",
                path.display()
            ),
        )
        .with_detail(e.to_string())
    };
    if !path.exists() {
        return Err(failed(std::io::Error::from(std::io::ErrorKind::NotFound)));
    }
    // The log and shared memory first: were the main file renamed and these left, SQLite would
    // take them for the new library's.
    for extra in ["-wal", "-shm"] {
        let from = with_suffix(path, extra);
        if from.exists() {
            std::fs::rename(&from, with_suffix(&aside, extra)).map_err(failed)?;
        }
    }
    std::fs::rename(path, &aside).map_err(failed)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_and_its_log_move_aside_untouched_and_names_never_clash() {
        let dir = std::env::temp_dir().join(format!("roomlens-set-aside-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("library.sqlite");
        std::fs::write(&path, b"not a database").unwrap();
        std::fs::write(with_suffix(&path, "-wal"), b"log").unwrap();
        let at = Timestamp::from_second(1_772_445_600).unwrap();
        let first = set_aside(&path, at).unwrap();
        assert_eq!(
            first.file_name().unwrap(),
            "library.sqlite.set-aside-20260302-100000"
        );
        assert_eq!(std::fs::read(&first).unwrap(), b"not a database");
        assert_eq!(std::fs::read(with_suffix(&first, "-wal")).unwrap(), b"log");
        assert!(!path.exists() && !with_suffix(&path, "-wal").exists());
        std::fs::write(&path, b"second").unwrap();
        let second = set_aside(&path, at).unwrap();
        assert_eq!(
            second.file_name().unwrap(),
            "library.sqlite.set-aside-20260302-100000-2"
        );
        assert_eq!(std::fs::read(&second).unwrap(), b"second");
        assert!(set_aside(&path, at).is_err(), "nothing left to set aside");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
