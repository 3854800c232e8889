//! The order of a report's rows when sorted by one column: numbers numerically, text
//! case-insensitively (Unicode lower case), missing values (no number, empty text) last in both
//! directions, equal values in report order. It returns row positions; it does not page or search.

use super::cell::cell;
use super::cell_value::CellRef;
use crate::analytics::Interner;
use crate::cancel::CancelToken;
use crate::error::Error;
use crate::reports::ReportRows;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SortDirection {
    Asc,
    Desc,
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

/// An order-preserving `u64` for a present number: `a < b` exactly when `key(a) < key(b)`.
fn number_key(cell: Option<CellRef<'_>>) -> Option<u64> {
    match cell? {
        CellRef::Whole(n) => n.map(|n| (n as u64) ^ (1 << 63)),
        CellRef::Count(n) => n,
        CellRef::Decimal(x) => x.filter(|x| !x.is_nan()).map(|x| {
            let bits = x.to_bits();
            if bits >> 63 == 1 {
                !bits
            } else {
                bits | (1 << 63)
            }
        }),
        CellRef::Text(_) => None,
    }
}

/// Row positions of `rows` ordered by `column` (an index into `columns::columns_of`), a text
/// column when `text`. Walks the rows once, reading only that column.
pub(crate) fn sorted_rows(
    rows: &dyn ReportRows,
    column: usize,
    text: bool,
    direction: SortDirection,
    cancel: &CancelToken,
) -> Result<Vec<usize>, Error> {
    let mut missing = Vec::new();
    let mut ordered = if text {
        sorted_text(rows, column, direction, &mut missing, cancel)?
    } else {
        let mut keyed: Vec<(u64, usize)> = Vec::with_capacity(rows.len());
        rows.for_each_piece(Some(&[column]), cancel, &mut |start, piece| {
            for row in 0..piece.len() {
                match number_key(cell(piece, row, column)) {
                    // Descending: inverting the bits reverses the order; ties still go by position.
                    Some(key) => keyed.push((
                        if direction == SortDirection::Desc {
                            !key
                        } else {
                            key
                        },
                        start + row,
                    )),
                    None => missing.push(start + row),
                }
            }
            Ok(())
        })?;
        keyed.sort_unstable();
        keyed.into_iter().map(|(_, row)| row).collect()
    };
    ordered.extend(missing);
    Ok(ordered)
}

/// The rows with text in `column`, ordered; rows with empty text go to `missing` in report order.
/// Each distinct folded text is kept once and ranked, so the rows sort by small numbers (a report
/// repeats its rooms, sessions, people and roles row after row).
fn sorted_text(
    rows: &dyn ReportRows,
    column: usize,
    direction: SortDirection,
    missing: &mut Vec<usize>,
    cancel: &CancelToken,
) -> Result<Vec<usize>, Error> {
    let mut distinct: Interner = Interner::default();
    let mut keyed: Vec<(u32, usize)> = Vec::with_capacity(rows.len());
    rows.for_each_piece(Some(&[column]), cancel, &mut |start, piece| {
        for row in 0..piece.len() {
            match cell(piece, row, column) {
                Some(CellRef::Text(text)) if !text.is_empty() => {
                    keyed.push((distinct.intern(&folded(text)).0, start + row));
                }
                _ => missing.push(start + row),
            }
        }
        Ok(())
    })?;
    // Each distinct text's place in the order, by its number.
    let mut order: Vec<u32> = (0..u32::try_from(distinct.len()).unwrap_or(u32::MAX)).collect();
    order.sort_unstable_by(|&a, &b| {
        let (a, b) = (distinct.text(a), distinct.text(b));
        match direction {
            SortDirection::Asc => a.cmp(b),
            SortDirection::Desc => b.cmp(a),
        }
    });
    let mut rank = vec![0u32; order.len()];
    for (place, &id) in order.iter().enumerate() {
        if let Some(r) = rank.get_mut(id as usize) {
            *r = u32::try_from(place).unwrap_or(u32::MAX);
        }
    }
    for (id, _) in &mut keyed {
        *id = rank.get(*id as usize).copied().unwrap_or(u32::MAX);
    }
    keyed.sort_unstable();
    Ok(keyed.into_iter().map(|(_, row)| row).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::{AttendeeRow, Report};

    fn sorted(r: &Report, column: usize, text: bool, direction: SortDirection) -> Vec<usize> {
        sorted_rows(r, column, text, direction, &CancelToken::new()).unwrap()
    }

    fn report(names: &[&str], minutes: &[Option<f64>]) -> Report {
        let rows = names
            .iter()
            .zip(minutes)
            .map(|(n, m)| AttendeeRow {
                user_name: (*n).into(),
                meeting_view_time: *m,
                ..Default::default()
            })
            .collect();
        Report::Attendees {
            rows,
            extra_columns: vec![],
        }
    }

    #[test]
    fn text_is_case_insensitive_with_ties_in_report_order_and_empty_last() {
        let r = report(
            &["bob", "", "Émile", "ALICE", "Bob", "émile", "alice"],
            &[None; 7],
        );
        assert_eq!(
            sorted(&r, 3, true, SortDirection::Asc),
            vec![3, 6, 0, 4, 2, 5, 1]
        );
        assert_eq!(
            sorted(&r, 3, true, SortDirection::Desc),
            vec![2, 5, 0, 4, 3, 6, 1]
        );
    }

    #[test]
    fn numbers_sort_numerically_with_missing_last_both_ways() {
        let r = report(
            &["a"; 5],
            &[Some(10.0), None, Some(9.5), Some(100.0), Some(9.5)],
        );
        assert_eq!(
            sorted(&r, 6, false, SortDirection::Asc),
            vec![2, 4, 0, 3, 1]
        );
        assert_eq!(
            sorted(&r, 6, false, SortDirection::Desc),
            vec![3, 0, 2, 4, 1]
        );
    }

    #[test]
    fn number_keys_keep_the_order_of_the_numbers() {
        let decimals = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -0.0,
            0.0,
            1e-300,
            0.5,
            2.5,
            1e300,
            f64::INFINITY,
        ];
        let keys: Vec<u64> = decimals
            .iter()
            .map(|&x| number_key(Some(CellRef::Decimal(Some(x)))).unwrap())
            .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
        let wholes = [i64::MIN, -1, 0, 1, i64::MAX];
        let keys: Vec<u64> = wholes
            .iter()
            .map(|&n| number_key(Some(CellRef::Whole(Some(n)))).unwrap())
            .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
        assert_eq!(number_key(Some(CellRef::Decimal(Some(f64::NAN)))), None);
        assert_eq!(number_key(Some(CellRef::Count(None))), None);
        assert_eq!(number_key(None), None);
    }

    #[test]
    fn an_extra_column_missing_from_the_first_row_still_sorts_as_text() {
        let rows = vec![
            AttendeeRow::default(),
            AttendeeRow {
                extra: vec!["b".into()],
                ..Default::default()
            },
            AttendeeRow {
                extra: vec!["A".into()],
                ..Default::default()
            },
        ];
        let r = Report::Attendees {
            rows,
            extra_columns: vec!["Note".into()],
        };
        assert_eq!(sorted(&r, 8, true, SortDirection::Asc), vec![2, 1, 0]);
        assert_eq!(sorted(&r, 8, true, SortDirection::Desc), vec![1, 2, 0]);
    }

    #[test]
    fn folding_borrows_lower_case_ascii() {
        assert!(matches!(folded("abc@x.org"), Cow::Borrowed(_)));
        assert_eq!(folded("ABC"), "abc");
        assert_eq!(folded("ÄÖÜ Straße"), "äöü straße");
    }
}
