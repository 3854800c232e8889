//! "Send to my e-mail": asks Kaltura to e-mail one room report as a CSV (`report.exportToCsv`,
//! docs/kaltura-wire-format.md §10). Kaltura queues a job and answers at once with the job's id;
//! the e-mail, with a link that expires after seven days, comes later. It does not fetch, read or
//! split the report, cannot know whether the e-mail arrives, and never sends the request again
//! once Kaltura may have acted on it (one click, at most one e-mail).

use super::client::{with_deadline, AttemptError, KalturaClient, CLIENT_TAG};
use super::date_range::DateRange;
use super::email_address::checked_email_address;
use super::errors::{find_api_error, to_error, ApiError, ErrorContext};
use super::report_params::ReportFilters;
use super::transport::HttpReply;
use crate::cancel::CancelToken;
use crate::error::{Error, ErrorCode};
use crate::reports::{FilterName, ReportKind};
use serde::Serialize;
use serde_json::{Map, Value};

/// What to send where.
#[derive(Debug, Clone, PartialEq)]
pub struct EmailExportRequest {
    pub kind: ReportKind,
    /// The resolved range `[from, to)`, as for a fetch.
    pub range: DateRange,
    pub filters: ReportFilters,
    /// Where Kaltura sends the link; checked here before anything is sent.
    pub recipient_email: String,
    /// Whom the e-mail greets; may be empty.
    pub recipient_name: String,
    /// The report's title in the e-mail and the file; empty gives the report's own name.
    pub title: String,
    /// The person's offset from UTC in minutes, east positive: 120 for UTC+2
    /// (`date_range::utc_offset_minutes`). Kaltura's sign is the other way round; this module
    /// turns it.
    pub utc_offset_minutes: i32,
}

/// Kaltura's answer: the job it queued and where the e-mail will go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct EmailExportAccepted {
    /// Kaltura's batch job id (`referenceJobId`), for a question to Kaltura support.
    pub reference_job_id: i64,
    /// The address Kaltura says it sends to (`reportEmail`).
    pub email: String,
}

/// `KalturaReportExportItemType` table: the report's rows, as a download has them.
const ACTION_TABLE: i64 = 1;
/// The response delimiter, which Kaltura also splits the filter's ID lists on. No checked ID
/// holds it (`ReportFilters::checked_for`).
const LIST_DELIMITER: &str = ",";
/// The longest title or name sent.
const MAX_TEXT: usize = 200;
/// The offsets places use, east positive: UTC−12 to UTC+14.
const OFFSET_RANGE: std::ops::RangeInclusive<i32> = -720..=840;
/// The longest address accepted back from Kaltura (RFC 5321's 254, with room to spare).
const MAX_REPLY_EMAIL: usize = 320;

/// The property of `KalturaEndUserReportInputFilter` that carries each filter (§10: the custom
/// reports' own definitions are not public, so these names are the typed filter's, unconfirmed
/// for reports 6000–6002).
fn filter_property(name: FilterName) -> &'static str {
    match name {
        FilterName::RoomIds => "entryIdIn",
        FilterName::MainRoomIds => "rootEntryIdIn",
        FilterName::SessionIds => "cuePointIdIn",
        FilterName::UserIds => "userIds",
        FilterName::VirtualEventIds => "virtualEventIdIn",
    }
}

/// How Kava names a custom report in `reportType`: its id negated (`-6001`).
fn report_type(kind: ReportKind) -> String {
    format!("-{}", kind.report_id())
}

/// A request checked and ready to put on the wire.
#[derive(Debug, Clone, PartialEq)]
struct PreparedExport {
    kind: ReportKind,
    from_unix: i64,
    to_unix: i64,
    lists: Vec<(FilterName, Vec<String>)>,
    email: String,
    name: Option<String>,
    title: String,
    /// Minutes, Kaltura's (JavaScript's) sign: UTC − local, −120 for UTC+2.
    kaltura_offset: i32,
}

