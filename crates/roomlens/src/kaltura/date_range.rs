//! The date range a person picks ("Last 30 days", or a from/to pair of calendar days), turned into
//! Unix seconds in their own time zone, with the zone stated so the result is unambiguous. It does
//! not split ranges into fetch windows; `windows` does that.

use crate::error::{Error, ErrorCode};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::Serialize;

/// The longest range Roomlens fetches in one go: three years.
pub const MAX_RANGE_DAYS: i64 = 3 * 365 + 1;

/// What a person chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRangeChoice {
    /// From local midnight `n` days ago until now (so the partial current day is included).
    LastDays(u32),
    /// From local midnight at the start of `from` to local midnight after `to`: both days whole.
    Custom { from: Date, to: Date },
}

/// A resolved range: `[from_unix, to_unix)` in Unix seconds, and the zone it was resolved in,
/// e.g. "Europe/Berlin (UTC+1)".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateRange {
    pub from_unix: i64,
    pub to_unix: i64,
    pub zone: String,
}

impl DateRangeChoice {
    /// Resolves the choice in `tz` (callers pass `TimeZone::system()`) at the instant `now`.
    pub fn resolve(&self, tz: &TimeZone, now: Timestamp) -> Result<DateRange, Error> {
        let today = now.to_zoned(tz.clone()).date();
        let (from_unix, to_unix) = match *self {
            DateRangeChoice::LastDays(0) => {
                return Err(invalid("Choose a range of at least one day."));
            }
            DateRangeChoice::LastDays(days) => {
                if i64::from(days) > MAX_RANGE_DAYS {
                    return Err(too_long(i64::from(days)));
                }
                let first = today
                    .checked_sub(i64::from(days).days())
                    .map_err(|_| too_long(i64::from(days)))?;
                (local_midnight(first, tz)?, now.as_second())
            }
            DateRangeChoice::Custom { from, to } => {
                if from > to {
                    return Err(invalid(format!(
                        "The start date ({from}) is after the end date ({to}). Swap them or pick new dates."
                    )));
                }
                if from > today {
                    return Err(invalid(format!(
                        "The start date ({from}) is in the future. Reports only cover days that have begun; choose today ({today}) or an earlier day."
                    )));
                }
                if to > today {
                    return Err(invalid(format!(
                        "The end date ({to}) is in the future. Choose today ({today}) or an earlier day."
                    )));
                }
                let days = from
                    .until(to)
                    .map(|span| i64::from(span.get_days()) + 1)
                    .unwrap_or(i64::MAX);
                if days > MAX_RANGE_DAYS {
                    return Err(too_long(days));
                }
                let after_to = to
                    .tomorrow()
                    .map_err(|_| invalid(format!("The end date ({to}) is out of range.")))?;
                (local_midnight(from, tz)?, local_midnight(after_to, tz)?)
            }
        };
        Ok(DateRange {
            from_unix,
            to_unix,
            zone: zone_label(tz, now),
        })
    }
}

impl DateRange {
    /// Refuses a range whose end is not after its start: there is nothing to ask Kaltura for.
    pub(crate) fn check_not_empty(&self) -> Result<(), Error> {
        if self.from_unix >= self.to_unix {
            return Err(invalid(
                "The date range is empty: its end is not after its start. Choose another range.",
            ));
        }
        Ok(())
    }
}

/// `tz`'s offset from UTC at `at` in whole minutes, east positive: 120 for UTC+2, −210 for
/// UTC−3:30.
pub fn utc_offset_minutes(tz: &TimeZone, at: Timestamp) -> i32 {
    tz.to_offset(at).seconds() / 60
}

/// The first instant of `day` in `tz` (if midnight falls in a daylight-saving gap, the first
/// instant that exists).
fn local_midnight(day: Date, tz: &TimeZone) -> Result<i64, Error> {
    day.to_zoned(tz.clone())
        .map(|zoned| zoned.timestamp().as_second())
        .map_err(|e| {
            invalid(format!("The day {day} cannot be placed in your time zone."))
                .with_detail(e.to_string())
        })
}

/// "Europe/Berlin (UTC+1)" when the zone has an IANA name, else just the offset, e.g. "UTC+5:30".
pub fn zone_label(tz: &TimeZone, now: Timestamp) -> String {
    let offset = utc_offset_label(tz.to_offset(now).seconds());
    match tz.iana_name() {
        Some("UTC") | Some("Etc/UTC") => "UTC".to_owned(),
        Some(name) => format!("{name} ({offset})"),
        None => offset,
    }
}

fn utc_offset_label(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let total_minutes = seconds.unsigned_abs() / 60;
    let (hours, minutes) = (total_minutes / 60, total_minutes % 60);
    if minutes == 0 {
        format!("UTC{sign}{hours}")
    } else {
        format!("UTC{sign}{hours}:{minutes:02}")
    }
}

