//! The row-by-row walk through a report file shared by every reader: finds the header (sniffing
//! the delimiter, skipping title lines, honouring Excel's `sep=` line), then hands each data row
//! that passes the structural checks (field count, size, NUL bytes, UTF-8) to the caller as text
//! fields. It counts and explains every row it rejects. It does not build typed rows or summaries.

use super::decode::{self, SourceEncoding, TextSource};
use super::header::{self, Layout};
use super::kind::ReportKind;
use super::tokenize::{Token, Tokenizer, MAX_RECORD_BYTES};
use super::value::NumberStyle;
use crate::error::{Error, ErrorCode};
use serde::Serialize;
use std::borrow::Cow;
use std::io::{Cursor, Read};

/// Longest field kept, in bytes; a row with a longer field is rejected.
pub(crate) const MAX_FIELD_BYTES: usize = 64 * 1024;
/// Warnings kept in full; the rest are counted in one closing warning.
pub(crate) const MAX_WARNINGS: usize = 1000;
/// Lines searched for the header.
const HEADER_SEARCH_LINES: usize = 10;

pub(crate) const NOT_A_REPORT: &str =
    "This file is not a Kaltura room report. Roomlens can open Room data, Attendees and Breakout room CSVs.";

/// How many data rows were read, kept and rejected. `rows_read == rows_kept + rows_rejected`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, ts_rs::TS)]
pub struct ReadStats {
    pub rows_read: u64,
    pub rows_kept: u64,
    pub rows_rejected: u64,
}

/// Something worth knowing about one line of the file: a rejected row or a value that could not
/// be read. `line` is the 1-based physical line in the file (0 for the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadWarning {
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for ReadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            f.write_str(&self.message)
        } else {
            write!(f, "line {}: {}", self.line, self.message)
        }
    }
}

/// Statistics and warnings gathered while reading.
#[derive(Debug, Default)]
pub(crate) struct ReadLog {
    pub stats: ReadStats,
    warnings: Vec<ReadWarning>,
    suppressed: u64,
    first_suppressed_line: u64,
}

impl ReadLog {
    pub fn warn(&mut self, line: u64, message: impl Into<String>) {
        if self.warnings.len() < MAX_WARNINGS {
            self.warnings.push(ReadWarning {
                line,
                message: message.into(),
            });
        } else {
            if self.suppressed == 0 {
                self.first_suppressed_line = line;
            }
            self.suppressed += 1;
        }
    }

    pub fn reject(&mut self, line: u64, message: impl Into<String>) {
        self.stats.rows_rejected += 1;
        self.warn(line, message);
    }

    pub fn finish(mut self) -> (ReadStats, Vec<ReadWarning>) {
        if self.suppressed > 0 {
            self.warnings.push(ReadWarning {
                line: self.first_suppressed_line,
                message: format!(
                    "{} more warnings like the ones above are not listed (the first of them is on this line)",
                    self.suppressed
                ),
            });
        }
        (self.stats, self.warnings)
    }
}

/// How the file is expected to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    /// Any CSV a person may have: find the header and the report it belongs to.
    AnyFile,
    /// Kaltura's API output of this report: comma, no quoting, header on the first line.
    KalturaOutput(ReportKind),
}

/// One data row that passed the structural checks.
pub(crate) struct Row<'a> {
    pub line: u64,
    text: Cow<'a, str>,
    ends: Cow<'a, [usize]>,
}

impl Row<'_> {
    /// Field `index` of the row, or "" past its end.
    pub fn field(&self, index: usize) -> &str {
        let start = match index.checked_sub(1) {
            Some(previous) => self.ends.get(previous).copied().unwrap_or(usize::MAX),
            None => 0,
        };
        let end = self.ends.get(index).copied().unwrap_or(0);
        self.text.get(start..end).unwrap_or("")
    }
}

pub(crate) struct Scanner<'a> {
    tokens: Tokenizer<Box<dyn Read + 'a>>,
    pub layout: Layout,
    pub style: NumberStyle,
    lossy_ends: Vec<usize>,
    /// The header's text without delimiters, to recognise it when it appears again (files
    /// joined one after the other).
    header_text: Vec<u8>,
    header_ends: Vec<usize>,
}

