//! The dashboard's *Countries* and *Top devices*: horizontal bars with two series (live and
//! recording unique viewers) for the top N entries, the rest summed as "Others". Labels are
//! whatever names the report holds (escaped in the SVG, shortened to fit, whole in the table).
//! It does not merge spellings of the same country or device; the core does.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::bar_rows::{draw_bar_rows, BarRows};
use crate::error::ChartError;
use crate::number_format::{self, finite};
use crate::svg_canvas::{
    body, draw_header, no_data_chart, render, text_style, LegendMark, SMALL_SIZE,
};
use crate::text_alternative::ChartTable;
use crate::theme::Theme;
use crate::ticks::value_axis;
use crate::user_text;
use crate::{Chart, Size};

/// Which breakdown is drawn (the title and the table's first heading follow from it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BreakdownKind {
    Countries,
    Devices,
}

impl BreakdownKind {
    /// The chart's title.
    pub fn title(self) -> &'static str {
        match self {
            BreakdownKind::Countries => "Countries: unique viewers, live and recording",
            BreakdownKind::Devices => "Top devices: unique viewers, live and recording",
        }
    }

    fn heading(self) -> &'static str {
        match self {
            BreakdownKind::Countries => "Country",
            BreakdownKind::Devices => "Device",
        }
    }
}

/// One country or device. NaN or infinite counts are treated as missing (drawn as 0).
#[derive(Debug, Clone, PartialEq)]
pub struct BreakdownItem {
    pub label: String,
    pub live_viewers: f64,
    pub recording_viewers: f64,
}

/// What the chart shows: the `top_n` items with the most viewers, then "Others".
#[derive(Debug, Clone, PartialEq)]
pub struct BreakdownInput {
    pub kind: BreakdownKind,
    pub items: Vec<BreakdownItem>,
    /// How many items get their own bar (at least 1); the rest are summed as "Others".
    pub top_n: usize,
}

/// The label of the summed rest.
pub const OTHERS: &str = "Others";

const BAR_LABEL_SHARE: f64 = 0.35;

/// Draws the breakdown. No items gives a chart that says "No data".
pub fn breakdown_bars(
    input: &BreakdownInput,
    theme: &Theme,
    size: Size,
) -> Result<Chart, ChartError> {
    let kind = input.kind;
    let columns = vec![
        kind.heading().to_owned(),
        "Live unique viewers".to_owned(),
        "Recording unique viewers".to_owned(),
    ];
    if input.items.is_empty() {
        return no_data_chart(kind.title(), columns, theme, size);
    }
    let rows = top_with_others(&input.items, input.top_n.max(1));
    let count = rows.len();
    let max = rows
        .iter()
        .flat_map(|r| [r.live_viewers, r.recording_viewers])
        .filter_map(finite)
        .fold(0.0, f64::max);
    // Room at the bars' ends for their value labels.
    let axis = value_axis(max * 1.15, 5, true);

    let legend = [
        ("Live viewers", LegendMark::Swatch(theme.live, 1.0)),
        (
            "Recording viewers",
            LegendMark::Swatch(theme.recording, 1.0),
        ),
    ];
    let (svg, ()) = render(size, theme, |root| {
        draw_header(root, theme, kind.title(), &legend)?;
        let area = body(root);
        let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
        let mut chart = draw_bar_rows(
            root,
            &area,
            theme,
            size,
            &BarRows {
                labels: &labels,
                label_share: BAR_LABEL_SHARE,
                axis: &axis,
                value_title: "Unique viewers (people)",
                whole: true,
            },
        )?;
        let value_style =
            text_style(SMALL_SIZE, theme.muted).pos(Pos::new(HPos::Left, VPos::Center));
        for (i, row) in rows.iter().enumerate() {
            let y = count as f64 - 1.0 - i as f64;
            for (value, color, low, high) in [
                (row.live_viewers, theme.live, 0.04, 0.38),
                (row.recording_viewers, theme.recording, -0.38, -0.04),
            ] {
                let value = finite(value).unwrap_or(0.0).max(0.0);
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(0.0, y + low), (value, y + high)],
                    color.plotters().filled(),
                )))?;
                let (px, py) = chart.backend_coord(&(value, y + (low + high) / 2.0));
                root.draw_text(&number_format::count(value), &value_style, (px + 4, py))?;
            }
        }
        Ok(())
    })?;

    let alt_rows = rows
        .iter()
        .map(|r| {
            vec![
                user_text::clean(&r.label),
                number_format::count(r.live_viewers),
                number_format::count(r.recording_viewers),
            ]
        })
        .collect();
    Ok(Chart {
        svg,
        alt: ChartTable {
            title: kind.title().to_owned(),
            columns,
            rows: alt_rows,
            note: None,
        },
    })
}

/// The `top_n` items with the most viewers (live + recording; ties by live, then by label), then
/// "Others" holding the sum of the rest when there is a rest.
fn top_with_others(items: &[BreakdownItem], top_n: usize) -> Vec<BreakdownItem> {
    let value = |v: f64| finite(v).unwrap_or(0.0).max(0.0);
    let mut sorted: Vec<&BreakdownItem> = items.iter().collect();
    sorted.sort_by(|a, b| {
        let total = |i: &BreakdownItem| value(i.live_viewers) + value(i.recording_viewers);
        total(b)
            .total_cmp(&total(a))
            .then(value(b.live_viewers).total_cmp(&value(a.live_viewers)))
            .then(a.label.cmp(&b.label))
    });
    let mut top: Vec<BreakdownItem> = sorted.iter().take(top_n).map(|i| (*i).clone()).collect();
    let rest = sorted.get(top_n..).unwrap_or_default();
    if !rest.is_empty() {
        top.push(BreakdownItem {
            label: OTHERS.to_owned(),
            live_viewers: rest.iter().map(|i| value(i.live_viewers)).sum(),
            recording_viewers: rest.iter().map(|i| value(i.recording_viewers)).sum(),
        });
    }
    top
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(label: &str, live: f64, recording: f64) -> BreakdownItem {
        BreakdownItem {
            label: label.into(),
            live_viewers: live,
            recording_viewers: recording,
        }
    }

    #[test]
    fn top_n_then_others_summed() {
        let items = vec![
            item("c", 1.0, 1.0),
            item("a", 10.0, 0.0),
            item("b", 5.0, 6.0),
            item("d", f64::NAN, 2.0),
        ];
        let top = top_with_others(&items, 2);
        assert_eq!(top.len(), 3);
        assert_eq!(top[0].label, "b");
        assert_eq!(top[1].label, "a");
        assert_eq!(top[2], item(OTHERS, 1.0, 3.0));
        assert_eq!(top_with_others(&items, 4).len(), 4);
    }
}
