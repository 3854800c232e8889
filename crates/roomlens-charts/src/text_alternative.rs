//! The text alternative of a chart: the same figures as a small table (title, column headings,
//! rows of already formatted strings) that the page or the PDF shows for screen readers and print.
//! It does not format for a medium; cells are plain text, never markup.

/// A chart's figures as a table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChartTable {
    /// The chart's title.
    pub title: String,
    /// Column headings, with units.
    pub columns: Vec<String>,
    /// One entry per row, each with one cell per column. Missing figures are "—".
    pub rows: Vec<Vec<String>>,
    /// A sentence about the whole table when it needs one (for instance "No data").
    pub note: Option<String>,
}
