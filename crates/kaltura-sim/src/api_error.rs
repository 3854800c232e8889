//! Kaltura API errors as the server builds and serializes them (docs/kaltura-wire-format.md §4):
//! the code, the message filled from its template, named string arguments, the JSON and XML forms,
//! and the "die error" headers of file actions. WHICH error a request gets is `dispatch`'s job.

use crate::php_json::{json_string, xml_text};

/// One API error: code, filled message and named arguments in template order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub code: &'static str,
    pub message: String,
    pub args: Vec<(&'static str, String)>,
}

impl ApiError {
    /// Builds an error from a Kaltura error constant's parts: the code, the argument names and the
    /// message template with `@NAME@` placeholders. Values are stripped of HTML tags, as the server does.
    fn from_template(
        code: &'static str,
        names: &[&'static str],
        template: &str,
        values: &[&str],
    ) -> Self {
        let mut message = template.to_string();
        let mut args = Vec::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            let value = values
                .get(i)
                .map(|v| strip_tags(v))
                .unwrap_or_else(|| "N/A".to_string());
            message = message.replace(&format!("@{name}@"), &value);
            args.push((*name, value));
        }
        ApiError {
            code,
            message,
            args,
        }
    }

    pub fn invalid_ks(ksid: &str) -> Self {
        Self::from_template(
            "INVALID_KS",
            &["KSID", "ERR_CODE", "ERR_DESC"],
            "Invalid KS \"@KSID@\", Error \"@ERR_CODE@,@ERR_DESC@\"",
            &[ksid, "-1", "INVALID_STR"],
        )
    }

    pub fn missing_ks() -> Self {
        Self::from_template(
            "MISSING_KS",
            &[],
            "Missing KS, session not established",
            &[],
        )
    }

    /// `service_action` as declared, e.g. `report->getCsvFromStringParams`.
    pub fn service_forbidden(service_action: &str) -> Self {
        Self::from_template(
            "SERVICE_FORBIDDEN",
            &["SERVICE"],
            "The access to service [@SERVICE@] is forbidden",
            &[service_action],
        )
    }

    pub fn content_blocked() -> Self {
        Self::from_template(
            "SERVICE_FORBIDDEN_CONTENT_BLOCKED",
            &[],
            "The access to this service is forbidden since the specified partner is blocked",
            &[],
        )
    }

    /// `pid` is `None` when no partnerId was sent (printed as `N/A`).
    pub fn start_session_error(pid: Option<&str>) -> Self {
        let values: Vec<&str> = pid.into_iter().collect();
        Self::from_template(
            "START_SESSION_ERROR",
            &["PID"],
            "Error while starting session for partner [@PID@]",
            &values,
        )
    }

    pub fn report_not_found(id: &str) -> Self {
        Self::from_template(
            "REPORT_NOT_FOUND",
            &["ID"],
            "Report id \"@ID@\" not found",
            &[id],
        )
    }

    #[cfg(any(feature = "faults", test))]
    pub fn action_blocked(action_lower: &str, service_lower: &str) -> Self {
        Self::from_template(
            "ACTION_BLOCKED",
            &["ACTION_NAME", "SERVICE_NAME"],
            "Action \"@ACTION_NAME@\" in service \"@SERVICE_NAME@\" is blocked",
            &[action_lower, service_lower],
        )
    }

    #[cfg(feature = "faults")]
    pub fn druid_timed_out() -> Self {
        Self::from_template("DRUID_QUERY_TIMED_OUT", &[], "Query timed out", &[])
    }

    pub fn internal_serverl_error() -> Self {
        Self::from_template(
            "INTERNAL_SERVERL_ERROR",
            &[],
            "Internal server error occurred",
            &[],
        )
    }

    pub fn missing_mandatory_parameter(name: &str) -> Self {
        Self::from_template(
            "MISSING_MANDATORY_PARAMETER",
            &["PARAM_NAME"],
            "Missing parameter \"@PARAM_NAME@\"",
            &[name],
        )
    }

