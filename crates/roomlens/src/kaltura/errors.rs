//! Kaltura's API errors: finding them in a reply (JSON `KalturaAPIException`, an XML `<error>`, or
//! the empty-body "die error" headers of file actions, docs/kaltura-wire-format.md §4.1) and
//! turning each code of §4.4 into a stable `ErrorCode` with a sentence an admin can act on.
//! Kaltura's own code and text go only into `detail`, with any KS removed. It does not decide about
//! retries or transport failures; `client` and `transport` do.

use crate::error::{Error, ErrorCode};
use crate::reports::ReportKind;

/// An API error as Kaltura sent it, before mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub code: String,
    pub message: String,
    pub args: Vec<(String, String)>,
}

/// `INVALID_KS` KSID values that name a reason instead of echoing the KS
/// (docs/kaltura-wire-format.md §4.3).
const KS_REASONS: &[&str] = &[
    "EXPIRED",
    "LOGOUT",
    "EXCEEDED_RESTRICTED_IP",
    "EXCEEDED_ACTIONS_LIMIT",
    "EXCEEDED_RESTRICTED_URI",
];

const CREDENTIALS_REJECTED: &str = "Kaltura did not accept this partner ID and admin secret. Check both in KMC → Settings → Integration Settings.";

impl ApiError {
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// `INVALID_KS` with KSID `EXPIRED`: the one case a fresh KS and a retry can fix.
    pub fn is_expired_ks(&self) -> bool {
        self.code == "INVALID_KS" && self.arg("KSID") == Some("EXPIRED")
    }
}

/// What the mapping needs to write a useful sentence, and the KS to keep out of the detail.
pub(crate) struct ErrorContext<'a> {
    pub partner_id: i64,
    pub service_url: &'a str,
    pub report: Option<ReportKind>,
    pub ks: &'a str,
}

/// Finds an API error in a reply: a JSON or XML error body, or, when the body is empty, the
/// `X-Kaltura` / `X-Kaltura-App` headers of a die error. `None` when the reply is not an error.
pub(crate) fn find_api_error(
    body: &[u8],
    x_kaltura: Option<&str>,
    x_kaltura_app: Option<&str>,
) -> Option<ApiError> {
    let text = trim_ascii(body);
    if text.first() == Some(&b'{') {
        if let Some(found) = parse_json_error(text) {
            return Some(found);
        }
    }
    if text.first() == Some(&b'<') {
        if let Some(found) = parse_xml_error(text) {
            return Some(found);
        }
    }
    if text.is_empty() {
        return parse_die_error(x_kaltura, x_kaltura_app);
    }
    None
}

fn trim_ascii(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    bytes.get(start..end).unwrap_or_default()
}

/// `{"code":"…","message":"…","objectType":"KalturaAPIException","args":{…} or []}`.
fn parse_json_error(body: &[u8]) -> Option<ApiError> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let object = value.as_object()?;
    let code = object.get("code")?.as_str()?.to_owned();
    let is_exception =
        object.get("objectType").and_then(|v| v.as_str()) == Some("KalturaAPIException");
    if !is_exception && !object.contains_key("message") {
        return None;
    }
    let message = object.get("message").map(json_text).unwrap_or_default();
    let mut args = Vec::new();
    match object.get("args") {
        Some(serde_json::Value::Object(map)) => {
            for (name, value) in map {
                args.push((name.clone(), json_text(value)));
            }
        }
        Some(serde_json::Value::Array(items)) => {
            for item in items {
                let name = item.get("name").map(json_text);
                let value = item.get("value").map(json_text);
                if let (Some(name), Some(value)) = (name, value) {
                    args.push((name, value));
                }
            }
        }
        _ => {}
    }
    Some(ApiError {
        code,
        message,
        args,
    })
}

fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `<xml><result><error><code/><message/><objectType/><args><item><name/><value/></item>…</args></error></result>…</xml>`.
fn parse_xml_error(body: &[u8]) -> Option<ApiError> {
    let text = String::from_utf8_lossy(body);
    let error = xml_element(&text, "error")?;
    let code = xml_unescape(xml_element(error, "code")?.trim());
    if code.is_empty() {
        return None;
    }
    let message = xml_element(error, "message")
        .map(xml_unescape)
        .unwrap_or_default();
    let mut args = Vec::new();
    if let Some(arg_list) = xml_element(error, "args") {
        let mut rest = arg_list;
        while let Some(item) = xml_element(rest, "item") {
            if let (Some(name), Some(value)) =
                (xml_element(item, "name"), xml_element(item, "value"))
            {
                args.push((xml_unescape(name), xml_unescape(value)));
            }
            let consumed = rest
                .find("</item>")
                .map_or(rest.len(), |i| i + "</item>".len());
            rest = rest.get(consumed..).unwrap_or_default();
        }
    }
    Some(ApiError {
        code,
        message,
        args,
    })
}

/// The text between the first `<tag>` (or `<tag …>`) and the next `</tag>`; `<tag/>` gives "".
fn xml_element<'t>(text: &'t str, tag: &str) -> Option<&'t str> {
    let open = format!("<{tag}");
    let mut search_from = 0;
    loop {
        let start = search_from + text.get(search_from..)?.find(&open)?;
        let after_name = start + open.len();
        let rest = text.get(after_name..)?;
        match rest.chars().next()? {
            '>' => {
                let body_start = after_name + 1;
                let close = format!("</{tag}>");
                let end = body_start + text.get(body_start..)?.find(&close)?;
                return text.get(body_start..end);
            }
            '/' if rest.starts_with("/>") => return Some(""),
            c if c.is_whitespace() => {
                let gt = after_name + rest.find('>')?;
                if text.get(..gt)?.ends_with('/') {
                    return Some("");
                }
                let body_start = gt + 1;
                let close = format!("</{tag}>");
                let end = body_start + text.get(body_start..)?.find(&close)?;
                return text.get(body_start..end);
            }
            _ => search_from = after_name,
        }
    }
}

