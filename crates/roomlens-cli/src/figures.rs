//! How numbers are written for people on the terminal: counts with thousands separators,
//! ratios as percentages, minutes and seconds as hours. Formatting only; no arithmetic on data.

/// 48210 → "48,210".
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

/// 0.735 → "73.5%".
pub fn percent(ratio: f64) -> String {
    format!("{:.1}%", ratio * 100.0)
}

/// 3.24 → "3.2 h".
pub fn hours(h: f64) -> String {
    format!("{h:.1} h")
}

/// 95.0 minutes → "1 h 35 min"; under an hour, "12.5 min".
pub fn minutes(m: f64) -> String {
    if m >= 60.0 {
        let whole = m.round() as u64;
        format!("{} h {} min", count(whole / 60), whole % 60)
    } else {
        format!("{m:.1} min")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(48210), "48,210");
        assert_eq!(count(1234567), "1,234,567");
    }

    #[test]
    fn ratios_and_durations() {
        assert_eq!(percent(0.735), "73.5%");
        assert_eq!(hours(3.25), "3.2 h");
        assert_eq!(minutes(95.0), "1 h 35 min");
        assert_eq!(minutes(111_548.0), "1,859 h 8 min");
        assert_eq!(minutes(12.5), "12.5 min");
    }
}
