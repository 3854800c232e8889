//! The PDFs read back with poppler's own tools (pdftotext, pdffonts, pdfimages, pdfinfo), as a
//! person's PDF viewer would: text present and in order, fonts embedded, no pictures, page sizes,
//! the table's header on every page, hostile names the same characters they went in as.
//! poppler-utils is installed by the test command (tests/dev/setup.sh).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a step that fails should stop it loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use roomlens_charts::{breakdown_bars, BreakdownInput, BreakdownItem, BreakdownKind, Size, Theme};
use roomlens_pdf::{Align, Card, Column, Paper, ReportDocument};

const HOSTILE: &[&str] = &[
    "Zoë Ångström",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "<script>alert(1)</script>",
    "Dwayne \"The Rock\" Johnson",
    "O'Connor, Siobhán",
    "Анна Петрова",
    "Nguyễn Thị Minh Khai",
    ") Tj (injected",
    "back\\slash",
];

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("roomlens-pdf-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let output = Command::new(name)
        .args(args)
        .arg(file)
        .args(if name == "pdftotext" {
            vec!["-"]
        } else {
            vec![]
        })
        .output()
        .unwrap_or_else(|e| panic!("{name} could not run (poppler-utils installed?): {e}"));
    assert!(
        output.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn chart_svg() -> String {
    let items = HOSTILE
        .iter()
        .enumerate()
        .map(|(i, name)| BreakdownItem {
            label: (*name).to_owned(),
            live_viewers: 10.0 + i as f64,
            recording_viewers: i as f64,
        })
        .collect();
    breakdown_bars(
        &BreakdownInput {
            kind: BreakdownKind::Countries,
            items,
            top_n: 8,
        },
        &Theme::light(),
        Size {
            width: 560,
            height: 360,
        },
    )
    .unwrap()
    .svg
}

fn people(count: usize) -> Vec<Vec<String>> {
    (0..count)
        .map(|i| {
            let name = HOSTILE
                .get(i)
                .map_or_else(|| format!("Person {i:05}"), |n| (*n).to_owned());
            vec![name, format!("{}", 100 - i % 100), format!("{}%", i % 101)]
        })
        .collect()
}

fn report(paper: Paper, rows: usize) -> Vec<u8> {
    let mut doc = ReportDocument::new(
        paper,
        "Session summary: Room 101",
        "en",
        "Roomlens · Demo account · made 2 Mar 2026 9:00 (Europe/London)",
    )
    .unwrap();
    doc.title("Session summary: Room 101");
    doc.paragraph("2 March 2026, 9:00 AM – 9:45 AM (Europe/London)");
    doc.cards(&[
        Card {
            label: "Unique viewers".to_owned(),
            value: "1,234".to_owned(),
            note: "Live 80% · recording 15% · both 5%".to_owned(),
        },
        Card {
            label: "Average minutes viewed".to_owned(),
            value: "38.5".to_owned(),
            note: "Live; recording 12.0".to_owned(),
        },
        Card {
            label: "Live engagement rate".to_owned(),
            value: "—".to_owned(),
            note: "No logged-in live viewers, so Kaltura's rate is undefined".to_owned(),
        },
        Card {
            label: "Reactions".to_owned(),
            value: "57%".to_owned(),
            note: "of viewers; 2,345 reactions".to_owned(),
        },
    ]);
    let svg = chart_svg();
    doc.heading("Countries and devices");
    doc.figures(&[
        (&svg, "Countries: live and recording viewers"),
        (&svg, "Devices"),
    ])
    .unwrap();
    doc.heading("Viewer engagement");
    let columns = [
        Column {
            heading: "Name".to_owned(),
            weight: 3.0,
            align: Align::Left,
        },
        Column {
            heading: "Minutes viewed".to_owned(),
            weight: 1.0,
            align: Align::Right,
        },
        Column {
            heading: "Live engagement".to_owned(),
            weight: 1.0,
            align: Align::Right,
        },
    ];
    doc.table(&columns, &people(rows));
    doc.note("Figures as Kaltura computes them.");
    doc.finish().unwrap()
}

#[test]
fn text_is_searchable_in_reading_order_with_every_name_verbatim() {
    let scratch = Scratch::new("text");
    let file = scratch.write("summary.pdf", &report(Paper::A4, 40));
    let text = tool("pdftotext", &["-layout"], &file);
    let raw = tool("pdftotext", &["-raw"], &file);
    for expected in [
        "Session summary: Room 101",
        "Unique viewers",
        "1,234",
        "Live engagement rate",
        "Viewer engagement",
        "Person 00039",
        "Page 1 of",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    for name in HOSTILE {
        assert!(
            raw.contains(name) || text.contains(name),
            "hostile name {name:?} not verbatim in:\n{raw}"
        );
    }
    // Reading order: the title, then the cards, then the table.
    let title = raw.find("Session summary: Room 101").unwrap();
    let cards = raw.find("Unique viewers").unwrap();
    let table = raw.find("Person 00039").unwrap();
    assert!(title < cards && cards < table);
    // Chart labels are text too (drawn from the SVG as vectors).
    assert!(
        text.contains("Others") || text.contains("Countries"),
        "chart text missing"
    );
}

#[test]
fn fonts_are_embedded_and_subset_and_charts_are_not_pictures() {
    let scratch = Scratch::new("fonts");
    let file = scratch.write("summary.pdf", &report(Paper::A4, 40));
    let fonts = tool("pdffonts", &[], &file);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts:\n{fonts}");
    for row in &rows {
        let columns: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID
        let n = columns.len();
        assert!(n >= 7, "{row}");
        assert_eq!(columns[n - 5], "yes", "not embedded: {row}");
        assert_eq!(columns[n - 4], "yes", "not subset: {row}");
        assert_eq!(columns[n - 3], "yes", "no ToUnicode: {row}");
        assert!(columns[0].contains("DejaVu"), "{row}");
    }
    let images = tool("pdfimages", &["-list"], &file);
    assert_eq!(images.lines().count(), 2, "pictures in the PDF:\n{images}");
}

#[test]
fn tables_continue_over_pages_with_their_header_and_page_size_follows_the_paper() {
    let scratch = Scratch::new("pages");
    let short = scratch.write("short.pdf", &report(Paper::A4, 10));
    let long = scratch.write("long.pdf", &report(Paper::A4, 400));
    let letter = scratch.write("letter.pdf", &report(Paper::Letter, 10));
    let pages = |file: &Path| -> usize {
        let info = tool("pdfinfo", &[], file);
        info.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    let (few, many) = (pages(&short), pages(&long));
    assert!(many >= few + 5, "{few} pages for 10 rows, {many} for 400");
    let text = tool("pdftotext", &["-layout"], &long);
    let pages_text: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages_text.len(), many);
    let with_header = pages_text.iter().filter(|p| p.contains("Minutes")).count();
    // Every page the table is on (all but the first, which starts with the cards and charts).
    assert!(
        with_header >= many - 1,
        "header on {with_header} of {many} pages"
    );
    assert!(text.contains("Person 00399") && text.contains(&format!("Page {many} of {many}")));

    let size = |file: &Path| -> String {
        let info = tool("pdfinfo", &[], file);
        info.lines()
            .find_map(|l| l.strip_prefix("Page size:"))
            .unwrap()
            .trim()
            .to_owned()
    };
    assert!(
        size(&short).starts_with("595.276 x 841.89"),
        "{}",
        size(&short)
    );
    assert!(size(&letter).starts_with("612 x 792"), "{}", size(&letter));
    // Bookmarks: one per heading, the table's on the page it starts.
    let xml = tool("pdftohtml", &["-xml", "-i", "-stdout", "-q"], &long);
    let outline = xml.split("<outline>").nth(1).unwrap_or_default();
    for heading in [
        "Session summary: Room 101",
        "Countries and devices",
        "Viewer engagement",
    ] {
        assert!(
            outline.contains(heading),
            "no bookmark for {heading:?}:\n{outline}"
        );
    }
    let info = tool("pdfinfo", &[], &short);
    assert!(
        info.contains("Session summary: Room 101"),
        "no title:\n{info}"
    );
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.contains("yes")),
        "not tagged:\n{info}"
    );
}

#[test]
fn a_broken_chart_is_an_error_not_a_panic() {
    let mut doc = ReportDocument::new(Paper::A4, "t", "en", "f").unwrap();
    let error = doc.figures(&[("<svg", "broken")]).unwrap_err();
    assert_eq!(error.code(), "pdf_figure_invalid");
    assert!(error.message().contains("chart"));
}

#[test]
fn a_long_table_stays_small_and_readable_row_by_row() {
    let scratch = Scratch::new("long");
    let rows = 3000;
    let bytes = report(Paper::A4, rows);
    let file = scratch.write("long.pdf", &bytes);
    // Tagged a paragraph a row beyond 1,000 rows: a tag a cell would cost ~360 bytes a row here.
    let per_row = bytes.len() / rows;
    assert!(
        per_row < 300,
        "{per_row} bytes a row ({} in all)",
        bytes.len()
    );
    let info = tool("pdfinfo", &[], &file);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Tagged:") && l.contains("yes")),
        "{info}"
    );
    let text = tool("pdftotext", &["-raw"], &file);
    assert!(text.contains("Person 02999") && text.contains("Person 01000"));
}

