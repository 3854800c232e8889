//! The report calls behind one session's dashboard, batched as Kaltura's Room analytics page
//! batches them (docs/kaltura-wire-format.md §8.2): totals, tables and graphs of report types
//! 60001–60012 and 70001 over the session's window, with the `|` delimiter, the person's time-zone
//! offset, and every page of the paged tables (60004's minutes, 60010's people). It returns the
//! reply objects as read; `figures` and `session_dashboard` make them into the dashboard.

use crate::cancel::CancelToken;
use crate::error::Error;
use crate::kaltura::multirequest::{ApiCall, CallResult, MAX_CALLS};
use crate::kaltura::report_objects::{ReportGraph, ReportTable, ReportTotal, DELIMITER};
use crate::kaltura::KalturaClient;
use serde_json::{json, Value};

/// Rows per page of the paged tables (Kaltura allows at most 12,000 rows in a report's first
/// pages: page index × page size ≤ 12,000).
pub const PAGE_ROWS: u64 = 500;

/// The session window the reports are asked for, and the person's time-zone offset.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReportWindow {
    /// Unix seconds: the session start rounded down to the hour in local time (Kaltura's page).
    pub from: i64,
    /// Unix seconds: the session end.
    pub to: i64,
    /// Minutes, JavaScript's sign (UTC − local; −120 for UTC+2).
    pub zone_offset_minutes: i32,
    pub live_entry_ids: Vec<String>,
    pub vod_entry_ids: Vec<String>,
}

/// Every reply the dashboard needs, read.
#[derive(Debug, Clone, Default)]
pub struct SessionReports {
    pub minutes: ReportTotal,
    pub viewers: ReportTotal,
    pub engagement: ReportTotal,
    pub participation: ReportTotal,
    pub timeline: ReportTable,
    pub devices: ReportTable,
    pub devices_total: ReportTotal,
    pub countries: ReportTable,
    pub countries_total: ReportTotal,
    pub people: ReportTable,
    pub people_total: ReportTotal,
    /// Only when the room has a recording.
    pub recording: Option<RecordingReports>,
    /// How many multirequests the dashboard took.
    pub requests: u32,
}

/// The recording's figures (60005, 60012).
#[derive(Debug, Clone, Default)]
pub struct RecordingReports {
    pub top: ReportTable,
    pub top_total: ReportTotal,
    pub plays_total: ReportTotal,
    pub plays_graph: Vec<ReportGraph>,
}

fn filter(window: &ReportWindow, ids_field: &str, ids: &[String]) -> Value {
    json!({
        "objectType": "KalturaEndUserReportInputFilter",
        "fromDate": window.from,
        "toDate": window.to,
        "timeZoneOffset": window.zone_offset_minutes,
        "interval": "days",
        "searchInTags": true,
        "searchInAdminTags": false,
        ids_field: ids.join("|"),
    })
}

/// The `responseOptions` of every call: values joined by `delimiter`, empty dates kept.
fn response_options(delimiter: char) -> Value {
    json!({ "objectType": "KalturaReportResponseOptions", "delimiter": delimiter.to_string(), "skipEmptyDates": false })
}

/// Kaltura splits a filter's lists on the response delimiter, so a user ID holding `|` is asked
/// for with another delimiter it does not hold (`None`: it holds them all, and cannot be asked for).
fn delimiter_for(user_id: &str) -> Option<char> {
    ['|', ',', '~', '^']
        .into_iter()
        .find(|d| !user_id.contains(*d))
}

fn total(report_type: u32, filter: Value) -> ApiCall {
    ApiCall::new(
        "report",
        "getTotal",
        json!({ "reportType": report_type.to_string(), "reportInputFilter": filter, "responseOptions": response_options(DELIMITER) }),
    )
}

fn table(report_type: u32, filter: Value, page_size: u64, page: u64) -> ApiCall {
    table_delimited(report_type, filter, page_size, page, DELIMITER)
}

/// A getTable call whose values come joined by `delimiter`.
fn table_delimited(
    report_type: u32,
    filter: Value,
    page_size: u64,
    page: u64,
    delimiter: char,
) -> ApiCall {
    ApiCall::new(
        "report",
        "getTable",
        json!({
            "reportType": report_type.to_string(),
            "reportInputFilter": filter,
            "pager": { "objectType": "KalturaFilterPager", "pageSize": page_size, "pageIndex": page },
            "responseOptions": response_options(delimiter),
        }),
    )
}

