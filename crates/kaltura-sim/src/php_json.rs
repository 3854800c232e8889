//! String escaping as PHP's `json_encode` (default flags) and Kaltura's XML serializer do it:
//! JSON writes `/` as `\/` and every non-ASCII character as a lower-case `\uXXXX` (surrogate pairs
//! above U+FFFF). Only escaping; the simulator builds its few response shapes by hand.

use std::fmt::Write as _;

/// `s` as a JSON string literal, quotes included, escaped like PHP's `json_encode`.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' => out.push_str("\\/"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{:04x}", unit);
                }
            }
        }
    }
    out.push('"');
    out
}

/// `s` escaped for XML text content (`&`, `<`, `>`, `"`, `'`).
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_php() {
        assert_eq!(
            json_string("Invalid KS \"EXPIRED\""),
            "\"Invalid KS \\\"EXPIRED\\\"\""
        );
        assert_eq!(json_string("a/b"), "\"a\\/b\"");
        assert_eq!(json_string("Zoë"), "\"Zo\\u00eb\"");
        assert_eq!(json_string("😀"), "\"\\ud83d\\ude00\"");
        assert_eq!(json_string("\u{1}"), "\"\\u0001\"");
        assert_eq!(
            xml_text("<a href='x'>&\"</a>"),
            "&lt;a href=&apos;x&apos;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }
}
