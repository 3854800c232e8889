//! One page of a report's table, sorted and searched (the desktop command `query_rows`). A
//! `TableIndex` belongs to one report and remembers the last sort order, search result and their
//! combination, so scrolling (same sort and search, another offset) costs only the page itself.
//! It does not fetch or read reports, and it does not know the report's id (the caller adds it).

use super::cell::row_values;
use super::columns::{columns_of, ColumnInfo, ColumnType};
use super::order::sorted_rows;
use super::search::{matching_rows, needle};
use super::CellValue;
use crate::cancel::CancelToken;
use crate::error::{Error, ErrorCode};
use crate::reports::{ReportKind, ReportRows};
use serde::Serialize;
use std::sync::{Arc, Mutex, MutexGuard};

pub use super::order::SortDirection;

/// The most rows one page holds; larger limits are cut to it.
pub const MAX_PAGE_ROWS: usize = 1000;

/// A page of rows: the `query_rows` command's `RowsPage` (src-tauri/src/commands/reports.rs)
/// without `report_id`.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct RowsPageBody {
    /// Rows in the report.
    pub total: usize,
    /// Rows the search matches (`total` without a search).
    pub matched: usize,
    /// The offset asked for, within the matched rows in the current order.
    pub offset: usize,
    /// Each row aligned with `columns(report)`.
    pub rows: Vec<Vec<CellValue>>,
}

/// A sort and search over one report, with the results of the last ones kept.
#[derive(Debug, Default)]
pub struct TableIndex {
    state: Mutex<IndexState>,
}

/// A sort: column index and direction.
type SortChoice = (usize, SortDirection);

/// Row positions in the order shown; `None` means every row in report order.
type RowList = Option<Arc<Vec<usize>>>;

/// What a view is of: the sort and the folded search needle.
type ViewKey = (Option<SortChoice>, Option<String>);

#[derive(Debug, Default)]
struct IndexState {
    /// What the state was built for: kind, row count and extra column headers.
    report_shape: Option<(ReportKind, usize, Vec<String>)>,
    columns: Vec<ColumnInfo>,
    searchable: Vec<usize>,
    last_sort: Option<(SortChoice, Arc<Vec<usize>>)>,
    last_search: Option<(String, Arc<Vec<usize>>)>,
    last_view: Option<(ViewKey, RowList)>,
}

impl IndexState {
    /// Forgets everything when `report` is not the one the state was built for.
    fn fit(&mut self, report: &dyn ReportRows) {
        let fits = matches!(&self.report_shape, Some((kind, len, extra))
            if *kind == report.kind() && *len == report.len() && extra.as_slice() == report.extra_columns());
        if !fits {
            let columns = columns_of(report.kind(), report.extra_columns());
            *self = IndexState {
                report_shape: Some((report.kind(), report.len(), report.extra_columns().to_vec())),
                searchable: columns
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.searchable)
                    .map(|(i, _)| i)
                    .collect(),
                columns,
                ..IndexState::default()
            };
        }
    }

    fn order(
        &mut self,
        report: &dyn ReportRows,
        sort: SortChoice,
    ) -> Result<Arc<Vec<usize>>, Error> {
        if let Some((last, rows)) = &self.last_sort {
            if *last == sort {
                return Ok(Arc::clone(rows));
            }
        }
        let text = self
            .columns
            .get(sort.0)
            .is_some_and(|c| c.column_type == ColumnType::Text);
        let cancel = CancelToken::new();
        let rows = Arc::new(sorted_rows(report, sort.0, text, sort.1, &cancel)?);
        self.last_sort = Some((sort, Arc::clone(&rows)));
        Ok(rows)
    }

    fn matches(&mut self, report: &dyn ReportRows, needle: &str) -> Result<Arc<Vec<usize>>, Error> {
        if let Some((last, rows)) = &self.last_search {
            if last == needle {
                return Ok(Arc::clone(rows));
            }
        }
        let cancel = CancelToken::new();
        let rows = Arc::new(matching_rows(report, &self.searchable, needle, &cancel)?);
        self.last_search = Some((needle.to_owned(), Arc::clone(&rows)));
        Ok(rows)
    }

    fn view(
        &mut self,
        report: &dyn ReportRows,
        sort: Option<SortChoice>,
        needle: Option<String>,
    ) -> Result<RowList, Error> {
        if let Some((key, rows)) = &self.last_view {
            if key.0 == sort && key.1 == needle {
                return Ok(rows.clone());
            }
        }
        let rows = match (sort, &needle) {
            (None, None) => None,
            (Some(sort), None) => Some(self.order(report, sort)?),
            (None, Some(needle)) => Some(self.matches(report, needle)?),
            (Some(sort), Some(needle)) => {
                let matched = self.matches(report, needle)?;
                let mut keep = vec![false; report.len()];
                for &row in matched.iter() {
                    if let Some(k) = keep.get_mut(row) {
                        *k = true;
                    }
                }
                let order = self.order(report, sort)?;
                Some(Arc::new(
                    order
                        .iter()
                        .copied()
                        .filter(|&row| keep.get(row).copied().unwrap_or(false))
                        .collect(),
                ))
            }
        };
        self.last_view = Some(((sort, needle), rows.clone()));
        Ok(rows)
    }
}

