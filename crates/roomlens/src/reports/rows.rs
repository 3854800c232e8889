//! Typed rows of the three room reports. Text fields are kept as given; numbers that were
//! missing or unreadable are `None` (the reader reports why). Columns the report does not know
//! are kept in `extra`, aligned with `Report::extra_columns`.

use super::kind::ReportKind;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct RoomDataRow {
    pub entry_id: String,
    pub entry_name: String,
    pub parent_entry_id: String,
    pub cue_point_id: String,
    /// Unix seconds.
    pub session_start_time: Option<i64>,
    /// Unix seconds.
    pub session_end_time: Option<i64>,
    pub session_host_user_id: String,
    pub meeting_view_period_unique_users: Option<u64>,
    /// Fraction 0..1.
    pub meeting_engaged_play_time_ratio: Option<f64>,
    pub extra: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct AttendeeRow {
    pub entry_id: String,
    pub cue_point_id: String,
    pub user_id: String,
    pub user_name: String,
    pub user_email: String,
    pub user_type: String,
    /// Minutes (Kava's view-time metrics are minutes).
    pub meeting_view_time: Option<f64>,
    /// Fraction 0..1.
    pub meeting_engaged_play_time_ratio: Option<f64>,
    pub extra: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct BreakoutRow {
    pub parent_entry_id: String,
    pub parent_entry_name: String,
    pub breakout_entry_id: String,
    pub breakout_entry_name: String,
    pub cue_point_id: String,
    pub session_initiator: String,
    /// Unix seconds.
    pub session_start_time: Option<i64>,
    /// Unix seconds.
    pub session_end_time: Option<i64>,
    /// Seconds.
    pub duration: Option<f64>,
    pub participant_count: Option<u64>,
    /// Fraction 0..1.
    pub engagement_rate: Option<f64>,
    pub extra: Vec<String>,
}

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
}
