//! What needs attention: sessions whose attendance or engagement fell below their own room's
//! median, and people whose engagement over their last sessions dropped against their earlier
//! ones. Pure, over the library's kept rows; thresholds are the constants below. It explains
//! nothing (no causes guessed) and leaves out what cannot be dated or compared.

use super::rollups::{Attendance, KeptAttendances, KeptSession, NumberedScope, RollupScope};
use crate::weighted_mean::WeightedMean;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

/// Dated main sessions a room needs in scope before its sessions are held against its median;
/// each median also needs this many sessions stating the figure (unique users, engagement).
pub const MIN_ROOM_SESSIONS: usize = 3;

/// Dated sessions with an engagement rate a person needs in scope before their recent
/// engagement is compared with their earlier engagement.
pub const MIN_PERSON_SESSIONS: usize = 4;

/// How many of a person's latest rated sessions are "recent"; the rest are "earlier".
pub const RECENT_SESSIONS: usize = 3;

/// The smallest drop, in percentage points of engagement, that puts a person on the list.
pub const MIN_DROP_POINTS: f64 = 10.0;

/// Float slack when a drop is compared with `MIN_DROP_POINTS`: a drop of exactly ten points
/// worked out by hand counts, whatever the last bit of the sum.
const SLACK: f64 = 1e-9;

/// A main session below its room's median attendance or engagement.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct SessionDrop {
    pub room_id: String,
    pub room_name: String,
    pub session_id: String,
    /// Unix seconds (only dated sessions are compared).
    pub start: Option<i64>,
    pub users: Option<u64>,
    /// Median unique users over the room's dated main sessions in scope; `None` when fewer
    /// than `MIN_ROOM_SESSIONS` state it.
    pub room_median_users: Option<f64>,
    /// (users − median) / median × 100; `None` when either is unknown or the median is 0.
    pub attendance_change_pct: Option<f64>,
    /// 0–100.
    pub engagement_pct: Option<f64>,
    /// Median engagement over the same sessions, 0–100.
    pub room_median_engagement_pct: Option<f64>,
    /// Engagement minus the room's median, in percentage points.
    pub engagement_change_points: Option<f64>,
}

/// A person whose engagement over their last sessions dropped.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct EngagementDrop {
    /// The person's key (`KeptAttendance::person`), for the drill-down.
    pub person: String,
    pub user_id: String,
    pub email: String,
    pub name: String,
    /// Dated sessions with an engagement rate in scope: the sessions compared.
    pub sessions: u64,
    /// Weighted by minutes over all but the last `RECENT_SESSIONS`, 0–100.
    pub earlier_pct: f64,
    /// Weighted by minutes over the last `RECENT_SESSIONS`, 0–100.
    pub recent_pct: f64,
    /// `earlier_pct − recent_pct`, percentage points (at least `MIN_DROP_POINTS`).
    pub drop_points: f64,
    /// Start of their latest session compared, Unix seconds.
    pub last_seen: Option<i64>,
}

/// Both lists.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Attention {
    /// Worst attendance change first, then worst engagement change.
    pub sessions: Vec<SessionDrop>,
    /// Biggest drop first.
    pub people: Vec<EngagementDrop>,
}

/// Sessions that fell against their room and people whose engagement dropped, within `scope`.
pub fn attention(
    sessions: &[KeptSession],
    attendances: &KeptAttendances,
    scope: &RollupScope,
) -> Attention {
    Attention {
        sessions: session_drops(sessions, scope),
        people: engagement_drops(attendances, scope),
    }
}

/// The median, the mean of the middle two for an even count; `None` for no values.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted.get(mid).copied()
    } else {
        Some((sorted.get(mid.checked_sub(1)?)? + sorted.get(mid)?) / 2.0)
    }
}

/// The median of `values` when at least `MIN_ROOM_SESSIONS` are known.
fn room_median(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let known: Vec<f64> = values.flatten().collect();
    if known.len() < MIN_ROOM_SESSIONS {
        return None;
    }
    median(&known)
}

