//! A report's rows in and out of its typed table (`rows_room_data`, `rows_attendees`,
//! `rows_breakouts`), column by column as `reports::tables` declares them, so a new column is one
//! schema line and one migration; extra columns of a file are kept as a JSON array. It does not
//! open transactions or decide what a snapshot is; `snapshots` does.

use super::sql_error;
use crate::cancel::CancelToken;
use crate::error::Error;
use crate::reports::schema::{ReportRow, Value};
use crate::reports::TextPool;
use crate::reports::{ReportKind, Text};
use rusqlite::types::{ToSqlOutput, Value as SqlValue, ValueRef};
use rusqlite::{params_from_iter, Transaction};

/// Rows written between two looks at `cancel` and two progress reports.
pub(crate) const BATCH: usize = 10_000;

/// The table holding `kind`'s rows.
pub(crate) fn table_of(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::RoomData => "rows_room_data",
        ReportKind::Attendees => "rows_attendees",
        ReportKind::Breakouts => "rows_breakouts",
    }
}

fn column_list<R: ReportRow>() -> String {
    R::SPEC
        .columns
        .iter()
        .map(|c| c.raw)
        .chain(std::iter::once("extra"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes `rows` under `snapshot`, telling `done(rows written)` after each batch. Stops with
/// `Cancelled` (the caller's transaction then rolls back).
pub(crate) fn insert_rows<R: ReportRow>(
    tx: &Transaction<'_>,
    snapshot: i64,
    rows: &[R],
    done: &dyn Fn(usize),
    cancel: &CancelToken,
) -> Result<(), Error> {
    let columns = R::SPEC.columns.len();
    let placeholders = (1..=columns + 2)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO {} (snapshot_id, {}) VALUES ({placeholders})",
        table_of(R::SPEC.kind),
        column_list::<R>()
    );
    // Cached: a file is written a batch at a time, each batch one call.
    let mut insert = tx.prepare_cached(&sql).map_err(|e| sql_error(&e))?;
    // Texts are handed to SQLite as they are in the row (SQLite copies them), not copied first.
    let mut values: Vec<ToSqlOutput<'_>> = Vec::with_capacity(columns + 2);
    for (n, row) in rows.iter().enumerate() {
        if n % BATCH == 0 && n > 0 {
            if cancel.is_cancelled() {
                return Err(Error::cancelled());
            }
            done(n);
        }
        values.clear();
        values.push(ToSqlOutput::Owned(SqlValue::Integer(snapshot)));
        for value in R::VALUES {
            values.push(match value {
                Value::Text(get, _) => {
                    ToSqlOutput::Borrowed(ValueRef::Text(get(row).as_str().as_bytes()))
                }
                Value::Whole(get, _) => {
                    ToSqlOutput::Owned(get(row).map_or(SqlValue::Null, SqlValue::Integer))
                }
                Value::Count(get, _) => ToSqlOutput::Owned(get(row).map_or(SqlValue::Null, |c| {
                    SqlValue::Integer(i64::try_from(c).unwrap_or(i64::MAX))
                })),
                Value::Decimal(get, _) => {
                    ToSqlOutput::Owned(get(row).map_or(SqlValue::Null, SqlValue::Real))
                }
            });
        }
        values.push(ToSqlOutput::Owned(if row.extra().is_empty() {
            SqlValue::Null
        } else {
            let extra: Vec<&str> = row.extra().iter().map(Text::as_str).collect();
            SqlValue::Text(serde_json::to_string(&extra).unwrap_or_else(|_| "[]".to_owned()))
        }));
        insert
            .execute(params_from_iter(values.iter()))
            .map_err(|e| sql_error(&e))?;
    }
    done(rows.len());
    Ok(())
}

/// The rows kept under `snapshot`, in the order they were written; texts shared as a report
/// read from a file shares them.
pub(crate) fn read_rows<R: ReportRow>(
    conn: &rusqlite::Connection,
    snapshot: i64,
    cancel: &CancelToken,
) -> Result<Vec<R>, Error> {
    let sql = format!(
        "SELECT {} FROM {} WHERE snapshot_id = ?1 ORDER BY rowid",
        column_list::<R>(),
        table_of(R::SPEC.kind)
    );
    let mut select = conn.prepare(&sql).map_err(|e| sql_error(&e))?;
    let mut found = select.query([snapshot]).map_err(|e| sql_error(&e))?;
    let every = RowReading::every::<R>();
    let mut pool = TextPool::default();
    let mut rows = Vec::new();
    while let Some(stored) = found.next().map_err(|e| sql_error(&e))? {
        if rows.len() % BATCH == BATCH - 1 && cancel.is_cancelled() {
            return Err(Error::cancelled());
        }
        rows.push(every.row(stored, &mut pool)?);
    }
    Ok(rows)
}

/// Which of a table's columns a `SELECT` reads, in what order, and how to make rows of them.
pub(crate) struct RowReading {
    /// Positions in `R::VALUES` of the columns read, in the order selected.
    values: Vec<usize>,
    /// Whether the extra columns are read (after the others).
    extra: bool,
}

impl RowReading {
    /// Every column, then the extra ones.
    pub(crate) fn every<R: ReportRow>() -> Self {
        RowReading {
            values: (0..R::VALUES.len()).collect(),
            extra: true,
        }
    }

    /// The columns at `wanted` (positions among the known columns, then the extra ones); every
    /// column when `None`.
    pub(crate) fn only<R: ReportRow>(wanted: Option<&[usize]>) -> Self {
        let Some(wanted) = wanted else {
            return Self::every::<R>();
        };
        let known = R::VALUES.len();
        RowReading {
            values: (0..known).filter(|i| wanted.contains(i)).collect(),
            extra: wanted.iter().any(|&i| i >= known),
        }
    }

    /// The column names to `SELECT`, in the order `row` reads them ("rowid" when none).
    pub(crate) fn select_list<R: ReportRow>(&self) -> String {
        let names: Vec<&str> = self
            .values
            .iter()
            .filter_map(|&i| R::SPEC.columns.get(i).map(|c| c.raw))
            .chain(self.extra.then_some("extra"))
            .collect();
        if names.is_empty() {
            "rowid".to_owned()
        } else {
            names.join(", ")
        }
    }

    /// The row `stored` holds, the columns not read left empty.
    pub(crate) fn row<R: ReportRow>(
        &self,
        stored: &rusqlite::Row<'_>,
        pool: &mut TextPool,
    ) -> Result<R, Error> {
        let mut row = R::default();
        for (i, &v) in self.values.iter().enumerate() {
            let Some(value) = R::VALUES.get(v) else {
                continue;
            };
            match value {
                Value::Text(_, set) => {
                    // Read where SQLite holds it: no copy unless the pool meets it first.
                    let text = match stored.get_ref(i).map_err(|e| sql_error(&e))? {
                        ValueRef::Text(bytes) => std::str::from_utf8(bytes).map_err(|_| {
                            super::damaged(format!("text that is not UTF-8 in column {i}"))
                        })?,
                        _ => "",
                    };
                    set(&mut row, pool.text(text));
                }
                Value::Whole(_, set) => set(&mut row, stored.get(i).map_err(|e| sql_error(&e))?),
                Value::Count(_, set) => {
                    let n: Option<i64> = stored.get(i).map_err(|e| sql_error(&e))?;
                    set(&mut row, n.and_then(|n| u64::try_from(n).ok()));
                }
                Value::Decimal(_, set) => set(&mut row, stored.get(i).map_err(|e| sql_error(&e))?),
            }
        }
        if self.extra {
            let extra: Option<String> = stored.get(self.values.len()).map_err(|e| sql_error(&e))?;
            if let Some(extra) = extra {
                let cells: Vec<String> = serde_json::from_str(&extra).unwrap_or_default();
                row.set_extra(cells.iter().map(|c| pool.text(c)).collect());
            }
        }
        Ok(row)
    }
}
