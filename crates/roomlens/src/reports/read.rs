//! Reading a report into typed rows: from Kaltura's API output (`read_report_as`) or from any CSV
//! an admin downloaded (`read_report`, `read_report_file`). Rows whose key fields are present are
//! kept even if a number is unreadable (the number becomes `None` and a warning names the line);
//! rows with no key or a broken structure are rejected with a warning. Invalid UTF-8 is replaced
//! with U+FFFD and reported. It does not merge, summarise or write anything.

use super::header::Layout;
use super::kind::ReportKind;
use super::rows::Report;
use super::scan::{Expect, ReadLog, Row, Scanner};
use super::schema::{ColumnType, Flag, ReportRow, Value};
use super::text::{Text, TextPool};
use super::value::{self, quote_cell, NumberStyle, Problem};
use crate::cancel::CancelToken;
use crate::error::{Error, ErrorCode};
use serde::Serialize;
use std::io::Read;
use std::path::Path;

pub use super::scan::{ReadStats, ReadWarning};

/// A report read from a file or from Kaltura, with what happened on the way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadOutcome {
    pub report: Report,
    pub stats: ReadStats,
    pub warnings: Vec<ReadWarning>,
}

/// Reads a CSV an admin has: the report is detected from the header. Fields may be quoted
/// (RFC 4180). Kaltura's own output is not quoted, so a value there that starts with `"` would be
/// read as a quoted field; use `read_report_as` for bodies straight from Kaltura.
pub fn read_report(bytes: &[u8]) -> Result<ReadOutcome, Error> {
    read_from(bytes, Expect::AnyFile, u64::MAX)
}

/// Reads Kaltura's `report.getCsvFromStringParams` output for `kind`: comma-separated, no quoting,
/// header on the first line. BOM plus an empty header line (Kaltura's empty result) gives an
/// empty report of `kind`; no bytes at all is an `EmptyReport` error.
pub fn read_report_as(bytes: &[u8], kind: ReportKind) -> Result<ReadOutcome, Error> {
    read_from(bytes, Expect::KalturaOutput(kind), u64::MAX)
}

/// Reads a CSV file an admin has, streaming (memory does not grow with the file's size beyond the
/// rows themselves). No size or row limit: for the command line, which may take its time.
pub fn read_report_file(path: &Path) -> Result<ReadOutcome, Error> {
    let file = open_file(path)?;
    read_from(file, Expect::AnyFile, u64::MAX)
}

/// How much of a file the desktop app reads: files over `max_bytes` are refused before reading,
/// and only the first `max_rows` rows are kept (with a warning saying so).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileLimits {
    pub max_bytes: u64,
    pub max_rows: u64,
}

impl Default for FileLimits {
    /// 2 GB and 2,000,000 rows: a year of a large organisation's attendees is about a million
    /// rows and 150 MB; the rows kept take a few hundred bytes each in memory.
    fn default() -> Self {
        FileLimits {
            max_bytes: 2_000_000_000,
            max_rows: 2_000_000,
        }
    }
}

/// How far reading a file has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct FileProgress {
    pub bytes_read: u64,
    pub bytes_total: u64,
}

/// `read_report_file` for the desktop app: within `limits`, telling `on_progress` every few MB,
/// and stopping with `Cancelled` soon after `cancel` is set.
pub fn read_report_file_with(
    path: &Path,
    limits: FileLimits,
    on_progress: &dyn Fn(FileProgress),
    cancel: &CancelToken,
) -> Result<ReadOutcome, Error> {
    let file = open_file(path)?;
    let bytes_total = file.metadata().map(|m| m.len()).unwrap_or(0);
    if bytes_total > limits.max_bytes {
        return Err(Error::new(
            ErrorCode::FileUnreadable,
            format!(
                "{} is {}, larger than any report Roomlens opens in the window (up to {}). \
                 Summarise it with the `roomlens summary` command, or fetch a shorter date range.",
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                ),
                size_words(bytes_total),
                size_words(limits.max_bytes)
            ),
        ));
    }
    on_progress(FileProgress {
        bytes_read: 0,
        bytes_total,
    });
    let watched = WatchedReader {
        inner: file,
        bytes_read: 0,
        bytes_total,
        next_report: PROGRESS_EVERY,
        on_progress,
        cancel,
    };
    let outcome = read_from(watched, Expect::AnyFile, limits.max_rows);
    if cancel.is_cancelled() {
        return Err(Error::cancelled());
    }
    let outcome = outcome?;
    on_progress(FileProgress {
        bytes_read: bytes_total,
        bytes_total,
    });
    Ok(outcome)
}

