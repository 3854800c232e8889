//! PHP's scalar conversions that leak onto the wire: float-to-string with `precision = 14`
//! (docs/kaltura-wire-format.md §6) and the numeric-prefix casts `(int)` / `(float)` applied to
//! parameters. Only what the simulator prints or parses; not a general PHP emulation.

/// A float printed the way PHP 8 prints it with `precision = 14` (`%.14G`): at most 14 significant
/// digits, no trailing zeros, whole numbers without a decimal point, and `1.0E-5` style exponents
/// when the exponent is below -4 or at least 14.
pub fn php_float(x: f64) -> String {
    if x.is_nan() {
        return "NAN".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 {
            "INF".to_string()
        } else {
            "-INF".to_string()
        };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0".to_string()
        } else {
            "0".to_string()
        };
    }
    let sci = format!("{:.13e}", x);
    let (mantissa, exponent) = match sci.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (sci.as_str(), 0),
    };
    if !(-4..14).contains(&exponent) {
        let mut m = trim_fraction(mantissa).to_string();
        if !m.contains('.') {
            m.push_str(".0");
        }
        let sign = if exponent < 0 { '-' } else { '+' };
        return format!("{m}E{sign}{}", exponent.abs());
    }
    let decimals = usize::try_from(13 - exponent).unwrap_or(0);
    let fixed = format!("{:.*}", decimals, x);
    trim_fraction(&fixed).to_string()
}

fn trim_fraction(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// The leading numeric part of `s` as PHP 8 reads it for `(float)`: leading whitespace, sign,
/// digits, fraction and exponent; anything else after it is ignored; no number at all gives 0.
pub fn php_float_cast(s: &str) -> f64 {
    let t = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let b = t.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+') | Some(b'-')) {
        i += 1;
    }
    let digits_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let mut any_digits = i > digits_start;
    if b.get(i) == Some(&b'.') {
        let frac_start = i + 1;
        let mut j = frac_start;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        if j > frac_start || any_digits {
            any_digits = any_digits || j > frac_start;
            i = j;
        }
    }
    if !any_digits {
        return 0.0;
    }
    if matches!(b.get(i), Some(b'e') | Some(b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+') | Some(b'-')) {
            j += 1;
        }
        let exp_start = j;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        if j > exp_start {
            i = j;
        }
    }
    t.get(..i)
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or(0.0)
}

/// PHP 8 `(int)` of a string: the numeric prefix, truncated toward zero, saturating.
pub fn php_int_cast(s: &str) -> i64 {
    let f = php_float_cast(s);
    if f.is_nan() {
        0
    } else {
        f.trunc().clamp(i64::MIN as f64, i64::MAX as f64) as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_php() {
        assert_eq!(php_float(7.0), "7");
        assert_eq!(php_float(0.0), "0");
        assert_eq!(php_float(1.0), "1");
        assert_eq!(php_float(1.0 / 3.0), "0.33333333333333");
        assert_eq!(php_float(2.0 / 3.0), "0.66666666666667");
        assert_eq!(php_float(0.1 + 0.2), "0.3");
        assert_eq!(php_float(2537.0 / 60.0), "42.283333333333");
        assert_eq!(php_float(37.5), "37.5");
        assert_eq!(php_float(1_700_000_000.0), "1700000000");
        assert_eq!(php_float(0.00001), "1.0E-5");
        assert_eq!(php_float(0.0001), "0.0001");
        assert_eq!(php_float(1e15), "1.0E+15");
        assert_eq!(php_float(12345678901234.0), "12345678901234");
        assert_eq!(php_float(-2.5), "-2.5");
        assert_eq!(php_float(0.612_345_678_901_234_5), "0.61234567890123");
    }

    #[test]
    fn casts_take_the_numeric_prefix() {
        assert_eq!(php_float_cast("6000"), 6000.0);
        assert_eq!(php_float_cast(" 6000abc"), 6000.0);
        assert_eq!(php_float_cast("abc"), 0.0);
        assert_eq!(php_float_cast("7.5"), 7.5);
        assert_eq!(php_float_cast("1e3x"), 1000.0);
        assert_eq!(php_float_cast(".5"), 0.5);
        assert_eq!(php_float_cast("-"), 0.0);
        assert_eq!(php_int_cast("42.9"), 42);
        assert_eq!(php_int_cast("-3"), -3);
        assert_eq!(php_int_cast(""), 0);
    }
}
