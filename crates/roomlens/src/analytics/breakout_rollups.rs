//! Breakout rooms per main room across the library: main sessions, participants and engagement
//! beside breakout sessions, participants and engagement, and the share of people who went to a
//! breakout where kept attendances show it. Breakout figures come from Breakout rooms (6002) rows
//! only, never also from Room data's breakout rows (see `breakout_rollup`). Pure, no I/O; it does
//! not tell people apart inside a breakout count (the report names no one).

use super::rollups::{KeptAttendances, KeptSession, RollupScope};
use crate::weighted_mean::WeightedMean;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// One breakout room session as the newest snapshot holding it has it (a Breakout rooms row,
/// known by breakout room ID and session ID).
#[derive(Debug, Clone, PartialEq)]
pub struct KeptBreakout {
    pub main_room_id: String,
    pub main_room_name: String,
    pub breakout_room_id: String,
    pub breakout_room_name: String,
    /// The session of the main room the breakout belonged to.
    pub session_id: String,
    /// The breakout session's own start and end, Unix seconds.
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub participants: Option<u64>,
    /// Engagement ratio, 0–1.
    pub engagement: Option<f64>,
}

/// One main room's sessions and their breakouts.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct MainRoomBreakouts {
    pub room_id: String,
    /// From the kept Room data, else from the Breakout rooms rows; "" when neither names it.
    pub room_name: String,
    /// Main sessions in kept Room data (rows without a main room ID).
    pub main_sessions: u64,
    /// The main sessions' unique users, added up.
    pub main_participants: u64,
    /// Weighted by each main session's unique users, 0–100.
    pub main_engagement_pct: Option<f64>,
    /// Distinct breakout rooms used.
    pub breakout_rooms: u64,
    /// Distinct main sessions that used breakout rooms.
    pub sessions_with_breakouts: u64,
    /// Breakout room sessions (Breakout rooms rows).
    pub breakout_sessions: u64,
    /// Each breakout session's participant count, added up: a person in two breakouts counts twice.
    pub breakout_participants: u64,
    /// Weighted by each breakout session's participants, 0–100.
    pub breakout_engagement_pct: Option<f64>,
    /// Of the people seen in the main sessions that used breakouts (in the main room or in one of
    /// its breakout rooms), the share seen in a breakout room, 0–100. Counted only over sessions
    /// whose main-room attendance and some breakout-room attendance (Attendees rows of the
    /// breakout rooms under the same session ID) are both kept; `None` when there are none,
    /// which is the usual case: Attendees lists the main room's people.
    pub joined_breakout_pct: Option<f64>,
}

#[derive(Default)]
struct Totals<'a> {
    name: &'a str,
    breakout_name: &'a str,
    main_sessions: u64,
    main_participants: u64,
    main_engagement: WeightedMean,
    breakout_rooms: HashSet<&'a str>,
    /// Per main session, the breakout rooms it used.
    used: BTreeMap<&'a str, BTreeSet<&'a str>>,
    breakout_sessions: u64,
    breakout_participants: u64,
    breakout_engagement: WeightedMean,
}

/// Per main room within `scope` (the room is the main room; dates are each session's own
/// start), most main participants first, then by room ID.
///
/// Breakout sessions are counted from `breakouts` (kept Breakout rooms rows) and not from the
/// Room data rows that carry a main room ID. Both hold the same breakout sessions when both were
/// fetched for everything, so adding them would count each twice; of the two, only Breakout rooms
/// is tied to its main room by the report itself (fetched by main room ID, and every row names
/// it), whereas Room data fetched for a main room leaves its breakout rooms out (its room filter
/// matches the breakout room's own ID). Rows naming no main room are left out.
pub fn breakout_rollup(
    sessions: &[KeptSession],
    breakouts: &[KeptBreakout],
    attendances: &KeptAttendances,
    scope: &RollupScope,
) -> Vec<MainRoomBreakouts> {
    let mut rooms: BTreeMap<&str, Totals<'_>> = BTreeMap::new();
    for s in sessions {
        if s.room_id.is_empty()
            || !s.main_room_id.trim().is_empty()
            || !scope.holds(&s.room_id, s.start)
        {
            continue;
        }
        let t = rooms.entry(&s.room_id).or_default();
        if t.name.trim().is_empty() {
            t.name = &s.room_name;
        }
        t.main_sessions += 1;
        t.main_participants = t
            .main_participants
            .saturating_add(s.unique_users.unwrap_or(0));
        t.main_engagement
            .add(s.engagement, s.unique_users.map(|u| u as f64));
    }
    for b in breakouts {
        if b.main_room_id.is_empty() || !scope.holds(&b.main_room_id, b.start) {
            continue;
        }
        let t = rooms.entry(&b.main_room_id).or_default();
        if t.breakout_name.trim().is_empty() {
            t.breakout_name = &b.main_room_name;
        }
        if !b.breakout_room_id.is_empty() {
            t.breakout_rooms.insert(&b.breakout_room_id);
        }
        if !b.session_id.is_empty() {
            let used = t.used.entry(&b.session_id).or_default();
            if !b.breakout_room_id.is_empty() {
                used.insert(&b.breakout_room_id);
            }
        }
        t.breakout_sessions += 1;
        t.breakout_participants = t
            .breakout_participants
            .saturating_add(b.participants.unwrap_or(0));
        t.breakout_engagement
            .add(b.engagement, b.participants.map(|p| p as f64));
    }
    let mut people: HashMap<(&str, &str), HashSet<&str>> = HashMap::new();
    for a in attendances.iter() {
        if !a.person.is_empty() {
            people
                .entry((a.room_id, a.session_id))
                .or_default()
                .insert(a.person);
        }
    }
    let mut out: Vec<MainRoomBreakouts> = rooms
        .into_iter()
        .map(|(room_id, t)| MainRoomBreakouts {
            room_id: room_id.to_owned(),
            room_name: if t.name.trim().is_empty() {
                t.breakout_name.to_owned()
            } else {
                t.name.to_owned()
            },
            main_sessions: t.main_sessions,
            main_participants: t.main_participants,
            main_engagement_pct: t.main_engagement.value().map(|r| r * 100.0),
            breakout_rooms: t.breakout_rooms.len() as u64,
            sessions_with_breakouts: t.used.len() as u64,
            breakout_sessions: t.breakout_sessions,
            breakout_participants: t.breakout_participants,
            breakout_engagement_pct: t.breakout_engagement.value().map(|r| r * 100.0),
            joined_breakout_pct: joined_share(room_id, &t.used, &people),
        })
        .collect();
    out.sort_by(|a, b| {
        b.main_participants
            .cmp(&a.main_participants)
            .then_with(|| a.room_id.cmp(&b.room_id))
    });
    out
}

