//! The reports currently open in the window, each under a fresh number, with the core's table index
//! for sorting, searching and paging. Only the newest few are kept, and the older ones only while
//! all of them together stay under a row budget, so memory stays near that of the largest report
//! open; a stale number gets a plain error. It does not fetch or read files.

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

/// Rows the open reports may hold together before the older ones are let go (the newest always
/// stays, however large): about 150 MB of rows.
const ROWS_KEPT_OPEN: usize = 1_000_000;

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
        let mut rows: usize = open.iter().map(|r| r.report.len()).sum();
        while open.len() > KEEP || (open.len() > 1 && rows > ROWS_KEPT_OPEN) {
            if let Some(oldest) = open.pop_front() {
                rows = rows.saturating_sub(oldest.report.len());
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use roomlens::reports::{ReportKind, RoomDataRow};

    fn room_data(rows: usize) -> Report {
        let mut report = Report::empty(ReportKind::RoomData);
        if let Report::RoomData { rows: r, .. } = &mut report {
            r.resize_with(rows, RoomDataRow::default);
        }
        report
    }

    fn open(reports: &LoadedReports, rows: usize) -> u64 {
        let source = ReportSource::File {
            file_name: "room-data.csv".into(),
        };
        reports
            .insert(room_data(rows), source, None, None, Vec::new(), None)
            .id
    }

    fn open_ids(reports: &LoadedReports) -> Vec<u64> {
        reports.all().iter().map(|r| r.id).collect()
    }

    #[test]
    fn the_newest_three_stay_open_while_they_are_small() {
        let reports = LoadedReports::default();
        let ids: Vec<u64> = (0..5).map(|_| open(&reports, 10)).collect();
        assert_eq!(open_ids(&reports), ids[2..]);
        assert!(reports.get(ids[0]).is_err(), "the oldest is let go");
        assert_eq!(reports.get(ids[4]).map(|r| r.id).ok(), Some(ids[4]));
    }

    #[test]
    fn a_large_report_lets_the_older_ones_go_but_stays_itself() {
        let reports = LoadedReports::default();
        let small = open(&reports, 300_000);
        let middle = open(&reports, 600_000);
        assert_eq!(open_ids(&reports), vec![small, middle]);
        // 300,000 + 600,000 + 200,000 is over the budget: the oldest goes.
        let next = open(&reports, 200_000);
        assert_eq!(open_ids(&reports), vec![middle, next]);
        // Larger than the budget alone: it is still opened, alone.
        let huge = open(&reports, ROWS_KEPT_OPEN + 1);
        assert_eq!(open_ids(&reports), vec![huge]);
    }
}