impl TableIndex {
    /// An index for `report`; it computes nothing until the first query.
    pub fn new(report: &dyn ReportRows) -> Self {
        let mut state = IndexState::default();
        state.fit(report);
        TableIndex {
            state: Mutex::new(state),
        }
    }

    fn lock(&self) -> MutexGuard<'_, IndexState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The positions (in report order) of the rows `search` matches; `None` when the search is
    /// too short to apply and every row counts. Shares the query's kept search result.
    pub fn matching_rows(
        &self,
        report: &dyn ReportRows,
        search: &str,
    ) -> Result<Option<Arc<Vec<usize>>>, Error> {
        let Some(needle) = needle(search) else {
            return Ok(None);
        };
        let mut state = self.lock();
        state.fit(report);
        state.matches(report, &needle).map(Some)
    }

    /// Rows `offset..offset + limit` (limit cut to `MAX_PAGE_ROWS`) of `report` sorted by
    /// `sort` (a column key and direction; `None` keeps report order) among the rows `search`
    /// matches (fewer than `MIN_SEARCH_CHARS` characters after trimming match every row). An
    /// offset past the end gives no rows. `report` must be the report the index was made for;
    /// given another one, the index starts afresh.
    pub fn query(
        &self,
        report: &dyn ReportRows,
        sort: Option<(&str, SortDirection)>,
        search: &str,
        offset: usize,
        limit: usize,
    ) -> Result<RowsPageBody, Error> {
        let mut state = self.lock();
        state.fit(report);
        let sort = match sort {
            None => None,
            Some((key, direction)) => match state.columns.iter().position(|c| c.key == key) {
                Some(column) => Some((column, direction)),
                None => return Err(unknown_column(key)),
            },
        };
        let rows = state.view(report, sort, needle(search))?;
        let every_column: Vec<usize> = (0..state.columns.len()).collect();
        drop(state);
        let matched = rows.as_ref().map_or(report.len(), |r| r.len());
        let end = offset.saturating_add(limit.min(MAX_PAGE_ROWS)).min(matched);
        let page: Vec<usize> = match &rows {
            Some(rows) => rows.get(offset..end).unwrap_or(&[]).to_vec(),
            None => (offset..end).collect(),
        };
        let picked = report.rows_at(&page)?;
        Ok(RowsPageBody {
            total: report.len(),
            matched,
            offset,
            rows: (0..picked.len())
                .map(|row| row_values(&picked, row, &every_column))
                .collect(),
        })
    }
}

fn unknown_column(key: &str) -> Error {
    let shown: String = key.chars().take(60).collect();
    Error::new(
        ErrorCode::InvalidInput,
        format!("This report has no column called \u{201c}{shown}\u{201d}. Sort by one of the columns shown."),
    )
}
