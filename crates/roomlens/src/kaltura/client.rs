//! The Kaltura api_v3 client: every call a POST to `/api_v3/service/<service>/action/<action>` with
//! the KS, `format: 1` and a `clientTag` in the JSON body (never in the URL); replies checked for
//! Kaltura's error shapes; transient failures retried with capped, jittered backoff; an expired KS
//! re-signed once; every call cancellable at any moment. It does not split date ranges or read
//! report rows; `fetch` and `reports` do.

use super::errors::{find_api_error, to_error, ErrorContext};
use super::options::ClientOptions;
use super::retry::{backoff_delay, random_fraction};
use super::service_url::ServiceUrl;
use super::session::KsSession;
use super::transport::{build_http_client, post_json, HttpReply};
use crate::cancel::CancelToken;
use crate::error::{Error, ErrorCode};
use crate::reports::{read_report_as, ReadOutcome, ReportKind};
use crate::secret::AdminSecret;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

/// Sent as `clientTag` so Kaltura's logs show who called.
pub const CLIENT_TAG: &str = concat!("roomlens:", env!("CARGO_PKG_VERSION"));

/// What identifies a Kaltura account: partner ID, admin secret and where the API lives.
#[derive(Debug, Clone)]
pub struct Credentials {
    pub partner_id: i64,
    pub secret: AdminSecret,
    pub service_url: ServiceUrl,
}

/// A client for one partner. Cheap to clone (shared inside); safe to use from many tasks.
#[derive(Clone)]
pub struct KalturaClient {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for KalturaClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KalturaClient")
            .field("partner_id", &self.inner.partner_id)
            .field("service_url", &self.inner.service_url.as_str())
            .finish_non_exhaustive()
    }
}

struct Inner {
    http: reqwest::Client,
    partner_id: i64,
    service_url: ServiceUrl,
    session: KsSession,
    options: ClientOptions,
}

/// A report CSV as Kaltura returned it, and how many HTTP requests it took.
pub(crate) struct CsvReply {
    pub body: Vec<u8>,
    pub requests: u32,
}

/// One failed attempt; `expired_ks` marks `INVALID_KS` / `EXPIRED`.
pub(super) struct AttemptError {
    pub error: Error,
    pub expired_ks: bool,
}

impl From<Error> for AttemptError {
    fn from(error: Error) -> Self {
        AttemptError {
            error,
            expired_ks: false,
        }
    }
}

impl KalturaClient {
    pub fn new(credentials: Credentials, options: ClientOptions) -> Result<Self, Error> {
        if credentials.partner_id <= 0 {
            return Err(Error::new(
                ErrorCode::InvalidPartnerId,
                "The partner ID must be a positive whole number. Find it in KMC → Settings → Integration Settings.",
            ));
        }
        let http = build_http_client(
            options.connect_timeout,
            credentials.service_url.is_on_this_computer(),
        )?;
        let session = KsSession::new(
            credentials.partner_id,
            credentials.secret,
            options.ks_lifetime,
        );
        Ok(KalturaClient {
            inner: Arc::new(Inner {
                http,
                partner_id: credentials.partner_id,
                service_url: credentials.service_url,
                session,
                options,
            }),
        })
    }

    pub fn partner_id(&self) -> i64 {
        self.inner.partner_id
    }

    pub fn service_url(&self) -> &ServiceUrl {
        &self.inner.service_url
    }

    pub fn options(&self) -> &ClientOptions {
        &self.inner.options
    }

    /// Checks that the partner ID, admin secret and service URL work, with one tiny Room data
    /// request over the last hour.
    pub async fn test_connection(&self, cancel: &CancelToken) -> Result<(), Error> {
        let now = super::session::unix_now();
        let params = super::report_params::params_string(
            ReportKind::RoomData,
            now - 3600,
            now,
            &Default::default(),
        )?;
        let reply = with_deadline(
            self.inner.options.deadline,
            cancel,
            self.report_csv(ReportKind::RoomData, &params, cancel),
        )
        .await?;
        parse_window(ReportKind::RoomData, &reply.body).map(|_| ())
    }

    /// `report.getCsvFromStringParams` for `kind` with the `params` string, retried as needed.
    pub(crate) async fn report_csv(
        &self,
        kind: ReportKind,
        params: &str,
        cancel: &CancelToken,
    ) -> Result<CsvReply, Error> {
        let url = self
            .inner
            .service_url
            .action_url("report", "getCsvFromStringParams");
        let (body, requests) = self
            .with_retries(cancel, |ks| {
                let url = url.clone();
                async move {
                    let body = serde_json::json!({
                        "ks": ks,
                        "format": 1,
                        "clientTag": CLIENT_TAG,
                        "id": kind.report_id(),
                        "params": params,
                    });
                    let reply = self.post(&url, &body).await?;
                    self.check_csv_reply(reply, kind, &ks)
                }
            })
            .await?;
        Ok(CsvReply { body, requests })
    }

