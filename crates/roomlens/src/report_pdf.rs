//! A custom report (Room data, Attendees, Breakout rooms) as a PDF: what it is and where it came
//! from, its summary cards, its charts as vectors, and its table — every row, or the first pages
//! and how many more rows the CSV holds — on landscape pages, times in the person's zone (named),
//! ratios as percentages.
//! The cards and columns are `table_view`'s and the charts the Reports screen's (`report_charts`,
//! over every row); this words and formats them for print, computes no figure and writes no file.

use crate::cancel::CancelToken;
use crate::chart_view::ChartView;
use crate::error::{Error, ErrorCode};
use crate::pdf_parts::{footer_line, place_charts};
use crate::report_charts::report_charts_of;
use crate::reports::ReportRows;
use crate::table_view::{
    cell, columns_of, summary_cards_of, CardFormat, CardValue, CellRef, ColumnType,
};
use crate::wording::{count, decimal, hours, minutes};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens_pdf::{Align, Card, Column, PdfError, ReportDocument};

pub use roomlens_pdf::Paper;

/// What the PDF needs besides the report.
#[derive(Debug, Clone)]
pub struct ReportPdfOptions {
    pub paper: Paper,
    pub zone: TimeZone,
    /// Where the rows came from, as a sentence: "Fetched from Demo for 1 Mar – 30 Mar 2026" or
    /// "Opened from attendees.csv".
    pub source: String,
    /// The filters the report was fetched with, in words ("room ID 1_a, 1_b"); `None` for none.
    pub filters: Option<String>,
    pub generated_at: Timestamp,
    /// The table on at most this many pages (`None`: every row).
    pub table_pages: Option<usize>,
}

/// Rows formatted for a table of at most `pages` pages: enough to fill them at the smallest
/// row height, so a 1,000,000-row report does not format rows it will not print.
const ROWS_A_PAGE_AT_MOST: usize = 60;

fn pdf_error(error: &PdfError) -> Error {
    Error::new(
        ErrorCode::Internal,
        "Roomlens could not make the PDF of this report.",
    )
    .with_detail(format!("{}: {}", error.code(), error.message()))
}

fn local(seconds: i64, zone: &TimeZone, format: &str) -> String {
    Timestamp::from_second(seconds).map_or_else(
        |_| seconds.to_string(),
        |t| t.to_zoned(zone.clone()).strftime(format).to_string(),
    )
}

fn card_value(value: &CardValue, format: CardFormat, zone: &TimeZone) -> String {
    let number = |x: f64| match format {
        CardFormat::Percent => format!("{}%", decimal(x * 100.0)),
        CardFormat::Minutes => minutes(x),
        CardFormat::Hours => hours(x),
        CardFormat::Seconds => format!("{} s", decimal(x)),
        _ => decimal(x),
    };
    match value {
        CardValue::Count(n) => match format {
            CardFormat::Count | CardFormat::Text | CardFormat::DateSpan => count(*n),
            _ => number(*n as f64),
        },
        CardValue::Number(x) => number(*x),
        CardValue::Text(text) => text.clone(),
        CardValue::Span { from, to } => format!(
            "{} – {}",
            local(*from, zone, "%-d %b %Y"),
            local(*to, zone, "%-d %b %Y")
        ),
        CardValue::Missing => "—".to_owned(),
    }
}

fn cell_text(value: Option<CellRef<'_>>, column_type: ColumnType, zone: &TimeZone) -> String {
    match value {
        None => String::new(),
        Some(CellRef::Text(text)) => text.to_owned(),
        Some(CellRef::Whole(Some(n))) if column_type == ColumnType::Time => {
            local(n, zone, "%Y-%m-%d %H:%M")
        }
        Some(CellRef::Whole(Some(n))) => n.to_string(),
        Some(CellRef::Count(Some(n))) => count(n),
        Some(CellRef::Decimal(Some(x))) if column_type == ColumnType::Ratio => {
            format!("{}%", decimal(x * 100.0))
        }
        Some(CellRef::Decimal(Some(x))) => decimal(x),
        Some(CellRef::Whole(None) | CellRef::Count(None) | CellRef::Decimal(None)) => String::new(),
    }
}