fn too_long(days: i64) -> Error {
    invalid(format!(
        "That range covers {days} days. Roomlens fetches at most three years ({MAX_RANGE_DAYS} days) at a time; choose a shorter range."
    ))
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidInput, message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use jiff::tz::Offset;

    fn berlin() -> TimeZone {
        TimeZone::get("Europe/Berlin").unwrap()
    }

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    #[test]
    fn last_days_runs_from_local_midnight_until_now() {
        let now = ts("2026-01-15T10:30:00Z");
        let range = DateRangeChoice::LastDays(7)
            .resolve(&berlin(), now)
            .unwrap();
        assert_eq!(range.from_unix, ts("2026-01-07T23:00:00Z").as_second());
        assert_eq!(range.to_unix, now.as_second());
        assert_eq!(range.zone, "Europe/Berlin (UTC+1)");
    }

    #[test]
    fn last_days_uses_the_local_date_not_the_utc_date() {
        let now = ts("2026-01-15T23:30:00Z");
        let range = DateRangeChoice::LastDays(1)
            .resolve(&berlin(), now)
            .unwrap();
        assert_eq!(range.from_unix, ts("2026-01-14T23:00:00Z").as_second());
    }

    #[test]
    fn last_days_across_a_daylight_saving_change() {
        let now = ts("2026-03-30T10:00:00Z");
        let range = DateRangeChoice::LastDays(7)
            .resolve(&berlin(), now)
            .unwrap();
        assert_eq!(range.from_unix, ts("2026-03-22T23:00:00Z").as_second());
        assert_eq!(range.zone, "Europe/Berlin (UTC+2)");
    }

    #[test]
    fn custom_covers_both_days_whole() {
        let now = ts("2026-06-01T12:00:00Z");
        let choice = DateRangeChoice::Custom {
            from: date(2026, 3, 1),
            to: date(2026, 3, 31),
        };
        let range = choice.resolve(&berlin(), now).unwrap();
        assert_eq!(range.from_unix, ts("2026-02-28T23:00:00Z").as_second());
        assert_eq!(range.to_unix, ts("2026-03-31T22:00:00Z").as_second());
        let one_day = DateRangeChoice::Custom {
            from: date(2026, 6, 1),
            to: date(2026, 6, 1),
        };
        let range = one_day.resolve(&TimeZone::UTC, now).unwrap();
        assert_eq!(range.to_unix - range.from_unix, 86_400);
        assert_eq!(range.zone, "UTC");
    }

    #[test]
    fn offsets_are_whole_minutes_east_of_utc() {
        assert_eq!(
            utc_offset_minutes(&berlin(), ts("2026-07-01T00:00:00Z")),
            120
        );
        assert_eq!(
            utc_offset_minutes(&berlin(), ts("2026-01-01T00:00:00Z")),
            60
        );
        let newfoundland = TimeZone::fixed(Offset::from_seconds(-(3 * 3600 + 1800)).unwrap());
        assert_eq!(
            utc_offset_minutes(&newfoundland, ts("2026-01-01T00:00:00Z")),
            -210
        );
        assert_eq!(
            utc_offset_minutes(&TimeZone::UTC, ts("2026-01-01T00:00:00Z")),
            0
        );
    }

    #[test]
    fn an_empty_range_is_refused() {
        let range = |from_unix, to_unix| DateRange {
            from_unix,
            to_unix,
            zone: "UTC".into(),
        };
        assert!(range(1, 2).check_not_empty().is_ok());
        for empty in [range(2, 2), range(3, 2)] {
            assert_eq!(
                empty.check_not_empty().unwrap_err().code,
                ErrorCode::InvalidInput
            );
        }
    }

    #[test]
    fn zone_without_a_name_is_stated_as_an_offset() {
        let india = TimeZone::fixed(Offset::from_seconds(5 * 3600 + 1800).unwrap());
        assert_eq!(zone_label(&india, ts("2026-01-01T00:00:00Z")), "UTC+5:30");
        let west = TimeZone::fixed(Offset::from_seconds(-3 * 3600).unwrap());
        assert_eq!(zone_label(&west, ts("2026-01-01T00:00:00Z")), "UTC-3");
    }

    #[test]
    fn impossible_ranges_are_rejected_plainly() {
        let now = ts("2026-06-01T12:00:00Z");
        let reject = |choice: DateRangeChoice| {
            let error = choice.resolve(&berlin(), now).unwrap_err();
            assert_eq!(error.code, ErrorCode::InvalidInput);
            error.message
        };
        assert!(reject(DateRangeChoice::Custom {
            from: date(2026, 5, 2),
            to: date(2026, 5, 1)
        })
        .contains("after the end date"));
        assert!(reject(DateRangeChoice::Custom {
            from: date(2026, 6, 2),
            to: date(2026, 6, 3)
        })
        .contains("start date (2026-06-02) is in the future"));
        assert!(reject(DateRangeChoice::Custom {
            from: date(2026, 5, 2),
            to: date(2026, 6, 2)
        })
        .contains("end date (2026-06-02) is in the future"));
        assert!(reject(DateRangeChoice::Custom {
            from: date(2023, 5, 1),
            to: date(2026, 6, 1)
        })
        .contains("at most three years"));
        assert!(reject(DateRangeChoice::LastDays(2000)).contains("at most three years"));
        assert!(reject(DateRangeChoice::LastDays(0)).contains("at least one day"));
        assert!(DateRangeChoice::LastDays(365)
            .resolve(&berlin(), now)
            .is_ok());
        assert!(DateRangeChoice::Custom {
            from: date(2023, 6, 2),
            to: date(2026, 6, 1)
        }
        .resolve(&berlin(), now)
        .is_ok());
    }
}
