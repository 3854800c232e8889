//! Writing a report as CSV for spreadsheets and other tools: descriptive or raw headers, optional
//! UTF-8 BOM (Excel), comma/semicolon/tab, RFC 4180 quoting where needed, and text cells that a
//! spreadsheet would run as a formula neutralised by default (OWASP "CSV injection"). Files are
//! written atomically. Times stay Unix seconds so that what is written reads back unchanged.
//! It does not read or summarise reports.

use crate::atomic_file::{write_error, AtomicFile};
use crate::cancel::CancelToken;
use crate::error::Error;
use crate::reports::schema::Value;
use crate::reports::{Report, ReportRow, ReportRows};
use std::io::Write;
use std::path::Path;

/// Which names the header row uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum HeaderStyle {
    /// "Room ID", "Participation time (minutes)", …
    Friendly,
    /// Kaltura's names: `entry_id`, `meeting_view_time`, …
    Raw,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ExportOptions {
    pub headers: HeaderStyle,
    /// Start with a UTF-8 byte-order mark so Excel reads the file as UTF-8.
    pub bom: bool,
    pub delimiter: Delimiter,
    /// Prefix `'` to text cells starting with `=`, `+`, `-`, `@`, tab or CR.
    pub neutralise_formulas: bool,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            headers: HeaderStyle::Friendly,
            bom: true,
            delimiter: Delimiter::Comma,
            neutralise_formulas: true,
        }
    }
}

/// Writes `report` (held, or read from the library a piece at a time) to `path` atomically: the
/// file appears complete or not at all, and a cancelled or failed write leaves nothing.
pub fn write_report_csv(
    report: &dyn ReportRows,
    options: &ExportOptions,
    path: &Path,
    cancel: &CancelToken,
) -> Result<(), Error> {
    let mut file = AtomicFile::create(path)?;
    let mut writer =
        csv_writer(report, options, &mut file).map_err(|e| write_error(path, &e.to_string()))?;
    report.for_each_piece(None, cancel, &mut |_, piece| {
        write_piece(piece, options, &mut writer).map_err(|e| write_error(path, &e.to_string()))
    })?;
    writer
        .flush()
        .map_err(|e| write_error(path, &e.to_string()))?;
    drop(writer);
    file.commit()
}

/// The CSV text of `report`, as `write_report_csv` would write it.
pub fn report_csv_bytes(report: &Report, options: &ExportOptions) -> Vec<u8> {
    let mut bytes = Vec::new();
    let written = write_csv(report, options, &mut bytes);
    debug_assert!(written.is_ok(), "writing to memory cannot fail");
    bytes
}

/// The CSV text of a table that is not a room report (a dashboard's attendees, countries…):
/// `header` then `rows`, text cells neutralised as `options` say, numbers given as text.
pub fn table_csv_bytes(
    header: &[String],
    rows: &[Vec<String>],
    options: &ExportOptions,
) -> Vec<u8> {
    let mut bytes = Vec::new();
    if options.bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(options.delimiter.byte())
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .flexible(true)
        .from_writer(&mut bytes);
    for record in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        // Numbers stay as they are (a negative number is no formula); text is neutralised.
        let cells: Vec<std::borrow::Cow<'_, str>> = record
            .iter()
            .map(|c| {
                if c.parse::<f64>().is_ok() {
                    c.as_str().into()
                } else {
                    text_out(c, options)
                }
            })
            .collect();
        let written = writer.write_record(cells.iter().map(|c| c.as_bytes()));
        debug_assert!(written.is_ok(), "writing to memory cannot fail");
    }
    drop(writer);
    bytes
}

/// Whether a spreadsheet would treat `text` as a formula (OWASP CSV injection).
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Text from the report or the file it came from, as written: with a leading `'` when it looks
/// like a formula and neutralising is on.
fn text_out<'t>(text: &'t str, options: &ExportOptions) -> std::borrow::Cow<'t, str> {
    if options.neutralise_formulas && looks_like_formula(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// One cell of a row as written: text from the report (neutralised when it looks like a
/// formula) or a number as Rust writes it (what reads back unchanged); empty when missing.
fn cell_out<'r, R: ReportRow>(
    value: &Value<R>,
    row: &'r R,
    options: &ExportOptions,
) -> std::borrow::Cow<'r, str> {
    fn number<T: ToString>(value: Option<T>) -> std::borrow::Cow<'static, str> {
        value.map(|v| v.to_string()).unwrap_or_default().into()
    }
    match value {
        Value::Text(get, _) => text_out(get(row), options),
        Value::Whole(get, _) => number(get(row)),
        Value::Count(get, _) => number(get(row)),
        Value::Decimal(get, _) => number(get(row)),
    }
}

/// Writes every row of one report's table, its extra columns last.
fn write_rows<R: ReportRow, W: Write>(
    rows: &[R],
    options: &ExportOptions,
    writer: &mut csv::Writer<W>,
) -> Result<(), csv::Error> {
    let mut record: Vec<std::borrow::Cow<'_, str>> = Vec::new();
    for row in rows {
        record.clear();
        record.extend(R::VALUES.iter().map(|v| cell_out(v, row, options)));
        record.extend(row.extra().iter().map(|e| text_out(e, options)));
        writer.write_record(record.iter().map(|c| c.as_bytes()))?;
    }
    Ok(())
}

