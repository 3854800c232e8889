//! The reports currently open in the window, each under a fresh number, with the core's table index
//! for sorting, searching and paging. A report's rows are held in memory until it is kept in the
//! library, and from then on read from there a piece at a time (a report opened from the library
//! never comes into memory whole), so memory does not grow with the reports open. Only the newest
//! few stay open, the older ones only while the rows held stay under a budget; a stale number gets
//! a plain error. It does not fetch, read files or write the library.

use crate::mutex::lock;
use roomlens::kaltura::FetchRequest;
use roomlens::library::{KeptReport, SnapshotSource};
use roomlens::report_charts::ReportChart;
use roomlens::reports::{ReadStats, Report, ReportRows};
use roomlens::table_view::{Card, TableIndex};
use roomlens::{Error, ErrorCode};
use serde::Serialize;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// How many reports stay open at once (the one on screen and a few before it).
const KEEP: usize = 3;

/// Rows the open reports may hold in memory together before the older ones are let go (the newest
/// always stays, however large): about 150 MB of rows. Rows read from the library do not count.
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
    /// The rows: a `Report` in memory, or a `KeptReport` once the library holds them.
    rows: Mutex<Arc<dyn ReportRows>>,
    pub index: TableIndex,
    /// The summary cards, once worked out (for a report read from the library, a walk over it).
    cards: Mutex<Option<Vec<Card>>>,
    /// The charts of every row, for a light or a dark page (`dark`), last worked out.
    charts: Mutex<Option<(bool, Vec<ReportChart>)>>,
    pub source: ReportSource,
    pub zone: Option<String>,
    pub read_stats: Option<ReadStats>,
    pub warnings: Vec<String>,
    /// `None` for a report opened from a file.
    pub fetched_with: Option<FetchedWith>,
}

impl LoadedReport {
    /// The report's rows as they are now.
    pub fn rows(&self) -> Arc<dyn ReportRows> {
        Arc::clone(&lock(&self.rows))
    }

    /// How many rows it holds in memory (none once they are read from the library).
    fn rows_held(&self) -> usize {
        self.rows().held().map_or(0, Report::len)
    }

    /// From now on reads its rows from the library's copy `kept`, letting go of those in memory,
    /// when `kept` is the same report (kind, rows and columns; written from these very rows).
    pub fn read_from_library(&self, kept: KeptReport) {
        let mut rows = lock(&self.rows);
        let same = rows.kind() == kept.kind()
            && rows.len() == kept.len()
            && rows.extra_columns() == kept.extra_columns();
        if same {
            *rows = Arc::new(kept);
        }
    }

    /// The summary cards, worked out once.
    pub fn cards(
        &self,
        work: impl FnOnce(&dyn ReportRows) -> Result<Vec<Card>, Error>,
    ) -> Result<Vec<Card>, Error> {
        if let Some(cards) = lock(&self.cards).as_ref() {
            return Ok(cards.clone());
        }
        let cards = work(self.rows().as_ref())?;
        *lock(&self.cards) = Some(cards.clone());
        Ok(cards)
    }

    /// The charts of every row for a `dark` page or not, worked out again only when the page
    /// turns from light to dark or back (a search's charts are not kept).
    pub fn charts_of_every_row(
        &self,
        dark: bool,
        work: impl FnOnce(&dyn ReportRows) -> Result<Vec<ReportChart>, Error>,
    ) -> Result<Vec<ReportChart>, Error> {
        if let Some((was_dark, charts)) = lock(&self.charts).as_ref() {
            if *was_dark == dark {
                return Ok(charts.clone());
            }
        }
        let charts = work(self.rows().as_ref())?;
        *lock(&self.charts) = Some((dark, charts.clone()));
        Ok(charts)
    }
}

#[derive(Default)]
pub struct LoadedReports {
    next_id: AtomicU64,
    open: Mutex<VecDeque<Arc<LoadedReport>>>,
}

impl LoadedReports {
    /// Keeps `report` (held in memory, or a `KeptReport`) and returns it with its new number.
    pub fn insert(
        &self,
        report: Arc<dyn ReportRows>,
        source: ReportSource,
        zone: Option<String>,
        read_stats: Option<ReadStats>,
        warnings: Vec<String>,
        fetched_with: Option<FetchedWith>,
    ) -> Arc<LoadedReport> {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst) + 1;
        let index = TableIndex::new(report.as_ref());
        let loaded = Arc::new(LoadedReport {
            id,
            rows: Mutex::new(report),
            index,
            cards: Mutex::new(None),
            charts: Mutex::new(None),
            source,
            zone,
            read_stats,
            warnings,
            fetched_with,
        });
        let mut open = lock(&self.open);
        open.push_back(Arc::clone(&loaded));
        let mut rows: usize = open.iter().map(|r| r.rows_held()).sum();
        while open.len() > KEEP || (open.len() > 1 && rows > ROWS_KEPT_OPEN) {
            if let Some(oldest) = open.pop_front() {
                rows = rows.saturating_sub(oldest.rows_held());
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
            .insert(
                Arc::new(room_data(rows)),
                source,
                None,
                None,
                Vec::new(),
                None,
            )
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
