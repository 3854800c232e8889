//! "Send to my e-mail" against the real simulator over loopback (docs/kaltura-wire-format.md §10):
//! what reaches Kaltura (report, dates, filters, recipient, time zone offset) as the simulator
//! records it, the answer read back, mistakes refused before any request, the simulator's error
//! for a missing recipient, no KS or secret in what it kept, and a request never sent twice once
//! Kaltura may have acted on it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

#[allow(dead_code)]
mod sim_client;

use kaltura_sim::{EmailExport, Fault, FaultPlan, SimConfig, SimHandle};
use roomlens::cancel::CancelToken;
use roomlens::kaltura::ks::{sign_ks_v2, KS_TYPE_ADMIN};
use roomlens::kaltura::{
    send_report_by_email, DateRange, EmailExportAccepted, EmailExportRequest, ReportFilters,
};
use roomlens::reports::ReportKind;
use roomlens::secret::AdminSecret;
use roomlens::ErrorCode;
use serde_json::json;
use sim_client::{client_for, quick_options, start_sim};

const EXPORT_ACTION: &str = "report.exporttocsv";
/// 2026-03-01T00:00:00Z and a week later.
const FROM: i64 = 1_772_323_200;
const TO: i64 = FROM + 7 * 86_400;

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn request(kind: ReportKind, filters: ReportFilters) -> EmailExportRequest {
    EmailExportRequest {
        kind,
        range: DateRange {
            from_unix: FROM,
            to_unix: TO,
            zone: "Europe/Berlin (UTC+2)".into(),
        },
        filters,
        recipient_email: "ann.lee@example.com".into(),
        recipient_name: "Ann Lee".into(),
        title: "First week of March".into(),
        utc_offset_minutes: 120,
    }
}

fn only_export(sim: &SimHandle) -> EmailExport {
    let exports = sim.stats().email_exports;
    assert_eq!(exports.len(), 1, "{exports:?}");
    exports.into_iter().next().unwrap()
}

#[tokio::test]
async fn an_accepted_export_is_recorded_as_sent_and_its_answer_comes_back() {
    let sim = start_sim(SimConfig::default()).await;
    let client = client_for(&sim, quick_options());
    let filters = ReportFilters {
        room_ids: ids(&["1_room_a", "1_room_b"]),
        virtual_event_ids: ids(&["4242"]),
        user_ids: ids(&["ann@example.com", "bob"]),
        session_ids: ids(&["1_cue"]),
        main_room_ids: vec![],
    };
    let accepted = send_report_by_email(
        &client,
        &request(ReportKind::Attendees, filters),
        &CancelToken::new(),
    )
    .await
    .unwrap();

    let export = only_export(&sim);
    assert_eq!(
        accepted,
        EmailExportAccepted {
            reference_job_id: export.reference_job_id,
            email: "ann.lee@example.com".into()
        }
    );
    assert!(accepted.reference_job_id > 0);
    assert_eq!(export.partner_id, sim.partner_id());
    assert_eq!(export.recipient_email, "ann.lee@example.com");
    assert_eq!(export.recipient_name.as_deref(), Some("Ann Lee"));
    assert_eq!(export.time_zone_offset, -120, "UTC+2 in Kaltura's sign");
    assert_eq!(
        export.reports_items_group.as_deref(),
        Some("First week of March")
    );
    assert_eq!(export.use_friendly_headers, Some(false));
    assert_eq!(export.items.len(), 1);
    let item = &export.items[0];
    assert_eq!(item.report_title.as_deref(), Some("First week of March"));
    assert_eq!(item.action, 1, "a table");
    assert_eq!(item.report_type, "-6001", "Attendees as a custom report");
    assert_eq!(item.object_ids, None);
    for (field, value) in [
        ("objectType", "KalturaEndUserReportInputFilter"),
        ("fromDate", "1772323200"),
        ("toDate", "1772928000"),
        ("timeZoneOffset", "-120"),
        ("entryIdIn", "1_room_a,1_room_b"),
        ("virtualEventIdIn", "4242"),
        ("userIds", "ann@example.com,bob"),
        ("cuePointIdIn", "1_cue"),
    ] {
        assert_eq!(item.filter_field(field), Some(value), "{field}");
    }
    assert_eq!(item.filter_field("rootEntryIdIn"), None);
    assert!(item
        .response_options
        .contains(&("delimiter".into(), ",".into())));

    let stats = sim.stats();
    assert_eq!(stats.count_action(EXPORT_ACTION), 1);
    assert_eq!(stats.count_action("session.start"), 0);
    assert_eq!(stats.ks_in_url, 0);
    assert_eq!(stats.content_type_not_exactly_json, 0);
    sim.shutdown().await;
}