/// Bytes between two progress reports.
const PROGRESS_EVERY: u64 = 4 * 1024 * 1024;

/// "3.1 GB", "150 MB", "12 KB".
fn size_words(bytes: u64) -> String {
    const UNITS: [(&str, f64); 3] = [("GB", 1e9), ("MB", 1e6), ("KB", 1e3)];
    for (unit, size) in UNITS {
        if bytes as f64 >= size {
            let value = bytes as f64 / size;
            return if value < 10.0 {
                format!("{value:.1} {unit}")
            } else {
                format!("{value:.0} {unit}")
            };
        }
    }
    format!("{bytes} bytes")
}

/// A file being read that reports its progress and stops when cancelled.
struct WatchedReader<'a> {
    inner: std::fs::File,
    bytes_read: u64,
    bytes_total: u64,
    next_report: u64,
    on_progress: &'a dyn Fn(FileProgress),
    cancel: &'a CancelToken,
}

impl Read for WatchedReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.cancel.is_cancelled() {
            return Err(std::io::Error::other("cancelled"));
        }
        let n = self.inner.read(buf)?;
        self.bytes_read += n as u64;
        if self.bytes_read >= self.next_report {
            self.next_report = self.bytes_read + PROGRESS_EVERY;
            (self.on_progress)(FileProgress {
                bytes_read: self.bytes_read,
                bytes_total: self.bytes_total.max(self.bytes_read),
            });
        }
        Ok(n)
    }
}

/// Opens a report file, turning failures into plain-language errors.
pub(crate) fn open_file(path: &Path) -> Result<std::fs::File, Error> {
    std::fs::File::open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::new(
                ErrorCode::FileNotFound,
                format!(
                    "There is no file at {}. Check the name and folder.",
                    path.display()
                ),
            )
        } else {
            Error::new(
                ErrorCode::FileUnreadable,
                format!(
                    "Roomlens could not open {}. Check that you may read it.",
                    path.display()
                ),
            )
            .with_detail(e.to_string())
        }
    })
}

/// Reads a report, keeping at most `max_rows` rows.
fn read_from<'a, R: Read + 'a>(
    input: R,
    expect: Expect,
    max_rows: u64,
) -> Result<ReadOutcome, Error> {
    let mut log = ReadLog::default();
    let Some(mut scanner) = Scanner::open(input, expect, &mut log)? else {
        let kind = match expect {
            Expect::KalturaOutput(kind) => kind,
            Expect::AnyFile => {
                return Err(Error::new(ErrorCode::NotAReport, super::scan::NOT_A_REPORT))
            }
        };
        let (stats, warnings) = log.finish();
        return Ok(ReadOutcome {
            report: Report::empty(kind),
            stats,
            warnings,
        });
    };
    let extra_columns = scanner.layout.extra_columns.clone();
    let report = match scanner.layout.kind {
        ReportKind::RoomData => Report::RoomData {
            rows: collect_typed(&mut scanner, &mut log, max_rows)?,
            extra_columns,
        },
        ReportKind::Attendees => Report::Attendees {
            rows: collect_typed(&mut scanner, &mut log, max_rows)?,
            extra_columns,
        },
        ReportKind::Breakouts => Report::Breakouts {
            rows: collect_typed(&mut scanner, &mut log, max_rows)?,
            extra_columns,
        },
    };
    let (stats, warnings) = log.finish();
    Ok(ReadOutcome {
        report,
        stats,
        warnings,
    })
}

