//! The arguments of `report.getTotal` / `getTable` / `getGraphs` (§8.2): the report type, the
//! input filter (window, entry/context/user ids split on the response delimiter, time zone,
//! interval), the pager with Kaltura's size rules, `order` and `responseOptions`. Argument errors
//! are the ones Kaltura raises at this step; computing the report is `dashboard_reports`' job.

use crate::api_error::ApiError;
use crate::params::{Param, Params};
use crate::php_format::{php_float_cast, php_int_cast};

const DAY: i64 = 86_400;
/// Rows `getTable` serves at most outside CSV mode.
const TABLE_ROW_LIMIT: i64 = 12_000;

/// The report types Kaltura's enum knows that the Room view uses (others give INVALID_ENUM_VALUE).
pub const KNOWN_REPORT_TYPES: &[u32] = &[
    60001, 60002, 60003, 60004, 60005, 60006, 60007, 60008, 60009, 60010, 60011, 60012, 60013,
    60014, 60015, 60016, 60017, 60018, 60019, 70001,
];

const INTERVALS: &[&str] = &[
    "years",
    "months",
    "days",
    "hours",
    "minutes",
    "ten_seconds",
    "ten_minutes",
];

/// Which page of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pager {
    pub size: usize,
    pub index: usize,
}

/// One dashboard report request, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DashboardRequest {
    pub report_type: u32,
    /// The half-open window `[from, to)` in Unix seconds.
    pub from: i64,
    pub to: i64,
    pub entry_ids: Vec<String>,
    pub context_ids: Vec<String>,
    /// Only with `KalturaEndUserReportInputFilter` (§8.2); `None` = no user filter.
    pub user_ids: Option<Vec<String>>,
    /// Minutes, JavaScript's sign (UTC − local).
    pub time_zone_offset: i64,
    pub delimiter: String,
    pub skip_empty_dates: bool,
    pub pager: Option<Pager>,
    pub order: Option<String>,
}

fn child<'a>(tree: Option<&'a Param>, name: &str) -> Option<&'a str> {
    match tree? {
        Param::Tree(children) => {
            children
                .iter()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| match v {
                    Param::Text(t) => Some(t.as_str()),
                    Param::Tree(_) => None,
                })
        }
        Param::Text(_) => None,
    }
}

/// Kaltura's `bool` coercion: `"false"` in any case is false, otherwise PHP truthiness.
fn php_bool(s: &str) -> bool {
    !(s.is_empty() || s == "0" || s.eq_ignore_ascii_case("false"))
}

