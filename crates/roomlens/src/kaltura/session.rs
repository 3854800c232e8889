//! The KS in use: signed locally on first need and re-signed before it lapses (when less than five
//! minutes, or half the lifetime if that is shorter, remain), or at once when Kaltura says it
//! expired. It does not send anything; the secret stays in this process.

use super::ks::{random_bytes, sign_ks_v2, KS_TYPE_ADMIN, ROOMLENS_PRIVILEGES};
use crate::secret::AdminSecret;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const RENEW_MARGIN: Duration = Duration::from_secs(5 * 60);

pub(crate) struct KsSession {
    partner_id: i64,
    secret: AdminSecret,
    lifetime: Duration,
    current: Mutex<Option<SignedKs>>,
}

#[derive(Clone)]
struct SignedKs {
    ks: String,
    expires_unix: i64,
}

impl KsSession {
    pub fn new(partner_id: i64, secret: AdminSecret, lifetime: Duration) -> Self {
        KsSession {
            partner_id,
            secret,
            lifetime: lifetime.max(Duration::from_secs(1)),
            current: Mutex::new(None),
        }
    }

    /// A KS with more than the renewal margin left, signing a new one when needed.
    pub fn ks(&self) -> String {
        let now = unix_now();
        let margin = i64::try_from(RENEW_MARGIN.min(self.lifetime / 2).as_secs()).unwrap_or(0);
        let mut current = self
            .current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match current.as_ref() {
            Some(signed) if signed.expires_unix - now > margin => signed.ks.clone(),
            _ => {
                let signed = self.sign(now);
                let ks = signed.ks.clone();
                *current = Some(signed);
                ks
            }
        }
    }

    /// Kaltura called `stale` expired: replace it, unless another request already did.
    pub fn renew(&self, stale: &str) -> String {
        let now = unix_now();
        let mut current = self
            .current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(signed) = current.as_ref() {
            if signed.ks != stale {
                return signed.ks.clone();
            }
        }
        let signed = self.sign(now);
        let ks = signed.ks.clone();
        *current = Some(signed);
        ks
    }

    fn sign(&self, now: i64) -> SignedKs {
        let lifetime = i64::try_from(self.lifetime.as_secs()).unwrap_or(i64::MAX / 2);
        let expires_unix = now.saturating_add(lifetime);
        let ks = sign_ks_v2(
            self.partner_id,
            &self.secret,
            "",
            KS_TYPE_ADMIN,
            ROOMLENS_PRIVILEGES,
            expires_unix,
            random_bytes(),
        );
        SignedKs { ks, expires_unix }
    }
}

pub(crate) fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(lifetime_secs: u64) -> KsSession {
        KsSession::new(
            12345,
            AdminSecret::new("secret").unwrap(),
            Duration::from_secs(lifetime_secs),
        )
    }

    #[test]
    fn reuses_a_fresh_ks() {
        let s = session(3600);
        assert_eq!(s.ks(), s.ks());
    }

    #[test]
    fn re_signs_when_less_than_the_margin_remains() {
        let s = session(3600);
        let first = s.ks();
        if let Some(signed) = s.current.lock().unwrap().as_mut() {
            signed.expires_unix = unix_now() + 299;
        }
        assert_ne!(s.ks(), first);
    }

    #[test]
    fn renew_replaces_only_the_stale_ks() {
        let s = session(3600);
        let first = s.ks();
        let second = s.renew(&first);
        assert_ne!(first, second);
        assert_eq!(
            s.renew(&first),
            second,
            "a second report of the same stale KS signs nothing new"
        );
        assert_eq!(s.ks(), second);
    }
}
