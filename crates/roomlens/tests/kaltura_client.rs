//! The Kaltura client against the real simulator over loopback: signing in, what goes on the wire
//! (KS only in the body, `Content-Type` exactly `application/json`, clientTag), every error the
//! simulator can produce mapped to its code and sentence, every fault retried or reported
//! clearly, KS renewal, cancellation and the deadline.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

#[allow(dead_code)]
mod sim_client;

use kaltura_sim::{
    fake_secret, Fault, FaultPlan, SimConfig, BLOCKED_PARTNER_ID, PRIMARY_PARTNER_ID,
    TWO_SECRETS_PARTNER_ID,
};
use roomlens::cancel::CancelToken;
use roomlens::kaltura::{ClientOptions, CLIENT_TAG};
use roomlens::{Error, ErrorCode};
use sim_client::{client_for, client_with, quick_options, start_sim};
use std::time::Duration;

const REPORT_ACTION: &str = "report.getcsvfromstringparams";

fn assert_no_ks_or_secret(error: &Error, secret: &str) {
    let text = format!("{} {:?}", error.message, error.detail);
    assert!(!text.contains("djJ8"), "a KS leaked into the error: {text}");
    assert!(!text.contains(secret), "the secret leaked into the error");
}

#[tokio::test]
async fn connection_test_signs_locally_and_keeps_the_ks_out_of_the_url() {
    let sim = start_sim(SimConfig::default()).await;
    let client = client_for(&sim, quick_options());
    client.test_connection(&CancelToken::new()).await.unwrap();
    assert!(!format!("{client:?}").contains(&sim.admin_secret()));
    let stats = sim.stats();
    assert_eq!(stats.count_action(REPORT_ACTION), 1);
    assert_eq!(
        stats.count_action("session.start"),
        0,
        "the secret never leaves the machine"
    );
    assert_eq!(stats.ks_in_url, 0);
    assert_eq!(stats.content_type_not_exactly_json, 0);
    assert_eq!(stats.last_client_tag.as_deref(), Some(CLIENT_TAG));
    assert_eq!(CLIENT_TAG, concat!("roomlens:", env!("CARGO_PKG_VERSION")));
    let call = stats.report_calls.last().unwrap();
    assert_eq!(call.report_id, 6000);
    assert_eq!(call.to - call.from, 3600);
    sim.shutdown().await;
}

#[tokio::test]
async fn an_additional_admin_secret_works_too() {
    let sim = start_sim(SimConfig::default()).await;
    let client = client_with(
        &sim,
        TWO_SECRETS_PARTNER_ID,
        &fake_secret("two-secrets additional"),
        quick_options(),
    );
    client.test_connection(&CancelToken::new()).await.unwrap();
    sim.shutdown().await;
}

