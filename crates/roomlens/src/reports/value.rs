//! Reading one cell of a report as a number or a time: PHP-style floats (`7`, `0.33333333333333`,
//! `1.0E+15`), a decimal comma where the file's delimiter allows it, percentages (`75%`), Unix
//! seconds or ISO-8601 times. Each function says in plain words why a cell could not be read;
//! it never guesses a unit or a meaning the cell does not state. Empty cells are simply missing.

use jiff::{civil::DateTime, tz::TimeZone, Timestamp};

/// How numbers are written in the file being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NumberStyle {
    /// `0,75` means 0.75. Only allowed when `,` is not the delimiter.
    pub decimal_comma: bool,
}

/// Why a cell could not be read; the caller adds the column and value.
pub(crate) type Problem = &'static str;

/// Longest cell text quoted back in a warning.
const QUOTE_LIMIT: usize = 40;

/// The cell as it appears in a warning: quoted, cut at `QUOTE_LIMIT` characters.
pub(crate) fn quote_cell(cell: &str) -> String {
    let mut shown: String = cell.chars().take(QUOTE_LIMIT).collect();
    if shown.len() < cell.len() {
        shown.push('…');
    }
    format!("\"{shown}\"")
}

/// A plain decimal number: optional sign, digits, optional fraction, optional exponent.
/// Rejects `NaN`, `inf`, hex and anything else Rust's parser would also take.
fn parse_plain(text: &str, style: NumberStyle) -> Result<f64, Problem> {
    let with_dot;
    let s = if style.decimal_comma && text.contains(',') {
        if text.contains('.') || text.matches(',').count() > 1 {
            return Err("is not a number");
        }
        with_dot = text.replacen(',', ".", 1);
        with_dot.as_str()
    } else {
        text
    };
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    let starts_well = unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    let only_number_chars = unsigned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'));
    if !starts_well || !only_number_chars {
        return Err("is not a number");
    }
    let value: f64 = s.parse().map_err(|_| "is not a number")?;
    if !value.is_finite() {
        return Err("is too large");
    }
    Ok(value)
}

/// A fraction from 0 to 1; `75%` is read as 0.75.
pub(crate) fn parse_ratio(cell: &str, style: NumberStyle) -> Result<Option<f64>, Problem> {
    let s = cell.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let (digits, percent) = match s.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (s, false),
    };
    let value = parse_plain(digits, style)?;
    let value = if percent { value / 100.0 } else { value };
    if value < 0.0 {
        return Err("is negative");
    }
    if value > 1.0 {
        return Err(if percent {
            "is more than 100%"
        } else {
            "is not a fraction between 0 and 1 (write a percentage with %)"
        });
    }
    Ok(Some(value))
}

/// A non-negative amount (minutes, seconds), multiplied by `scale` to reach the report's unit.
pub(crate) fn parse_amount(
    cell: &str,
    style: NumberStyle,
    scale: f64,
) -> Result<Option<f64>, Problem> {
    let s = cell.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let value = parse_plain(s, style)?;
    if value < 0.0 {
        return Err("is negative");
    }
    let scaled = value * scale;
    if !scaled.is_finite() {
        return Err("is too large");
    }
    Ok(Some(scaled))
}

/// A whole non-negative count. `12` and PHP's `12.0`/`1.2E+1` are fine; `12.5` is not.
pub(crate) fn parse_count(cell: &str, style: NumberStyle) -> Result<Option<u64>, Problem> {
    let s = cell.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if let Ok(n) = s.parse::<u64>() {
        return Ok(Some(n));
    }
    let value = parse_plain(s, style)?;
    if value < 0.0 {
        return Err("is negative");
    }
    if value.fract() != 0.0 {
        return Err("is not a whole number");
    }
    // 2^53: beyond it an f64 no longer holds every whole number.
    if value > 9_007_199_254_740_992.0 {
        return Err("is too large");
    }
    Ok(Some(value as u64))
}