    /// `MISSING_MANDATORY_PARAMETER` thrown without its argument, as
    /// `ReportService::validateReportExportParams` does: the name reads `N/A`.
    pub fn missing_mandatory_parameter_unnamed() -> Self {
        Self::from_template(
            "MISSING_MANDATORY_PARAMETER",
            &["PARAM_NAME"],
            "Missing parameter \"@PARAM_NAME@\"",
            &[],
        )
    }

    /// `prop` as Kaltura names object properties: `KalturaReportExportParams::recipientEmail`.
    pub fn property_cannot_be_null(prop: &str) -> Self {
        Self::from_template(
            "PROPERTY_VALIDATION_CANNOT_BE_NULL",
            &["PROP_NAME"],
            "The property \"@PROP_NAME@\" cannot be null",
            &[prop],
        )
    }

    /// `format` describes what was expected, e.g. `array`.
    pub fn property_wrong_format(prop: &str, format: &str) -> Self {
        Self::from_template(
            "PROPERTY_VALIDATION_WRONG_FORMAT",
            &["PROP_NAME", "FORMAT"],
            "The property \"@PROP_NAME@\" must match format @FORMAT@",
            &[prop, format],
        )
    }

    pub fn entry_id_not_found(entry_id: &str) -> Self {
        Self::from_template(
            "ENTRY_ID_NOT_FOUND",
            &["ENTRY_ID"],
            "Entry id \"@ENTRY_ID@\" not found",
            &[entry_id],
        )
    }

    pub fn invalid_enum_value(value: &str, param: &str, enum_type: &str) -> Self {
        Self::from_template(
            "INVALID_ENUM_VALUE",
            &["ENUM_VAL", "PARAM_NAME", "ENUM_TYPE"],
            "Invalid enumeration value \"@ENUM_VAL@\" for parameter \"@PARAM_NAME@\", expecting enumeration type \"@ENUM_TYPE@\"",
            &[value, param, enum_type],
        )
    }

    pub fn unknown_response_format(format: &str) -> Self {
        Self::from_template(
            "UNKNOWN_RESPONSE_FORMAT",
            &["FORMAT"],
            "Response format provided [@FORMAT@] is not recognized by server",
            &[format],
        )
    }

    pub fn service_not_specified() -> Self {
        Self::from_template(
            "SERVICE_NOT_SPECIFIED",
            &[],
            "Service name was not specified, please specify one",
            &[],
        )
    }

    pub fn service_does_not_exist(service: &str) -> Self {
        Self::from_template(
            "SERVICE_DOES_NOT_EXISTS",
            &["SRV_NAME"],
            "Service \"@SRV_NAME@\" does not exists",
            &[service],
        )
    }

    pub fn action_does_not_exist(action: &str, service: &str) -> Self {
        Self::from_template(
            "ACTION_DOES_NOT_EXISTS",
            &["ACTION_NAME", "SERVICE_NAME"],
            "Action \"@ACTION_NAME@\" does not exists for service \"@SERVICE_NAME@\"",
            &[action, service],
        )
    }

    /// The JSON form (format=1): keys in the order code, message, objectType, args; `args` is `[]`
    /// when the error has none.
    pub fn to_json(&self) -> String {
        let args = if self.args.is_empty() {
            "[]".to_string()
        } else {
            let pairs: Vec<String> = self
                .args
                .iter()
                .map(|(k, v)| format!("{}:{}", json_string(k), json_string(v)))
                .collect();
            format!("{{{}}}", pairs.join(","))
        };
        format!(
            "{{\"code\":{},\"message\":{},\"objectType\":\"KalturaAPIException\",\"args\":{}}}",
            json_string(self.code),
            json_string(&self.message),
            args
        )
    }

