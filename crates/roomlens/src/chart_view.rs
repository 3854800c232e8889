//! A drawn chart as the window, the command line and the PDFs take it (its SVG, size and text
//! alternative, and for the timeline where its points are), and its bytes as an SVG or PNG file.
//! Shared by the session dashboard and the custom reports; it draws no chart and writes no file.

use crate::error::{Error, ErrorCode};
use roomlens_charts::{Chart, Size};
use serde::{Deserialize, Serialize};

/// Light or dark, as the charts are drawn.
pub use roomlens_charts::ThemeKind;

/// One chart for the page, the command line and the PDFs.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ChartView {
    /// A self-contained SVG document; user text in it is escaped.
    pub svg: String,
    pub width: u32,
    pub height: u32,
    /// The text alternative: a title, headings and formatted rows.
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub note: Option<String>,
    /// For the timeline: per minute, where its points are, in SVG units.
    pub points: Vec<ChartPoint>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, ts_rs::TS)]
pub struct ChartPoint {
    pub x: f64,
    pub y_viewers: Option<f64>,
    pub y_engagement: Option<f64>,
}

/// The file types a chart is saved as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ImageFormat {
    /// The chart as drawn: sharp at any size, editable.
    Svg,
    /// A picture at twice the chart's size, for documents, slides and e-mail.
    Png,
}

impl ImageFormat {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
        }
    }
}

/// How much larger than its size on screen a chart is saved as PNG.
pub const PNG_SCALE: f32 = 2.0;

/// The bytes of `chart` as a file of `format`.
pub fn chart_file_bytes(chart: &ChartView, format: ImageFormat) -> Result<Vec<u8>, Error> {
    match format {
        ImageFormat::Svg => Ok(chart.svg.clone().into_bytes()),
        ImageFormat::Png => roomlens_charts::svg_to_png(&chart.svg, PNG_SCALE).map_err(|e| {
            Error::new(
                ErrorCode::Internal,
                "Roomlens could not make a picture of this chart.",
            )
            .with_detail(format!("{}: {}", e.code(), e.message()))
        }),
    }
}

/// A drawn chart for the page: its SVG, size and text alternative.
pub(crate) fn chart_view(chart: Chart, size: Size, points: Vec<ChartPoint>) -> ChartView {
    ChartView {
        svg: chart.svg,
        width: size.width,
        height: size.height,
        title: chart.alt.title,
        columns: chart.alt.columns,
        rows: chart.alt.rows,
        note: chart.alt.note,
        points,
    }
}