fn graphs(report_type: u32, filter: Value) -> ApiCall {
    ApiCall::new(
        "report",
        "getGraphs",
        json!({ "reportType": report_type.to_string(), "reportInputFilter": filter, "responseOptions": response_options(DELIMITER) }),
    )
}

/// Pages of `PAGE_ROWS` needed for `rows` rows.
fn pages_for(rows: u64) -> u64 {
    rows.div_ceil(PAGE_ROWS).max(1)
}

/// Kaltura lists at most this many rows of a table: a page reaching past it fails.
pub const MAX_LISTED_ROWS: u64 = 12_000;

/// Pages of the people table to ask for when Kaltura counts `total` people: all of them, up to
/// the rows Kaltura lists.
fn people_pages(total: u64) -> u64 {
    pages_for(total).min(MAX_LISTED_ROWS / PAGE_ROWS)
}

/// Runs `calls` in multirequests of at most `MAX_CALLS`, counting them in `requests`.
async fn run(
    client: &KalturaClient,
    calls: Vec<ApiCall>,
    requests: &mut u32,
    cancel: &CancelToken,
) -> Result<Vec<CallResult>, Error> {
    let mut results = Vec::with_capacity(calls.len());
    for chunk in calls.chunks(MAX_CALLS) {
        *requests += 1;
        results.extend(client.multirequest(chunk, cancel).await?);
    }
    Ok(results)
}

/// The next result, as a `T` (`parse` reads it); a failed call's error is the dashboard's.
fn next<T>(
    results: &mut std::vec::IntoIter<CallResult>,
    parse: impl Fn(&Value) -> Result<T, Error>,
) -> Result<T, Error> {
    let value = results.next().unwrap_or(Ok(Value::Null))?;
    parse(&value)
}

/// Fetches every report of the dashboard for `window`.
pub async fn fetch_session_reports(
    client: &KalturaClient,
    window: &ReportWindow,
    cancel: &CancelToken,
) -> Result<SessionReports, Error> {
    let live = |field: &str| filter(window, field, &window.live_entry_ids);
    let minutes_in_window = u64::try_from((window.to - window.from).max(0) / 60 + 1).unwrap_or(1);
    let timeline_pages = pages_for(minutes_in_window);
    let mut calls = vec![
        total(60001, live("entryIdIn")),
        total(60002, live("entryIdIn")),
        total(60003, live("entryIdIn")),
        total(70001, live("contextIdIn")),
        table(60006, live("entryIdIn"), 50, 1),
        total(60006, live("entryIdIn")),
        table(60007, live("entryIdIn"), PAGE_ROWS, 1),
        total(60007, live("entryIdIn")),
        table(60010, live("entryIdIn"), PAGE_ROWS, 1),
        total(60010, live("entryIdIn")),
    ];
    for page in 1..=timeline_pages {
        calls.push(table(60004, live("entryIdIn"), PAGE_ROWS, page));
    }
    let has_recording = !window.vod_entry_ids.is_empty();
    if has_recording {
        let vod = filter(window, "entryIdIn", &window.vod_entry_ids);
        calls.push(table(60005, vod.clone(), 25, 1));
        calls.push(total(60005, vod.clone()));
        calls.push(total(60012, vod.clone()));
        calls.push(graphs(60012, vod));
    }
    let mut requests = 0;
    let mut results = run(client, calls, &mut requests, cancel).await?.into_iter();
    let mut reports = SessionReports {
        minutes: next(&mut results, ReportTotal::parse)?,
        viewers: next(&mut results, ReportTotal::parse)?,
        engagement: next(&mut results, ReportTotal::parse)?,
        participation: next(&mut results, ReportTotal::parse)?,
        devices: next(&mut results, ReportTable::parse)?,
        devices_total: next(&mut results, ReportTotal::parse)?,
        countries: next(&mut results, ReportTable::parse)?,
        countries_total: next(&mut results, ReportTotal::parse)?,
        people: next(&mut results, ReportTable::parse)?,
        people_total: next(&mut results, ReportTotal::parse)?,
        ..SessionReports::default()
    };
    for _ in 1..=timeline_pages {
        reports
            .timeline
            .extend(next(&mut results, ReportTable::parse)?);
    }
    if has_recording {
        reports.recording = Some(RecordingReports {
            top: next(&mut results, ReportTable::parse)?,
            top_total: next(&mut results, ReportTotal::parse)?,
            plays_total: next(&mut results, ReportTotal::parse)?,
            plays_graph: next(&mut results, ReportGraph::parse_all)?,
        });
    }
    // Every further page of people, in as few multirequests as the limit allows.
    let people_pages = people_pages(reports.people.total_count);
    if people_pages > 1 {
        let more: Vec<ApiCall> = (2..=people_pages)
            .map(|page| table(60010, live("entryIdIn"), PAGE_ROWS, page))
            .collect();
        let mut results = run(client, more, &mut requests, cancel).await?.into_iter();
        for _ in 2..=people_pages {
            reports
                .people
                .extend(next(&mut results, ReportTable::parse)?);
        }
    }
    reports.requests = requests;
    Ok(reports)
}

