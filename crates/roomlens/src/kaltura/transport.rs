//! One HTTP attempt: POST a JSON body to an api_v3 URL with `Content-Type` exactly
//! `application/json` (docs/kaltura-wire-format.md §2.2; the bytes are sent as given so no charset
//! is added), read the reply as a stream within a timeout and a size cap, and check it arrived
//! complete (Content-Length). Failures become `Error`s with transient codes where a retry may help. It does
//! not retry, sign, or look inside the body; `client` does that.

use crate::error::{Error, ErrorCode};
use reqwest::header::{HeaderMap, ACCEPT, CONTENT_TYPE};
use std::time::Duration;

/// A complete HTTP 200 reply.
pub(crate) struct HttpReply {
    pub body: Vec<u8>,
    pub x_kaltura: Option<String>,
    pub x_kaltura_app: Option<String>,
}

/// The HTTP client for one service. A service on this computer (the built-in Demo, a local test
/// server) is reached directly: a proxy from HTTP_PROXY or ALL_PROXY could not reach it.
pub(crate) fn build_http_client(
    connect_timeout: Duration,
    on_this_computer: bool,
) -> Result<reqwest::Client, Error> {
    let builder = reqwest::Client::builder();
    let builder = if on_this_computer {
        builder.no_proxy()
    } else {
        builder
    };
    builder
        .connect_timeout(connect_timeout)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("roomlens/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| {
            Error::new(
                ErrorCode::NetworkUnreachable,
                "Roomlens could not set up a secure connection on this computer.",
            )
            .with_detail(e.to_string())
        })
}

/// Sends `body` (JSON bytes) to `url` and returns the reply once fully read. `timeout` covers the
/// whole exchange; a reply over `max_bytes` is refused as soon as it is known to be (from its
/// Content-Length, or while it streams in). `service_url` is only for messages.
pub(crate) async fn post_json(
    http: &reqwest::Client,
    url: &str,
    body: Vec<u8>,
    timeout: Duration,
    max_bytes: u64,
    service_url: &str,
) -> Result<HttpReply, Error> {
    let exchange = async {
        let response = http
            .post(url)
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, "text/csv, application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| send_error(&e, service_url))?;
        let status = response.status();
        if !status.is_success() {
            return Err(status_error(status, response.headers(), service_url));
        }
        let expected_len = response.content_length();
        if expected_len.is_some_and(|len| len > max_bytes) {
            return Err(too_large(service_url, max_bytes));
        }
        let x_kaltura = header_text(response.headers(), "x-kaltura");
        let x_kaltura_app = header_text(response.headers(), "x-kaltura-app");
        let mut response = response;
        let mut bytes: Vec<u8> = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| {
            Error::new(
                ErrorCode::BadResponse,
                "The connection to Kaltura broke off in the middle of a reply. Try again.",
            )
            .with_detail(e.to_string())
        })? {
            if u64::try_from(bytes.len() + chunk.len()).map_or(true, |len| len > max_bytes) {
                return Err(too_large(service_url, max_bytes));
            }
            bytes.extend_from_slice(&chunk);
        }
        if let Some(expected) = expected_len {
            if u64::try_from(bytes.len()).ok() != Some(expected) {
                return Err(Error::new(
                    ErrorCode::BadResponse,
                    "A reply from Kaltura arrived incomplete. Try again.",
                )
                .with_detail(format!(
                    "Content-Length {expected}, received {} bytes",
                    bytes.len()
                )));
            }
        }
        Ok(HttpReply {
            body: bytes,
            x_kaltura,
            x_kaltura_app,
        })
    };
    match tokio::time::timeout(timeout, exchange).await {
        Ok(result) => result,
        Err(_) => Err(Error::new(
            ErrorCode::NetworkTimeout,
            format!("Kaltura did not answer within {} seconds. Try again later, or choose a shorter date range.", timeout.as_secs()),
        )),
    }
}

/// Not transient: the same request would get the same endless or oversized reply.
fn too_large(service_url: &str, max_bytes: u64) -> Error {
    Error::new(
        ErrorCode::UnsupportedServer,
        format!(
            "The server at {service_url} sent a reply larger than any room report ({} MB or more), so Roomlens \
             stopped reading it and kept nothing. Check the service URL.",
            max_bytes / (1024 * 1024)
        ),
    )
}

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

fn send_error(error: &reqwest::Error, service_url: &str) -> Error {
    if error.is_timeout() {
        return Error::new(
            ErrorCode::NetworkTimeout,
            "Kaltura did not answer in time. Check your internet connection and try again.",
        )
        .with_detail(error.to_string());
    }
    let mut detail = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        detail.push_str(": ");
        detail.push_str(&inner.to_string());
        source = inner.source();
    }
    if error.is_connect() {
        return Error::new(
            ErrorCode::NetworkUnreachable,
            format!("Roomlens could not connect to Kaltura at {service_url}. Check your internet connection and the service URL."),
        )
        .with_detail(detail);
    }
    Error::new(ErrorCode::NetworkUnreachable, format!("The connection to Kaltura at {service_url} failed. Check your internet connection and try again."))
        .with_detail(detail)
}

fn status_error(status: reqwest::StatusCode, headers: &HeaderMap, service_url: &str) -> Error {
    let detail = format!("HTTP {status}");
    if status.is_server_error() {
        return Error::new(
            ErrorCode::ServerUnavailable,
            format!(
                "Kaltura's server reported a problem (HTTP {}). Try again in a few minutes.",
                status.as_u16()
            ),
        )
        .with_detail(detail);
    }
    if status == reqwest::StatusCode::TOO_MANY_REQUESTS {
        return Error::new(ErrorCode::RateLimited, "Kaltura is limiting how many requests this account can make right now. Wait a few minutes and try again.")
            .with_detail(detail);
    }
    if status.is_redirection() {
        let target = header_text(headers, "location").unwrap_or_default();
        return Error::new(
            ErrorCode::UnsupportedServer,
            format!("The server at {service_url} sent Roomlens to another address ({target}). If that is your Kaltura server, use it as the service URL."),
        )
        .with_detail(detail);
    }
    Error::new(
        ErrorCode::UnsupportedServer,
        format!("The server at {service_url} refused the request (HTTP {}). Check that the service URL points to a Kaltura server.", status.as_u16()),
    )
    .with_detail(detail)
}