/// Asks Kaltura to e-mail `request`'s report. The address, range, filters, title, name and
/// offset are checked first, so a mistake is refused before anything is sent. An expired KS is
/// re-signed and a rate-limited request waited out and sent again, as for other calls; any other
/// failure is reported at once, since Kaltura may already have queued the e-mail. Stops with
/// `Cancelled` when `cancel` fires and `DeadlineExceeded` after the client's deadline.
pub async fn send_report_by_email(
    client: &KalturaClient,
    request: &EmailExportRequest,
    cancel: &CancelToken,
) -> Result<EmailExportAccepted, Error> {
    let prepared = prepare(request)?;
    with_deadline(
        client.options().deadline,
        cancel,
        send(client, &prepared, cancel),
    )
    .await
}

async fn send(
    client: &KalturaClient,
    prepared: &PreparedExport,
    cancel: &CancelToken,
) -> Result<EmailExportAccepted, Error> {
    let url = client.service_url().action_url("report", "exportToCsv");
    let (accepted, _) = client
        .with_retries_if(
            cancel,
            |error| error.code == ErrorCode::RateLimited,
            |ks| {
                let url = url.clone();
                async move {
                    let body = request_body(prepared, &ks);
                    let reply = client.post(&url, &body).await?;
                    read_reply(
                        &reply,
                        prepared.kind,
                        &client.error_context(Some(prepared.kind), &ks),
                    )
                }
            },
        )
        .await?;
    Ok(accepted)
}

fn prepare(request: &EmailExportRequest) -> Result<PreparedExport, Error> {
    let email = checked_email_address(&request.recipient_email)?;
    request.range.check_not_empty()?;
    let lists = request.filters.checked_for(request.kind)?;
    let title = plain_text(&request.title, "report title")?
        .unwrap_or_else(|| request.kind.title().to_owned());
    let name = plain_text(&request.recipient_name, "recipient's name")?;
    if !OFFSET_RANGE.contains(&request.utc_offset_minutes) {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "The time zone is more than 14 hours from UTC, which no place is. Check this computer's time zone setting.",
        )
        .with_detail(format!(
            "UTC offset {} minutes",
            request.utc_offset_minutes
        )));
    }
    Ok(PreparedExport {
        kind: request.kind,
        from_unix: request.range.from_unix,
        to_unix: request.range.to_unix,
        lists,
        email,
        name,
        title,
        kaltura_offset: -request.utc_offset_minutes,
    })
}

/// `text` trimmed, `None` when empty; refused when it holds a control character or is too long.
fn plain_text(text: &str, what: &str) -> Result<Option<String>, Error> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().any(char::is_control) {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("The {what} contains an invisible control character. Type it again."),
        ));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("The {what} is longer than {MAX_TEXT} characters. Shorten it."),
        ));
    }
    Ok(Some(text.to_owned()))
}

fn object(fields: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
    Value::Object(
        fields
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect::<Map<String, Value>>(),
    )
}

/// The JSON body of §10: one table item for the report, its range and filters in a
/// `KalturaEndUserReportInputFilter`, Kaltura's time zone offset in both places the front end
/// puts it, and the column names as a download has them (`useFriendlyHeaders: false`), so the
/// e-mailed file reads like a downloaded one.
fn request_body(prepared: &PreparedExport, ks: &str) -> Value {
    let mut filter = vec![
        ("objectType", Value::from("KalturaEndUserReportInputFilter")),
        ("fromDate", Value::from(prepared.from_unix)),
        ("toDate", Value::from(prepared.to_unix)),
        ("timeZoneOffset", Value::from(prepared.kaltura_offset)),
    ];
    for (name, ids) in &prepared.lists {
        filter.push((
            filter_property(*name),
            Value::from(ids.join(LIST_DELIMITER)),
        ));
    }
    let item = object([
        ("objectType", Value::from("KalturaReportExportItem")),
        ("reportTitle", Value::from(prepared.title.as_str())),
        ("action", Value::from(ACTION_TABLE)),
        ("reportType", Value::from(report_type(prepared.kind))),
        ("filter", object(filter)),
        (
            "responseOptions",
            object([
                ("objectType", Value::from("KalturaReportResponseOptions")),
                ("delimiter", Value::from(LIST_DELIMITER)),
            ]),
        ),
    ]);
    let mut params = vec![
        ("objectType", Value::from("KalturaReportExportParams")),
        ("recipientEmail", Value::from(prepared.email.as_str())),
        ("timeZoneOffset", Value::from(prepared.kaltura_offset)),
        ("reportItems", Value::Array(vec![item])),
        ("reportsItemsGroup", Value::from(prepared.title.as_str())),
        ("useFriendlyHeaders", Value::Bool(false)),
    ];
    if let Some(name) = &prepared.name {
        params.push(("recipientName", Value::from(name.as_str())));
    }
    object([
        ("ks", Value::from(ks)),
        ("format", Value::from(1)),
        ("clientTag", Value::from(CLIENT_TAG)),
        ("params", object(params)),
    ])
}

