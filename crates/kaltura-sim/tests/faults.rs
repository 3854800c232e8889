//! Each injected fault over real HTTP: 5xx with an HTML body, reset and truncated bodies,
//! ACTION_BLOCKED, DRUID_QUERY_TIMED_OUT, INTERNAL_SERVERL_ERROR, an expiring KS (fault and clock
//! offset), delays, reproducible random faults, and that the next request is healthy again.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

mod support;

use std::time::Duration;

use kaltura_sim::{Fault, FaultPlan, SimConfig, SimHandle};
use serde_json::json;
use support::*;

fn request_body(sim: &SimHandle) -> serde_json::Value {
    json!({"ks": primary_ks(sim), "format": 1, "id": 6001, "params": format!("from_date={};to_date={}", now() - 20 * DAY, now())})
}

/// Makes a normal request, checks it succeeds, and returns the body length.
async fn healthy(sim: &SimHandle) -> usize {
    let r = post_json(&csv_url(sim), request_body(sim)).await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "content-type"), Some("text/csv"));
    r.bytes().await.unwrap().len()
}

#[tokio::test]
async fn http_status_faults_send_html_then_recover() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    sim.set_faults(FaultPlan::queued([
        Fault::HttpStatus(503),
        Fault::HttpStatus(502),
        Fault::HttpStatus(500),
    ]));
    for status in [503, 502, 500] {
        let r = post_json(&csv_url(&sim), request_body(&sim)).await;
        assert_eq!(r.status().as_u16(), status);
        assert_eq!(header(&r, "content-type"), Some("text/html"));
        assert!(r.text().await.unwrap().contains("<html>"));
    }
    healthy(&sim).await;
    let stats = sim.stats();
    assert_eq!(stats.faults_served, 3);
    assert_eq!(stats.faults_by_name.get("http_status"), Some(&3));
    sim.shutdown().await;
}

#[tokio::test]
async fn reset_and_truncation_break_the_body() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let full = healthy(&sim).await;
    assert!(full > 200);
    for fault in [Fault::ResetMidBody, Fault::TruncatedBody] {
        sim.push_faults([fault.clone()]);
        let r = post_json(&csv_url(&sim), request_body(&sim)).await;
        assert_eq!(r.status(), 200, "{fault:?}: headers arrive intact");
        assert_eq!(
            header(&r, "content-length"),
            Some(full.to_string().as_str())
        );
        assert!(r.bytes().await.is_err(), "{fault:?}: the body must fail");
        assert_eq!(
            healthy(&sim).await,
            full,
            "{fault:?}: the next request is whole"
        );
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn api_level_faults_look_like_kaltura() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    sim.set_faults(FaultPlan::queued([
        Fault::ActionBlocked,
        Fault::DruidQueryTimedOut,
        Fault::InternalError,
        Fault::ExpiredKs,
    ]));
    let r = post_json(&csv_url(&sim), request_body(&sim)).await;
    assert_eq!(
        r.text().await.unwrap(),
        r#"{"code":"ACTION_BLOCKED","message":"Action \"getcsvfromstringparams\" in service \"report\" is blocked","objectType":"KalturaAPIException","args":{"ACTION_NAME":"getcsvfromstringparams","SERVICE_NAME":"report"}}"#
    );
    let r = post_json(&csv_url(&sim), request_body(&sim)).await;
    assert_eq!(
        header(&r, "x-kaltura"),
        Some("error- DRUID_QUERY_TIMED_OUT")
    );
    assert_eq!(
        header(&r, "x-kaltura-app"),
        Some("exiting on error DRUID_QUERY_TIMED_OUT - Query timed out")
    );
    assert!(r.bytes().await.unwrap().is_empty());
    let r = post_json(&csv_url(&sim), request_body(&sim)).await;
    assert!(r
        .text()
        .await
        .unwrap()
        .starts_with(r#"{"code":"INTERNAL_SERVERL_ERROR""#));
    let r = post_json(&csv_url(&sim), request_body(&sim)).await;
    assert!(r.text().await.unwrap().contains(r#""KSID":"EXPIRED""#));
    healthy(&sim).await;
    sim.shutdown().await;
}

#[tokio::test]
async fn clock_offset_expires_a_ks_that_is_still_valid_by_the_real_clock() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let ks = ks_with(sim.partner_id(), &sim.admin_secret(), 2, "", now() + 600);
    let body = json!({"ks": ks, "format": 1, "id": 6000, "params": "from_date=0;to_date=1"});
    assert_eq!(
        header(
            &post_json(&csv_url(&sim), body.clone()).await,
            "content-type"
        ),
        Some("text/csv")
    );
    sim.set_faults(FaultPlan {
        clock_offset_secs: 3600,
        ..FaultPlan::none()
    });
    assert!(post_json(&csv_url(&sim), body)
        .await
        .text()
        .await
        .unwrap()
        .contains("EXPIRED"));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_delay_longer_than_the_client_timeout_fails_the_client() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    sim.push_faults([Fault::Delay(Duration::from_secs(5))]);
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let r = impatient
        .post(csv_url(&sim))
        .header("Content-Type", "application/json")
        .body(request_body(&sim).to_string())
        .send()
        .await;
    assert!(r.is_err_and(|e| e.is_timeout()));
    assert_eq!(sim.stats().faults_by_name.get("delay"), Some(&1));
    sim.shutdown().await;
}

#[tokio::test]
async fn faults_only_hit_report_requests() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    sim.push_faults([Fault::HttpStatus(503)]);
    let r = post_json(
        &format!("{}/api_v3/service/session/action/start", sim.url()),
        json!({"format": 1, "secret": sim.admin_secret(), "partnerId": sim.partner_id(), "type": 2}),
    )
    .await;
    assert_eq!(r.status(), 200);
    let r = post_json(&csv_url(&sim), request_body(&sim)).await;
    assert_eq!(r.status(), 503);
    sim.shutdown().await;
}

#[tokio::test]
async fn random_faults_are_reproducible() {
    let plan =
        FaultPlan::none().with_random(42, 400, vec![Fault::HttpStatus(503), Fault::ActionBlocked]);
    let mut outcomes = Vec::new();
    for _ in 0..2 {
        let sim = kaltura_sim::start(SimConfig {
            faults: plan.clone(),
            ..SimConfig::default()
        })
        .await
        .unwrap();
        let mut seen = Vec::new();
        for _ in 0..30 {
            let r = post_json(&csv_url(&sim), request_body(&sim)).await;
            let status = r.status().as_u16();
            let blocked = r.text().await.unwrap().contains("ACTION_BLOCKED");
            seen.push((status, blocked));
        }
        outcomes.push(seen);
        sim.shutdown().await;
    }
    assert_eq!(outcomes[0], outcomes[1]);
    assert!(outcomes[0].iter().any(|o| o.0 == 503));
    assert!(outcomes[0].iter().any(|o| o.1));
    assert!(outcomes[0].contains(&(200, false)));
}
