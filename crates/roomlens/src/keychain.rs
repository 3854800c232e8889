//! The admin secret in the operating system's own keychain: macOS Keychain, Windows Credential
//! Manager, or the Secret Service (GNOME Keyring, KWallet) on Linux and FreeBSD. One entry per
//! account, service "Roomlens", account key `<partner_id>@<service url>`. It never falls back to
//! an in-memory store, never writes the secret to a file, and never puts it into an error.

use crate::error::{Error, ErrorCode};
use crate::kaltura::ServiceUrl;
use crate::secret::AdminSecret;

/// The service name every Roomlens entry is filed under in the keychain.
pub const SERVICE: &str = "Roomlens";

/// The keychain account key of one Kaltura account: `<partner_id>@<service url>`.
pub fn account_key(partner_id: i64, service_url: &ServiceUrl) -> String {
    format!("{partner_id}@{}", service_url.as_str())
}

/// Saves (or replaces) the admin secret of one account.
pub fn store_secret(
    partner_id: i64,
    service_url: &ServiceUrl,
    secret: &AdminSecret,
) -> Result<(), Error> {
    native::store(&account_key(partner_id, service_url), secret.expose_str())
        .map_err(|failure| to_error(failure, partner_id, service_url))
}

/// Reads the admin secret of one account: `SecretNotFound` when none is saved,
/// `KeychainUnavailable` when the keychain cannot be reached or is locked.
pub fn load_secret(partner_id: i64, service_url: &ServiceUrl) -> Result<AdminSecret, Error> {
    let text = native::load(&account_key(partner_id, service_url))
        .map_err(|failure| to_error(failure, partner_id, service_url))?;
    AdminSecret::new(text).ok_or_else(|| not_found(partner_id, service_url))
}

/// Deletes the admin secret of one account. Deleting an entry that does not exist succeeds:
/// afterwards no secret is saved, which is what the caller asked for.
pub fn delete_secret(partner_id: i64, service_url: &ServiceUrl) -> Result<(), Error> {
    match native::delete(&account_key(partner_id, service_url)) {
        Ok(()) | Err(Failure::Missing) => Ok(()),
        Err(failure) => Err(to_error(failure, partner_id, service_url)),
    }
}

/// What went wrong at the keychain, before it becomes an `Error` with a sentence.
#[derive(Debug)]
enum Failure {
    /// No entry for this account.
    Missing,
    /// The entry exists but is not text.
    Unreadable,
    /// The keychain is locked or access was refused.
    Locked(String),
    /// No keychain could be reached at all (no D-Bus session, no keyring service, unsupported OS).
    Unreachable(String),
}

fn to_error(failure: Failure, partner_id: i64, service_url: &ServiceUrl) -> Error {
    match failure {
        Failure::Missing => not_found(partner_id, service_url),
        Failure::Unreadable => Error::new(
            ErrorCode::SecretNotFound,
            format!(
                "The admin secret saved for partner {partner_id} at {service_url} could not be read. \
                 Sign in to this account again to replace it."
            ),
        ),
        Failure::Locked(why) => Error::new(
            ErrorCode::KeychainUnavailable,
            "Roomlens could not open the system keychain: it is locked or access was refused. \
             Unlock it (or allow Roomlens to use it) and try again.",
        )
        .with_detail(why),
        Failure::Unreachable(why) => Error::new(
            ErrorCode::KeychainUnavailable,
            "Roomlens could not reach the system keychain. On Linux, make sure a keyring service \
             such as GNOME Keyring or KWallet is running in your desktop session, then try again.",
        )
        .with_detail(why),
    }
}

fn not_found(partner_id: i64, service_url: &ServiceUrl) -> Error {
    Error::new(
        ErrorCode::SecretNotFound,
        format!(
            "Roomlens has no saved admin secret for partner {partner_id} at {service_url}. \
             Sign in to this account to save it."
        ),
    )
}

#[cfg(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "macos",
    target_os = "windows"
))]
mod native {
    //! The platform's credential type, named explicitly so keyring's mock store is never used.

    use super::{Failure, SERVICE};
    use keyring::Entry;

    #[cfg(any(target_os = "linux", target_os = "freebsd"))]
    fn entry(account: &str) -> Result<Entry, Failure> {
        let credential =
            keyring::secret_service::SsCredential::new_with_target(None, SERVICE, account)
                .map_err(classify)?;
        Ok(Entry::new_with_credential(Box::new(credential)))
    }

    #[cfg(target_os = "macos")]
    fn entry(account: &str) -> Result<Entry, Failure> {
        let credential = keyring::macos::MacCredential::new_with_target(None, SERVICE, account)
            .map_err(classify)?;
        Ok(Entry::new_with_credential(Box::new(credential)))
    }

