//! Lays a report out on pages as it is built: each call adds one block (a title, heading,
//! paragraph, row of figure cards, row of charts or table) under the previous one, moving to a new
//! page when the block does not fit; a table continues over as many pages as its rows need, its
//! header repeated on each. It records what each drawn piece is (heading, paragraph, figure, table
//! cell, or page decoration) for the tags. It does not write PDF syntax (see `writer`).

use crate::error::PdfError;
use crate::page_items::{Block, Draw, Item, ItemRef, LaidOut, Rgb, Role};
use crate::paper::{Paper, PaperSize};
use crate::text_metrics::{Faces, Weight};
use crate::writer;

/// Colours of the printed page: near-black text, grey for secondary text and rules, light fills.
const TEXT: Rgb = (29, 29, 31);
const MUTED: Rgb = (96, 96, 102);
const RULE: Rgb = (200, 200, 206);
const CARD_FILL: Rgb = (244, 244, 247);
const HEADER_FILL: Rgb = (236, 236, 241);
const STRIPE_FILL: Rgb = (249, 249, 251);

/// How a piece of text is set.
#[derive(Debug, Clone, Copy)]
struct Style {
    size: f32,
    weight: Weight,
    color: Rgb,
}

fn style(size: f32, weight: Weight, color: Rgb) -> Style {
    Style {
        size,
        weight,
        color,
    }
}

const MARGIN_X: f32 = 42.0;
const MARGIN_TOP: f32 = 46.0;
/// Space kept free at the bottom of each page for the footer.
const MARGIN_BOTTOM: f32 = 54.0;
const FOOTER_SIZE: f32 = 7.5;

const TITLE_SIZE: f32 = 19.0;
const HEADING_SIZE: f32 = 12.5;
const BODY_SIZE: f32 = 9.5;
const NOTE_SIZE: f32 = 8.0;
const TABLE_SIZE: f32 = 7.5;
const LINE: f32 = 1.3;
const HEADING_BEFORE: f32 = 12.0;
const HEADING_AFTER: f32 = 4.0;

const CARD_COLUMNS: usize = 3;
const CARD_GAP: f32 = 8.0;
const CARD_PADDING: f32 = 8.0;
const CARD_LABEL_SIZE: f32 = 7.5;
const CARD_VALUE_SIZE: f32 = 15.0;
const CARD_NOTE_SIZE: f32 = 7.0;

const CELL_PADDING: f32 = 3.5;
/// Table headings are a little smaller than the cells, so figure columns stay narrow.
const TABLE_HEAD_SIZE: f32 = 7.0;
/// The least share of a table's width its text columns keep.
const MIN_TEXT_SHARE: f32 = 0.3;
/// Lines a table cell may take before the rest is cut with "…".
const CELL_MAX_LINES: usize = 3;
/// Room kept under a table cut short by its page limit, for a note saying what was left out.
const CUT_NOTE_ROOM: f32 = 8.0 + 2.0 * NOTE_SIZE * LINE + 3.0;
/// Lines for a cell's grey detail (its text after a line break).
const CELL_DETAIL_LINES: usize = 2;

/// One figure card: a label, the figure, and a short note under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub label: String,
    pub value: String,
    pub note: String,
}

/// How a table column's text sits in its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table column: its heading, its share of the table's width and its alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub heading: String,
    pub weight: f32,
    pub align: Align,
}

/// A report being laid out. Build it top to bottom, then [`ReportDocument::finish`].
pub struct ReportDocument {
    pub(crate) faces: Faces,
    pub(crate) size: PaperSize,
    pub(crate) title: String,
    pub(crate) language: String,
    pub(crate) footer: String,
    pub(crate) pages: Vec<Vec<Item>>,
    pub(crate) blocks: Vec<Block>,
    /// Distance from the current page's top to where the next block starts.
    y: f32,
    /// A heading not placed yet: it goes on the page where what follows it starts.
    pending_heading: Option<String>,
}

impl ReportDocument {
    /// A report on `paper`; `title` and `language` (such as `en`) are the document's own (shown
    /// by PDF viewers, read by screen readers); `footer` is printed at the foot of each page
    /// beside the page number.
    pub fn new(paper: Paper, title: &str, language: &str, footer: &str) -> Result<Self, PdfError> {
        Ok(ReportDocument {
            faces: Faces::load()?,
            size: paper.size(),
            title: title.to_owned(),
            language: language.to_owned(),
            footer: footer.to_owned(),
            pages: vec![Vec::new()],
            blocks: Vec::new(),
            y: MARGIN_TOP,
            pending_heading: None,
        })
    }

