//! Lists of Kaltura IDs as people type or paste them: separated by commas, semicolons, spaces or
//! new lines, possibly quoted, possibly repeated. The command line's filter options and the
//! desktop page's filter boxes (sent as typed) both go through it. It does not check that an ID
//! exists; Kaltura answers that.

use std::collections::HashSet;

/// Splits `text` into IDs in first-seen order, without empty items or repeats.
pub fn split_ids(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(|piece| piece.trim_matches(|c: char| c == '"' || c == '\''))
        .filter(|id| !id.is_empty() && seen.insert(*id))
        .map(str::to_owned)
        .collect()
}

/// `split_ids` over several pieces of text (one per repeated command-line option), merged.
pub fn split_id_lists<S: AsRef<str>>(texts: &[S]) -> Vec<String> {
    let joined: Vec<&str> = texts.iter().map(|t| t.as_ref()).collect();
    split_ids(&joined.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_quotes_and_repeats() {
        assert_eq!(split_ids("1_a,1_b"), ["1_a", "1_b"]);
        assert_eq!(
            split_ids(" 1_a ,\n1_b\r\n\t1_c;1_a,, "),
            ["1_a", "1_b", "1_c"]
        );
        assert_eq!(split_ids("\"1_a\", '1_b'"), ["1_a", "1_b"]);
        assert!(split_ids(" , \n ").is_empty());
    }

    #[test]
    fn several_lists_merge_in_order() {
        assert_eq!(
            split_id_lists(&["1_b,1_a", "1_a 1_c"]),
            ["1_b", "1_a", "1_c"]
        );
        assert!(split_id_lists::<&str>(&[]).is_empty());
    }
}
