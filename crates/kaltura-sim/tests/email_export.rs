//! `report.exportToCsv` over real HTTP (docs/kaltura-wire-format.md §10): the answer byte for byte,
//! the record tests read back (without the KS), the permission rule it shares with the report
//! downloads, the error for a missing recipient, and an export inside a multirequest.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

mod support;

use kaltura_sim::SimConfig;
use serde_json::{json, Value};
use support::*;

fn export_url(sim: &kaltura_sim::SimHandle) -> String {
    format!("{}/api_v3/service/report/action/exportToCsv", sim.url())
}

fn export_params(recipient: Option<&str>) -> Value {
    let mut params = json!({
        "objectType": "KalturaReportExportParams",
        "recipientName": "Ann Example",
        "timeZoneOffset": -60,
        "reportItems": [{
            "objectType": "KalturaReportExportItem",
            "reportTitle": "Room data",
            "action": 1,
            "reportType": "-6000",
            "filter": {"objectType": "KalturaReportInputFilter", "fromDate": END - DAY, "toDate": END, "entryIdIn": "1_room"}
        }]
    });
    if let Some(address) = recipient {
        params["recipientEmail"] = json!(address);
    }
    params
}

#[tokio::test]
async fn an_accepted_export_is_answered_and_recorded_without_the_ks() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let ks = primary_ks(&sim);
    for expected_job in [70_000_001, 70_000_002] {
        let r = post_json(
            &export_url(&sim),
            json!({"ks": ks, "format": 1, "params": export_params(Some("ann@example.com"))}),
        )
        .await;
        assert_eq!(header(&r, "content-type"), Some("application/json"));
        assert_eq!(
            r.text().await.unwrap(),
            format!(
                r#"{{"referenceJobId":{expected_job},"reportEmail":"ann@example.com","objectType":"KalturaReportExportResponse"}}"#
            )
        );
    }
    let stats = sim.stats();
    assert_eq!(stats.count_action("report.exporttocsv"), 2);
    assert_eq!(stats.email_exports.len(), 2);
    let export = &stats.email_exports[1];
    assert_eq!(export.partner_id, sim.partner_id());
    assert_eq!(export.reference_job_id, 70_000_002);
    assert_eq!(export.recipient_email, "ann@example.com");
    assert_eq!(export.recipient_name.as_deref(), Some("Ann Example"));
    assert_eq!(export.time_zone_offset, -60);
    let item = &export.items[0];
    assert_eq!(item.report_type, "-6000");
    assert_eq!(item.filter_field("entryIdIn"), Some("1_room"));
    assert_eq!(item.filter_field("toDate"), Some(END.to_string().as_str()));
    let recorded = format!("{:?}", stats.email_exports);
    assert!(!recorded.contains(&ks));
    assert!(!recorded.contains(&sim.admin_secret()));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_missing_recipient_is_refused_and_nothing_is_recorded() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let r = post_json(
        &export_url(&sim),
        json!({"ks": primary_ks(&sim), "format": 1, "params": export_params(None)}),
    )
    .await;
    assert_eq!(r.status(), 200, "API errors are HTTP 200");
    assert_eq!(
        r.text().await.unwrap(),
        r#"{"code":"PROPERTY_VALIDATION_CANNOT_BE_NULL","message":"The property \"KalturaReportExportParams::recipientEmail\" cannot be null","objectType":"KalturaAPIException","args":{"PROP_NAME":"KalturaReportExportParams::recipientEmail"}}"#
    );
    assert!(sim.stats().email_exports.is_empty());
    sim.shutdown().await;
}

#[tokio::test]
async fn exports_need_the_same_permission_as_report_downloads() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let (pid, secret) = (sim.partner_id(), sim.admin_secret());
    let user_ks = ks_with(pid, &secret, 0, "", now() + 3600);
    let viewer_ks = ks_with(pid, &secret, 0, "setrole:REPORT_VIEWER_ROLE", now() + 3600);
    let params = export_params(Some("ann@example.com"));
    let forbidden = post_json(
        &export_url(&sim),
        json!({"ks": user_ks, "format": 1, "params": params}),
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(
        forbidden.starts_with(r#"{"code":"SERVICE_FORBIDDEN","message":"The access to service [report->exportToCsv] is forbidden""#),
        "{forbidden}"
    );
    let no_ks = post_json(&export_url(&sim), json!({"format": 1, "params": params}))
        .await
        .text()
        .await
        .unwrap();
    assert!(no_ks.starts_with(r#"{"code":"MISSING_KS""#), "{no_ks}");
    assert!(sim.stats().email_exports.is_empty());
    let viewer = post_json(
        &export_url(&sim),
        json!({"ks": viewer_ks, "format": 1, "params": params}),
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(viewer.contains(r#""objectType":"KalturaReportExportResponse""#));
    assert_eq!(sim.stats().email_exports.len(), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn an_export_inside_a_multirequest_is_recorded_too() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let mut export = json!({"service": "report", "action": "exportToCsv"});
    export["params"] = export_params(Some("bob@example.org"));
    let mut refused = json!({"service": "report", "action": "exportToCsv"});
    refused["params"] = export_params(Some("not an address"));
    let body = post_json(
        &format!("{}/api_v3/service/multirequest", sim.url()),
        json!({"ks": primary_ks(&sim), "format": 1, "0": export, "1": refused}),
    )
    .await
    .text()
    .await
    .unwrap();
    let slots: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(slots[0]["reportEmail"], "bob@example.org");
    assert_eq!(slots[1]["code"], "PROPERTY_VALIDATION_WRONG_FORMAT");
    let stats = sim.stats();
    assert_eq!(stats.email_exports.len(), 1);
    assert_eq!(
        stats.email_exports[0].reference_job_id,
        slots[0]["referenceJobId"].as_i64().unwrap()
    );
    sim.shutdown().await;
}
