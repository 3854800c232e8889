//! Deterministic pseudo-random numbers derived from a seed and a path of integers (splitmix64).
//! Every generated value in the synthetic organisation is a pure function of (seed, path), so any
//! day can be generated on its own. Not cryptographic, and holds no state.

/// Mixes one 64-bit value (the splitmix64 finaliser).
pub fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A hash of the seed and a path of integers, e.g. `hash(seed, &[day, session, attendee])`.
pub fn hash(seed: u64, path: &[u64]) -> u64 {
    path.iter()
        .fold(mix(seed), |acc, part| mix(acc ^ mix(*part)))
}

/// A value in `lo..=hi` picked by `h` (`lo` when the range is empty).
pub fn in_range(h: u64, lo: u64, hi: u64) -> u64 {
    if hi <= lo {
        return lo;
    }
    lo + h % (hi - lo + 1)
}

/// A small sequential generator for places that draw several values in a row.
pub struct Draws {
    state: u64,
}

impl Draws {
    pub fn new(seed: u64, path: &[u64]) -> Self {
        Draws {
            state: hash(seed, path),
        }
    }

    pub fn next(&mut self) -> u64 {
        self.state = mix(self.state);
        self.state
    }

    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        let h = self.next();
        in_range(h, lo, hi)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Eight lower-case base-36 characters taken from `h`, as in Kaltura ids like `1_ab12cd34`.
pub fn base36_id(prefix: &str, h: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = String::with_capacity(prefix.len() + 8);
    out.push_str(prefix);
    let mut v = h;
    for _ in 0..8 {
        let d = DIGITS.get((v % 36) as usize).copied().unwrap_or(b'0');
        out.push(char::from(d));
        v /= 36;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_path_same_value_and_paths_differ() {
        assert_eq!(hash(7, &[1, 2, 3]), hash(7, &[1, 2, 3]));
        assert_ne!(hash(7, &[1, 2, 3]), hash(7, &[1, 3, 2]));
        assert_ne!(hash(7, &[1]), hash(8, &[1]));
    }

    #[test]
    fn ranges_stay_inside() {
        let mut d = Draws::new(1, &[2]);
        for _ in 0..1000 {
            let v = d.range(5, 9);
            assert!((5..=9).contains(&v));
        }
        assert_eq!(in_range(123, 4, 4), 4);
    }

    #[test]
    fn ids_look_like_kaltura_ids() {
        let id = base36_id("1_", hash(1, &[1]));
        assert_eq!(id.len(), 10);
        assert!(id[2..]
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase()));
    }
}