#[tokio::test]
async fn wrong_secret_is_rejected_plainly_and_never_retried() {
    let sim = start_sim(SimConfig::default()).await;
    let wrong = fake_secret("not the right one");
    let client = client_with(&sim, PRIMARY_PARTNER_ID, &wrong, quick_options());
    let error = client
        .test_connection(&CancelToken::new())
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::CredentialsRejected);
    assert_eq!(
        error.message,
        "Kaltura did not accept this partner ID and admin secret. Check both in KMC → Settings → Integration Settings."
    );
    assert!(error
        .detail
        .as_deref()
        .unwrap()
        .starts_with("Kaltura error INVALID_KS: Invalid KS \"[KS removed]\""));
    assert_no_ks_or_secret(&error, &wrong);
    assert_eq!(
        sim.stats().count_action(REPORT_ACTION),
        1,
        "authentication errors are not retried"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn unknown_partner_is_rejected_like_a_wrong_secret() {
    let sim = start_sim(SimConfig::default()).await;
    let client = client_with(&sim, 424242, &sim.admin_secret(), quick_options());
    let error = client
        .test_connection(&CancelToken::new())
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::CredentialsRejected);
    assert_no_ks_or_secret(&error, &sim.admin_secret());
    assert_eq!(sim.stats().count_action(REPORT_ACTION), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn blocked_partner_is_told_to_contact_kaltura() {
    let sim = start_sim(SimConfig::default()).await;
    let client = client_with(
        &sim,
        BLOCKED_PARTNER_ID,
        &fake_secret("blocked"),
        quick_options(),
    );
    let error = client
        .test_connection(&CancelToken::new())
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::PartnerBlocked);
    assert!(error.message.contains("blocked this partner account"));
    assert!(error
        .detail
        .as_deref()
        .unwrap()
        .starts_with("Kaltura error SERVICE_FORBIDDEN_CONTENT_BLOCKED"));
    assert_eq!(sim.stats().count_action(REPORT_ACTION), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn every_transient_fault_is_retried_until_it_passes() {
    let faults = [
        Fault::HttpStatus(500),
        Fault::HttpStatus(502),
        Fault::HttpStatus(503),
        Fault::ResetMidBody,
        Fault::TruncatedBody,
        Fault::ActionBlocked,
        Fault::DruidQueryTimedOut,
        Fault::InternalError,
    ];
    let sim = start_sim(SimConfig::default()).await;
    let client = client_for(&sim, quick_options());
    for fault in faults {
        sim.reset_stats();
        sim.set_faults(FaultPlan::queued([fault.clone(), fault.clone()]));
        client
            .test_connection(&CancelToken::new())
            .await
            .unwrap_or_else(|e| panic!("{fault:?} was not retried: {e:?}"));
        let stats = sim.stats();
        assert_eq!(stats.faults_served, 2, "{fault:?}");
        assert_eq!(
            stats.count_action(REPORT_ACTION),
            3,
            "{fault:?}: two failures, then success"
        );
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn a_slow_answer_times_out_and_is_retried() {
    let sim = start_sim(SimConfig::default()).await;
    let options = ClientOptions {
        request_timeout: Duration::from_millis(300),
        ..quick_options()
    };
    let client = client_for(&sim, options);
    sim.set_faults(FaultPlan::queued([Fault::Delay(Duration::from_secs(5))]));
    client.test_connection(&CancelToken::new()).await.unwrap();
    assert_eq!(sim.stats().count_action(REPORT_ACTION), 2);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_fault_that_persists_ends_with_a_clear_error_after_the_last_attempt() {
    let cases = [
        (
            Fault::HttpStatus(503),
            ErrorCode::ServerUnavailable,
            "HTTP 503",
        ),
        (Fault::ResetMidBody, ErrorCode::BadResponse, "broke off"),
        (Fault::TruncatedBody, ErrorCode::BadResponse, "broke off"),
        (
            Fault::ActionBlocked,
            ErrorCode::RateLimited,
            "Wait a few minutes",
        ),
        (
            Fault::DruidQueryTimedOut,
            ErrorCode::KalturaTimeout,
            "took too long",
        ),
        (
            Fault::InternalError,
            ErrorCode::KalturaInternalError,
            "internal problem",
        ),
    ];
    let sim = start_sim(SimConfig::default()).await;
    let client = client_for(
        &sim,
        ClientOptions {
            max_attempts: 3,
            ..quick_options()
        },
    );
    for (fault, code, words) in cases {
        sim.reset_stats();
        sim.set_faults(FaultPlan::queued(std::iter::repeat_n(fault.clone(), 3)));
        let error = client
            .test_connection(&CancelToken::new())
            .await
            .unwrap_err();
        assert_eq!(error.code, code, "{fault:?}");
        assert!(
            error.message.contains(words),
            "{fault:?}: {}",
            error.message
        );
        assert_no_ks_or_secret(&error, &sim.admin_secret());
        assert_eq!(sim.stats().count_action(REPORT_ACTION), 3, "{fault:?}");
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn an_expired_ks_is_re_signed_once_and_the_call_retried() {
    let sim = start_sim(SimConfig::default()).await;
    let client = client_for(&sim, quick_options());
    sim.set_faults(FaultPlan::queued([Fault::ExpiredKs]));
    client.test_connection(&CancelToken::new()).await.unwrap();
    assert_eq!(sim.stats().count_action(REPORT_ACTION), 2);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_clock_far_behind_kaltura_gives_session_expired_after_one_re_sign() {
    let sim = start_sim(SimConfig::default()).await;
    let client = client_for(&sim, quick_options());
    sim.set_faults(FaultPlan {
        clock_offset_secs: 2 * 3600,
        ..FaultPlan::none()
    });
    let error = client
        .test_connection(&CancelToken::new())
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::SessionExpired);
    assert!(error.message.contains("date, time and time zone"));
    assert_eq!(
        error.detail.as_deref(),
        Some("Kaltura error INVALID_KS: Invalid KS \"EXPIRED\", Error \"-1,INVALID_STR\"")
    );
    assert_eq!(
        sim.stats().count_action(REPORT_ACTION),
        2,
        "one re-signed retry, no more"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn the_ks_is_renewed_before_it_lapses() {
    // A 4-second KS is renewed when 2 seconds or less remain. The simulator's clock runs 2 seconds
    // ahead, so after 2.5 seconds the first KS is expired there: a client that did not renew in
    // time would need a second, re-signed request.
    let sim = start_sim(SimConfig::default()).await;
    let client = client_for(
        &sim,
        ClientOptions {
            ks_lifetime: Duration::from_secs(4),
            ..quick_options()
        },
    );
    sim.set_faults(FaultPlan {
        clock_offset_secs: 2,
        ..FaultPlan::none()
    });
    client.test_connection(&CancelToken::new()).await.unwrap();
    assert_eq!(sim.stats().count_action(REPORT_ACTION), 1);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    sim.reset_stats();
    client.test_connection(&CancelToken::new()).await.unwrap();
    assert_eq!(
        sim.stats().count_action(REPORT_ACTION),
        1,
        "renewed before sending, not after a rejection"
    );
    sim.shutdown().await;
}

/// Runs `work` with a watchdog far longer than prompt cancellation needs but far shorter than
/// the stalled request, so a cancellation that waited for the request fails the test.
async fn within_watchdog<T>(work: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(60), work)
        .await
        .expect("cancellation was not prompt")
}

#[tokio::test]
async fn cancelling_mid_request_returns_cancelled_at_once() {
    let sim = start_sim(SimConfig::default()).await;
    let client = client_for(&sim, quick_options());
    sim.set_faults(FaultPlan::queued([Fault::Delay(Duration::from_secs(600))]));
    let cancel = CancelToken::new();
    let trigger = cancel.clone();
    let stats_sim = &sim;
    let watcher = async move {
        while stats_sim.stats().faults_served == 0 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        trigger.cancel();
    };
    let (result, ()) =
        within_watchdog(async { tokio::join!(client.test_connection(&cancel), watcher) }).await;
    let error = result.unwrap_err();
    assert_eq!(error.code, ErrorCode::Cancelled);
    assert_eq!(error.message, "Cancelled. Nothing was saved.");
    sim.shutdown().await;
}

#[tokio::test]
async fn cancelling_during_a_backoff_returns_cancelled_at_once() {
    let sim = start_sim(SimConfig::default()).await;
    let options = ClientOptions {
        backoff_base: Duration::from_secs(600),
        backoff_cap: Duration::from_secs(600),
        ..quick_options()
    };
    let client = client_for(&sim, options);
    sim.set_faults(FaultPlan::queued([Fault::HttpStatus(503)]));
    let cancel = CancelToken::new();
    let trigger = cancel.clone();
    let stats_sim = &sim;
    let watcher = async move {
        while stats_sim.stats().faults_served == 0 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        trigger.cancel();
    };
    let (result, ()) =
        within_watchdog(async { tokio::join!(client.test_connection(&cancel), watcher) }).await;
    assert_eq!(result.unwrap_err().code, ErrorCode::Cancelled);
    assert_eq!(
        sim.stats().count_action(REPORT_ACTION),
        1,
        "no retry after cancelling"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn an_operation_past_its_deadline_stops_with_a_plain_message() {
    let sim = start_sim(SimConfig::default()).await;
    let client = client_for(
        &sim,
        ClientOptions {
            deadline: Duration::from_secs(1),
            ..quick_options()
        },
    );
    sim.set_faults(FaultPlan::queued([Fault::Delay(Duration::from_secs(600))]));
    let error = within_watchdog(client.test_connection(&CancelToken::new()))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::DeadlineExceeded);
    assert!(error.message.contains("Nothing was saved"));
    sim.shutdown().await;
}

#[tokio::test]
async fn nobody_listening_is_a_network_error_after_retries() {
    let sim = start_sim(SimConfig::default()).await;
    let client = client_for(
        &sim,
        ClientOptions {
            max_attempts: 2,
            ..quick_options()
        },
    );
    sim.shutdown().await;
    let error = client
        .test_connection(&CancelToken::new())
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::NetworkUnreachable);
    assert!(
        error
            .message
            .contains("could not connect to Kaltura at http://127.0.0.1:"),
        "{}",
        error.message
    );
}

/// A server on the other end that answers every request with an endless CSV body (chunked, or
/// claiming a huge Content-Length); returns its URL and a counter of the bytes it managed to send.
async fn endless_server(
    claim_length: bool,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicU64>) {
    use std::sync::atomic::{AtomicU64, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let sent = std::sync::Arc::new(AtomicU64::new(0));
    let counter = sent.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut request = vec![0u8; 64 * 1024];
                let _ = socket.read(&mut request).await;
                let head = if claim_length {
                    "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: 99999999999\r\n\r\n"
                } else {
                    "HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n"
                };
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let line = "1_room,Room,cp1,2024-01-01 00:00:00,1704067200,10,0.5\n".repeat(1000);
                let chunk = if claim_length {
                    line.into_bytes()
                } else {
                    format!("{:x}\r\n{line}\r\n", line.len()).into_bytes()
                };
                while socket.write_all(&chunk).await.is_ok() {
                    counter.fetch_add(chunk.len() as u64, Ordering::Relaxed);
                }
            });
        }
    });
    (url, sent)
}

#[tokio::test]
async fn an_endless_reply_is_cut_off_at_the_size_cap_with_a_clear_error() {
    use std::sync::atomic::Ordering;
    for claim_length in [false, true] {
        let (url, sent) = endless_server(claim_length).await;
        let credentials = roomlens::kaltura::Credentials {
            partner_id: 1,
            secret: roomlens::secret::AdminSecret::new("s").unwrap(),
            service_url: roomlens::kaltura::ServiceUrl::parse(&url).unwrap(),
        };
        let options = ClientOptions {
            max_reply_bytes: 1024 * 1024,
            ..quick_options()
        };
        let client = roomlens::kaltura::KalturaClient::new(credentials, options).unwrap();
        let error = tokio::time::timeout(
            Duration::from_secs(20),
            client.test_connection(&CancelToken::new()),
        )
        .await
        .expect("the client gives up instead of reading for ever")
        .expect_err("an endless reply is refused");
        assert_eq!(error.code, ErrorCode::UnsupportedServer, "{error:?}");
        assert!(
            error.message.contains("larger than any room report"),
            "{}",
            error.message
        );
        assert!(
            !error.code.is_transient(),
            "the same request is not sent again"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
        let written = sent.load(Ordering::Relaxed);
        assert!(
            written < 16 * 1024 * 1024,
            "the client stopped reading soon after the cap (the server wrote {written} bytes)"
        );
    }
}
