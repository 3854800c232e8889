//! Writing a file so that readers see either the old file or the complete new one: the bytes go
//! to a temporary file beside the target, are flushed to disk, and the temporary is renamed over
//! the target. On any failure the temporary is removed. It does not create missing folders.

use crate::error::{Error, ErrorCode};
use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

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
        let temp = dir.join(format!(".{}.tmp-roomlens-{suffix}", name.to_string_lossy()));
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
    fn missing_folder_is_a_clear_error() {
        let e = write_atomically(Path::new("/nonexistent-roomlens-dir/x.csv"), b"x").unwrap_err();
        assert_eq!(e.code, ErrorCode::FileWriteFailed);
    }
}