    fn content_width(&self) -> f32 {
        self.size.width - 2.0 * MARGIN_X
    }

    fn bottom(&self) -> f32 {
        self.size.height - MARGIN_BOTTOM
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `height` fits under the cursor (or the page is still empty).
    fn make_room(&mut self, height: f32) {
        let empty = self.pages.last().is_none_or(Vec::is_empty);
        if !empty && self.y + height > self.bottom() {
            self.new_page();
        }
    }

    fn push(&mut self, draw: Draw, role: Role) -> ItemRef {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let page = self.pages.len() - 1;
        let mut at = 0;
        if let Some(items) = self.pages.last_mut() {
            items.push(Item { draw, role });
            at = items.len() - 1;
        }
        (page, at)
    }

    fn text(&mut self, x: f32, baseline: f32, style: Style, text: String, role: Role) -> ItemRef {
        self.push(
            Draw::Text {
                x,
                baseline,
                size: style.size,
                weight: style.weight,
                color: style.color,
                text,
            },
            role,
        )
    }

    fn fill(&mut self, x: f32, y: f32, width: f32, height: f32, color: Rgb) {
        self.push(
            Draw::Fill {
                x,
                y,
                width,
                height,
                color,
            },
            Role::Decoration,
        );
    }

    /// Wrapped lines of text at the cursor, as one paragraph or heading.
    fn lines(&mut self, text: &str, size: f32, weight: Weight, color: Rgb) -> Vec<ItemRef> {
        let lines = self
            .faces
            .wrap(text, weight, size, self.content_width(), usize::MAX);
        let mut items = Vec::new();
        for line in lines {
            self.make_room(size * LINE);
            let baseline = self.y + size;
            items.push(self.text(
                MARGIN_X,
                baseline,
                style(size, weight, color),
                line,
                Role::Content,
            ));
            self.y += size * LINE;
        }
        items
    }

    /// The report's title, large and bold.
    pub fn title(&mut self, text: &str) {
        self.place_heading_with(0.0);
        let items = self.lines(text, TITLE_SIZE, Weight::Bold, TEXT);
        self.y += 4.0;
        self.blocks.push(Block::Heading { level: 1, items });
    }

    /// A section heading. It is placed with the start of what follows it, so it never sits alone
    /// at the foot of a page.
    pub fn heading(&mut self, text: &str) {
        self.place_heading_with(0.0);
        self.pending_heading = Some(text.to_owned());
    }

    /// Makes room for `first` points of the next block, and for the pending heading above it if
    /// there is one, then places that heading.
    fn place_heading_with(&mut self, first: f32) {
        let Some(text) = self.pending_heading.take() else {
            self.make_room(first);
            return;
        };
        let lines = self
            .faces
            .wrap(
                &text,
                Weight::Bold,
                HEADING_SIZE,
                self.content_width(),
                usize::MAX,
            )
            .len() as f32;
        self.make_room(HEADING_BEFORE + lines * HEADING_SIZE * LINE + HEADING_AFTER + first);
        let empty = self.pages.last().is_none_or(Vec::is_empty);
        if !empty {
            self.y += HEADING_BEFORE;
        }
        let items = self.lines(&text, HEADING_SIZE, Weight::Bold, TEXT);
        self.y += HEADING_AFTER;
        self.blocks.push(Block::Heading { level: 2, items });
    }

    /// A paragraph of ordinary text.
    pub fn paragraph(&mut self, text: &str) {
        self.place_heading_with(BODY_SIZE * LINE);
        let items = self.lines(text, BODY_SIZE, Weight::Regular, TEXT);
        self.y += 3.0;
        self.blocks.push(Block::Paragraph(items));
    }

    /// A paragraph of smaller, grey text: how a figure was computed, what is left out.
    pub fn note(&mut self, text: &str) {
        self.place_heading_with(NOTE_SIZE * LINE);
        let items = self.lines(text, NOTE_SIZE, Weight::Regular, MUTED);
        self.y += 3.0;
        self.blocks.push(Block::Paragraph(items));
    }

    /// Figure cards, three to a row; each card is read as one paragraph.
    pub fn cards(&mut self, cards: &[Card]) {
        let width =
            (self.content_width() - CARD_GAP * (CARD_COLUMNS as f32 - 1.0)) / CARD_COLUMNS as f32;
        let inner = width - 2.0 * CARD_PADDING;
        for (n, row) in cards.chunks(CARD_COLUMNS).enumerate() {
            let notes: Vec<Vec<String>> = row
                .iter()
                .map(|c| {
                    self.faces
                        .wrap(&c.note, Weight::Regular, CARD_NOTE_SIZE, inner, 3)
                })
                .collect();
            let note_lines = notes.iter().map(Vec::len).max().unwrap_or(0) as f32;
            let height = CARD_PADDING * 2.0
                + CARD_LABEL_SIZE * LINE
                + CARD_VALUE_SIZE * LINE
                + note_lines * CARD_NOTE_SIZE * LINE;
            if n == 0 {
                self.place_heading_with(height);
            } else {
                self.make_room(height);
            }
            let top = self.y;
            for (i, (card, note)) in row.iter().zip(notes).enumerate() {
                let x = MARGIN_X + i as f32 * (width + CARD_GAP);
                self.fill(x, top, width, height, CARD_FILL);
                let mut items = Vec::new();
                let mut baseline = top + CARD_PADDING + CARD_LABEL_SIZE;
                let label = self
                    .faces
                    .fit(&card.label, Weight::Regular, CARD_LABEL_SIZE, inner);
                items.push(self.text(
                    x + CARD_PADDING,
                    baseline,
                    style(CARD_LABEL_SIZE, Weight::Regular, MUTED),
                    label,
                    Role::Content,
                ));
                baseline += CARD_VALUE_SIZE * LINE;
                let value = self
                    .faces
                    .fit(&card.value, Weight::Bold, CARD_VALUE_SIZE, inner);
                items.push(self.text(
                    x + CARD_PADDING,
                    baseline,
                    style(CARD_VALUE_SIZE, Weight::Bold, TEXT),
                    value,
                    Role::Content,
                ));
                for line in note {
                    baseline += CARD_NOTE_SIZE * LINE;
                    items.push(self.text(
                        x + CARD_PADDING,
                        baseline,
                        style(CARD_NOTE_SIZE, Weight::Regular, MUTED),
                        line,
                        Role::Content,
                    ));
                }
                self.blocks.push(Block::Paragraph(items));
            }
            self.y = top + height + CARD_GAP;
        }
    }

    /// Charts side by side across the page (one takes the whole width), each drawn from its SVG
    /// as vectors with its text kept as text; `alt` is each one's text alternative.
    pub fn figures(&mut self, figures: &[(&str, &str)]) -> Result<(), PdfError> {
        if figures.is_empty() {
            return Ok(());
        }
        let gap = 12.0;
        let width =
            (self.content_width() - gap * (figures.len() as f32 - 1.0)) / figures.len() as f32;
        let mut trees = Vec::new();
        for (svg, alt) in figures {
            let tree = roomlens_charts::chart_tree(svg).map_err(|e| PdfError::InvalidFigure {
                detail: e.message(),
            })?;
            let scale = width / tree.size().width().max(1.0);
            let height = tree.size().height() * scale;
            trees.push((tree, height, *alt));
        }
        let tallest = trees.iter().map(|(_, h, _)| *h).fold(0.0, f32::max);
        // A figure taller than a page is shrunk to fit one.
        let room = self.bottom() - MARGIN_TOP;
        let shrink = if tallest > room { room / tallest } else { 1.0 };
        self.place_heading_with(tallest * shrink);
        let top = self.y;
        for (i, (tree, height, alt)) in trees.into_iter().enumerate() {
            let x = MARGIN_X + i as f32 * (width + gap);
            let item = self.push(
                Draw::Figure {
                    tree: Box::new(tree),
                    x,
                    y: top,
                    width: width * shrink,
                    height: height * shrink,
                },
                Role::Content,
            );
            self.blocks.push(Block::Figure {
                alt: alt.to_owned(),
                items: vec![item],
            });
        }
        self.y = top + tallest * shrink + 8.0;
        Ok(())
    }

    /// A table of `rows` under `columns`, over as many pages as it needs, the header repeated at
    /// the top of each; a cell's text wraps to three lines, then is cut with "…". Text after a
    /// line break in a cell is its detail, in grey under it (two lines at most).
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        self.table_within(columns, rows, usize::MAX, &|| false);
    }

