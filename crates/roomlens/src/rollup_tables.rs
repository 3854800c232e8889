//! The library's rollups as tables: each column's heading in words and as a key (the command
//! line's JSON keys, for CSVs with raw headers), and each cell as text — plain numbers and ISO-like
//! local times for a spreadsheet, or worded (thousands separators, durations, one decimal) for
//! print. The window's CSV export and the rollup PDF share them. It computes no figure (the
//! rollups do) and writes no file.

use crate::analytics::attention::{EngagementDrop, SessionDrop};
use crate::analytics::breakout_rollups::MainRoomBreakouts;
use crate::analytics::person_sessions::PersonSession;
use crate::analytics::rollups::{PersonRollup, RoomPeriod, TrendPeriod};
use crate::export::{table_csv_bytes, ExportOptions, HeaderStyle};
use crate::wording::{count, decimal, minutes};
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Who reads the cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellStyle {
    /// A spreadsheet: numbers without separators, times as `2026-03-02 10:00`.
    Spreadsheet,
    /// A person reading a page: "1,284", "1 h 05 min", "73.5%", "2 Mar 2026 10:00".
    Print,
}

/// One column of a rollup table.
#[derive(Debug, Clone, PartialEq)]
pub struct RollupColumn {
    pub label: &'static str,
    /// The raw heading (a JSON key of `roomlens people`/`rooms` where there is one).
    pub key: &'static str,
    pub numeric: bool,
    /// Names and e-mails take more room in print.
    pub wide: bool,
}

/// A rollup as a table.
#[derive(Debug, Clone, PartialEq)]
pub struct RollupTable {
    pub title: String,
    pub columns: Vec<RollupColumn>,
    pub rows: Vec<Vec<String>>,
}

impl RollupTable {
    /// The table as CSV bytes, with `options`' headers, delimiter, BOM and formula neutralising.
    pub fn csv_bytes(&self, options: &ExportOptions) -> Vec<u8> {
        let header: Vec<String> = self
            .columns
            .iter()
            .map(|c| match options.headers {
                HeaderStyle::Raw => c.key.to_owned(),
                HeaderStyle::Friendly => c.label.to_owned(),
            })
            .collect();
        table_csv_bytes(&header, &self.rows, options)
    }
}

const fn column(label: &'static str, key: &'static str, numeric: bool, wide: bool) -> RollupColumn {
    RollupColumn {
        label,
        key,
        numeric,
        wide,
    }
}

/// Cells written for `style` in `zone`.
struct Cells<'z> {
    style: CellStyle,
    zone: &'z TimeZone,
}

impl Cells<'_> {
    fn count(&self, n: u64) -> String {
        match self.style {
            CellStyle::Spreadsheet => n.to_string(),
            CellStyle::Print => count(n),
        }
    }

    fn minutes(&self, m: f64) -> String {
        match self.style {
            CellStyle::Spreadsheet => format!("{:.1}", m),
            CellStyle::Print => minutes(m),
        }
    }

    fn hours(&self, h: f64) -> String {
        match self.style {
            CellStyle::Spreadsheet => format!("{:.2}", h),
            CellStyle::Print => decimal(h),
        }
    }

    /// A percentage 0–100, or "" / "–" when there is none.
    fn percent(&self, pct: Option<f64>) -> String {
        match (pct.filter(|p| p.is_finite()), self.style) {
            (Some(p), CellStyle::Spreadsheet) => format!("{p:.1}"),
            (Some(p), CellStyle::Print) => format!("{}%", decimal(p)),
            (None, CellStyle::Spreadsheet) => String::new(),
            (None, CellStyle::Print) => "–".to_owned(),
        }
    }

    fn maybe_count(&self, n: Option<u64>) -> String {
        match (n, self.style) {
            (Some(n), _) => self.count(n),
            (None, CellStyle::Spreadsheet) => String::new(),
            (None, CellStyle::Print) => "–".to_owned(),
        }
    }

    /// A signed change: "-75.0" / "−75%" (percent) or "−12.5 points".
    fn change(&self, value: Option<f64>, unit: &str) -> String {
        match (value.filter(|v| v.is_finite()), self.style) {
            (Some(v), CellStyle::Spreadsheet) => format!("{v:.1}"),
            (Some(v), CellStyle::Print) => {
                let sign = if v < -0.05 {
                    "−"
                } else if v > 0.05 {
                    "+"
                } else {
                    ""
                };
                format!("{sign}{}{unit}", decimal(v.abs()))
            }
            (None, CellStyle::Spreadsheet) => String::new(),
            (None, CellStyle::Print) => "–".to_owned(),
        }
    }

    fn decimal(&self, value: Option<f64>) -> String {
        match (value.filter(|v| v.is_finite()), self.style) {
            (Some(v), CellStyle::Spreadsheet) => format!("{v:.1}"),
            (Some(v), CellStyle::Print) => decimal(v),
            (None, CellStyle::Spreadsheet) => String::new(),
            (None, CellStyle::Print) => "–".to_owned(),
        }
    }

    fn time(&self, seconds: Option<i64>) -> String {
        let format = match self.style {
            CellStyle::Spreadsheet => "%Y-%m-%d %H:%M",
            CellStyle::Print => "%-d %b %Y %H:%M",
        };
        match seconds.and_then(|s| Timestamp::from_second(s).ok()) {
            Some(t) => t.to_zoned(self.zone.clone()).strftime(format).to_string(),
            None if self.style == CellStyle::Print => "–".to_owned(),
            None => String::new(),
        }
    }
}

