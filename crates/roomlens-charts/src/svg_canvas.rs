//! The shared frame of every chart: an SVG string drawn by plotters on the theme's background,
//! a title and a legend row above the plot, the "No data" chart, text styles, and the conversion
//! of plotters' errors. It knows no chart's data; the chart modules draw inside the area it gives.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::error::ChartError;
use crate::font::{register_bundled_font, FONT_FAMILY};
use crate::text_alternative::ChartTable;
use crate::theme::{Rgb, Theme};
use crate::user_text;
use crate::{Chart, Size};

pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Font sizes as plotters takes them (it writes `size / 1.24` into the SVG as CSS pixels).
pub(crate) const TITLE_SIZE: f64 = 19.0;
pub(crate) const LABEL_SIZE: f64 = 15.0;
pub(crate) const SMALL_SIZE: f64 = 14.0;

/// Space above the plot for the title and the legend.
pub(crate) const HEADER_HEIGHT: u32 = 58;
const TITLE_TOP: i32 = 10;
const LEGEND_TOP: i32 = 36;
pub(crate) const SIDE_MARGIN: i32 = 16;

pub(crate) fn text_style(size: f64, color: Rgb) -> TextStyle<'static> {
    TextStyle {
        font: (FONT_FAMILY, size).into_font(),
        color: color.plotters().to_backend_color(),
        pos: Pos::default(),
    }
}

/// Draws into a fresh SVG of `size` on the theme's background and returns the SVG with what
/// `draw` returned. The SVG is self-contained: no external references, fonts named by family.
pub(crate) fn render<T>(
    size: Size,
    theme: &Theme,
    draw: impl FnOnce(&Area<'_>) -> Result<T, ChartError>,
) -> Result<(String, T), ChartError> {
    size.check()?;
    register_bundled_font()?;
    let mut svg = String::with_capacity(16 * 1024);
    let result = {
        let root = SVGBackend::with_string(&mut svg, (size.width, size.height)).into_drawing_area();
        root.fill(&theme.background.plotters())?;
        let result = draw(&root)?;
        root.present()?;
        result
    };
    Ok((user_text::trim_text_nodes(svg), result))
}

/// How a legend entry is marked.
#[derive(Debug, Clone, Copy)]
pub(crate) enum LegendMark {
    Line(Rgb),
    Swatch(Rgb, f64),
}

/// Draws the title (left) and, when given, the legend entries on the row below it.
pub(crate) fn draw_header(
    root: &Area<'_>,
    theme: &Theme,
    title: &str,
    legend: &[(&str, LegendMark)],
) -> Result<(), ChartError> {
    let (width, _) = root.dim_in_pixel();
    let title_style = text_style(TITLE_SIZE, theme.text).pos(Pos::new(HPos::Left, VPos::Top));
    let max_title = width.saturating_sub(2 * SIDE_MARGIN.unsigned_abs());
    let title = user_text::shorten_to_width(&user_text::clean(title), max_title, |t| {
        root.estimate_text_size(t, &title_style)
            .map(|s| s.0)
            .unwrap_or(u32::MAX)
    });
    root.draw_text(&title, &title_style, (SIDE_MARGIN, TITLE_TOP))?;

    let label_style = text_style(LABEL_SIZE, theme.text).pos(Pos::new(HPos::Left, VPos::Center));
    let mut x = SIDE_MARGIN;
    let y = LEGEND_TOP + 8;
    for (label, mark) in legend {
        match mark {
            LegendMark::Line(color) => {
                root.draw(&PathElement::new(
                    vec![(x, y), (x + 18, y)],
                    color.plotters().stroke_width(2),
                ))?;
            }
            LegendMark::Swatch(color, opacity) => {
                root.draw(&Rectangle::new(
                    [(x + 3, y - 6), (x + 15, y + 6)],
                    color.plotters().mix(*opacity).filled(),
                ))?;
            }
        }
        let label = user_text::clean(label);
        root.draw_text(&label, &label_style, (x + 24, y))?;
        let label_width = root.estimate_text_size(&label, &label_style)?.0;
        x = x
            .saturating_add(24)
            .saturating_add(i32::try_from(label_width).unwrap_or(i32::MAX / 2))
            .saturating_add(20);
    }
    Ok(())
}

/// The area below the header.
pub(crate) fn body<'a>(root: &Area<'a>) -> Area<'a> {
    let (_, height) = root.dim_in_pixel();
    root.split_vertically(HEADER_HEIGHT.min(height)).1
}

/// The sentence shown in an empty chart.
pub const NO_DATA: &str = "No data";

/// A chart that has its title and says "No data", with a text alternative that says so too.
pub(crate) fn no_data_chart(
    title: &str,
    columns: Vec<String>,
    theme: &Theme,
    size: Size,
) -> Result<Chart, ChartError> {
    let (svg, ()) = render(size, theme, |root| {
        let (width, height) = root.dim_in_pixel();
        if height >= HEADER_HEIGHT + 20 {
            draw_header(root, theme, title, &[])?;
        }
        let style = text_style(LABEL_SIZE, theme.muted).pos(Pos::new(HPos::Center, VPos::Center));
        let top = if height >= HEADER_HEIGHT + 20 {
            HEADER_HEIGHT
        } else {
            0
        };
        let center_y = i32::try_from(top + (height.saturating_sub(top)) / 2).unwrap_or(0);
        let center_x = i32::try_from(width / 2).unwrap_or(0);
        root.draw_text(NO_DATA, &style, (center_x, center_y))?;
        Ok(())
    })?;
    Ok(Chart {
        svg,
        alt: ChartTable {
            title: user_text::clean(title),
            columns,
            rows: Vec::new(),
            note: Some(NO_DATA.to_owned()),
        },
    })
}

/// The plotting area of a chart in SVG user units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotArea {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl PlotArea {
    pub(crate) fn of<DB: DrawingBackend, CT: plotters::coord::CoordTranslate>(
        area: &DrawingArea<DB, CT>,
    ) -> PlotArea {
        let (xs, ys) = area.get_pixel_range();
        PlotArea {
            left: f64::from(xs.start),
            top: f64::from(ys.start),
            width: f64::from(xs.end - xs.start),
            height: f64::from(ys.end - ys.start),
        }
    }

    pub fn right(&self) -> f64 {
        self.left + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.top + self.height
    }

    /// Whether a point lies inside (edges included).
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.left && x <= self.right() && y >= self.top && y <= self.bottom()
    }
}
