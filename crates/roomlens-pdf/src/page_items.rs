//! What a laid-out report is made of, shared by the layout (which makes it) and the writer (which
//! turns it into PDF): pieces drawn at fixed positions on each page, whether each is content or
//! decoration, and the document's structure for the tags. No layout rules and no PDF syntax here.

use roomlens_charts::usvg;

use crate::paper::PaperSize;
use crate::text_metrics::{Faces, Weight};

/// An sRGB colour.
pub(crate) type Rgb = (u8, u8, u8);

/// Something drawn on a page.
pub(crate) enum Draw {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        weight: Weight,
        color: Rgb,
        text: String,
    },
    Fill {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        color: Rgb,
    },
    Figure {
        tree: Box<usvg::Tree>,
        x: f32,
        y: f32,
        width: f32,
        height: f32,
    },
}

/// Whether a drawn piece is part of what the document says or only decoration (page
/// furniture, repeated table headers, backgrounds), which screen readers skip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Content,
    Decoration,
}

pub(crate) struct Item {
    pub(crate) draw: Draw,
    pub(crate) role: Role,
}

/// Where a drawn piece is: page index and position in that page's items.
pub(crate) type ItemRef = (usize, usize);

/// The document's structure, for the tags.
pub(crate) enum Block {
    Heading {
        level: u16,
        items: Vec<ItemRef>,
    },
    Paragraph(Vec<ItemRef>),
    Figure {
        alt: String,
        items: Vec<ItemRef>,
    },
    Table {
        header: Vec<Vec<ItemRef>>,
        rows: Vec<Vec<Vec<ItemRef>>>,
    },
}

/// A finished layout, ready to be written.
pub(crate) struct LaidOut<'a> {
    pub(crate) faces: &'a Faces,
    pub(crate) size: PaperSize,
    pub(crate) title: &'a str,
    pub(crate) language: &'a str,
    pub(crate) pages: &'a [Vec<Item>],
    pub(crate) blocks: &'a [Block],
}
