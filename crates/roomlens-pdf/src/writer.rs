//! Writes a laid-out report as PDF bytes with krilla: each page's text, fills and charts (charts
//! through krilla-svg, their text kept as text), every piece marked as content or as decoration,
//! the tag tree (headings, paragraphs, figures with their text alternative, tables with header
//! cells; a table over 1,000 rows as a paragraph a row, to keep the file small) with the
//! document's title and language, and a bookmark per heading. It does not decide where anything
//! goes.

use std::num::NonZeroU16;

use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, TableHeaderScope, Tag, TagGroup,
    TagTree,
};
use krilla::text::TextDirection;
use krilla::Document;
use krilla_svg::{SurfaceExt, SvgSettings};

use crate::error::PdfError;
use crate::page_items::{Block, Draw, ItemRef, LaidOut, Rgb, Role};
use crate::text_metrics::{Faces, Weight};

/// Tables up to this many rows are tagged as tables, cell by cell; longer ones a paragraph a row.
const CELL_TAGS_UP_TO_ROWS: usize = 1000;

pub(crate) fn write(doc: &LaidOut<'_>) -> Result<Vec<u8>, PdfError> {
    let page_size =
        Size::from_wh(doc.size.width, doc.size.height).ok_or_else(|| PdfError::Writing {
            detail: "invalid page size".to_owned(),
        })?;
    let mut document = Document::new();
    let mut ids: Vec<Vec<Option<Identifier>>> = Vec::with_capacity(doc.pages.len());
    for items in doc.pages {
        let mut page = document.start_page_with(PageSettings::new(page_size));
        let mut surface = page.surface();
        let mut page_ids = Vec::with_capacity(items.len());
        for item in items {
            let tag = match (item.role, &item.draw) {
                (Role::Content, Draw::Text { .. }) => ContentTag::Span(SpanTag::empty()),
                (Role::Content, _) => ContentTag::Other,
                (Role::Decoration, Draw::Text { .. }) => {
                    ContentTag::Artifact(Artifact::with_kind(ArtifactType::PaginationOther))
                }
                (Role::Decoration, _) => {
                    ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout))
                }
            };
            let id = surface.start_tagged(tag);
            let drawn = draw(&mut surface, &item.draw, doc.faces);
            surface.end_tagged();
            drawn?;
            page_ids.push((item.role == Role::Content).then_some(id));
        }
        surface.finish();
        page.finish();
        ids.push(page_ids);
    }
    document.set_tag_tree(tag_tree(doc, &ids));
    document.set_outline(outline(doc));
    document.set_metadata(
        Metadata::new()
            .title(doc.title.to_owned())
            .language(doc.language.to_owned())
            .creator("Roomlens".to_owned()),
    );
    document.finish().map_err(|error| PdfError::Writing {
        detail: format!("{error:?}"),
    })
}

