//! Roomlens's PDF reports, laid out and written here: a title, headings, paragraphs, figure cards,
//! charts (the charts' SVG drawn as vectors, their text kept as text) and long tables whose header
//! repeats on each page, on A4 or US Letter, with a footer and page numbers. Text is searchable,
//! fonts are embedded and subset, and the document is tagged (headings, paragraphs, figures with
//! their text alternative, tables) for screen readers. It knows nothing of Kaltura or sessions:
//! callers say what goes on the pages; it writes bytes, never files.

mod error;
mod layout;
mod page_items;
mod paper;
mod text_metrics;
mod writer;

pub use error::PdfError;
pub use layout::{Align, Card, Column, ReportDocument};
pub use paper::Paper;