fn unreadable(e: std::io::Error) -> Error {
    Error::new(
        ErrorCode::FileUnreadable,
        "Roomlens could not read this file to the end. Check that it is still there and try again.",
    )
    .with_detail(e.to_string())
}

fn empty_file() -> Error {
    Error::new(ErrorCode::EmptyReport, "This file is empty. Roomlens can open Room data, Attendees and Breakout room CSVs exported from Kaltura.")
}

/// Splits one line into fields the way the tokenizer would.
fn split_line(line: &[u8], delimiter: u8) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(line);
    let mut record = csv::ByteRecord::new();
    match reader.read_byte_record(&mut record) {
        Ok(true) => record
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect(),
        _ => Vec::new(),
    }
}

/// Where the header is: its line number, its byte offset in the text, the delimiter, and the
/// non-blank lines before it.
struct HeaderSpot {
    line: u64,
    offset: usize,
    delimiter: u8,
    skipped: Vec<u64>,
}

/// The `sep=;` hint Excel writes on a file's first line.
fn excel_separator(line: &[u8]) -> Option<u8> {
    match line {
        [s, e, p, b'=', sep] if [s, e, p].map(u8::to_ascii_lowercase) == [b's', b'e', b'p'] => {
            [b',', b';', b'\t', b'|'].contains(sep).then_some(*sep)
        }
        _ => None,
    }
}

fn find_header(head: &[u8], head_is_all: bool) -> Result<HeaderSpot, Error> {
    let mut offset = 0usize;
    let mut lines: Vec<(u64, usize, &[u8])> = Vec::new();
    let mut number = 1u64;
    let mut rest = head;
    while lines.len() < HEADER_SEARCH_LINES && !rest.is_empty() {
        let (line, consumed, complete) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (rest.get(..i).unwrap_or_default(), i + 1, true),
            None => (rest, rest.len(), head_is_all),
        };
        if !complete {
            break;
        }
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if !line.iter().all(u8::is_ascii_whitespace) {
            lines.push((number, offset, line));
        }
        offset += consumed;
        number += 1;
        rest = rest.get(consumed..).unwrap_or_default();
    }
    let forced = lines.first().and_then(|(_, _, l)| excel_separator(l));
    let delimiters: Vec<u8> = match forced {
        Some(d) => vec![d],
        None => vec![b',', b';', b'\t'],
    };
    let mut best: Option<(usize, usize, u8)> = None;
    for (index, (_, _, line)) in lines.iter().enumerate().skip(usize::from(forced.is_some())) {
        for &delimiter in &delimiters {
            let fields = split_line(line, delimiter);
            let names: Vec<&str> = fields.iter().map(String::as_str).collect();
            if let Some(layout) = header::detect(&names) {
                if best.is_none_or(|(matched, _, _)| layout.matched() > matched) {
                    best = Some((layout.matched(), index, delimiter));
                }
            }
        }
    }
    let (_, index, delimiter) = best.ok_or_else(|| {
        let detail = if head.contains(&0) {
            "The file holds binary data (NUL bytes), not text."
        } else {
            "None of the first lines names the columns of a room report."
        };
        Error::new(ErrorCode::NotAReport, NOT_A_REPORT).with_detail(detail)
    })?;
    let (line, offset, _) = lines
        .get(index)
        .copied()
        .ok_or_else(|| Error::new(ErrorCode::NotAReport, NOT_A_REPORT))?;
    let skipped = lines.iter().take(index).map(|(n, _, _)| *n).collect();
    Ok(HeaderSpot {
        line,
        offset,
        delimiter,
        skipped,
    })
}

