//! The `params` string of `report.getCsvFromStringParams` (docs/kaltura-wire-format.md §5.2) and
//! the simulator's definitions of reports 6000/6001/6002: which parameters are required, which
//! filter rows, the row cap with `limit` (§7) and the download file name (§6). No data access here.

use crate::php_format::php_int_cast;
use crate::report_kind::{Filters, ReportKind};

/// One `key=value` piece; `value` is `None` when the piece had no `=`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamEntry {
    pub key: String,
    pub value: Option<String>,
}

/// Splits on `;`, trims each piece, splits at the first `=`. Keys equal to `partner_id` (any
/// case) are dropped and `partner_id=<partner>` is appended.
pub fn parse_params_string(s: &str, partner_id: i64) -> Vec<ParamEntry> {
    let mut entries: Vec<ParamEntry> = s
        .split(';')
        .map(str::trim)
        .map(|piece| match piece.split_once('=') {
            Some((k, v)) => ParamEntry {
                key: k.to_string(),
                value: Some(v.to_string()),
            },
            None => ParamEntry {
                key: piece.to_string(),
                value: None,
            },
        })
        .filter(|e| !e.key.eq_ignore_ascii_case("partner_id"))
        .collect();
    entries.push(ParamEntry {
        key: "partner_id".into(),
        value: Some(partner_id.to_string()),
    });
    entries
}

/// Entries from a `KalturaKeyValueArray` (`getCsv`), with the same partner rule.
pub fn from_key_values(pairs: Vec<(String, Option<String>)>, partner_id: i64) -> Vec<ParamEntry> {
    let mut entries: Vec<ParamEntry> = pairs
        .into_iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case("partner_id"))
        .map(|(key, value)| ParamEntry { key, value })
        .collect();
    entries.push(ParamEntry {
        key: "partner_id".into(),
        value: Some(partner_id.to_string()),
    });
    entries
}

/// The entries as a map: a repeated key keeps its last value; keys are case-sensitive.
fn last_value<'a>(entries: &'a [ParamEntry], key: &str) -> Option<&'a str> {
    entries
        .iter()
        .rev()
        .find(|e| e.key == key)
        .map(|e| e.value.as_deref().unwrap_or(""))
}

/// A report's parameter names.
pub struct ReportDefinition {
    pub from_param: &'static str,
    pub to_param: &'static str,
    /// (parameter name, which filter it feeds)
    pub list_params: &'static [(&'static str, FilterField)],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterField {
    Entries,
    VirtualEvents,
    Users,
    CuePoints,
    ParentEntries,
}

pub fn definition(kind: ReportKind) -> ReportDefinition {
    match kind {
        ReportKind::RoomData => ReportDefinition {
            from_param: "from_date",
            to_param: "to_date",
            list_params: &[
                ("entry_ids", FilterField::Entries),
                ("virtual_event_ids", FilterField::VirtualEvents),
            ],
        },
        ReportKind::Attendees => ReportDefinition {
            from_param: "from_date",
            to_param: "to_date",
            list_params: &[
                ("entry_ids", FilterField::Entries),
                ("virtual_event_ids", FilterField::VirtualEvents),
                ("user_ids", FilterField::Users),
                ("cue_point_ids", FilterField::CuePoints),
            ],
        },
        ReportKind::Breakouts => ReportDefinition {
            from_param: "fromDate",
            to_param: "toDate",
            list_params: &[
                ("parentEntryIds", FilterField::ParentEntries),
                ("virtual_event_ids", FilterField::VirtualEvents),
            ],
        },
    }
}

/// A resolved report query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportQuery {
    pub from: i64,
    pub to: i64,
    pub filters: Filters,
    /// `limit` when it lowers the cap.
    pub limit: Option<usize>,
}

