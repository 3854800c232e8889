//! Turns one request's merged parameters into Kaltura's answer, checking in the server's order
//! (docs/kaltura-wire-format.md §4.2): format, service/action, KS signature, rate limit,
//! arguments, KS expiry and partner status, permission, then the action (`report.getCsv*`,
//! `report.exportToCsv`, `session.start`, the dashboard's `report.getTotal/getTable/getGraphs`,
//! `baseentry.get`, `schedule_scheduleevent.list`, `cuepoint_cuepoint.list`); a multirequest runs
//! each sub-request through the same steps into its slot. A `content-type` parameter overrides the
//! response's Content-Type (§2.4). HTTP framing and transport faults are `server`'s job.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Instant;

use crate::api_error::{header_safe, ApiError};
use crate::api_value::ApiValue;
use crate::config::{KsVersion, PartnerConfig, PartnerStatus};
use crate::csv_body::{write_header, write_row, BOM};
use crate::dashboard_params::{self, DashboardRequest, Pager};
use crate::faults::Fault;
use crate::http_wire::{http_date, Response};
use crate::ks::{self, KsSpec, ValidKs};
use crate::multirequest;
use crate::org::Org;
use crate::params::{Param, Params};
use crate::php_format::{php_float, php_float_cast, php_int_cast};
use crate::php_json::{json_string, xml_text};
use crate::report_export::{self, ExportParams};
use crate::report_kind::ReportKind;
use crate::report_params::{self, ParamEntry};
use crate::report_shapes;
use crate::stats::{EmailExport, ReportCall};
use crate::{dashboard_reports, room_entries};

/// A partner with its generated organisation.
pub struct Partner {
    pub config: PartnerConfig,
    pub org: Org,
}

pub struct Context<'a> {
    pub partners: &'a [Partner],
    pub row_cap: usize,
    /// "Now" for KS expiry (real clock plus the plan's offset).
    pub ks_now: i64,
    /// The fault drawn for this request, if it acts inside the API logic.
    pub fault: Option<&'a Fault>,
    /// The next `referenceJobId` an accepted export gets.
    pub next_job_id: &'a AtomicI64,
}

pub struct Dispatched {
    pub response: Response,
    pub report_call: Option<ReportCall>,
    /// The exports accepted by this request (a multirequest may hold several).
    pub email_exports: Vec<EmailExport>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Xml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    GetCsvFromStringParams,
    GetCsv,
    ExportToCsv,
    SessionStart,
    GetTotal,
    GetTable,
    GetGraphs,
    BaseEntryGet,
    ScheduleEventList,
    CuePointList,
}

impl Action {
    fn declared(self) -> &'static str {
        match self {
            Action::GetCsvFromStringParams => "report->getCsvFromStringParams",
            Action::GetCsv => "report->getCsv",
            Action::ExportToCsv => "report->exportToCsv",
            Action::SessionStart => "session->start",
            Action::GetTotal => "report->getTotal",
            Action::GetTable => "report->getTable",
            Action::GetGraphs => "report->getGraphs",
            Action::BaseEntryGet => "baseEntry->get",
            Action::ScheduleEventList => "scheduleEvent->list",
            Action::CuePointList => "cuePoint->list",
        }
    }

    /// Report actions need a role with ANALYTICS_BASE; the look-ups take any valid KS.
    fn reads_reports(self) -> bool {
        matches!(
            self,
            Action::GetCsvFromStringParams
                | Action::GetCsv
                | Action::ExportToCsv
                | Action::GetTotal
                | Action::GetTable
                | Action::GetGraphs
        )
    }
}

/// What the argument step (§1.9 step 6) built for the action.
enum Arguments {
    Csv,
    Dashboard(DashboardRequest),
    Export(ExportParams),
    Lookup,
}

struct Failure {
    error: ApiError,
    die: bool,
}

impl From<ApiError> for Failure {
    fn from(error: ApiError) -> Self {
        Failure { error, die: false }
    }
}