    /// The `<error>` element of the XML form (format=2), without the envelope.
    pub fn to_xml_element(&self) -> String {
        let mut args = String::new();
        for (k, v) in &self.args {
            args.push_str("<item><objectType>KalturaApiExceptionArg</objectType><name>");
            args.push_str(&xml_text(k));
            args.push_str("</name><value>");
            args.push_str(&xml_text(v));
            args.push_str("</value></item>");
        }
        format!(
            "<error><code>{}</code><message>{}</message><objectType>KalturaAPIException</objectType><args>{}</args></error>",
            xml_text(self.code),
            xml_text(&self.message),
            args
        )
    }

    /// The two headers of a die error: `X-Kaltura: error- <CODE>` and
    /// `X-Kaltura-App: exiting on error <CODE> - <message>`.
    pub fn die_headers(&self) -> Vec<(String, String)> {
        vec![
            (
                "X-Kaltura".to_string(),
                header_safe(&format!("error- {}", self.code)),
            ),
            (
                "X-Kaltura-App".to_string(),
                header_safe(&format!(
                    "exiting on error {} - {}",
                    self.code, self.message
                )),
            ),
        ]
    }

    /// The headers SERVICE_FORBIDDEN adds to its ordinary serialized body.
    pub fn forbidden_headers(&self) -> Vec<(String, String)> {
        vec![
            (
                "X-Kaltura".to_string(),
                header_safe(&format!("error-{}", self.code)),
            ),
            (
                "X-Kaltura-App".to_string(),
                header_safe(&format!(
                    "exiting on error {} - {}",
                    self.code, self.message
                )),
            ),
        ]
    }
}

/// PHP `strip_tags`, simplified: drops every `<…>` run (an unclosed `<` drops the rest).
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match (in_tag, c) {
            (false, '<') => in_tag = true,
            (false, c) => out.push(c),
            (true, '>') => in_tag = false,
            (true, _) => {}
        }
    }
    out
}

/// Header values must stay on one line of visible ASCII; anything else becomes `?`. (Kaltura would
/// write raw bytes; the simulator keeps its own HTTP framing valid instead.)
pub fn header_safe(s: &str) -> String {
    s.chars()
        .map(|c| if (' '..='~').contains(&c) { c } else { '?' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shapes_match_the_reference_byte_for_byte() {
        assert_eq!(
            ApiError::invalid_ks("EXPIRED").to_json(),
            r#"{"code":"INVALID_KS","message":"Invalid KS \"EXPIRED\", Error \"-1,INVALID_STR\"","objectType":"KalturaAPIException","args":{"KSID":"EXPIRED","ERR_CODE":"-1","ERR_DESC":"INVALID_STR"}}"#
        );
        assert_eq!(
            ApiError::internal_serverl_error().to_json(),
            r#"{"code":"INTERNAL_SERVERL_ERROR","message":"Internal server error occurred","objectType":"KalturaAPIException","args":[]}"#
        );
    }

    #[test]
    fn missing_argument_is_na_and_tags_are_stripped() {
        assert_eq!(
            ApiError::start_session_error(None).message,
            "Error while starting session for partner [N/A]"
        );
        assert_eq!(
            ApiError::report_not_found("<b>7</b>").message,
            "Report id \"7\" not found"
        );
        assert_eq!(
            ApiError::action_blocked("getcsv", "report").message,
            "Action \"getcsv\" in service \"report\" is blocked"
        );
    }

    #[test]
    fn die_headers_have_the_space_after_the_dash() {
        let h = ApiError::report_not_found("7").die_headers();
        assert_eq!(
            h[0],
            (
                "X-Kaltura".to_string(),
                "error- REPORT_NOT_FOUND".to_string()
            )
        );
        assert_eq!(
            h[1],
            (
                "X-Kaltura-App".to_string(),
                "exiting on error REPORT_NOT_FOUND - Report id \"7\" not found".to_string()
            )
        );
    }
}