/// Reads a CSV an admin has (the report detected from its header) without keeping it: each run
/// of up to `batch_rows` kept rows is handed to `take` as a `Report` of the file's kind and extra
/// columns, then dropped. Rows are checked, counted and warned about exactly as `read_report`
/// does, so memory is one batch whatever the file's size. `take` is called at least once (the
/// last batch may be empty); an error from it stops the reading and is returned.
pub(crate) fn read_report_in_batches<'a, R: Read + 'a>(
    input: R,
    batch_rows: usize,
    take: &mut dyn FnMut(Report) -> Result<(), Error>,
) -> Result<(ReadStats, Vec<ReadWarning>), Error> {
    let mut log = ReadLog::default();
    let mut scanner = Scanner::open(input, Expect::AnyFile, &mut log)?
        .ok_or_else(|| Error::new(ErrorCode::NotAReport, super::scan::NOT_A_REPORT))?;
    let extra = scanner.layout.extra_columns.clone();
    let batch_rows = batch_rows.max(1);
    match scanner.layout.kind {
        ReportKind::RoomData => typed_batches(&mut scanner, &mut log, batch_rows, &mut |rows| {
            take(Report::RoomData {
                rows,
                extra_columns: extra.clone(),
            })
        })?,
        ReportKind::Attendees => typed_batches(&mut scanner, &mut log, batch_rows, &mut |rows| {
            take(Report::Attendees {
                rows,
                extra_columns: extra.clone(),
            })
        })?,
        ReportKind::Breakouts => typed_batches(&mut scanner, &mut log, batch_rows, &mut |rows| {
            take(Report::Breakouts {
                rows,
                extra_columns: extra.clone(),
            })
        })?,
    }
    Ok(log.finish())
}

/// The scanner's rows as typed rows of `R`, handed to `take` `batch_rows` at a time (then a last,
/// possibly empty, batch). Texts are shared within a batch, as `collect_typed` shares them.
fn typed_batches<R: ReportRow>(
    scanner: &mut Scanner<'_>,
    log: &mut ReadLog,
    batch_rows: usize,
    take: &mut dyn FnMut(Vec<R>) -> Result<(), Error>,
) -> Result<(), Error> {
    let layout = scanner.layout.clone();
    let style = scanner.style;
    let mut pool = TextPool::default();
    let mut rows = Vec::with_capacity(batch_rows);
    while let Some(row) = scanner.next_row(log)? {
        let cells = Cells {
            row: &row,
            layout: &layout,
            style,
        };
        if let Some(typed) = typed_row(&cells, &mut pool, log) {
            log.stats.rows_kept += 1;
            rows.push(typed);
            if rows.len() >= batch_rows {
                take(std::mem::replace(&mut rows, Vec::with_capacity(batch_rows)))?;
                // A fresh pool per batch: memory stays one batch's worth however many
                // different values the file holds.
                pool = TextPool::default();
            }
        }
    }
    take(rows)
}

