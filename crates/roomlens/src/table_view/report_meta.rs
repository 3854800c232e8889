//! What the page knows about each report before any is loaded, straight from the report tables
//! (`reports::tables`): title, what a row is called, the filters it takes, its columns, the
//! order people read them in, the first sort, which columns name a row's person, and how many
//! letters the search box needs. The page restates none of these. It holds no rows.

use super::columns::{known_columns, ColumnInfo};
use super::order::SortDirection;
use super::search::MIN_SEARCH_CHARS;
use crate::reports::{FilterName, ReportKind};
use serde::{Deserialize, Serialize};

/// A sort as the page asks for it: a column key and a direction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SortArg {
    pub column: String,
    pub direction: SortDirection,
}

/// One report, as the page's report picker, filters and table need it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ReportMeta {
    pub kind: ReportKind,
    /// "Room data".
    pub title: String,
    /// What one row is called: "session", and "sessions" for many.
    pub row_noun: String,
    pub row_noun_plural: String,
    /// The filters the report takes, in the order the page shows them.
    pub filters: Vec<FilterName>,
    /// The known columns, in the report's order (a loaded report adds its extra columns).
    pub columns: Vec<ColumnInfo>,
    /// Column keys shown first, in this order; the rest follow in the report's order.
    pub shown_first: Vec<String>,
    pub default_sort: SortArg,
    /// Column keys naming a row's person, most telling first: the drill-down asks for the
    /// first one with a value. Empty when rows are not about one person.
    pub person: Vec<String>,
    /// Letters the search box needs before it searches.
    #[ts(type = "number")]
    pub search_min: usize,
}

/// Every report, in the order of the page's report picker.
pub fn report_meta() -> Vec<ReportMeta> {
    ReportKind::ALL.iter().map(|&kind| meta_of(kind)).collect()
}

fn meta_of(kind: ReportKind) -> ReportMeta {
    let spec = kind.spec();
    let owned = |names: &[&str]| names.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let (sort_column, descending) = spec.default_sort;
    ReportMeta {
        kind,
        title: spec.title.to_owned(),
        row_noun: spec.row_noun.0.to_owned(),
        row_noun_plural: spec.row_noun.1.to_owned(),
        filters: spec.filters.iter().map(|(name, _)| *name).collect(),
        columns: known_columns(kind),
        shown_first: owned(spec.shown_first),
        default_sort: SortArg {
            column: sort_column.to_owned(),
            direction: if descending {
                SortDirection::Desc
            } else {
                SortDirection::Asc
            },
        },
        person: owned(spec.person),
        search_min: MIN_SEARCH_CHARS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_report_with_the_rules_the_page_used_to_restate() {
        let meta = report_meta();
        let kinds: Vec<ReportKind> = meta.iter().map(|m| m.kind).collect();
        assert_eq!(kinds, ReportKind::ALL);
        let attendees = &meta[1];
        assert_eq!(attendees.title, "Attendees");
        assert_eq!(attendees.person, ["user_id", "user_email", "user_name"]);
        assert_eq!(attendees.search_min, 3);
        assert_eq!(
            attendees.filters,
            [
                FilterName::RoomIds,
                FilterName::UserIds,
                FilterName::SessionIds,
                FilterName::VirtualEventIds
            ]
        );
        assert_eq!(
            serde_json::to_value(&attendees.default_sort).unwrap(),
            serde_json::json!({"column": "meeting_view_time", "direction": "desc"})
        );
        assert_eq!(
            meta[2].filters,
            [FilterName::MainRoomIds, FilterName::VirtualEventIds]
        );
        assert!(meta[0].person.is_empty());
        for m in &meta {
            let keys: Vec<&str> = m.columns.iter().map(|c| c.key.as_str()).collect();
            for key in m.shown_first.iter().chain(&m.person) {
                assert!(keys.contains(&key.as_str()), "{:?} {key}", m.kind);
            }
        }
    }
}
