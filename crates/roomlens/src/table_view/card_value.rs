//! A summary card's value and how the page writes it (a count, a percentage, minutes, a span of
//! dates…), shared by the cards and their notes. It holds no figures of its own.

use serde::Serialize;

/// How the UI shows a card's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum CardFormat {
    Count,
    /// The value is a fraction 0..1.
    Percent,
    Minutes,
    Hours,
    Seconds,
    /// The value is `{ from, to }` in Unix seconds.
    DateSpan,
    Text,
    /// A number with at most one decimal (used in notes).
    Decimal,
}

/// A card's value: a number, a text, a span of time, or `null` when the report cannot tell.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(untagged)]
pub enum CardValue {
    Count(u64),
    Number(f64),
    Text(String),
    Span { from: i64, to: i64 },
    Missing,
}

pub(crate) fn number(x: Option<f64>) -> CardValue {
    x.filter(|x| x.is_finite())
        .map_or(CardValue::Missing, CardValue::Number)
}