impl<'a> Scanner<'a> {
    /// Opens `input`, finds and reads the header. `Ok(None)` means Kaltura's output of an empty
    /// result (BOM plus an empty header line): an empty report of the expected kind.
    pub fn open<R: Read + 'a>(
        input: R,
        expect: Expect,
        log: &mut ReadLog,
    ) -> Result<Option<Scanner<'a>>, Error> {
        let TextSource {
            head,
            rest,
            was_empty,
            head_is_all,
            encoding,
        } = decode::open(input).map_err(unreadable)?;
        if was_empty {
            return Err(empty_file());
        }
        let blank = head.iter().all(u8::is_ascii_whitespace);
        let (spot, quoting) = match expect {
            Expect::AnyFile if blank && head_is_all => return Err(empty_file()),
            Expect::AnyFile => (find_header(&head, head_is_all)?, true),
            Expect::KalturaOutput(_) => (
                HeaderSpot {
                    line: 1,
                    offset: 0,
                    delimiter: b',',
                    skipped: Vec::new(),
                },
                false,
            ),
        };
        match encoding {
            SourceEncoding::Utf16 { big_endian, bom: false } => {
                let order = if big_endian { "big-endian" } else { "little-endian" };
                log.warn(0, format!("The file has no byte-order mark; it was read as UTF-16 ({order}), which its header is written in."));
            }
            SourceEncoding::Windows1252 => log.warn(
                0,
                "The file is not UTF-8; it was read as Windows-1252 (what Excel on Windows saves as \"CSV\"). Check that names with accents look right.",
            ),
            _ => {}
        }
        for line in &spot.skipped {
            log.warn(*line, "skipped: this line comes before the column headers");
        }
        let mut text: Box<dyn Read + 'a> = Box::new(Cursor::new(head).chain(rest));
        if spot.offset > 0 {
            std::io::copy(
                &mut (&mut text).take(spot.offset as u64),
                &mut std::io::sink(),
            )
            .map_err(unreadable)?;
        }
        let mut tokens = Tokenizer::new(text, spot.delimiter, quoting, spot.line);
        let header_token = tokens.next_token().map_err(unreadable)?;
        let (header_text, header_ends) = {
            let (bytes, ends) = tokens.record();
            (bytes.to_vec(), ends.to_vec())
        };
        let names: Vec<String> = match header_token {
            Some(Token::Record { .. }) => {
                let (bytes, ends) = tokens.record();
                let mut start = 0;
                ends.iter()
                    .map(|&end| {
                        let name =
                            String::from_utf8_lossy(bytes.get(start..end).unwrap_or_default())
                                .into_owned();
                        start = end;
                        name
                    })
                    .collect()
            }
            Some(_) => {
                return Err(Error::new(ErrorCode::NotAReport, NOT_A_REPORT)
                    .with_detail("The header line is too long."))
            }
            None => Vec::new(),
        };
        let names: Vec<&str> = names
            .iter()
            .map(|n| n.strip_prefix('\u{feff}').unwrap_or(n))
            .collect();
        let layout = match expect {
            Expect::AnyFile => header::detect(&names)
                .ok_or_else(|| Error::new(ErrorCode::NotAReport, NOT_A_REPORT))?,
            Expect::KalturaOutput(kind) => {
                let layout = Layout::new(kind, &names);
                if layout.width == 0 {
                    let more = tokens.next_token().map_err(unreadable)?;
                    return match more {
                        None => Ok(None),
                        Some(_) => Err(Error::new(
                            ErrorCode::NotAReport,
                            "Kaltura's answer has rows but no column names.",
                        )),
                    };
                }
                if !layout.has_identity() {
                    return Err(Error::new(
                        ErrorCode::NotAReport,
                        format!(
                            "Kaltura's answer does not have the columns of the {} report.",
                            kind.title()
                        ),
                    )
                    .with_detail(format!("Columns: {}", names.join(","))));
                }
                layout
            }
        };
        for note in &layout.notes {
            log.warn(spot.line, note.clone());
        }
        let style = NumberStyle {
            decimal_comma: spot.delimiter != b',',
        };
        Ok(Some(Scanner {
            tokens,
            layout,
            style,
            lossy_ends: Vec::new(),
            header_text,
            header_ends,
        }))
    }

    /// The next data row that passed the structural checks; rejected rows are counted and
    /// explained in `log` and skipped. `None` at the end of the file.
    pub fn next_row(&mut self, log: &mut ReadLog) -> Result<Option<Row<'_>>, Error> {
        let line = loop {
            let token = match self.tokens.next_token().map_err(unreadable)? {
                None => return Ok(None),
                Some(t) => t,
            };
            log.stats.rows_read += 1;
            match token {
                Token::Record { line, .. } => {
                    let (bytes, ends) = self.tokens.record();
                    if let Some(problem) = structural_problem(bytes, ends, self.layout.width) {
                        log.reject(line, problem);
                    } else if self.is_header_again(bytes, ends) {
                        log.reject(
                            line,
                            "the column headers appear again (files joined together?); row skipped",
                        );
                    } else {
                        break line;
                    }
                }
                Token::TooLong { line, lines } => log.reject(line, too_long_message(lines)),
                Token::TooManyFields { line, .. } => log.reject(
                    line,
                    "the row has far more fields than the header; row skipped",
                ),
            }
        };
        let (bytes, ends) = self.tokens.record();
        let row = match std::str::from_utf8(bytes) {
            Ok(text) => Row {
                line,
                text: Cow::Borrowed(text),
                ends: Cow::Borrowed(ends),
            },
            Err(_) => {
                log.warn(line, "the row is not valid UTF-8 text; unreadable characters were replaced with \u{FFFD}");
                let mut text = String::with_capacity(bytes.len());
                self.lossy_ends.clear();
                let mut start = 0;
                for &end in ends {
                    text.push_str(&String::from_utf8_lossy(
                        bytes.get(start..end).unwrap_or_default(),
                    ));
                    self.lossy_ends.push(text.len());
                    start = end;
                }
                Row {
                    line,
                    text: Cow::Owned(text),
                    ends: Cow::Borrowed(&self.lossy_ends),
                }
            }
        };
        Ok(Some(row))
    }
}

