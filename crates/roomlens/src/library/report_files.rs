//! Keeping a report file in the library: read it with the core's reader (the report detected from
//! its header), identify it by its bytes' SHA-256, and add it as a snapshot with the reader's
//! warnings — unless the same file is already kept. It does not decide where the library is.

use super::{file_sha256, Added, Library, SnapshotSource};
use crate::cancel::CancelToken;
use crate::error::Error;
use crate::reports::read::read_report_file;
use crate::reports::{ReadStats, ReportKind};
use std::path::Path;

/// What keeping a file did.
#[derive(Debug, Clone, PartialEq)]
pub struct FileKept {
    pub added: Added,
    pub kind: ReportKind,
    pub stats: ReadStats,
}

impl Library {
    /// Reads the report file at `path` and keeps it, saved at `saved_at` (Unix seconds),
    /// telling `progress(rows written, rows)`. A file kept before is not read into the library
    /// again. All or nothing, as `add_snapshot`.
    pub fn add_report_file(
        &mut self,
        path: &Path,
        saved_at: i64,
        progress: &dyn Fn(usize, usize),
        cancel: &CancelToken,
    ) -> Result<FileKept, Error> {
        let sha256 = file_sha256(path)?;
        let outcome = read_report_file(path)?;
        let file_name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let warnings: Vec<String> = outcome.warnings.iter().map(|w| w.to_string()).collect();
        let source = SnapshotSource::File { file_name, sha256 };
        let added = self.add_snapshot(
            &outcome.report,
            &source,
            saved_at,
            &warnings,
            progress,
            cancel,
        )?;
        Ok(FileKept {
            added,
            kind: outcome.report.kind(),
            stats: outcome.stats,
        })
    }
}
