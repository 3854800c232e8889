//! Summary of a Breakout rooms report (6002), per main room: breakout rooms, sessions,
//! participants, average duration and engagement. Pure: no I/O. Participants add up each
//! breakout session's count; the report has no user IDs to tell people apart.

use crate::reports::BreakoutRow;
use crate::weighted_mean::WeightedMean;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakoutsSummary {
    /// Rows summarised (one per breakout room session).
    pub breakout_sessions: u64,
    pub main_rooms: u64,
    /// Distinct breakout room IDs over all main rooms.
    pub breakout_rooms: u64,
    /// Per main room, ordered by main room ID.
    pub per_main_room: Vec<MainRoomSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MainRoomSummary {
    /// "" for rows that name no main room.
    pub main_room_id: String,
    /// First non-empty name seen.
    pub main_room_name: String,
    /// Distinct breakout room IDs.
    pub breakout_rooms: u64,
    /// Distinct session IDs (the main room sessions that used breakout rooms).
    pub sessions: u64,
    /// Rows: each breakout room session.
    pub breakout_sessions: u64,
    /// Sum of participant counts over breakout sessions.
    pub participants: u64,
    /// Mean breakout session duration in seconds, over sessions that state one.
    pub average_duration_seconds: Option<f64>,
    /// Mean engagement, weighted by participants (plain mean if no counts).
    pub average_engagement: Option<f64>,
}

#[derive(Default)]
struct MainRoomTotals<'a> {
    name: &'a str,
    breakout_rooms: HashSet<&'a str>,
    sessions: HashSet<&'a str>,
    breakout_sessions: u64,
    participants: u64,
    duration_sum: f64,
    durations: u64,
    engagement: WeightedMean,
}

pub fn summarize_breakouts(rows: &[BreakoutRow]) -> BreakoutsSummary {
    let mut per_room: BTreeMap<&str, MainRoomTotals<'_>> = BTreeMap::new();
    let mut all_breakouts: HashSet<&str> = HashSet::new();
    for row in rows {
        let t = per_room.entry(row.parent_entry_id.as_str()).or_default();
        if t.name.is_empty() {
            t.name = &row.parent_entry_name;
        }
        if !row.breakout_entry_id.is_empty() {
            t.breakout_rooms.insert(&row.breakout_entry_id);
            all_breakouts.insert(&row.breakout_entry_id);
        }
        if !row.cue_point_id.is_empty() {
            t.sessions.insert(&row.cue_point_id);
        }
        t.breakout_sessions += 1;
        t.participants = t
            .participants
            .saturating_add(row.participant_count.unwrap_or(0));
        if let Some(d) = row.duration {
            t.duration_sum += d;
            t.durations += 1;
        }
        t.engagement
            .add(row.engagement_rate, row.participant_count.map(|p| p as f64));
    }
    let per_main_room: Vec<MainRoomSummary> = per_room
        .into_iter()
        .map(|(id, t)| MainRoomSummary {
            main_room_id: id.to_owned(),
            main_room_name: t.name.to_owned(),
            breakout_rooms: t.breakout_rooms.len() as u64,
            sessions: t.sessions.len() as u64,
            breakout_sessions: t.breakout_sessions,
            participants: t.participants,
            average_duration_seconds: (t.durations > 0)
                .then(|| t.duration_sum / t.durations as f64),
            average_engagement: t.engagement.value(),
        })
        .collect();
    BreakoutsSummary {
        breakout_sessions: rows.len() as u64,
        main_rooms: per_main_room
            .iter()
            .filter(|m| !m.main_room_id.is_empty())
            .count() as u64,
        breakout_rooms: all_breakouts.len() as u64,
        per_main_room,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        main: &str,
        breakout: &str,
        session: &str,
        duration: Option<f64>,
        people: Option<u64>,
        rate: Option<f64>,
    ) -> BreakoutRow {
        BreakoutRow {
            parent_entry_id: main.into(),
            parent_entry_name: format!("Main {main}").into(),
            breakout_entry_id: breakout.into(),
            cue_point_id: session.into(),
            duration,
            participant_count: people,
            engagement_rate: rate,
            ..Default::default()
        }
    }

    #[test]
    fn hand_computed_summary() {
        let rows = vec![
            row("m1", "b1", "s1", Some(600.0), Some(4), Some(0.5)),
            row("m1", "b2", "s1", Some(1200.0), Some(6), Some(1.0)),
            row("m1", "b1", "s2", None, None, Some(0.2)),
            row("m2", "b3", "s3", Some(300.0), Some(2), None),
        ];
        let s = summarize_breakouts(&rows);
        assert_eq!(
            (s.breakout_sessions, s.main_rooms, s.breakout_rooms),
            (4, 2, 3)
        );
        let m1 = &s.per_main_room[0];
        assert_eq!(m1.main_room_id, "m1");
        assert_eq!(m1.main_room_name, "Main m1");
        assert_eq!(
            (
                m1.breakout_rooms,
                m1.sessions,
                m1.breakout_sessions,
                m1.participants
            ),
            (2, 2, 3, 10)
        );
        assert_eq!(m1.average_duration_seconds, Some(900.0));
        assert_eq!(m1.average_engagement, Some((0.5 * 4.0 + 1.0 * 6.0) / 10.0));
        let m2 = &s.per_main_room[1];
        assert_eq!(
            (
                m2.participants,
                m2.average_duration_seconds,
                m2.average_engagement
            ),
            (2, Some(300.0), None)
        );
    }
}
