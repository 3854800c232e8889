//! Error responses over real HTTP, byte for byte in the shapes of docs/kaltura-wire-format.md §4.1,
//! and the order of checks of §4.2 (which error wins when several apply).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

mod support;

use kaltura_sim::{
    fake_secret, SimConfig, BLOCKED_PARTNER_ID, PRIMARY_PARTNER_ID, REFERENCE_ADMIN_SECRET,
    REFERENCE_PARTNER_ID, SECOND_PARTNER_ID, TWO_SECRETS_PARTNER_ID,
};
use serde_json::json;
use support::*;

const REFERENCE_V2: &str = "djJ8MTIzNDV82NZPVKMssS_eVG50kxLnsf3qBJGhH7EWjAY7sQJgxObAkM61Yn11jIRxfJmwhBrwfK-vl2DMhoTzeDB3GEp9a7fKFtsx7JthCh1R7wxBD-U0r5YuSbagSS2LbusMLcCF";
const REFERENCE_V1: &str = "MmJiM2FjYzhjZmU0Zjk2NzEwOWQ3NjA3ZDI0ODI0ZTkxNzAxYTc2ZHwxMjM0NTsxMjM0NTsyMDAwMDAwMDAwOzI7MDthZG1pbjtkaXNhYmxlZW50aXRsZW1lbnQ=";

fn range_params() -> String {
    format!("from_date={};to_date={}", now() - 7 * DAY, now())
}

async fn report_text(
    sim: &kaltura_sim::SimHandle,
    body: serde_json::Value,
) -> (reqwest::header::HeaderMap, String) {
    let r = post_json(&csv_url(sim), body).await;
    assert_eq!(r.status(), 200, "API errors are HTTP 200");
    let headers = r.headers().clone();
    (headers, r.text().await.unwrap())
}

fn invalid_ks_json(ksid: &str) -> String {
    format!(
        r#"{{"code":"INVALID_KS","message":"Invalid KS \"{ksid}\", Error \"-1,INVALID_STR\"","objectType":"KalturaAPIException","args":{{"KSID":"{ksid}","ERR_CODE":"-1","ERR_DESC":"INVALID_STR"}}}}"#
    )
}

#[tokio::test]
async fn reference_ks_vectors_are_accepted_and_a_wrong_secret_is_not() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    for ks in [REFERENCE_V2, REFERENCE_V1] {
        let r = post_json(
            &csv_url(&sim),
            json!({"ks": ks, "format": 1, "id": 6000, "params": range_params()}),
        )
        .await;
        assert_eq!(header(&r, "content-type"), Some("text/csv"));
    }
    assert_eq!(REFERENCE_PARTNER_ID, 12345);
    let forged = admin_ks(REFERENCE_PARTNER_ID, "wrongsecret");
    let (_, body) = report_text(
        &sim,
        json!({"ks": forged, "format": 1, "id": 6000, "params": range_params()}),
    )
    .await;
    assert_eq!(body, invalid_ks_json(&forged));
    let _ = REFERENCE_ADMIN_SECRET;
    sim.shutdown().await;
}

#[tokio::test]
async fn signature_partner_and_garbage_failures_name_the_ks_as_sent() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let other_secret = admin_ks(PRIMARY_PARTNER_ID, &fake_secret("second"));
    for ks in [
        "djJ8OTk5fA",
        "not a ks!",
        other_secret.as_str(),
        "djJ8MTAwMDAwMXxub3RjaXBoZXI=",
    ] {
        let (_, body) = report_text(
            &sim,
            json!({"ks": ks, "format": 1, "id": 6000, "params": range_params()}),
        )
        .await;
        assert_eq!(body, invalid_ks_json(ks), "{ks}");
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn additional_admin_secret_and_second_partner_work() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let secrets = sim.admin_secrets_of(TWO_SECRETS_PARTNER_ID);
    assert_eq!(secrets.len(), 2);
    for secret in &secrets {
        let r = post_json(
            &csv_url(&sim),
            json!({"ks": admin_ks(TWO_SECRETS_PARTNER_ID, secret), "format": 1, "id": 6001, "params": range_params()}),
        )
        .await;
        assert_eq!(header(&r, "content-type"), Some("text/csv"));
    }
    let (from, to) = (now() - 20 * DAY, now());
    let params = format!("from_date={from};to_date={to}");
    let mine = post_json(
        &csv_url(&sim),
        json!({"ks": primary_ks(&sim), "format": 1, "id": 6001, "params": params}),
    )
    .await
    .bytes()
    .await
    .unwrap();
    let second_ks = admin_ks(
        SECOND_PARTNER_ID,
        &sim.admin_secrets_of(SECOND_PARTNER_ID)[0],
    );
    let theirs = post_json(
        &csv_url(&sim),
        json!({"ks": second_ks, "format": 1, "id": 6001, "params": params}),
    )
    .await
    .bytes()
    .await
    .unwrap();
    assert_ne!(mine, theirs, "each partner sees its own organisation");
    sim.shutdown().await;
}

