//! Keeping a report file in the library, streaming: the file is read row by row with the core's
//! reader (the report detected from its header; the same checks and warnings as
//! `read_report_file`) on one thread while this one writes each batch of rows into one
//! transaction, so memory stays a few batches whatever the file's size. The file is identified by
//! its bytes' SHA-256, hashed twice: once beforehand (a fast pass), so that a file kept before is
//! recognised without writing anything, and again while it is read, so that the identity kept is
//! always that of the bytes that were read. A big file going into a table that holds fewer rows
//! has the table's indexes made afresh once its rows are in (`Writer::begin`). It does not
//! decide where the library is.

use super::row_tables::{insert_rows, table_of, BATCH};
use super::snapshots::kind_name;
use super::{file_sha256, sql_error, Added, Library};
use crate::cancel::CancelToken;
use crate::error::{Error, ErrorCode};
use crate::reports::read::{open_file, read_report_in_batches};
use crate::reports::{ReadStats, ReadWarning, Report, ReportKind};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use sha2::{Digest, Sha256};
use std::cell::Cell;
use std::io::Read;
use std::path::Path;
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};

/// What keeping a file did.
#[derive(Debug, Clone, PartialEq)]
pub struct FileKept {
    pub added: Added,
    pub kind: ReportKind,
    pub stats: ReadStats,
}

/// Batches read ahead of the writer: enough to keep both threads busy, few enough that memory
/// stays small.
const BATCHES_AHEAD: usize = 2;

/// From how many rows (estimated from the first batch) a file is big enough for its table's
/// indexes to be built afresh after its rows are in, rather than updated row by row.
const BULK_FROM_ROWS: usize = 50_000;

/// A batch of rows and how many bytes of the file had been read when it was complete.
type Batch = (Report, u64);

/// What the reading thread found: its counts, its warnings and the SHA-256 of every byte read.
type ReadDone = (ReadStats, Vec<ReadWarning>, String);

impl Library {
    /// Reads the report file at `path` and keeps it, saved at `saved_at` (Unix seconds),
    /// telling `progress(rows written, rows)` after each batch: until the end `rows` is an
    /// estimate from the bytes read so far, and the last call is `(rows, rows)`. A file kept
    /// before is only read through for its counts; nothing is written. All or nothing, as
    /// `add_snapshot`: cancelled or failed (a file unreadable halfway included), the library is
    /// as it was.
    pub fn add_report_file(
        &mut self,
        path: &Path,
        saved_at: i64,
        progress: &dyn Fn(usize, usize),
        cancel: &CancelToken,
    ) -> Result<FileKept, Error> {
        if let Some((id, kind)) = self.file_kept(&file_sha256(path)?)? {
            let (stats, _) = read_report_in_batches(open_file(path)?, BATCH, &mut |_| {
                if cancel.is_cancelled() {
                    return Err(Error::cancelled());
                }
                Ok(())
            })?;
            return Ok(FileKept {
                added: Added::AlreadyKept(id),
                kind,
                stats,
            });
        }
        let file = open_file(path)?;
        let file_bytes = file.metadata().map_or(0, |m| m.len());
        let file_name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let target = Target {
            file_name: &file_name,
            saved_at,
            file_bytes,
        };
        let conn = &mut self.conn;
        std::thread::scope(|scope| {
            let (batches, received) = sync_channel::<Batch>(BATCHES_AHEAD);
            // Batches go back to the reader once written, to be dropped there: freeing a batch's
            // texts is work the writer, the slower of the two, need not do.
            let (written_back, to_drop) = channel::<Report>();
            let reader = scope.spawn(move || read_hashing(file, &batches, &to_drop));
            let written = write_batches(conn, received, &written_back, &target, progress, cancel);
            let read = reader.join().map_err(|_| {
                Error::new(ErrorCode::Internal, "Roomlens could not read this file.")
                    .with_detail("the reading thread stopped unexpectedly")
            });
            // The writer's error first: it is why the reader stopped, if it did.
            let writer = written?;
            let (stats, warnings, sha256) = read??;
            if cancel.is_cancelled() {
                return Err(Error::cancelled());
            }
            let writer = writer.ok_or_else(|| {
                Error::new(ErrorCode::Internal, "Roomlens could not keep this file.")
                    .with_detail("the reader handed over no batch, not even an empty one")
            })?;
            let (kind, rows) = (writer.kind, writer.rows);
            let added = writer.finish(&sha256, &warnings)?;
            if let Added::New(_) = added {
                progress(rows, rows);
            }
            Ok(FileKept { added, kind, stats })
        })
    }