    /// `body` as JSON, posted to `url` within the client's timeout and reply size cap.
    pub(super) async fn post(
        &self,
        url: &str,
        body: &serde_json::Value,
    ) -> Result<HttpReply, Error> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            Error::new(ErrorCode::Internal, "Roomlens could not build the request.")
                .with_detail(e.to_string())
        })?;
        let options = &self.inner.options;
        post_json(
            &self.inner.http,
            url,
            bytes,
            options.request_timeout,
            options.max_reply_bytes,
            self.inner.service_url.as_str(),
        )
        .await
    }

    /// Runs `attempt` with the current KS until it succeeds: an expired KS is re-signed once,
    /// transient failures are retried with backoff up to the client's attempts, and `cancel`
    /// stops it at any moment. Returns the result and how many attempts it took.
    pub(super) async fn with_retries<T, F, Fut>(
        &self,
        cancel: &CancelToken,
        attempt: F,
    ) -> Result<(T, u32), Error>
    where
        F: FnMut(String) -> Fut,
        Fut: Future<Output = Result<T, AttemptError>>,
    {
        self.with_retries_if(cancel, |error| error.code.is_transient(), attempt)
            .await
    }

    /// As [`KalturaClient::with_retries`], but only failures `may_retry` accepts are tried again
    /// (an expired KS is still re-signed once): for a request that must not be repeated once
    /// Kaltura may have acted on it.
    pub(super) async fn with_retries_if<T, F, Fut>(
        &self,
        cancel: &CancelToken,
        may_retry: impl Fn(&Error) -> bool,
        mut attempt: F,
    ) -> Result<(T, u32), Error>
    where
        F: FnMut(String) -> Fut,
        Fut: Future<Output = Result<T, AttemptError>>,
    {
        let options = &self.inner.options;
        let mut requests = 0u32;
        let mut failures = 0u32;
        let mut renewed_ks = false;
        loop {
            let ks = self.inner.session.ks();
            requests += 1;
            let outcome = tokio::select! {
                biased;
                _ = cancel.cancelled() => return Err(Error::cancelled()),
                outcome = attempt(ks.clone()) => outcome,
            };
            let failure = match outcome {
                Ok(value) => return Ok((value, requests)),
                Err(failure) => failure,
            };
            if failure.expired_ks && !renewed_ks {
                renewed_ks = true;
                self.inner.session.renew(&ks);
                continue;
            }
            failures += 1;
            if !may_retry(&failure.error) || failures >= options.max_attempts.max(1) {
                return Err(failure.error);
            }
            let delay = backoff_delay(
                failures,
                options.backoff_base,
                options.backoff_cap,
                random_fraction(),
            );
            tokio::select! {
                biased;
                _ = cancel.cancelled() => return Err(Error::cancelled()),
                _ = tokio::time::sleep(delay) => {}
            }
        }
    }

    /// What the error mapping needs to word a Kaltura error for this client.
    pub(super) fn error_context<'a>(
        &'a self,
        report: Option<ReportKind>,
        ks: &'a str,
    ) -> ErrorContext<'a> {
        ErrorContext {
            partner_id: self.inner.partner_id,
            service_url: self.inner.service_url.as_str(),
            report,
            ks,
        }
    }

    /// An HTTP 200 reply is a report only if it is not one of Kaltura's error shapes, is not
    /// empty, is not a web page, and ends with the `\n` every CSV line ends with.
    fn check_csv_reply(
        &self,
        reply: HttpReply,
        kind: ReportKind,
        ks: &str,
    ) -> Result<Vec<u8>, AttemptError> {
        if let Some(api) = find_api_error(
            &reply.body,
            reply.x_kaltura.as_deref(),
            reply.x_kaltura_app.as_deref(),
        ) {
            return Err(AttemptError {
                error: to_error(&api, &self.error_context(Some(kind), ks)),
                expired_ks: api.is_expired_ks(),
            });
        }
        let body = reply.body;
        if body.is_empty() {
            return Err(Error::new(
                ErrorCode::BadResponse,
                "Kaltura sent an empty reply instead of a report. Try again.",
            )
            .into());
        }
        let start = body
            .strip_prefix(b"\xEF\xBB\xBF".as_slice())
            .unwrap_or(&body);
        let first = start.iter().find(|b| !b.is_ascii_whitespace());
        if first == Some(&b'<') {
            return Err(Error::new(
                ErrorCode::UnsupportedServer,
                format!(
                    "The server at {} answered with a web page instead of a report. Check that the service URL points to a Kaltura server.",
                    self.inner.service_url
                ),
            )
            .into());
        }
        if body.last() != Some(&b'\n') {
            return Err(Error::new(
                ErrorCode::BadResponse,
                "A report from Kaltura arrived cut off. Try again.",
            )
            .with_detail(format!("{} bytes, last line unterminated", body.len()))
            .into());
        }
        Ok(body)
    }
}

/// Runs `work` until it finishes, `cancel` fires (→ `Cancelled`), or `limit` passes
/// (→ `DeadlineExceeded`).
pub(crate) async fn with_deadline<T>(
    limit: Duration,
    cancel: &CancelToken,
    work: impl Future<Output = Result<T, Error>>,
) -> Result<T, Error> {
    tokio::select! {
        biased;
        _ = cancel.cancelled() => Err(Error::cancelled()),
        outcome = tokio::time::timeout(limit, work) => match outcome {
            Ok(result) => result,
            Err(_) => Err(Error::new(
                ErrorCode::DeadlineExceeded,
                format!(
                    "Kaltura took longer than {} to deliver everything, so Roomlens stopped. Nothing was saved. Try a shorter date range or try again later.",
                    describe_duration(limit)
                ),
            )),
        },
    }
}

fn describe_duration(limit: Duration) -> String {
    let secs = limit.as_secs();
    if secs >= 120 {
        format!("{} minutes", secs / 60)
    } else {
        format!("{} seconds", secs.max(1))
    }
}

/// Reads one reply of Kaltura's as a report of `kind`.
pub(crate) fn parse_window(kind: ReportKind, body: &[u8]) -> Result<ReadOutcome, Error> {
    read_report_as(body, kind).map_err(|e| {
        let detail = e.detail.clone().unwrap_or_else(|| e.message.clone());
        Error::new(ErrorCode::BadResponse, format!("Kaltura sent a {} report Roomlens could not read. Try again; if it keeps happening, contact Kaltura support.", kind.title()))
            .with_detail(detail)
    })
}
