//! Engagement heatmaps, one cell per minute, darker (in the light theme; brighter in the dark one)
//! = more engaged: a compact strip for one person (the *Viewer engagement* table's column) and many
//! people as rows (up to thousands × hundreds of minutes). Cells are written by this module as one
//! SVG path per level, adjacent minutes of the same level merged, at fractional positions (plotters
//! draws only whole pixels); plotters draws the text and axes. It does not compute the levels.

use plotters::prelude::*;

use crate::axis_range::TickedRange;
use crate::clock::SessionClock;
use crate::error::ChartError;
use crate::svg_canvas::{
    body, draw_header, no_data_chart, render, text_style, LegendMark, PlotArea, HEADER_HEIGHT,
    LABEL_SIZE,
};
use crate::text_alternative::ChartTable;
use crate::theme::Theme;
use crate::ticks::time_ticks;
use crate::user_text;
use crate::{Chart, Size};

/// How engaged a person was during one minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[repr(u8)]
pub enum EngagementLevel {
    /// Not in the session.
    #[default]
    Offline = 0,
    /// In the session, not engaged (tab not in focus, player muted…).
    Present = 1,
    /// Engaged (tab in focus, sound on…).
    Engaged = 2,
}

impl EngagementLevel {
    /// 0 = offline, 1 = present not engaged, 2 = engaged; any other code is treated as offline.
    pub fn from_code(code: u8) -> Self {
        match code {
            1 => EngagementLevel::Present,
            2 => EngagementLevel::Engaged,
            _ => EngagementLevel::Offline,
        }
    }

    fn words(self) -> &'static str {
        match self {
            EngagementLevel::Offline => "Offline",
            EngagementLevel::Present => "Present, not engaged",
            EngagementLevel::Engaged => "Engaged",
        }
    }
}

/// One person's minutes, the first at the session's start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEngagement {
    pub name: String,
    pub levels: Vec<EngagementLevel>,
}

/// Many people's minutes, one row each, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngagementHeatmapInput {
    pub clock: SessionClock,
    pub people: Vec<PersonEngagement>,
}

/// The many-people heatmap's title.
pub const HEATMAP_TITLE: &str = "Viewer engagement, per minute";

/// Draws one person's strip: the whole `size` is cells, no text (the table row around it names the
/// person). No minutes gives a strip that says "No data".
pub fn engagement_strip(
    person: &PersonEngagement,
    clock: &SessionClock,
    theme: &Theme,
    size: Size,
) -> Result<Chart, ChartError> {
    let name = user_text::clean(&person.name);
    let title = format!("Engagement of {name}, per minute");
    let zone = user_text::clean(&clock.zone_name);
    let columns = vec![
        format!("Time ({zone})"),
        "Engagement".to_owned(),
        "Minutes".to_owned(),
    ];
    let minutes = person.levels.len();
    if minutes == 0 {
        return no_data_chart(&title, columns, theme, size);
    }
    let (mut svg, ()) = render(size, theme, |root| {
        let (w, h) = root.dim_in_pixel();
        root.draw(&Rectangle::new(
            [
                (0, 0),
                (
                    i32::try_from(w).unwrap_or(i32::MAX),
                    i32::try_from(h).unwrap_or(i32::MAX),
                ),
            ],
            theme.heat_offline.plotters().filled(),
        ))?;
        Ok(())
    })?;
    let area = PlotArea {
        left: 0.0,
        top: 0.0,
        width: f64::from(size.width),
        height: f64::from(size.height),
    };
    let mut cells = CellPaths::new(area.height);
    cells.add_row(&person.levels, minutes, &area, 0.0);
    append_elements(&mut svg, &cells.into_svg(theme));

    let mut totals = [0usize; 3];
    let rows = runs(&person.levels)
        .map(|(level, start, len)| {
            if let Some(total) = totals.get_mut(level as usize) {
                *total += len;
            }
            vec![
                clock_span(clock, start, len),
                level.words().to_owned(),
                len.to_string(),
            ]
        })
        .collect();
    let [offline, present, engaged] = totals;
    Ok(Chart {
        svg,
        alt: ChartTable {
            title,
            columns,
            rows,
            note: Some(format!(
                "Engaged {engaged} min, present but not engaged {present} min, offline {offline} min."
            )),
        },
    })
}

