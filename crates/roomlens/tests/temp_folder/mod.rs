//! A temporary folder for the library tests: made empty under the system's temporary folder,
//! named by the test file's area, the test and the process (so test binaries running at once never
//! share one), and removed when dropped. It holds nothing of the library itself.

#![allow(
    dead_code,
    clippy::unwrap_used,
    reason = "shared by several test binaries, each using part of it; a failed step should stop the test"
)]

use std::path::PathBuf;

pub struct Folder(PathBuf);

impl Folder {
    /// An empty `roomlens-{area}-{name}-{process}` folder.
    pub fn new(area: &str, name: &str) -> Folder {
        let dir =
            std::env::temp_dir().join(format!("roomlens-{area}-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Folder(dir)
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// Writes `bytes` as file `name` in the folder; its path.
    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.file(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