/// The share, 0–100, of people seen in `main_room`'s sessions that used breakouts who were seen in
/// one of that session's breakout rooms; only sessions with both kinds of attendance kept count.
fn joined_share(
    main_room: &str,
    used: &BTreeMap<&str, BTreeSet<&str>>,
    people: &HashMap<(&str, &str), HashSet<&str>>,
) -> Option<f64> {
    let mut seen = 0usize;
    let mut joined = 0usize;
    for (session, breakout_rooms) in used {
        let Some(main) = people.get(&(main_room, *session)).filter(|m| !m.is_empty()) else {
            continue;
        };
        let in_breakouts: HashSet<&str> = breakout_rooms
            .iter()
            .filter_map(|b| people.get(&(*b, *session)))
            .flatten()
            .copied()
            .collect();
        if in_breakouts.is_empty() {
            continue;
        }
        seen += main.union(&in_breakouts).count();
        joined += in_breakouts.len();
    }
    (seen > 0).then(|| joined as f64 / seen as f64 * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::rollups::KeptAttendance;

    fn attendance(room: &str, session: &str, person: &str) -> KeptAttendance {
        KeptAttendance {
            room_id: room.into(),
            session_id: session.into(),
            person: person.into(),
            user_id: person.into(),
            name: String::new(),
            email: String::new(),
            role: String::new(),
            minutes: None,
            engagement: None,
            session_start: None,
        }
    }

    fn breakout(main: &str, room: &str, session: &str) -> KeptBreakout {
        KeptBreakout {
            main_room_id: main.into(),
            main_room_name: format!("Main {main}"),
            breakout_room_id: room.into(),
            breakout_room_name: String::new(),
            session_id: session.into(),
            start: Some(1),
            end: Some(2),
            participants: Some(2),
            engagement: None,
        }
    }

    #[test]
    fn the_share_needs_both_main_and_breakout_attendance() {
        let breakouts = vec![
            breakout("m", "b1", "s1"),
            breakout("m", "b2", "s1"),
            breakout("m", "b1", "s2"),
        ];
        // s1: main room has ada, grace, alan; b1 ada; b2 kim (not in the main list).
        // s2: main room attendance kept, no breakout attendance: left out.
        let attendances = vec![
            attendance("m", "s1", "ada"),
            attendance("m", "s1", "grace"),
            attendance("m", "s1", "alan"),
            attendance("b1", "s1", "ada"),
            attendance("b2", "s1", "kim"),
            attendance("m", "s2", "ada"),
        ];
        let all = KeptAttendances::from(attendances.as_slice());
        let out = breakout_rollup(&[], &breakouts, &all, &RollupScope::default());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].room_name, "Main m");
        assert_eq!(out[0].sessions_with_breakouts, 2);
        // Seen: ada, grace, alan, kim = 4; in a breakout: ada, kim = 2.
        assert_eq!(out[0].joined_breakout_pct, Some(50.0));
        let main_only = KeptAttendances::from(&attendances[..3]);
        let none = breakout_rollup(&[], &breakouts, &main_only, &RollupScope::default());
        assert_eq!(none[0].joined_breakout_pct, None);
    }
}
