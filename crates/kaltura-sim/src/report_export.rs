//! `report.exportToCsv` (docs/kaltura-wire-format.md §10). The argument step reads `params` the
//! way Kaltura's deserializer builds a `KalturaReportExportParams` (a text where an object belongs
//! is refused, an unknown `objectType` is ignored, enum properties are checked); the action step
//! checks it as `ReportService::validateReportExportParams` does, then adds the simulator's own
//! recipient check, and answers a `KalturaReportExportResponse`. Nothing is e-mailed: the accepted
//! request becomes a record (`stats::EmailExport`) for tests to read back.

use crate::api_error::ApiError;
use crate::api_value::ApiValue;
use crate::dashboard_params::KNOWN_REPORT_TYPES;
use crate::params::{Param, Params};
use crate::php_format::php_int_cast;
use crate::report_kind::ReportKind;
use crate::stats::{EmailExport, EmailExportItem};

/// How the recipient property is named in Kaltura's property errors.
const RECIPIENT_PROPERTY: &str = "KalturaReportExportParams::recipientEmail";

/// `KalturaReportExportItemType`'s values: table, total, graph.
const ITEM_ACTIONS: [i64; 3] = [1, 2, 3];

/// What replaces a KS or secret found in a recorded field.
const REMOVED: &str = "[removed]";

/// `params` as built by the argument step, before the action's checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportParams {
    recipient_email: Option<String>,
    recipient_name: Option<String>,
    time_zone_offset: i64,
    reports_items_group: Option<String>,
    use_friendly_headers: Option<bool>,
    items: Vec<ExportItemParams>,
}

/// One report item as built; `None` where the property was not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ExportItemParams {
    report_title: Option<String>,
    action: Option<i64>,
    report_type: Option<String>,
    filter: Option<Vec<(String, String)>>,
    order: Option<String>,
    object_ids: Option<String>,
    response_options: Vec<(String, String)>,
}

/// The report types an export item may name: the room reports as Kava addresses custom reports
/// (the negated id, `-6001`), and the dashboard's types.
fn is_known_report_type(value: &str) -> bool {
    ReportKind::ALL
        .iter()
        .any(|kind| value == format!("-{}", kind.report_id()))
        || KNOWN_REPORT_TYPES.iter().any(|t| value == t.to_string())
}

fn field<'a>(fields: &'a [(String, Param)], name: &str) -> Option<&'a Param> {
    fields.iter().find(|(key, _)| key == name).map(|(_, v)| v)
}

fn text_field(fields: &[(String, Param)], name: &str) -> Option<String> {
    match field(fields, name)? {
        Param::Text(text) => Some(text.clone()),
        Param::Tree(_) => None,
    }
}

/// The text children of an object, in order (nested objects left out).
fn text_fields(fields: &[(String, Param)]) -> Vec<(String, String)> {
    fields
        .iter()
        .filter_map(|(key, value)| match value {
            Param::Text(text) => Some((key.clone(), text.clone())),
            Param::Tree(_) => None,
        })
        .collect()
}

/// An object property: absent, or the object's fields; a text there is refused as Kaltura's
/// deserializer refuses it.
fn object_at<'a>(
    value: Option<&'a Param>,
    name: &str,
) -> Result<Option<&'a [(String, Param)]>, ApiError> {
    match value {
        None => Ok(None),
        Some(Param::Tree(fields)) => Ok(Some(fields)),
        Some(Param::Text(_)) => Err(ApiError::property_wrong_format(name, "array")),
    }
}

/// Kaltura's `bool` cast: `false` in any case is false, otherwise PHP truthiness.
fn php_bool(text: &str) -> bool {
    !(text.is_empty() || text == "0" || text.eq_ignore_ascii_case("false"))
}

