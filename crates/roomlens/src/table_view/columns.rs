//! What the table knows about each column of a report: its raw key, descriptive label, kind of
//! value, whether the search box looks at it, and the accessor that takes its value from a typed
//! row; in the report's column order (`reports::kind`), then the file's extra columns. Finding the
//! cell at a row and column is `cell`'s job; sorting and searching are `order`'s and `search`'s.

use super::cell_value::CellRef;
use crate::reports::{AttendeeRow, BreakoutRow, Report, ReportKind, RoomDataRow};
use serde::Serialize;

/// The kind of value a column holds, as the UI formats it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ColumnType {
    Text,
    /// Unix seconds.
    Time,
    Count,
    /// A fraction 0..1, shown as a percentage.
    Ratio,
    Minutes,
    Seconds,
}

/// One column as the UI receives it, in `ReportInfo` (src-tauri/src/report_info.rs) and drill-downs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ColumnInfo {
    /// Kaltura's raw name, e.g. `user_name`; for an extra column, its header as read.
    pub key: String,
    /// The descriptive name, e.g. "User name".
    pub label: String,
    #[serde(rename = "type")]
    pub column_type: ColumnType,
    /// Right-aligned with tabular figures.
    pub numeric: bool,
    /// Names and e-mails: the search box matches these.
    pub searchable: bool,
}

/// How one known column of a row type is typed, searched and read.
pub(crate) struct Field<R: 'static> {
    pub key: &'static str,
    pub column_type: ColumnType,
    pub searchable: bool,
    pub read: for<'a> fn(&'a R) -> CellRef<'a>,
}

const fn field<R>(
    key: &'static str,
    column_type: ColumnType,
    searchable: bool,
    read: for<'a> fn(&'a R) -> CellRef<'a>,
) -> Field<R> {
    Field {
        key,
        column_type,
        searchable,
        read,
    }
}

use ColumnType::{Count, Minutes, Ratio, Seconds, Text, Time};

/// In the order of `reports::kind::ROOM_DATA_COLUMNS`.
pub(crate) const ROOM_DATA_FIELDS: &[Field<RoomDataRow>] = &[
    field("entry_id", Text, false, |r| CellRef::Text(&r.entry_id)),
    field("entry_name", Text, true, |r| CellRef::Text(&r.entry_name)),
    field("parent_entry_id", Text, false, |r| {
        CellRef::Text(&r.parent_entry_id)
    }),
    field("cue_point_id", Text, false, |r| {
        CellRef::Text(&r.cue_point_id)
    }),
    field("session_start_time", Time, false, |r| {
        CellRef::Whole(r.session_start_time)
    }),
    field("session_end_time", Time, false, |r| {
        CellRef::Whole(r.session_end_time)
    }),
    field("session_host_user_id", Text, true, |r| {
        CellRef::Text(&r.session_host_user_id)
    }),
    field("meeting_view_period_unique_users", Count, false, |r| {
        CellRef::Count(r.meeting_view_period_unique_users)
    }),
    field("meeting_engaged_play_time_ratio", Ratio, false, |r| {
        CellRef::Decimal(r.meeting_engaged_play_time_ratio)
    }),
];

/// In the order of `reports::kind::ATTENDEES_COLUMNS`.
pub(crate) const ATTENDEE_FIELDS: &[Field<AttendeeRow>] = &[
    field("entry_id", Text, false, |r| CellRef::Text(&r.entry_id)),
    field("cue_point_id", Text, false, |r| {
        CellRef::Text(&r.cue_point_id)
    }),
    field("user_id", Text, true, |r| CellRef::Text(&r.user_id)),
    field("user_name", Text, true, |r| CellRef::Text(&r.user_name)),
    field("user_email", Text, true, |r| CellRef::Text(&r.user_email)),
    field("user_type", Text, false, |r| CellRef::Text(&r.user_type)),
    field("meeting_view_time", Minutes, false, |r| {
        CellRef::Decimal(r.meeting_view_time)
    }),
    field("meeting_engaged_play_time_ratio", Ratio, false, |r| {
        CellRef::Decimal(r.meeting_engaged_play_time_ratio)
    }),
];

