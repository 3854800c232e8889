//! What the session PDF and the report PDF share: the line at each page's foot, and a row of
//! charts placed as vector figures with their text alternatives (title and first figures) for the
//! PDF's tags. It lays out nothing else and writes no file.

use crate::chart_view::ChartView;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens_pdf::{PdfError, ReportDocument};

/// The line at each page's foot: Roomlens, what the report is of, and when it was made, in the
/// person's zone (named).
pub(crate) fn footer_line(about: &str, generated_at: Timestamp, zone: &TimeZone) -> String {
    format!(
        "Roomlens · {about} · made {} ({})",
        generated_at
            .to_zoned(zone.clone())
            .strftime("%-d %b %Y %H:%M"),
        zone.iana_name().unwrap_or("local time"),
    )
}

/// `charts` side by side in one row across the page.
pub(crate) fn place_charts(
    doc: &mut ReportDocument,
    charts: &[&ChartView],
) -> Result<(), PdfError> {
    let alts: Vec<String> = charts.iter().map(|c| alt_text(c)).collect();
    let figures: Vec<(&str, &str)> = charts
        .iter()
        .zip(&alts)
        .map(|(c, alt)| (c.svg.as_str(), alt.as_str()))
        .collect();
    doc.figures(&figures)
}

/// A chart's text alternative for the PDF's tags: its title and its first rows of figures.
fn alt_text(chart: &ChartView) -> String {
    let mut alt = chart.title.clone();
    for row in chart.rows.iter().take(12) {
        alt.push_str("; ");
        alt.push_str(&row.join(" "));
    }
    if chart.rows.len() > 12 {
        alt.push_str(&format!("; and {} more rows", chart.rows.len() - 12));
    }
    alt
}