/// The argument step: `params` present and an object, every item an object, `action` and
/// `reportType` values of their enums.
pub fn parse(params: &Params) -> Result<ExportParams, ApiError> {
    let fields = object_at(params.get("params"), "params")?
        .ok_or_else(|| ApiError::missing_mandatory_parameter("params"))?;
    let mut items = Vec::new();
    if let Some(Param::Tree(list)) = field(fields, "reportItems") {
        for (_, item) in list {
            let item = object_at(Some(item), "params:reportItems")?.unwrap_or_default();
            items.push(parse_item(item)?);
        }
    }
    Ok(ExportParams {
        recipient_email: text_field(fields, "recipientEmail"),
        recipient_name: text_field(fields, "recipientName"),
        time_zone_offset: text_field(fields, "timeZoneOffset").map_or(0, |t| php_int_cast(&t)),
        reports_items_group: text_field(fields, "reportsItemsGroup"),
        use_friendly_headers: text_field(fields, "useFriendlyHeaders").map(|t| php_bool(&t)),
        items,
    })
}

fn parse_item(fields: &[(String, Param)]) -> Result<ExportItemParams, ApiError> {
    let action = match text_field(fields, "action") {
        None => None,
        Some(text) => {
            let value = match text.to_ascii_lowercase().as_str() {
                "true" => 1,
                "false" => 0,
                _ => php_int_cast(&text),
            };
            if !ITEM_ACTIONS.contains(&value) {
                return Err(ApiError::invalid_enum_value(
                    &text,
                    "action",
                    "KalturaReportExportItemType",
                ));
            }
            Some(value)
        }
    };
    let report_type = text_field(fields, "reportType");
    if let Some(value) = &report_type {
        if !is_known_report_type(value) {
            return Err(ApiError::invalid_enum_value(
                value,
                "reportType",
                "KalturaReportType",
            ));
        }
    }
    let filter = object_at(field(fields, "filter"), "params:reportItems:filter")?.map(text_fields);
    let response_options = object_at(
        field(fields, "responseOptions"),
        "params:reportItems:responseOptions",
    )?
    .map(text_fields)
    .unwrap_or_default();
    Ok(ExportItemParams {
        report_title: text_field(fields, "reportTitle"),
        action,
        report_type,
        filter,
        order: text_field(fields, "order"),
        object_ids: text_field(fields, "objectIds"),
        response_options,
    })
}

/// The simulator's own rule (Kaltura accepts anything here): one `@` with text on both sides, a
/// dot inside the domain, no spaces or control characters.
fn looks_like_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    address.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !address.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The action step: Kaltura's check of the items, then the recipient. Returns the record of the
/// accepted request (job id and partner still 0).
pub fn check(request: ExportParams) -> Result<EmailExport, ApiError> {
    if request.items.is_empty() {
        return Err(ApiError::missing_mandatory_parameter_unnamed());
    }
    let mut items = Vec::with_capacity(request.items.len());
    for item in request.items {
        let (Some(action), Some(report_type), Some(filter)) =
            (item.action, item.report_type, item.filter)
        else {
            return Err(ApiError::missing_mandatory_parameter_unnamed());
        };
        if report_type.is_empty() {
            return Err(ApiError::missing_mandatory_parameter_unnamed());
        }
        items.push(EmailExportItem {
            report_title: item.report_title,
            action,
            report_type,
            filter,
            order: item.order,
            object_ids: item.object_ids,
            response_options: item.response_options,
        });
    }
    let recipient = request
        .recipient_email
        .filter(|e| !e.trim().is_empty())
        .ok_or_else(|| ApiError::property_cannot_be_null(RECIPIENT_PROPERTY))?;
    if !looks_like_email(&recipient) {
        return Err(ApiError::property_wrong_format(
            RECIPIENT_PROPERTY,
            "name@domain",
        ));
    }
    Ok(EmailExport {
        partner_id: 0,
        reference_job_id: 0,
        recipient_email: recipient,
        recipient_name: request.recipient_name,
        time_zone_offset: request.time_zone_offset,
        reports_items_group: request.reports_items_group,
        use_friendly_headers: request.use_friendly_headers,
        items,
    })
}

/// The `KalturaReportExportResponse` for an accepted export.
pub fn response(export: &EmailExport) -> ApiValue {
    ApiValue::Object(
        "KalturaReportExportResponse",
        vec![
            ("referenceJobId", ApiValue::Int(export.reference_job_id)),
            (
                "reportEmail",
                ApiValue::text(export.recipient_email.as_str()),
            ),
        ],
    )
}

