//! What the chart tests share: parsing a chart's SVG as XML (well-formedness is part of every
//! check) and reading back the text it shows.

#![cfg(test)]
#![allow(dead_code)]

use roomlens_charts::{SessionClock, Theme};

/// Both themes, named, for tests that draw each chart twice.
pub fn themes() -> [(&'static str, Theme); 2] {
    [("light", Theme::light()), ("dark", Theme::dark())]
}

/// The SVG's `<text>` contents in document order; panics (failing the test) when it is not
/// well-formed XML or not an SVG document.
pub fn texts(svg: &str) -> Vec<String> {
    let doc =
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert!(root.attribute("viewBox").is_some());
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

/// Every element name in the SVG (to check nothing but drawing elements appear).
pub fn element_names(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name().to_owned())
        .collect()
}

/// The SVG's declared width and height.
pub fn svg_size(svg: &str) -> (u32, u32) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    (
        root.attribute("width").unwrap().parse().unwrap(),
        root.attribute("height").unwrap().parse().unwrap(),
    )
}

/// 2026-03-02 09:02 UTC, shown in Berlin (UTC+1).
pub fn berlin_clock() -> SessionClock {
    SessionClock {
        start_unix_seconds: 1_772_442_120,
        utc_offset_minutes: 60,
        zone_name: "Europe/Berlin".into(),
    }
}

pub fn is_time_label(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
}

/// The right edge, top and bottom of every heatmap stroke (paths of `M`, `m` and `h` commands).
pub fn stroke_extent(svg: &str) -> (f64, f64, f64) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let (mut max_x, mut min_y, mut max_y) = (0f64, f64::MAX, 0f64);
    for path in doc.descendants().filter(|n| n.has_tag_name("path")) {
        let width: f64 = path.attribute("stroke-width").unwrap().parse().unwrap();
        let d = path.attribute("d").unwrap();
        let (mut x, mut y) = (0f64, 0f64);
        let mut tokens = d
            .split(|c: char| c == ' ' || c.is_ascii_alphabetic())
            .filter(|t| !t.is_empty());
        for command in d.chars().filter(|c| c.is_ascii_alphabetic()) {
            match command {
                'M' => {
                    x = tokens.next().unwrap().parse().unwrap();
                    y = tokens.next().unwrap().parse().unwrap();
                }
                'm' => {
                    x += tokens.next().unwrap().parse::<f64>().unwrap();
                    y += tokens.next().unwrap().parse::<f64>().unwrap();
                }
                'h' => x += tokens.next().unwrap().parse::<f64>().unwrap(),
                other => panic!("unexpected path command {other}"),
            }
            max_x = max_x.max(x);
            min_y = min_y.min(y - width / 2.0);
            max_y = max_y.max(y + width / 2.0);
        }
    }
    (max_x, min_y, max_y)
}

pub const ELEMENTS: [&str; 8] = [
    "svg", "rect", "line", "polyline", "polygon", "circle", "text", "path",
];
pub const ATTRIBUTES: [&str; 22] = [
    "width",
    "height",
    "viewBox",
    "x",
    "y",
    "dy",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "points",
    "d",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "opacity",
    "text-anchor",
    "font-family",
];
pub const MORE_ATTRIBUTES: [&str; 2] = ["font-size", "transform"];

/// `svg` parses, holds each of `expected` as a whole text node, no `<script`, and only the
/// elements and attributes charts draw (so no name became markup or an event handler).
pub fn check_drawn_as_text(svg: &str, expected: &[&str]) {
    let texts = texts(svg);
    for name in expected {
        assert!(
            texts.iter().any(|t| t == name),
            "{name:?} not a text node in {texts:?}"
        );
    }
    assert!(!svg.to_ascii_lowercase().contains("<script"));
    assert!(!svg.contains("<svg onload"));
    for element in element_names(svg) {
        assert!(
            ELEMENTS.contains(&element.as_str()),
            "unexpected element {element}"
        );
    }
    let doc = roxmltree::Document::parse(svg).unwrap();
    for node in doc.descendants().filter(|n| n.is_element()) {
        for attribute in node.attributes() {
            let name = attribute.name();
            assert!(
                ATTRIBUTES.contains(&name) || MORE_ATTRIBUTES.contains(&name),
                "unexpected attribute {name}"
            );
        }
    }
}