fn split_list(value: Option<&str>, delimiter: &str) -> Vec<String> {
    value
        .map(|v| {
            v.split(delimiter)
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The report type compared loosely, as PHP compares enum values: `"60001"`, `60001`, `60001.0`.
fn report_type(text: &str) -> Option<u32> {
    let value: f64 = text.trim().parse().ok()?;
    KNOWN_REPORT_TYPES
        .iter()
        .copied()
        .find(|t| f64::from(*t) == value)
}

/// Reads the arguments; `needs_pager` for `getTable`.
pub fn parse(params: &Params, needs_pager: bool) -> Result<DashboardRequest, ApiError> {
    let type_text = params
        .text("reportType")
        .ok_or_else(|| ApiError::missing_mandatory_parameter("reportType"))?;
    let report_type = report_type(type_text).ok_or_else(|| {
        ApiError::invalid_enum_value(type_text, "reportType", "KalturaReportType")
    })?;
    let filter = match params.get("reportInputFilter") {
        Some(tree @ Param::Tree(_)) => Some(tree),
        _ => None,
    }
    .ok_or_else(|| ApiError::missing_mandatory_parameter("reportInputFilter"))?;
    let pager_tree = params.get("pager");
    if needs_pager && pager_tree.is_none() {
        return Err(ApiError::missing_mandatory_parameter("pager"));
    }
    if let Some(interval) = child(Some(filter), "interval") {
        if !INTERVALS.contains(&interval) {
            return Err(ApiError::invalid_enum_value(
                interval,
                "interval",
                "KalturaReportInterval",
            ));
        }
    }
    let options = params.get("responseOptions");
    let delimiter = child(options, "delimiter")
        .filter(|d| !d.is_empty())
        .unwrap_or(",")
        .to_string();
    let skip_empty_dates = child(options, "skipEmptyDates").is_none_or(php_bool);
    let (from, to) = window(
        child(Some(filter), "fromDate").map_or(0, php_int_cast),
        child(Some(filter), "toDate").map_or(0, php_int_cast),
    );
    let end_user = child(Some(filter), "objectType") == Some("KalturaEndUserReportInputFilter");
    let user_ids = child(Some(filter), "userIds")
        .filter(|_| end_user)
        .map(|v| split_list(Some(v), &delimiter));
    let offset = child(Some(filter), "timeZoneOffset").map_or(0, php_int_cast);
    let pager = match pager_tree {
        None => None,
        Some(tree) => Some(pager(
            child(Some(tree), "pageSize").map_or(30, php_int_cast),
            child(Some(tree), "pageIndex").map_or(1, php_int_cast),
        )?),
    };
    Ok(DashboardRequest {
        report_type,
        from,
        to,
        entry_ids: split_list(child(Some(filter), "entryIdIn"), &delimiter),
        context_ids: split_list(child(Some(filter), "contextIdIn"), &delimiter),
        user_ids,
        time_zone_offset: offset.clamp(-840, 720),
        delimiter,
        skip_empty_dates,
        pager,
        order: params
            .text("order")
            .filter(|o| !o.is_empty())
            .map(str::to_string),
    })
}

/// `fromDate ≥ toDate` queries whole days (UTC here): the same day gives that day, a reversed
/// range across days gives nothing.
fn window(from: i64, to: i64) -> (i64, i64) {
    if from < to {
        return (from, to);
    }
    let (from_day, to_day) = (from.div_euclid(DAY), to.div_euclid(DAY));
    if from_day == to_day {
        (from_day * DAY, from_day * DAY + DAY)
    } else {
        (from, from)
    }
}

/// Kaltura's pager rules: a size or index of 0 or less becomes 10 or 1; past 12,000 rows page 1
/// is cut to 12,000 and later pages fail.
fn pager(size: i64, index: i64) -> Result<Pager, ApiError> {
    let mut size = if size <= 0 { 10 } else { size };
    let index = if index <= 0 { 1 } else { index };
    if index.saturating_mul(size) > TABLE_ROW_LIMIT {
        if index == 1 {
            size = TABLE_ROW_LIMIT;
        } else {
            return Err(ApiError::internal_serverl_error());
        }
    }
    Ok(Pager {
        size: usize::try_from(size).unwrap_or(10),
        index: usize::try_from(index).unwrap_or(1),
    })
}

/// A numeric cell for sorting (`""` and text count as 0).
pub fn sort_number(s: &str) -> f64 {
    php_float_cast(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_rules() {
        assert_eq!(pager(0, 0).unwrap(), Pager { size: 10, index: 1 });
        assert_eq!(pager(20_000, 1).unwrap().size, 12_000);
        assert!(pager(500, 30).is_err());
        assert_eq!(pager(25, 3).unwrap(), Pager { size: 25, index: 3 });
    }

    #[test]
    fn reversed_windows_become_whole_days_or_nothing() {
        assert_eq!(window(10, 20), (10, 20));
        assert_eq!(window(DAY + 50, DAY + 50), (DAY, 2 * DAY));
        assert_eq!(window(3 * DAY, DAY), (3 * DAY, 3 * DAY));
    }

    #[test]
    fn filter_lists_split_on_the_delimiter_and_users_need_the_end_user_filter() {
        let p = Params::from_json_body(
            br#"{"reportType":"60010","reportInputFilter":{"objectType":"KalturaEndUserReportInputFilter","fromDate":1,"toDate":2,"entryIdIn":"1_a|1_b","userIds":"u1|u2"},"responseOptions":{"delimiter":"|","skipEmptyDates":false},"pager":{"pageSize":10}}"#,
        );
        let r = parse(&p, true).unwrap();
        assert_eq!(r.entry_ids, ["1_a", "1_b"]);
        assert_eq!(r.user_ids, Some(vec!["u1".into(), "u2".into()]));
        assert!(!r.skip_empty_dates);
        let plain =
            Params::from_json_body(br#"{"reportType":60010,"reportInputFilter":{"userIds":"u1"}}"#);
        let r = parse(&plain, false).unwrap();
        assert_eq!(r.user_ids, None);
        assert_eq!(r.delimiter, ",");
        assert_eq!(
            parse(&plain, true).unwrap_err().code,
            "MISSING_MANDATORY_PARAMETER"
        );
        let bad = Params::from_json_body(br#"{"reportType":"99999","reportInputFilter":{}}"#);
        assert_eq!(parse(&bad, false).unwrap_err().code, "INVALID_ENUM_VALUE");
    }
}