/// The typed rows `build` makes of the scanner's rows. Past `max_rows` kept rows, reading stops
/// and a warning says that only the first rows are shown.
pub(crate) fn collect<T>(
    scanner: &mut Scanner<'_>,
    log: &mut ReadLog,
    max_rows: u64,
    mut build: impl FnMut(&Row<'_>, &mut ReadLog) -> Option<T>,
) -> Result<Vec<T>, Error> {
    let mut rows = Vec::new();
    while let Some(row) = scanner.next_row(log)? {
        if log.stats.rows_kept >= max_rows {
            // This row is neither kept nor rejected: it was only looked at.
            log.stats.rows_read = log.stats.rows_read.saturating_sub(1);
            log.warn(
                0,
                format!(
                    "This file has more than {} rows; Roomlens shows the first {}. Summarise the whole file \
                     with the `roomlens summary` command, or fetch a shorter date range.",
                    crate::wording::count(max_rows),
                    crate::wording::count(max_rows)
                ),
            );
            break;
        }
        if let Some(typed) = build(&row, log) {
            log.stats.rows_kept += 1;
            rows.push(typed);
        }
    }
    Ok(rows)
}

/// The rows of the scanner as the typed rows of `R`'s table, texts shared through one pool.
pub(crate) fn collect_typed<R: ReportRow>(
    scanner: &mut Scanner<'_>,
    log: &mut ReadLog,
    max_rows: u64,
) -> Result<Vec<R>, Error> {
    let layout = scanner.layout.clone();
    let style = scanner.style;
    let mut pool = TextPool::default();
    let mut rows = collect(scanner, log, max_rows, |row, log| {
        typed_row(
            &Cells {
                row,
                layout: &layout,
                style,
            },
            &mut pool,
            log,
        )
    })?;
    rows.shrink_to_fit();
    Ok(rows)
}

/// The typed row of `R`'s table in `c`, or `None` (with a warning) when nothing identifies it.
fn typed_row<R: ReportRow>(c: &Cells<'_, '_>, pool: &mut TextPool, log: &mut ReadLog) -> Option<R> {
    if !c.check_identity(log) {
        return None;
    }
    let mut row = R::default();
    for (column, (spec, value)) in R::SPEC.columns.iter().zip(R::VALUES).enumerate() {
        match value {
            Value::Text(_, set) => set(&mut row, pool.text(c.text(column))),
            Value::Whole(_, set) => set(&mut row, c.time(column, log)),
            Value::Count(_, set) => set(&mut row, c.count(column, log)),
            Value::Decimal(_, set) if spec.column_type == ColumnType::Ratio => {
                set(&mut row, c.ratio(column, log));
            }
            Value::Decimal(_, set) => set(&mut row, c.amount(column, log)),
        }
    }
    row.set_extra(c.extra(pool));
    Some(row)
}

/// Typed access to the cells of one row, reporting unreadable numbers.
pub(crate) struct Cells<'r, 'a> {
    pub row: &'r Row<'a>,
    pub layout: &'r Layout,
    pub style: NumberStyle,
}

impl<'r> Cells<'r, '_> {
    /// The cell of known column `column`, or "" when the file does not have that column.
    pub fn text(&self, column: usize) -> &'r str {
        match self.layout.known.get(column) {
            Some(Some(placement)) => self.row.field(placement.position),
            _ => "",
        }
    }

    fn scale(&self, column: usize) -> f64 {
        match self.layout.known.get(column) {
            Some(Some(placement)) => placement.scale,
            _ => 1.0,
        }
    }

    /// Rejects the row (returning `false`) when none of the cells that identify it has content.
    pub fn check_identity(&self, log: &mut ReadLog) -> bool {
        let spec = self.layout.kind.spec();
        if spec
            .columns
            .iter()
            .enumerate()
            .any(|(c, column)| column.has(Flag::Identity) && !self.text(c).trim().is_empty())
        {
            return true;
        }
        log.reject(
            self.row.line,
            format!("the row has no {}; row skipped", spec.identity_words),
        );
        false
    }

    fn number<T>(
        &self,
        column: usize,
        log: &mut ReadLog,
        parse: impl Fn(&str) -> Result<Option<T>, Problem>,
    ) -> Option<T> {
        let cell = self.text(column);
        match parse(cell) {
            Ok(value) => value,
            Err(problem) => {
                let name = self
                    .layout
                    .kind
                    .columns()
                    .get(column)
                    .map_or("", |c| c.label);
                log.warn(
                    self.row.line,
                    format!("{name} {} {problem}; left empty", quote_cell(cell)),
                );
                None
            }
        }
    }

    pub fn time(&self, column: usize, log: &mut ReadLog) -> Option<i64> {
        self.number(column, log, value::parse_time)
    }

    pub fn count(&self, column: usize, log: &mut ReadLog) -> Option<u64> {
        self.number(column, log, |c| value::parse_count(c, self.style))
    }

    pub fn ratio(&self, column: usize, log: &mut ReadLog) -> Option<f64> {
        self.number(column, log, |c| value::parse_ratio(c, self.style))
    }

    pub fn amount(&self, column: usize, log: &mut ReadLog) -> Option<f64> {
        let scale = self.scale(column);
        self.number(column, log, |c| value::parse_amount(c, self.style, scale))
    }

    pub fn extra(&self, pool: &mut TextPool) -> Vec<Text> {
        self.layout
            .extra_positions
            .iter()
            .map(|&p| pool.text(self.row.field(p)))
            .collect()
    }
}