/// The query for `kind`, or the name of the first missing required parameter.
pub fn resolve(kind: ReportKind, entries: &[ParamEntry]) -> Result<ReportQuery, String> {
    let def = definition(kind);
    let from = last_value(entries, def.from_param).ok_or_else(|| def.from_param.to_string())?;
    let to = last_value(entries, def.to_param).ok_or_else(|| def.to_param.to_string())?;
    let mut filters = Filters::default();
    for (name, field) in def.list_params {
        let Some(value) = last_value(entries, name) else {
            continue;
        };
        let list: Vec<String> = value
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect();
        match field {
            FilterField::Entries => filters.entry_ids = list,
            FilterField::VirtualEvents => filters.virtual_event_ids = list,
            FilterField::Users => filters.user_ids = list,
            FilterField::CuePoints => filters.cue_point_ids = list,
            FilterField::ParentEntries => filters.parent_entry_ids = list,
        }
    }
    let limit = last_value(entries, "limit")
        .map(php_int_cast)
        .filter(|l| *l > 0)
        .and_then(|l| usize::try_from(l).ok());
    Ok(ReportQuery {
        from: php_int_cast(from),
        to: php_int_cast(to),
        filters,
        limit,
    })
}

/// `Report_<id>_<partner>` plus `_<key>_<value>` per entry while the name stays under 200
/// characters, then `.csv`.
pub fn file_name(report_id: &str, partner_id: i64, entries: &[ParamEntry]) -> String {
    let mut name = format!("Report_{report_id}_{partner_id}");
    for e in entries {
        let addition = format!("_{}_{}", e.key, e.value.as_deref().unwrap_or(""));
        if name.len() + addition.len() >= 200 {
            break;
        }
        name.push_str(&addition);
    }
    name.push_str(".csv");
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar_trims_splits_at_first_equals_and_forces_the_partner() {
        let e = parse_params_string(
            " from_date=1 ; to_date=2;x=a=b;flag;;PARTNER_ID=999;",
            12345,
        );
        let keys: Vec<&str> = e.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            ["from_date", "to_date", "x", "flag", "", "", "partner_id"]
        );
        assert_eq!(e[2].value.as_deref(), Some("a=b"));
        assert_eq!(e[3].value, None);
        assert_eq!(e.last().unwrap().value.as_deref(), Some("12345"));
    }

    #[test]
    fn last_repeated_key_wins_and_keys_are_case_sensitive() {
        let e = parse_params_string(
            "from_date=1;to_date=2;from_date=5;FROM_DATE=9;entry_ids=a, b,,c",
            1,
        );
        let q = resolve(ReportKind::Attendees, &e).unwrap();
        assert_eq!((q.from, q.to), (5, 2));
        assert_eq!(q.filters.entry_ids, ["a", "b", "c"]);
        assert_eq!(
            resolve(ReportKind::Breakouts, &e),
            Err("fromDate".to_string())
        );
        assert_eq!(
            resolve(ReportKind::RoomData, &parse_params_string("from_date=1", 1)),
            Err("to_date".to_string())
        );
    }

    #[test]
    fn limit_lowers_the_cap_only_when_positive() {
        let q = resolve(
            ReportKind::RoomData,
            &parse_params_string("from_date=1;to_date=2;limit=10", 1),
        )
        .unwrap();
        assert_eq!(q.limit, Some(10));
        let q = resolve(
            ReportKind::RoomData,
            &parse_params_string("from_date=1;to_date=2;limit=x", 1),
        )
        .unwrap();
        assert_eq!(q.limit, None);
    }

    #[test]
    fn file_name_follows_the_reference_example() {
        let e = parse_params_string(
            "from_date=1700000000;to_date=1700086400;entry_ids=1_abcdefgh",
            12345,
        );
        assert_eq!(
            file_name("6000", 12345, &e),
            "Report_6000_12345_from_date_1700000000_to_date_1700086400_entry_ids_1_abcdefgh_partner_id_12345.csv"
        );
        let long = parse_params_string(&format!("a={};b=1", "x".repeat(300)), 1);
        assert_eq!(file_name("6000", 1, &long), "Report_6000_1.csv");
    }
}
