//! The error shapes exactly as the simulator sends them over HTTP (JSON, XML, die-error headers),
//! for the codes Roomlens's own requests cannot provoke: each request is built by hand here, the
//! reply is parsed by `find_api_error` and mapped by `to_error`.

use super::{find_api_error, to_error, ErrorContext};
use crate::error::ErrorCode;
use crate::kaltura::ks::{sign_ks_v2, KS_TYPE_ADMIN};
use crate::secret::AdminSecret;
use kaltura_sim::SimConfig;
use serde_json::{json, Value};

struct Reply {
    body: Vec<u8>,
    x_kaltura: Option<String>,
    x_kaltura_app: Option<String>,
}

async fn post(url: &str, body: &Value) -> Reply {
    let response = reqwest::Client::new()
        .post(url)
        .header("Content-Type", "application/json")
        .body(serde_json::to_vec(body).unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        200,
        "Kaltura sends API errors with HTTP 200"
    );
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let (x_kaltura, x_kaltura_app) = (header("x-kaltura"), header("x-kaltura-app"));
    Reply {
        body: response.bytes().await.unwrap().to_vec(),
        x_kaltura,
        x_kaltura_app,
    }
}

#[tokio::test]
async fn errors_sent_by_the_simulator_map_to_their_codes() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let pid = sim.partner_id();
    let secret = AdminSecret::new(sim.admin_secret()).unwrap();
    let admin_ks = sign_ks_v2(
        pid,
        &secret,
        "",
        KS_TYPE_ADMIN,
        "disableentitlement",
        4_000_000_000,
        [1; 16],
    );
    let user_ks = sign_ks_v2(pid, &secret, "someone", 0, "", 4_000_000_000, [2; 16]);
    let csv_url = format!(
        "{}/api_v3/service/report/action/getCsvFromStringParams",
        sim.url()
    );
    let params = "from_date=1700000000;to_date=1700086400";

    let cases: Vec<(&str, String, Value, ErrorCode, &str)> = vec![
        (
            "die error",
            csv_url.clone(),
            json!({"ks": admin_ks, "format": 1, "id": 9999, "params": params}),
            ErrorCode::ReportNotAvailable,
            "REPORT_NOT_FOUND",
        ),
        (
            "json",
            csv_url.clone(),
            json!({"format": 1, "id": 6000, "params": params}),
            ErrorCode::MissingSession,
            "MISSING_KS",
        ),
        (
            "die error",
            csv_url.clone(),
            json!({"ks": admin_ks, "format": 7, "id": 6000, "params": params}),
            ErrorCode::UnsupportedServer,
            "UNKNOWN_RESPONSE_FORMAT",
        ),
        (
            "json",
            csv_url.clone(),
            json!({"ks": user_ks, "format": 1, "id": 6000, "params": params}),
            ErrorCode::PermissionDenied,
            "SERVICE_FORBIDDEN",
        ),
        (
            "json",
            csv_url.clone(),
            json!({"ks": admin_ks, "format": 1, "params": params}),
            ErrorCode::InvalidRequest,
            "MISSING_MANDATORY_PARAMETER",
        ),
        (
            "json",
            csv_url.clone(),
            json!({"ks": admin_ks, "format": 1, "id": 6000, "params": ""}),
            ErrorCode::KalturaInternalError,
            "INTERNAL_SERVERL_ERROR",
        ),
        (
            "xml",
            csv_url.clone(),
            json!({"ks": admin_ks, "id": 6000, "params": ""}),
            ErrorCode::KalturaInternalError,
            "INTERNAL_SERVERL_ERROR",
        ),
        (
            "xml",
            csv_url.clone(),
            json!({"ks": "djJ8bm90IGEga3M=", "id": 6000, "params": params}),
            ErrorCode::CredentialsRejected,
            "INVALID_KS",
        ),
        (
            "json",
            format!("{}/api_v3/service/report/action/noSuchAction", sim.url()),
            json!({"ks": admin_ks, "format": 1}),
            ErrorCode::UnsupportedServer,
            "ACTION_DOES_NOT_EXISTS",
        ),
        (
            "json",
            format!("{}/api_v3/service/nosuchservice/action/list", sim.url()),
            json!({"ks": admin_ks, "format": 1}),
            ErrorCode::UnsupportedServer,
            "SERVICE_DOES_NOT_EXISTS",
        ),
        (
            "json",
            format!("{}/api_v3/service/session/action/start", sim.url()),
            json!({"secret": "wrong", "partnerId": pid, "type": 2, "format": 1}),
            ErrorCode::CredentialsRejected,
            "START_SESSION_ERROR",
        ),
        (
            "json",
            format!("{}/api_v3/service/session/action/start", sim.url()),
            json!({"secret": "wrong", "partnerId": pid, "type": 1, "format": 1}),
            ErrorCode::InvalidRequest,
            "INVALID_ENUM_VALUE",
        ),
    ];
    for (shape, url, body, code, kaltura_code) in cases {
        let reply = post(&url, &body).await;
        match shape {
            "die error" => assert!(
                reply.body.is_empty() && reply.x_kaltura.is_some(),
                "{kaltura_code}: a die error"
            ),
            "xml" => assert!(
                reply.body.starts_with(b"<?xml"),
                "{kaltura_code}: XML by default"
            ),
            _ => assert!(reply.body.starts_with(b"{"), "{kaltura_code}: JSON"),
        }
        let api = find_api_error(
            &reply.body,
            reply.x_kaltura.as_deref(),
            reply.x_kaltura_app.as_deref(),
        )
        .unwrap_or_else(|| panic!("{kaltura_code}: not recognised as an error"));
        assert_eq!(api.code, kaltura_code);
        let context = ErrorContext {
            partner_id: pid,
            service_url: &sim.url(),
            report: None,
            ks: &admin_ks,
        };
        let error = to_error(&api, &context);
        assert_eq!(error.code, code, "{kaltura_code}");
        let detail = error.detail.unwrap();
        assert!(
            detail.starts_with(&format!("Kaltura error {kaltura_code}")),
            "{detail}"
        );
        assert!(!detail.contains("djJ8"), "no KS in {detail}");
    }
    sim.shutdown().await;
}
