//! A kept report read from the library a piece at a time instead of held in memory: the
//! window's table, cards, charts and exports walk it through `ReportRows`, so the app's memory
//! does not grow with the report. Each walk opens its own connection (a keep in progress or
//! another Roomlens does not block it, and the library can be set aside meanwhile) and first
//! checks the snapshot is still the one opened. It writes nothing.

use super::damaged;
use super::freed_memory::give_back_freed_memory;
use super::row_tables::{table_of, RowReading};
use super::snapshots::kind_of;
use super::{sql_error, Library, BUSY_WAIT};
use crate::cancel::CancelToken;
use crate::error::{Error, ErrorCode};
use crate::reports::schema::ReportRow;
use crate::reports::{
    AttendeeRow, BreakoutRow, Report, ReportKind, ReportRows, RoomDataRow, TextPool, WantedColumns,
};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::path::PathBuf;

/// Everything a snapshot says of itself, as one text: another snapshot under the same number (in a
/// library started anew) differs in at least its source, its time or its rows.
const IDENTITY: &str = "json_array(report_kind, source, account_name, file_name, file_sha256, \
     range_from, range_to, filters, fetched_at, row_count, extra_columns)";

/// Rows read at a time: about 5 MB of an Attendees report.
const PIECE_ROWS: usize = 50_000;

/// A snapshot's rows in the library file at `path`: `rows` rows from rowid `first_rowid` on (a
/// snapshot's rows are written in one transaction, so their rowids follow on).
#[derive(Debug, Clone)]
pub struct KeptReport {
    path: PathBuf,
    snapshot: i64,
    kind: ReportKind,
    rows: usize,
    /// Everything the snapshot says of itself, to know it again.
    identity: String,
    first_rowid: i64,
    extra_columns: Vec<String>,
}

