//! The one error type of the core: a stable machine code the UI and scripts branch on, plus a
//! plain-language sentence for a non-technical administrator. It never carries the admin secret
//! or a KS; callers must not put either into `message` or `detail`.

use std::fmt;

/// What kind of failure an error is, which decides what the person can do about it: the CLI's exit
/// code and the window's action button (Open Settings, Try again, …) each derive from it in one
/// place. A failure's code says exactly what happened; its category says whose move it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCategory {
    /// The account: its secret, partner, permissions or region need the person's attention.
    Credentials,
    /// The system keychain could not be reached or is locked.
    Keychain,
    /// Kaltura or the network did not answer as it should; trying again later may work.
    Network,
    /// What the person asked for cannot be done as asked (dates, IDs, a filter, a service URL).
    Input,
    /// A file could not be read or written, or is not a room report.
    File,
    /// The person cancelled; nothing was saved.
    Cancelled,
    /// A failure inside Roomlens, or a refusal Roomlens did not expect; never the person's doing.
    Internal,
}

impl ErrorCategory {
    pub const ALL: [ErrorCategory; 7] = [
        ErrorCategory::Credentials,
        ErrorCategory::Keychain,
        ErrorCategory::Network,
        ErrorCategory::Input,
        ErrorCategory::File,
        ErrorCategory::Cancelled,
        ErrorCategory::Internal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCategory::Credentials => "credentials",
            ErrorCategory::Keychain => "keychain",
            ErrorCategory::Network => "network",
            ErrorCategory::Input => "input",
            ErrorCategory::File => "file",
            ErrorCategory::Cancelled => "cancelled",
            ErrorCategory::Internal => "internal",
        }
    }
}