    /// The snapshot keeping the file whose bytes have this SHA-256, and its report.
    fn file_kept(&self, sha256: &str) -> Result<Option<(i64, ReportKind)>, Error> {
        let kept: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT id, report_kind FROM snapshots WHERE file_sha256 = ?1 ORDER BY id LIMIT 1",
                [sha256],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(|e| sql_error(&e))?;
        Ok(kept.and_then(|(id, name)| {
            ReportKind::ALL
                .into_iter()
                .find(|k| kind_name(*k) == name)
                .map(|kind| (id, kind))
        }))
    }
}

/// Where and as what the rows go.
struct Target<'a> {
    file_name: &'a str,
    saved_at: i64,
    file_bytes: u64,
}

/// The file as it is read: every byte also goes into the SHA-256, and `read` counts them.
struct HashingReader<'a> {
    file: std::fs::File,
    hasher: Sha256,
    read: &'a Cell<u64>,
}

impl Read for HashingReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.file.read(buf)?;
        self.hasher.update(buf.get(..n).unwrap_or_default());
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

/// Reads `file` in batches handed to `batches`, hashing every byte of it, and drops the batches
/// that come back `written`.
fn read_hashing(
    file: std::fs::File,
    batches: &SyncSender<Batch>,
    written: &Receiver<Report>,
) -> Result<ReadDone, Error> {
    let read = Cell::new(0u64);
    let mut input = HashingReader {
        file,
        hasher: Sha256::new(),
        read: &read,
    };
    let (stats, warnings) = read_report_in_batches(&mut input, BATCH, &mut |batch| {
        // The writer stopped (cancelled or failed); it reports why.
        batches
            .send((batch, read.get()))
            .map_err(|_| Error::cancelled())?;
        // Batches written are dropped here, where there is time to spare.
        while written.try_recv().is_ok() {}
        Ok(())
    })?;
    // Whatever follows the last row is part of the file's bytes too.
    std::io::copy(&mut input, &mut std::io::sink()).map_err(|e| {
        Error::new(
            ErrorCode::FileUnreadable,
            "Roomlens could not read this file to the end. Check that it is still there and try again.",
        )
        .with_detail(e.to_string())
    })?;
    let sha256 = input
        .hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok((stats, warnings, sha256))
}

/// Writes every batch received into one transaction, opened at the first batch, and sends it
/// back `written`; the writer is handed back uncommitted. Returning early drops `received`,
/// which stops the reader.
fn write_batches<'c>(
    conn: &'c mut Connection,
    received: Receiver<Batch>,
    written: &Sender<Report>,
    target: &Target<'_>,
    progress: &dyn Fn(usize, usize),
    cancel: &CancelToken,
) -> Result<Option<Writer<'c>>, Error> {
    let mut conn = Some(conn);
    let mut writer: Option<Writer<'c>> = None;
    for (batch, bytes_read) in received {
        if cancel.is_cancelled() {
            return Err(Error::cancelled());
        }
        let w = match (&mut writer, conn.take()) {
            (Some(w), _) => w,
            (None, Some(conn)) => writer.insert(Writer::begin(conn, &batch, target, bytes_read)?),
            (None, None) => {
                return Err(
                    Error::new(ErrorCode::Internal, "Roomlens could not keep this file.")
                        .with_detail("the writer lost its connection"),
                )
            }
        };
        w.add(&batch, cancel)?;
        let _ = written.send(batch);
        let rows = rows_in_file(w.rows, bytes_read, target.file_bytes);
        progress(w.rows, rows.max(w.rows));
    }
    Ok(writer)
}

/// How many rows a file of `file_bytes` bytes holds, judging by the `rows` in its first
/// `bytes_read` bytes.
fn rows_in_file(rows: usize, bytes_read: u64, file_bytes: u64) -> usize {
    if bytes_read == 0 {
        return rows;
    }
    let estimate = rows as u128 * u128::from(file_bytes) / u128::from(bytes_read);
    usize::try_from(estimate).unwrap_or(usize::MAX)
}

/// A file's snapshot being written: its transaction, its id, the rows written so far, and the
/// SQL that makes again the indexes of its table set aside.
struct Writer<'c> {
    tx: Transaction<'c>,
    id: i64,
    kind: ReportKind,
    rows: usize,
    set_aside: Vec<String>,
}

