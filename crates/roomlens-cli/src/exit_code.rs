//! The exit codes scripts can rely on, and the one mapping from an error's category to them.
//! The same table is printed in `--help` and the README. It does not print errors; `main` does.

use roomlens::{ErrorCategory, ErrorCode};

pub const OK: u8 = 0;
pub const UNEXPECTED: u8 = 1;
pub const USAGE: u8 = 2;
pub const CREDENTIALS: u8 = 3;
pub const UNAVAILABLE: u8 = 4;
pub const INCOMPLETE: u8 = 5;
pub const BAD_FILE: u8 = 6;
pub const KEYCHAIN: u8 = 7;
pub const CANCELLED: u8 = 130;

/// The table shown after `--help`.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0    success
  1    unexpected error (including a request Kaltura refused for another reason)
  2    usage error: bad arguments, dates, IDs or service URL, a room ID Kaltura does not
       know, or filters too broad for Kaltura
  3    credentials or permission: secret rejected or not saved, partner or user blocked,
       no access to the report
  4    network or Kaltura unavailable (after retries), or the time limit passed
  5    data incomplete: a time window still hit Kaltura's row cap (the file is still written)
  6    a file could not be read or written, or is not a room report
  7    the system keychain could not be reached
  130  cancelled (Ctrl-C); nothing was saved

Errors are printed as `roomlens: <message>` followed by `(code: <code>)`.";

/// The exit code for an error code: its category's (see `for_category`).
pub fn for_error(code: ErrorCode) -> u8 {
    for_category(code.category())
}

/// The one mapping from an error's category to the exit code scripts see.
pub fn for_category(category: ErrorCategory) -> u8 {
    match category {
        ErrorCategory::Credentials => CREDENTIALS,
        ErrorCategory::Keychain => KEYCHAIN,
        ErrorCategory::Network => UNAVAILABLE,
        ErrorCategory::Input => USAGE,
        ErrorCategory::File => BAD_FILE,
        ErrorCategory::Cancelled => CANCELLED,
        ErrorCategory::Internal => UNEXPECTED,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn representative_codes() {
        assert_eq!(for_error(ErrorCode::CredentialsRejected), 3);
        assert_eq!(for_error(ErrorCode::PartnerBlocked), 3);
        assert_eq!(for_error(ErrorCode::NetworkUnreachable), 4);
        assert_eq!(for_error(ErrorCode::DeadlineExceeded), 4);
        assert_eq!(for_error(ErrorCode::NotAReport), 6);
        assert_eq!(for_error(ErrorCode::KeychainUnavailable), 7);
        assert_eq!(for_error(ErrorCode::Cancelled), 130);
        assert_eq!(for_error(ErrorCode::InvalidInput), 2);
        assert_eq!(for_error(ErrorCode::EntryNotFound), 2);
        assert_eq!(for_error(ErrorCode::KalturaError), 1);
        assert_eq!(for_error(ErrorCode::Internal), 1);
    }

    #[test]
    fn every_code_has_an_exit_code_that_is_not_success() {
        for code in ErrorCode::ALL {
            let exit = for_error(*code);
            assert!(exit != OK && exit != INCOMPLETE, "{code} exits {exit}");
            assert!(
                EXIT_CODES_HELP.contains(&format!("  {exit} ")),
                "{code} exits {exit}, which --help does not explain"
            );
        }
    }

    #[test]
    fn transient_codes_are_unavailable() {
        use ErrorCode::*;
        for code in [
            RateLimited,
            KalturaTimeout,
            KalturaInternalError,
            NetworkUnreachable,
            NetworkTimeout,
            ServerUnavailable,
            BadResponse,
        ] {
            assert!(code.is_transient());
            assert_eq!(for_error(code), UNAVAILABLE, "{code}");
        }
    }

    #[test]
    fn readme_lists_the_same_exit_codes() {
        let readme = include_str!("../../../README.md");
        for line in EXIT_CODES_HELP
            .lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        {
            let code = line.split_whitespace().next().unwrap_or_default();
            assert!(
                readme.contains(&format!("| {code} |")),
                "README.md has no row for exit code {code}"
            );
        }
    }
}