fn die(error: ApiError) -> Failure {
    Failure { error, die: true }
}

fn plain(r: Response) -> Dispatched {
    Dispatched {
        response: r,
        report_call: None,
        email_exports: Vec::new(),
    }
}

/// `service.action` in lower case, as used for statistics and fault selection.
pub fn route_key(params: &Params) -> String {
    let service = params.text("service").unwrap_or("").to_ascii_lowercase();
    let action = params.text("action").unwrap_or("").to_ascii_lowercase();
    format!("{service}.{action}")
}

pub fn dispatch(ctx: &Context<'_>, params: &Params) -> Dispatched {
    let mut dispatched = dispatch_inner(ctx, params);
    if let Some(content_type) = params.text("content-type") {
        let value = header_safe(content_type);
        for (name, v) in dispatched.response.headers.iter_mut() {
            if name.eq_ignore_ascii_case("content-type") {
                *v = value.clone();
            }
        }
    }
    dispatched
}

fn dispatch_inner(ctx: &Context<'_>, params: &Params) -> Dispatched {
    let started = Instant::now();
    let format = match params.text("format") {
        None => Format::Xml,
        Some(f) => match parse_format(f) {
            Some(format) => format,
            None => return plain(die_response(&ApiError::unknown_response_format(f))),
        },
    };
    if multirequest::is_multirequest(params) {
        let mut email_exports = Vec::new();
        let slots: Vec<ApiValue> = multirequest::sub_requests(params)
            .iter()
            .map(|sub| run_in_slot(ctx, sub, &mut email_exports))
            .collect();
        return Dispatched {
            email_exports,
            ..plain(object_result(format, &ApiValue::Array(slots), started))
        };
    }
    match run(ctx, params) {
        Ok(ActionResult::Csv(response, call)) => Dispatched {
            response,
            report_call: Some(call),
            email_exports: Vec::new(),
        },
        Ok(ActionResult::Export(export)) => plain(object_result(
            format,
            &report_export::response(&export),
            started,
        ))
        .with_export(export),
        Ok(ActionResult::Text(s)) => plain(text_result(format, &s, started)),
        Ok(ActionResult::Object(value)) => plain(object_result(format, &value, started)),
        Err(f) if f.die => plain(die_response(&f.error)),
        Err(f) => plain(error_response(format, &f.error, started)),
    }
}

/// PHP 8 loose comparison of the parameter with 1 and 2.
fn parse_format(f: &str) -> Option<Format> {
    let value = f
        .trim_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c'])
        .parse::<f64>()
        .ok()?;
    if value == 1.0 {
        Some(Format::Json)
    } else if value == 2.0 {
        Some(Format::Xml)
    } else {
        None
    }
}

enum ActionResult {
    Csv(Response, ReportCall),
    Text(String),
    Object(ApiValue),
    /// An accepted export: its record, which also gives the answer.
    Export(EmailExport),
}

impl Dispatched {
    fn with_export(mut self, export: EmailExport) -> Self {
        self.email_exports.push(export);
        self
    }
}

/// One multirequest slot: the result, or the error object in its place. (A CSV action's file
/// becomes a string; Kaltura's clients never send one in a multirequest.) Accepted exports are
/// added to `email_exports`.
fn run_in_slot(
    ctx: &Context<'_>,
    params: &Params,
    email_exports: &mut Vec<EmailExport>,
) -> ApiValue {
    match run(ctx, params) {
        Ok(ActionResult::Object(value)) => value,
        Ok(ActionResult::Export(export)) => {
            let value = report_export::response(&export);
            email_exports.push(export);
            value
        }
        Ok(ActionResult::Text(s)) => ApiValue::Text(s),
        Ok(ActionResult::Csv(response, _)) => {
            ApiValue::Text(String::from_utf8_lossy(&response.body).into_owned())
        }
        Err(f) => ApiValue::Error(f.error),
    }
}

