//! The reports currently open in the window, each under a fresh number, with the core's table index
//! for sorting, searching and paging. Only the newest few are kept so memory stays bounded; a stale
//! number gets a plain error. It does not fetch or read files.

use crate::mutex::lock;
use roomlens::kaltura::FetchRequest;
use roomlens::library::SnapshotSource;
use roomlens::reports::{ReadStats, Report};
use roomlens::table_view::TableIndex;
use roomlens::{Error, ErrorCode};
use serde::Serialize;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// How many reports stay open at once (the one on screen and a few before it).
const KEEP: usize = 3;

/// Where a report came from, as the page's source line says.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReportSource {
    Fetch {
        account_name: String,
        from_unix: i64,
        to_unix: i64,
    },
    File {
        file_name: String,
    },
    /// Opened from the library, where it was kept as `snapshot_id` from `source`.
    Kept {
        snapshot_id: i64,
        source: SnapshotSource,
    },
}

/// What a fetched report was fetched with: the account and the request (for "Send to my e-mail",
/// which asks Kaltura for the same report).
#[derive(Debug, Clone)]
pub struct FetchedWith {
    pub account_id: String,
    pub request: FetchRequest,
}

pub struct LoadedReport {
    pub id: u64,
    pub report: Report,
    pub index: TableIndex,
    pub source: ReportSource,
    pub zone: Option<String>,
    pub read_stats: Option<ReadStats>,
    pub warnings: Vec<String>,
    /// `None` for a report opened from a file.
    pub fetched_with: Option<FetchedWith>,
}

#[derive(Default)]
pub struct LoadedReports {
    next_id: AtomicU64,
    open: Mutex<VecDeque<Arc<LoadedReport>>>,
}

impl LoadedReports {
    /// Keeps `report` and returns it with its new number.
    pub fn insert(
        &self,
        report: Report,
        source: ReportSource,
        zone: Option<String>,
        read_stats: Option<ReadStats>,
        warnings: Vec<String>,
        fetched_with: Option<FetchedWith>,
    ) -> Arc<LoadedReport> {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst) + 1;
        let index = TableIndex::new(&report);
        let loaded = Arc::new(LoadedReport {
            id,
            report,
            index,
            source,
            zone,
            read_stats,
            warnings,
            fetched_with,
        });
        let mut open = lock(&self.open);
        open.push_back(Arc::clone(&loaded));
        while open.len() > KEEP {
            open.pop_front();
        }
        loaded
    }

    /// Every report open now, oldest first.
    pub fn all(&self) -> Vec<Arc<LoadedReport>> {
        lock(&self.open).iter().cloned().collect()
    }

    pub fn get(&self, id: u64) -> Result<Arc<LoadedReport>, Error> {
        lock(&self.open)
            .iter()
            .find(|r| r.id == id)
            .cloned()
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidInput,
                    "This report is no longer open. Fetch it or open the file again.",
                )
            })
    }
}