impl Library {
    /// Snapshot `id`'s rows, to be read as they are needed.
    pub fn kept_report(&self, id: i64) -> Result<KeptReport, Error> {
        let (kind, rows, extra, identity): (String, i64, String, String) = self
            .conn
            .query_row(
                &format!(
                    "SELECT report_kind, row_count, extra_columns, {IDENTITY} FROM snapshots \
                     WHERE id = ?1"
                ),
                [id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .optional()
            .map_err(|e| sql_error(&e))?
            .ok_or_else(|| super::snapshots::not_kept(id))?;
        let kind = kind_of(&kind).ok_or_else(|| damaged(format!("snapshot {id}: kind {kind}")))?;
        let (first, last, count): (Option<i64>, Option<i64>, i64) = self
            .conn
            .query_row(
                &format!(
                    "SELECT min(rowid), max(rowid), count(*) FROM {} WHERE snapshot_id = ?1",
                    table_of(kind)
                ),
                [id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .map_err(|e| sql_error(&e))?;
        let follow_on = match (first, last) {
            (Some(first), Some(last)) => last.checked_sub(first) == Some(count - 1),
            _ => count == 0,
        };
        if count != rows || !follow_on {
            return Err(damaged(format!(
                "snapshot {id}: {count} rows kept, {rows} listed, rowids {first:?}..{last:?}"
            )));
        }
        Ok(KeptReport {
            path: self.path.clone(),
            snapshot: id,
            kind,
            rows: usize::try_from(rows).unwrap_or(0),
            identity,
            first_rowid: first.unwrap_or(0),
            extra_columns: serde_json::from_str(&extra).unwrap_or_default(),
        })
    }
}

impl KeptReport {
    /// The snapshot these rows are.
    pub fn snapshot_id(&self) -> i64 {
        self.snapshot
    }

    /// A connection to the library file, once the snapshot is known to be the one opened (not
    /// deleted, and not another snapshot under the same number in a library started anew).
    fn connection(&self) -> Result<Connection, Error> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|_| self.gone())?;
        conn.busy_timeout(BUSY_WAIT).map_err(|e| sql_error(&e))?;
        let found: Option<String> = conn
            .query_row(
                &format!("SELECT {IDENTITY} FROM snapshots WHERE id = ?1"),
                [self.snapshot],
                |row| row.get(0),
            )
            .optional()
            .map_err(|_| self.gone())?;
        if found.as_deref() == Some(self.identity.as_str()) {
            Ok(conn)
        } else {
            Err(self.gone())
        }
    }

    fn gone(&self) -> Error {
        Error::new(
            ErrorCode::InvalidInput,
            "This report is no longer in the library (it was deleted, or the library was started anew). Fetch it or open its file again.",
        )
    }

    /// Rows `from..to` (positions), read with `reading`.
    fn read_piece<R: ReportRow>(
        &self,
        conn: &Connection,
        reading: &RowReading,
        from: usize,
        to: usize,
    ) -> Result<Vec<R>, Error> {
        let sql = format!(
            "SELECT {} FROM {} WHERE rowid BETWEEN ?1 AND ?2 AND snapshot_id = ?3 ORDER BY rowid",
            reading.select_list::<R>(),
            table_of(self.kind)
        );
        let mut select = conn.prepare_cached(&sql).map_err(|e| sql_error(&e))?;
        let first = self.rowid(from);
        let last = self.rowid(to).saturating_sub(1);
        let mut found = select
            .query(params![first, last, self.snapshot])
            .map_err(|e| sql_error(&e))?;
        let mut pool = TextPool::default();
        let mut rows = Vec::with_capacity(to.saturating_sub(from));
        while let Some(stored) = found.next().map_err(|e| sql_error(&e))? {
            rows.push(reading.row(stored, &mut pool)?);
        }
        if rows.len() != to.saturating_sub(from) {
            return Err(self.gone());
        }
        Ok(rows)
    }

    fn rowid(&self, position: usize) -> i64 {
        self.first_rowid
            .saturating_add(i64::try_from(position).unwrap_or(i64::MAX))
    }

    fn piece(
        &self,
        conn: &Connection,
        wanted: WantedColumns<'_>,
        from: usize,
        to: usize,
    ) -> Result<Report, Error> {
        let extra_columns = self.extra_columns.clone();
        Ok(match self.kind {
            ReportKind::RoomData => Report::RoomData {
                rows: self.read_piece(conn, &RowReading::only::<RoomDataRow>(wanted), from, to)?,
                extra_columns,
            },
            ReportKind::Attendees => Report::Attendees {
                rows: self.read_piece(conn, &RowReading::only::<AttendeeRow>(wanted), from, to)?,
                extra_columns,
            },
            ReportKind::Breakouts => Report::Breakouts {
                rows: self.read_piece(conn, &RowReading::only::<BreakoutRow>(wanted), from, to)?,
                extra_columns,
            },
        })
    }
}

impl ReportRows for KeptReport {
    fn kind(&self) -> ReportKind {
        self.kind
    }

    fn len(&self) -> usize {
        self.rows
    }

    fn extra_columns(&self) -> &[String] {
        &self.extra_columns
    }

    fn held(&self) -> Option<&Report> {
        None
    }

    fn for_each_piece(
        &self,
        wanted: WantedColumns<'_>,
        cancel: &CancelToken,
        each: &mut dyn FnMut(usize, &Report) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let conn = self.connection()?;
        let mut from = 0;
        let walked = loop {
            if from >= self.rows {
                break Ok(());
            }
            if cancel.is_cancelled() {
                break Err(Error::cancelled());
            }
            let to = from.saturating_add(PIECE_ROWS).min(self.rows);
            if let Err(error) = self
                .piece(&conn, wanted, from, to)
                .and_then(|piece| each(from, &piece))
            {
                break Err(error);
            }
            from = to;
        };
        drop(conn);
        give_back_freed_memory();
        walked
    }

    fn rows_at(&self, positions: &[usize]) -> Result<Report, Error> {
        let conn = self.connection()?;
        let mut picked = Report::empty(self.kind);
        // Positions next to each other (a page in report order, or a person's rows) are read as
        // one range.
        let mut run_start = 0;
        while run_start < positions.len() {
            let mut run_end = run_start + 1;
            while positions
                .get(run_end)
                .zip(positions.get(run_end - 1))
                .is_some_and(|(&next, &previous)| next == previous.wrapping_add(1))
            {
                run_end += 1;
            }
            let (Some(&from), Some(&last)) = (positions.get(run_start), positions.get(run_end - 1))
            else {
                break;
            };
            if last >= self.rows {
                return Err(Error::new(
                    ErrorCode::InvalidInput,
                    "That row is past the end of this report.",
                ));
            }
            picked.append(&self.piece(&conn, None, from, last + 1)?);
            run_start = run_end;
        }
        picked.set_extra_columns(self.extra_columns.clone());
        Ok(picked)
    }
}
