//! Why a PDF could not be made, with a stable code for the caller to branch on and a message
//! written for the person who asked for the file. It does not decide how the error is shown.

/// A PDF that could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// A bundled font could not be read (a broken build).
    FontUnavailable,
    /// A chart's SVG could not be read.
    InvalidFigure { detail: String },
    /// The PDF library refused the document.
    Writing { detail: String },
}

impl PdfError {
    /// A stable code: `pdf_font_unavailable`, `pdf_figure_invalid` or `pdf_write_failed`.
    pub fn code(&self) -> &'static str {
        match self {
            PdfError::FontUnavailable => "pdf_font_unavailable",
            PdfError::InvalidFigure { .. } => "pdf_figure_invalid",
            PdfError::Writing { .. } => "pdf_write_failed",
        }
    }

    /// What happened, in plain words, with the technical detail last.
    pub fn message(&self) -> String {
        match self {
            PdfError::FontUnavailable => {
                "The PDF could not be made: the font built into Roomlens could not be read."
                    .to_owned()
            }
            PdfError::InvalidFigure { detail } => {
                format!("The PDF could not be made: a chart could not be read ({detail}).")
            }
            PdfError::Writing { detail } => {
                format!("The PDF could not be written ({detail}).")
            }
        }
    }
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for PdfError {}
