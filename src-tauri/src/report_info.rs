//! `ReportInfo`: what the page needs to show a report it has not seen yet — its kind and title,
//! where it came from, the time zone, its columns, and the read counts and warnings. It is a view
//! of a `LoadedReport`; rows, sorting and summaries come from the core's `table_view`.

use crate::loaded_reports::{LoadedReport, ReportSource};
use roomlens::reports::{ReadStats, ReportKind};
use roomlens::table_view::{columns_of, ColumnInfo};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReportInfo {
    pub report_id: u64,
    pub kind: ReportKind,
    #[ts(type = "string")]
    pub title: &'static str,
    pub source: ReportSource,
    pub zone: Option<String>,
    pub row_count: usize,
    pub columns: Vec<ColumnInfo>,
    pub read_stats: Option<ReadStats>,
    pub warnings: Vec<String>,
}

impl ReportInfo {
    pub fn of(loaded: &LoadedReport) -> ReportInfo {
        let rows = loaded.rows();
        let kind = rows.kind();
        ReportInfo {
            report_id: loaded.id,
            kind,
            title: kind.title(),
            source: loaded.source.clone(),
            zone: loaded.zone.clone(),
            row_count: rows.len(),
            columns: columns_of(kind, rows.extra_columns()),
            read_stats: loaded.read_stats,
            warnings: loaded.warnings.clone(),
        }
    }
}