/// In the order of `reports::kind::BREAKOUTS_COLUMNS`.
pub(crate) const BREAKOUT_FIELDS: &[Field<BreakoutRow>] = &[
    field("parent_entry_id", Text, false, |r| {
        CellRef::Text(&r.parent_entry_id)
    }),
    field("parent_entry_name", Text, true, |r| {
        CellRef::Text(&r.parent_entry_name)
    }),
    field("breakout_entry_id", Text, false, |r| {
        CellRef::Text(&r.breakout_entry_id)
    }),
    field("breakout_entry_name", Text, true, |r| {
        CellRef::Text(&r.breakout_entry_name)
    }),
    field("cue_point_id", Text, false, |r| {
        CellRef::Text(&r.cue_point_id)
    }),
    field("session_initiator", Text, true, |r| {
        CellRef::Text(&r.session_initiator)
    }),
    field("session_start_time", Time, false, |r| {
        CellRef::Whole(r.session_start_time)
    }),
    field("session_end_time", Time, false, |r| {
        CellRef::Whole(r.session_end_time)
    }),
    field("duration", Seconds, false, |r| CellRef::Decimal(r.duration)),
    field("participant_count", Count, false, |r| {
        CellRef::Count(r.participant_count)
    }),
    field("engagement_rate", Ratio, false, |r| {
        CellRef::Decimal(r.engagement_rate)
    }),
];

/// The known columns of `kind`: key, type and whether searchable.
fn known(kind: ReportKind) -> Vec<(&'static str, ColumnType, bool)> {
    fn triples<R>(fields: &[Field<R>]) -> Vec<(&'static str, ColumnType, bool)> {
        fields
            .iter()
            .map(|f| (f.key, f.column_type, f.searchable))
            .collect()
    }
    match kind {
        ReportKind::RoomData => triples(ROOM_DATA_FIELDS),
        ReportKind::Attendees => triples(ATTENDEE_FIELDS),
        ReportKind::Breakouts => triples(BREAKOUT_FIELDS),
    }
}

/// The columns of `report`: its known columns in `reports::kind` order, then its extra columns
/// (text, not searchable), each extra keyed and labelled by its header.
pub fn columns(report: &Report) -> Vec<ColumnInfo> {
    let kind = report.kind();
    let labels = kind.columns();
    let mut out: Vec<ColumnInfo> = known(kind)
        .into_iter()
        .map(|(key, column_type, searchable)| ColumnInfo {
            key: key.to_owned(),
            label: labels
                .iter()
                .find(|c| c.raw == key)
                .map_or(key, |c| c.friendly)
                .to_owned(),
            column_type,
            numeric: column_type != ColumnType::Text,
            searchable,
        })
        .collect();
    out.extend(report.extra_columns().iter().map(|header| ColumnInfo {
        key: header.clone(),
        label: header.clone(),
        column_type: ColumnType::Text,
        numeric: false,
        searchable: false,
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_columns_follow_the_report_kind_order_and_labels() {
        for kind in ReportKind::ALL {
            let cols = columns(&Report::empty(kind));
            let keys: Vec<&str> = cols.iter().map(|c| c.key.as_str()).collect();
            let raw: Vec<&str> = kind.columns().iter().map(|c| c.raw).collect();
            assert_eq!(keys, raw, "{kind:?}");
            for (c, k) in cols.iter().zip(kind.columns()) {
                assert_eq!(c.label, k.friendly);
                assert_eq!(c.numeric, c.column_type != ColumnType::Text);
            }
        }
    }

    #[test]
    fn names_and_emails_are_searchable_and_extras_come_last() {
        let report = Report::Attendees {
            rows: Vec::new(),
            extra_columns: vec!["Country".into()],
        };
        let cols = columns(&report);
        let searchable: Vec<&str> = cols
            .iter()
            .filter(|c| c.searchable)
            .map(|c| c.key.as_str())
            .collect();
        assert_eq!(searchable, ["user_id", "user_name", "user_email"]);
        let last = cols.last().unwrap();
        assert_eq!(
            (last.key.as_str(), last.label.as_str(), last.column_type),
            ("Country", "Country", ColumnType::Text)
        );
        let json = serde_json::to_value(&cols[6]).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"key": "meeting_view_time", "label": "Participation time (minutes)",
                "type": "minutes", "numeric": true, "searchable": false})
        );
        let searchable = |kind| -> Vec<String> {
            columns(&Report::empty(kind))
                .into_iter()
                .filter(|c| c.searchable)
                .map(|c| c.key)
                .collect()
        };
        assert_eq!(
            searchable(ReportKind::RoomData),
            ["entry_name", "session_host_user_id"]
        );
        assert_eq!(
            searchable(ReportKind::Breakouts),
            [
                "parent_entry_name",
                "breakout_entry_name",
                "session_initiator"
            ]
        );
    }
}