#[tokio::test]
async fn each_report_names_its_own_type_and_filters() {
    let sim = start_sim(SimConfig::default()).await;
    let client = client_for(&sim, quick_options());
    let breakouts = ReportFilters {
        main_room_ids: ids(&["1_main"]),
        ..Default::default()
    };
    let mut west = request(ReportKind::Breakouts, breakouts);
    west.utc_offset_minutes = -300;
    west.title = String::new();
    west.recipient_name = String::new();
    let first = send_report_by_email(&client, &west, &CancelToken::new())
        .await
        .unwrap();
    let second = send_report_by_email(
        &client,
        &request(ReportKind::RoomData, ReportFilters::default()),
        &CancelToken::new(),
    )
    .await
    .unwrap();
    assert!(second.reference_job_id > first.reference_job_id);

    let exports = sim.stats().email_exports;
    let breakout = &exports[0];
    assert_eq!(breakout.time_zone_offset, 300, "UTC−5 in Kaltura's sign");
    assert_eq!(breakout.recipient_name, None);
    assert_eq!(
        breakout.reports_items_group.as_deref(),
        Some("Breakout rooms")
    );
    assert_eq!(breakout.items[0].report_type, "-6002");
    assert_eq!(
        breakout.items[0].filter_field("rootEntryIdIn"),
        Some("1_main")
    );
    assert_eq!(
        breakout.items[0].filter_field("timeZoneOffset"),
        Some("300")
    );
    let room_data = &exports[1].items[0];
    assert_eq!(room_data.report_type, "-6000");
    assert_eq!(room_data.filter_field("entryIdIn"), None);
    assert_eq!(room_data.filter_field("fromDate"), Some("1772323200"));
    sim.shutdown().await;
}

#[tokio::test]
async fn a_bad_address_or_filter_is_refused_without_any_request() {
    let sim = start_sim(SimConfig::default()).await;
    let client = client_for(&sim, quick_options());
    for address in [
        "",
        "ann",
        "ann@",
        "ann@example",
        "ann@example.com bob@example.com",
    ] {
        let mut bad = request(ReportKind::RoomData, ReportFilters::default());
        bad.recipient_email = address.into();
        let error = send_report_by_email(&client, &bad, &CancelToken::new())
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput, "{address:?}");
        assert!(
            error.message.ends_with(
                "Type the e-mail address the report should go to, such as name@example.com."
            ),
            "{address:?}: {}",
            error.message
        );
    }
    let lacking = ReportFilters {
        user_ids: ids(&["bob"]),
        ..Default::default()
    };
    let error = send_report_by_email(
        &client,
        &request(ReportKind::RoomData, lacking),
        &CancelToken::new(),
    )
    .await
    .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(error
        .message
        .contains("The Room data report cannot be filtered by user ID"));
    let stats = sim.stats();
    assert_eq!(stats.requests, 0, "nothing reached the simulator");
    assert!(stats.email_exports.is_empty());
    sim.shutdown().await;
}

fn admin_ks(sim: &SimHandle) -> String {
    let secret = AdminSecret::new(sim.admin_secret()).unwrap();
    sign_ks_v2(
        sim.partner_id(),
        &secret,
        "",
        KS_TYPE_ADMIN,
        "disableentitlement",
        4_000_000_000,
        [7; 16],
    )
}