/// The argument step for one action.
fn arguments(action: Action, params: &Params) -> Result<Arguments, Failure> {
    match action {
        Action::GetCsvFromStringParams | Action::GetCsv | Action::SessionStart => {
            if !params.contains("id") {
                return Err(ApiError::missing_mandatory_parameter("id").into());
            }
            Ok(Arguments::Csv)
        }
        Action::ExportToCsv => report_export::parse(params)
            .map(Arguments::Export)
            .map_err(Failure::from),
        Action::GetTotal | Action::GetTable | Action::GetGraphs => {
            dashboard_params::parse(params, action == Action::GetTable)
                .map(Arguments::Dashboard)
                .map_err(Failure::from)
        }
        Action::BaseEntryGet => {
            if params.text("entryId").is_none() {
                return Err(ApiError::missing_mandatory_parameter("entryId").into());
            }
            Ok(Arguments::Lookup)
        }
        Action::ScheduleEventList | Action::CuePointList => Ok(Arguments::Lookup),
    }
}

fn run(ctx: &Context<'_>, params: &Params) -> Result<ActionResult, Failure> {
    let action = route(params)?;
    if action == Action::SessionStart {
        return session_start(ctx, params).map(ActionResult::Text);
    }
    let ks = match params.text("ks").filter(|k| !k.is_empty()) {
        Some(ks_text) => Some(
            ks::validate(ks_text, |pid| {
                partner(ctx, pid).map(|p| p.config.admin_secrets.as_slice())
            })
            .map_err(|_| ApiError::invalid_ks(ks_text))?,
        ),
        None => None,
    };
    #[cfg(feature = "faults")]
    if ctx.fault == Some(&Fault::ActionBlocked) {
        let service = params.text("service").unwrap_or("").to_ascii_lowercase();
        let action_name = params.text("action").unwrap_or("").to_ascii_lowercase();
        return Err(ApiError::action_blocked(&action_name, &service).into());
    }
    let args = arguments(action, params)?;
    let requested_partner = [params.text("partnerId"), params.text("p")]
        .into_iter()
        .flatten()
        .find(|v| !v.is_empty())
        .map(php_int_cast);
    let operating = match &ks {
        Some(k) => Some(k.partner_id),
        None => requested_partner,
    };
    if let Some(k) = &ks {
        if k.valid_until <= ctx.ks_now || Fault::expires_ks(ctx.fault) {
            return Err(ApiError::invalid_ks("EXPIRED").into());
        }
    }
    if operating
        .and_then(|pid| partner(ctx, pid))
        .is_some_and(|p| p.config.status == PartnerStatus::Blocked)
    {
        return Err(ApiError::content_blocked().into());
    }
    let Some(ks) = ks else {
        return Err(match operating {
            None => ApiError::missing_ks(),
            Some(_) => ApiError::service_forbidden(action.declared()),
        }
        .into());
    };
    let cross_partner = requested_partner.is_some_and(|pid| pid != ks.partner_id);
    if cross_partner || (action.reads_reports() && !may_read_reports(&ks)) {
        return Err(ApiError::service_forbidden(action.declared()).into());
    }
    let owner = partner(ctx, ks.partner_id).ok_or_else(ApiError::internal_serverl_error)?;
    match args {
        Arguments::Csv => {
            report_action(ctx, params, action, owner).map(|(r, c)| ActionResult::Csv(r, c))
        }
        Arguments::Dashboard(request) => {
            dashboard_action(ctx, action, &request, owner).map(ActionResult::Object)
        }
        Arguments::Export(request) => {
            export_action(ctx, params, request, owner).map(ActionResult::Export)
        }
        Arguments::Lookup => lookup_action(action, params, owner).map(ActionResult::Object),
    }
}