/// The record with every occurrence of each of `never_kept` (the request's KS, the partner's
/// secrets) replaced, in every text it holds. Empty strings are ignored.
pub fn without(mut export: EmailExport, never_kept: &[&str]) -> EmailExport {
    let scrub = |text: &mut String| {
        for secret in never_kept.iter().filter(|s| !s.is_empty()) {
            if text.contains(secret) {
                *text = text.replace(secret, REMOVED);
            }
        }
    };
    scrub(&mut export.recipient_email);
    for text in [&mut export.recipient_name, &mut export.reports_items_group]
        .into_iter()
        .flatten()
    {
        scrub(text);
    }
    for item in &mut export.items {
        scrub(&mut item.report_type);
        for text in [
            &mut item.report_title,
            &mut item.order,
            &mut item.object_ids,
        ]
        .into_iter()
        .flatten()
        {
            scrub(text);
        }
        for (key, value) in item
            .filter
            .iter_mut()
            .chain(item.response_options.iter_mut())
        {
            scrub(key);
            scrub(value);
        }
    }
    export
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn params(value: serde_json::Value) -> Params {
        Params::from_json_body(value.to_string().as_bytes())
    }

    fn valid() -> serde_json::Value {
        json!({"params": {
            "objectType": "KalturaReportExportParams",
            "recipientEmail": "ann@example.com",
            "recipientName": "Ann",
            "timeZoneOffset": -120,
            "reportsItemsGroup": "Attendees",
            "useFriendlyHeaders": false,
            "reportItems": [{
                "objectType": "KalturaReportExportItem",
                "reportTitle": "Attendees",
                "action": 1,
                "reportType": "-6001",
                "filter": {"objectType": "KalturaEndUserReportInputFilter", "fromDate": 100, "toDate": 200, "entryIdIn": "1_a,1_b"},
                "responseOptions": {"objectType": "KalturaReportResponseOptions", "delimiter": ","}
            }]
        }})
    }

    fn outcome(value: serde_json::Value) -> Result<EmailExport, ApiError> {
        parse(&params(value)).and_then(check)
    }

    fn code_of(value: serde_json::Value) -> (&'static str, String) {
        let error = outcome(value).unwrap_err();
        (error.code, error.message)
    }

    #[test]
    fn a_valid_request_becomes_a_record_of_what_was_sent() {
        let export = outcome(valid()).unwrap();
        assert_eq!(export.recipient_email, "ann@example.com");
        assert_eq!(export.recipient_name.as_deref(), Some("Ann"));
        assert_eq!(export.time_zone_offset, -120);
        assert_eq!(export.use_friendly_headers, Some(false));
        assert_eq!(export.reports_items_group.as_deref(), Some("Attendees"));
        let item = &export.items[0];
        assert_eq!((item.action, item.report_type.as_str()), (1, "-6001"));
        assert_eq!(item.filter_field("fromDate"), Some("100"));
        assert_eq!(item.filter_field("entryIdIn"), Some("1_a,1_b"));
        assert_eq!(
            item.filter_field("objectType"),
            Some("KalturaEndUserReportInputFilter")
        );
        assert_eq!(item.object_ids, None);
        assert!(item
            .response_options
            .contains(&("delimiter".to_string(), ",".to_string())));
    }

    #[test]
    fn params_must_be_an_object() {
        assert_eq!(
            code_of(json!({})),
            (
                "MISSING_MANDATORY_PARAMETER",
                "Missing parameter \"params\"".into()
            )
        );
        assert_eq!(
            code_of(json!({"params": "recipientEmail=a@b.c"})),
            (
                "PROPERTY_VALIDATION_WRONG_FORMAT",
                "The property \"params\" must match format array".into()
            )
        );
        let mut item_as_text = valid();
        item_as_text["params"]["reportItems"] = json!(["table"]);
        assert_eq!(code_of(item_as_text).0, "PROPERTY_VALIDATION_WRONG_FORMAT");
    }

    #[test]
    fn another_object_type_is_ignored_as_kaltura_ignores_it() {
        let mut other = valid();
        other["params"]["objectType"] = json!("KalturaSomethingElse");
        assert!(outcome(other).is_ok());
    }

    #[test]
    fn items_are_required_with_their_action_type_and_filter() {
        let unnamed = (
            "MISSING_MANDATORY_PARAMETER",
            "Missing parameter \"N/A\"".to_string(),
        );
        let mut none = valid();
        none["params"]["reportItems"] = json!([]);
        assert_eq!(code_of(none), unnamed);
        let mut absent = valid();
        absent["params"]
            .as_object_mut()
            .unwrap()
            .remove("reportItems");
        assert_eq!(code_of(absent), unnamed);
        for missing in ["action", "reportType", "filter"] {
            let mut request = valid();
            request["params"]["reportItems"][0]
                .as_object_mut()
                .unwrap()
                .remove(missing);
            assert_eq!(code_of(request), unnamed, "{missing}");
        }
    }

    #[test]
    fn enum_values_are_checked() {
        for (field, value, enum_type) in [
            ("action", json!(4), "KalturaReportExportItemType"),
            ("action", json!("table"), "KalturaReportExportItemType"),
            ("reportType", json!("6001"), "KalturaReportType"),
            ("reportType", json!("-6003"), "KalturaReportType"),
            ("reportType", json!(""), "KalturaReportType"),
        ] {
            let mut request = valid();
            request["params"]["reportItems"][0][field] = value.clone();
            let error = outcome(request).unwrap_err();
            assert_eq!(error.code, "INVALID_ENUM_VALUE", "{field} {value}");
            assert!(error.message.ends_with(&format!(
                "for parameter \"{field}\", expecting enumeration type \"{enum_type}\""
            )));
        }
        for (action, expected) in [(json!("2"), 2), (json!(3), 3), (json!("true"), 1)] {
            let mut request = valid();
            request["params"]["reportItems"][0]["action"] = action;
            assert_eq!(outcome(request).unwrap().items[0].action, expected);
        }
        let mut dashboard = valid();
        dashboard["params"]["reportItems"][0]["reportType"] = json!("60010");
        assert!(outcome(dashboard).is_ok());
    }

    #[test]
    fn the_recipient_is_required_and_must_look_like_an_address() {
        for recipient in [None, Some(json!("")), Some(json!("   "))] {
            let mut request = valid();
            match recipient {
                Some(value) => request["params"]["recipientEmail"] = value,
                None => {
                    request["params"]
                        .as_object_mut()
                        .unwrap()
                        .remove("recipientEmail");
                }
            }
            assert_eq!(
                code_of(request),
                (
                    "PROPERTY_VALIDATION_CANNOT_BE_NULL",
                    "The property \"KalturaReportExportParams::recipientEmail\" cannot be null"
                        .into()
                )
            );
        }
        for bad in [
            "ann",
            "ann@",
            "@example.com",
            "ann@example",
            "ann@@example.com",
            "ann@example..com",
            "ann smith@example.com",
            "ann@example.com\n",
        ] {
            let mut request = valid();
            request["params"]["recipientEmail"] = json!(bad);
            assert_eq!(
                code_of(request),
                (
                    "PROPERTY_VALIDATION_WRONG_FORMAT",
                    "The property \"KalturaReportExportParams::recipientEmail\" must match format name@domain"
                        .into()
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn items_are_checked_before_the_recipient_as_kaltura_orders_it() {
        let mut request = valid();
        request["params"]["recipientEmail"] = json!("");
        request["params"]["reportItems"] = json!([]);
        assert_eq!(code_of(request).0, "MISSING_MANDATORY_PARAMETER");
    }

    #[test]
    fn the_answer_names_the_job_and_the_address() {
        let mut export = outcome(valid()).unwrap();
        export.reference_job_id = 42;
        assert_eq!(
            response(&export).to_json(),
            r#"{"referenceJobId":42,"reportEmail":"ann@example.com","objectType":"KalturaReportExportResponse"}"#
        );
    }

    #[test]
    fn a_ks_or_secret_is_never_recorded() {
        let mut request = valid();
        request["params"]["recipientName"] = json!("KS-TEXT-123456");
        request["params"]["reportItems"][0]["filter"]["userIds"] = json!("a,SECRET-abcdef,b");
        let export = without(
            outcome(request).unwrap(),
            &["KS-TEXT-123456", "SECRET-abcdef", ""],
        );
        assert_eq!(export.recipient_name.as_deref(), Some("[removed]"));
        assert_eq!(
            export.items[0].filter_field("userIds"),
            Some("a,[removed],b")
        );
        assert_eq!(export.recipient_email, "ann@example.com");
    }
}
