//! Roomlens's dashboard charts, drawn with plotters as self-contained SVG strings, each with a text
//! alternative (the same figures as a table) for screen readers and print. The same SVG serves the
//! window (shown as an image) and the PDF export (rendered by krilla-svg with [`BUNDLED_FONT`]),
//! and [`svg_to_png`] rasterises it (with the same font) for saving as PNG.
//! No Tauri, no I/O: plain input structs in, strings and PNG bytes out.

mod axis_range;
mod bar_rows;
mod breakdown_bars;
mod clock;
mod column_bars;
mod distribution;
mod error;
mod font;
mod heatmap;
mod number_format;
mod plays_per_day;
mod png_image;
mod ranked_bars;
mod series_columns;
mod small_multiples;
mod svg_canvas;
mod svg_tree;
mod text_alternative;
mod theme;
mod ticks;
mod timeline;
mod trend_lines;
mod user_text;

pub use breakdown_bars::{breakdown_bars, BreakdownInput, BreakdownItem, BreakdownKind, OTHERS};
pub use clock::{LocalDay, SessionClock};
pub use distribution::{distribution_bars, DistributionBucket, DistributionInput};
pub use error::ChartError;
pub use font::{register_bundled_font, BUNDLED_FONT, FONT_FAMILY};
pub use heatmap::{
    engagement_heatmap, engagement_strip, EngagementHeatmapInput, EngagementLevel,
    PersonEngagement, HEATMAP_TITLE,
};
pub use plays_per_day::{
    recording_plays_per_day, DayPlays, PlaysPerDayInput, MAX_DAYS, PLAYS_PER_DAY_TITLE,
};
pub use png_image::{svg_to_png, PNG_MAX_PIXELS, PNG_MAX_SCALE, PNG_MAX_SIDE, PNG_MIN_SCALE};
pub use ranked_bars::{ranked_bars, RankedBarsInput, RankedItem, RankedValue};
/// The usvg that [`chart_tree`] returns trees of (the one krilla-svg draws into PDFs).
pub use resvg::usvg;
pub use series_columns::{series_columns, SeriesCategory, SeriesColumnsInput};
pub use small_multiples::{small_multiples, SmallMultiplesInput, SmallPanel, MAX_PANELS};
pub use svg_canvas::{PlotArea, NO_DATA};
pub use svg_tree::chart_tree;
pub use text_alternative::ChartTable;
pub use theme::{Rgb, Theme, ThemeKind};
pub use timeline::{
    session_timeline, PointPosition, TimelineChart, TimelineInput, TimelineMinute, TIMELINE_TITLE,
};
pub use trend_lines::{trend_lines, TrendLinesInput, TrendScale, TrendSeries};

/// A chart's size in SVG user units (CSS pixels).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Size {
    /// The largest width or height drawn.
    pub const MAX_SIDE: u32 = 100_000;

    pub fn new(width: u32, height: u32) -> Self {
        Size { width, height }
    }

    fn check(self) -> Result<(), ChartError> {
        let ok = |side: u32| (1..=Size::MAX_SIDE).contains(&side);
        if ok(self.width) && ok(self.height) {
            Ok(())
        } else {
            Err(ChartError::InvalidSize {
                width: self.width,
                height: self.height,
            })
        }
    }
}

/// A drawn chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// A complete SVG document (`<svg …>…</svg>`), UTF-8, with every user string escaped.
    pub svg: String,
    /// The same figures as a table.
    pub alt: ChartTable,
}