async fn post_export(sim: &SimHandle, params: serde_json::Value) -> serde_json::Value {
    let response = reqwest::Client::new()
        .post(format!(
            "{}/api_v3/service/report/action/exportToCsv",
            sim.url()
        ))
        .header("Content-Type", "application/json")
        .body(json!({"ks": admin_ks(sim), "format": 1, "params": params}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        200,
        "Kaltura answers API errors with HTTP 200"
    );
    serde_json::from_slice(&response.bytes().await.unwrap()).unwrap()
}

fn raw_params(recipient: Option<&str>, user_ids: &str) -> serde_json::Value {
    let mut params = json!({
        "objectType": "KalturaReportExportParams",
        "timeZoneOffset": -120,
        "reportItems": [{
            "objectType": "KalturaReportExportItem",
            "reportTitle": "Attendees",
            "action": 1,
            "reportType": "-6001",
            "filter": {"objectType": "KalturaEndUserReportInputFilter", "fromDate": FROM, "toDate": TO, "userIds": user_ids}
        }]
    });
    if let Some(address) = recipient {
        params["recipientEmail"] = json!(address);
    }
    params
}

#[tokio::test]
async fn the_simulator_refuses_an_export_without_a_recipient() {
    let sim = start_sim(SimConfig::default()).await;
    let answer = post_export(&sim, raw_params(None, "bob")).await;
    assert_eq!(
        answer,
        json!({
            "code": "PROPERTY_VALIDATION_CANNOT_BE_NULL",
            "message": "The property \"KalturaReportExportParams::recipientEmail\" cannot be null",
            "objectType": "KalturaAPIException",
            "args": {"PROP_NAME": "KalturaReportExportParams::recipientEmail"}
        })
    );
    let empty = post_export(&sim, raw_params(Some(""), "bob")).await;
    assert_eq!(empty["code"], "PROPERTY_VALIDATION_CANNOT_BE_NULL");
    let malformed = post_export(&sim, raw_params(Some("bob at example"), "bob")).await;
    assert_eq!(malformed["code"], "PROPERTY_VALIDATION_WRONG_FORMAT");
    assert!(sim.stats().email_exports.is_empty());
    sim.shutdown().await;
}

#[tokio::test]
async fn neither_the_admin_secret_nor_the_ks_is_recorded() {
    let sim = start_sim(SimConfig::default()).await;
    let client = client_for(&sim, quick_options());
    send_report_by_email(
        &client,
        &request(ReportKind::Attendees, ReportFilters::default()),
        &CancelToken::new(),
    )
    .await
    .unwrap();
    // A careless client that puts the KS and the secret into the request's text.
    let ks = admin_ks(&sim);
    let secret = sim.admin_secret();
    let careless = raw_params(Some("ann@example.com"), &format!("{ks},{secret}"));
    let answer = post_export(&sim, careless).await;
    assert_eq!(answer["objectType"], "KalturaReportExportResponse");

    let exports = sim.stats().email_exports;
    assert_eq!(exports.len(), 2);
    assert_eq!(
        exports[1].items[0].filter_field("userIds"),
        Some("[removed],[removed]")
    );
    let recorded = format!("{exports:?}");
    assert!(!recorded.contains(&secret), "the admin secret was recorded");
    assert!(!recorded.contains("djJ8"), "a KS was recorded");
    sim.shutdown().await;
}

#[tokio::test]
async fn an_export_is_not_sent_again_once_kaltura_may_have_acted_on_it() {
    let sim = start_sim(SimConfig::default()).await;
    let client = client_for(&sim, quick_options());
    let attendees = request(ReportKind::Attendees, ReportFilters::default());
    for fault in [
        Fault::HttpStatus(503),
        Fault::ResetMidBody,
        Fault::InternalError,
    ] {
        sim.reset_stats();
        sim.set_faults(FaultPlan::queued([fault.clone()]));
        let error = send_report_by_email(&client, &attendees, &CancelToken::new())
            .await
            .unwrap_err();
        assert!(error.code.is_transient(), "{fault:?}: {:?}", error.code);
        assert_eq!(
            sim.stats().count_action(EXPORT_ACTION),
            1,
            "{fault:?} must not be retried"
        );
    }
    sim.set_faults(FaultPlan::default());

    // Refused before the action ran: safe to send again.
    for fault in [Fault::ExpiredKs, Fault::ActionBlocked] {
        sim.reset_stats();
        sim.set_faults(FaultPlan::queued([fault.clone()]));
        send_report_by_email(&client, &attendees, &CancelToken::new())
            .await
            .unwrap();
        let stats = sim.stats();
        assert_eq!(stats.count_action(EXPORT_ACTION), 2, "{fault:?}");
        assert_eq!(stats.email_exports.len(), 1, "{fault:?}");
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn a_cancelled_export_sends_nothing() {
    let sim = start_sim(SimConfig::default()).await;
    let client = client_for(&sim, quick_options());
    let cancel = CancelToken::new();
    cancel.cancel();
    let error = send_report_by_email(
        &client,
        &request(ReportKind::RoomData, ReportFilters::default()),
        &cancel,
    )
    .await
    .unwrap_err();
    assert_eq!(error.code, ErrorCode::Cancelled);
    assert_eq!(sim.stats().requests, 0);
    sim.shutdown().await;
}