/// `report.exportToCsv`: the request checked, given the next job id, and recorded without the
/// KS or the partner's secrets.
fn export_action(
    ctx: &Context<'_>,
    params: &Params,
    request: ExportParams,
    owner: &Partner,
) -> Result<EmailExport, Failure> {
    #[cfg(feature = "faults")]
    if ctx.fault == Some(&Fault::InternalError) {
        return Err(ApiError::internal_serverl_error().into());
    }
    let mut export = report_export::check(request)?;
    export.partner_id = owner.config.partner_id;
    export.reference_job_id = ctx.next_job_id.fetch_add(1, Ordering::Relaxed);
    let mut never_kept: Vec<&str> = owner
        .config
        .admin_secrets
        .iter()
        .map(String::as_str)
        .collect();
    never_kept.extend(owner.config.user_secret.as_deref());
    never_kept.extend(params.text("ks"));
    Ok(report_export::without(export, &never_kept))
}

fn dashboard_action(
    ctx: &Context<'_>,
    action: Action,
    request: &DashboardRequest,
    owner: &Partner,
) -> Result<ApiValue, Failure> {
    #[cfg(feature = "faults")]
    match ctx.fault {
        Some(Fault::DruidQueryTimedOut) => return Err(ApiError::druid_timed_out().into()),
        Some(Fault::InternalError) => return Err(ApiError::internal_serverl_error().into()),
        _ => {}
    }
    #[cfg(not(feature = "faults"))]
    let _ = ctx;
    let org = &owner.org;
    let delimiter = request.delimiter.as_str();
    Ok(match action {
        Action::GetTable => report_shapes::table_object(
            dashboard_reports::table(org, request),
            request.pager.unwrap_or(Pager { size: 30, index: 1 }),
            delimiter,
        ),
        Action::GetGraphs => {
            report_shapes::graphs_array(dashboard_reports::graphs(org, request), delimiter)
        }
        _ => report_shapes::total_object(dashboard_reports::total(org, request), delimiter),
    })
}

fn lookup_action(action: Action, params: &Params, owner: &Partner) -> Result<ApiValue, Failure> {
    let pid = owner.config.partner_id;
    match action {
        Action::BaseEntryGet => {
            room_entries::base_entry_get(&owner.org, pid, params).map_err(Failure::from)
        }
        Action::ScheduleEventList => Ok(room_entries::schedule_event_list()),
        _ => Ok(room_entries::cue_point_list(&owner.org, pid, params)),
    }
}

fn may_read_reports(ks: &ValidKs) -> bool {
    ks.is_admin() || ks.has_privilege("setrole:REPORT_VIEWER_ROLE")
}

fn partner<'a>(ctx: &Context<'a>, pid: i64) -> Option<&'a Partner> {
    ctx.partners.iter().find(|p| p.config.partner_id == pid)
}

fn route(params: &Params) -> Result<Action, Failure> {
    let service = match params.text("service") {
        Some(s) if !s.is_empty() => s.to_ascii_lowercase(),
        _ => return Err(ApiError::service_not_specified().into()),
    };
    let action = params.text("action").unwrap_or("").to_ascii_lowercase();
    match (service.as_str(), action.as_str()) {
        ("report", "getcsvfromstringparams") => Ok(Action::GetCsvFromStringParams),
        ("report", "getcsv") => Ok(Action::GetCsv),
        ("report", "exporttocsv") => Ok(Action::ExportToCsv),
        ("report", "gettotal") => Ok(Action::GetTotal),
        ("report", "gettable") => Ok(Action::GetTable),
        ("report", "getgraphs") => Ok(Action::GetGraphs),
        ("session", "start") => Ok(Action::SessionStart),
        ("baseentry", "get") => Ok(Action::BaseEntryGet),
        ("schedule_scheduleevent", "list") => Ok(Action::ScheduleEventList),
        ("cuepoint_cuepoint", "list") => Ok(Action::CuePointList),
        (
            "report" | "session" | "baseentry" | "schedule_scheduleevent" | "cuepoint_cuepoint",
            _,
        ) => Err(ApiError::action_does_not_exist(&action, &service).into()),
        _ => Err(ApiError::service_does_not_exist(&service).into()),
    }
}