#[tokio::test]
async fn expired_ks_is_invalid_ks_expired() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let ks = ks_with(sim.partner_id(), &sim.admin_secret(), 2, "", now() - 1);
    let (_, body) = report_text(
        &sim,
        json!({"ks": ks, "format": 1, "id": 6000, "params": range_params()}),
    )
    .await;
    assert_eq!(
        body,
        r#"{"code":"INVALID_KS","message":"Invalid KS \"EXPIRED\", Error \"-1,INVALID_STR\"","objectType":"KalturaAPIException","args":{"KSID":"EXPIRED","ERR_CODE":"-1","ERR_DESC":"INVALID_STR"}}"#
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn user_ks_needs_the_report_viewer_role() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let plain_user = ks_with(sim.partner_id(), &sim.admin_secret(), 0, "", now() + 600);
    let (headers, body) = report_text(
        &sim,
        json!({"ks": plain_user, "format": 1, "id": 6000, "params": range_params()}),
    )
    .await;
    assert_eq!(
        body,
        r#"{"code":"SERVICE_FORBIDDEN","message":"The access to service [report->getCsvFromStringParams] is forbidden","objectType":"KalturaAPIException","args":{"SERVICE":"report->getCsvFromStringParams"}}"#
    );
    assert_eq!(headers.get("x-kaltura").unwrap(), "error-SERVICE_FORBIDDEN");
    assert_eq!(
        headers.get("x-kaltura-app").unwrap(),
        "exiting on error SERVICE_FORBIDDEN - The access to service [report->getCsvFromStringParams] is forbidden"
    );
    let viewer = ks_with(
        sim.partner_id(),
        &sim.admin_secret(),
        0,
        "setrole:REPORT_VIEWER_ROLE",
        now() + 600,
    );
    let r = post_json(
        &csv_url(&sim),
        json!({"ks": viewer, "format": 1, "id": 6000, "params": range_params()}),
    )
    .await;
    assert_eq!(header(&r, "content-type"), Some("text/csv"));
    sim.shutdown().await;
}

