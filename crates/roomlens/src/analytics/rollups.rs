//! Rollups across everything kept: per person (sessions, rooms, minutes, engagement weighted by
//! minutes, first and last seen, roles) and per room and week or month (sessions, unique
//! attendees, hours, engagement weighted by users). Pure functions over the library's kept rows,
//! each row counted once (the library dedupes); no I/O, no formatting.

use crate::weighted_mean::WeightedMean;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::Serialize;

/// One session as the newest snapshot holding it has it.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptSession {
    pub room_id: String,
    pub room_name: String,
    /// The main room's ID for a breakout session; "" for a main session.
    pub main_room_id: String,
    pub session_id: String,
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub unique_users: Option<u64>,
    pub engagement: Option<f64>,
}

/// One person's attendance of one session, as the newest snapshot holding it has it.
#[derive(Debug, Clone, PartialEq)]
pub struct KeptAttendance {
    pub room_id: String,
    pub session_id: String,
    /// User ID, else `email:` and the address, else `name:` and the name (`analytics::user_key`).
    pub person: String,
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub minutes: Option<f64>,
    pub engagement: Option<f64>,
    /// The session's start, from a kept Room data report; `None` when none holds the session.
    pub session_start: Option<i64>,
}

/// Which rows a rollup counts: sessions starting in `[from, to)` (Unix seconds; a row whose
/// session has no known start is left out when either bound is set) and one room.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RollupScope {
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub room_id: Option<String>,
}

impl RollupScope {
    fn dated(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// Whether a row of `room_id` whose session starts at `start` is in the scope: the one rule
    /// every rollup applies (an undated row is out as soon as either bound is set).
    pub(crate) fn holds(&self, room_id: &str, start: Option<i64>) -> bool {
        if self.room_id.as_deref().is_some_and(|r| r != room_id) {
            return false;
        }
        if !self.dated() {
            return true;
        }
        start.is_some_and(|t| self.from.is_none_or(|f| t >= f) && self.to.is_none_or(|e| t < e))
    }
}

/// One person across everything kept (`roomlens people --json` keys).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct PersonRollup {
    /// The person's key (`KeptAttendance::person`): what `person_sessions` is asked for.
    pub person: String,
    pub user_id: String,
    pub email: String,
    pub name: String,
    pub sessions: u64,
    pub rooms: u64,
    pub minutes: f64,
    /// Weighted by minutes, 0–100; `None` without any rate.
    pub engagement_pct: Option<f64>,
    /// Start of their first and last session, Unix seconds; `None` when no kept Room data
    /// report dates their sessions.
    pub first_seen: Option<i64>,
    pub last_seen: Option<i64>,
    pub roles: Vec<String>,
}

/// The people rollup and what it could not count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeopleRollup {
    /// Most minutes first.
    pub people: Vec<PersonRollup>,
    /// Attendances left out because the scope has dates and their session's start is unknown.
    pub undated: u64,
}

/// One person's figures while `people` runs: what every attendance adds to, kept apart (small
/// and together) from what only a person's first attendances fill in.
#[derive(Default)]
struct PersonTotals {
    minutes: f64,
    engagement: WeightedMean,
    first: Option<i64>,
    last: Option<i64>,
    /// The person's roles numbered below 64, as bits; the others are in `PersonNames::roles`.
    roles: u64,
    /// User ID, e-mail and name are all known.
    named: bool,
}

/// One person's key, names and further roles while `people` runs, borrowing the attendances'
/// text.
struct PersonNames<'a> {
    person: &'a str,
    user_id: &'a str,
    email: &'a str,
    name: &'a str,
    roles: Vec<u32>,
}

