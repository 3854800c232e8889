//! A chart's SVG read into usvg's tree with the bundled font as every font family, for drawing it
//! as a PNG (resvg) or into a PDF (krilla-svg). It loads no system font and no image the SVG
//! points to (no file is read). It does not draw.

use std::sync::{Arc, OnceLock};

use resvg::usvg::{self, fontdb, ImageHrefResolver};

use crate::error::ChartError;
use crate::font::BUNDLED_FONT;

/// The chart's SVG as usvg's tree, its text set in the bundled font.
pub fn chart_tree(svg: &str) -> Result<usvg::Tree, ChartError> {
    let fontdb = font_database().ok_or(ChartError::FontUnavailable)?;
    let options = usvg::Options {
        font_family: fontdb.family_name.clone(),
        fontdb: Arc::clone(&fontdb.database),
        image_href_resolver: ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|error| ChartError::InvalidSvg {
        detail: error.to_string(),
    })
}

/// usvg's font database: the bundled font only, named for every generic family (usvg silently
/// drops text whose family it cannot match, and falls back to `serif` when nothing matches).
struct FontDatabase {
    database: Arc<fontdb::Database>,
    /// The family name the bundled font reports ("DejaVu Sans").
    family_name: String,
}

static FONT_DATABASE: OnceLock<Option<FontDatabase>> = OnceLock::new();

/// Built once; `None` when the bundled font cannot be read (a broken build).
fn font_database() -> Option<&'static FontDatabase> {
    FONT_DATABASE
        .get_or_init(|| {
            let mut database = fontdb::Database::new();
            // The static bytes themselves, not a copy.
            database.load_font_source(fontdb::Source::Binary(Arc::new(BUNDLED_FONT)));
            let family_name = database
                .faces()
                .next()?
                .families
                .first()
                .map(|(name, _)| name.clone())?;
            database.set_sans_serif_family(family_name.clone());
            database.set_serif_family(family_name.clone());
            database.set_monospace_family(family_name.clone());
            database.set_cursive_family(family_name.clone());
            database.set_fantasy_family(family_name.clone());
            Some(FontDatabase {
                database: Arc::new(database),
                family_name,
            })
        })
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_is_dejavu_sans_for_every_generic_family() {
        let fonts = font_database().unwrap();
        assert_eq!(fonts.family_name, "DejaVu Sans");
        assert_eq!(fonts.database.len(), 1);
        for family in [
            fontdb::Family::SansSerif,
            fontdb::Family::Serif,
            fontdb::Family::Monospace,
            fontdb::Family::Cursive,
            fontdb::Family::Fantasy,
        ] {
            let query = fontdb::Query {
                families: &[family],
                ..fontdb::Query::default()
            };
            assert!(fonts.database.query(&query).is_some(), "{family:?}");
        }
    }
}
