//! Snapshots: each fetched report or opened file kept whole in the library — where it came from,
//! its range and filters, when, its row count, warnings and extra columns, and its rows — written
//! in one transaction (a cancelled or failed write leaves the library as it was), listed newest
//! first, read back as the same `Report`, and removed with their rows. A file already in the
//! library (same SHA-256, same report) is not added twice. Rollups are not computed here.

use super::row_tables::{insert_rows, read_rows, table_of};
use super::{damaged, sql_error, Library};
use crate::cancel::CancelToken;
use crate::error::{Error, ErrorCode};
use crate::kaltura::FetchRequest;
use crate::reports::{Report, ReportKind};
use rusqlite::{params, OptionalExtension, TransactionBehavior};
use serde::Serialize;

/// Where a snapshot's rows came from.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SnapshotSource {
    /// Fetched from Kaltura for `[from_unix, to_unix)`; `filters` in words ("" for none).
    Fetch {
        account_name: String,
        from_unix: i64,
        to_unix: i64,
        filters: String,
    },
    /// Read from a file; `sha256` (lowercase hex) of its bytes identifies it.
    File { file_name: String, sha256: String },
}

/// IDs of each filter named in a fetch's description; the rest are counted.
const FILTER_IDS_IN_WORDS: usize = 20;

impl SnapshotSource {
    /// A report fetched from `account_name` with `request` (its range, and its filters in words).
    pub fn fetched(account_name: &str, request: &FetchRequest) -> SnapshotSource {
        SnapshotSource::Fetch {
            account_name: account_name.to_owned(),
            from_unix: request.range.from_unix,
            to_unix: request.range.to_unix,
            filters: request
                .filters
                .in_words(FILTER_IDS_IN_WORDS)
                .unwrap_or_default(),
        }
    }
}

/// A snapshot as the Library screen and `roomlens library list` show it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct SnapshotInfo {
    pub id: i64,
    pub kind: ReportKind,
    pub source: SnapshotSource,
    /// When it was fetched or opened, Unix seconds.
    pub saved_at: i64,
    pub row_count: u64,
    pub warnings: Vec<String>,
}

/// What adding a snapshot did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "outcome", content = "id", rename_all = "snake_case")]
pub enum Added {
    /// Kept under this new id.
    New(i64),
    /// The same file was already kept, under this id; nothing was written.
    AlreadyKept(i64),
}

impl Added {
    pub fn id(self) -> i64 {
        match self {
            Added::New(id) | Added::AlreadyKept(id) => id,
        }
    }
}

pub(super) fn kind_name(kind: ReportKind) -> &'static str {
    match kind {
        ReportKind::RoomData => "room_data",
        ReportKind::Attendees => "attendees",
        ReportKind::Breakouts => "breakouts",
    }
}

pub(super) fn kind_of(name: &str) -> Option<ReportKind> {
    ReportKind::ALL.into_iter().find(|k| kind_name(*k) == name)
}