/// Kaltura's error (mapped as for every call), or its `KalturaReportExportResponse`.
fn read_reply(
    reply: &HttpReply,
    kind: ReportKind,
    context: &ErrorContext<'_>,
) -> Result<EmailExportAccepted, AttemptError> {
    if let Some(api) = find_api_error(
        &reply.body,
        reply.x_kaltura.as_deref(),
        reply.x_kaltura_app.as_deref(),
    ) {
        return Err(AttemptError {
            error: for_this_export(&api, to_error(&api, context), kind),
            expired_ks: api.is_expired_ks(),
        });
    }
    parse_accepted(&reply.body, context.service_url).map_err(AttemptError::from)
}

/// Kaltura's enum of report types may not include the room reports (§10). Then this report
/// cannot be e-mailed, which the general mapping would call a request Kaltura did not understand.
fn for_this_export(api: &ApiError, mapped: Error, kind: ReportKind) -> Error {
    if api.code == "INVALID_ENUM_VALUE" && api.arg("PARAM_NAME") == Some("reportType") {
        return Error {
            code: ErrorCode::ReportNotAvailable,
            message: format!(
                "Kaltura cannot e-mail the {} report for this account. Fetch the report in Roomlens and save it instead.",
                kind.title()
            ),
            detail: mapped.detail,
        };
    }
    mapped
}

fn unreadable(detail: impl Into<String>) -> Error {
    Error::new(
        ErrorCode::BadResponse,
        "Kaltura's answer could not be read, so Roomlens cannot tell whether the report is on its way. Wait a few minutes and check the mailbox before sending it again.",
    )
    .with_detail(detail.into())
}

/// `{"referenceJobId": <positive whole number>, "reportEmail": <text>, "objectType":
/// "KalturaReportExportResponse"}`, every field checked; `objectType` may be absent.
fn parse_accepted(body: &[u8], service_url: &str) -> Result<EmailExportAccepted, Error> {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'<') {
        return Err(Error::new(
            ErrorCode::UnsupportedServer,
            format!("The server at {service_url} answered with a web page instead of Kaltura's answer. Check that the service URL points to a Kaltura server."),
        ));
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| {
        unreadable(format!(
            "exportToCsv reply of {} bytes is not JSON: {e}",
            body.len()
        ))
    })?;
    let Some(fields) = value.as_object() else {
        return Err(unreadable("exportToCsv reply is not an object"));
    };
    match fields.get("objectType") {
        None => {}
        Some(Value::String(class)) if class == "KalturaReportExportResponse" => {}
        Some(other) => {
            let shown: String = other.to_string().chars().take(80).collect();
            return Err(unreadable(format!(
                "exportToCsv answered objectType {shown}"
            )));
        }
    }
    let reference_job_id = fields
        .get("referenceJobId")
        .and_then(job_id)
        .ok_or_else(|| unreadable("referenceJobId missing or not a positive whole number"))?;
    let email = fields
        .get("reportEmail")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|e| {
            !e.is_empty()
                && e.chars().count() <= MAX_REPLY_EMAIL
                && !e.chars().any(char::is_control)
        })
        .ok_or_else(|| unreadable("reportEmail missing, empty or not plain text"))?
        .to_owned();
    Ok(EmailExportAccepted {
        reference_job_id,
        email,
    })
}

