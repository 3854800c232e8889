//! Making user-facing strings (room, person, country and device names, zone names) safe to put in
//! an SVG: plotters' SVG backend escapes `<`, `>`, `&`, `"` and `'` itself, so this module only
//! replaces the characters XML 1.0 forbids altogether and turns line breaks into spaces, and
//! shortens labels to a width. It does not escape: escaping twice would show `&amp;` to the reader.

/// The text as it may appear in a chart: characters XML cannot hold (C0 controls, U+FFFE, U+FFFF)
/// become U+FFFD, tabs and line breaks become spaces. Everything else is kept as is.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c if (c as u32) < 0x20 => '\u{FFFD}',
            '\u{FFFE}' | '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// `text` shortened with "…" so that `width_of` the result is at most `max_width`; unchanged when it
/// fits. Cuts between characters (a grapheme made of several characters may lose its tail).
pub fn shorten_to_width(text: &str, max_width: u32, width_of: impl Fn(&str) -> u32) -> String {
    if width_of(text) <= max_width {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    // Binary search on how many characters to keep before the ellipsis.
    let (mut keep_low, mut keep_high) = (0usize, chars.len());
    while keep_low < keep_high {
        let mid = (keep_low + keep_high).div_ceil(2);
        let candidate: String = chars
            .iter()
            .take(mid)
            .chain(std::iter::once(&'…'))
            .collect();
        if width_of(&candidate) <= max_width {
            keep_low = mid;
        } else {
            keep_high = mid - 1;
        }
    }
    let kept: String = chars.iter().take(keep_low).collect();
    format!("{}…", kept.trim_end())
}

/// Removes the line breaks plotters' SVG backend writes around every text node's content, so a
/// text node holds exactly the string that was drawn. Safe: plotters escapes `<` and `>` in text
/// and attribute values, so `<text ` only starts a real text element, its first `>` ends the tag,
/// and `</text>` only ever appears as a real closing tag.
pub(crate) fn trim_text_nodes(svg: String) -> String {
    const OPEN: &str = "<text ";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg.as_str();
    while let Some(start) = rest.find(OPEN) {
        let (before, from_tag) = rest.split_at(start);
        out.push_str(before);
        let Some(tag_end) = from_tag.find('>') else {
            rest = from_tag;
            break;
        };
        let (tag, after_tag) = from_tag.split_at(tag_end + 1);
        out.push_str(tag);
        let content = after_tag.strip_prefix('\n').unwrap_or(after_tag);
        match content.find("</text>") {
            Some(close) => {
                let (inner, after) = content.split_at(close);
                out.push_str(inner.strip_suffix('\n').unwrap_or(inner));
                rest = after;
            }
            None => {
                rest = content;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_keeps_markup_characters_for_the_backend_to_escape() {
        assert_eq!(clean("<b>&\"'"), "<b>&\"'");
    }

    #[test]
    fn clean_replaces_what_xml_forbids() {
        assert_eq!(clean("a\u{1}b\nc\u{FFFF}"), "a\u{FFFD}b c\u{FFFD}");
    }

    #[test]
    fn text_nodes_lose_only_the_backend_line_breaks() {
        let svg = "<svg>\n<text x=\"1\">\n a &lt;b&gt; \n</text>\n<rect/>\n<text y=\"2\">\nz\n</text>\n</svg>\n";
        assert_eq!(
            trim_text_nodes(svg.to_owned()),
            "<svg>\n<text x=\"1\"> a &lt;b&gt; </text>\n<rect/>\n<text y=\"2\">z</text>\n</svg>\n"
        );
    }

    #[test]
    fn shorten_keeps_short_text_and_cuts_long_text() {
        let width = |s: &str| s.chars().count() as u32;
        assert_eq!(shorten_to_width("short", 10, width), "short");
        assert_eq!(shorten_to_width("a much longer name", 8, width), "a much…");
        assert_eq!(shorten_to_width("abc", 0, width), "…");
    }
}
