//! One person's drill-down: every kept session they attended within a scope, newest first, with
//! the room's name, the session's times, their minutes, engagement and role. Pure, over the
//! library's kept rows (each attendance once). It does not total anything (`rollups::people`
//! does) and does not match people across keys: the key is `KeptAttendance::person` exactly.

use super::rollups::{KeptAttendances, KeptSession, RollupScope};
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::HashMap;

/// One session of one person.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct PersonSession {
    pub room_id: String,
    /// From the kept Room data (the session's own row, else any session of the room); "" when
    /// none names the room.
    pub room_name: String,
    pub session_id: String,
    /// Unix seconds; `None` when no kept Room data report holds the session.
    pub session_start: Option<i64>,
    pub session_end: Option<i64>,
    /// Their participation time in the session.
    pub minutes: Option<f64>,
    /// Their engagement in the session, 0–100.
    pub engagement_pct: Option<f64>,
    pub role: String,
}

/// Every session of `person_key` (a `KeptAttendance::person`) within `scope`, newest first
/// (sessions without a known start last), then by room and session ID.
pub fn person_sessions(
    attendances: &KeptAttendances,
    sessions: &[KeptSession],
    person_key: &str,
    scope: &RollupScope,
) -> Vec<PersonSession> {
    let Some(person) = attendances
        .find_person(person_key)
        .filter(|_| !person_key.is_empty())
    else {
        return Vec::new();
    };
    let mut by_session: HashMap<(&str, &str), &KeptSession> = HashMap::new();
    let mut room_names: HashMap<&str, &str> = HashMap::new();
    for s in sessions {
        by_session.insert((&s.room_id, &s.session_id), s);
        if !s.room_name.trim().is_empty() {
            room_names.entry(&s.room_id).or_insert(&s.room_name);
        }
    }
    let mut found: Vec<PersonSession> = attendances
        .rows()
        .iter()
        .filter(|row| row.person == person)
        .map(|row| attendances.attendance(row))
        .filter(|a| scope.holds(a.room_id, a.session_start))
        .map(|a| {
            let session = by_session.get(&(a.room_id, a.session_id));
            let room_name = session
                .map(|s| s.room_name.as_str())
                .filter(|n| !n.trim().is_empty())
                .or_else(|| room_names.get(a.room_id).copied())
                .unwrap_or("");
            PersonSession {
                room_id: a.room_id.to_owned(),
                room_name: room_name.to_owned(),
                session_id: a.session_id.to_owned(),
                session_start: a.session_start.or_else(|| session.and_then(|s| s.start)),
                session_end: session.and_then(|s| s.end),
                minutes: a.minutes,
                engagement_pct: a.engagement.map(|r| r * 100.0),
                role: a.role.trim().to_owned(),
            }
        })
        .collect();
    found.sort_by(|a, b| {
        newest_first(a.session_start, b.session_start)
            .then_with(|| a.room_id.cmp(&b.room_id))
            .then_with(|| a.session_id.cmp(&b.session_id))
    });
    found
}

/// Later starts first; unknown starts after every known one.
fn newest_first(a: Option<i64>, b: Option<i64>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.cmp(&a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::rollups::KeptAttendance;

    fn attendance(room: &str, session: &str, person: &str, start: Option<i64>) -> KeptAttendance {
        KeptAttendance {
            room_id: room.into(),
            session_id: session.into(),
            person: person.into(),
            user_id: person.into(),
            name: String::new(),
            email: String::new(),
            role: " Host ".into(),
            minutes: Some(10.0),
            engagement: Some(0.25),
            session_start: start,
        }
    }

    fn session(room: &str, name: &str, id: &str, start: i64) -> KeptSession {
        KeptSession {
            room_id: room.into(),
            room_name: name.into(),
            main_room_id: String::new(),
            session_id: id.into(),
            start: Some(start),
            end: Some(start + 60),
            unique_users: Some(1),
            engagement: Some(0.5),
        }
    }

    #[test]
    fn newest_first_undated_last_names_from_any_session_of_the_room() {
        let attendances: KeptAttendances = KeptAttendances::from(
            [
                attendance("r1", "s1", "ada", Some(100)),
                attendance("r1", "s2", "ada", Some(300)),
                attendance("r2", "s9", "ada", None),
                attendance("r1", "s3", "ada", None),
                attendance("r1", "s2", "grace", Some(300)),
            ]
            .as_slice(),
        );
        let sessions = vec![
            session("r1", "Town hall", "s1", 100),
            session("r1", "", "s2", 300),
        ];
        let found = person_sessions(&attendances, &sessions, "ada", &RollupScope::default());
        let order: Vec<(&str, &str, &str)> = found
            .iter()
            .map(|p| {
                (
                    p.room_id.as_str(),
                    p.session_id.as_str(),
                    p.room_name.as_str(),
                )
            })
            .collect();
        assert_eq!(
            order,
            [
                ("r1", "s2", "Town hall"),
                ("r1", "s1", "Town hall"),
                ("r1", "s3", "Town hall"),
                ("r2", "s9", ""),
            ]
        );
        assert_eq!(found[0].session_end, Some(360));
        assert_eq!(found[0].engagement_pct, Some(25.0));
        assert_eq!(found[0].role, "Host");
        assert_eq!(found[2].session_end, None);
        assert!(person_sessions(&attendances, &sessions, "", &RollupScope::default()).is_empty());
        assert!(
            person_sessions(&attendances, &sessions, "nobody", &RollupScope::default()).is_empty()
        );
    }
}
