//! Finding one cell of a report by row and column, borrowed (`CellRef`) for sorting and searching
//! or owned (`CellValue`) for the page. It does not decide order or matching; `order` and `search`
//! do. The two cell types themselves are `cell_value`'s.

use super::cell_value::{CellRef, CellValue};
use crate::reports::schema::Value;
use crate::reports::{Report, ReportRow};

/// The cell of `row` in `column` (an index into `columns::columns(report)`); `None` when either
/// is out of range.
pub(crate) fn cell(report: &Report, row: usize, column: usize) -> Option<CellRef<'_>> {
    fn read<R: ReportRow>(rows: &[R], row: usize, column: usize) -> Option<CellRef<'_>> {
        let r = rows.get(row)?;
        match R::VALUES.get(column) {
            Some(value) => Some(cell_of(value, r)),
            None => r
                .extra()
                .get(column - R::VALUES.len())
                .map(|s| CellRef::Text(s)),
        }
    }
    match report {
        Report::RoomData { rows, .. } => read(rows, row, column),
        Report::Attendees { rows, .. } => read(rows, row, column),
        Report::Breakouts { rows, .. } => read(rows, row, column),
    }
}

/// The value of one known column of `row`.
pub(crate) fn cell_of<'r, R: ReportRow>(value: &Value<R>, row: &'r R) -> CellRef<'r> {
    match value {
        Value::Text(get, _) => CellRef::Text(get(row)),
        Value::Whole(get, _) => CellRef::Whole(get(row)),
        Value::Count(get, _) => CellRef::Count(get(row)),
        Value::Decimal(get, _) => CellRef::Decimal(get(row)),
    }
}

/// The cells of `row` in `columns`, owned; a column the row lacks (a short `extra`) is `Missing`.
pub(crate) fn row_values(report: &Report, row: usize, columns: &[usize]) -> Vec<CellValue> {
    columns
        .iter()
        .map(|&c| cell(report, row, c).map_or(CellValue::Missing, CellRef::to_value))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::{BreakoutRow, ReportKind, RoomDataRow};
    use crate::table_view::columns::{columns, ColumnType};

    #[test]
    fn cells_serialize_as_string_number_or_null() {
        let values = vec![
            CellValue::Text("=1+1 <b>".into()),
            CellValue::Whole(-5),
            CellValue::Count(u64::MAX),
            CellValue::Decimal(0.25),
            CellValue::Decimal(f64::NAN),
            CellValue::Missing,
        ];
        assert_eq!(
            serde_json::to_string(&values).unwrap(),
            r#"["=1+1 <b>",-5,18446744073709551615,0.25,null,null]"#
        );
    }

    /// Every known column reads the cell variant its declared type promises.
    #[test]
    fn declared_types_match_what_the_cells_hold() {
        let reports = [
            Report::RoomData {
                rows: vec![RoomDataRow::default()],
                extra_columns: vec![],
            },
            Report::Attendees {
                rows: vec![Default::default()],
                extra_columns: vec![],
            },
            Report::Breakouts {
                rows: vec![BreakoutRow::default()],
                extra_columns: vec![],
            },
        ];
        for report in &reports {
            for (i, c) in columns(report).iter().enumerate() {
                let cell = cell(report, 0, i).unwrap();
                let fits = match c.column_type {
                    ColumnType::Text => matches!(cell, CellRef::Text(_)),
                    ColumnType::Time => matches!(cell, CellRef::Whole(_)),
                    ColumnType::Count => matches!(cell, CellRef::Count(_)),
                    ColumnType::Ratio | ColumnType::Minutes | ColumnType::Seconds => {
                        matches!(cell, CellRef::Decimal(_))
                    }
                };
                assert!(fits, "{:?} {}", report.kind(), c.key);
            }
        }
        assert_eq!(cell(&Report::empty(ReportKind::Attendees), 0, 0), None);
    }

    #[test]
    fn reads_the_right_field_and_extras() {
        let row = RoomDataRow {
            entry_name: "Room A".into(),
            session_host_user_id: "host".into(),
            session_end_time: Some(99),
            extra: vec!["x".into()],
            ..Default::default()
        };
        let report = Report::RoomData {
            rows: vec![row],
            extra_columns: vec!["Extra".into(), "Missing".into()],
        };
        assert_eq!(cell(&report, 0, 1), Some(CellRef::Text("Room A")));
        assert_eq!(cell(&report, 0, 5), Some(CellRef::Whole(Some(99))));
        assert_eq!(cell(&report, 0, 6), Some(CellRef::Text("host")));
        assert_eq!(cell(&report, 0, 9), Some(CellRef::Text("x")));
        assert_eq!(
            row_values(&report, 0, &[9, 10]),
            vec![CellValue::Text("x".into()), CellValue::Missing]
        );
    }
}
