//! Parameter transport over real HTTP: the JSON Content-Type trap, form bodies, query and path
//! pairs with their precedence, colon keys, case-insensitive routing, keep-alive, refused chunked
//! uploads, CORS, and the statistics tests rely on.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test and benchmark code: a step that fails should stop it loudly"
)]

mod support;

use kaltura_sim::SimConfig;
use serde_json::json;
use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn range() -> String {
    format!("from_date={};to_date={}", now() - 7 * DAY, now())
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                k,
                v.replace('%', "%25")
                    .replace('&', "%26")
                    .replace('=', "%3D")
                    .replace(';', "%3B")
                    .replace('+', "%2B")
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

async fn first_line(r: reqwest::Response) -> String {
    let text = r.text().await.unwrap();
    text.trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[tokio::test]
async fn json_with_a_charset_loses_every_parameter() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let body =
        json!({"ks": primary_ks(&sim), "format": 1, "id": 6000, "params": range()}).to_string();
    let r = client()
        .post(csv_url(&sim))
        .header("Content-Type", "application/json; charset=utf-8")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    // format was lost too, so the error comes in XML.
    assert_eq!(header(&r, "content-type"), Some("text/xml"));
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("<code>MISSING_MANDATORY_PARAMETER</code>"));
    let r = client()
        .post(csv_url(&sim))
        .header("Content-Type", "Application/JSON")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(
        header(&r, "content-type"),
        Some("text/csv"),
        "the comparison is case-insensitive"
    );
    let stats = sim.stats();
    assert_eq!(stats.requests, 2);
    assert_eq!(stats.content_type_not_exactly_json, 2);
    assert_eq!(stats.count_action("report.getcsvfromstringparams"), 2);
    sim.shutdown().await;
}

#[tokio::test]
async fn form_bodies_and_colon_keys_work() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let ks = primary_ks(&sim);
    let r = client()
        .post(csv_url(&sim))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("ks", &ks),
            ("format", "1"),
            ("id", "6001"),
            ("params", &range()),
            ("clientTag", "roomlens:test"),
        ]))
        .send()
        .await
        .unwrap();
    assert!(first_line(r)
        .await
        .starts_with("entry_id,cue_point_id,user_id"));
    assert_eq!(
        sim.stats().last_client_tag.as_deref(),
        Some("roomlens:test")
    );
    // report.getCsv with a KalturaKeyValueArray written as colon keys.
    let (from, to) = (now() - 7 * DAY, now().to_string());
    let from = from.to_string();
    let r = client()
        .post(format!("{}/api_v3/service/report/action/getCsv", sim.url()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("ks", &ks),
            ("format", "1"),
            ("id", "6002"),
            ("params:0:objectType", "KalturaKeyValue"),
            ("params:0:key", "fromDate"),
            ("params:0:value", &from),
            ("params:1:key", "toDate"),
            ("params:1:value", &to),
        ]))
        .send()
        .await
        .unwrap();
    assert!(header(&r, "content-disposition")
        .unwrap()
        .contains("Report_6002_"));
    assert!(first_line(r)
        .await
        .starts_with("parent_entry_id,parent_entry_name,breakout_entry_id"));
    // The same as a JSON array.
    let r = post_json(
        &format!("{}/api_v3/service/report/action/getCsv", sim.url()),
        json!({"ks": ks, "format": 1, "id": 6002, "params": [{"key": "fromDate", "value": from}, {"key": "toDate", "value": to}]}),
    )
    .await;
    assert!(first_line(r).await.starts_with("parent_entry_id,"));
    sim.shutdown().await;
}