/// The people rollup: one row per person, in the order given.
pub fn people_table(people: &[PersonRollup], zone: &TimeZone, style: CellStyle) -> RollupTable {
    let cells = Cells { style, zone };
    RollupTable {
        title: "People across the library".to_owned(),
        columns: vec![
            column("Name", "name", false, true),
            column("E-mail", "email", false, true),
            column("User ID", "user_id", false, false),
            column("Sessions", "sessions", true, false),
            column("Rooms", "rooms", true, false),
            column("Participation time (minutes)", "minutes", true, false),
            column("Engagement rate", "engagement_pct", true, false),
            column("First seen", "first_seen", false, false),
            column("Last seen", "last_seen", false, false),
            column("Roles", "roles", false, false),
        ],
        rows: people
            .iter()
            .map(|p| {
                vec![
                    p.name.clone(),
                    p.email.clone(),
                    p.user_id.clone(),
                    cells.count(p.sessions),
                    cells.count(p.rooms),
                    cells.minutes(p.minutes),
                    cells.percent(p.engagement_pct),
                    cells.time(p.first_seen),
                    cells.time(p.last_seen),
                    p.roles.join(", "),
                ]
            })
            .collect(),
    }
}

/// The rooms rollup: one row per room and period, in the order given.
pub fn room_trends_table(
    periods: &[RoomPeriod],
    period: TrendPeriod,
    style: CellStyle,
) -> RollupTable {
    let cells = Cells {
        style,
        zone: &TimeZone::UTC,
    };
    let (title, heading) = match period {
        TrendPeriod::Week => ("Rooms week by week", "Week from"),
        TrendPeriod::Month => ("Rooms month by month", "Month from"),
    };
    RollupTable {
        title: title.to_owned(),
        columns: vec![
            column("Room", "name", false, true),
            column("Room ID", "room_id", false, false),
            column(heading, "period", false, false),
            column("Sessions", "sessions", true, false),
            column("Unique attendees", "unique_attendees", true, false),
            column("Hours", "hours", true, false),
            column("Engagement rate", "engagement_pct", true, false),
        ],
        rows: periods
            .iter()
            .map(|r| {
                vec![
                    r.name.clone(),
                    r.room_id.clone(),
                    r.period.clone(),
                    cells.count(r.sessions),
                    cells.count(r.unique_attendees),
                    cells.hours(r.hours),
                    cells.percent(r.engagement_pct),
                ]
            })
            .collect(),
    }
}

/// One person's sessions (the drill-down), in the order given.
pub fn person_sessions_table(
    who: &str,
    sessions: &[PersonSession],
    zone: &TimeZone,
    style: CellStyle,
) -> RollupTable {
    let cells = Cells { style, zone };
    RollupTable {
        title: format!("Sessions of {who}"),
        columns: vec![
            column("Session start", "session_start", false, false),
            column("Session end", "session_end", false, false),
            column("Room", "room_name", false, true),
            column("Room ID", "room_id", false, false),
            column("Session ID", "session_id", false, false),
            column("Role", "role", false, false),
            column("Participation time (minutes)", "minutes", true, false),
            column("Engagement rate", "engagement_pct", true, false),
        ],
        rows: sessions
            .iter()
            .map(|s| {
                vec![
                    cells.time(s.session_start),
                    cells.time(s.session_end),
                    s.room_name.clone(),
                    s.room_id.clone(),
                    s.session_id.clone(),
                    s.role.clone(),
                    s.minutes.map(|m| cells.minutes(m)).unwrap_or_default(),
                    cells.percent(s.engagement_pct),
                ]
            })
            .collect(),
    }
}