    #[cfg(target_os = "windows")]
    fn entry(account: &str) -> Result<Entry, Failure> {
        let credential = keyring::windows::WinCredential::new_with_target(None, SERVICE, account)
            .map_err(classify)?;
        Ok(Entry::new_with_credential(Box::new(credential)))
    }

    pub(super) fn store(account: &str, secret: &str) -> Result<(), Failure> {
        entry(account)?.set_password(secret).map_err(classify)
    }

    pub(super) fn load(account: &str) -> Result<String, Failure> {
        entry(account)?.get_password().map_err(classify)
    }

    pub(super) fn delete(account: &str) -> Result<(), Failure> {
        entry(account)?.delete_credential().map_err(classify)
    }

    /// keyring's errors never contain the password, except `BadEncoding` which carries the stored
    /// bytes; those are dropped here.
    fn classify(error: keyring::Error) -> Failure {
        match error {
            keyring::Error::NoEntry => Failure::Missing,
            keyring::Error::BadEncoding(_) => Failure::Unreadable,
            keyring::Error::NoStorageAccess(why) => Failure::Locked(why.to_string()),
            keyring::Error::PlatformFailure(why) => Failure::Unreachable(why.to_string()),
            keyring::Error::Ambiguous(items) => Failure::Unreachable(format!(
                "{} keychain entries match this account",
                items.len()
            )),
            other => Failure::Unreachable(other.to_string()),
        }
    }
}

#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "macos",
    target_os = "windows"
)))]
mod native {
    //! No supported keychain on this operating system: every call says so.

    use super::Failure;

    fn unsupported() -> Failure {
        Failure::Unreachable(format!("no supported keychain on {}", std::env::consts::OS))
    }

    pub(super) fn store(_account: &str, _secret: &str) -> Result<(), Failure> {
        Err(unsupported())
    }

    pub(super) fn load(_account: &str) -> Result<String, Failure> {
        Err(unsupported())
    }

    pub(super) fn delete(_account: &str) -> Result<(), Failure> {
        Err(unsupported())
    }
}

#[cfg(test)]
mod tests {
    //! Round trips through the real OS keychain. They run only when ROOMLENS_KEYRING_TESTS=1
    //! (tests/dev/test.sh sets it inside a private D-Bus session with gnome-keyring), and then they
    //! fail loudly if the keychain cannot be reached.

    use super::*;

    fn keyring_tests_enabled(test: &str) -> bool {
        if std::env::var("ROOMLENS_KEYRING_TESTS").as_deref() != Ok("1") {
            eprintln!(
                "{test}: not run, ROOMLENS_KEYRING_TESTS is not 1 (tests/dev/test.sh sets it)"
            );
            return false;
        }
        if let Ok(log) = std::env::var("ROOMLENS_KEYRING_TESTS_LOG") {
            use std::io::Write;
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(log)
                .unwrap();
            writeln!(f, "roomlens::keychain::{test}").unwrap();
        }
        true
    }

    fn unique_partner() -> i64 {
        let mut r = [0u8; 4];
        getrandom::fill(&mut r).unwrap();
        i64::from(u32::from_le_bytes(r) >> 1) + 1_000_000
    }

    #[test]
    fn account_key_names_partner_and_service() {
        assert_eq!(
            account_key(42, &ServiceUrl::us()),
            "42@https://www.kaltura.com"
        );
    }

    #[test]
    fn store_load_replace_delete_round_trip() {
        if !keyring_tests_enabled("store_load_replace_delete_round_trip") {
            return;
        }
        let partner = unique_partner();
        let url = &ServiceUrl::eu();
        store_secret(partner, url, &AdminSecret::new("first-secret-ü").unwrap()).unwrap();
        assert_eq!(
            load_secret(partner, url).unwrap().expose_str(),
            "first-secret-ü"
        );
        store_secret(partner, url, &AdminSecret::new("second-secret").unwrap()).unwrap();
        assert_eq!(
            load_secret(partner, url).unwrap().expose_str(),
            "second-secret"
        );
        // Another service URL is another account.
        assert_eq!(
            load_secret(partner, &ServiceUrl::us()).unwrap_err().code,
            ErrorCode::SecretNotFound
        );
        delete_secret(partner, url).unwrap();
        let missing = load_secret(partner, url).unwrap_err();
        assert_eq!(missing.code, ErrorCode::SecretNotFound);
        assert!(missing.message.contains(&partner.to_string()));
        delete_secret(partner, url).unwrap();
    }

    #[test]
    fn missing_entry_is_secret_not_found() {
        if !keyring_tests_enabled("missing_entry_is_secret_not_found") {
            return;
        }
        let e = load_secret(unique_partner(), &ServiceUrl::us()).unwrap_err();
        assert_eq!(e.code, ErrorCode::SecretNotFound);
    }
}
