//! Numbers worded in English for people: the command line's text and the English reading of a
//! summary card's note (`table_view::Note::plain_text`). Thousands separators, one decimal,
//! singular and plural, durations and rates. Formatting only; no arithmetic on data. The desktop
//! UI writes card values and the figures in notes itself, in the user's locale.

/// `1284` → "1,284".
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// One decimal with thousands separators, without a trailing ".0": 14.25 → "14.3", 1284.0 → "1,284".
pub fn decimal(x: f64) -> String {
    if !x.is_finite() {
        return "–".to_owned();
    }
    let tenths = (x.abs() * 10.0).round();
    let sign = if x < 0.0 && tenths > 0.0 { "-" } else { "" };
    let whole = (tenths / 10.0).trunc();
    let fraction = (tenths - whole * 10.0) as u64;
    let whole = count(whole as u64);
    if fraction == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

/// "1 session" / "2 sessions" with the count worded.
pub fn counted(n: u64, singular: &str, plural: &str) -> String {
    format!("{} {}", count(n), if n == 1 { singular } else { plural })
}

/// A fraction 0..1 as a percentage with one decimal: 0.735 → "73.5%".
pub fn percent(ratio: f64) -> String {
    format!("{:.1}%", ratio * 100.0)
}

/// Hours with one decimal: 3.24 → "3.2 h".
pub fn hours(h: f64) -> String {
    format!("{h:.1} h")
}

/// A duration in minutes: "45 min", "1 h 05 min", "less than 1 min".
pub fn minutes(m: f64) -> String {
    if !m.is_finite() || m < 0.0 {
        return "–".to_owned();
    }
    let whole = m.round() as u64;
    if whole == 0 && m > 0.0 {
        "less than 1 min".to_owned()
    } else if whole < 60 {
        format!("{whole} min")
    } else {
        format!("{} h {:02} min", count(whole / 60), whole % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_numbers() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1284), "1,284");
        assert_eq!(count(1_000_000), "1,000,000");
        assert_eq!(decimal(14.25), "14.3");
        assert_eq!(decimal(1284.0), "1,284");
        assert_eq!(decimal(0.04), "0");
        assert_eq!(decimal(12345.67), "12,345.7");
        assert_eq!(decimal(f64::NAN), "–");
        assert_eq!(counted(1, "session", "sessions"), "1 session");
        assert_eq!(percent(0.735), "73.5%");
        assert_eq!(hours(3.24), "3.2 h");
        assert_eq!(counted(1284, "session", "sessions"), "1,284 sessions");
        assert_eq!(minutes(0.2), "less than 1 min");
        assert_eq!(minutes(0.0), "0 min");
        assert_eq!(minutes(45.4), "45 min");
        assert_eq!(minutes(65.0), "1 h 05 min");
        assert_eq!(minutes(60.0 * 1234.0), "1,234 h 00 min");
    }
}