#[tokio::test]
async fn path_beats_query_beats_body_and_ks_in_the_url_is_counted() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let ks = primary_ks(&sim);
    let body = json!({"ks": ks, "format": 1, "id": 7, "params": range()});
    // Query over body.
    let r = post_json(&format!("{}?id=6001", csv_url(&sim)), body.clone()).await;
    assert!(first_line(r).await.starts_with("entry_id,cue_point_id,"));
    // Path over query.
    let r = post_json(&format!("{}/id/6000?id=6001", csv_url(&sim)), body.clone()).await;
    assert!(first_line(r).await.starts_with("entry_id,entry_name,"));
    assert_eq!(sim.stats().ks_in_url, 0);
    // service/action as query parameters, any case; the KS in the query is noticed.
    let r = client()
        .get(format!(
            "{}/api_v3/?service=REPORT&action=GetCsvFromStringParams&format=1&id=6000&params={}&ks={}",
            sim.url(),
            range().replace(';', "%3B"),
            ks
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(header(&r, "content-type"), Some("text/csv"));
    let r = client()
        .get(format!(
            "{}/ks/{}/format/1/id/6000/params/{}",
            csv_url(&sim),
            ks,
            range().replace(';', "%3B")
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(header(&r, "content-type"), Some("text/csv"));
    assert_eq!(sim.stats().ks_in_url, 2);
    sim.shutdown().await;
}

#[tokio::test]
async fn file_name_follows_the_params() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let r = post_json(
        &csv_url(&sim),
        json!({"ks": primary_ks(&sim), "format": 1, "id": 6000, "params": "from_date=1700000000;to_date=1700086400;entry_ids=1_abcdefgh;partner_id=5"}),
    )
    .await;
    assert_eq!(
        header(&r, "content-disposition"),
        Some(
            format!(
                "attachment; filename=\"Report_6000_{p}_from_date_1700000000_to_date_1700086400_entry_ids_1_abcdefgh_partner_id_{p}.csv\"",
                p = sim.partner_id()
            )
            .as_str()
        )
    );
    assert_eq!(
        header(&r, "cache-control"),
        Some("public, max-age=8640000, max-stale=0")
    );
    assert_eq!(header(&r, "access-control-allow-origin"), Some("*"));
    let call = sim.stats().report_calls.pop().unwrap();
    assert_eq!(
        call.params.last().unwrap(),
        &("partner_id".to_string(), Some(sim.partner_id().to_string()))
    );
    assert_eq!((call.from, call.to), (1_700_000_000, 1_700_086_400));
    sim.shutdown().await;
}

async fn raw_exchange(sim: &kaltura_sim::SimHandle, request: &[u8]) -> String {
    let mut stream = tokio::net::TcpStream::connect(sim.addr()).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).await.unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn chunked_uploads_are_refused() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let reply = raw_exchange(
        &sim,
        b"POST /api_v3/service/report/action/getCsv HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
    )
    .await;
    assert!(
        reply.starts_with("HTTP/1.1 411 Length Required\r\n"),
        "{reply}"
    );
    let reply = raw_exchange(&sim, b"NONSENSE\r\n\r\n").await;
    assert!(reply.starts_with("HTTP/1.1 400 "), "{reply}");
    sim.shutdown().await;
}

#[tokio::test]
async fn keep_alive_serves_several_requests_on_one_connection() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let body = json!({"format": 1, "id": 6000}).to_string();
    let one = format!(
        "POST /api_v3/service/report/action/getCsv HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
        body.len(),
        body
    );
    let last = one.replace("Host: x\r\n", "Host: x\r\nConnection: close\r\n");
    let reply = raw_exchange(&sim, format!("{one}{one}{last}").as_bytes()).await;
    assert_eq!(reply.matches("HTTP/1.1 200 OK").count(), 3, "{reply}");
    assert_eq!(reply.matches("MISSING_KS").count(), 3);
    let reply = raw_exchange(
        &sim,
        b"OPTIONS /api_v3/service/report/action/getCsv HTTP/1.1\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(reply.contains("Access-Control-Allow-Origin: *"));
    sim.shutdown().await;
}

#[tokio::test]
async fn shutdown_closes_the_port() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let addr = sim.addr();
    assert!(tokio::net::TcpStream::connect(addr).await.is_ok());
    sim.shutdown().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn content_type_parameter_overrides_the_response_header_and_head_has_no_body() {
    let sim = kaltura_sim::start(SimConfig::default()).await.unwrap();
    let r = post_json(
        &csv_url(&sim),
        json!({"format": 1, "id": 6000, "content-type": "text/plain"}),
    )
    .await;
    assert_eq!(header(&r, "content-type"), Some("text/plain"));
    assert!(r.text().await.unwrap().contains("MISSING_KS"));
    let reply = raw_exchange(
        &sim,
        b"HEAD /api_v3/service/report/action/getCsv?format=1&id=6000 HTTP/1.1\r\nHost: x\r\n\r\nGET /api_v3/service/report/action/getCsv?format=1&id=6000 HTTP/1.1\r\nConnection: close\r\n\r\n",
    )
    .await;
    let json_body = r#"{"code":"MISSING_KS","message":"Missing KS, session not established","objectType":"KalturaAPIException","args":[]}"#;
    assert_eq!(reply.matches("HTTP/1.1 200 OK").count(), 2, "{reply}");
    assert_eq!(
        reply.matches(json_body).count(),
        1,
        "only the GET has a body"
    );
    assert!(reply.ends_with(json_body));
    sim.shutdown().await;
}