/// Declares `ErrorCode` from one table: each code, its stable string and its category.
macro_rules! error_codes {
    ($($(#[$attr:meta])* $code:ident => $name:literal, $category:ident;)*) => {
        /// Stable error codes. The string forms (`as_str`) are part of the public contract: the UI
        /// branches on them and the CLI documents them. Never rename one; add new ones instead.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, ts_rs::TS)]
        #[serde(rename_all = "snake_case")]
        pub enum ErrorCode {
            $($(#[$attr])* $code,)*
        }

        impl ErrorCode {
            /// Every code, in the order of the table.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$code,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$code => $name,)*
                }
            }

            /// What kind of failure this is (see `ErrorCategory`).
            pub fn category(self) -> ErrorCategory {
                match self {
                    $(ErrorCode::$code => ErrorCategory::$category,)*
                }
            }
        }
    };
}

error_codes! {
    // Kaltura answered with an error (see docs/kaltura-wire-format.md §4.4).
    CredentialsRejected => "credentials_rejected", Credentials;
    SessionExpired => "session_expired", Credentials;
    MissingSession => "missing_session", Credentials;
    PermissionDenied => "permission_denied", Credentials;
    PartnerBlocked => "partner_blocked", Credentials;
    UserBlocked => "user_blocked", Credentials;
    ReportNotAvailable => "report_not_available", Credentials;
    /// Kaltura wanted a report parameter Roomlens does not send.
    ReportParameterMissing => "report_parameter_missing", Internal;
    RateLimited => "rate_limited", Network;
    KalturaTimeout => "kaltura_timeout", Network;
    KalturaInternalError => "kaltura_internal_error", Network;
    /// The filters or range matched too much for Kaltura to build the report.
    SearchTooGeneral => "search_too_general", Input;
    /// Kaltura did not understand Roomlens's request.
    InvalidRequest => "invalid_request", Internal;
    InvalidPartnerId => "invalid_partner_id", Credentials;
    /// A room ID the person gave does not exist.
    EntryNotFound => "entry_not_found", Input;
    /// The service URL does not lead to a Kaltura that offers room reports.
    UnsupportedServer => "unsupported_server", Network;
    /// An error Kaltura reported that Roomlens does not recognise.
    KalturaError => "kaltura_error", Internal;
    // Transport.
    NetworkUnreachable => "network_unreachable", Network;
    NetworkTimeout => "network_timeout", Network;
    ServerUnavailable => "server_unavailable", Network;
    BadResponse => "bad_response", Network;
    // Work control.
    Cancelled => "cancelled", Cancelled;
    DeadlineExceeded => "deadline_exceeded", Network;
    // Input and files.
    InvalidInput => "invalid_input", Input;
    InvalidServiceUrl => "invalid_service_url", Input;
    FileNotFound => "file_not_found", File;
    FileUnreadable => "file_unreadable", File;
    FileWriteFailed => "file_write_failed", File;
    NotAReport => "not_a_report", File;
    EmptyReport => "empty_report", File;
    // The library (one SQLite file).
    /// The library file is damaged or not a library; it is left untouched.
    LibraryDamaged => "library_damaged", File;
    /// The library was written by a newer Roomlens; it is left untouched.
    LibraryTooNew => "library_too_new", File;
    /// Another Roomlens process kept the library busy for too long.
    LibraryBusy => "library_busy", File;
    // Keychain.
    KeychainUnavailable => "keychain_unavailable", Keychain;
    SecretNotFound => "secret_not_found", Credentials;
    // A failure inside Roomlens itself, never the person's input or the network.
    Internal => "internal", Internal;
}

impl ErrorCode {
    /// Whether the same request may succeed if simply tried again later.
    pub fn is_transient(self) -> bool {
        use ErrorCode::*;
        matches!(
            self,
            RateLimited
                | KalturaTimeout
                | KalturaInternalError
                | NetworkUnreachable
                | NetworkTimeout
                | ServerUnavailable
                | BadResponse
        )
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failure with a stable `code`, a `message` written for the person at the screen (one or two
/// sentences: what happened and what to do), and an optional technical `detail` (for example
/// Kaltura's own error code and text) shown only on request. It is serialised as
/// `{code, category, message, detail?}`.
#[derive(Debug, Clone, PartialEq, ts_rs::TS)]
#[ts(as = "ErrorShape<'static>")]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    pub detail: Option<String>,
}

/// What an error looks like on the wire: its fields and its code's category. The one definition
/// both of `Error`'s serialisation and of the page's generated type.
#[derive(serde::Serialize, ts_rs::TS)]
pub struct ErrorShape<'a> {
    code: ErrorCode,
    category: ErrorCategory,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    detail: Option<&'a str>,
}

impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ErrorShape {
            code: self.code,
            category: self.code.category(),
            message: &self.message,
            detail: self.detail.as_deref(),
        }
        .serialize(serializer)
    }
}

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error {
            code,
            message: message.into(),
            detail: None,
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn cancelled() -> Self {
        Error::new(ErrorCode::Cancelled, "Cancelled. Nothing was saved.")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_distinct_stable_name_and_serialises_as_it() {
        let mut seen = std::collections::HashSet::new();
        for code in ErrorCode::ALL {
            assert!(
                seen.insert(code.as_str()),
                "{} is used twice",
                code.as_str()
            );
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::json!(code.as_str())
            );
        }
    }

    #[test]
    fn categories_serialise_by_name_and_every_one_is_used() {
        for category in ErrorCategory::ALL {
            assert_eq!(
                serde_json::to_value(category).unwrap(),
                serde_json::json!(category.as_str())
            );
            assert!(
                ErrorCode::ALL
                    .iter()
                    .any(|code| code.category() == category),
                "no code is in the {} category",
                category.as_str()
            );
        }
    }

    #[test]
    fn an_error_carries_its_category() {
        let error = Error::new(ErrorCode::NotAReport, "This file is not a room report.");
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({ "code": "not_a_report", "category": "file", "message": "This file is not a room report." })
        );
        let detailed =
            Error::new(ErrorCode::Internal, "Roomlens stopped.").with_detail("worker panicked");
        assert_eq!(
            serde_json::to_value(&detailed).unwrap()["detail"],
            "worker panicked"
        );
        assert_eq!(
            serde_json::to_value(&detailed).unwrap()["category"],
            "internal"
        );
    }
}
