//! Kaltura's multirequest (docs/kaltura-wire-format.md §8.1): several API calls in one POST to
//! `service/multirequest`, answered by a JSON array in the same order, where a call that failed
//! holds Kaltura's error object in its slot while the others hold their results. The whole
//! request is retried like any call, and re-sent once with a fresh KS when a slot says the KS
//! expired. It does not know what the calls mean; `dashboard` and `room_lookup` do.

use super::client::{AttemptError, KalturaClient, CLIENT_TAG};
use super::errors::{find_api_error, to_error};
use crate::cancel::CancelToken;
use crate::error::{Error, ErrorCode};
use serde_json::{Map, Value};

/// One call of a multirequest: a service, an action and the call's own parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiCall {
    pub service: &'static str,
    pub action: &'static str,
    pub params: Map<String, Value>,
}

impl ApiCall {
    /// `params` must be a JSON object; anything else gives a call without parameters.
    pub fn new(service: &'static str, action: &'static str, params: Value) -> Self {
        let params = match params {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        ApiCall {
            service,
            action,
            params,
        }
    }
}

/// What one call of a multirequest gave: its result, or Kaltura's error as a Roomlens error.
pub type CallResult = Result<Value, Error>;

/// The most calls one multirequest carries: Kaltura runs them one after another, so a very long
/// one risks the server's time limit; callers split longer lists.
pub const MAX_CALLS: usize = 50;

impl KalturaClient {
    /// Sends `calls` in one multirequest and returns one result per call, in order. Fails as a
    /// whole only when the request itself fails (network, credentials, a reply that is not an
    /// array of as many slots).
    pub async fn multirequest(
        &self,
        calls: &[ApiCall],
        cancel: &CancelToken,
    ) -> Result<Vec<CallResult>, Error> {
        if calls.is_empty() {
            return Ok(Vec::new());
        }
        let url = self.service_url().service_endpoint("multirequest");
        let (results, _) = self
            .with_retries(cancel, |ks| {
                let url = url.clone();
                async move {
                    let body = request_body(calls, &ks);
                    let reply = self.post(&url, &body).await?;
                    // The whole reply may be one error (a bad KS for every call, say).
                    if let Some(api) = find_api_error(
                        &reply.body,
                        reply.x_kaltura.as_deref(),
                        reply.x_kaltura_app.as_deref(),
                    ) {
                        return Err(AttemptError {
                            error: to_error(&api, &self.error_context(None, &ks)),
                            expired_ks: api.is_expired_ks(),
                        });
                    }
                    let slots = slots_of(&reply.body, calls.len())?;
                    if let Some(expired) = slots
                        .iter()
                        .filter_map(slot_error)
                        .find(|e| e.is_expired_ks())
                    {
                        return Err(AttemptError {
                            error: to_error(&expired, &self.error_context(None, &ks)),
                            expired_ks: true,
                        });
                    }
                    Ok(slots
                        .into_iter()
                        .map(|slot| match slot_error(&slot) {
                            Some(api) => Err(to_error(&api, &self.error_context(None, &ks))),
                            None => Ok(slot),
                        })
                        .collect::<Vec<_>>())
                }
            })
            .await?;
        Ok(results)
    }
}

/// The JSON body: `{"ks":…,"format":1,"clientTag":…,"0":{"service":…,"action":…,…},…}`.
fn request_body(calls: &[ApiCall], ks: &str) -> Value {
    let mut body = Map::new();
    body.insert("ks".into(), Value::from(ks));
    body.insert("format".into(), Value::from(1));
    body.insert("clientTag".into(), Value::from(CLIENT_TAG));
    for (index, call) in calls.iter().enumerate() {
        let mut sub = call.params.clone();
        sub.insert("service".into(), Value::from(call.service));
        sub.insert("action".into(), Value::from(call.action));
        body.insert(index.to_string(), Value::Object(sub));
    }
    Value::Object(body)
}

/// The reply's array of `expected` slots.
fn slots_of(body: &[u8], expected: usize) -> Result<Vec<Value>, AttemptError> {
    let bad = |detail: String| {
        AttemptError {
        error: Error::new(
            ErrorCode::BadResponse,
            "Kaltura sent a reply Roomlens could not read. Try again; if it keeps happening, contact Kaltura support.",
        )
        .with_detail(detail),
        expired_ks: false,
    }
    };
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| bad(format!("multirequest reply is not JSON: {e}")))?;
    match value {
        Value::Array(slots) if slots.len() == expected => Ok(slots),
        Value::Array(slots) => Err(bad(format!(
            "multirequest of {expected} calls answered with {} results",
            slots.len()
        ))),
        _ => Err(bad("multirequest reply is not an array".into())),
    }
}

/// Kaltura's error object in a slot, if the slot holds one.
fn slot_error(slot: &Value) -> Option<super::errors::ApiError> {
    let object = slot.as_object()?;
    let is_exception =
        object.get("objectType").and_then(Value::as_str) == Some("KalturaAPIException");
    let looks_like_error = object.contains_key("code") && object.contains_key("message");
    if !(is_exception || looks_like_error) {
        return None;
    }
    let bytes = serde_json::to_vec(slot).ok()?;
    find_api_error(&bytes, None, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn calls_are_numbered_from_zero_with_the_ks_once() {
        let calls = [
            ApiCall::new("baseentry", "get", json!({"entryId": "1_a"})),
            ApiCall::new("report", "getTotal", json!({"reportType": "60002"})),
        ];
        let body = request_body(&calls, "KS");
        assert_eq!(body["ks"], "KS");
        assert_eq!(body["format"], 1);
        assert_eq!(
            body["0"],
            json!({"service": "baseentry", "action": "get", "entryId": "1_a"})
        );
        assert_eq!(body["1"]["reportType"], "60002");
        assert!(body.get("2").is_none());
    }

    #[test]
    fn a_failed_slot_is_told_apart_from_results() {
        let slots = slots_of(
            br#"[{"header":"a","data":"1","objectType":"KalturaReportTotal"},
                {"code":"ENTRY_ID_NOT_FOUND","message":"Entry id \"x\" not found","objectType":"KalturaAPIException","args":{"ENTRY_ID":"x"}}]"#,
            2,
        )
        .ok()
        .unwrap();
        assert!(slot_error(&slots[0]).is_none());
        let error = slot_error(&slots[1]).unwrap();
        assert_eq!(error.code, "ENTRY_ID_NOT_FOUND");
        assert!(slots_of(b"[1]", 2).is_err());
        assert!(slots_of(b"{}", 1).is_err());
        assert!(slots_of(b"not json", 1).is_err());
    }
}