fn xml_unescape(text: &str) -> String {
    let text = text.trim();
    let text = text
        .strip_prefix("<![CDATA[")
        .and_then(|t| t.strip_suffix("]]>"))
        .unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let tail = rest.get(amp..).unwrap_or_default();
        let entity_end = tail.find(';').filter(|&i| i <= 10);
        let replaced = entity_end.and_then(|end| {
            let name = tail.get(1..end)?;
            let ch = match name {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number
                        .strip_prefix('x')
                        .or_else(|| number.strip_prefix('X'))
                    {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((ch, end + 1))
        });
        match replaced {
            Some((ch, used)) => {
                out.push(ch);
                rest = tail.get(used..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// File actions fail with an empty body and `X-Kaltura: error- <CODE>` plus
/// `X-Kaltura-App: exiting on error <CODE> - <message>` (note the space after `error-`).
fn parse_die_error(x_kaltura: Option<&str>, x_kaltura_app: Option<&str>) -> Option<ApiError> {
    let code = x_kaltura?.trim().strip_prefix("error-")?.trim().to_owned();
    if code.is_empty() {
        return None;
    }
    let message = x_kaltura_app
        .and_then(|app| app.trim().strip_prefix("exiting on error"))
        .map(|rest| {
            let rest = rest.trim_start();
            let rest = rest
                .strip_prefix(code.as_str())
                .unwrap_or(rest)
                .trim_start();
            rest.strip_prefix('-').unwrap_or(rest).trim().to_owned()
        })
        .unwrap_or_default();
    Some(ApiError {
        code,
        message,
        args: Vec::new(),
    })
}

/// Maps a Kaltura error to Roomlens's error: a stable code, a plain sentence, and Kaltura's own
/// code and message (with any KS removed) as detail.
pub(crate) fn to_error(api: &ApiError, context: &ErrorContext<'_>) -> Error {
    let (code, message) = plain_message(api, context);
    Error::new(code, message).with_detail(detail_without_ks(api, context.ks))
}

fn plain_message(api: &ApiError, context: &ErrorContext<'_>) -> (ErrorCode, String) {
    use ErrorCode::*;
    let report = match context.report {
        Some(kind) => format!(
            "the {} report (Kaltura report {})",
            kind.title(),
            kind.report_id()
        ),
        None => "the requested report".to_owned(),
    };
    let url = context.service_url;
    match api.code.as_str() {
        "INVALID_KS" => match api.arg("KSID") {
            Some("EXPIRED") => (
                SessionExpired,
                "Kaltura says the sign-in session has already expired. Check that this computer's date, time and time zone are correct, then try again.".to_owned(),
            ),
            Some("LOGOUT") => (
                SessionExpired,
                "Kaltura ended the sign-in session. Try again; if it keeps happening, check that the admin secret was not changed or revoked in KMC → Settings → Integration Settings.".to_owned(),
            ),
            Some("EXCEEDED_ACTIONS_LIMIT") => (
                SessionExpired,
                "Kaltura says the sign-in session has used up its allowed number of requests. Try again.".to_owned(),
            ),
            Some("EXCEEDED_RESTRICTED_IP") | Some("EXCEEDED_RESTRICTED_URI") => (
                PermissionDenied,
                "Kaltura refused the session from this network. Ask your Kaltura administrator whether API access is limited to certain networks.".to_owned(),
            ),
            _ => (CredentialsRejected, CREDENTIALS_REJECTED.to_owned()),
        },
        "START_SESSION_ERROR" => (CredentialsRejected, CREDENTIALS_REJECTED.to_owned()),
        "MISSING_KS" => (
            MissingSession,
            "Kaltura did not receive Roomlens's sign-in with the request. A proxy or security filter on your network may be changing requests; try another network or ask your IT team.".to_owned(),
        ),
        "SERVICE_FORBIDDEN" => (
            PermissionDenied,
            "This Kaltura account is not allowed to download analytics reports. Ask your Kaltura account manager to enable analytics for this partner.".to_owned(),
        ),
        "SERVICE_FORBIDDEN_CONTENT_BLOCKED" => (
            PartnerBlocked,
            "Kaltura has blocked this partner account, so its data cannot be read. Contact Kaltura support or your account manager.".to_owned(),
        ),
        "USER_BLOCKED" => (
            UserBlocked,
            "Kaltura has blocked the user this session belongs to. Ask your Kaltura administrator to unblock it.".to_owned(),
        ),
        "REPORT_NOT_FOUND" => (
            ReportNotAvailable,
            format!("This Kaltura account does not offer {report}. Room analytics reports may not be enabled; ask Kaltura support to enable them."),
        ),
        "REPORT_PARAMETER_MISSING" => (
            ReportParameterMissing,
            format!("Kaltura served {report} from an older reporting system that needs a setting Roomlens does not send. Ask Kaltura support whether room analytics reports are enabled for this account."),
        ),
        "ACTION_BLOCKED" => (
            RateLimited,
            "Kaltura is limiting how many requests this account can make right now. Wait a few minutes and try again.".to_owned(),
        ),
        "DRUID_QUERY_TIMED_OUT" => (
            KalturaTimeout,
            "Kaltura's analytics service took too long to answer. Try again later, or choose a shorter date range.".to_owned(),
        ),
        "INTERNAL_SERVERL_ERROR" | "INTERNAL_SERVER_ERROR" => (
            KalturaInternalError,
            "Kaltura had an internal problem answering the request. Try again in a few minutes; if it keeps happening, contact Kaltura support with the details.".to_owned(),
        ),
        "SEARCH_TOO_GENERAL" => (
            SearchTooGeneral,
            "Kaltura could not build the report because the request matched too much. Add room IDs or choose a shorter date range.".to_owned(),
        ),
        "MISSING_MANDATORY_PARAMETER" | "INVALID_ENUM_VALUE" => (
            InvalidRequest,
            format!("The Kaltura server at {url} did not understand Roomlens's request. It may run a version Roomlens does not support; please report this with the details."),
        ),
        "INVALID_PARTNER_ID" => (
            InvalidPartnerId,
            format!("Kaltura does not know partner ID {}. Check the partner ID in KMC → Settings → Integration Settings.", context.partner_id),
        ),
        "ENTRY_ID_NOT_FOUND" => {
            let entry = api.arg("ENTRY_ID").map(|id| format!(" {id}")).unwrap_or_default();
            (
                EntryNotFound,
                format!("Kaltura could not find the room{entry}. Check the room ID; the room may have been deleted or belong to another account."),
            )
        }
        "UNKNOWN_RESPONSE_FORMAT" => (
            UnsupportedServer,
            format!("The server at {url} did not accept Roomlens's request format. Check that the service URL points to a Kaltura server."),
        ),
        "SERVICE_NOT_SPECIFIED" | "SERVICE_DOES_NOT_EXISTS" | "ACTION_DOES_NOT_EXISTS" => (
            UnsupportedServer,
            format!("The server at {url} does not offer Kaltura's report download. Check the service URL; a self-hosted Kaltura may be too old for room reports."),
        ),
        _ => (
            KalturaError,
            "Kaltura reported an error Roomlens does not recognise. Try again; if it keeps happening, contact Kaltura support with the details.".to_owned(),
        ),
    }
}

/// `Kaltura error <CODE>: <message>` with the KS we sent, an echoed KSID, and anything shaped like
/// a KS v2 replaced by `[KS removed]`.
fn detail_without_ks(api: &ApiError, ks: &str) -> String {
    let mut message = api.message.clone();
    if let Some(ksid) = api.arg("KSID") {
        if !ksid.is_empty() && !KS_REASONS.contains(&ksid) {
            message = message.replace(ksid, "[KS removed]");
        }
    }
    if !ks.is_empty() {
        message = message.replace(ks, "[KS removed]");
    }
    let detail = if message.is_empty() {
        format!("Kaltura error {}", api.code)
    } else {
        format!("Kaltura error {}: {}", api.code, message)
    };
    remove_ks_shaped_tokens(&detail)
}

/// A KS v2 is base64url of `v2|…`, so it starts with `djJ8`; any such token of KS length goes.
fn remove_ks_shaped_tokens(text: &str) -> String {
    let is_token_char =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/' | '=');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("djJ8") {
        let before = rest.get(..pos).unwrap_or_default();
        let starts_token = !before.chars().next_back().is_some_and(is_token_char);
        let tail = rest.get(pos..).unwrap_or_default();
        let token_len = tail.find(|c: char| !is_token_char(c)).unwrap_or(tail.len());
        out.push_str(before);
        if starts_token && token_len >= 24 {
            out.push_str("[KS removed]");
        } else {
            out.push_str(tail.get(..token_len.max(4)).unwrap_or(tail));
        }
        rest = tail.get(token_len.max(4)..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod wire_tests;

#[cfg(test)]
mod tests {
    use super::*;

    const KS: &str = "djJ8MTIzNDV82NZPVKMssS_eVG50kxLnsf3qBJGhH7EWjAY7sQJgxObAkM61Yn11jIRxfJmwhBrwfK-vl2DMhoTzeDB3GEp9a7fKFtsx7JthCh1R7wxBD-U0r5YuSbagSS2LbusMLcCF";

    fn context() -> ErrorContext<'static> {
        ErrorContext {
            partner_id: 12345,
            service_url: "https://www.kaltura.com",
            report: Some(ReportKind::Attendees),
            ks: KS,
        }
    }

    fn json(body: &str) -> Error {
        let api = find_api_error(body.as_bytes(), None, None).expect("an API error");
        to_error(&api, &context())
    }

    fn exception(code: &str, message: &str, args: &str) -> String {
        format!(
            r#"{{"code":"{code}","message":"{message}","objectType":"KalturaAPIException","args":{args}}}"#
        )
    }

    #[test]
    fn expired_ks_is_recognised_from_the_exact_server_json() {
        let body = r#"{"code":"INVALID_KS","message":"Invalid KS \"EXPIRED\", Error \"-1,INVALID_STR\"","objectType":"KalturaAPIException","args":{"KSID":"EXPIRED","ERR_CODE":"-1","ERR_DESC":"INVALID_STR"}}"#;
        let api = find_api_error(body.as_bytes(), None, None).unwrap();
        assert!(api.is_expired_ks());
        let error = to_error(&api, &context());
        assert_eq!(error.code, ErrorCode::SessionExpired);
        assert!(error.message.contains("clock") || error.message.contains("date, time"));
        assert_eq!(
            error.detail.as_deref(),
            Some(r#"Kaltura error INVALID_KS: Invalid KS "EXPIRED", Error "-1,INVALID_STR""#)
        );
    }

    #[test]
    fn rejected_ks_never_appears_in_the_error() {
        let body = format!(
            r#"{{"code":"INVALID_KS","message":"Invalid KS \"{KS}\", Error \"-1,INVALID_STR\"","objectType":"KalturaAPIException","args":{{"KSID":"{KS}","ERR_CODE":"-1","ERR_DESC":"INVALID_STR"}}}}"#
        );
        let error = json(&body);
        assert_eq!(error.code, ErrorCode::CredentialsRejected);
        assert_eq!(error.message, CREDENTIALS_REJECTED);
        let detail = error.detail.unwrap();
        assert!(!detail.contains("djJ8"), "{detail}");
        assert!(detail.contains("[KS removed]") && detail.contains("INVALID_KS"));
    }

    #[test]
    fn a_foreign_ks_shaped_token_is_removed_too() {
        let other = "djJ8OTk5fAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        let api = ApiError {
            code: "X".into(),
            message: format!("saw {other}, ok"),
            args: vec![],
        };
        let detail = detail_without_ks(&api, KS);
        assert_eq!(detail, "Kaltura error X: saw [KS removed], ok");
        let short = ApiError {
            code: "X".into(),
            message: "djJ8 and adjJ8xxxxxxxxxxxxxxxxxxxxxxxxxxx".into(),
            args: vec![],
        };
        assert_eq!(
            detail_without_ks(&short, KS),
            "Kaltura error X: djJ8 and adjJ8xxxxxxxxxxxxxxxxxxxxxxxxxxx"
        );
    }

    #[test]
    fn args_may_be_an_empty_array_or_an_object() {
        let body = r#"{"code":"INTERNAL_SERVERL_ERROR","message":"Internal server error occurred","objectType":"KalturaAPIException","args":[]}"#;
        let error = json(body);
        assert_eq!(error.code, ErrorCode::KalturaInternalError);
        assert!(error.code.is_transient());
        let with_empty_object = exception("DRUID_QUERY_TIMED_OUT", "Query timed out", "{}");
        assert_eq!(json(&with_empty_object).code, ErrorCode::KalturaTimeout);
    }

    #[test]
    fn every_documented_code_has_its_own_error_code_and_a_plain_message() {
        let cases: &[(&str, &str, &str, ErrorCode)] = &[
            (
                "INVALID_KS",
                r#"Invalid KS \"LOGOUT\", Error \"-1,INVALID_STR\""#,
                r#"{"KSID":"LOGOUT","ERR_CODE":"-1","ERR_DESC":"INVALID_STR"}"#,
                ErrorCode::SessionExpired,
            ),
            (
                "INVALID_KS",
                r#"Invalid KS \"EXCEEDED_ACTIONS_LIMIT\", Error \"-1,INVALID_STR\""#,
                r#"{"KSID":"EXCEEDED_ACTIONS_LIMIT","ERR_CODE":"-1","ERR_DESC":"INVALID_STR"}"#,
                ErrorCode::SessionExpired,
            ),
            (
                "INVALID_KS",
                r#"Invalid KS \"EXCEEDED_RESTRICTED_IP\", Error \"-1,INVALID_STR\""#,
                r#"{"KSID":"EXCEEDED_RESTRICTED_IP","ERR_CODE":"-1","ERR_DESC":"INVALID_STR"}"#,
                ErrorCode::PermissionDenied,
            ),
            (
                "INVALID_KS",
                r#"Invalid KS \"EXCEEDED_RESTRICTED_URI\", Error \"-1,INVALID_STR\""#,
                r#"{"KSID":"EXCEEDED_RESTRICTED_URI","ERR_CODE":"-1","ERR_DESC":"INVALID_STR"}"#,
                ErrorCode::PermissionDenied,
            ),
            (
                "MISSING_KS",
                "Missing KS, session not established",
                "[]",
                ErrorCode::MissingSession,
            ),
            (
                "SERVICE_FORBIDDEN",
                "The access to service [report->getCsvFromStringParams] is forbidden",
                r#"{"SERVICE":"report->getCsvFromStringParams"}"#,
                ErrorCode::PermissionDenied,
            ),
            (
                "SERVICE_FORBIDDEN_CONTENT_BLOCKED",
                "The access to this service is forbidden since the specified partner is blocked",
                "[]",
                ErrorCode::PartnerBlocked,
            ),
            (
                "START_SESSION_ERROR",
                "Error while starting session for partner [12345]",
                r#"{"PID":"12345"}"#,
                ErrorCode::CredentialsRejected,
            ),
            (
                "REPORT_NOT_FOUND",
                r#"Report id \"6001\" not found"#,
                r#"{"ID":"6001"}"#,
                ErrorCode::ReportNotAvailable,
            ),
            (
                "REPORT_PARAMETER_MISSING",
                r#"Parameter \"from_date\" is missing"#,
                r#"{"PARAM":"from_date"}"#,
                ErrorCode::ReportParameterMissing,
            ),
            (
                "ACTION_BLOCKED",
                r#"Action \"getcsvfromstringparams\" in service \"report\" is blocked"#,
                r#"{"ACTION_NAME":"getcsvfromstringparams","SERVICE_NAME":"report"}"#,
                ErrorCode::RateLimited,
            ),
            (
                "DRUID_QUERY_TIMED_OUT",
                "Query timed out",
                "[]",
                ErrorCode::KalturaTimeout,
            ),
            (
                "INTERNAL_SERVERL_ERROR",
                "Internal server error occurred",
                "[]",
                ErrorCode::KalturaInternalError,
            ),
            (
                "INTERNAL_SERVER_ERROR",
                "Internal server error Malformed request",
                r#"{"ERR_TEXT":"Malformed request"}"#,
                ErrorCode::KalturaInternalError,
            ),
            (
                "SEARCH_TOO_GENERAL",
                "Unable to create report. Query produced too many results",
                "[]",
                ErrorCode::SearchTooGeneral,
            ),
            (
                "MISSING_MANDATORY_PARAMETER",
                r#"Missing parameter \"id\""#,
                r#"{"PARAM_NAME":"id"}"#,
                ErrorCode::InvalidRequest,
            ),
            (
                "INVALID_ENUM_VALUE",
                r#"Invalid enumeration value \"9\" for parameter \"format\", expecting enumeration type \"KalturaResponseType\""#,
                r#"{"ENUM_VAL":"9","PARAM_NAME":"format","ENUM_TYPE":"KalturaResponseType"}"#,
                ErrorCode::InvalidRequest,
            ),
            (
                "INVALID_PARTNER_ID",
                r#"Invalid partner id \"12345\""#,
                r#"{"PID":"12345"}"#,
                ErrorCode::InvalidPartnerId,
            ),
            (
                "ENTRY_ID_NOT_FOUND",
                r#"Entry id \"1_abcdefgh\" not found"#,
                r#"{"ENTRY_ID":"1_abcdefgh"}"#,
                ErrorCode::EntryNotFound,
            ),
            (
                "USER_BLOCKED",
                "this user is blocked",
                "[]",
                ErrorCode::UserBlocked,
            ),
            (
                "UNKNOWN_RESPONSE_FORMAT",
                "Response format provided [7] is not recognized by server",
                r#"{"FORMAT":"7"}"#,
                ErrorCode::UnsupportedServer,
            ),
            (
                "SERVICE_NOT_SPECIFIED",
                "Service name was not specified, please specify one",
                "[]",
                ErrorCode::UnsupportedServer,
            ),
            (
                "SERVICE_DOES_NOT_EXISTS",
                r#"Service \"report\" does not exists"#,
                r#"{"SRV_NAME":"report"}"#,
                ErrorCode::UnsupportedServer,
            ),
            (
                "ACTION_DOES_NOT_EXISTS",
                r#"Action \"getcsvfromstringparams\" does not exists for service \"report\""#,
                r#"{"ACTION_NAME":"getcsvfromstringparams","SERVICE_NAME":"report"}"#,
                ErrorCode::UnsupportedServer,
            ),
            (
                "SOMETHING_NEW",
                "A new problem",
                "[]",
                ErrorCode::KalturaError,
            ),
        ];
        for (code, message, args, expected) in cases {
            let error = json(&exception(code, message, args));
            assert_eq!(error.code, *expected, "{code}");
            let detail = error.detail.clone().unwrap();
            assert!(
                detail.starts_with(&format!("Kaltura error {code}: ")),
                "{detail}"
            );
            assert!(
                !error.message.contains(code),
                "the code belongs in the detail only: {}",
                error.message
            );
            assert!(
                error.message.ends_with('.') && error.message.len() > 40,
                "{}",
                error.message
            );
        }
        let by_code = |code: &str| json(&exception(code, "m", "[]")).message;
        assert!(by_code("REPORT_NOT_FOUND").contains("Attendees report (Kaltura report 6001)"));
        assert!(by_code("INVALID_PARTNER_ID").contains("12345"));
        assert!(json(&exception(
            "ENTRY_ID_NOT_FOUND",
            "m",
            r#"{"ENTRY_ID":"1_abcdefgh"}"#
        ))
        .message
        .contains("1_abcdefgh"));
    }

    #[test]
    fn xml_errors_are_parsed() {
        let body = r#"<?xml version="1.0" encoding="utf-8"?><xml><result><error><objectType>KalturaAPIException</objectType><code>INVALID_KS</code><message>Invalid KS &quot;EXPIRED&quot;, Error &quot;-1,INVALID_STR&quot;</message><args><item><objectType>KalturaApiExceptionArg</objectType><name>KSID</name><value>EXPIRED</value></item><item><objectType>KalturaApiExceptionArg</objectType><name>ERR_CODE</name><value>-1</value></item></args></error></result><executionTime>0.01</executionTime></xml>"#;
        let api = find_api_error(body.as_bytes(), None, None).unwrap();
        assert_eq!(api.code, "INVALID_KS");
        assert_eq!(
            api.message,
            r#"Invalid KS "EXPIRED", Error "-1,INVALID_STR""#
        );
        assert_eq!(
            api.args,
            vec![
                ("KSID".to_owned(), "EXPIRED".to_owned()),
                ("ERR_CODE".to_owned(), "-1".to_owned())
            ]
        );
        assert!(api.is_expired_ks());

        let no_args = "<xml><result><error><code>MISSING_KS</code><message>Missing KS, session not established</message><objectType>KalturaAPIException</objectType><args/></error></result></xml>";
        let api = find_api_error(no_args.as_bytes(), None, None).unwrap();
        assert_eq!(to_error(&api, &context()).code, ErrorCode::MissingSession);
    }

    #[test]
    fn die_errors_come_from_the_headers_of_an_empty_body() {
        let api = find_api_error(
            b"",
            Some("error- REPORT_NOT_FOUND"),
            Some("exiting on error REPORT_NOT_FOUND - Report id \"6001\" not found"),
        )
        .unwrap();
        assert_eq!(api.code, "REPORT_NOT_FOUND");
        assert_eq!(api.message, "Report id \"6001\" not found");
        assert_eq!(
            to_error(&api, &context()).code,
            ErrorCode::ReportNotAvailable
        );

        let api = find_api_error(b"", Some("error-SERVICE_FORBIDDEN"), None).unwrap();
        assert_eq!(api.code, "SERVICE_FORBIDDEN");
        assert_eq!(
            to_error(&api, &context()).detail.as_deref(),
            Some("Kaltura error SERVICE_FORBIDDEN")
        );

        let api = find_api_error(b"", Some("error- UNKNOWN_RESPONSE_FORMAT"), Some("exiting on error UNKNOWN_RESPONSE_FORMAT - Response format provided [7] is not recognized by server")).unwrap();
        assert_eq!(
            to_error(&api, &context()).code,
            ErrorCode::UnsupportedServer
        );
    }

    #[test]
    fn ordinary_replies_are_not_errors() {
        assert_eq!(
            find_api_error(b"\xEF\xBB\xBFentry_id,cue_point_id\n", None, None),
            None
        );
        assert_eq!(
            find_api_error(b"\xEF\xBB\xBF\n", Some("error- X"), None),
            None
        );
        assert_eq!(find_api_error(b"", None, None), None);
        assert_eq!(find_api_error(b"", Some("cached"), None), None);
        assert_eq!(
            find_api_error(br#"{"objectType":"KalturaReportTable"}"#, None, None),
            None
        );
        assert_eq!(
            find_api_error(b"<html><body>Sign in</body></html>", None, None),
            None
        );
        assert_eq!(find_api_error(b"{not json", None, None), None);
    }

    #[test]
    fn xml_unescape_handles_entities_and_garbage() {
        assert_eq!(
            xml_unescape("a &lt;b&gt; &amp; &#233; &#xE9; &bogus; & end"),
            "a <b> & é é &bogus; & end"
        );
        assert_eq!(xml_unescape("<![CDATA[x & y]]>"), "x & y");
    }
}
