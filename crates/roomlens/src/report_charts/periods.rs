//! Calendar periods for per-period charts: days for spans up to two months, weeks (from Monday)
//! up to a year, months up to ten years, years beyond; every period between the first and the
//! last is listed (an empty one counts 0), labelled in the person's zone. It counts nothing itself.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// How long each period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PeriodLength {
    Day,
    Week,
    Month,
    Year,
}

impl PeriodLength {
    /// "day", "week", "month", "year".
    pub fn noun(self) -> &'static str {
        match self {
            PeriodLength::Day => "day",
            PeriodLength::Week => "week",
            PeriodLength::Month => "month",
            PeriodLength::Year => "year",
        }
    }

    /// The first day of the period holding `date`.
    fn start_of(self, date: Date) -> Date {
        match self {
            PeriodLength::Day => date,
            PeriodLength::Week => date
                .checked_sub(i64::from(date.weekday().to_monday_zero_offset()).days())
                .unwrap_or(date),
            PeriodLength::Month => date.first_of_month(),
            PeriodLength::Year => date.first_of_year(),
        }
    }

    fn next(self, start: Date) -> Option<Date> {
        let step = match self {
            PeriodLength::Day => 1.day(),
            PeriodLength::Week => 1.week(),
            PeriodLength::Month => 1.month(),
            PeriodLength::Year => 1.year(),
        };
        start.checked_add(step).ok()
    }

    fn label(self, start: Date, years_differ: bool) -> String {
        match (self, years_differ) {
            (PeriodLength::Day, false) => start.strftime("%-d %b").to_string(),
            (PeriodLength::Day, true) => start.strftime("%-d %b %Y").to_string(),
            (PeriodLength::Week, false) => format!("Week of {}", start.strftime("%-d %b")),
            (PeriodLength::Week, true) => format!("Week of {}", start.strftime("%-d %b %Y")),
            (PeriodLength::Month, _) => start.strftime("%b %Y").to_string(),
            (PeriodLength::Year, _) => start.strftime("%Y").to_string(),
        }
    }
}

/// The periods from the first to the last moment given, and which period each moment is in.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Periods {
    pub length: PeriodLength,
    starts: Vec<Date>,
    pub labels: Vec<String>,
}

/// The most periods listed; a longer list would be an impossible span of years.
const MAX_PERIODS: usize = 400;

impl Periods {
    /// Periods covering the local dates from `first` to `last` (Unix seconds) in `zone`; `None`
    /// when a moment is outside the calendar.
    pub fn covering(first: i64, last: i64, zone: &TimeZone) -> Option<Periods> {
        let (first, last) = (
            local_date(first.min(last), zone)?,
            local_date(first.max(last), zone)?,
        );
        let days = first.until(last).ok()?.get_days();
        let length = match days {
            ..=62 => PeriodLength::Day,
            63..=371 => PeriodLength::Week,
            372..=3660 => PeriodLength::Month,
            _ => PeriodLength::Year,
        };
        let years_differ = first.year() != last.year();
        let mut starts = Vec::new();
        let mut start = length.start_of(first);
        while start <= last && starts.len() < MAX_PERIODS {
            starts.push(start);
            match length.next(start) {
                Some(next) => start = next,
                None => break,
            }
        }
        let labels = starts
            .iter()
            .map(|s| length.label(*s, years_differ))
            .collect();
        Some(Periods {
            length,
            starts,
            labels,
        })
    }

    /// The position of the period holding `seconds`.
    pub fn index_of(&self, seconds: i64, zone: &TimeZone) -> Option<usize> {
        let date = local_date(seconds, zone)?;
        let start = self.length.start_of(date);
        self.starts.binary_search(&start).ok()
    }
}

fn local_date(seconds: i64, zone: &TimeZone) -> Option<Date> {
    Timestamp::from_second(seconds)
        .ok()
        .map(|t| t.to_zoned(zone.clone()).date())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;
    /// 2026-03-02 10:00 UTC, a Monday.
    const MONDAY: i64 = 1_772_445_600;

    #[test]
    fn short_spans_are_days_and_every_day_between_is_listed() {
        let p = Periods::covering(MONDAY, MONDAY + 3 * DAY, &TimeZone::UTC).unwrap();
        assert_eq!(p.length, PeriodLength::Day);
        assert_eq!(p.labels, ["2 Mar", "3 Mar", "4 Mar", "5 Mar"]);
        assert_eq!(p.index_of(MONDAY + 2 * DAY + 3600, &TimeZone::UTC), Some(2));
        assert_eq!(p.index_of(MONDAY + 30 * DAY, &TimeZone::UTC), None);
    }

    #[test]
    fn the_zone_decides_the_day() {
        // 23:30 UTC on Monday is Tuesday in Berlin.
        let late = MONDAY + 13 * 3600 + 1800;
        let berlin = TimeZone::get("Europe/Berlin").unwrap();
        let p = Periods::covering(MONDAY, late, &berlin).unwrap();
        assert_eq!(p.labels, ["2 Mar", "3 Mar"]);
        assert_eq!(p.index_of(late, &berlin), Some(1));
        assert_eq!(p.index_of(late, &TimeZone::UTC), Some(0));
    }

    #[test]
    fn longer_spans_are_weeks_from_monday_then_months_then_years() {
        let weeks =
            Periods::covering(MONDAY + 2 * DAY, MONDAY + 100 * DAY, &TimeZone::UTC).unwrap();
        assert_eq!(weeks.length, PeriodLength::Week);
        assert_eq!(weeks.labels.first().unwrap(), "Week of 2 Mar");
        assert_eq!(weeks.labels.len(), 15);
        let months = Periods::covering(MONDAY, MONDAY + 700 * DAY, &TimeZone::UTC).unwrap();
        assert_eq!(months.length, PeriodLength::Month);
        assert_eq!(months.labels.first().unwrap(), "Mar 2026");
        assert_eq!(months.labels.len(), 23);
        let years = Periods::covering(0, MONDAY, &TimeZone::UTC).unwrap();
        assert_eq!(years.length, PeriodLength::Year);
        assert_eq!(years.labels.first().unwrap(), "1970");
        assert_eq!(years.labels.len(), 57);
        let spans_years = Periods::covering(MONDAY - 300 * DAY, MONDAY, &TimeZone::UTC).unwrap();
        assert!(spans_years.labels.first().unwrap().ends_with("2025"));
    }
}
