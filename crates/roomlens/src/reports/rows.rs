//! A whole report: the typed rows of one kind (made by the tables in `tables`) and the names of
//! the file's columns the report does not know. Text cells are kept as given; numbers that were
//! missing or unreadable are `None` (the reader reports why). It does not read or write rows.

use super::kind::ReportKind;
use super::tables::{AttendeeRow, BreakoutRow, RoomDataRow};
use serde::Serialize;

/// A whole report of one kind. `extra_columns` names the columns that are not part of the
/// report's known set, in file order; every row's `extra` has one value per name.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Report {
    RoomData {
        rows: Vec<RoomDataRow>,
        extra_columns: Vec<String>,
    },
    Attendees {
        rows: Vec<AttendeeRow>,
        extra_columns: Vec<String>,
    },
    Breakouts {
        rows: Vec<BreakoutRow>,
        extra_columns: Vec<String>,
    },
}

impl Report {
    pub fn empty(kind: ReportKind) -> Self {
        match kind {
            ReportKind::RoomData => Report::RoomData {
                rows: Vec::new(),
                extra_columns: Vec::new(),
            },
            ReportKind::Attendees => Report::Attendees {
                rows: Vec::new(),
                extra_columns: Vec::new(),
            },
            ReportKind::Breakouts => Report::Breakouts {
                rows: Vec::new(),
                extra_columns: Vec::new(),
            },
        }
    }

    pub fn kind(&self) -> ReportKind {
        match self {
            Report::RoomData { .. } => ReportKind::RoomData,
            Report::Attendees { .. } => ReportKind::Attendees,
            Report::Breakouts { .. } => ReportKind::Breakouts,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Report::RoomData { rows, .. } => rows.len(),
            Report::Attendees { rows, .. } => rows.len(),
            Report::Breakouts { rows, .. } => rows.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn extra_columns(&self) -> &[String] {
        match self {
            Report::RoomData { extra_columns, .. }
            | Report::Attendees { extra_columns, .. }
            | Report::Breakouts { extra_columns, .. } => extra_columns,
        }
    }

    pub(crate) fn set_extra_columns(&mut self, names: Vec<String>) {
        match self {
            Report::RoomData { extra_columns, .. }
            | Report::Attendees { extra_columns, .. }
            | Report::Breakouts { extra_columns, .. } => *extra_columns = names,
        }
    }

    /// The rows at `positions` (those past the end skipped), in the order given, with the same
    /// columns. Text cells are shared with this report, not copied.
    pub fn select(&self, positions: &[usize]) -> Report {
        fn pick<R: Clone>(rows: &[R], positions: &[usize]) -> Vec<R> {
            positions
                .iter()
                .filter_map(|&i| rows.get(i).cloned())
                .collect()
        }
        let extra_columns = self.extra_columns().to_vec();
        match self {
            Report::RoomData { rows, .. } => Report::RoomData {
                rows: pick(rows, positions),
                extra_columns,
            },
            Report::Attendees { rows, .. } => Report::Attendees {
                rows: pick(rows, positions),
                extra_columns,
            },
            Report::Breakouts { rows, .. } => Report::Breakouts {
                rows: pick(rows, positions),
                extra_columns,
            },
        }
    }

    /// Adds `other`'s rows after this report's when both are of one kind (rows of another kind
    /// are not added). Keeps this report's extra column names.
    pub(crate) fn append(&mut self, other: &Report) {
        match (self, other) {
            (Report::RoomData { rows, .. }, Report::RoomData { rows: more, .. }) => {
                rows.extend_from_slice(more)
            }
            (Report::Attendees { rows, .. }, Report::Attendees { rows: more, .. }) => {
                rows.extend_from_slice(more)
            }
            (Report::Breakouts { rows, .. }, Report::Breakouts { rows: more, .. }) => {
                rows.extend_from_slice(more)
            }
            _ => {}
        }
    }
}
