//! How long to wait before retrying a transient failure: exponential backoff from a base, capped,
//! with "equal jitter" (half fixed, half random) so parallel windows do not retry in lockstep.
//! It does not decide whether to retry; `client` does.

use std::time::Duration;

/// The delay before retry number `retry` (1 = first retry). `jitter` is a random fraction in
/// `[0, 1)`; the result lies in `[d/2, d)` where `d = min(cap, base · 2^(retry-1))`.
pub(crate) fn backoff_delay(retry: u32, base: Duration, cap: Duration, jitter: f64) -> Duration {
    let factor = 2u32.saturating_pow(retry.saturating_sub(1));
    let full = base.saturating_mul(factor).min(cap);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.0
    };
    full / 2 + full.mul_f64(jitter / 2.0)
}

/// A random fraction in `[0, 1)` from the OS; 0.5 if the OS source fails.
pub(crate) fn random_fraction() -> f64 {
    let mut bytes = [0u8; 4];
    match getrandom::fill(&mut bytes) {
        Ok(()) => f64::from(u32::from_le_bytes(bytes)) / (f64::from(u32::MAX) + 1.0),
        Err(_) => 0.5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_then_caps() {
        let base = Duration::from_millis(100);
        let cap = Duration::from_secs(1);
        let no_jitter: Vec<u128> = (1..=6)
            .map(|r| backoff_delay(r, base, cap, 0.0).as_millis())
            .collect();
        assert_eq!(no_jitter, vec![50, 100, 200, 400, 500, 500]);
        assert_eq!(backoff_delay(3, base, cap, 0.999_999).as_millis(), 399);
        assert_eq!(backoff_delay(60, base, cap, 1.0), cap);
    }

    #[test]
    fn jitter_stays_in_range() {
        for _ in 0..100 {
            let f = random_fraction();
            assert!((0.0..1.0).contains(&f));
        }
        assert_eq!(
            backoff_delay(1, Duration::from_secs(2), Duration::from_secs(9), f64::NAN),
            Duration::from_secs(1)
        );
    }
}
