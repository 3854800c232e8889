//! The bundled font (DejaVu Sans, licence in `fonts/DejaVuSans-LICENSE.txt`), compiled into the
//! binary and registered with plotters once as its `sans-serif` family, so text is measured the same
//! on every OS without fontconfig or any system font. It does not render glyphs: the SVG names the
//! family and whoever draws the SVG (browser, krilla-svg, `svg_to_png`) supplies the font.

use std::sync::OnceLock;

use plotters::style::FontStyle;

use crate::error::ChartError;

/// The font file's bytes, for callers that must draw the SVG with the same font (the PDF export
/// loads them into usvg's font database as its `sans-serif` family).
pub const BUNDLED_FONT: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// The family name plotters writes into the SVG's `font-family` attributes.
pub const FONT_FAMILY: &str = "sans-serif";

static REGISTERED: OnceLock<bool> = OnceLock::new();

/// Registers the bundled font with plotters. Every chart function calls this first; calling it
/// again is free.
pub fn register_bundled_font() -> Result<(), ChartError> {
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, BUNDLED_FONT).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(ChartError::FontUnavailable)
    }
}