/// Each person's engagement state per minute (60011: `position|user_engagement|count_viewers`,
/// asked for with one user and the room alone, every page), as the tables Kaltura sends, in the
/// order of `user_ids`. Everyone's calls go in the same multirequests (50 calls each).
pub async fn fetch_people_states(
    client: &KalturaClient,
    window: &ReportWindow,
    user_ids: &[String],
    cancel: &CancelToken,
) -> Result<Vec<ReportTable>, Error> {
    let room = window.live_entry_ids.first().cloned().unwrap_or_default();
    let room_filter = filter(window, "entryIdIn", &[room]);
    let minutes = u64::try_from((window.to - window.from).max(0) / 60 + 1).unwrap_or(1);
    let pages = pages_for(minutes);
    let mut calls = Vec::new();
    for user_id in user_ids {
        let Some(delimiter) = delimiter_for(user_id) else {
            continue;
        };
        let mut person_filter = room_filter.clone();
        if let Some(map) = person_filter.as_object_mut() {
            map.insert("userIds".into(), Value::from(user_id.as_str()));
        }
        calls.extend(
            (1..=pages).map(|page| {
                table_delimited(60011, person_filter.clone(), PAGE_ROWS, page, delimiter)
            }),
        );
    }
    let mut requests = 0;
    let mut results = run(client, calls, &mut requests, cancel).await?.into_iter();
    let mut people = Vec::with_capacity(user_ids.len());
    for user_id in user_ids {
        let mut states = ReportTable::default();
        if let Some(delimiter) = delimiter_for(user_id) {
            for _ in 0..pages {
                states.extend(next(&mut results, |v| {
                    ReportTable::parse_delimited(v, delimiter)
                })?);
            }
        }
        people.push(states);
    }
    Ok(people)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_paged_up_to_the_rows_kaltura_lists() {
        assert_eq!(people_pages(0), 1);
        assert_eq!(people_pages(500), 1);
        assert_eq!(people_pages(501), 2);
        assert_eq!(people_pages(12_000), 24);
        assert_eq!(people_pages(12_001), 24, "page 25 would fail at Kaltura");
        assert_eq!(people_pages(1_000_000), 24);
    }

    #[test]
    fn a_user_id_holding_the_delimiter_is_asked_for_with_another() {
        assert_eq!(delimiter_for("u1"), Some('|'));
        assert_eq!(delimiter_for("=cmd|815"), Some(','));
        assert_eq!(delimiter_for("a|b,c"), Some('~'));
        assert_eq!(delimiter_for("a|b,c~d^"), None);
    }

    #[test]
    fn calls_carry_the_window_the_ids_and_the_delimiter() {
        let window = ReportWindow {
            from: 3600,
            to: 7200,
            zone_offset_minutes: -120,
            live_entry_ids: vec!["1_room0001".into(), "1_live0001".into()],
            vod_entry_ids: vec![],
        };
        let call = table(
            60010,
            filter(&window, "entryIdIn", &window.live_entry_ids),
            PAGE_ROWS,
            2,
        );
        assert_eq!((call.service, call.action), ("report", "getTable"));
        assert_eq!(call.params["reportType"], "60010");
        assert_eq!(
            call.params["reportInputFilter"]["entryIdIn"],
            "1_room0001|1_live0001"
        );
        assert_eq!(call.params["reportInputFilter"]["timeZoneOffset"], -120);
        assert_eq!(call.params["pager"]["pageIndex"], 2);
        assert_eq!(call.params["responseOptions"]["delimiter"], "|");
        let cnc = total(
            70001,
            filter(&window, "contextIdIn", &window.live_entry_ids),
        );
        assert_eq!(
            cnc.params["reportInputFilter"]["contextIdIn"],
            "1_room0001|1_live0001"
        );
        assert_eq!(pages_for(0), 1);
        assert_eq!(pages_for(500), 1);
        assert_eq!(pages_for(501), 2);
        assert_eq!(pages_for(5_000), 10);
    }
}
