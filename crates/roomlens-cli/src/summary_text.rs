//! The core's report summaries written as plain text for a terminal: one labelled figure per line,
//! times in the local zone, names from the data stripped of control characters so a hostile name
//! cannot drive the terminal. It computes nothing; every figure comes from `roomlens::analytics`.

use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::analytics::{AttendeesSummary, BreakoutsSummary, RoomDataSummary, Summary};
use roomlens::wording;
use std::fmt::Write;

/// Users listed in an attendees summary; `--json` lists them all.
const TOP_USERS: usize = 10;

pub fn heading(title: &str) -> String {
    let title = plain(title);
    format!("\n{title}\n{}", "=".repeat(title.chars().count()))
}

pub fn render(summary: &Summary, tz: &TimeZone) -> String {
    match summary {
        Summary::RoomData(s) => room_data(s, tz),
        Summary::Attendees(s) => attendees(s),
        Summary::Breakouts(s) => breakouts(s),
    }
}

fn line(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "{label:<20}{value}");
}

fn optional_percent(ratio: Option<f64>) -> String {
    ratio
        .map(wording::percent)
        .unwrap_or_else(|| "not stated".to_owned())
}

fn room_data(s: &RoomDataSummary, tz: &TimeZone) -> String {
    let mut out = String::new();
    line(&mut out, "Sessions", &wording::count(s.sessions));
    line(&mut out, "Rooms", &wording::count(s.rooms));
    if s.breakout_sessions > 0 {
        line(
            &mut out,
            "Breakout rooms",
            &format!(
                "{} sessions in {} rooms (not counted above)",
                wording::count(s.breakout_sessions),
                wording::count(s.breakout_rooms)
            ),
        );
    }
    if let (Some(first), Some(last)) = (s.first_session_start, s.last_session_end) {
        line(
            &mut out,
            "Dates",
            &format!("{} – {}", local_time(first, tz), local_time(last, tz)),
        );
    }
    let per_session = s
        .average_attendance_per_session
        .map(|a| format!(", {a:.1} per session on average"))
        .unwrap_or_default();
    line(
        &mut out,
        "Attendances",
        &format!(
            "{} (people × sessions){per_session}",
            wording::count(s.attendances)
        ),
    );
    line(
        &mut out,
        "Average engagement",
        &optional_percent(s.average_engagement),
    );
    line(
        &mut out,
        "Session hours",
        &wording::hours(s.total_session_hours),
    );
    if s.sessions_without_duration > 0 {
        let _ = writeln!(
            out,
            "({} sessions have no usable start and end time)",
            wording::count(s.sessions_without_duration)
        );
    }
    out
}

fn attendees(s: &AttendeesSummary) -> String {
    let mut out = String::new();
    line(&mut out, "Unique users", &wording::count(s.unique_users));
    line(
        &mut out,
        "Sessions",
        &format!(
            "{} in {} rooms",
            wording::count(s.sessions),
            wording::count(s.rooms)
        ),
    );
    let per_user = s
        .average_minutes_per_user
        .map(|m| format!(", {} per user", wording::minutes(m)))
        .unwrap_or_default();
    line(
        &mut out,
        "Participation",
        &format!("{} in total{per_user}", wording::minutes(s.total_minutes)),
    );
    line(
        &mut out,
        "Average engagement",
        &optional_percent(s.average_engagement),
    );
    let _ = writeln!(out, "Users by engagement:");
    let widest = s
        .engagement_distribution
        .buckets
        .iter()
        .map(|b| b.users)
        .max()
        .unwrap_or(0)
        .max(1);
    for bucket in &s.engagement_distribution.buckets {
        let bar = "#".repeat(usize::try_from(bucket.users * 30 / widest).unwrap_or(30));
        let range = format!("{}–{}%", bucket.from_percent, bucket.to_percent);
        let _ = writeln!(
            out,
            "  {range:<9}{:>8}  {bar}",
            wording::count(bucket.users)
        );
    }
    if s.engagement_distribution.unknown > 0 {
        let _ = writeln!(
            out,
            "  {:<9}{:>8}",
            "unknown",
            wording::count(s.engagement_distribution.unknown)
        );
    }
    if !s.users.is_empty() {
        let _ = writeln!(out, "Most minutes:");
        for user in s.users.iter().take(TOP_USERS) {
            let who = match (user.name.is_empty(), user.email.is_empty()) {
                (false, false) => format!("{} <{}>", plain(&user.name), plain(&user.email)),
                (false, true) => plain(&user.name),
                (true, false) => plain(&user.email),
                (true, true) => plain(&user.user_id),
            };
            let _ = writeln!(
                out,
                "  {who} — {} sessions, {}, engagement {}",
                wording::count(user.sessions_attended),
                wording::minutes(user.total_minutes),
                optional_percent(user.average_engagement)
            );
        }
        if s.users.len() > TOP_USERS {
            let _ = writeln!(
                out,
                "  … and {} more users (see --json)",
                wording::count((s.users.len() - TOP_USERS) as u64)
            );
        }
    }
    out
}