/// Every person in `attendances` within `scope`.
pub fn people(attendances: &[KeptAttendance], scope: &RollupScope) -> PeopleRollup {
    // People, rooms, sessions and roles are numbered as they come, so that counting the distinct
    // ones is counting numbers; nothing is copied until the result. People's keys are kept back
    // to back by the interner, so that finding one reads little memory.
    let mut person_no: super::interner::Interner = Default::default();
    let mut room_no: crate::fast_hash::FastHashMap<&str, u32> = Default::default();
    let mut session_no: crate::fast_hash::FastHashMap<(&str, &str), u32> = Default::default();
    let mut role_no: crate::fast_hash::FastHashMap<&str, u32> = Default::default();
    let mut roles: Vec<&str> = Vec::new();
    let mut totals: Vec<PersonTotals> = Vec::new();
    let mut names: Vec<PersonNames<'_>> = Vec::new();
    // Per attendance counted: (person, session) and (person, room).
    let mut sessions_of: Vec<(u32, u32)> = Vec::with_capacity(attendances.len());
    let mut rooms_of: Vec<(u32, u32)> = Vec::with_capacity(attendances.len());
    // The previous attendance's room and session and their numbers: a session's rows usually
    // come together.
    let mut last: Option<(&str, &str, u32, u32)> = None;
    let mut undated = 0u64;
    for a in attendances {
        if a.person.is_empty() {
            continue;
        }
        if !scope.holds(&a.room_id, a.session_start) {
            if scope.dated()
                && a.session_start.is_none()
                && scope.room_id.as_deref().is_none_or(|r| r == a.room_id)
            {
                undated += 1;
            }
            continue;
        }
        let (p, new) = person_no.intern(&a.person);
        if new {
            totals.push(PersonTotals::default());
            names.push(PersonNames {
                person: &a.person,
                user_id: "",
                email: "",
                name: "",
                roles: Vec::new(),
            });
        }
        let (room, session) = match last {
            Some((r, s, room, session)) if r == a.room_id && s == a.session_id => (room, session),
            _ => {
                let next = number(room_no.len());
                let room = *room_no.entry(a.room_id.as_str()).or_insert(next);
                let next = number(session_no.len());
                let session = *session_no
                    .entry((a.room_id.as_str(), a.session_id.as_str()))
                    .or_insert(next);
                last = Some((&a.room_id, &a.session_id, room, session));
                (room, session)
            }
        };
        sessions_of.push((p, session));
        rooms_of.push((p, room));
        let Some(t) = totals.get_mut(p as usize) else {
            continue;
        };
        t.minutes += a.minutes.unwrap_or(0.0);
        t.engagement.add(a.engagement, a.minutes);
        t.first = t.first.into_iter().chain(a.session_start).min();
        t.last = t.last.into_iter().chain(a.session_start).max();
        let role = a.role.trim();
        let role = if role.is_empty() {
            None
        } else {
            let next = number(roles.len());
            let r = *role_no.entry(role).or_insert(next);
            if r == next {
                roles.push(role);
            }
            Some(r)
        };
        let named = t.named;
        match role {
            Some(r) if r < 64 => t.roles |= 1 << r,
            Some(r) => {
                if let Some(n) = names.get_mut(p as usize) {
                    if !n.roles.contains(&r) {
                        n.roles.push(r);
                    }
                }
            }
            None => {}
        }
        if named {
            continue;
        }
        let Some(n) = names.get_mut(p as usize) else {
            continue;
        };
        for (into, from) in [
            (&mut n.user_id, a.user_id.as_str()),
            (&mut n.email, a.email.as_str()),
            (&mut n.name, a.name.as_str()),
        ] {
            if into.is_empty() && !from.trim().is_empty() {
                *into = from;
            }
        }
        t.named = !n.user_id.is_empty() && !n.email.is_empty() && !n.name.is_empty();
    }
    let sessions = distinct_per_group(&sessions_of, totals.len(), session_no.len());
    let rooms = distinct_per_group(&rooms_of, totals.len(), room_no.len());
    let mut people: Vec<PersonRollup> = totals
        .into_iter()
        .zip(names)
        .zip(sessions.into_iter().zip(rooms))
        .map(|((t, n), (sessions, rooms))| {
            let mut their_roles: Vec<&str> = (0..64u32)
                .filter(|r| t.roles & (1 << r) != 0)
                .chain(n.roles)
                .filter_map(|r| roles.get(r as usize).copied())
                .collect();
            their_roles.sort_unstable();
            PersonRollup {
                person: n.person.to_owned(),
                user_id: n.user_id.to_owned(),
                email: n.email.to_owned(),
                name: n.name.to_owned(),
                sessions,
                rooms,
                minutes: t.minutes,
                engagement_pct: t.engagement.value().map(|r| r * 100.0),
                first_seen: t.first,
                last_seen: t.last,
                roles: their_roles.into_iter().map(str::to_owned).collect(),
            }
        })
        .collect();
    people.sort_by(|a, b| {
        b.minutes
            .total_cmp(&a.minutes)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.user_id.cmp(&b.user_id))
            .then_with(|| a.email.cmp(&b.email))
    });
    PeopleRollup { people, undated }
}

