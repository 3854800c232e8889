//! Which rows the search box matches: the trimmed search text, once it has `MIN_SEARCH_CHARS`
//! characters, as a case-insensitive substring of any searchable column (Unicode lower case,
//! with "ς" as "σ" and "İ" as "i" so what people type finds what the report holds). It does not
//! sort or page.

use super::cell::cell;
use super::cell_value::CellRef;
use crate::cancel::CancelToken;
use crate::error::Error;
use crate::reports::ReportRows;

/// Shorter searches (after trimming) filter nothing, as in Kaltura's viewer table.
pub const MIN_SEARCH_CHARS: usize = 3;

/// The folded needle for `search`, or `None` when it is too short to filter.
pub(crate) fn needle(search: &str) -> Option<String> {
    let trimmed = search.trim();
    (trimmed.chars().count() >= MIN_SEARCH_CHARS).then(|| {
        let mut folded = String::new();
        fold_into(trimmed, &mut folded);
        folded
    })
}

/// `text` in lower case, character by character, with the final sigma as a plain sigma (so
/// "ΣΩΣ" and "σως" meet) and the dotted capital I as a plain i, written into `buffer`.
fn fold_into(text: &str, buffer: &mut String) {
    buffer.clear();
    if text.is_ascii() {
        buffer.extend(text.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        for c in text.chars() {
            match c {
                'İ' => buffer.push('i'),
                'ς' => buffer.push('σ'),
                _ => buffer.extend(c.to_lowercase()),
            }
        }
    }
}

/// Whether `text` contains `needle` (already folded) ignoring case; `buffer` is scratch space
/// reused between calls so matching allocates nothing per cell.
fn contains_folded(text: &str, needle: &str, buffer: &mut String) -> bool {
    if text.is_ascii() {
        // ASCII lower-cases to ASCII, so a non-ASCII needle cannot match ASCII text.
        return needle.is_ascii()
            && text.len() >= needle.len()
            && text
                .as_bytes()
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()));
    }
    fold_into(text, buffer);
    buffer.contains(needle)
}

/// Positions of the rows of `rows` whose `searchable` columns contain `needle`, in report
/// order. Walks the rows once, reading only those columns.
pub(crate) fn matching_rows(
    rows: &dyn ReportRows,
    searchable: &[usize],
    needle: &str,
    cancel: &CancelToken,
) -> Result<Vec<usize>, Error> {
    let mut buffer = String::new();
    let mut found = Vec::new();
    rows.for_each_piece(Some(searchable), cancel, &mut |start, piece| {
        found.extend((0..piece.len()).filter(|&row| {
            searchable.iter().any(|&c| {
                matches!(cell(piece, row, c), Some(CellRef::Text(text)) if contains_folded(text, needle, &mut buffer))
            })
        }).map(|row| start + row));
        Ok(())
    })?;
    Ok(found)
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
        let mut b = String::new();
        let mut contains_folded =
            |text: &str, search: &str| contains_folded(text, &needle(search).unwrap(), &mut b);
        assert!(contains_folded("Ana.Lopez@Example.ORG", "example.org"));
        assert!(contains_folded("JÜRGEN Straße", "jürgen"));
        assert!(contains_folded("ΣΩΚΡΆΤΗΣ", "σωκ"));
        assert!(contains_folded("ΣΩΚΡΆΤΗΣ", "Σωκράτης"));
        assert!(contains_folded("Σωκράτης", "ΚΡΆΤΗΣ"));
        assert!(!contains_folded("Jurgen", "jürgen"));
        assert!(!contains_folded("ab", "abc"));
        assert!(contains_folded("İstanbul", "ist"));
        assert!(contains_folded("istanbul", "İST"));
        // The Kelvin sign lower-cases to an ASCII k.
        assert!(contains_folded("\u{212A}elvin", "kel"));
    }
}