fn fill_of(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

fn draw(surface: &mut Surface<'_>, draw: &Draw, faces: &Faces) -> Result<(), PdfError> {
    match draw {
        Draw::Text {
            x,
            baseline,
            size,
            weight,
            color,
            text,
        } => {
            let font = match weight {
                Weight::Regular => faces.regular_pdf.clone(),
                Weight::Bold => faces.bold_pdf.clone(),
            };
            surface.set_fill(Some(fill_of(*color)));
            surface.draw_text(
                Point::from_xy(*x, *baseline),
                font,
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Draw::Fill {
            x,
            y,
            width,
            height,
            color,
        } => {
            let mut builder = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) {
                builder.push_rect(rect);
            }
            if let Some(path) = builder.finish() {
                surface.set_fill(Some(fill_of(*color)));
                surface.draw_path(&path);
            }
        }
        Draw::Figure {
            tree,
            x,
            y,
            width,
            height,
        } => {
            let size = Size::from_wh(*width, *height).ok_or_else(|| PdfError::InvalidFigure {
                detail: "a chart of no size".to_owned(),
            })?;
            surface.push_transform(&Transform::from_translate(*x, *y));
            let drawn = surface.draw_svg(tree, size, SvgSettings::default());
            surface.pop();
            drawn.ok_or_else(|| PdfError::InvalidFigure {
                detail: "the chart could not be drawn".to_owned(),
            })?;
        }
    }
    Ok(())
}

/// The bookmarks a PDF viewer shows beside the pages: one per heading, pointing at it.
fn outline(doc: &LaidOut<'_>) -> Outline {
    let mut outline = Outline::new();
    for block in doc.blocks {
        let Block::Heading { items, .. } = block else {
            continue;
        };
        let mut text = Vec::new();
        let mut at = None;
        for (page, item) in items {
            if let Some(Draw::Text {
                x,
                baseline,
                size,
                text: line,
                ..
            }) = doc
                .pages
                .get(*page)
                .and_then(|p| p.get(*item))
                .map(|i| &i.draw)
            {
                text.push(line.as_str());
                at.get_or_insert((*page, Point::from_xy(*x, (baseline - size).max(0.0))));
            }
        }
        if let Some((page, point)) = at {
            outline.push_child(OutlineNode::new(
                text.join(" "),
                XyzDestination::new(page, point),
            ));
        }
    }
    outline
}

fn tag_tree(doc: &LaidOut<'_>, ids: &[Vec<Option<Identifier>>]) -> TagTree {
    let leaves = |refs: &[ItemRef]| -> Vec<Node> {
        refs.iter()
            .filter_map(|(page, item)| ids.get(*page)?.get(*item).copied().flatten())
            .map(Node::from)
            .collect()
    };
    let mut tree = TagTree::new().with_lang(Some(doc.language.to_owned()));
    for block in doc.blocks {
        let group = match block {
            Block::Heading { level, items } => {
                let level = NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN);
                TagGroup::with_children(Tag::Hn(level, None), leaves(items))
            }
            Block::Paragraph(items) => TagGroup::with_children(Tag::P, leaves(items)),
            Block::Figure { alt, items } => {
                TagGroup::with_children(Tag::Figure(Some(alt.clone())), leaves(items))
            }
            Block::Table { header, rows } if rows.len() > CELL_TAGS_UP_TO_ROWS => {
                // Every tag is an object of its own (~120 bytes): a tag a cell would make a
                // 5,000-row table 6 MB of tags. A long table is read a row at a time instead,
                // each row (the header first) one paragraph of its values in reading order.
                let paragraph = |cells: &[Vec<ItemRef>]| -> Node {
                    let all: Vec<ItemRef> = cells.iter().flatten().copied().collect();
                    TagGroup::with_children(Tag::P, leaves(&all)).into()
                };
                let mut children = vec![paragraph(header)];
                children.extend(rows.iter().map(|row| paragraph(row)));
                TagGroup::with_children(Tag::Div, children)
            }
            Block::Table { header, rows } => {
                let head_row = TagGroup::with_children(
                    Tag::TR,
                    header
                        .iter()
                        .map(|cell| {
                            TagGroup::with_children(Tag::TH(TableHeaderScope::Column), leaves(cell))
                                .into()
                        })
                        .collect(),
                );
                let body_rows = rows
                    .iter()
                    .map(|row| {
                        TagGroup::with_children(
                            Tag::TR,
                            row.iter()
                                .map(|cell| TagGroup::with_children(Tag::TD, leaves(cell)).into())
                                .collect(),
                        )
                        .into()
                    })
                    .collect();
                TagGroup::with_children(
                    Tag::Table,
                    vec![
                        TagGroup::with_children(Tag::THead, vec![head_row.into()]).into(),
                        TagGroup::with_children(Tag::TBody, body_rows).into(),
                    ],
                )
            }
        };
        tree.push(group);
    }
    tree
}