#[tokio::test]
async fn missing_ks_cross_partner_and_blocked_partner() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let (_, body) = report_text(
        &sim,
        json!({"format": 1, "id": 6000, "params": range_params()}),
    )
    .await;
    assert_eq!(
        body,
        r#"{"code":"MISSING_KS","message":"Missing KS, session not established","objectType":"KalturaAPIException","args":[]}"#
    );
    let (_, body) = report_text(
        &sim,
        json!({"format": 1, "id": 6000, "partnerId": PRIMARY_PARTNER_ID, "params": range_params()}),
    )
    .await;
    assert!(body.starts_with(r#"{"code":"SERVICE_FORBIDDEN""#), "{body}");
    let (_, body) = report_text(
        &sim,
        json!({"ks": primary_ks(&sim), "format": 1, "id": 6000, "partnerId": SECOND_PARTNER_ID, "params": range_params()}),
    )
    .await;
    assert!(body.starts_with(r#"{"code":"SERVICE_FORBIDDEN""#), "{body}");
    let blocked = admin_ks(
        BLOCKED_PARTNER_ID,
        &sim.admin_secrets_of(BLOCKED_PARTNER_ID)[0],
    );
    let (_, body) = report_text(
        &sim,
        json!({"ks": blocked, "format": 1, "id": 6000, "params": range_params()}),
    )
    .await;
    assert_eq!(
        body,
        r#"{"code":"SERVICE_FORBIDDEN_CONTENT_BLOCKED","message":"The access to this service is forbidden since the specified partner is blocked","objectType":"KalturaAPIException","args":[]}"#
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn report_not_found_is_a_die_error() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let r = post_json(
        &csv_url(&sim),
        json!({"ks": primary_ks(&sim), "format": 1, "id": 7, "params": range_params()}),
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(&r, "x-kaltura"), Some("error- REPORT_NOT_FOUND"));
    assert_eq!(
        header(&r, "x-kaltura-app"),
        Some("exiting on error REPORT_NOT_FOUND - Report id \"7\" not found")
    );
    assert!(r.bytes().await.unwrap().is_empty());
    sim.shutdown().await;
}

#[tokio::test]
async fn missing_report_parameter_is_internal_error_in_the_requested_format() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let ks = primary_ks(&sim);
    let (_, body) = report_text(
        &sim,
        json!({"ks": ks, "format": 1, "id": 6000, "params": "from_date=1"}),
    )
    .await;
    assert_eq!(
        body,
        r#"{"code":"INTERNAL_SERVERL_ERROR","message":"Internal server error occurred","objectType":"KalturaAPIException","args":[]}"#
    );
    // 6002 wants fromDate/toDate: from_date/to_date alone are not enough.
    let (_, body) = report_text(
        &sim,
        json!({"ks": ks, "format": 1, "id": 6002, "params": range_params()}),
    )
    .await;
    assert!(body.contains("INTERNAL_SERVERL_ERROR"));
    // No format: XML is the default.
    let r = post_json(
        &csv_url(&sim),
        json!({"ks": ks, "id": 6000, "params": "from_date=1"}),
    )
    .await;
    assert_eq!(header(&r, "content-type"), Some("text/xml"));
    let xml = r.text().await.unwrap();
    assert!(xml.starts_with(
        r#"<?xml version="1.0" encoding="utf-8"?><xml><result><error><code>INTERNAL_SERVERL_ERROR</code><message>Internal server error occurred</message><objectType>KalturaAPIException</objectType><args></args></error></result><executionTime>"#
    ));
    assert!(xml.ends_with("</executionTime></xml>"));
    sim.shutdown().await;
}

#[tokio::test]
async fn xml_error_lists_its_arguments() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let r = post_json(
        &csv_url(&sim),
        json!({"ks": "djJ8OTk5fA", "format": 2, "id": 6000}),
    )
    .await;
    let xml = r.text().await.unwrap();
    assert!(xml.contains(
        "<error><code>INVALID_KS</code><message>Invalid KS &quot;djJ8OTk5fA&quot;, Error &quot;-1,INVALID_STR&quot;</message><objectType>KalturaAPIException</objectType><args><item><objectType>KalturaApiExceptionArg</objectType><name>KSID</name><value>djJ8OTk5fA</value></item><item><objectType>KalturaApiExceptionArg</objectType><name>ERR_CODE</name><value>-1</value></item><item><objectType>KalturaApiExceptionArg</objectType><name>ERR_DESC</name><value>INVALID_STR</value></item></args></error>"
    ), "{xml}");
    sim.shutdown().await;
}

#[tokio::test]
async fn routing_errors_and_unknown_format() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let base = format!("{}/api_v3", sim.url());
    let r = post_json(
        &format!("{base}/service/mediaEntry/action/get"),
        json!({"format": 1}),
    )
    .await;
    assert_eq!(
        r.text().await.unwrap(),
        r#"{"code":"SERVICE_DOES_NOT_EXISTS","message":"Service \"mediaentry\" does not exists","objectType":"KalturaAPIException","args":{"SRV_NAME":"mediaentry"}}"#
    );
    let r = post_json(
        &format!("{base}/service/baseEntry/action/getTotal"),
        json!({"format": 1}),
    )
    .await;
    assert_eq!(
        r.text().await.unwrap(),
        r#"{"code":"ACTION_DOES_NOT_EXISTS","message":"Action \"gettotal\" does not exists for service \"baseentry\"","objectType":"KalturaAPIException","args":{"ACTION_NAME":"gettotal","SERVICE_NAME":"baseentry"}}"#
    );
    let r = post_json(&format!("{base}/"), json!({"format": 1})).await;
    assert!(r
        .text()
        .await
        .unwrap()
        .starts_with(r#"{"code":"SERVICE_NOT_SPECIFIED""#));
    let r = post_json(
        &csv_url(&sim),
        json!({"format": 7, "ks": "garbage", "id": 6000}),
    )
    .await;
    assert_eq!(
        header(&r, "x-kaltura"),
        Some("error- UNKNOWN_RESPONSE_FORMAT")
    );
    assert_eq!(
        header(&r, "x-kaltura-app"),
        Some("exiting on error UNKNOWN_RESPONSE_FORMAT - Response format provided [7] is not recognized by server")
    );
    assert!(r.bytes().await.unwrap().is_empty());
    sim.shutdown().await;
}

#[tokio::test]
async fn checks_run_in_the_servers_order() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    // Unknown action beats a bad KS (step 2 before 4).
    let r = post_json(
        &format!("{}/api_v3/service/report/action/nope", sim.url()),
        json!({"format": 1, "ks": "bad"}),
    )
    .await;
    assert!(r.text().await.unwrap().contains("ACTION_DOES_NOT_EXISTS"));
    // A bad KS beats a missing argument (4 before 6).
    let (_, body) = report_text(&sim, json!({"format": 1, "ks": "bad"})).await;
    assert_eq!(body, invalid_ks_json("bad"));
    // A missing argument beats expiry (6 before 7).
    let expired = ks_with(sim.partner_id(), &sim.admin_secret(), 2, "", now() - 10);
    let (_, body) = report_text(&sim, json!({"format": 1, "ks": expired})).await;
    assert_eq!(
        body,
        r#"{"code":"MISSING_MANDATORY_PARAMETER","message":"Missing parameter \"id\"","objectType":"KalturaAPIException","args":{"PARAM_NAME":"id"}}"#
    );
    // Expiry beats a report that does not exist (7 before 9).
    let (_, body) = report_text(&sim, json!({"format": 1, "ks": expired, "id": 7})).await;
    assert!(body.contains("EXPIRED"));
    sim.shutdown().await;
}

#[tokio::test]
async fn session_start_issues_a_working_ks_and_rejects_bad_secrets() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let url = format!("{}/api_v3/service/session/action/start", sim.url());
    let pid = sim.partner_id();
    let r = post_json(
        &url,
        json!({"format": 1, "secret": "wrong", "partnerId": pid, "type": 2}),
    )
    .await;
    assert_eq!(
        r.text().await.unwrap(),
        format!(
            r#"{{"code":"START_SESSION_ERROR","message":"Error while starting session for partner [{pid}]","objectType":"KalturaAPIException","args":{{"PID":"{pid}"}}}}"#
        )
    );
    let r = post_json(&url, json!({"format": 1, "secret": "x"})).await;
    let t = r.text().await.unwrap();
    assert!(
        t.contains("Error while starting session for partner [N\\/A]"),
        "{t}"
    );
    let r = post_json(
        &url,
        json!({"format": 1, "secret": sim.admin_secret(), "partnerId": pid, "type": 1}),
    )
    .await;
    assert!(r
        .text()
        .await
        .unwrap()
        .starts_with(r#"{"code":"INVALID_ENUM_VALUE""#));
    let r = post_json(
        &url,
        json!({"format": 1, "secret": sim.admin_secret(), "partnerId": pid, "type": 2}),
    )
    .await;
    let ks: String = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    let r = post_json(
        &csv_url(&sim),
        json!({"ks": ks, "format": 1, "id": 6000, "params": range_params()}),
    )
    .await;
    assert_eq!(header(&r, "content-type"), Some("text/csv"));
    // A v1 partner gets a v1 KS, which works too.
    let r = post_json(&url, json!({"format": 1, "secret": REFERENCE_ADMIN_SECRET, "partnerId": REFERENCE_PARTNER_ID, "type": 2})).await;
    let ks: String = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert!(!ks.starts_with("djJ8"));
    let r = post_json(
        &csv_url(&sim),
        json!({"ks": ks, "format": 1, "id": 6000, "params": range_params()}),
    )
    .await;
    assert_eq!(header(&r, "content-type"), Some("text/csv"));
    sim.shutdown().await;
}
