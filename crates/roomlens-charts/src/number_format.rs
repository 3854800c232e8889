//! Formatting figures for tick labels and text alternatives: counts with thousands separators,
//! rates with one decimal, "—" for a missing figure. English separators for now; it does not know
//! the user's locale.

/// The dash shown where a figure is missing.
pub const MISSING: &str = "—";

/// A finite value, or `None` for NaN and infinities (treated as missing everywhere).
pub fn finite(value: f64) -> Option<f64> {
    value.is_finite().then_some(value)
}

/// A count rounded to a whole number with thousands separators: `12,345`; "—" when missing.
pub fn count(value: f64) -> String {
    match finite(value) {
        Some(v) => group_thousands(v.round()),
        None => MISSING.to_owned(),
    }
}

/// A percentage with one decimal: `42.5%`; "—" when missing.
pub fn percent(value: f64) -> String {
    match finite(value) {
        Some(v) => format!("{v:.1}%"),
        None => MISSING.to_owned(),
    }
}

fn group_thousands(rounded: f64) -> String {
    let negative = rounded < 0.0;
    let digits = format!("{:.0}", rounded.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if negative && digits != "0" {
        out.push('-');
    }
    let len = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_separators() {
        assert_eq!(count(0.0), "0");
        assert_eq!(count(999.0), "999");
        assert_eq!(count(1000.0), "1,000");
        assert_eq!(count(1234567.4), "1,234,567");
        assert_eq!(count(-1234.0), "-1,234");
        assert_eq!(count(f64::NAN), "—");
        assert_eq!(count(f64::INFINITY), "—");
    }

    #[test]
    fn percents_have_one_decimal() {
        assert_eq!(percent(42.46), "42.5%");
        assert_eq!(percent(f64::NEG_INFINITY), "—");
    }
}