/// Sessions below their room's usual attendance or engagement, in the order given.
pub fn session_drops_table(
    drops: &[SessionDrop],
    zone: &TimeZone,
    style: CellStyle,
) -> RollupTable {
    let cells = Cells { style, zone };
    RollupTable {
        title: "Sessions below their room's usual".to_owned(),
        columns: vec![
            column("Room", "room_name", false, true),
            column("Room ID", "room_id", false, false),
            column("Session start", "start", false, false),
            column("Session ID", "session_id", false, false),
            column("Unique attendees", "users", true, false),
            column("Room's median attendees", "room_median_users", true, false),
            column(
                "Attendance change (%)",
                "attendance_change_pct",
                true,
                false,
            ),
            column("Engagement rate", "engagement_pct", true, false),
            column(
                "Room's median engagement",
                "room_median_engagement_pct",
                true,
                false,
            ),
            column(
                "Engagement change (points)",
                "engagement_change_points",
                true,
                false,
            ),
        ],
        rows: drops
            .iter()
            .map(|d| {
                vec![
                    d.room_name.clone(),
                    d.room_id.clone(),
                    cells.time(d.start),
                    d.session_id.clone(),
                    cells.maybe_count(d.users),
                    cells.decimal(d.room_median_users),
                    cells.change(d.attendance_change_pct, "%"),
                    cells.percent(d.engagement_pct),
                    cells.percent(d.room_median_engagement_pct),
                    cells.change(d.engagement_change_points, " points"),
                ]
            })
            .collect(),
    }
}

/// People whose engagement dropped over their last sessions, in the order given.
pub fn engagement_drops_table(
    drops: &[EngagementDrop],
    zone: &TimeZone,
    style: CellStyle,
) -> RollupTable {
    let cells = Cells { style, zone };
    RollupTable {
        title: "People whose engagement dropped".to_owned(),
        columns: vec![
            column("Name", "name", false, true),
            column("E-mail", "email", false, true),
            column("User ID", "user_id", false, false),
            column("Sessions compared", "sessions", true, false),
            column("Earlier engagement", "earlier_pct", true, false),
            column("Last sessions' engagement", "recent_pct", true, false),
            column("Drop (points)", "drop_points", true, false),
            column("Last seen", "last_seen", false, false),
        ],
        rows: drops
            .iter()
            .map(|d| {
                vec![
                    d.name.clone(),
                    d.email.clone(),
                    d.user_id.clone(),
                    cells.count(d.sessions),
                    cells.percent(Some(d.earlier_pct)),
                    cells.percent(Some(d.recent_pct)),
                    cells.decimal(Some(d.drop_points)),
                    cells.time(d.last_seen),
                ]
            })
            .collect(),
    }
}