fn write_csv<W: Write>(report: &Report, options: &ExportOptions, out: W) -> Result<(), csv::Error> {
    let mut writer = csv_writer(report, options, out)?;
    write_piece(report, options, &mut writer)?;
    writer.flush()?;
    Ok(())
}

/// A CSV writer over `out` that has written the BOM (when asked) and the header row of `report`.
fn csv_writer<W: Write>(
    report: &dyn ReportRows,
    options: &ExportOptions,
    mut out: W,
) -> Result<csv::Writer<W>, csv::Error> {
    if options.bom {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(options.delimiter.byte())
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .flexible(false)
        .from_writer(out);
    let names = report
        .kind()
        .columns()
        .iter()
        .map(|c| match options.headers {
            HeaderStyle::Friendly => c.label,
            HeaderStyle::Raw => c.raw,
        });
    // The extra columns' names come from the file read, so they are neutralised like its text.
    let extra_names = report
        .extra_columns()
        .iter()
        .map(|name| text_out(name, options));
    let header: Vec<std::borrow::Cow<'_, str>> = names.map(Into::into).chain(extra_names).collect();
    writer.write_record(header.iter().map(|c| c.as_bytes()))?;
    Ok(writer)
}

/// Writes the rows of `piece` (a whole report, or a piece of one).
fn write_piece<W: Write>(
    piece: &Report,
    options: &ExportOptions,
    writer: &mut csv::Writer<W>,
) -> Result<(), csv::Error> {
    match piece {
        Report::RoomData { rows, .. } => write_rows(rows, options, writer),
        Report::Attendees { rows, .. } => write_rows(rows, options, writer),
        Report::Breakouts { rows, .. } => write_rows(rows, options, writer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::AttendeeRow;

    fn one_attendee(name: &str, minutes: Option<f64>) -> Report {
        Report::Attendees {
            rows: vec![AttendeeRow {
                entry_id: "1_a".into(),
                cue_point_id: "cp".into(),
                user_id: "u1".into(),
                user_name: name.into(),
                meeting_view_time: minutes,
                meeting_engaged_play_time_ratio: Some(0.25),
                extra: vec!["-5".into()],
                ..Default::default()
            }],
            extra_columns: vec!["Note".into()],
        }
    }

    #[test]
    fn defaults_write_friendly_headers_bom_and_neutralised_text() {
        let bytes = report_csv_bytes(
            &one_attendee("=HYPERLINK(\"x\")", Some(12.5)),
            &ExportOptions::default(),
        );
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(
            text,
            "\u{feff}Room ID,Session ID,User ID,User name,User email,User role,Participation time (minutes),User engagement rate,Note\r\n\
             1_a,cp,u1,\"'=HYPERLINK(\"\"x\"\")\",,,12.5,0.25,'-5\r\n"
        );
    }

    #[test]
    fn raw_headers_semicolons_and_no_neutralising() {
        let options = ExportOptions {
            headers: HeaderStyle::Raw,
            bom: false,
            delimiter: Delimiter::Semicolon,
            neutralise_formulas: false,
        };
        let text =
            String::from_utf8(report_csv_bytes(&one_attendee("a;b", None), &options)).unwrap();
        assert_eq!(
            text,
            "entry_id;cue_point_id;user_id;user_name;user_email;user_type;meeting_view_time;meeting_engaged_play_time_ratio;Note\r\n\
             1_a;cp;u1;\"a;b\";;;;0.25;-5\r\n"
        );
    }

    #[test]
    fn a_formula_looking_extra_column_name_is_neutralised_too() {
        let mut report = one_attendee("Ada", None);
        if let Report::Attendees { extra_columns, .. } = &mut report {
            *extra_columns = vec!["=cmd|' /C calc'!A0".into()];
        }
        let text = String::from_utf8(report_csv_bytes(&report, &ExportOptions::default())).unwrap();
        let header = text.lines().next().unwrap();
        assert!(header.ends_with(",'=cmd|' /C calc'!A0"), "{header}");
        let allowed = ExportOptions {
            neutralise_formulas: false,
            ..ExportOptions::default()
        };
        let text = String::from_utf8(report_csv_bytes(&report, &allowed)).unwrap();
        assert!(text
            .lines()
            .next()
            .unwrap()
            .ends_with(",=cmd|' /C calc'!A0"));
    }

    #[test]
    fn tables_neutralise_text_but_not_numbers() {
        let header = vec!["Name".to_owned(), "Minutes".to_owned()];
        let rows = vec![
            vec!["=HYPERLINK(\"x\")".to_owned(), "-5".to_owned()],
            vec!["Ann, Lee".to_owned(), "12.5".to_owned()],
        ];
        let text =
            String::from_utf8(table_csv_bytes(&header, &rows, &ExportOptions::default())).unwrap();
        assert_eq!(
            text,
            "\u{feff}Name,Minutes\r\n\"'=HYPERLINK(\"\"x\"\")\",-5\r\n\"Ann, Lee\",12.5\r\n"
        );
    }

    #[test]
    fn formula_starts() {
        for t in ["=1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(looks_like_formula(t), "{t:?}");
        }
        for t in ["", "a=1", " =1", "'=1"] {
            assert!(!looks_like_formula(t), "{t:?}");
        }
    }
}