fn breakouts(s: &BreakoutsSummary) -> String {
    let mut out = String::new();
    line(
        &mut out,
        "Breakout sessions",
        &wording::count(s.breakout_sessions),
    );
    line(&mut out, "Main rooms", &wording::count(s.main_rooms));
    line(
        &mut out,
        "Breakout rooms",
        &wording::count(s.breakout_rooms),
    );
    for room in &s.per_main_room {
        let name = match (room.main_room_name.is_empty(), room.main_room_id.is_empty()) {
            (_, true) => "(no main room)".to_owned(),
            (true, false) => plain(&room.main_room_id),
            (false, false) => format!(
                "{} ({})",
                plain(&room.main_room_name),
                plain(&room.main_room_id)
            ),
        };
        let duration = room
            .average_duration_seconds
            .map(|secs| format!(", {} on average", wording::minutes(secs / 60.0)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {name}: {} breakout rooms, {} sessions, {} breakout sessions, {} participants{duration}, engagement {}",
            wording::count(room.breakout_rooms),
            wording::count(room.sessions),
            wording::count(room.breakout_sessions),
            wording::count(room.participants),
            optional_percent(room.average_engagement)
        );
    }
    out
}

/// A Unix time as "2026-03-04 10:15" in `tz`.
fn local_time(unix: i64, tz: &TimeZone) -> String {
    match Timestamp::from_second(unix) {
        Ok(t) => t
            .to_zoned(tz.clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string(),
        Err(_) => format!("{unix} (out of range)"),
    }
}

/// Text from a report with control characters (escape sequences, new lines) replaced.
pub fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use roomlens::analytics::{summarize_attendees, summarize_room_data};
    use roomlens::reports::{AttendeeRow, RoomDataRow};

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(plain("a\u{1b}[31mb\nc"), "a\u{fffd}[31mb\u{fffd}c");
        let rows = vec![AttendeeRow {
            entry_id: "1_r".into(),
            cue_point_id: "cp".into(),
            user_id: "u".into(),
            user_name: "\u{1b}]0;owned\u{7}Eve".into(),
            meeting_view_time: Some(5.0),
            meeting_engaged_play_time_ratio: Some(0.5),
            ..Default::default()
        }];
        let text = render(
            &Summary::Attendees(summarize_attendees(&rows)),
            &TimeZone::UTC,
        );
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
        assert!(text.contains("Eve"));
    }

    #[test]
    fn room_data_dates_are_local() {
        let rows = vec![RoomDataRow {
            entry_id: "1_r".into(),
            cue_point_id: "cp".into(),
            session_start_time: Some(1_772_000_000),
            session_end_time: Some(1_772_003_600),
            meeting_view_period_unique_users: Some(4),
            meeting_engaged_play_time_ratio: Some(0.5),
            ..Default::default()
        }];
        let text = render(
            &Summary::RoomData(summarize_room_data(&rows)),
            &TimeZone::UTC,
        );
        assert!(
            text.contains("Dates               2026-02-25 06:13 – 2026-02-25 07:13"),
            "{text}"
        );
        assert!(text.contains("Session hours       1.0 h"), "{text}");
        assert!(text.contains("Average engagement  50.0%"), "{text}");
    }
}
