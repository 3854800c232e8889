//! `AdminSecret`: the Kaltura admin secret held in memory in a type that cannot be printed,
//! serialized or compared by accident. It is wiped on drop. This module does not read or store
//! the secret anywhere; see `keychain` for that.

use std::fmt;

/// The partner's admin secret. `Debug` and `Display` print a fixed mask; there is no `Serialize`.
/// The only way to the bytes is `expose_bytes`, used by KS signing.
pub struct AdminSecret(String);

impl AdminSecret {
    /// Wraps a secret, trimming surrounding white space (pasted secrets often carry a newline).
    /// Returns `None` for an empty secret.
    pub fn new(secret: impl Into<String>) -> Option<Self> {
        let mut s: String = secret.into();
        let trimmed = s.trim();
        if trimmed.is_empty() {
            wipe(&mut s);
            return None;
        }
        if trimmed.len() != s.len() {
            let t = trimmed.to_owned();
            wipe(&mut s);
            s = t;
        }
        Some(AdminSecret(s))
    }

    /// The secret's bytes, for signing only. Never log, format or send them.
    pub fn expose_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// The secret as text, for handing to the OS keychain only.
    pub fn expose_str(&self) -> &str {
        &self.0
    }
}

impl Clone for AdminSecret {
    fn clone(&self) -> Self {
        AdminSecret(self.0.clone())
    }
}

impl fmt::Debug for AdminSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AdminSecret(********)")
    }
}

impl fmt::Display for AdminSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("********")
    }
}

impl Drop for AdminSecret {
    fn drop(&mut self) {
        wipe(&mut self.0);
    }
}

fn wipe(s: &mut str) {
    // SAFETY: writing zero bytes keeps the buffer valid UTF-8.
    let bytes = unsafe { s.as_bytes_mut() };
    for b in bytes.iter_mut() {
        // Volatile so the compiler cannot drop the stores as dead.
        unsafe { std::ptr::write_volatile(b, 0) };
    }
    std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_secret() {
        let s = AdminSecret::new("abcdef0123456789").unwrap();
        assert!(!format!("{s:?}").contains("abcdef"));
        assert!(!format!("{s}").contains("abcdef"));
    }

    #[test]
    fn trims_and_rejects_empty() {
        assert!(AdminSecret::new("  \n").is_none());
        assert_eq!(AdminSecret::new(" abc\n").unwrap().expose_str(), "abc");
    }
}
