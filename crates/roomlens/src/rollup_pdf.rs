//! A library rollup (people, rooms over time, attention, breakouts) as a PDF: its title, what it
//! counts (the range, the room, how many snapshots) and the time zone, its charts as vectors, then
//! its table worded for print on landscape pages with the headers repeated. The tables are
//! `rollup_tables`' and the charts `rollup_charts`'; this lays them out and writes no file.

use crate::cancel::CancelToken;
use crate::chart_view::ChartView;
use crate::error::{Error, ErrorCode};
use crate::pdf_parts::{footer_line, place_charts};
use crate::rollup_tables::RollupTable;
use crate::wording::count;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens_pdf::{Align, Column, PdfError, ReportDocument};

pub use roomlens_pdf::Paper;

/// What the PDF says besides its table.
#[derive(Debug, Clone)]
pub struct RollupPdfOptions {
    pub paper: Paper,
    pub zone: TimeZone,
    /// What the rows count, as a sentence: "Everything kept in the library, the last 90 days."
    pub about: String,
    pub generated_at: Timestamp,
}

fn pdf_error(error: &PdfError) -> Error {
    Error::new(
        ErrorCode::Internal,
        "Roomlens could not make the PDF of this table.",
    )
    .with_detail(format!("{}: {}", error.code(), error.message()))
}

/// The PDF of `table` (cells worded for print) with `charts` above it, two to a row.
pub fn rollup_pdf(
    table: &RollupTable,
    charts: &[ChartView],
    options: &RollupPdfOptions,
    cancel: &CancelToken,
) -> Result<Vec<u8>, Error> {
    let zone_name = options.zone.iana_name().unwrap_or("local time");
    let footer = footer_line(&table.title, options.generated_at, &options.zone);
    let mut doc = ReportDocument::new(options.paper, &table.title, "en", &footer)
        .map_err(|e| pdf_error(&e))?
        .landscape();
    doc.title(&table.title);
    doc.paragraph(&format!(
        "{} Times in {zone_name}. {} rows.",
        options.about.trim_end(),
        count(table.rows.len() as u64)
    ));
    for pair in charts.chunks(2) {
        let row: Vec<&ChartView> = pair.iter().collect();
        place_charts(&mut doc, &row).map_err(|e| pdf_error(&e))?;
    }
    let columns: Vec<Column> = table
        .columns
        .iter()
        .map(|c| Column {
            heading: c.label.to_owned(),
            weight: if c.wide { 2.0 } else { 1.0 },
            align: if c.numeric { Align::Right } else { Align::Left },
        })
        .collect();
    if table.rows.is_empty() {
        doc.note("Nothing in the library matches. Fetch or open reports for this range first.");
    } else {
        doc.table_within(&columns, &table.rows, usize::MAX, &|| cancel.is_cancelled());
    }
    if cancel.is_cancelled() {
        return Err(Error::cancelled());
    }
    doc.finish().map_err(|e| pdf_error(&e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::rollups::PersonRollup;
    use crate::rollup_tables::{people_table, CellStyle};

    fn options() -> RollupPdfOptions {
        RollupPdfOptions {
            paper: Paper::A4,
            zone: TimeZone::UTC,
            about: "Everything kept in the library.".to_owned(),
            generated_at: Timestamp::UNIX_EPOCH,
        }
    }

    #[test]
    fn a_table_of_people_makes_a_pdf_and_cancel_stops_it() {
        let people: Vec<PersonRollup> = (0..500)
            .map(|i| PersonRollup {
                person: format!("u{i}"),
                user_id: format!("u{i}"),
                email: format!("p{i}@example.org"),
                name: format!("Person {i}"),
                sessions: i,
                rooms: 1,
                minutes: i as f64,
                engagement_pct: Some(50.0),
                first_seen: None,
                last_seen: None,
                roles: vec![],
            })
            .collect();
        let table = people_table(&people, &TimeZone::UTC, CellStyle::Print);
        let pdf = rollup_pdf(&table, &[], &options(), &CancelToken::new()).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let cancel = CancelToken::new();
        cancel.cancel();
        let error = rollup_pdf(&table, &[], &options(), &cancel).unwrap_err();
        assert_eq!(error.code, ErrorCode::Cancelled);
        let empty = people_table(&[], &TimeZone::UTC, CellStyle::Print);
        assert!(rollup_pdf(&empty, &[], &options(), &CancelToken::new())
            .unwrap()
            .starts_with(b"%PDF-"));
    }
}
