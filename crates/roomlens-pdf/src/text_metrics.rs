//! The two bundled faces (DejaVu Sans and DejaVu Sans Bold, licence in `fonts/`) and how wide text
//! set in them is: enough for the layout to break lines at spaces and fit text into table cells,
//! ending what does not fit with "…". It does not shape or draw text (krilla does, from the same
//! font files).

use std::sync::Arc;

use ab_glyph::{Font as _, FontRef};

use crate::error::PdfError;

const REGULAR: &[u8] = roomlens_charts::BUNDLED_FONT;
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");
const ELLIPSIS: char = '…';

/// Which face a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// The faces, for measuring (ab_glyph) and for drawing (krilla).
pub(crate) struct Faces {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
    pub(crate) regular_pdf: krilla::text::Font,
    pub(crate) bold_pdf: krilla::text::Font,
}

impl Faces {
    pub(crate) fn load() -> Result<Faces, PdfError> {
        let measure = |bytes: &'static [u8]| {
            FontRef::try_from_slice(bytes).map_err(|_| PdfError::FontUnavailable)
        };
        let draw = |bytes: &'static [u8]| {
            let data: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(bytes);
            krilla::text::Font::new(data.into(), 0).ok_or(PdfError::FontUnavailable)
        };
        Ok(Faces {
            regular: measure(REGULAR)?,
            bold: measure(BOLD)?,
            regular_pdf: draw(REGULAR)?,
            bold_pdf: draw(BOLD)?,
        })
    }

    fn face(&self, weight: Weight) -> &FontRef<'static> {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// The width of `text` at `size` points, in points (advances and kerning of the face).
    pub(crate) fn width(&self, text: &str, weight: Weight, size: f32) -> f32 {
        let face = self.face(weight);
        let per_unit = size / face.units_per_em().unwrap_or(1000.0);
        let mut previous = None;
        let mut units = 0.0;
        for c in text.chars() {
            let id = face.glyph_id(c);
            if let Some(before) = previous {
                units += face.kern_unscaled(before, id);
            }
            units += face.h_advance_unscaled(id);
            previous = Some(id);
        }
        units * per_unit
    }

    /// `text` as it fits in `width` points: itself, or its longest start that fits followed by "…".
    pub(crate) fn fit(&self, text: &str, weight: Weight, size: f32, width: f32) -> String {
        if self.width(text, weight, size) <= width {
            return text.to_owned();
        }
        let room = width - self.width("…", weight, size);
        let mut end = 0;
        for (at, c) in text.char_indices() {
            let next = at + c.len_utf8();
            if self.width(&text[..next], weight, size) > room {
                break;
            }
            end = next;
        }
        let mut fitted = text[..end].trim_end().to_owned();
        fitted.push(ELLIPSIS);
        fitted
    }

    /// `text` broken into lines at most `width` wide (at spaces; a word longer than a line is cut
    /// where it must be), at most `max_lines` of them, the last ending in "…" when text is left.
    pub(crate) fn wrap(
        &self,
        text: &str,
        weight: Weight,
        size: f32,
        width: f32,
        max_lines: usize,
    ) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_owned()
            } else {
                format!("{current} {word}")
            };
            if self.width(&candidate, weight, size) <= width {
                current = candidate;
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            // A word wider than the line is cut into pieces that fit.
            let mut rest = word;
            while self.width(rest, weight, size) > width {
                let cut = self.longest_prefix(rest, weight, size, width);
                lines.push(rest[..cut].to_owned());
                rest = &rest[cut..];
            }
            current = rest.to_owned();
        }
        if !current.is_empty() {
            lines.push(current);
        }
        if lines.len() > max_lines.max(1) {
            let keep = max_lines.max(1);
            let rest = lines.split_off(keep - 1).join(" ");
            lines.push(self.fit(&format!("{rest}{ELLIPSIS}"), weight, size, width));
        }
        lines
    }

    /// The byte length of the longest start of `text` (at least one character) within `width`.
    fn longest_prefix(&self, text: &str, weight: Weight, size: f32, width: f32) -> usize {
        let mut end = 0;
        for (at, c) in text.char_indices() {
            let next = at + c.len_utf8();
            if end > 0 && self.width(&text[..next], weight, size) > width {
                break;
            }
            end = next;
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size_and_bold_is_wider() {
        let faces = Faces::load().expect("bundled fonts");
        let short = faces.width("Room", Weight::Regular, 10.0);
        assert!(short > 10.0 && short < 40.0, "{short}");
        assert!(faces.width("Room 101", Weight::Regular, 10.0) > short);
        assert!((faces.width("Room", Weight::Regular, 20.0) - 2.0 * short).abs() < 0.01);
        assert!(faces.width("Room", Weight::Bold, 10.0) > short);
    }

    #[test]
    fn fitting_keeps_what_fits_and_marks_the_cut() {
        let faces = Faces::load().expect("bundled fonts");
        assert_eq!(faces.fit("Zoë", Weight::Regular, 8.0, 100.0), "Zoë");
        let fitted = faces.fit("A very long room name indeed", Weight::Regular, 8.0, 50.0);
        assert!(
            fitted.ends_with('…') && fitted.starts_with("A very"),
            "{fitted}"
        );
        assert!(faces.width(&fitted, Weight::Regular, 8.0) <= 50.0);
    }

    #[test]
    fn wrapping_breaks_at_spaces_cuts_long_words_and_stops_at_the_line_limit() {
        let faces = Faces::load().expect("bundled fonts");
        let lines = faces.wrap(
            "Unique viewers of the session, live and recording",
            Weight::Regular,
            9.0,
            80.0,
            5,
        );
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines
            .iter()
            .all(|l| faces.width(l, Weight::Regular, 9.0) <= 80.0));
        assert_eq!(
            lines.join(" "),
            "Unique viewers of the session, live and recording"
        );
        let long = faces.wrap(&"x".repeat(200), Weight::Regular, 9.0, 60.0, 10);
        assert!(
            long.len() > 1
                && long
                    .iter()
                    .all(|l| faces.width(l, Weight::Regular, 9.0) <= 60.0)
        );
        let cut = faces.wrap(
            "one two three four five six seven",
            Weight::Regular,
            9.0,
            40.0,
            2,
        );
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'), "{cut:?}");
        assert!(faces.wrap("", Weight::Regular, 9.0, 40.0, 2).is_empty());
    }
}