fn report_action(
    ctx: &Context<'_>,
    params: &Params,
    action: Action,
    owner: &Partner,
) -> Result<(Response, ReportCall), Failure> {
    #[cfg(feature = "faults")]
    match ctx.fault {
        Some(Fault::DruidQueryTimedOut) => return Err(die(ApiError::druid_timed_out())),
        Some(Fault::InternalError) => return Err(ApiError::internal_serverl_error().into()),
        _ => {}
    }
    let partner_id = owner.config.partner_id;
    let id_text = params.text("id").unwrap_or("");
    let id = php_float_cast(id_text);
    let Some(kind) = ReportKind::from_report_id(id) else {
        return Err(die(ApiError::report_not_found(&php_float(id))));
    };
    let entries = match action {
        Action::GetCsv => {
            report_params::from_key_values(key_value_array(params.get("params")), partner_id)
        }
        _ => report_params::parse_params_string(params.text("params").unwrap_or(""), partner_id),
    };
    let query = report_params::resolve(kind, &entries)
        .map_err(|_missing| ApiError::internal_serverl_error())?;
    let cap = query.limit.map_or(ctx.row_cap, |l| l.min(ctx.row_cap));
    let mut rows = owner.org.rows(
        kind,
        query.from,
        query.to,
        &query.filters,
        cap.saturating_add(1),
    );
    let capped = rows.len() > cap;
    rows.truncate(cap);

    let excluded: Vec<&str> = params
        .text("excludedFields")
        .map(|e| e.split(',').collect())
        .unwrap_or_default();
    let keep: Vec<usize> = (0..kind.columns().len())
        .filter(|i| {
            kind.columns()
                .get(*i)
                .is_some_and(|c| !excluded.contains(c))
        })
        .collect();
    let header: Vec<&str> = keep
        .iter()
        .filter_map(|i| kind.columns().get(*i).copied())
        .collect();
    let mut body = Vec::with_capacity(rows.len() * 120 + 256);
    body.extend_from_slice(BOM);
    let _ = write_header(&mut body, &header);
    for row in &rows {
        if keep.len() == row.len() {
            let _ = write_row(&mut body, row);
        } else {
            let kept: Vec<String> = keep.iter().filter_map(|i| row.get(*i).cloned()).collect();
            let _ = write_row(&mut body, &kept);
        }
    }
    let id_label = php_float(id);
    let name = header_safe(&report_params::file_name(&id_label, partner_id, &entries))
        .replace(['"', '\\'], "_");
    let now = crate::http_wire::unix_now();
    let response = Response::new(200, "text/csv", body)
        .with_header(
            "Content-Disposition",
            &format!("attachment; filename=\"{name}\""),
        )
        .with_header("Cache-Control", "public, max-age=8640000, max-stale=0")
        .with_header("Expires", &http_date(now + 8_640_000))
        .with_header("Last-Modified", &http_date(now));
    let call = ReportCall {
        report_id: kind.report_id(),
        partner_id,
        from: query.from,
        to: query.to,
        params: entries
            .into_iter()
            .map(|ParamEntry { key, value }| (key, value))
            .collect(),
        rows: rows.len(),
        capped,
    };
    Ok((response, call))
}

/// The items of a `KalturaKeyValueArray` parameter, in order: `{key, value}` objects.
fn key_value_array(param: Option<&Param>) -> Vec<(String, Option<String>)> {
    let Some(Param::Tree(items)) = param else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|(_, item)| match item {
            Param::Tree(fields) => {
                let field = |name: &str| {
                    fields
                        .iter()
                        .find(|(k, _)| k == name)
                        .and_then(|(_, v)| match v {
                            Param::Text(t) => Some(t.clone()),
                            Param::Tree(_) => None,
                        })
                };
                field("key").map(|k| (k, field("value")))
            }
            Param::Text(_) => None,
        })
        .collect()
}

