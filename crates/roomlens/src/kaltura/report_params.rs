//! The `params` string of `report.getCsvFromStringParams` (docs/kaltura-wire-format.md §5.2):
//! `;`-separated `key=value` pairs with the date window and the filters. Names are the documented
//! ones; where the documents disagree both are sent (`from_date` and `fromDate`, `to_date` and
//! `toDate`). Each report gets only the filters Kaltura documents for it; any other filter is
//! refused with a plain message rather than silently ignored; the same checks give the e-mail
//! export its filter lists (`checked_for`). It does not send anything.

use crate::error::{Error, ErrorCode};
use crate::id_list::split_ids;
use crate::reports::{FilterName, ReportKind};
use serde::{Deserialize, Serialize};

/// Filters a person can set. Empty lists mean "no filter".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ReportFilters {
    pub room_ids: Vec<String>,
    pub virtual_event_ids: Vec<String>,
    pub user_ids: Vec<String>,
    pub session_ids: Vec<String>,
    pub main_room_ids: Vec<String>,
}

/// One filter: what people call it, and what to do instead when the chosen report lacks it.
/// Which reports take it, and under which parameter name, is the report tables' (`reports::tables`).
struct FilterSpec {
    name: FilterName,
    label: &'static str,
    instead: &'static str,
}

const ROOMS: FilterSpec = FilterSpec {
    name: FilterName::RoomIds,
    label: "room ID",
    instead: "filter by main room ID instead, or choose the Room data or Attendees report",
};
const EVENTS: FilterSpec = FilterSpec {
    name: FilterName::VirtualEventIds,
    label: "virtual event ID",
    instead: "",
};
const USERS: FilterSpec = FilterSpec {
    name: FilterName::UserIds,
    label: "user ID",
    instead: "choose the Attendees report",
};
const SESSIONS: FilterSpec = FilterSpec {
    name: FilterName::SessionIds,
    label: "session ID",
    instead: "choose the Attendees report",
};
const MAIN_ROOMS: FilterSpec = FilterSpec {
    name: FilterName::MainRoomIds,
    label: "main room ID",
    instead: "filter by room ID instead, or choose the Breakout rooms report",
};

impl FilterSpec {
    fn param_for(&self, kind: ReportKind) -> Option<&'static str> {
        kind.spec()
            .filters
            .iter()
            .find(|(name, _)| *name == self.name)
            .map(|(_, param)| *param)
    }
}

impl ReportFilters {
    fn specs(&self) -> [(&FilterSpec, &[String]); 5] {
        [
            (&ROOMS, &self.room_ids),
            (&EVENTS, &self.virtual_event_ids),
            (&USERS, &self.user_ids),
            (&SESSIONS, &self.session_ids),
            (&MAIN_ROOMS, &self.main_room_ids),
        ]
    }