/// How long a trend's periods are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum TrendPeriod {
    /// Weeks from Monday.
    Week,
    Month,
}

impl TrendPeriod {
    fn start_of(self, date: Date) -> Date {
        match self {
            TrendPeriod::Week => date
                .checked_sub(i64::from(date.weekday().to_monday_zero_offset()).days())
                .unwrap_or(date),
            TrendPeriod::Month => date.first_of_month(),
        }
    }
}

/// One room in one period (`roomlens rooms --json` keys).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct RoomPeriod {
    pub room_id: String,
    pub name: String,
    /// The period's first day in the person's zone, `YYYY-MM-DD`.
    pub period: String,
    pub sessions: u64,
    /// People who attended any of the room's sessions in the period (from kept Attendees reports).
    pub unique_attendees: u64,
    pub hours: f64,
    /// Weighted by each session's unique users, 0–100.
    pub engagement_pct: Option<f64>,
}

/// One room and period's totals while `room_trends` runs, borrowing the sessions' text.
struct RoomTotals<'a> {
    room_id: &'a str,
    day: Date,
    name: &'a str,
    sessions: u64,
    seconds: i64,
    engagement: WeightedMean,
}

/// `len` as the number of the next thing numbered (the numbers of the rollups are `u32`: far
/// more people, rooms or sessions than a library holds).
fn number(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// For `pairs` of (group, member) numbers, how many distinct members each of `groups` groups
/// has (members numbered below `members`). The pairs are put in group order by counting, then
/// each member is stamped with the last group it was counted for: linear, no hashing.
fn distinct_per_group(pairs: &[(u32, u32)], groups: usize, members: usize) -> Vec<u64> {
    // starts[g]..starts[g + 1]: group g's members in `ordered`.
    let mut starts = vec![0usize; groups + 1];
    for &(g, _) in pairs {
        if let Some(count) = starts.get_mut(g as usize + 1) {
            *count += 1;
        }
    }
    let mut running = 0;
    for start in &mut starts {
        running += *start;
        *start = running;
    }
    let mut next = starts.clone();
    let mut ordered = vec![0u32; pairs.len()];
    for &(g, m) in pairs {
        if let Some(at) = next.get_mut(g as usize) {
            if let Some(slot) = ordered.get_mut(*at) {
                *slot = m;
            }
            *at += 1;
        }
    }
    let mut stamp = vec![u32::MAX; members];
    let mut counts = vec![0u64; groups];
    for (g, count) in counts.iter_mut().enumerate() {
        let group = number(g);
        let (from, to) = (
            starts.get(g).copied().unwrap_or(0),
            starts.get(g + 1).copied().unwrap_or(0),
        );
        for &m in ordered.get(from..to).unwrap_or_default() {
            if let Some(last) = stamp.get_mut(m as usize) {
                if *last != group {
                    *last = group;
                    *count += 1;
                }
            }
        }
    }
    counts
}

/// Per main room and period: its sessions (those with a known start) in `zone`, newest period
/// last, rooms by ID. Attendees count in the period of their session.
pub fn room_trends(
    sessions: &[KeptSession],
    attendances: &[KeptAttendance],
    period: TrendPeriod,
    zone: &TimeZone,
    scope: &RollupScope,
) -> Vec<RoomPeriod> {
    let period_of = |seconds: i64| {
        Timestamp::from_second(seconds)
            .ok()
            .map(|t| period.start_of(t.to_zoned(zone.clone()).date()))
    };
    let mut bucket_no: crate::fast_hash::FastHashMap<(&str, Date), u32> = Default::default();
    let mut buckets: Vec<RoomTotals<'_>> = Vec::new();
    for s in sessions {
        if !s.main_room_id.trim().is_empty() || !scope.holds(&s.room_id, s.start) {
            continue;
        }
        let Some(day) = s.start.and_then(period_of) else {
            continue;
        };
        let next = number(buckets.len());
        let b = *bucket_no.entry((s.room_id.as_str(), day)).or_insert(next);
        if b == next {
            buckets.push(RoomTotals {
                room_id: &s.room_id,
                day,
                name: "",
                sessions: 0,
                seconds: 0,
                engagement: WeightedMean::default(),
            });
        }
        let Some(totals) = buckets.get_mut(b as usize) else {
            continue;
        };
        if totals.name.is_empty() {
            totals.name = &s.room_name;
        }
        totals.sessions += 1;
        if let (Some(start), Some(end)) = (s.start, s.end) {
            if end >= start {
                totals.seconds = totals.seconds.saturating_add(end - start);
            }
        }
        totals
            .engagement
            .add(s.engagement, s.unique_users.map(|u| u as f64));
    }
    // Per attendee counted: (room and period, person), people numbered as they come.
    let mut person_no: super::interner::Interner = Default::default();
    let mut attended: Vec<(u32, u32)> = Vec::with_capacity(attendances.len());
    // Periods of session starts already worked out, and the previous attendance's room, start
    // and room period: a session's rows usually come together.
    let mut period_at: crate::fast_hash::FastHashMap<i64, Option<Date>> = Default::default();
    let mut last: Option<(&str, Option<i64>, Option<u32>)> = None;
    for a in attendances {
        if a.person.is_empty() || !scope.holds(&a.room_id, a.session_start) {
            continue;
        }
        let bucket = match last {
            Some((room, start, bucket)) if room == a.room_id && start == a.session_start => bucket,
            _ => {
                let day = a
                    .session_start
                    .and_then(|t| *period_at.entry(t).or_insert_with(|| period_of(t)));
                let bucket = day.and_then(|day| bucket_no.get(&(a.room_id.as_str(), day)).copied());
                last = Some((&a.room_id, a.session_start, bucket));
                bucket
            }
        };
        let Some(bucket) = bucket else {
            continue;
        };
        attended.push((bucket, person_no.intern(&a.person).0));
    }
    let people = distinct_per_group(&attended, buckets.len(), person_no.len());
    let mut rooms: Vec<(RoomTotals<'_>, u64)> = buckets.into_iter().zip(people).collect();
    rooms.sort_by(|(a, _), (b, _)| a.room_id.cmp(b.room_id).then(a.day.cmp(&b.day)));
    rooms
        .into_iter()
        .map(|(t, people)| RoomPeriod {
            room_id: t.room_id.to_owned(),
            name: t.name.to_owned(),
            period: t.day.to_string(),
            sessions: t.sessions,
            unique_attendees: people,
            hours: t.seconds as f64 / 3600.0,
            engagement_pct: t.engagement.value().map(|r| r * 100.0),
        })
        .collect()
}

#[cfg(test)]
mod scope_tests {
    use super::RollupScope;

    #[test]
    fn room_and_half_open_dates() {
        let all = RollupScope::default();
        assert!(all.holds("r1", None));
        let room = RollupScope {
            room_id: Some("r1".into()),
            ..RollupScope::default()
        };
        assert!(room.holds("r1", None));
        assert!(!room.holds("r2", Some(5)));
        let dates = RollupScope {
            from: Some(10),
            to: Some(20),
            room_id: None,
        };
        assert!(!dates.holds("r1", None));
        assert!(dates.holds("r1", Some(10)));
        assert!(dates.holds("r1", Some(19)));
        assert!(!dates.holds("r1", Some(20)));
        assert!(!dates.holds("r1", Some(9)));
    }
}