/// Smaller values first, unknown values after every known one.
fn ascending_known_first(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.total_cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Every dated main session within `scope` below its room's median unique users or engagement,
/// for rooms with at least `MIN_ROOM_SESSIONS` such sessions.
pub fn session_drops(sessions: &[KeptSession], scope: &RollupScope) -> Vec<SessionDrop> {
    let mut rooms: BTreeMap<&str, Vec<&KeptSession>> = BTreeMap::new();
    for s in sessions {
        if s.room_id.is_empty()
            || !s.main_room_id.trim().is_empty()
            || s.start.is_none()
            || !scope.holds(&s.room_id, s.start)
        {
            continue;
        }
        rooms.entry(&s.room_id).or_default().push(s);
    }
    let mut out = Vec::new();
    for (room_id, room) in rooms {
        if room.len() < MIN_ROOM_SESSIONS {
            continue;
        }
        let room_name = room
            .iter()
            .map(|s| s.room_name.as_str())
            .find(|n| !n.trim().is_empty())
            .unwrap_or("");
        let users_median = room_median(room.iter().map(|s| s.unique_users.map(|u| u as f64)));
        let engagement_median = room_median(room.iter().map(|s| s.engagement));
        for s in room {
            let users = s.unique_users.map(|u| u as f64);
            let fewer = users
                .zip(users_median)
                .is_some_and(|(u, median)| u < median);
            let less_engaged = s
                .engagement
                .zip(engagement_median)
                .is_some_and(|(e, median)| e < median);
            if !fewer && !less_engaged {
                continue;
            }
            out.push(SessionDrop {
                room_id: room_id.to_owned(),
                room_name: room_name.to_owned(),
                session_id: s.session_id.clone(),
                start: s.start,
                users: s.unique_users,
                room_median_users: users_median,
                attendance_change_pct: users
                    .zip(users_median.filter(|m| *m > 0.0))
                    .map(|(u, m)| (u - m) / m * 100.0),
                engagement_pct: s.engagement.map(|e| e * 100.0),
                room_median_engagement_pct: engagement_median.map(|e| e * 100.0),
                engagement_change_points: s
                    .engagement
                    .zip(engagement_median)
                    .map(|(e, m)| (e - m) * 100.0),
            });
        }
    }
    out.sort_by(|a, b| {
        ascending_known_first(a.attendance_change_pct, b.attendance_change_pct)
            .then_with(|| {
                ascending_known_first(a.engagement_change_points, b.engagement_change_points)
            })
            .then_with(|| b.start.cmp(&a.start))
            .then_with(|| a.room_id.cmp(&b.room_id))
            .then_with(|| a.session_id.cmp(&b.session_id))
    });
    out
}

/// Every person within `scope` with at least `MIN_PERSON_SESSIONS` dated, rated sessions whose
/// minutes-weighted engagement over their last `RECENT_SESSIONS` is at least `MIN_DROP_POINTS`
/// below that over their earlier ones, biggest drop first.
pub fn engagement_drops(attendances: &KeptAttendances, scope: &RollupScope) -> Vec<EngagementDrop> {
    let in_scope = NumberedScope::new(scope, attendances);
    let no_person = attendances.find_person("");
    // Each person's rows in scope (by number), read back one person at a time.
    let mut by_person: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, a) in attendances.rows().iter().enumerate() {
        if Some(a.person) == no_person
            || a.engagement.is_none()
            || a.session_start.is_none()
            || !in_scope.holds(attendances.room_of(a.session), a.session_start)
        {
            continue;
        }
        by_person.entry(a.person).or_default().push(i);
    }
    let mut out = Vec::new();
    for rows in by_person.into_values() {
        if rows.len() < MIN_PERSON_SESSIONS {
            continue;
        }
        let mut rows: Vec<Attendance<'_>> = rows
            .into_iter()
            .filter_map(|i| attendances.get(i))
            .collect();
        rows.sort_by(|a, b| {
            a.session_start
                .cmp(&b.session_start)
                .then_with(|| a.room_id.cmp(b.room_id))
                .then_with(|| a.session_id.cmp(b.session_id))
        });
        let split = rows.len().saturating_sub(RECENT_SESSIONS);
        let (earlier, recent) = rows.split_at(split);
        let mean = |part: &[Attendance<'_>]| {
            let mut m = WeightedMean::default();
            for a in part {
                m.add(a.engagement, a.minutes);
            }
            m.value()
        };
        let (Some(before), Some(after)) = (mean(earlier), mean(recent)) else {
            continue;
        };
        let drop_points = (before - after) * 100.0;
        if drop_points + SLACK < MIN_DROP_POINTS {
            continue;
        }
        let newest_first = || rows.iter().rev();
        let first_of = |field: fn(Attendance<'_>) -> &str| {
            newest_first()
                .map(|a| field(*a))
                .find(|v| !v.trim().is_empty())
                .unwrap_or("")
                .to_owned()
        };
        let Some(person) = rows.first().map(|a| a.person.to_owned()) else {
            continue;
        };
        out.push(EngagementDrop {
            person,
            user_id: first_of(|a| a.user_id),
            email: first_of(|a| a.email),
            name: first_of(|a| a.name),
            sessions: rows.len() as u64,
            earlier_pct: before * 100.0,
            recent_pct: after * 100.0,
            drop_points,
            last_seen: rows.iter().filter_map(|a| a.session_start).max(),
        });
    }
    out.sort_by(|a, b| {
        b.drop_points
            .total_cmp(&a.drop_points)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.person.cmp(&b.person))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_no_values() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[4.0]), Some(4.0));
        assert_eq!(median(&[9.0, 1.0, 5.0]), Some(5.0));
        assert_eq!(median(&[10.0, 2.0, 4.0, 8.0]), Some(6.0));
    }

    #[test]
    fn a_room_median_needs_enough_values() {
        assert_eq!(room_median([Some(1.0), None, Some(3.0)].into_iter()), None);
        assert_eq!(
            room_median([Some(1.0), Some(2.0), Some(3.0), None].into_iter()),
            Some(2.0)
        );
    }

    fn session(id: &str, start: i64, users: Option<u64>, rate: Option<f64>) -> KeptSession {
        KeptSession {
            room_id: "r".into(),
            room_name: "Room".into(),
            main_room_id: String::new(),
            session_id: id.into(),
            start: Some(start),
            end: None,
            unique_users: users,
            engagement: rate,
        }
    }

    #[test]
    fn a_zero_median_gives_no_attendance_change() {
        let sessions = vec![
            session("a", 1, Some(0), Some(0.5)),
            session("b", 2, Some(0), Some(0.1)),
            session("c", 3, Some(0), Some(0.9)),
        ];
        let drops = session_drops(&sessions, &RollupScope::default());
        assert_eq!(drops.len(), 1);
        assert_eq!(drops[0].session_id, "b");
        assert_eq!(drops[0].attendance_change_pct, None);
        assert_eq!(drops[0].room_median_users, Some(0.0));
        assert!((drops[0].engagement_change_points.unwrap() + 40.0).abs() < 1e-9);
    }
}