fn session_start(ctx: &Context<'_>, params: &Params) -> Result<String, Failure> {
    let Some(secret) = params.text("secret") else {
        return Err(ApiError::missing_mandatory_parameter("secret").into());
    };
    let ks_type = match params.text("type").filter(|t| !t.trim().is_empty()) {
        None => 0,
        Some(t) => match t.trim().parse::<i64>() {
            Ok(v @ (0 | 2)) => v,
            _ => return Err(ApiError::invalid_enum_value(t, "type", "KalturaSessionType").into()),
        },
    };
    let pid_text = params.text("partnerId");
    let fail = || Failure::from(ApiError::start_session_error(pid_text));
    let pid = pid_text.map(php_int_cast).ok_or_else(fail)?;
    let p = partner(ctx, pid).ok_or_else(fail)?;
    if p.config.status != PartnerStatus::Active {
        return Err(fail());
    }
    let is_admin_secret = p.config.admin_secrets.iter().any(|s| s == secret);
    let is_user_secret = ks_type == 0 && p.config.user_secret.as_deref() == Some(secret);
    if !is_admin_secret && !is_user_secret {
        return Err(fail());
    }
    let signing_secret = if ks_type == 0 {
        p.config
            .admin_secrets
            .first()
            .map(String::as_str)
            .unwrap_or(secret)
    } else {
        secret
    };
    let expiry = params
        .text("expiry")
        .map(php_int_cast)
        .filter(|e| *e > 0)
        .unwrap_or(86_400)
        .min(86_400);
    let spec = KsSpec {
        partner_id: pid,
        secret: signing_secret,
        ks_type,
        user_id: params.text("userId").unwrap_or(""),
        privileges: params.text("privileges").unwrap_or(""),
        valid_until: crate::http_wire::unix_now() + expiry,
    };
    let mut random = [0u8; 16];
    getrandom::fill(&mut random).map_err(|_| ApiError::internal_serverl_error())?;
    Ok(match p.config.ks_version {
        KsVersion::V2 => ks::sign_v2(&spec, random),
        KsVersion::V1 => ks::sign_v1(
            &spec,
            u32::from_le_bytes([random[0], random[1], random[2], random[3]]) % 0x10001,
        ),
    })
}

fn execution_time(started: Instant) -> String {
    php_float(started.elapsed().as_secs_f64())
}

fn xml_envelope(result: &str, started: Instant) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><xml><result>{result}</result><executionTime>{}</executionTime></xml>",
        execution_time(started)
    )
    .into_bytes()
}

fn text_result(format: Format, s: &str, started: Instant) -> Response {
    match format {
        Format::Json => Response::new(200, "application/json", json_string(s).into_bytes()),
        Format::Xml => Response::new(200, "text/xml", xml_envelope(&xml_text(s), started)),
    }
}

/// A result object (or array) in the requested format.
fn object_result(format: Format, value: &ApiValue, started: Instant) -> Response {
    match format {
        Format::Json => Response::new(200, "application/json", value.to_json().into_bytes()),
        Format::Xml => Response::new(200, "text/xml", xml_envelope(&value.to_xml(), started)),
    }
}

/// An API error serialized in the requested format (HTTP 200).
fn error_response(format: Format, error: &ApiError, started: Instant) -> Response {
    let mut r = match format {
        Format::Json => Response::new(200, "application/json", error.to_json().into_bytes()),
        Format::Xml => Response::new(
            200,
            "text/xml",
            xml_envelope(&error.to_xml_element(), started),
        ),
    };
    if error.code == "SERVICE_FORBIDDEN" {
        r.headers.extend(error.forbidden_headers());
    }
    r
}

/// A die error: HTTP 200, empty body, the X-Kaltura headers.
fn die_response(error: &ApiError) -> Response {
    let mut r = Response::new(200, "text/html; charset=UTF-8", Vec::new());
    r.headers.extend(error.die_headers());
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_is_compared_loosely_like_php() {
        assert_eq!(parse_format("1"), Some(Format::Json));
        assert_eq!(parse_format(" 1.0 "), Some(Format::Json));
        assert_eq!(parse_format("2"), Some(Format::Xml));
        assert_eq!(parse_format("3"), None);
        assert_eq!(parse_format("1abc"), None);
        assert_eq!(parse_format(""), None);
    }
}
