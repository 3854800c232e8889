//! A chart's SVG as a PNG image, for *Save as PNG*: rasterised by resvg at a chosen scale with the
//! bundled font as every font family, so the picture matches the window on any OS. It deliberately
//! loads no system font and no image the SVG points to (no file is read), and it bounds the scale
//! and the picture's size so a bad request is an error instead of a huge allocation. It does not
//! write files; the caller saves the bytes.

use resvg::tiny_skia::{Pixmap, Transform};

use crate::error::ChartError;
use crate::svg_tree::chart_tree;

/// The smallest scale [`svg_to_png`] accepts.
pub const PNG_MIN_SCALE: f32 = 0.25;
/// The largest scale [`svg_to_png`] accepts.
pub const PNG_MAX_SCALE: f32 = 4.0;
/// The largest width or height of a PNG, in pixels.
pub const PNG_MAX_SIDE: u32 = 16_384;
/// The most pixels a PNG may have (width × height): 256 MB of pixels while it is drawn.
pub const PNG_MAX_PIXELS: u64 = 64_000_000;

/// The chart's SVG rasterised at `scale` (2.0 = twice its CSS size, for sharp images on high-DPI
/// screens and in documents), as PNG bytes. The PNG's size is the SVG's `width` and `height`
/// times `scale`, rounded to whole pixels.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, ChartError> {
    render_pixmap(svg, scale)?
        .encode_png()
        .map_err(|error| ChartError::Rasterising {
            detail: error.to_string(),
        })
}

/// The chart's SVG drawn into a pixmap at `scale`: what [`svg_to_png`] encodes.
pub(crate) fn render_pixmap(svg: &str, scale: f32) -> Result<Pixmap, ChartError> {
    if !(scale.is_finite() && (PNG_MIN_SCALE..=PNG_MAX_SCALE).contains(&scale)) {
        return Err(ChartError::InvalidScale {
            scale: scale.to_string(),
        });
    }
    let tree = chart_tree(svg)?;
    let (width, height) = pixel_size(tree.size().width(), tree.size().height(), scale)?;
    let mut pixmap = Pixmap::new(width, height).ok_or_else(|| ChartError::Rasterising {
        detail: format!("no room for a {width} × {height} picture"),
    })?;
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// The picture's size in whole pixels, or why it is too large.
fn pixel_size(width: f32, height: f32, scale: f32) -> Result<(u32, u32), ChartError> {
    // f64, so that sizes far beyond the limits still compare (the casts saturate).
    let side = |length: f32| (f64::from(length) * f64::from(scale)).round().max(1.0) as u64;
    let (width, height) = (side(width), side(height));
    let max_side = u64::from(PNG_MAX_SIDE);
    if width > max_side || height > max_side || width.saturating_mul(height) > PNG_MAX_PIXELS {
        return Err(ChartError::ImageTooLarge { width, height });
    }
    match (u32::try_from(width), u32::try_from(height)) {
        (Ok(width), Ok(height)) => Ok((width, height)),
        _ => Err(ChartError::ImageTooLarge { width, height }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixel_sizes_round_and_limits_hold() {
        assert_eq!(pixel_size(900.0, 360.0, 2.0), Ok((1800, 720)));
        assert_eq!(pixel_size(100.0, 100.0, 1.1), Ok((110, 110)));
        assert_eq!(pixel_size(1.0, 1.0, 0.25), Ok((1, 1)));
        assert_eq!(pixel_size(4096.0, 100.0, 4.0), Ok((16_384, 400)));
        assert_eq!(
            pixel_size(4097.0, 100.0, 4.0),
            Err(ChartError::ImageTooLarge {
                width: 16_388,
                height: 400
            })
        );
        assert!(pixel_size(8000.0, 8000.0, 1.0).is_ok());
        assert!(pixel_size(8001.0, 8001.0, 1.0).is_err());
        assert!(pixel_size(f32::MAX, f32::MAX, 4.0).is_err());
    }

    /// How many pixels in rows `top..bottom` of `pixmap` differ from its top-left (background) one.
    fn drawn_pixels(pixmap: &Pixmap, top: u32, bottom: u32) -> usize {
        let background = pixmap.pixel(0, 0).unwrap();
        (top..bottom)
            .flat_map(|y| (0..pixmap.width()).map(move |x| (x, y)))
            .filter(|&(x, y)| pixmap.pixel(x, y).unwrap() != background)
            .count()
    }

    #[test]
    fn text_is_drawn_with_the_bundled_font() {
        let text = r##"<text x="16" y="30" font-family="sans-serif" font-size="15" fill="#1B1B20">Title</text>"##;
        let svg = |body: &str| {
            format!(
                r##"<svg width="200" height="60" viewBox="0 0 200 60" xmlns="http://www.w3.org/2000/svg"><rect width="200" height="60" fill="#FFFFFF"/>{body}</svg>"##
            )
        };
        let with = render_pixmap(&svg(text), 2.0).unwrap();
        let without = render_pixmap(&svg(""), 2.0).unwrap();
        assert!(drawn_pixels(&with, 0, 120) > 100);
        assert_eq!(drawn_pixels(&without, 0, 120), 0);
        // A family the database does not know falls back to the bundled font too.
        let unknown = text.replace("sans-serif", "Comic Sans MS");
        assert!(drawn_pixels(&render_pixmap(&svg(&unknown), 2.0).unwrap(), 0, 120) > 100);
    }

    #[test]
    fn images_the_svg_points_to_are_not_loaded() {
        // A file path, and a data URL of a red 20 × 20 SVG that usvg's default resolver would draw.
        let svg = r##"<svg width="20" height="20" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><rect width="20" height="20" fill="#FFFFFF"/><image width="20" height="20" xlink:href="/etc/passwd"/><image width="20" height="20" href="data:image/svg+xml;base64,PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnIHdpZHRoPScyMCcgaGVpZ2h0PScyMCc+PHJlY3Qgd2lkdGg9JzIwJyBoZWlnaHQ9JzIwJyBmaWxsPSdyZWQnLz48L3N2Zz4="/></svg>"##;
        let pixmap = render_pixmap(svg, 1.0).unwrap();
        assert_eq!(drawn_pixels(&pixmap, 0, 20), 0);
    }
}
