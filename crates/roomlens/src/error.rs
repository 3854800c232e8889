//! The one error type of the core: a stable machine code the UI and scripts branch on, plus a
//! plain-language sentence for a non-technical administrator. It never carries the admin secret
//! or a KS; callers must not put either into `message` or `detail`.

use std::fmt;

/// Stable error codes. The string forms (`as_str`) are part of the public contract: the UI
/// branches on them and the CLI documents them. Never rename one; add new ones instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // Kaltura answered with an error (see kaltura-api.md §2.2).
    CredentialsRejected,
    SessionExpired,
    MissingSession,
    PermissionDenied,
    PartnerBlocked,
    UserBlocked,
    ReportNotAvailable,
    ReportParameterMissing,
    RateLimited,
    KalturaTimeout,
    KalturaInternalError,
    SearchTooGeneral,
    InvalidRequest,
    InvalidPartnerId,
    EntryNotFound,
    UnsupportedServer,
    KalturaError,
    // Transport.
    NetworkUnreachable,
    NetworkTimeout,
    ServerUnavailable,
    BadResponse,
    // Work control.
    Cancelled,
    DeadlineExceeded,
    // Input and files.
    InvalidInput,
    InvalidServiceUrl,
    FileNotFound,
    FileUnreadable,
    FileWriteFailed,
    NotAReport,
    EmptyReport,
    // Keychain.
    KeychainUnavailable,
    SecretNotFound,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            CredentialsRejected => "credentials_rejected",
            SessionExpired => "session_expired",
            MissingSession => "missing_session",
            PermissionDenied => "permission_denied",
            PartnerBlocked => "partner_blocked",
            UserBlocked => "user_blocked",
            ReportNotAvailable => "report_not_available",
            ReportParameterMissing => "report_parameter_missing",
            RateLimited => "rate_limited",
            KalturaTimeout => "kaltura_timeout",
            KalturaInternalError => "kaltura_internal_error",
            SearchTooGeneral => "search_too_general",
            InvalidRequest => "invalid_request",
            InvalidPartnerId => "invalid_partner_id",
            EntryNotFound => "entry_not_found",
            UnsupportedServer => "unsupported_server",
            KalturaError => "kaltura_error",
            NetworkUnreachable => "network_unreachable",
            NetworkTimeout => "network_timeout",
            ServerUnavailable => "server_unavailable",
            BadResponse => "bad_response",
            Cancelled => "cancelled",
            DeadlineExceeded => "deadline_exceeded",
            InvalidInput => "invalid_input",
            InvalidServiceUrl => "invalid_service_url",
            FileNotFound => "file_not_found",
            FileUnreadable => "file_unreadable",
            FileWriteFailed => "file_write_failed",
            NotAReport => "not_a_report",
            EmptyReport => "empty_report",
            KeychainUnavailable => "keychain_unavailable",
            SecretNotFound => "secret_not_found",
        }
    }

    /// Whether the same request may succeed if simply tried again later.
    pub fn is_transient(self) -> bool {
        use ErrorCode::*;
        matches!(
            self,
            RateLimited | KalturaTimeout | KalturaInternalError | NetworkUnreachable | NetworkTimeout
                | ServerUnavailable | BadResponse
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
/// Kaltura's own error code and text) shown only on request.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Error { code, message: message.into(), detail: None }
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
