//! Which rows the search box matches: the trimmed search text, once it has `MIN_SEARCH_CHARS`
//! characters, as a case-insensitive (Unicode lower case) substring of any searchable column.
//! It does not sort or page.

use super::cell::{cell, CellRef};
use super::order::folded;
use crate::reports::Report;

/// Shorter searches (after trimming) filter nothing, as in Kaltura's viewer table.
pub const MIN_SEARCH_CHARS: usize = 3;

/// The lower-cased needle for `search`, or `None` when it is too short to filter.
pub(crate) fn needle(search: &str) -> Option<String> {
    let trimmed = search.trim();
    (trimmed.chars().count() >= MIN_SEARCH_CHARS).then(|| trimmed.to_lowercase())
}

/// Whether `text` contains `needle` (already lower case) ignoring case.
fn contains_folded(text: &str, needle: &str) -> bool {
    if text.is_ascii() {
        // ASCII lower-cases to ASCII, so a non-ASCII needle cannot match.
        needle.is_ascii()
            && text.len() >= needle.len()
            && text.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    } else {
        folded(text).contains(needle)
    }
}

/// Positions of the rows of `report` whose `searchable` columns contain `needle`, in report order.
pub(crate) fn matching_rows(report: &Report, searchable: &[usize], needle: &str) -> Vec<usize> {
    (0..report.len())
        .filter(|&row| {
            searchable
                .iter()
                .any(|&c| matches!(cell(report, row, c), Some(CellRef::Text(text)) if contains_folded(text, needle)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_searches_do_not_filter() {
        assert_eq!(needle("  ab "), None);
        assert_eq!(needle("äö"), None);
        assert_eq!(needle(" ÄÖÜ "), Some("äöü".into()));
        assert_eq!(needle("abc"), Some("abc".into()));
    }

    #[test]
    fn matching_ignores_case_in_any_script() {
        assert!(contains_folded("Ana.Lopez@Example.ORG", "example.org"));
        assert!(contains_folded("JÜRGEN Straße", "jürgen"));
        assert!(contains_folded("ΣΩΚΡΆΤΗΣ", "σωκ"));
        assert!(!contains_folded("Jurgen", "jürgen"));
        assert!(!contains_folded("ab", "abc"));
        // The Kelvin sign lower-cases to an ASCII k.
        assert!(contains_folded("\u{212A}elvin", "kel"));
    }
}
