//! A summary card's second line ("in 1,284 sessions") as words and figures kept apart, so the page
//! writes each figure in the person's own number format (a German reader sees "in 1.284 Sitzungen"'s
//! digits, 1.284, beside a card value written the same way). The words are English. `plain_text`
//! writes the line in English with English digits, for tests and logs. It computes no figures.

use super::card_value::{number, CardFormat, CardValue};
use crate::wording;
use serde::Serialize;

/// One piece of a note: words, or a figure with the format the page writes it in.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(untagged)]
pub enum NotePart {
    Text(String),
    Figure {
        value: CardValue,
        format: CardFormat,
    },
}

/// A card's second line. Serialised as an array of strings and `{value, format}` figures.
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
#[serde(transparent)]
pub struct Note(Vec<NotePart>);

impl Note {
    pub fn new() -> Note {
        Note::default()
    }

    /// A note that is only words (tests compare notes by their English text).
    pub fn words(text: &str) -> Note {
        Note::new().text(text)
    }

    pub fn text(mut self, text: &str) -> Note {
        self.0.push(NotePart::Text(text.to_owned()));
        self
    }

    fn figure(mut self, value: CardValue, format: CardFormat) -> Note {
        self.0.push(NotePart::Figure { value, format });
        self
    }

    /// A whole number.
    pub fn count(self, n: u64) -> Note {
        self.figure(CardValue::Count(n), CardFormat::Count)
    }

    /// "3 rooms" / "1 room": the number as a figure, the noun in the right number.
    pub fn counted(self, n: u64, singular: &str, plural: &str) -> Note {
        self.count(n)
            .text(&format!(" {}", if n == 1 { singular } else { plural }))
    }

    /// A number with at most one decimal.
    pub fn decimal(self, x: f64) -> Note {
        self.figure(number(Some(x)), CardFormat::Decimal)
    }

    /// A duration in minutes.
    pub fn minutes(self, m: f64) -> Note {
        self.figure(number(Some(m)), CardFormat::Minutes)
    }

    /// Appends `other`'s parts.
    pub fn then(mut self, other: Note) -> Note {
        self.0.extend(other.0);
        self
    }

    /// The note in English with English digits ("in 1,284 sessions").
    pub fn plain_text(&self) -> String {
        self.0
            .iter()
            .map(|part| match part {
                NotePart::Text(text) => text.clone(),
                NotePart::Figure { value, format } => match (value, format) {
                    (CardValue::Count(n), _) => wording::count(*n),
                    (CardValue::Number(m), CardFormat::Minutes) => wording::minutes(*m),
                    (CardValue::Number(x), _) => wording::decimal(*x),
                    _ => "—".to_owned(),
                },
            })
            .collect()
    }
}

/// Two notes are the same when they read the same.
impl PartialEq for Note {
    fn eq(&self, other: &Note) -> bool {
        self.plain_text() == other.plain_text()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_stay_figures_for_the_page_and_read_in_english_for_tests() {
        let note = Note::new()
            .text("in ")
            .counted(1284, "session", "sessions")
            .text("; ")
            .decimal(14.25)
            .text(" per session");
        assert_eq!(note.plain_text(), "in 1,284 sessions; 14.3 per session");
        assert_eq!(
            serde_json::to_value(&note).unwrap(),
            serde_json::json!([
                "in ",
                { "value": 1284, "format": "count" },
                " sessions",
                "; ",
                { "value": 14.25, "format": "decimal" },
                " per session"
            ])
        );
        assert_eq!(
            Note::new().counted(1, "room", "rooms").plain_text(),
            "1 room"
        );
        assert_eq!(
            Note::new().minutes(65.0).text(" long").plain_text(),
            "1 h 05 min long"
        );
    }
}
