//! What the simulator saw, for tests to assert on: request counts per action, requests that put
//! the KS in the URL, Content-Types other than exactly `application/json`, the last clientTag,
//! faults served and recent report calls. Never holds a KS or a secret.

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
}