    /// As [`ReportDocument::table`], but on at most `max_pages` pages (at least one), and
    /// stopping early when `stop()` says so (checked every few rows): returns how many of `rows`
    /// it placed, the first ones.
    pub fn table_within(
        &mut self,
        columns: &[Column],
        rows: &[Vec<String>],
        max_pages: usize,
        stop: &dyn Fn() -> bool,
    ) -> usize {
        let widths = self.column_widths(columns, rows);
        let line = TABLE_SIZE * LINE;
        let header_lines: Vec<Vec<String>> = columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                self.faces.wrap(
                    &c.heading,
                    Weight::Bold,
                    TABLE_HEAD_SIZE,
                    (w - 2.0 * CELL_PADDING).max(1.0),
                    3,
                )
            })
            .collect();
        let head_line = TABLE_HEAD_SIZE * LINE;
        let header_height = header_lines.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32
            * head_line
            + 2.0 * CELL_PADDING;
        let mut body: Vec<Vec<Vec<ItemRef>>> = Vec::new();

        // The header; real content the first time, decoration when repeated on later pages.
        let draw_header = |doc: &mut ReportDocument, first: bool| -> Vec<Vec<ItemRef>> {
            let top = doc.y;
            doc.fill(
                MARGIN_X,
                top,
                doc.content_width(),
                header_height,
                HEADER_FILL,
            );
            let role = if first {
                Role::Content
            } else {
                Role::Decoration
            };
            let mut cells = Vec::new();
            let mut x = MARGIN_X;
            for ((column, lines), width) in columns.iter().zip(&header_lines).zip(&widths) {
                let mut items = Vec::new();
                for (n, text) in lines.iter().enumerate() {
                    let baseline = top + CELL_PADDING + TABLE_HEAD_SIZE + n as f32 * head_line;
                    let at = cell_x(
                        &doc.faces,
                        (x, *width),
                        text,
                        style(TABLE_HEAD_SIZE, Weight::Bold, TEXT),
                        column.align,
                    );
                    items.push(doc.text(
                        at,
                        baseline,
                        style(TABLE_HEAD_SIZE, Weight::Bold, TEXT),
                        text.clone(),
                        role,
                    ));
                }
                cells.push(items);
                x += width;
            }
            doc.y = top + header_height;
            cells
        };

        // The table starts where its header, a few rows and (when it may be cut) the note of the
        // rows left out fit; else on the next page, so a short page limit still shows rows.
        let cut_room = if rows.len() > 1 && max_pages < usize::MAX {
            CUT_NOTE_ROOM
        } else {
            0.0
        };
        let first_rows = rows.len().clamp(1, 3) as f32 * (line + 2.0 * CELL_PADDING);
        self.place_heading_with(header_height + first_rows + cut_room);
        let header_items = draw_header(self, true);
        let first_page = self.pages.len();
        for (n, row) in rows.iter().enumerate() {
            if n % 256 == 255 && stop() {
                break;
            }
            let lines: Vec<Vec<(String, Rgb)>> = widths
                .iter()
                .enumerate()
                .map(|(c, w)| {
                    let text = row.get(c).map(String::as_str).unwrap_or("");
                    let (main, detail) = text.split_once('\n').unwrap_or((text, ""));
                    let room = (w - 2.0 * CELL_PADDING).max(1.0);
                    let wrap = |text: &str, lines: usize| {
                        self.faces
                            .wrap(text, Weight::Regular, TABLE_SIZE, room, lines)
                    };
                    let mut lines: Vec<(String, Rgb)> = wrap(main, CELL_MAX_LINES)
                        .into_iter()
                        .map(|l| (l, TEXT))
                        .collect();
                    lines.extend(
                        wrap(detail, CELL_DETAIL_LINES)
                            .into_iter()
                            .map(|l| (l, MUTED)),
                    );
                    lines
                })
                .collect();
            let height = lines.iter().map(Vec::len).max().unwrap_or(1).max(1) as f32 * line
                + 2.0 * CELL_PADDING;
            // On the table's last page, room is kept for the note a caller adds about the
            // rows left out.
            let last_page = self.pages.len() + 1 - first_page >= max_pages.max(1);
            let reserve = if last_page && n + 1 < rows.len() {
                CUT_NOTE_ROOM
            } else {
                0.0
            };
            if self.y + height + reserve > self.bottom() {
                if last_page {
                    break;
                }
                self.new_page();
                draw_header(self, false);
            }
            let top = self.y;
            if n % 2 == 1 {
                self.fill(MARGIN_X, top, self.content_width(), height, STRIPE_FILL);
            }
            let mut cells = Vec::new();
            let mut x = MARGIN_X;
            for ((column, cell_lines), width) in columns.iter().zip(lines).zip(&widths) {
                let mut items = Vec::new();
                for (k, (text, color)) in cell_lines.into_iter().enumerate() {
                    let baseline = top + CELL_PADDING + TABLE_SIZE + k as f32 * line;
                    let cell_style = style(TABLE_SIZE, Weight::Regular, color);
                    let at = cell_x(&self.faces, (x, *width), &text, cell_style, column.align);
                    items.push(self.text(at, baseline, cell_style, text, Role::Content));
                }
                cells.push(items);
                x += width;
            }
            body.push(cells);
            self.y = top + height;
        }
        self.fill(MARGIN_X, self.y, self.content_width(), 0.6, RULE);
        self.y += 8.0;
        let placed = body.len();
        self.blocks.push(Block::Table {
            header: header_items,
            rows: body,
        });
        placed
    }

    /// Each column's width: figures (right-aligned columns) as wide as their widest cell or
    /// heading word needs, text columns sharing the rest by weight; all by weight when figures
    /// would leave text columns less than a third of the page.
    fn column_widths(&self, columns: &[Column], rows: &[Vec<String>]) -> Vec<f32> {
        let page = self.content_width();
        let by_weight = |columns: &[Column], room: f32| -> Vec<f32> {
            let total: f32 = columns
                .iter()
                .map(|c| c.weight.max(0.0))
                .sum::<f32>()
                .max(f32::EPSILON);
            columns
                .iter()
                .map(|c| room * c.weight.max(0.0) / total)
                .collect()
        };
        let natural: Vec<Option<f32>> = columns
            .iter()
            .enumerate()
            .map(|(c, column)| {
                (column.align == Align::Right).then(|| {
                    let heading = column
                        .heading
                        .split_whitespace()
                        .map(|word| self.faces.width(word, Weight::Bold, TABLE_HEAD_SIZE))
                        .fold(0.0, f32::max);
                    let cells = rows
                        .iter()
                        .filter_map(|row| row.get(c))
                        .map(|cell| self.faces.width(cell, Weight::Regular, TABLE_SIZE))
                        .fold(0.0, f32::max);
                    heading.max(cells) + 2.0 * CELL_PADDING + 1.0
                })
            })
            .collect();
        let fixed: f32 = natural.iter().flatten().sum();
        let text_columns: Vec<Column> = columns
            .iter()
            .zip(&natural)
            .filter(|(_, n)| n.is_none())
            .map(|(c, _)| c.clone())
            .collect();
        if text_columns.is_empty() || fixed <= 0.0 {
            return by_weight(columns, page);
        }
        // Text keeps at least this share of the page; figures narrow (their headings wrap) if
        // they would take more.
        let room = (page - fixed).max(page * MIN_TEXT_SHARE);
        let squeeze = ((page - room) / fixed).min(1.0);
        let mut shared = by_weight(&text_columns, room).into_iter();
        natural
            .iter()
            .map(|n| match n {
                Some(width) => width * squeeze,
                None => shared.next().unwrap_or(0.0),
            })
            .collect()
    }

    /// Turns the pages sideways (before anything is added): for tables of many columns.
    pub fn landscape(mut self) -> Self {
        if self.size.width < self.size.height {
            self.size = PaperSize {
                width: self.size.height,
                height: self.size.width,
            };
        }
        self
    }

    /// Number of pages so far.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Adds the footers and writes the PDF.
    pub fn finish(mut self) -> Result<Vec<u8>, PdfError> {
        self.place_heading_with(0.0);
        let count = self.pages.len();
        let baseline = self.size.height - MARGIN_BOTTOM / 2.0;
        let right = self.size.width - MARGIN_X;
        let faces = &self.faces;
        let width = self.size.width - 2.0 * MARGIN_X;
        for (page, items) in self.pages.iter_mut().enumerate() {
            let number = format!("Page {} of {}", page + 1, count);
            let number_width = faces.width(&number, Weight::Regular, FOOTER_SIZE);
            let footer = faces.fit(
                &self.footer,
                Weight::Regular,
                FOOTER_SIZE,
                width - number_width - 16.0,
            );
            let rule = Item {
                draw: Draw::Fill {
                    x: MARGIN_X,
                    y: baseline - FOOTER_SIZE - 6.0,
                    width,
                    height: 0.5,
                    color: RULE,
                },
                role: Role::Decoration,
            };
            let text = |x: f32, text: String| Item {
                draw: Draw::Text {
                    x,
                    baseline,
                    size: FOOTER_SIZE,
                    weight: Weight::Regular,
                    color: MUTED,
                    text,
                },
                role: Role::Decoration,
            };
            items.push(rule);
            items.push(text(MARGIN_X, footer));
            items.push(text(right - number_width, number));
        }
        writer::write(&LaidOut {
            faces: &self.faces,
            size: self.size,
            title: &self.title,
            language: &self.language,
            pages: &self.pages,
            blocks: &self.blocks,
        })
    }
}

/// Where text starts in a cell, for its column's alignment.
fn cell_x(faces: &Faces, (x, width): (f32, f32), text: &str, style: Style, align: Align) -> f32 {
    match align {
        Align::Left => x + CELL_PADDING,
        Align::Right => x + width - CELL_PADDING - faces.width(text, style.weight, style.size),
    }
}
