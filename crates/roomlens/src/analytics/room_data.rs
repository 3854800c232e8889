//! Summary of a Room data report (6000): main-room sessions and rooms, breakout sessions and rooms
//! apart (a breakout room's row names its main room), the span of time, attendances, engagement
//! and session hours. Room data has no user IDs: its per-session counts of unique users add up to
//! attendances (people × sessions), never to people. Pure: no I/O.

use crate::reports::RoomDataRow;
use crate::weighted_mean::WeightedMean;
use serde::Serialize;
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoomDataSummary {
    /// Distinct main-room sessions (room ID + session ID; a row without either counts on its own).
    /// Rows of breakout rooms are counted in `breakout_sessions` instead.
    pub sessions: u64,
    /// Distinct main rooms.
    pub rooms: u64,
    /// Distinct breakout-room sessions (rows that name a main room).
    pub breakout_sessions: u64,
    /// Distinct breakout rooms.
    pub breakout_rooms: u64,
    /// Earliest main-session start, Unix seconds.
    pub first_session_start: Option<i64>,
    /// Latest main-session end, Unix seconds.
    pub last_session_end: Option<i64>,
    /// Attendances: the sum over main-room sessions of each session's unique users, so a person
    /// in three sessions counts three times. Not a count of people.
    pub attendances: u64,
    /// Mean unique users per main-room session, over the sessions that state a count.
    pub average_attendance_per_session: Option<f64>,
    /// Mean engagement over main-room sessions, weighted by each session's unique users (a session
    /// with 40 people weighs 40 times one with a single person); the plain mean when no session
    /// has a user count.
    pub average_engagement: Option<f64>,
    /// Sum of (end − start) over main-room sessions with both times and end not before start, in
    /// hours. Breakout sessions run inside their main session and are not added again.
    pub total_session_hours: f64,
    /// Main-room sessions whose start or end is missing or whose end is before the start.
    pub sessions_without_duration: u64,
}

pub fn summarize_room_data(rows: &[RoomDataRow]) -> RoomDataSummary {
    let mut sessions: HashSet<(&str, &str)> = HashSet::new();
    let mut keyless = 0u64;
    let mut rooms: HashSet<&str> = HashSet::new();
    let mut breakout_sessions: HashSet<(&str, &str)> = HashSet::new();
    let mut breakout_rooms: HashSet<&str> = HashSet::new();
    let mut engagement = WeightedMean::default();
    let (mut attendances, mut users_counted) = (0u64, 0u64);
    let mut seconds = 0i64;
    let mut without_duration = 0u64;
    let (mut first, mut last) = (None::<i64>, None::<i64>);
    for row in rows {
        if !row.parent_entry_id.trim().is_empty() {
            breakout_sessions.insert((&row.entry_id, &row.cue_point_id));
            if !row.entry_id.is_empty() {
                breakout_rooms.insert(&row.entry_id);
            }
            continue;
        }
        if row.entry_id.is_empty() && row.cue_point_id.is_empty() {
            keyless += 1;
        } else {
            sessions.insert((&row.entry_id, &row.cue_point_id));
        }
        if !row.entry_id.is_empty() {
            rooms.insert(&row.entry_id);
        }
        if let Some(u) = row.meeting_view_period_unique_users {
            attendances = attendances.saturating_add(u);
            users_counted += 1;
        }
        engagement.add(
            row.meeting_engaged_play_time_ratio,
            row.meeting_view_period_unique_users.map(|u| u as f64),
        );
        first = first.into_iter().chain(row.session_start_time).min();
        last = last.into_iter().chain(row.session_end_time).max();
        match (row.session_start_time, row.session_end_time) {
            (Some(start), Some(end)) if end >= start => {
                seconds = seconds.saturating_add(end - start)
            }
            _ => without_duration += 1,
        }
    }
    RoomDataSummary {
        sessions: sessions.len() as u64 + keyless,
        rooms: rooms.len() as u64,
        breakout_sessions: breakout_sessions.len() as u64,
        breakout_rooms: breakout_rooms.len() as u64,
        first_session_start: first,
        last_session_end: last,
        attendances,
        average_attendance_per_session: (users_counted > 0)
            .then(|| attendances as f64 / users_counted as f64),
        average_engagement: engagement.value(),
        total_session_hours: seconds as f64 / 3600.0,
        sessions_without_duration: without_duration,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        room: &str,
        session: &str,
        times: (Option<i64>, Option<i64>),
        users: Option<u64>,
        ratio: Option<f64>,
    ) -> RoomDataRow {
        RoomDataRow {
            entry_id: room.into(),
            cue_point_id: session.into(),
            session_start_time: times.0,
            session_end_time: times.1,
            meeting_view_period_unique_users: users,
            meeting_engaged_play_time_ratio: ratio,
            ..Default::default()
        }
    }

    #[test]
    fn hand_computed_summary() {
        let rows = vec![
            row("r1", "s1", (Some(1000), Some(4600)), Some(10), Some(0.5)),
            row("r1", "s2", (Some(5000), Some(6800)), Some(30), Some(0.9)),
            row("r2", "s3", (Some(500), None), None, Some(0.1)),
            row("r2", "s4", (Some(9000), Some(8000)), Some(2), None),
        ];
        let s = summarize_room_data(&rows);
        assert_eq!(s.sessions, 4);
        assert_eq!(s.rooms, 2);
        assert_eq!(s.first_session_start, Some(500));
        assert_eq!(s.last_session_end, Some(8000));
        assert_eq!(s.attendances, 42);
        assert_eq!(s.average_attendance_per_session, Some(14.0));
        assert_eq!(s.average_engagement, Some((0.5 * 10.0 + 0.9 * 30.0) / 40.0));
        assert_eq!(s.total_session_hours, 1.5);
        assert_eq!(s.sessions_without_duration, 2);
    }

    #[test]
    fn breakout_rows_are_counted_apart_and_add_no_attendances_or_hours() {
        let mut breakout = row("b1", "s1", (Some(1200), Some(2400)), Some(4), Some(0.2));
        breakout.parent_entry_id = "r1".into();
        let mut other_breakout = row("b2", "s1", (Some(1200), Some(2400)), Some(6), Some(0.3));
        other_breakout.parent_entry_id = "r1".into();
        let rows = vec![
            row("r1", "s1", (Some(1000), Some(4600)), Some(10), Some(0.5)),
            breakout,
            other_breakout,
        ];
        let s = summarize_room_data(&rows);
        assert_eq!(
            (s.sessions, s.rooms),
            (1, 1),
            "one main session in one room"
        );
        assert_eq!((s.breakout_sessions, s.breakout_rooms), (2, 2));
        assert_eq!(
            s.attendances, 10,
            "the main session's people, not again in its breakouts"
        );
        assert_eq!(s.total_session_hours, 1.0);
        assert_eq!(s.average_engagement, Some(0.5));
    }

    #[test]
    fn empty_report() {
        let s = summarize_room_data(&[]);
        assert_eq!(
            (s.sessions, s.average_engagement, s.first_session_start),
            (0, None, None)
        );
    }
}
