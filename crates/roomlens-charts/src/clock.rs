//! Local time for chart axes without a time-zone database: a session's start as a Unix time, the
//! UTC offset the caller looked up for that session, and the zone's name for the axis label; and
//! local calendar days for per-day charts. It does not follow daylight-saving changes inside a
//! session: one offset holds for the whole chart.

use crate::error::ChartError;

/// When a session's first minute starts, and how to show it in the viewer's zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionClock {
    /// Start of the first minute, seconds since 1970-01-01 00:00 UTC.
    pub start_unix_seconds: i64,
    /// The zone's offset from UTC at the session's start, in minutes (Berlin in winter: 60).
    pub utc_offset_minutes: i32,
    /// The zone's name as shown to the person, e.g. "Europe/Berlin".
    pub zone_name: String,
}

impl SessionClock {
    /// Minutes since 1970-01-01 00:00 local time at the start of minute `index`.
    pub(crate) fn local_minute(&self, index: usize) -> i64 {
        let start = self.start_unix_seconds.div_euclid(60) + i64::from(self.utc_offset_minutes);
        start.saturating_add(i64::try_from(index).unwrap_or(i64::MAX))
    }

    /// `HH:MM` local time at the start of minute `index`; on a later day than the session's
    /// first minute (it ran past midnight), with that day: `2 Mar 00:10`.
    pub(crate) fn label(&self, index: usize) -> String {
        const DAY: i64 = 24 * 60;
        let minute = self.local_minute(index);
        let of_day = minute.rem_euclid(DAY);
        let time = format!("{:02}:{:02}", of_day / 60, of_day % 60);
        let day = minute.div_euclid(DAY);
        if day == self.local_minute(0).div_euclid(DAY) {
            time
        } else {
            format!(
                "{} {time}",
                LocalDay::from_days_since_epoch(day).label(false)
            )
        }
    }

    /// `HH:MM` local time at a fractional minute index (tick labels).
    pub(crate) fn label_at(&self, index: f64) -> String {
        if !index.is_finite() || index < 0.0 {
            return String::new();
        }
        // Saturating float-to-int conversion; ticks sit on whole minutes.
        self.label(index.round() as usize)
    }
}

/// A calendar day in the viewer's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocalDay {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl LocalDay {
    /// Days since 1970-01-01, or an error for a day that does not exist.
    pub(crate) fn days_since_epoch(self) -> Result<i64, ChartError> {
        let valid_day = u8::try_from(days_in_month(self.year, self.month)).unwrap_or(0);
        if !(1..=12).contains(&self.month) || self.day == 0 || self.day > valid_day {
            return Err(ChartError::InvalidInput {
                detail: format!(
                    "{:04}-{:02}-{:02} is not a date",
                    self.year, self.month, self.day
                ),
            });
        }
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Ok(era * 146_097 + doe - 719_468)
    }

    /// The day `days` days after 1970-01-01.
    pub(crate) fn from_days_since_epoch(days: i64) -> LocalDay {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        LocalDay {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// `3 Mar`, or `3 Mar 2026` when `with_year`.
    pub(crate) fn label(self, with_year: bool) -> String {
        let month = MONTHS
            .get(usize::from(self.month.saturating_sub(1)))
            .copied()
            .unwrap_or("?");
        if with_year {
            format!("{} {} {}", self.day, month, self.year)
        } else {
            format!("{} {}", self.day, month)
        }
    }

    /// `2026-03-03`, for text alternatives.
    pub(crate) fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u8) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minute_labels_use_the_offset_and_wrap_at_midnight() {
        let clock = SessionClock {
            // 2026-03-01 22:58 UTC
            start_unix_seconds: 1_772_405_880,
            utc_offset_minutes: 60,
            zone_name: "Europe/Berlin".into(),
        };
        assert_eq!(clock.label(0), "23:58");
        assert_eq!(clock.label(1), "23:59");
        assert_eq!(
            clock.label(2),
            "2 Mar 00:00",
            "past midnight, the day is named"
        );
        assert_eq!(clock.label(2 + 24 * 60), "3 Mar 00:00");
    }

    #[test]
    fn days_round_trip() {
        for days in [-800_000, -1, 0, 59, 60, 20_000, 20_513, 2_000_000] {
            let day = LocalDay::from_days_since_epoch(days);
            assert_eq!(day.days_since_epoch().unwrap(), days, "{day:?}");
        }
        let leap = LocalDay {
            year: 2024,
            month: 2,
            day: 29,
        };
        assert_eq!(leap.days_since_epoch().unwrap(), 19_782);
        assert!(LocalDay {
            year: 2025,
            month: 2,
            day: 29
        }
        .days_since_epoch()
        .is_err());
        assert!(LocalDay {
            year: 2025,
            month: 13,
            day: 1
        }
        .days_since_epoch()
        .is_err());
        assert_eq!(leap.label(false), "29 Feb");
        assert_eq!(leap.iso(), "2024-02-29");
    }
}