#[test]
fn a_table_limited_to_one_page_starts_where_its_rows_fit() {
    let scratch = Scratch::new("limited");
    let svg = chart_svg();
    let columns = [
        Column {
            heading: "Name".to_owned(),
            weight: 3.0,
            align: Align::Left,
        },
        Column {
            heading: "Minutes viewed".to_owned(),
            weight: 1.0,
            align: Align::Right,
        },
    ];
    let rows: Vec<Vec<String>> = (0..500)
        .map(|i| vec![format!("Person {i:05}"), i.to_string()])
        .collect();
    // Charts fill the first page down to just above its foot, at several depths, so the table's
    // heading and header would fit there but its rows and the note of the rest would not.
    for gap in 0..6 {
        let mut doc = ReportDocument::new(Paper::Letter, "t", "en", "f")
            .unwrap()
            .landscape();
        doc.title("Attendees report");
        for _ in 0..gap {
            doc.paragraph("A line of text moving the charts down the page.");
        }
        doc.figures(&[(&svg, "a"), (&svg, "b")]).unwrap();
        doc.heading("The rows");
        let placed = doc.table_within(&columns, &rows, 1, &|| false);
        assert!(
            placed >= 3,
            "gap {gap}: only {placed} rows on the table's one page"
        );
        doc.note("more rows in the CSV");
        let file = scratch.write(&format!("limited-{gap}.pdf"), &doc.finish().unwrap());
        let text = tool("pdftotext", &["-raw"], &file);
        assert!(
            text.contains("Person 00000"),
            "gap {gap}: the first row is printed"
        );
    }
}