    /// The filters in words for people ("room ID 1_a, 1_b; user ID ada"), at most `shown` IDs
    /// of each with a count of the rest; `None` without filters. Unchecked: as typed, trimmed.
    pub fn in_words(&self, shown: usize) -> Option<String> {
        let parts: Vec<String> = self
            .specs()
            .into_iter()
            .filter_map(|(spec, ids)| {
                let ids: Vec<&str> = ids
                    .iter()
                    .map(|id| id.trim())
                    .filter(|id| !id.is_empty())
                    .collect();
                if ids.is_empty() {
                    return None;
                }
                let mut words = format!(
                    "{} {}",
                    spec.label,
                    ids.iter()
                        .take(shown)
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                if ids.len() > shown {
                    words.push_str(&format!(" and {} more", ids.len() - shown));
                }
                Some(words)
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join("; "))
    }

    /// The filters checked and turned into `params` pieces for `kind`, once per fetch.
    pub(crate) fn prepare(&self, kind: ReportKind) -> Result<PreparedFilters, Error> {
        Ok(PreparedFilters {
            pieces: self.params_for(kind)?.join(";"),
        })
    }

    /// The `key=value` filter pieces for `kind`, after checking every ID. Refuses a filter the
    /// report does not offer, so nobody gets unfiltered data while believing it filtered.
    pub fn params_for(&self, kind: ReportKind) -> Result<Vec<String>, Error> {
        Ok(self
            .checked_lists(kind)?
            .into_iter()
            .map(|list| format!("{}={}", list.param, list.ids.join(",")))
            .collect())
    }

    /// Every filter that has IDs, with its IDs checked, trimmed and without repeats (none holds
    /// `;`, `=`, `,` or a control character), in a fixed order. Refuses a filter `kind` does not
    /// offer. The same check as the `params` string's, for requests that name filters otherwise
    /// (the e-mail export's input filter).
    pub(crate) fn checked_for(
        &self,
        kind: ReportKind,
    ) -> Result<Vec<(FilterName, Vec<String>)>, Error> {
        Ok(self
            .checked_lists(kind)?
            .into_iter()
            .map(|list| (list.name, list.ids))
            .collect())
    }

    /// Each filter with IDs, checked, with `kind`'s parameter for it.
    fn checked_lists(&self, kind: ReportKind) -> Result<Vec<CheckedList>, Error> {
        let mut lists = Vec::new();
        for (spec, ids) in self.specs() {
            let ids = checked_ids(spec.label, ids)?;
            if ids.is_empty() {
                continue;
            }
            let Some(param) = spec.param_for(kind) else {
                return Err(Error::new(
                    ErrorCode::InvalidInput,
                    format!(
                        "The {} report cannot be filtered by {}. Remove the {}s, or {}.",
                        kind.title(),
                        spec.label,
                        spec.label,
                        spec.instead
                    ),
                ));
            };
            lists.push(CheckedList {
                name: spec.name,
                param,
                ids,
            });
        }
        Ok(lists)
    }

    /// The filter `name`'s list, as typed in its box: split into IDs (`id_list::split_ids`).
    pub fn set_typed(&mut self, name: FilterName, typed: &str) {
        let ids = split_ids(typed);
        match name {
            FilterName::RoomIds => self.room_ids = ids,
            FilterName::MainRoomIds => self.main_room_ids = ids,
            FilterName::SessionIds => self.session_ids = ids,
            FilterName::UserIds => self.user_ids = ids,
            FilterName::VirtualEventIds => self.virtual_event_ids = ids,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.specs()
            .iter()
            .all(|(_, ids)| ids.iter().all(|id| id.trim().is_empty()))
    }
}

/// One filter with IDs: its name, the report's parameter for it, and its checked IDs.
struct CheckedList {
    name: FilterName,
    param: &'static str,
    ids: Vec<String>,
}

/// The most IDs one filter may hold: Kaltura takes them in one request parameter, and a longer
/// list is almost always a paste gone wrong.
pub const MAX_IDS_PER_FILTER: usize = 5_000;

/// Checked filters, ready to be put into each window's `params`.
#[derive(Debug, Clone, Default)]
pub(crate) struct PreparedFilters {
    pieces: String,
}

impl PreparedFilters {
    /// The full params string for one window `[from_unix, to_unix)`.
    pub(crate) fn params(&self, from_unix: i64, to_unix: i64) -> String {
        let dates = format!(
            "from_date={from_unix};to_date={to_unix};fromDate={from_unix};toDate={to_unix}"
        );
        if self.pieces.is_empty() {
            dates
        } else {
            format!("{dates};{}", self.pieces)
        }
    }
}

/// Trims each ID, drops repeats, and refuses IDs that would break the params string, and lists
/// longer than `MAX_IDS_PER_FILTER`.
fn checked_ids(label: &str, ids: &[String]) -> Result<Vec<String>, Error> {
    let mut out: Vec<String> = Vec::with_capacity(ids.len().min(MAX_IDS_PER_FILTER));
    let mut seen = std::collections::HashSet::with_capacity(ids.len().min(MAX_IDS_PER_FILTER));
    for raw in ids {
        let id = raw.trim();
        if id.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                format!("One of the {label}s is empty. Remove it or fill it in."),
            ));
        }
        if let Some(bad) = id
            .chars()
            .find(|c| matches!(c, ';' | '=' | ',') || c.is_control())
        {
            let shown = if bad.is_control() {
                "an invisible control character".to_owned()
            } else {
                format!("\"{bad}\"")
            };
            let printable: String = id.chars().filter(|c| !c.is_control()).collect();
            return Err(Error::new(
                ErrorCode::InvalidInput,
                format!("The {label} \"{printable}\" contains {shown}, which cannot be part of an ID. Check the {label}."),
            ));
        }
        if seen.insert(id) {
            if out.len() == MAX_IDS_PER_FILTER {
                return Err(Error::new(
                    ErrorCode::InvalidInput,
                    format!(
                        "There are more than {} different {label}s in this filter; Roomlens sends at most {} at a time. \
                         Split the list into several fetches, or leave the filter empty.",
                        crate::wording::count(MAX_IDS_PER_FILTER as u64),
                        crate::wording::count(MAX_IDS_PER_FILTER as u64)
                    ),
                ));
            }
            out.push(id.to_owned());
        }
    }
    Ok(out)
}

