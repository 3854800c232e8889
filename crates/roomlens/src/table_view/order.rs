//! The order of a report's rows when sorted by one column: numbers numerically, text
//! case-insensitively (Unicode lower case), missing values (no number, empty text) last in both
//! directions, equal values in report order. It returns row positions; it does not page or search.

use super::cell::{cell, CellRef};
use crate::reports::Report;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortDirection {
    Asc,
    Desc,
}

/// What a row is sorted by; `Missing` sorts last whatever the direction.
enum SortKey<'a> {
    Text(Cow<'a, str>),
    Whole(i64),
    Count(u64),
    Decimal(f64),
    Missing,
}

fn sort_key(cell: Option<CellRef<'_>>) -> SortKey<'_> {
    match cell {
        Some(CellRef::Text(text)) if !text.is_empty() => SortKey::Text(folded(text)),
        Some(CellRef::Whole(Some(n))) => SortKey::Whole(n),
        Some(CellRef::Count(Some(n))) => SortKey::Count(n),
        Some(CellRef::Decimal(Some(x))) if !x.is_nan() => SortKey::Decimal(x),
        _ => SortKey::Missing,
    }
}

/// `text` in lower case, borrowed when it already is (most IDs and e-mails).
pub(crate) fn folded(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        }
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// Compares two present values of one column; values of different kinds (which one column
/// never holds) are equal.
fn compare_values(a: &SortKey<'_>, b: &SortKey<'_>) -> Ordering {
    match (a, b) {
        (SortKey::Text(x), SortKey::Text(y)) => x.cmp(y),
        (SortKey::Whole(x), SortKey::Whole(y)) => x.cmp(y),
        (SortKey::Count(x), SortKey::Count(y)) => x.cmp(y),
        (SortKey::Decimal(x), SortKey::Decimal(y)) => x.total_cmp(y),
        _ => Ordering::Equal,
    }
}

/// Row positions of `report` ordered by `column` (an index into `columns::columns(report)`).
pub(crate) fn sorted_rows(report: &Report, column: usize, direction: SortDirection) -> Vec<usize> {
    let mut keyed: Vec<(SortKey<'_>, usize)> =
        (0..report.len()).map(|row| (sort_key(cell(report, row, column)), row)).collect();
    keyed.sort_unstable_by(|(a, row_a), (b, row_b)| {
        let by_value = match (a, b) {
            (SortKey::Missing, SortKey::Missing) => Ordering::Equal,
            (SortKey::Missing, _) => Ordering::Greater,
            (_, SortKey::Missing) => Ordering::Less,
            _ => match direction {
                SortDirection::Asc => compare_values(a, b),
                SortDirection::Desc => compare_values(b, a),
            },
        };
        by_value.then(row_a.cmp(row_b))
    });
    keyed.into_iter().map(|(_, row)| row).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::AttendeeRow;

    fn report(names: &[&str], minutes: &[Option<f64>]) -> Report {
        let rows = names
            .iter()
            .zip(minutes)
            .map(|(n, m)| AttendeeRow { user_name: (*n).into(), meeting_view_time: *m, ..Default::default() })
            .collect();
        Report::Attendees { rows, extra_columns: vec![] }
    }

    #[test]
    fn text_is_case_insensitive_with_ties_in_report_order_and_empty_last() {
        let r = report(&["bob", "", "Émile", "ALICE", "Bob", "émile", "alice"], &[None; 7]);
        assert_eq!(sorted_rows(&r, 3, SortDirection::Asc), vec![3, 6, 0, 4, 2, 5, 1]);
        assert_eq!(sorted_rows(&r, 3, SortDirection::Desc), vec![2, 5, 0, 4, 3, 6, 1]);
    }

    #[test]
    fn numbers_sort_numerically_with_missing_last_both_ways() {
        let r = report(&["a"; 5], &[Some(10.0), None, Some(9.5), Some(100.0), Some(9.5)]);
        assert_eq!(sorted_rows(&r, 6, SortDirection::Asc), vec![2, 4, 0, 3, 1]);
        assert_eq!(sorted_rows(&r, 6, SortDirection::Desc), vec![3, 0, 2, 4, 1]);
    }

    #[test]
    fn folding_borrows_lower_case_ascii() {
        assert!(matches!(folded("abc@x.org"), Cow::Borrowed(_)));
        assert_eq!(folded("ABC"), "abc");
        assert_eq!(folded("ÄÖÜ Straße"), "äöü straße");
    }
}