impl Scanner<'_> {
    /// Whether a record repeats the header line, with or without a byte-order mark before it.
    fn is_header_again(&self, bytes: &[u8], ends: &[usize]) -> bool {
        let (bytes, shift) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (rest, 3),
            None => (bytes, 0),
        };
        bytes == self.header_text.as_slice()
            && ends.len() == self.header_ends.len()
            && ends
                .iter()
                .zip(&self.header_ends)
                .all(|(&e, &h)| e.checked_sub(shift) == Some(h))
    }
}

/// Why a record cannot be a data row, if it cannot: wrong field count (extra trailing fields
/// are fine when empty), an over-long field, NUL bytes, or nothing but blanks.
fn structural_problem(bytes: &[u8], ends: &[usize], width: usize) -> Option<String> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Some("the row is empty; row skipped".to_owned());
    }
    let surplus_empty = ends
        .get(width.saturating_sub(1)..)
        .is_some_and(|tail| tail.iter().zip(tail.iter().skip(1)).all(|(a, b)| a == b));
    if ends.len() < width || (ends.len() > width && !surplus_empty) {
        let fields = if ends.len() == 1 { "field" } else { "fields" };
        return Some(format!(
            "the row has {} {fields} but the header has {}; row skipped",
            ends.len(),
            width
        ));
    }
    let mut start = 0;
    let long_field = ends.iter().any(|&end| {
        let long = end.saturating_sub(start) > MAX_FIELD_BYTES;
        start = end;
        long
    });
    if long_field {
        return Some(format!(
            "a field is longer than {} KiB; row skipped",
            MAX_FIELD_BYTES / 1024
        ));
    }
    if bytes.contains(&0) {
        return Some("the row holds binary data (NUL bytes); row skipped".to_owned());
    }
    None
}

fn too_long_message(lines: u64) -> String {
    let size = MAX_RECORD_BYTES / (1024 * 1024);
    if lines > 1 {
        format!(
            "the row is longer than {size} MiB and runs over {lines} lines (a quote that is never closed?); row skipped"
        )
    } else {
        format!("the row is longer than {size} MiB; row skipped")
    }
}
