//! Shared pieces of the simulator's HTTP tests: a client, KS signing for a partner, and posting
//! parameters as JSON, form or query. Test-only.
#![allow(dead_code)]

use kaltura_sim::ks::{sign_v2, KsSpec};
use kaltura_sim::SimHandle;

pub const DAY: i64 = 86_400;
/// Fixed data end used by tests that need byte-for-byte determinism: 2026-01-01T00:00:00Z.
pub const END: i64 = 1_767_225_600;

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().build().unwrap()
}

/// An admin KS (type 2) for `partner_id` signed with `secret`, valid for an hour.
pub fn admin_ks(partner_id: i64, secret: &str) -> String {
    ks_with(partner_id, secret, 2, "disableentitlement", now() + 3600)
}

pub fn ks_with(
    partner_id: i64,
    secret: &str,
    ks_type: i64,
    privileges: &str,
    valid_until: i64,
) -> String {
    let spec = KsSpec {
        partner_id,
        secret,
        ks_type,
        user_id: "tester",
        privileges,
        valid_until,
    };
    sign_v2(&spec, [3u8; 16])
}

pub fn primary_ks(sim: &SimHandle) -> String {
    admin_ks(sim.partner_id(), &sim.admin_secret())
}

pub fn csv_url(sim: &SimHandle) -> String {
    format!(
        "{}/api_v3/service/report/action/getCsvFromStringParams",
        sim.url()
    )
}

/// POSTs a JSON object with `Content-Type: application/json` exactly.
pub async fn post_json(url: &str, body: serde_json::Value) -> reqwest::Response {
    client()
        .post(url)
        .header("Content-Type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap()
}

/// The expected CSV bytes for these rows.
pub fn csv_bytes(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend_from_slice(header.join(",").as_bytes());
    out.push(b'\n');
    for r in rows {
        out.extend_from_slice(r.join(",").as_bytes());
        out.push(b'\n');
    }
    out
}

pub fn header<'a>(r: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    r.headers().get(name).map(|v| v.to_str().unwrap())
}