/// Breakout rooms per main room, in the order given.
pub fn breakouts_table(rooms: &[MainRoomBreakouts], style: CellStyle) -> RollupTable {
    let cells = Cells {
        style,
        zone: &TimeZone::UTC,
    };
    RollupTable {
        title: "Breakout rooms per main room".to_owned(),
        columns: vec![
            column("Main room", "room_name", false, true),
            column("Room ID", "room_id", false, false),
            column("Main sessions", "main_sessions", true, false),
            column(
                "Main session participants",
                "main_participants",
                true,
                false,
            ),
            column(
                "Main session engagement",
                "main_engagement_pct",
                true,
                false,
            ),
            column(
                "Sessions with breakouts",
                "sessions_with_breakouts",
                true,
                false,
            ),
            column("Breakout rooms", "breakout_rooms", true, false),
            column("Breakout sessions", "breakout_sessions", true, false),
            column(
                "Breakout participants",
                "breakout_participants",
                true,
                false,
            ),
            column(
                "Breakout engagement",
                "breakout_engagement_pct",
                true,
                false,
            ),
            column("Joined a breakout", "joined_breakout_pct", true, false),
        ],
        rows: rooms
            .iter()
            .map(|r| {
                vec![
                    r.room_name.clone(),
                    r.room_id.clone(),
                    cells.count(r.main_sessions),
                    cells.count(r.main_participants),
                    cells.percent(r.main_engagement_pct),
                    cells.count(r.sessions_with_breakouts),
                    cells.count(r.breakout_rooms),
                    cells.count(r.breakout_sessions),
                    cells.count(r.breakout_participants),
                    cells.percent(r.breakout_engagement_pct),
                    cells.percent(r.joined_breakout_pct),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::ExportOptions;

    fn person() -> PersonRollup {
        PersonRollup {
            person: "u1".into(),
            user_id: "u1".into(),
            email: "=cmd@example.org".into(),
            name: "Ada, \"the\" Lovelace".into(),
            sessions: 1284,
            rooms: 3,
            minutes: 65.04,
            engagement_pct: Some(73.46),
            first_seen: Some(1_772_445_600),
            last_seen: None,
            roles: vec!["Attendee".into(), "Host".into()],
        }
    }

    #[test]
    fn people_cells_for_a_spreadsheet_and_for_print() {
        let utc = TimeZone::UTC;
        let sheet = people_table(&[person()], &utc, CellStyle::Spreadsheet);
        assert_eq!(
            sheet.rows[0][3..],
            [
                "1284",
                "3",
                "65.0",
                "73.5",
                "2026-03-02 10:00",
                "",
                "Attendee, Host"
            ]
        );
        let print = people_table(&[person()], &utc, CellStyle::Print);
        assert_eq!(
            print.rows[0][3..],
            [
                "1,284",
                "3",
                "1 h 05 min",
                "73.5%",
                "2 Mar 2026 10:00",
                "–",
                "Attendee, Host"
            ]
        );
        assert_eq!(print.columns.len(), print.rows[0].len());
    }

    #[test]
    fn csv_uses_labels_or_keys_and_neutralises_text() {
        let table = people_table(&[person()], &TimeZone::UTC, CellStyle::Spreadsheet);
        let friendly = String::from_utf8(table.csv_bytes(&ExportOptions::default())).unwrap();
        assert!(
            friendly.contains("Name,E-mail,User ID,Sessions"),
            "{friendly}"
        );
        assert!(
            friendly.contains("\"Ada, \"\"the\"\" Lovelace\",'=cmd@example.org"),
            "{friendly}"
        );
        let raw = String::from_utf8(table.csv_bytes(&ExportOptions {
            headers: HeaderStyle::Raw,
            ..ExportOptions::default()
        }))
        .unwrap();
        assert!(raw.contains("name,email,user_id,sessions,rooms,minutes,engagement_pct,first_seen,last_seen,roles"), "{raw}");
    }

    #[test]
    fn attention_cells_carry_signs_and_units_in_print() {
        let drop = SessionDrop {
            room_id: "1_a".into(),
            room_name: "Sales".into(),
            session_id: "s1".into(),
            start: Some(1_772_445_600),
            users: Some(5),
            room_median_users: Some(20.0),
            attendance_change_pct: Some(-75.0),
            engagement_pct: Some(40.0),
            room_median_engagement_pct: Some(52.5),
            engagement_change_points: Some(-12.5),
        };
        let print = session_drops_table(
            std::slice::from_ref(&drop),
            &TimeZone::UTC,
            CellStyle::Print,
        );
        assert_eq!(
            print.rows[0][4..],
            ["5", "20", "−75%", "40%", "52.5%", "−12.5 points"]
        );
        let sheet = session_drops_table(&[drop], &TimeZone::UTC, CellStyle::Spreadsheet);
        assert_eq!(
            sheet.rows[0][4..],
            ["5", "20.0", "-75.0", "40.0", "52.5", "-12.5"]
        );
        for table in [&print, &sheet] {
            assert!(table.rows.iter().all(|r| r.len() == table.columns.len()));
        }
    }

    #[test]
    fn room_periods_in_order() {
        let rows = [RoomPeriod {
            room_id: "1_a".into(),
            name: "Sales".into(),
            period: "2026-03-02".into(),
            sessions: 2,
            unique_attendees: 1500,
            hours: 1.5,
            engagement_pct: None,
        }];
        let table = room_trends_table(&rows, TrendPeriod::Week, CellStyle::Print);
        assert_eq!(table.columns[2].label, "Week from");
        assert_eq!(
            table.rows[0],
            ["Sales", "1_a", "2026-03-02", "2", "1,500", "1.5", "–"]
        );
    }
}