/// A positive whole number sent as a JSON integer, a float without a fraction (PHP's bigint
/// can come back as one) or digits in a string.
fn job_id(value: &Value) -> Option<i64> {
    /// Beyond 2^53 a float no longer holds every whole number.
    const EXACT_FLOAT_LIMIT: f64 = 9_007_199_254_740_992.0;
    let id = match value {
        Value::Number(number) => number.as_i64().or_else(|| {
            number
                .as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() <= EXACT_FLOAT_LIMIT)
                .map(|f| f as i64)
        }),
        Value::String(text) => text.trim().parse::<i64>().ok(),
        _ => None,
    }?;
    (id > 0).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn request(kind: ReportKind) -> EmailExportRequest {
        EmailExportRequest {
            kind,
            range: DateRange {
                from_unix: 1_772_323_200,
                to_unix: 1_772_928_000,
                zone: "Europe/Berlin (UTC+1)".into(),
            },
            filters: ReportFilters::default(),
            recipient_email: " ann@example.com ".into(),
            recipient_name: "Ann Lee".into(),
            title: String::new(),
            utc_offset_minutes: 60,
        }
    }

    #[test]
    fn the_body_is_one_table_item_with_the_range_filters_and_kalturas_offset() {
        let mut attendees = request(ReportKind::Attendees);
        attendees.title = "March attendees".into();
        attendees.filters = ReportFilters {
            room_ids: ids(&["1_a", " 1_b", "1_a"]),
            virtual_event_ids: ids(&["77"]),
            user_ids: ids(&["ann@example.com", "bob"]),
            session_ids: ids(&["s1"]),
            main_room_ids: vec![],
        };
        let body = request_body(&prepare(&attendees).unwrap(), "THE-KS");
        assert_eq!(
            body,
            json!({
                "ks": "THE-KS",
                "format": 1,
                "clientTag": CLIENT_TAG,
                "params": {
                    "objectType": "KalturaReportExportParams",
                    "recipientEmail": "ann@example.com",
                    "recipientName": "Ann Lee",
                    "timeZoneOffset": -60,
                    "reportsItemsGroup": "March attendees",
                    "useFriendlyHeaders": false,
                    "reportItems": [{
                        "objectType": "KalturaReportExportItem",
                        "reportTitle": "March attendees",
                        "action": 1,
                        "reportType": "-6001",
                        "filter": {
                            "objectType": "KalturaEndUserReportInputFilter",
                            "fromDate": 1_772_323_200,
                            "toDate": 1_772_928_000,
                            "timeZoneOffset": -60,
                            "entryIdIn": "1_a,1_b",
                            "virtualEventIdIn": "77",
                            "userIds": "ann@example.com,bob",
                            "cuePointIdIn": "s1"
                        },
                        "responseOptions": {"objectType": "KalturaReportResponseOptions", "delimiter": ","}
                    }]
                }
            })
        );
    }

    #[test]
    fn defaults_title_from_the_report_and_leaves_an_empty_name_out() {
        let mut breakouts = request(ReportKind::Breakouts);
        breakouts.recipient_name = "  ".into();
        breakouts.utc_offset_minutes = -210;
        breakouts.filters.main_room_ids = ids(&["1_m"]);
        let body = request_body(&prepare(&breakouts).unwrap(), "KS");
        let params = &body["params"];
        assert_eq!(params["reportsItemsGroup"], "Breakout rooms");
        assert!(params.get("recipientName").is_none());
        assert_eq!(params["timeZoneOffset"], 210);
        let item = &params["reportItems"][0];
        assert_eq!(item["reportType"], "-6002");
        assert_eq!(item["reportTitle"], "Breakout rooms");
        assert_eq!(item["filter"]["rootEntryIdIn"], "1_m");
        assert_eq!(item["filter"]["timeZoneOffset"], 210);
        let room_data = request_body(&prepare(&request(ReportKind::RoomData)).unwrap(), "KS");
        assert_eq!(room_data["params"]["reportItems"][0]["reportType"], "-6000");
        assert_eq!(
            room_data["params"]["reportItems"][0]["filter"]
                .as_object()
                .unwrap()
                .len(),
            4,
            "no filter, no list fields"
        );
    }

    #[test]
    fn mistakes_are_refused_before_sending() {
        let refused = |change: &dyn Fn(&mut EmailExportRequest), expected: &str| {
            let mut request = request(ReportKind::RoomData);
            change(&mut request);
            let error = prepare(&request).unwrap_err();
            assert_eq!(error.code, ErrorCode::InvalidInput, "{expected}");
            assert!(error.message.contains(expected), "{}", error.message);
        };
        refused(
            &|r| r.recipient_email = "ann.example.com".into(),
            "needs an @",
        );
        refused(
            &|r| r.recipient_email = String::new(),
            "Type the e-mail address the report should go to, such as name@example.com.",
        );
        refused(
            &|r| r.range.to_unix = r.range.from_unix,
            "date range is empty",
        );
        refused(
            &|r| r.filters.user_ids = ids(&["u"]),
            "The Room data report cannot be filtered by user ID",
        );
        refused(&|r| r.filters.room_ids = ids(&["a;b"]), "room ID");
        refused(&|r| r.title = "a\u{7}b".into(), "report title contains");
        refused(&|r| r.title = "x".repeat(201), "longer than 200 characters");
        refused(
            &|r| r.recipient_name = "Ann\nLee".into(),
            "recipient's name",
        );
        refused(&|r| r.utc_offset_minutes = 900, "time zone");
        refused(&|r| r.utc_offset_minutes = -721, "time zone");
        let mut edge = request(ReportKind::RoomData);
        edge.utc_offset_minutes = 840;
        edge.title = "x".repeat(200);
        assert!(prepare(&edge).is_ok());
    }

    #[test]
    fn a_bad_address_is_reported_before_anything_else() {
        let mut request = request(ReportKind::RoomData);
        request.recipient_email = "nobody".into();
        request.range.to_unix = request.range.from_unix;
        assert!(prepare(&request).unwrap_err().message.contains("e-mail"));
    }

    #[test]
    fn the_answer_is_read_with_care() {
        let url = "https://www.kaltura.com";
        let ok = parse_accepted(
            br#"{"referenceJobId":70000001,"reportEmail":"ann@example.com","objectType":"KalturaReportExportResponse"}"#,
            url,
        )
        .unwrap();
        assert_eq!(
            ok,
            EmailExportAccepted {
                reference_job_id: 70_000_001,
                email: "ann@example.com".into()
            }
        );
        for (body, id) in [
            (
                &br#"{"referenceJobId":"123","reportEmail":"a@b.co"}"#[..],
                123,
            ),
            (
                br#"{"referenceJobId":1.23e8,"reportEmail":"a@b.co"}"#,
                123_000_000,
            ),
            (br#" {"reportEmail":" a@b.co ","referenceJobId":5} "#, 5),
        ] {
            let accepted = parse_accepted(body, url).unwrap();
            assert_eq!(
                (accepted.reference_job_id, accepted.email.as_str()),
                (id, "a@b.co")
            );
        }
        for body in [
            &b""[..],
            b"not json",
            b"[]",
            b"\"70000001\"",
            br#"{"reportEmail":"a@b.co"}"#,
            br#"{"referenceJobId":0,"reportEmail":"a@b.co"}"#,
            br#"{"referenceJobId":-4,"reportEmail":"a@b.co"}"#,
            br#"{"referenceJobId":1.5,"reportEmail":"a@b.co"}"#,
            br#"{"referenceJobId":1e300,"reportEmail":"a@b.co"}"#,
            br#"{"referenceJobId":"12x","reportEmail":"a@b.co"}"#,
            br#"{"referenceJobId":true,"reportEmail":"a@b.co"}"#,
            br#"{"referenceJobId":7}"#,
            br#"{"referenceJobId":7,"reportEmail":""}"#,
            br#"{"referenceJobId":7,"reportEmail":"a@b.co\u0007"}"#,
            br#"{"referenceJobId":7,"reportEmail":{"x":1}}"#,
            br#"{"referenceJobId":7,"reportEmail":"a@b.co","objectType":"KalturaReportTable"}"#,
        ] {
            let error = parse_accepted(body, url).unwrap_err();
            assert_eq!(
                error.code,
                ErrorCode::BadResponse,
                "{}",
                String::from_utf8_lossy(body)
            );
            assert!(error
                .message
                .contains("check the mailbox before sending it again"));
        }
        let long = format!(
            r#"{{"referenceJobId":7,"reportEmail":"{}@b.co"}}"#,
            "a".repeat(400)
        );
        assert!(parse_accepted(long.as_bytes(), url).is_err());
        let page = parse_accepted(b"<html><body>Sign in</body></html>", url).unwrap_err();
        assert_eq!(page.code, ErrorCode::UnsupportedServer);
    }

    fn reply(body: &str) -> HttpReply {
        HttpReply {
            body: body.as_bytes().to_vec(),
            x_kaltura: None,
            x_kaltura_app: None,
        }
    }

    fn context(ks: &str) -> ErrorContext<'_> {
        ErrorContext {
            partner_id: 1,
            service_url: "https://www.kaltura.com",
            report: Some(ReportKind::Attendees),
            ks,
        }
    }

    #[test]
    fn kalturas_errors_go_through_the_common_mapping() {
        let missing = read_reply(
            &reply(r#"{"code":"PROPERTY_VALIDATION_CANNOT_BE_NULL","message":"The property \"KalturaReportExportParams::recipientEmail\" cannot be null","objectType":"KalturaAPIException","args":{"PROP_NAME":"KalturaReportExportParams::recipientEmail"}}"#),
            ReportKind::Attendees,
            &context("KS"),
        )
        .err()
        .unwrap();
        assert_eq!(missing.error.code, ErrorCode::KalturaError);
        assert!(!missing.expired_ks);
        assert!(missing
            .error
            .detail
            .unwrap()
            .starts_with("Kaltura error PROPERTY_VALIDATION_CANNOT_BE_NULL"));
        let expired = read_reply(
            &reply(r#"{"code":"INVALID_KS","message":"Invalid KS \"EXPIRED\", Error \"-1,INVALID_STR\"","objectType":"KalturaAPIException","args":{"KSID":"EXPIRED","ERR_CODE":"-1","ERR_DESC":"INVALID_STR"}}"#),
            ReportKind::Attendees,
            &context("KS"),
        )
        .err()
        .unwrap();
        assert!(expired.expired_ks);
        assert_eq!(expired.error.code, ErrorCode::SessionExpired);
        let blocked = read_reply(
            &reply(r#"{"code":"ACTION_BLOCKED","message":"Action \"exporttocsv\" in service \"report\" is blocked","objectType":"KalturaAPIException","args":{"ACTION_NAME":"exporttocsv","SERVICE_NAME":"report"}}"#),
            ReportKind::Attendees,
            &context("KS"),
        )
        .err()
        .unwrap();
        assert_eq!(blocked.error.code, ErrorCode::RateLimited);
    }

    #[test]
    fn a_report_type_kaltura_does_not_know_cannot_be_emailed() {
        let refused = read_reply(
            &reply(r#"{"code":"INVALID_ENUM_VALUE","message":"Invalid enumeration value \"-6001\" for parameter \"reportType\", expecting enumeration type \"KalturaReportType\"","objectType":"KalturaAPIException","args":{"ENUM_VAL":"-6001","PARAM_NAME":"reportType","ENUM_TYPE":"KalturaReportType"}}"#),
            ReportKind::Attendees,
            &context("KS"),
        )
        .err()
        .unwrap();
        assert_eq!(refused.error.code, ErrorCode::ReportNotAvailable);
        assert!(refused
            .error
            .message
            .starts_with("Kaltura cannot e-mail the Attendees report"));
        assert!(refused.error.detail.unwrap().contains("INVALID_ENUM_VALUE"));
        let other_enum = read_reply(
            &reply(r#"{"code":"INVALID_ENUM_VALUE","message":"x","objectType":"KalturaAPIException","args":{"ENUM_VAL":"9","PARAM_NAME":"action","ENUM_TYPE":"KalturaReportExportItemType"}}"#),
            ReportKind::Attendees,
            &context("KS"),
        )
        .err()
        .unwrap();
        assert_eq!(other_enum.error.code, ErrorCode::InvalidRequest);
    }
}
