//! The rows the Library screen's rollups count, read from the library once and kept in memory
//! until the library changes (a report kept or deleted here or by another Roomlens process — told
//! by the list of snapshots), so a search or a new range answers at once. It computes no rollup;
//! the core does, over these rows.

use crate::app_library::AppLibrary;
use crate::mutex::lock;
use roomlens::analytics::breakout_rollups::KeptBreakout;
use roomlens::analytics::rollups::{KeptAttendances, KeptSession};
use roomlens::cancel::CancelToken;
use roomlens::Error;
use std::sync::{Arc, Mutex};

/// Every kept session, attendance and breakout room session once.
pub struct KeptRows {
    pub sessions: Vec<KeptSession>,
    /// Each distinct text stored once (about 72 bytes a row).
    pub attendances: KeptAttendances,
    pub breakouts: Vec<KeptBreakout>,
}

/// What the library held when the rows were read: each snapshot's ID, time kept and row count.
type Stamp = Vec<(i64, i64, u64)>;

#[derive(Default)]
pub struct KeptRowsCache {
    kept: Mutex<Option<(Stamp, Arc<KeptRows>)>>,
}

impl KeptRowsCache {
    /// The kept rows, read again only when the library changed since the last read. Blocks: call
    /// off the main thread.
    pub fn rows(&self, library: &AppLibrary, cancel: &CancelToken) -> Result<Arc<KeptRows>, Error> {
        let stamp: Stamp = library.with(|l| {
            Ok(l.snapshots()?
                .into_iter()
                .map(|s| (s.id, s.saved_at, s.row_count))
                .collect())
        })?;
        let mut kept = lock(&self.kept);
        if let Some((held, rows)) = kept.as_ref() {
            if *held == stamp {
                return Ok(Arc::clone(rows));
            }
        }
        let rows = library.with(|l| {
            Ok(KeptRows {
                sessions: l.kept_sessions(cancel)?,
                attendances: l.kept_attendances(cancel)?,
                breakouts: l.kept_breakouts(cancel)?,
            })
        })?;
        let rows = Arc::new(rows);
        *kept = Some((stamp, Arc::clone(&rows)));
        Ok(rows)
    }
}