impl<'c> Writer<'c> {
    /// Takes the write lock (waiting for another Roomlens's write, as `add_snapshot` does) and
    /// adds the snapshot's row: no identity and no rows yet, both set by `finish`.
    ///
    /// A big file (the first batch, `bytes_read` into the file, says how big) holding at least
    /// as many rows as its table already does has the table's indexes dropped here and built
    /// again by `finish`, inside the same transaction: SQLite builds an index from sorted keys
    /// several times faster than it inserts a million keys one by one in random order (the
    /// person index above all). Rolled back, the indexes are back as they were.
    fn begin(
        conn: &'c mut Connection,
        first: &Report,
        target: &Target<'_>,
        bytes_read: u64,
    ) -> Result<Self, Error> {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| sql_error(&e))?;
        let kind = first.kind();
        let extra = serde_json::to_string(first.extra_columns()).unwrap_or_else(|_| "[]".into());
        tx.execute(
            "INSERT INTO snapshots (report_kind, source, file_name, fetched_at, row_count, \
             extra_columns) VALUES (?1, 'file', ?2, ?3, 0, ?4)",
            params![kind_name(kind), target.file_name, target.saved_at, extra],
        )
        .map_err(|e| sql_error(&e))?;
        let id = tx.last_insert_rowid();
        let expected = rows_in_file(first.len(), bytes_read, target.file_bytes);
        let set_aside = if expected >= BULK_FROM_ROWS {
            let kept: i64 = tx
                .query_row(
                    "SELECT coalesce(sum(row_count), 0) FROM snapshots WHERE report_kind = ?1",
                    [kind_name(kind)],
                    |row| row.get(0),
                )
                .map_err(|e| sql_error(&e))?;
            if usize::try_from(kept).unwrap_or(usize::MAX) <= expected {
                set_indexes_aside(&tx, table_of(kind))?
            } else {
                Vec::new()
            }
        } else {
            Vec::new()
        };
        Ok(Writer {
            tx,
            id,
            kind,
            rows: 0,
            set_aside,
        })
    }

    fn add(&mut self, batch: &Report, cancel: &CancelToken) -> Result<(), Error> {
        let none = |_: usize| {};
        match batch {
            Report::RoomData { rows, .. } => insert_rows(&self.tx, self.id, rows, &none, cancel)?,
            Report::Attendees { rows, .. } => insert_rows(&self.tx, self.id, rows, &none, cancel)?,
            Report::Breakouts { rows, .. } => insert_rows(&self.tx, self.id, rows, &none, cancel)?,
        }
        self.rows += batch.len();
        Ok(())
    }

    /// Commits the snapshot as the file with this SHA-256 — unless that file is kept already
    /// (its bytes changed since they were first hashed into ones kept before), when nothing is.
    fn finish(self, sha256: &str, warnings: &[ReadWarning]) -> Result<Added, Error> {
        let kept: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM snapshots WHERE report_kind = ?1 AND file_sha256 = ?2",
                params![kind_name(self.kind), sha256],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| sql_error(&e))?;
        if let Some(id) = kept {
            // Dropping the transaction rolls it back, indexes included.
            return Ok(Added::AlreadyKept(id));
        }
        if !self.set_aside.is_empty() {
            // SQLite may sort an index's keys on helper threads; the reading thread is done by
            // now. Best effort: without them the indexes are made all the same.
            let threads: Option<i64> = self
                .tx
                .pragma_query_value(None, "threads", |row| row.get(0))
                .ok();
            let cores = std::thread::available_parallelism().map_or(1, usize::from);
            let _ = self.tx.pragma_update(None, "threads", cores.min(4) as i64);
            let made = self
                .set_aside
                .iter()
                .try_for_each(|sql| self.tx.execute_batch(sql));
            if let Some(threads) = threads {
                let _ = self.tx.pragma_update(None, "threads", threads);
            }
            made.map_err(|e| sql_error(&e))?;
        }
        let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        let warnings = serde_json::to_string(&warnings).unwrap_or_else(|_| "[]".into());
        self.tx
            .execute(
                "UPDATE snapshots SET file_sha256 = ?1, row_count = ?2, warnings = ?3 \
                 WHERE id = ?4",
                params![
                    sha256,
                    i64::try_from(self.rows).unwrap_or(i64::MAX),
                    warnings,
                    self.id
                ],
            )
            .map_err(|e| sql_error(&e))?;
        self.tx.commit().map_err(|e| sql_error(&e))?;
        Ok(Added::New(self.id))
    }
}

/// Drops the indexes of `table` (those SQLite was asked to make; not its own automatic ones),
/// handing back the SQL that made each. An index of `snapshot_id` alone stays: the new rows'
/// entries go at its end (the newest snapshot, new rowids), which costs next to nothing.
fn set_indexes_aside(tx: &Transaction<'_>, table: &str) -> Result<Vec<String>, Error> {
    let mut select = tx
        .prepare(
            "SELECT m.name, m.sql FROM sqlite_master m \
             WHERE m.type = 'index' AND m.tbl_name = ?1 AND m.sql IS NOT NULL \
             AND (SELECT group_concat(i.name) FROM pragma_index_info(m.name) i) \
                 IS NOT 'snapshot_id' \
             ORDER BY m.name",
        )
        .map_err(|e| sql_error(&e))?;
    let indexes = select
        .query_map([table], |row| Ok((row.get(0)?, row.get(1)?)))
        .map_err(|e| sql_error(&e))?
        .collect::<Result<Vec<(String, String)>, _>>()
        .map_err(|e| sql_error(&e))?;
    for (name, _) in &indexes {
        tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))
            .map_err(|e| sql_error(&e))?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}
