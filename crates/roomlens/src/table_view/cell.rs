//! Finding one cell of a report by row and column, borrowed (`CellRef`) for sorting and searching
//! or owned (`CellValue`) for the page. It does not decide order or matching; `order` and `search`
//! do. The two cell types themselves are `cell_value`'s.

use super::cell_value::{CellRef, CellValue};
use super::columns::{Field, ATTENDEE_FIELDS, BREAKOUT_FIELDS, ROOM_DATA_FIELDS};
use crate::reports::Report;

/// The cell of `row` in `column` (an index into `columns::columns(report)`); `None` when either
/// is out of range.
pub(crate) fn cell(report: &Report, row: usize, column: usize) -> Option<CellRef<'_>> {
    fn read<'r, R>(
        rows: &'r [R],
        fields: &[Field<R>],
        extra: fn(&R) -> &[String],
        row: usize,
        column: usize,
    ) -> Option<CellRef<'r>> {
        let r = rows.get(row)?;
        match fields.get(column) {
            Some(f) => Some((f.read)(r)),
            None => extra(r)
                .get(column - fields.len())
                .map(|s| CellRef::Text(s)),
        }
    }
    match report {
        Report::RoomData { rows, .. } => read(rows, ROOM_DATA_FIELDS, |r| &r.extra, row, column),
        Report::Attendees { rows, .. } => read(rows, ATTENDEE_FIELDS, |r| &r.extra, row, column),
        Report::Breakouts { rows, .. } => read(rows, BREAKOUT_FIELDS, |r| &r.extra, row, column),
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
