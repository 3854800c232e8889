//! The one error type of this crate: a stable code the page and scripts can branch on, and a
//! sentence for a person. Drawing failures inside plotters end up here instead of a panic.
//! It does not decide how the error is shown (banner, log line); the callers do.

use std::fmt;

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChartError {
    /// The bundled font could not be read by the font engine (a broken build, not user data).
    FontUnavailable,
    /// Width or height is zero or larger than [`crate::Size::MAX_SIDE`].
    InvalidSize { width: u32, height: u32 },
    /// The input cannot be drawn as given (for example a date that does not exist).
    InvalidInput { detail: String },
    /// plotters reported an error while drawing.
    Drawing { detail: String },
    /// A PNG was asked for at a scale that is not a number from [`crate::PNG_MIN_SCALE`] to
    /// [`crate::PNG_MAX_SCALE`] (the scale as given, written out).
    InvalidScale { scale: String },
    /// The PNG would be wider or taller than [`crate::PNG_MAX_SIDE`] or have more than
    /// [`crate::PNG_MAX_PIXELS`] pixels (its size in pixels).
    ImageTooLarge { width: u64, height: u64 },
    /// The SVG given for a PNG could not be read (not SVG, or not well-formed).
    InvalidSvg { detail: String },
    /// The PNG could not be drawn or encoded.
    Rasterising { detail: String },
}

impl ChartError {
    /// A stable name for the error, never translated or reworded.
    pub fn code(&self) -> &'static str {
        match self {
            ChartError::FontUnavailable => "chart_font_unavailable",
            ChartError::InvalidSize { .. } => "chart_size_invalid",
            ChartError::InvalidInput { .. } => "chart_input_invalid",
            ChartError::Drawing { .. } => "chart_drawing_failed",
            ChartError::InvalidScale { .. } => "chart_png_scale_invalid",
            ChartError::ImageTooLarge { .. } => "chart_png_too_large",
            ChartError::InvalidSvg { .. } => "chart_svg_invalid",
            ChartError::Rasterising { .. } => "chart_png_failed",
        }
    }

    /// A sentence a person can read.
    pub fn message(&self) -> String {
        match self {
            ChartError::FontUnavailable => {
                "The chart could not be drawn because Roomlens's bundled font could not be read."
                    .to_owned()
            }
            ChartError::InvalidSize { width, height } => format!(
                "A chart of {width} × {height} pixels cannot be drawn; each side must be between 1 and {} pixels.",
                crate::Size::MAX_SIDE
            ),
            ChartError::InvalidInput { detail } => {
                format!("The chart could not be drawn from this data: {detail}.")
            }
            ChartError::Drawing { detail } => {
                format!("The chart could not be drawn ({detail}).")
            }
            ChartError::InvalidScale { scale } => format!(
                "The chart cannot be saved as a picture at scale {scale}; the scale must be between {} and {}.",
                crate::PNG_MIN_SCALE,
                crate::PNG_MAX_SCALE
            ),
            ChartError::ImageTooLarge { width, height } => format!(
                "A picture of {width} × {height} pixels is too large to save; it may be at most {} pixels wide or tall and {} million pixels in all. Choose a smaller scale.",
                crate::PNG_MAX_SIDE,
                crate::PNG_MAX_PIXELS / 1_000_000
            ),
            ChartError::InvalidSvg { detail } => {
                format!("The chart could not be saved as a picture because its SVG could not be read ({detail}).")
            }
            ChartError::Rasterising { detail } => {
                format!("The chart could not be saved as a picture ({detail}).")
            }
        }
    }
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (code: {})", self.message(), self.code())
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<plotters::drawing::DrawingAreaErrorKind<E>>
    for ChartError
{
    fn from(error: plotters::drawing::DrawingAreaErrorKind<E>) -> Self {
        ChartError::Drawing {
            detail: error.to_string(),
        }
    }
}