impl Library {
    /// Keeps `report` with where it came from, `saved_at` and its reading `warnings`, telling
    /// `progress(rows written, rows)` as rows go in. All or nothing: cancelled or failed, the
    /// library is as it was.
    pub fn add_snapshot(
        &mut self,
        report: &Report,
        source: &SnapshotSource,
        saved_at: i64,
        warnings: &[String],
        progress: &dyn Fn(usize, usize),
        cancel: &CancelToken,
    ) -> Result<Added, Error> {
        let kind = report.kind();
        if let SnapshotSource::File { sha256, .. } = source {
            let kept: Option<i64> = self
                .conn
                .query_row(
                    "SELECT id FROM snapshots WHERE report_kind = ?1 AND file_sha256 = ?2",
                    params![kind_name(kind), sha256],
                    |row| row.get(0),
                )
                .optional()
                .map_err(|e| sql_error(&e))?;
            if let Some(id) = kept {
                return Ok(Added::AlreadyKept(id));
            }
        }
        let (source_name, account, file, sha, from, to, filters) = match source {
            SnapshotSource::Fetch {
                account_name,
                from_unix,
                to_unix,
                filters,
            } => (
                "fetch",
                account_name.as_str(),
                "",
                None,
                Some(*from_unix),
                Some(*to_unix),
                filters.as_str(),
            ),
            SnapshotSource::File { file_name, sha256 } => (
                "file",
                "",
                file_name.as_str(),
                Some(sha256.as_str()),
                None,
                None,
                "",
            ),
        };
        let extra = serde_json::to_string(report.extra_columns()).unwrap_or_else(|_| "[]".into());
        let warnings = serde_json::to_string(warnings).unwrap_or_else(|_| "[]".into());
        let total = report.len();
        // Immediate: the write lock is taken (waiting for another Roomlens's write) before anything
        // is read, so the transaction never has to upgrade a read lock, which SQLite would refuse.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| sql_error(&e))?;
        tx.execute(
            "INSERT INTO snapshots (report_kind, source, account_name, file_name, file_sha256, \
             range_from, range_to, filters, fetched_at, row_count, extra_columns, warnings) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                kind_name(kind),
                source_name,
                account,
                file,
                sha,
                from,
                to,
                filters,
                saved_at,
                i64::try_from(total).unwrap_or(i64::MAX),
                extra,
                warnings
            ],
        )
        .map_err(|e| sql_error(&e))?;
        let id = tx.last_insert_rowid();
        let done = |n: usize| progress(n, total);
        match report {
            Report::RoomData { rows, .. } => insert_rows(&tx, id, rows, &done, cancel)?,
            Report::Attendees { rows, .. } => insert_rows(&tx, id, rows, &done, cancel)?,
            Report::Breakouts { rows, .. } => insert_rows(&tx, id, rows, &done, cancel)?,
        }
        if cancel.is_cancelled() {
            return Err(Error::cancelled());
        }
        tx.commit().map_err(|e| sql_error(&e))?;
        Ok(Added::New(id))
    }

    /// The newest snapshot of a `kind` report fetched as `source` says — the same account,
    /// start and filters, and an end at most `end_within` seconds from its end (a range that ends
    /// "now" ends a little later each time) — if one is kept; `None` for a file.
    pub fn same_fetch(
        &self,
        kind: ReportKind,
        source: &SnapshotSource,
        end_within: i64,
    ) -> Result<Option<i64>, Error> {
        let SnapshotSource::Fetch {
            account_name,
            from_unix,
            to_unix,
            filters,
        } = source
        else {
            return Ok(None);
        };
        self.conn
            .query_row(
                "SELECT id FROM snapshots WHERE source = 'fetch' AND report_kind = ?1 \
                 AND account_name = ?2 AND range_from = ?3 AND abs(range_to - ?4) <= ?5 \
                 AND filters = ?6 ORDER BY fetched_at DESC, id DESC LIMIT 1",
                params![
                    kind_name(kind),
                    account_name,
                    from_unix,
                    to_unix,
                    end_within,
                    filters
                ],
                |row| row.get(0),
            )
            .optional()
            .map_err(|e| sql_error(&e))
    }

    /// Every snapshot, newest first.
    pub fn snapshots(&self) -> Result<Vec<SnapshotInfo>, Error> {
        let mut select = self
            .conn
            .prepare(
                "SELECT id, report_kind, source, account_name, file_name, file_sha256, range_from, \
                 range_to, filters, fetched_at, row_count, warnings FROM snapshots \
                 ORDER BY fetched_at DESC, id DESC",
            )
            .map_err(|e| sql_error(&e))?;
        let rows = select
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, String>(4)?,
                    row.get::<_, Option<String>>(5)?,
                    row.get::<_, Option<i64>>(6)?,
                    row.get::<_, Option<i64>>(7)?,
                    row.get::<_, String>(8)?,
                    row.get::<_, i64>(9)?,
                    row.get::<_, i64>(10)?,
                    row.get::<_, String>(11)?,
                ))
            })
            .map_err(|e| sql_error(&e))?;
        let mut found = Vec::new();
        for row in rows {
            let (id, kind, source, account, file, sha, from, to, filters, at, count, warnings) =
                row.map_err(|e| sql_error(&e))?;
            let kind =
                kind_of(&kind).ok_or_else(|| damaged(format!("snapshot {id}: kind {kind}")))?;
            let source = match (source.as_str(), from, to) {
                ("fetch", Some(from_unix), Some(to_unix)) => SnapshotSource::Fetch {
                    account_name: account,
                    from_unix,
                    to_unix,
                    filters,
                },
                ("file", _, _) => SnapshotSource::File {
                    file_name: file,
                    sha256: sha.unwrap_or_default(),
                },
                _ => return Err(damaged(format!("snapshot {id}: source {source}"))),
            };
            found.push(SnapshotInfo {
                id,
                kind,
                source,
                saved_at: at,
                row_count: u64::try_from(count).unwrap_or(0),
                warnings: serde_json::from_str(&warnings).unwrap_or_default(),
            });
        }
        Ok(found)
    }

    /// The report kept as snapshot `id`, as it was added.
    pub fn report(&self, id: i64, cancel: &CancelToken) -> Result<Report, Error> {
        let (kind, extra): (String, String) = self
            .conn
            .query_row(
                "SELECT report_kind, extra_columns FROM snapshots WHERE id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(|e| sql_error(&e))?
            .ok_or_else(|| not_kept(id))?;
        let extra_columns: Vec<String> = serde_json::from_str(&extra).unwrap_or_default();
        let kind = kind_of(&kind).ok_or_else(|| damaged(format!("snapshot {id}: kind {kind}")))?;
        Ok(match kind {
            ReportKind::RoomData => Report::RoomData {
                rows: read_rows(&self.conn, id, cancel)?,
                extra_columns,
            },
            ReportKind::Attendees => Report::Attendees {
                rows: read_rows(&self.conn, id, cancel)?,
                extra_columns,
            },
            ReportKind::Breakouts => Report::Breakouts {
                rows: read_rows(&self.conn, id, cancel)?,
                extra_columns,
            },
        })
    }

    /// Removes snapshot `id` and its rows.
    pub fn remove_snapshot(&mut self, id: i64) -> Result<(), Error> {
        let removed = self
            .conn
            .execute("DELETE FROM snapshots WHERE id = ?1", [id])
            .map_err(|e| sql_error(&e))?;
        if removed == 0 {
            return Err(not_kept(id));
        }
        Ok(())
    }

    /// Problems found, none when the library is sound: SQLite's own integrity and foreign-key
    /// checks, each snapshot's rows against its row count, and each kept session dashboard read
    /// back.
    pub fn check(&self) -> Result<Vec<String>, Error> {
        let mut problems = Vec::new();
        let mut integrity = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| sql_error(&e))?;
        for line in integrity
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(|e| sql_error(&e))?
        {
            let line = line.map_err(|e| sql_error(&e))?;
            if line != "ok" {
                problems.push(format!("SQLite: {line}"));
            }
        }
        let orphans: i64 = self
            .conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
                row.get(0)
            })
            .map_err(|e| sql_error(&e))?;
        if orphans > 0 {
            problems.push(format!("{orphans} rows belong to no snapshot"));
        }
        for info in self.snapshots()? {
            let kept: i64 = self
                .conn
                .query_row(
                    &format!(
                        "SELECT count(*) FROM {} WHERE snapshot_id = ?1",
                        table_of(info.kind)
                    ),
                    [info.id],
                    |row| row.get(0),
                )
                .map_err(|e| sql_error(&e))?;
            if u64::try_from(kept).ok() != Some(info.row_count) {
                problems.push(format!(
                    "snapshot {} should hold {} rows and holds {kept}",
                    info.id, info.row_count
                ));
            }
        }
        problems.extend(self.dashboard_problems()?);
        Ok(problems)
    }
}

pub(super) fn not_kept(id: i64) -> Error {
    Error::new(
        ErrorCode::InvalidInput,
        format!("The library holds no snapshot {id}. List the library to see what it holds."),
    )
}
