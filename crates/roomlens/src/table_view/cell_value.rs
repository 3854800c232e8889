//! One cell's value: borrowed from a typed row for sorting and searching (`CellRef`), or owned for
//! the page sent to the UI (`CellValue`, JSON string | number | null). Text is passed through
//! exactly as read; the UI renders it as text. It does not know which column a cell is in.

use serde::{Serialize, Serializer};

/// A cell as stored in the row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum CellRef<'a> {
    Text(&'a str),
    /// Unix seconds.
    Whole(Option<i64>),
    Count(Option<u64>),
    /// Ratios, minutes, seconds.
    Decimal(Option<f64>),
}

/// A cell as the UI receives it: a string, a number, or `null` for a missing number.
#[derive(Debug, Clone, PartialEq, ts_rs::TS)]
#[ts(type = "string | number | null")]
pub enum CellValue {
    Text(String),
    Whole(i64),
    Count(u64),
    Decimal(f64),
    Missing,
}

impl Serialize for CellValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CellValue::Text(text) => serializer.serialize_str(text),
            CellValue::Whole(n) => serializer.serialize_i64(*n),
            CellValue::Count(n) => serializer.serialize_u64(*n),
            CellValue::Decimal(x) if x.is_finite() => serializer.serialize_f64(*x),
            CellValue::Decimal(_) | CellValue::Missing => serializer.serialize_none(),
        }
    }
}

impl CellRef<'_> {
    pub fn to_value(self) -> CellValue {
        match self {
            CellRef::Text(text) => CellValue::Text(text.to_owned()),
            CellRef::Whole(Some(n)) => CellValue::Whole(n),
            CellRef::Count(Some(n)) => CellValue::Count(n),
            CellRef::Decimal(Some(x)) => CellValue::Decimal(x),
            CellRef::Whole(None) | CellRef::Count(None) | CellRef::Decimal(None) => {
                CellValue::Missing
            }
        }
    }
}