/// The full params string for one window `[from_unix, to_unix)`, filters checked.
pub(crate) fn params_string(
    kind: ReportKind,
    from_unix: i64,
    to_unix: i64,
    filters: &ReportFilters,
) -> Result<String, Error> {
    Ok(filters.prepare(kind)?.params(from_unix, to_unix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn dates_are_sent_under_both_documented_names() {
        let params =
            params_string(ReportKind::RoomData, 100, 200, &ReportFilters::default()).unwrap();
        assert_eq!(params, "from_date=100;to_date=200;fromDate=100;toDate=200");
    }

    #[test]
    fn each_report_gets_its_documented_filter_names() {
        let attendees = ReportFilters {
            room_ids: ids(&[" 1_a ", "1_b", "1_a"]),
            virtual_event_ids: ids(&["77"]),
            user_ids: ids(&["ann@example.com", "bob"]),
            session_ids: ids(&["s1"]),
            main_room_ids: vec![],
        };
        assert_eq!(
            params_string(ReportKind::Attendees, 1, 2, &attendees).unwrap(),
            "from_date=1;to_date=2;fromDate=1;toDate=2;entry_ids=1_a,1_b;virtual_event_ids=77;user_ids=ann@example.com,bob;cue_point_ids=s1"
        );
        let rooms = ReportFilters {
            room_ids: ids(&["1_a"]),
            virtual_event_ids: ids(&["9"]),
            ..Default::default()
        };
        assert_eq!(
            params_string(ReportKind::RoomData, 1, 2, &rooms).unwrap(),
            "from_date=1;to_date=2;fromDate=1;toDate=2;entry_ids=1_a;virtual_event_ids=9"
        );
        let breakouts = ReportFilters {
            main_room_ids: ids(&["1_m", "1_n"]),
            virtual_event_ids: ids(&["9"]),
            ..Default::default()
        };
        assert_eq!(
            params_string(ReportKind::Breakouts, 1, 2, &breakouts).unwrap(),
            "from_date=1;to_date=2;fromDate=1;toDate=2;virtual_event_ids=9;parentEntryIds=1_m,1_n"
        );
    }

    #[test]
    fn filters_a_report_lacks_are_refused_plainly() {
        let cases = [
            (ReportKind::RoomData, ReportFilters { user_ids: ids(&["u"]), ..Default::default() }, "The Room data report cannot be filtered by user ID. Remove the user IDs, or choose the Attendees report."),
            (ReportKind::RoomData, ReportFilters { session_ids: ids(&["s"]), ..Default::default() }, "The Room data report cannot be filtered by session ID."),
            (ReportKind::RoomData, ReportFilters { main_room_ids: ids(&["m"]), ..Default::default() }, "cannot be filtered by main room ID"),
            (ReportKind::Attendees, ReportFilters { main_room_ids: ids(&["m"]), ..Default::default() }, "choose the Breakout rooms report"),
            (ReportKind::Breakouts, ReportFilters { room_ids: ids(&["r"]), ..Default::default() }, "The Breakout rooms report cannot be filtered by room ID."),
            (ReportKind::Breakouts, ReportFilters { user_ids: ids(&["u"]), ..Default::default() }, "cannot be filtered by user ID"),
            (ReportKind::Breakouts, ReportFilters { session_ids: ids(&["s"]), ..Default::default() }, "cannot be filtered by session ID"),
        ];
        for (kind, filters, expected) in cases {
            let error = params_string(kind, 1, 2, &filters).unwrap_err();
            assert_eq!(error.code, ErrorCode::InvalidInput);
            assert!(error.message.contains(expected), "{}", error.message);
        }
    }

    #[test]
    fn long_lists_are_de_duplicated_quickly_and_capped() {
        let repeated: Vec<String> = (0..100_000).map(|i| format!("1_{}", i % 10)).collect();
        let filters = ReportFilters {
            room_ids: repeated,
            ..Default::default()
        };
        let params = params_string(ReportKind::RoomData, 1, 2, &filters).unwrap();
        assert!(
            params.ends_with(";entry_ids=1_0,1_1,1_2,1_3,1_4,1_5,1_6,1_7,1_8,1_9"),
            "{params}"
        );

        let just_enough: Vec<String> = (0..MAX_IDS_PER_FILTER).map(|i| format!("1_{i}")).collect();
        let mut too_many = just_enough.clone();
        too_many.push("1_one_more".into());
        assert!(params_string(
            ReportKind::RoomData,
            1,
            2,
            &ReportFilters {
                room_ids: just_enough,
                ..Default::default()
            }
        )
        .is_ok());
        let error = params_string(
            ReportKind::RoomData,
            1,
            2,
            &ReportFilters {
                room_ids: too_many,
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(
            error.message.contains("more than 5,000 different room IDs"),
            "{}",
            error.message
        );
    }

    #[test]
    fn ids_that_would_break_the_params_string_are_refused() {
        for bad in ["a;b", "a=b", "a,b", "a\u{7}b", "a\nb", "   ", ""] {
            let filters = ReportFilters {
                room_ids: ids(&["ok", bad]),
                ..Default::default()
            };
            let error = params_string(ReportKind::RoomData, 1, 2, &filters).unwrap_err();
            assert_eq!(error.code, ErrorCode::InvalidInput, "{bad:?}");
            assert!(error.message.contains("room ID"), "{}", error.message);
        }
        let filters = ReportFilters {
            user_ids: ids(&["x\u{1}y"]),
            ..Default::default()
        };
        let message = params_string(ReportKind::Attendees, 1, 2, &filters)
            .unwrap_err()
            .message;
        assert!(
            message.contains("\"xy\"") && message.contains("control character"),
            "{message}"
        );
    }

    #[test]
    fn emptiness() {
        assert!(ReportFilters::default().is_empty());
        assert!(!ReportFilters {
            session_ids: ids(&["s"]),
            ..Default::default()
        }
        .is_empty());
    }

    #[test]
    fn filters_in_words_name_each_list_and_count_the_rest() {
        let mut filters = ReportFilters::default();
        assert_eq!(filters.in_words(3), None);
        filters.set_typed(FilterName::RoomIds, "1_a, 1_b 1_c\n1_d");
        filters.set_typed(FilterName::UserIds, "ada");
        assert_eq!(
            filters.in_words(3).as_deref(),
            Some("room ID 1_a, 1_b, 1_c and 1 more; user ID ada")
        );
    }
}
