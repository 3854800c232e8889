//! The columns of a report as the page receives them: raw key, descriptive label, kind of value,
//! width and whether the search box looks at it; in the order of the report's table
//! (`reports::tables`), then the file's extra columns. Finding the cell at a row and column is
//! `cell`'s job; sorting and searching are `order`'s and `search`'s.

use crate::reports::schema::Flag;
pub use crate::reports::ColumnType;
use crate::reports::{Report, ReportKind};
use serde::Serialize;

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
    /// Long free text (names, e-mails): shown in a wide column.
    pub wide: bool,
    /// Names and e-mails: the search box matches these.
    pub searchable: bool,
}

/// The columns of `report`: its known columns in `reports::kind` order, then its extra columns
/// (text, not searchable), each extra keyed and labelled by its header.
pub fn columns(report: &Report) -> Vec<ColumnInfo> {
    columns_of(report.kind(), report.extra_columns())
}

/// The columns of a report of `kind` with the extra columns `extra`, as `columns` gives them.
pub fn columns_of(kind: ReportKind, extra: &[String]) -> Vec<ColumnInfo> {
    let mut out = known_columns(kind);
    out.extend(extra.iter().map(|header| ColumnInfo {
        key: header.clone(),
        label: header.clone(),
        column_type: ColumnType::Text,
        numeric: false,
        wide: false,
        searchable: false,
    }));
    out
}

/// The known columns of `kind`, as its table gives them.
pub fn known_columns(kind: ReportKind) -> Vec<ColumnInfo> {
    kind.columns()
        .iter()
        .map(|c| ColumnInfo {
            key: c.raw.to_owned(),
            label: c.label.to_owned(),
            column_type: c.column_type,
            numeric: c.column_type != ColumnType::Text,
            wide: c.has(Flag::Wide),
            searchable: c.has(Flag::Searchable),
        })
        .collect()
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
                assert_eq!(c.label, k.label);
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
                "type": "minutes", "numeric": true, "wide": false, "searchable": false})
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
