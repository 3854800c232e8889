//! The chart colours, taken from the window's palette (`ui/css/app.css`): light and
//! dark, one accent, muted text and quiet grid lines. Heatmaps vary lightness from the surface to
//! the accent so they read without hue. It does not follow the OS itself: the caller picks the theme.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#RRGGBB`, as written into the SVG.
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    pub(crate) fn plotters(self) -> plotters::style::RGBColor {
        plotters::style::RGBColor(self.0, self.1, self.2)
    }
}

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeKind {
    Light,
    Dark,
}

/// Every colour a chart uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub kind: ThemeKind,
    /// The chart's background (the window's `--surface`).
    pub background: Rgb,
    /// Titles and legend text (`--text`).
    pub text: Rgb,
    /// Tick labels and axis titles (`--muted`).
    pub muted: Rgb,
    /// Grid lines (`--border`).
    pub grid: Rgb,
    /// Axis lines (`--border-strong`).
    pub axis: Rgb,
    /// Live viewers, and the live series of two-series bars (`--accent`; Kaltura's blue line).
    pub live: Rgb,
    /// Live engagement rate (`--ok`; Kaltura's green line).
    pub engagement: Rgb,
    /// Recording viewers and reactions (`--warn`).
    pub recording: Rgb,
    /// Opacity of the reactions bars under the timeline's lines.
    pub reactions_opacity: f64,
    /// Heatmap: offline (`--surface-2`).
    pub heat_offline: Rgb,
    /// Heatmap: present, not engaged (`--accent-line`).
    pub heat_present: Rgb,
    /// Heatmap: engaged (`--accent`).
    pub heat_engaged: Rgb,
}

impl Theme {
    /// The light theme; also the one for print and PDF (dark text on white).
    pub fn light() -> Self {
        Theme {
            kind: ThemeKind::Light,
            background: Rgb(0xff, 0xff, 0xff),
            text: Rgb(0x1b, 0x1b, 0x20),
            muted: Rgb(0x5f, 0x5f, 0x6b),
            grid: Rgb(0xe1, 0xe1, 0xe6),
            axis: Rgb(0xc9, 0xc9, 0xd1),
            live: Rgb(0x2f, 0x5b, 0xd3),
            engagement: Rgb(0x2f, 0x7d, 0x4f),
            recording: Rgb(0xa1, 0x5c, 0x07),
            reactions_opacity: 0.3,
            heat_offline: Rgb(0xf0, 0xf0, 0xf3),
            heat_present: Rgb(0xb9, 0xc8, 0xf1),
            heat_engaged: Rgb(0x2f, 0x5b, 0xd3),
        }
    }

    /// The dark theme.
    pub fn dark() -> Self {
        Theme {
            kind: ThemeKind::Dark,
            background: Rgb(0x1c, 0x1c, 0x1f),
            text: Rgb(0xec, 0xec, 0xf0),
            muted: Rgb(0xa3, 0xa3, 0xad),
            grid: Rgb(0x2f, 0x2f, 0x35),
            axis: Rgb(0x45, 0x45, 0x4d),
            live: Rgb(0x7f, 0xa2, 0xff),
            engagement: Rgb(0x6f, 0xcf, 0x97),
            recording: Rgb(0xf2, 0xb3, 0x5b),
            reactions_opacity: 0.35,
            heat_offline: Rgb(0x22, 0x22, 0x26),
            heat_present: Rgb(0x3b, 0x4a, 0x75),
            heat_engaged: Rgb(0x7f, 0xa2, 0xff),
        }
    }

    /// The theme of the given kind.
    pub fn of(kind: ThemeKind) -> Self {
        match kind {
            ThemeKind::Light => Theme::light(),
            ThemeKind::Dark => Theme::dark(),
        }
    }
}