/// The PDF of `report`; `cancel` stops it while the rows are formatted and laid out.
pub fn report_pdf(
    report: &dyn ReportRows,
    options: &ReportPdfOptions,
    cancel: &CancelToken,
) -> Result<Vec<u8>, Error> {
    let zone = &options.zone;
    let zone_name = zone.iana_name().unwrap_or("local time");
    let title = format!("{} report", report.kind().title());
    let footer = footer_line(&options.source, options.generated_at, zone);
    let mut doc = ReportDocument::new(options.paper, &title, "en", &footer)
        .map_err(|e| pdf_error(&e))?
        .landscape();
    doc.title(&title);
    let filtered = options
        .filters
        .as_ref()
        .map(|f| format!(", filtered by {f}"))
        .unwrap_or_default();
    doc.paragraph(&format!(
        "{}{filtered}. Times in {zone_name}. {} rows.",
        options.source,
        count(report.len() as u64)
    ));
    let cards: Vec<Card> = summary_cards_of(report, cancel)?
        .iter()
        .map(|c| Card {
            label: c.label.clone(),
            value: card_value(&c.value, c.format, zone),
            note: c.note.as_ref().map(|n| n.plain_text()).unwrap_or_default(),
        })
        .collect();
    doc.cards(&cards);

    doc.heading("Charts");
    let charts = report_charts_of(report, None, zone, false, cancel)?;
    for pair in charts.chunks(2) {
        let row: Vec<&ChartView> = pair.iter().map(|c| &c.chart).collect();
        place_charts(&mut doc, &row).map_err(|e| pdf_error(&e))?;
    }
    if cancel.is_cancelled() {
        return Err(Error::cancelled());
    }

    let info = columns_of(report.kind(), report.extra_columns());
    let table_columns: Vec<Column> = info
        .iter()
        .map(|c| Column {
            heading: c.label.clone(),
            weight: if c.wide { 2.0 } else { 1.0 },
            align: if c.numeric { Align::Right } else { Align::Left },
        })
        .collect();
    let wanted = options
        .table_pages
        .map_or(report.len(), |pages| {
            pages.saturating_mul(ROWS_A_PAGE_AT_MOST)
        })
        .min(report.len());
    // The first rows only: of a report read from the library, no more than those are read.
    let first: Vec<usize> = (0..wanted).collect();
    let first = report.rows_at(&first)?;
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(wanted);
    for row in 0..first.len() {
        if row % 1024 == 1023 && cancel.is_cancelled() {
            return Err(Error::cancelled());
        }
        rows.push(
            info.iter()
                .enumerate()
                .map(|(column, c)| cell_text(cell(&first, row, column), c.column_type, zone))
                .collect(),
        );
    }
    doc.heading(&format!(
        "The {} rows",
        report.kind().title().to_lowercase()
    ));
    let placed = doc.table_within(
        &table_columns,
        &rows,
        options.table_pages.unwrap_or(usize::MAX),
        &|| cancel.is_cancelled(),
    );
    if cancel.is_cancelled() {
        return Err(Error::cancelled());
    }
    let left = report.len().saturating_sub(placed);
    if left > 0 {
        doc.note(&format!(
            "{} more rows in the CSV: save the report as CSV for every row.",
            count(left as u64)
        ));
    }
    doc.finish().map_err(|e| pdf_error(&e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::AttendeeRow;
    use crate::reports::Report;

    fn attendees(n: usize) -> Report {
        Report::Attendees {
            rows: (0..n)
                .map(|i| AttendeeRow {
                    entry_id: "1_room".into(),
                    cue_point_id: format!("cp{}", i % 5).into(),
                    user_id: format!("u{i}").into(),
                    user_name: format!("Person {i}").into(),
                    user_email: format!("p{i}@example.org").into(),
                    user_type: "Attendee".into(),
                    meeting_view_time: Some(i as f64 % 90.0),
                    meeting_engaged_play_time_ratio: Some(0.5),
                    extra: vec![],
                })
                .collect(),
            extra_columns: vec![],
        }
    }

    fn options(pages: Option<usize>) -> ReportPdfOptions {
        ReportPdfOptions {
            paper: Paper::A4,
            zone: TimeZone::UTC,
            source: "Opened from test.csv".to_owned(),
            filters: None,
            generated_at: Timestamp::UNIX_EPOCH,
            table_pages: pages,
        }
    }

    #[test]
    fn a_page_limit_makes_a_smaller_file_and_cancel_stops_it() {
        let report = attendees(3000);
        let every = report_pdf(&report, &options(None), &CancelToken::new()).unwrap();
        let first = report_pdf(&report, &options(Some(2)), &CancelToken::new()).unwrap();
        assert!(every.starts_with(b"%PDF-") && first.starts_with(b"%PDF-"));
        assert!(
            first.len() * 5 < every.len(),
            "{} vs {}",
            first.len(),
            every.len()
        );
        let cancel = CancelToken::new();
        cancel.cancel();
        let error = report_pdf(&report, &options(None), &cancel).unwrap_err();
        assert_eq!(error.code, ErrorCode::Cancelled);
    }

    #[test]
    fn cells_are_written_for_people() {
        let zone = TimeZone::UTC;
        assert_eq!(
            cell_text(
                Some(CellRef::Decimal(Some(0.755))),
                ColumnType::Ratio,
                &zone
            ),
            "75.5%"
        );
        assert_eq!(
            cell_text(
                Some(CellRef::Whole(Some(1_772_000_000))),
                ColumnType::Time,
                &zone
            ),
            "2026-02-25 06:13"
        );
        assert_eq!(
            cell_text(Some(CellRef::Count(Some(12_345))), ColumnType::Count, &zone),
            "12,345"
        );
        assert_eq!(
            cell_text(Some(CellRef::Decimal(None)), ColumnType::Minutes, &zone),
            ""
        );
        assert_eq!(
            cell_text(
                Some(CellRef::Text("=cmd|' /C calc'!A0")),
                ColumnType::Text,
                &zone
            ),
            "=cmd|' /C calc'!A0"
        );
        assert_eq!(
            card_value(&CardValue::Number(0.5), CardFormat::Percent, &zone),
            "50%"
        );
        assert_eq!(
            card_value(&CardValue::Missing, CardFormat::Count, &zone),
            "—"
        );
    }
}