/// A point in time as Unix seconds: `1700000000`, `2023-11-14T22:13:20Z`, `2023-11-14 22:13:20`
/// (no offset means UTC), `2023-11-14T23:13:20+01:00`.
pub(crate) fn parse_time(cell: &str) -> Result<Option<i64>, Problem> {
    let s = cell.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let digits = s.strip_prefix('-').unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let seconds: i64 = s.parse().map_err(|_| "is not a valid time")?;
        return Timestamp::from_second(seconds)
            .map(|t| Some(t.as_second()))
            .map_err(|_| "is not a valid time");
    }
    if let Ok(t) = s.parse::<Timestamp>() {
        return Ok(Some(t.as_second()));
    }
    if let Ok(dt) = s.parse::<DateTime>() {
        return dt
            .to_zoned(TimeZone::UTC)
            .map(|z| Some(z.timestamp().as_second()))
            .map_err(|_| "is not a valid time");
    }
    Err("is not a time (use Unix seconds or YYYY-MM-DD HH:MM:SS)")
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOT: NumberStyle = NumberStyle {
        decimal_comma: false,
    };
    const COMMA: NumberStyle = NumberStyle {
        decimal_comma: true,
    };

    #[test]
    fn ratios() {
        assert_eq!(
            parse_ratio("0.33333333333333", DOT),
            Ok(Some(0.33333333333333))
        );
        assert_eq!(parse_ratio("1", DOT), Ok(Some(1.0)));
        assert_eq!(parse_ratio(" 75% ", DOT), Ok(Some(0.75)));
        assert_eq!(parse_ratio("0,75", COMMA), Ok(Some(0.75)));
        assert_eq!(parse_ratio("0,75", DOT), Err("is not a number"));
        assert_eq!(parse_ratio("", DOT), Ok(None));
        assert_eq!(parse_ratio("NaN", DOT), Err("is not a number"));
        assert_eq!(parse_ratio("inf", DOT), Err("is not a number"));
        assert_eq!(parse_ratio("1e999", DOT), Err("is too large"));
        assert_eq!(parse_ratio("-0.1", DOT), Err("is negative"));
        assert!(parse_ratio("75", DOT).is_err());
        assert_eq!(parse_ratio("150%", DOT), Err("is more than 100%"));
        assert_eq!(parse_ratio("abc", DOT), Err("is not a number"));
        assert_eq!(parse_ratio("1,2,3", COMMA), Err("is not a number"));
    }

    #[test]
    fn amounts_and_counts() {
        assert_eq!(parse_amount("12.5", DOT, 1.0), Ok(Some(12.5)));
        assert_eq!(parse_amount("90", DOT, 1.0 / 60.0), Ok(Some(1.5)));
        assert_eq!(parse_amount("-5", DOT, 1.0), Err("is negative"));
        assert_eq!(parse_amount("1.0E+15", DOT, 1.0), Ok(Some(1.0e15)));
        assert_eq!(parse_count("7", DOT), Ok(Some(7)));
        assert_eq!(parse_count("7.0", DOT), Ok(Some(7)));
        assert_eq!(parse_count("1.2E+1", DOT), Ok(Some(12)));
        assert_eq!(parse_count("7.5", DOT), Err("is not a whole number"));
        assert_eq!(parse_count("-1", DOT), Err("is negative"));
        assert_eq!(parse_count("1e300", DOT), Err("is too large"));
    }

    #[test]
    fn times() {
        assert_eq!(parse_time("1700000000"), Ok(Some(1_700_000_000)));
        assert_eq!(parse_time("2023-11-14T22:13:20Z"), Ok(Some(1_700_000_000)));
        assert_eq!(parse_time("2023-11-14 22:13:20"), Ok(Some(1_700_000_000)));
        assert_eq!(
            parse_time("2023-11-14T23:13:20+01:00"),
            Ok(Some(1_700_000_000))
        );
        assert_eq!(parse_time(""), Ok(None));
        assert!(parse_time("99999999999999999999").is_err());
        assert!(parse_time("14/11/2023").is_err());
        assert!(parse_time("soon").is_err());
    }
}
