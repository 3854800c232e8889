//! Writing a file so that readers see either the old file or the complete new one: the bytes go
//! to a temporary file beside the target, are flushed to disk, the temporary is renamed over the
//! target, and the folder is synced so the rename survives a power cut. On any failure the
//! temporary is removed; temporaries a killed run left behind are removed later. It does not
//! create missing folders.

use crate::error::{Error, ErrorCode};
use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// What every temporary file's name carries after the target's name.
const TEMP_MARK: &str = ".tmp-roomlens-";
/// A temporary this old belongs to no write still running: one that was killed left it.
const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

/// A file being written. Nothing appears at `target` until `commit`; dropping it without
/// committing removes the temporary file.
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    writer: Option<BufWriter<File>>,
}

impl AtomicFile {
    pub fn create(target: &Path) -> Result<Self, Error> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .ok_or_else(|| write_error(target, "the path names a folder, not a file"))?;
        let mut suffix = [0u8; 6];
        getrandom::fill(&mut suffix).map_err(|e| write_error(target, &e.to_string()))?;
        let suffix: String = suffix.iter().map(|b| format!("{b:02x}")).collect();
        let prefix = format!(".{}{TEMP_MARK}", name.to_string_lossy());
        remove_stale_temps_in(&dir, Some(&prefix));
        let temp = dir.join(format!("{prefix}{suffix}"));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(|e| write_error(target, &e.to_string()))?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            writer: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// Flushes, syncs and renames the temporary file over the target.
    pub fn commit(mut self) -> Result<(), Error> {
        let target = self.target.clone();
        let writer = self
            .writer
            .take()
            .ok_or_else(|| write_error(&target, "already closed"))?;
        let file = writer
            .into_inner()
            .map_err(|e| write_error(&target, &e.error().to_string()))?;
        file.sync_all()
            .map_err(|e| write_error(&target, &e.to_string()))?;
        drop(file);
        fs::rename(&self.temp, &self.target).map_err(|e| write_error(&target, &e.to_string()))?;
        sync_folder_of(&self.target);
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.writer.as_mut() {
            Some(w) => w.write(buf),
            None => Err(std::io::Error::other("file already closed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.writer.as_mut() {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

/// Makes the rename into `target`'s folder durable. Folders cannot be opened for syncing on
/// Windows (NTFS journals the rename) and some file systems refuse; the file itself is already
/// synced, so a refusal is not an error.
fn sync_folder_of(target: &Path) {
    if cfg!(unix) {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if let Ok(folder) = File::open(dir) {
            let _ = folder.sync_all();
        }
    }
}

/// Removes the temporary files a killed run left in `dir` (older than ten minutes, so a write
/// still running in another Roomlens is never touched). Returns how many were removed.
pub fn remove_stale_temps(dir: &Path) -> usize {
    remove_stale_temps_in(dir, None)
}

/// `remove_stale_temps`, limited to the temporaries of one target when `prefix` is given.
fn remove_stale_temps_in(dir: &Path, prefix: Option<&str>) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = match prefix {
            Some(prefix) => name.starts_with(prefix),
            None => name.starts_with('.') && name.contains(TEMP_MARK),
        };
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if ours
            && stale
            && entry.file_type().is_ok_and(|t| t.is_file())
            && fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// Writes `bytes` to `target` atomically.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut f = AtomicFile::create(target)?;
    f.write_all(bytes)
        .map_err(|e| write_error(target, &e.to_string()))?;
    f.commit()
}

pub(crate) fn write_error(target: &Path, why: &str) -> Error {
    Error::new(
        ErrorCode::FileWriteFailed,
        format!(
            "Roomlens could not save {}. Check that the folder exists and that you may write to it.",
            target.display()
        ),
    )
    .with_detail(why.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir() -> PathBuf {
        let mut r = [0u8; 8];
        getrandom::fill(&mut r).unwrap();
        let d = std::env::temp_dir().join(format!("roomlens-atomic-{}", u64::from_le_bytes(r)));
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn dropped_without_commit_leaves_nothing() {
        let d = temp_dir();
        let target = d.join("out.csv");
        {
            let mut f = AtomicFile::create(&target).unwrap();
            f.write_all(b"half").unwrap();
        }
        assert_eq!(fs::read_dir(&d).unwrap().count(), 0);
        fs::remove_dir_all(d).unwrap();
    }

    #[test]
    fn commit_replaces_existing_file() {
        let d = temp_dir();
        let target = d.join("out.csv");
        fs::write(&target, b"old").unwrap();
        write_atomically(&target, b"new").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"new");
        assert_eq!(fs::read_dir(&d).unwrap().count(), 1);
        fs::remove_dir_all(d).unwrap();
    }

    #[test]
    fn temporaries_a_killed_run_left_are_removed_and_fresh_ones_kept() {
        let d = temp_dir();
        let old = SystemTime::now() - Duration::from_secs(3600);
        let stale = d.join(".out.csv.tmp-roomlens-0a0b0c");
        let stale_other = d.join(".accounts.json.tmp-roomlens-0d0e0f");
        let fresh = d.join(".out.csv.tmp-roomlens-101112");
        let unrelated = d.join(".hidden-notes");
        for path in [&stale, &stale_other, &fresh, &unrelated] {
            fs::write(path, b"x").unwrap();
        }
        for path in [&stale, &stale_other, &unrelated] {
            File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
        // Writing out.csv clears its own stale temporaries only.
        write_atomically(&d.join("out.csv"), b"new").unwrap();
        assert!(!stale.exists());
        assert!(stale_other.exists() && fresh.exists() && unrelated.exists());
        // At start, every stale temporary of the folder goes.
        assert_eq!(remove_stale_temps(&d), 1);
        assert!(!stale_other.exists());
        assert!(
            fresh.exists(),
            "a write still running elsewhere is left alone"
        );
        assert!(
            unrelated.exists(),
            "files Roomlens did not make are left alone"
        );
        fs::remove_dir_all(d).unwrap();
    }

    #[test]
    fn missing_folder_is_a_clear_error() {
        let e = write_atomically(Path::new("/nonexistent-roomlens-dir/x.csv"), b"x").unwrap_err();
        assert_eq!(e.code, ErrorCode::FileWriteFailed);
    }
}