/// Below this row height names are not drawn (the table alternative still has them).
const MIN_NAMED_ROW: f64 = 13.0;
const PIXELS_PER_TIME_LABEL: u32 = 84;

/// Draws many people's minutes as rows, names at the left when rows are tall enough. No people or
/// no minutes gives a chart that says "No data".
pub fn engagement_heatmap(
    input: &EngagementHeatmapInput,
    theme: &Theme,
    size: Size,
) -> Result<Chart, ChartError> {
    let zone = user_text::clean(&input.clock.zone_name);
    let columns = vec![
        "Name".to_owned(),
        "Engaged (minutes)".to_owned(),
        "Present, not engaged (minutes)".to_owned(),
        "Offline (minutes)".to_owned(),
    ];
    let minutes = input
        .people
        .iter()
        .map(|p| p.levels.len())
        .max()
        .unwrap_or(0);
    let people = input.people.len();
    if minutes == 0 {
        return no_data_chart(HEATMAP_TITLE, columns, theme, size);
    }
    let legend = [
        ("Engaged", LegendMark::Swatch(theme.heat_engaged, 1.0)),
        (
            "Present, not engaged",
            LegendMark::Swatch(theme.heat_present, 1.0),
        ),
        ("Offline", LegendMark::Swatch(theme.heat_offline, 1.0)),
    ];
    // Plot height before layout: the header, the time axis and margins taken away.
    let plot_height_guess = f64::from(size.height.saturating_sub(HEADER_HEIGHT + 60));
    let named = plot_height_guess / people as f64 >= MIN_NAMED_ROW;
    let (mut svg, area) = render(size, theme, |root| {
        draw_header(root, theme, HEATMAP_TITLE, &legend)?;
        let body_area = body(root);
        let label_style = text_style(LABEL_SIZE, theme.muted);
        let max_label = size.width / 4;
        let names: Vec<String> = if named {
            input
                .people
                .iter()
                .map(|p| {
                    user_text::shorten_to_width(&user_text::clean(&p.name), max_label, |t| {
                        root.estimate_text_size(t, &label_style)
                            .map(|s| s.0)
                            .unwrap_or(u32::MAX)
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        let label_area = if named {
            names
                .iter()
                .map(|n| {
                    root.estimate_text_size(n, &label_style)
                        .map(|s| s.0)
                        .unwrap_or(0)
                })
                .max()
                .unwrap_or(0)
                .min(max_label)
                + 14
        } else {
            44
        };
        let max_labels = usize::try_from(
            (size.width.saturating_sub(label_area + 40) / PIXELS_PER_TIME_LABEL).max(2),
        )
        .unwrap_or(2);
        let x_ticks = time_ticks(&input.clock, minutes, max_labels)
            .into_iter()
            .map(|i| i as f64)
            .collect();
        let y_ticks = if named {
            (0..people).map(|i| i as f64 + 0.5).collect()
        } else {
            Vec::new()
        };
        let mut chart = ChartBuilder::on(&body_area)
            .margin_left(8)
            .margin_right(16)
            .margin_top(6)
            .margin_bottom(4)
            .x_label_area_size(50)
            .y_label_area_size(label_area)
            .build_cartesian_2d(
                TickedRange::new(-0.5, minutes as f64 - 0.5, x_ticks),
                TickedRange::new(0.0, people as f64, y_ticks),
            )?;
        // Row i (0 = first person) is drawn top down: its centre is at y = people - i - 0.5.
        let name_at = |y: &f64| {
            let row = (people as f64 - y - 0.5).round().max(0.0) as usize;
            names.get(row).cloned().unwrap_or_default()
        };
        let clock = &input.clock;
        let time_at = |x: &f64| clock.label_at(*x);
        let people_desc = format!("People ({people})");
        let mut mesh = chart.configure_mesh();
        mesh.disable_mesh()
            .axis_style(theme.axis.plotters().stroke_width(1))
            .label_style(label_style.clone())
            .axis_desc_style(label_style.clone())
            .x_desc(format!("Local time ({zone})"))
            .x_label_formatter(&time_at)
            .y_label_formatter(&name_at);
        if !named {
            mesh.y_desc(people_desc.as_str());
        }
        mesh.draw()?;
        let plot = PlotArea::of(chart.plotting_area());
        root.draw(&Rectangle::new(
            [
                (plot.left as i32, plot.top as i32),
                (plot.right() as i32, plot.bottom() as i32),
            ],
            theme.heat_offline.plotters().filled(),
        ))?;
        Ok(plot)
    })?;

    let row_height = area.height / people as f64;
    let mut cells = CellPaths::new(row_height);
    let mut rows = Vec::with_capacity(people);
    for (i, person) in input.people.iter().enumerate() {
        cells.add_row(
            &person.levels,
            minutes,
            &area,
            area.top + i as f64 * row_height,
        );
        let mut totals = [0usize; 3];
        for level in &person.levels {
            if let Some(total) = totals.get_mut(*level as usize) {
                *total += 1;
            }
        }
        let [offline, present, engaged] = totals;
        let offline = offline + (minutes - person.levels.len());
        rows.push(vec![
            user_text::clean(&person.name),
            engaged.to_string(),
            present.to_string(),
            offline.to_string(),
        ]);
    }
    append_elements(&mut svg, &cells.into_svg(theme));
    Ok(Chart {
        svg,
        alt: ChartTable {
            title: HEATMAP_TITLE.to_owned(),
            columns,
            rows,
            note: Some(format!(
                "Times in {zone}, {} from {}.",
                minutes_words(minutes),
                input.clock.label(0)
            )),
        },
    })
}

fn minutes_words(minutes: usize) -> String {
    if minutes == 1 {
        "1 minute".to_owned()
    } else {
        format!("{minutes} minutes")
    }
}

/// `HH:MM–HH:MM` for `len` minutes from `start`.
fn clock_span(clock: &SessionClock, start: usize, len: usize) -> String {
    format!(
        "{}–{}",
        clock.label(start),
        clock.label(start.saturating_add(len))
    )
}

/// Runs of equal levels: (level, first minute, length).
fn runs(levels: &[EngagementLevel]) -> impl Iterator<Item = (EngagementLevel, usize, usize)> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        let level = *levels.get(start)?;
        let len = levels
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|l| **l == level)
            .count();
        let run = (level, start, len);
        start += len;
        Some(run)
    })
}

/// The cells of the present and engaged levels (offline is the background), as one path per
/// level of horizontal strokes as thick as a row: per run `M x y h w` (or `m dx 0 h w` after
/// another run of the same row), about 12 bytes a run. Rows all have one height, so one
/// `stroke-width` serves the whole path.
struct CellPaths {
    present: String,
    engaged: String,
    row_height: f64,
}

impl CellPaths {
    fn new(row_height: f64) -> Self {
        CellPaths {
            present: String::new(),
            engaged: String::new(),
            row_height,
        }
    }

    /// Adds one row of `columns` minutes spanning the plot's width, its top at `top`.
    fn add_row(&mut self, levels: &[EngagementLevel], columns: usize, plot: &PlotArea, top: f64) {
        let cell = plot.width / columns.max(1) as f64;
        let middle = hundredths(top + self.row_height / 2.0);
        // Where each level's pen is in this row after its last run (None: not in this row yet).
        let (mut present_pen, mut engaged_pen): (Option<i64>, Option<i64>) = (None, None);
        for (level, start, len) in runs(levels) {
            let (target, pen) = match level {
                EngagementLevel::Offline => continue,
                EngagementLevel::Present => (&mut self.present, &mut present_pen),
                EngagementLevel::Engaged => (&mut self.engaged, &mut engaged_pen),
            };
            let x0 = hundredths(plot.left + start as f64 * cell);
            let x1 = hundredths(plot.left + (start + len) as f64 * cell);
            match *pen {
                None => {
                    target.push('M');
                    push_hundredths(target, x0);
                    target.push(' ');
                    push_hundredths(target, middle);
                }
                Some(at) => {
                    target.push('m');
                    push_hundredths(target, x0 - at);
                    target.push_str(" 0");
                }
            }
            target.push('h');
            push_hundredths(target, x1 - x0);
            *pen = Some(x1);
        }
    }

    fn into_svg(self, theme: &Theme) -> String {
        let mut out = String::with_capacity(self.present.len() + self.engaged.len() + 256);
        let mut width = String::new();
        push_hundredths(&mut width, hundredths(self.row_height));
        for (d, color) in [
            (self.present, theme.heat_present),
            (self.engaged, theme.heat_engaged),
        ] {
            if !d.is_empty() {
                out.push_str("<path fill=\"none\" stroke-linecap=\"butt\" stroke=\"");
                out.push_str(&color.hex());
                out.push_str("\" stroke-width=\"");
                out.push_str(&width);
                out.push_str("\" d=\"");
                out.push_str(&d);
                out.push_str("\"/>\n");
            }
        }
        out
    }
}

/// A position in hundredths of a user unit: fine enough for any screen or page.
fn hundredths(v: f64) -> i64 {
    // `as` saturates; positions are inside a chart of at most 100,000 units.
    (v * 100.0).round() as i64
}

/// Writes `value` hundredths as a short decimal: 1250 → "12.5", 1200 → "12", -5 → "-0.05".
fn push_hundredths(out: &mut String, value: i64) {
    if value < 0 {
        out.push('-');
    }
    let value = value.unsigned_abs();
    let (whole, fraction) = (value / 100, value % 100);
    push_digits(out, whole);
    if fraction != 0 {
        out.push('.');
        out.push(char::from(b'0' + (fraction / 10) as u8));
        if fraction % 10 != 0 {
            out.push(char::from(b'0' + (fraction % 10) as u8));
        }
    }
}

fn push_digits(out: &mut String, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut len = 0;
    loop {
        if let Some(slot) = digits.get_mut(len) {
            *slot = b'0' + (value % 10) as u8;
        }
        len += 1;
        value /= 10;
        if value == 0 || len == digits.len() {
            break;
        }
    }
    for d in digits.iter().take(len).rev() {
        out.push(char::from(*d));
    }
}

/// Inserts elements written by this module (numbers and theme colours, never user text) just
/// before the SVG's closing tag.
fn append_elements(svg: &mut String, elements: &str) {
    if let Some(at) = svg.rfind("</svg>") {
        svg.insert_str(at, elements);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EngagementLevel::*;

    #[test]
    fn runs_merge_equal_neighbours() {
        let levels = [
            Offline, Present, Present, Engaged, Engaged, Engaged, Offline,
        ];
        let runs: Vec<_> = runs(&levels).collect();
        assert_eq!(
            runs,
            vec![
                (Offline, 0, 1),
                (Present, 1, 2),
                (Engaged, 3, 3),
                (Offline, 6, 1)
            ]
        );
        assert_eq!(super::runs(&[]).count(), 0);
    }

    #[test]
    fn cells_are_one_stroke_per_run_at_fractional_positions() {
        let plot = PlotArea {
            left: 10.0,
            top: 0.0,
            width: 600.0,
            height: 24.0,
        };
        let mut cells = CellPaths::new(24.0);
        cells.add_row(
            &[Offline, Present, Present, Engaged, Present],
            480,
            &plot,
            0.0,
        );
        assert_eq!(cells.present, "M11.25 12h2.5m1.25 0h1.25");
        assert_eq!(cells.engaged, "M13.75 12h1.25");
        let svg = cells.into_svg(&Theme::light());
        assert!(svg.contains("stroke-width=\"24\""), "{svg}");
    }

    #[test]
    fn hundredths_are_written_short() {
        let written = |v: i64| {
            let mut s = String::new();
            push_hundredths(&mut s, v);
            s
        };
        assert_eq!(written(0), "0");
        assert_eq!(written(1250), "12.5");
        assert_eq!(written(1200), "12");
        assert_eq!(written(1205), "12.05");
        assert_eq!(written(-5), "-0.05");
        assert_eq!(written(123_456_789), "1234567.89");
    }

    #[test]
    fn codes_map_to_levels() {
        assert_eq!(EngagementLevel::from_code(0), Offline);
        assert_eq!(EngagementLevel::from_code(1), Present);
        assert_eq!(EngagementLevel::from_code(2), Engaged);
        assert_eq!(EngagementLevel::from_code(7), Offline);
    }
}
