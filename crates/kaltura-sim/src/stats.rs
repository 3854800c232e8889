//! What the simulator saw, for tests to assert on: request counts per action, requests that put
//! the KS in the URL, Content-Types other than exactly `application/json`, the last clientTag,
//! faults served, recent report calls and the e-mail exports it accepted. Never holds a KS or a
//! secret.

use std::collections::BTreeMap;

/// One `report.getCsv*` call that reached the action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportCall {
    pub report_id: u32,
    pub partner_id: i64,
    pub from: i64,
    pub to: i64,
    /// The parsed `params` entries (key, value) after the partner rule.
    pub params: Vec<(String, Option<String>)>,
    /// Rows in the response (after the cap).
    pub rows: usize,
    /// True when more rows matched than the cap allowed.
    pub capped: bool,
}

/// How many recent report calls are kept.
pub const REPORT_CALLS_KEPT: usize = 1000;

/// One `report.exportToCsv` request the simulator accepted (it e-mails nothing). Text is kept as
/// sent, except that the request's KS or a secret of its partner, wherever it appears, is
/// replaced by `[removed]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailExport {
    pub partner_id: i64,
    /// The `referenceJobId` the simulator answered.
    pub reference_job_id: i64,
    pub recipient_email: String,
    pub recipient_name: Option<String>,
    /// `timeZoneOffset` in minutes, Kaltura's sign (UTC − local: −120 for UTC+2); 0 when absent.
    pub time_zone_offset: i64,
    pub reports_items_group: Option<String>,
    pub use_friendly_headers: Option<bool>,
    pub items: Vec<EmailExportItem>,
}

/// One `KalturaReportExportItem` of an accepted export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailExportItem {
    pub report_title: Option<String>,
    /// `KalturaReportExportItemType`: 1 table, 2 total, 3 graph.
    pub action: i64,
    /// As sent: `-6001` for the custom report 6001, `60010` for a dashboard report.
    pub report_type: String,
    /// The filter's text fields as sent (`objectType`, `fromDate`, `entryIdIn`, …).
    pub filter: Vec<(String, String)>,
    pub order: Option<String>,
    pub object_ids: Option<String>,
    /// The `responseOptions` text fields as sent (`delimiter`, …).
    pub response_options: Vec<(String, String)>,
}

impl EmailExportItem {
    /// A filter field as sent, e.g. `filter_field("fromDate")`.
    pub fn filter_field(&self, name: &str) -> Option<&str> {
        self.filter
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// How many accepted e-mail exports are kept.
pub const EMAIL_EXPORTS_KEPT: usize = 1000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SimStats {
    pub requests: u64,
    /// Keyed `service.action`, lower-case as the dispatcher sees them (`report.getcsvfromstringparams`);
    /// a multirequest counts as `multirequest.` and once more per sub-request (`report.gettotal`).
    pub by_action: BTreeMap<String, u64>,
    /// Requests whose `ks` came in the URL path or query string (Roomlens must never do that).
    pub ks_in_url: u64,
    /// Requests whose Content-Type header was absent or not exactly `application/json`.
    pub content_type_not_exactly_json: u64,
    pub last_client_tag: Option<String>,
    pub faults_served: u64,
    pub faults_by_name: BTreeMap<String, u64>,
    pub csv_responses: u64,
    pub rows_served: u64,
    pub capped_responses: u64,
    /// The latest calls, oldest first (at most 1,000).
    pub report_calls: Vec<ReportCall>,
    /// The latest accepted `report.exportToCsv` requests, oldest first (at most 1,000).
    pub email_exports: Vec<EmailExport>,
}

impl SimStats {
    pub fn count_action(&self, key: &str) -> u64 {
        self.by_action.get(key).copied().unwrap_or(0)
    }

    pub(crate) fn record_report(&mut self, call: ReportCall) {
        self.csv_responses += 1;
        self.rows_served += call.rows as u64;
        if call.capped {
            self.capped_responses += 1;
        }
        if self.report_calls.len() >= REPORT_CALLS_KEPT {
            self.report_calls.remove(0);
        }
        self.report_calls.push(call);
    }

    pub(crate) fn record_email_export(&mut self, export: EmailExport) {
        if self.email_exports.len() >= EMAIL_EXPORTS_KEPT {
            self.email_exports.remove(0);
        }
        self.email_exports.push(export);
    }
}
