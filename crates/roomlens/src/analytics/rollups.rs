//! Rollups across everything kept: per person (sessions, rooms, minutes, engagement weighted by
//! minutes, first and last seen, roles) and per room and week or month (sessions, unique
//! attendees, hours, engagement weighted by users). Pure functions over the library's kept rows,
//! each row counted once (the library dedupes); no I/O, no formatting.

use super::distinct_counts::{by_group, distinct_per_group, members};
use super::kept_attendances::number;
pub use super::kept_attendances::{Attendance, KeptAttendance, KeptAttendances};
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
        self.room_id.as_deref().is_none_or(|r| r == room_id) && self.holds_start(start)
    }

    /// Whether a session starting at `start` is within the dates.
    fn holds_start(&self, start: Option<i64>) -> bool {
        if !self.dated() {
            return true;
        }
        start.is_some_and(|t| self.from.is_none_or(|f| t >= f) && self.to.is_none_or(|e| t < e))
    }
}

/// A scope with its room looked up among kept attendances' rooms, so that their rows are
/// checked by number, as `RollupScope::holds` checks them by text.
pub(crate) struct NumberedScope<'s> {
    scope: &'s RollupScope,
    /// `None`: any room; `Some(None)`: a room no row has.
    room: Option<Option<u32>>,
}

impl<'s> NumberedScope<'s> {
    pub(crate) fn new(scope: &'s RollupScope, attendances: &KeptAttendances) -> Self {
        NumberedScope {
            scope,
            room: scope
                .room_id
                .as_deref()
                .map(|room| attendances.find_room(room)),
        }
    }

    fn holds_room(&self, room: u32) -> bool {
        self.room.is_none_or(|r| r == Some(room))
    }

    /// Whether a row of room `room` whose session starts at `start` is in the scope.
    pub(crate) fn holds(&self, room: u32, start: Option<i64>) -> bool {
        self.holds_room(room) && self.scope.holds_start(start)
    }

    /// Whether a row of room `room` is out of the scope only because its session's start is
    /// unknown and the scope has dates.
    fn undated(&self, room: u32, start: Option<i64>) -> bool {
        self.scope.dated() && start.is_none() && self.holds_room(room)
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
    /// At least one attendance of the person is in scope.
    counted: bool,
    /// User ID, e-mail and name are all known.
    named: bool,
}

/// One person's user ID, e-mail and name (the numbers of the first that is not blank among their
/// attendances') and roles numbered from 64.
#[derive(Default)]
struct PersonNames {
    user_id: Option<u32>,
    email: Option<u32>,
    name: Option<u32>,
    roles: Vec<u32>,
}

/// The attendances' roles trimmed, blank ones left out, each numbered once: for each role of
/// `attendances` its number, and the trimmed roles by number.
fn trimmed_roles(attendances: &KeptAttendances) -> (Vec<Option<u32>>, Vec<&str>) {
    let mut number_of: crate::fast_hash::FastHashMap<&str, u32> = Default::default();
    let mut roles: Vec<&str> = Vec::new();
    let numbers = (0..number(attendances.role_count()))
        .map(|role| {
            let trimmed = attendances.role_text(role).trim();
            if trimmed.is_empty() {
                return None;
            }
            let next = number(roles.len());
            let r = *number_of.entry(trimmed).or_insert(next);
            if r == next {
                roles.push(trimmed);
            }
            Some(r)
        })
        .collect();
    (numbers, roles)
}

/// Every person in `attendances` within `scope`.
pub fn people(attendances: &KeptAttendances, scope: &RollupScope) -> PeopleRollup {
    // People, rooms and sessions come numbered: figures are kept per number, and counting the
    // distinct sessions and rooms of a person is counting numbers. Nothing is copied until the
    // result.
    let in_scope = NumberedScope::new(scope, attendances);
    let no_person = attendances.find_person("");
    let (role_numbers, roles) = trimmed_roles(attendances);
    let mut totals: Vec<PersonTotals> = Vec::new();
    totals.resize_with(attendances.people_count(), PersonTotals::default);
    let mut names: Vec<PersonNames> = Vec::new();
    names.resize_with(attendances.people_count(), PersonNames::default);
    // Per attendance counted: (person, session).
    let mut sessions_of: Vec<(u32, u32)> = Vec::with_capacity(attendances.len());
    let mut undated = 0u64;
    for a in attendances.rows() {
        if Some(a.person) == no_person {
            continue;
        }
        let room = attendances.room_of(a.session);
        if !in_scope.holds(room, a.session_start) {
            if in_scope.undated(room, a.session_start) {
                undated += 1;
            }
            continue;
        }
        sessions_of.push((a.person, a.session));
        let Some(t) = totals.get_mut(a.person as usize) else {
            continue;
        };
        t.counted = true;
        t.minutes += a.minutes.unwrap_or(0.0);
        t.engagement.add(a.engagement, a.minutes);
        t.first = t.first.into_iter().chain(a.session_start).min();
        t.last = t.last.into_iter().chain(a.session_start).max();
        let role = role_numbers.get(a.role as usize).copied().flatten();
        let named = t.named;
        match role {
            Some(r) if r < 64 => t.roles |= 1 << r,
            Some(r) => {
                if let Some(n) = names.get_mut(a.person as usize) {
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
        let Some(n) = names.get_mut(a.person as usize) else {
            continue;
        };
        for (into, from, text) in [
            (
                &mut n.user_id,
                a.user_id,
                attendances.user_id_text(a.user_id),
            ),
            (&mut n.email, a.email, attendances.email_text(a.email)),
            (&mut n.name, a.name, attendances.name_text(a.name)),
        ] {
            if into.is_none() && !text.trim().is_empty() {
                *into = Some(from);
            }
        }
        t.named = n.user_id.is_some() && n.email.is_some() && n.name.is_some();
    }
    let (sessions, rooms) = distinct_sessions_and_rooms(&sessions_of, attendances);
    let text = |number: Option<u32>, text_of: fn(&KeptAttendances, u32) -> &str| {
        number.map_or("", |n| text_of(attendances, n)).to_owned()
    };
    let mut people: Vec<PersonRollup> = totals
        .into_iter()
        .zip(names)
        .zip(sessions.into_iter().zip(rooms))
        .enumerate()
        .filter(|(_, ((t, _), _))| t.counted)
        .map(|(person, ((t, n), (sessions, rooms)))| {
            let mut their_roles: Vec<&str> = (0..64u32)
                .filter(|r| t.roles & (1 << r) != 0)
                .chain(n.roles)
                .filter_map(|r| roles.get(r as usize).copied())
                .collect();
            their_roles.sort_unstable();
            PersonRollup {
                person: attendances.person_text(number(person)).to_owned(),
                user_id: text(n.user_id, KeptAttendances::user_id_text),
                email: text(n.email, KeptAttendances::email_text),
                name: text(n.name, KeptAttendances::name_text),
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

/// For `pairs` of (person, session), how many distinct sessions and distinct rooms each person
/// of `attendances` has.
fn distinct_sessions_and_rooms(
    pairs: &[(u32, u32)],
    attendances: &KeptAttendances,
) -> (Vec<u64>, Vec<u64>) {
    let people = attendances.people_count();
    let (starts, ordered) = by_group(pairs, people);
    let mut session_stamp = vec![u32::MAX; attendances.session_count()];
    let mut room_stamp = vec![u32::MAX; attendances.room_count()];
    let mut sessions = vec![0u64; people];
    let mut rooms = vec![0u64; people];
    for (p, (sessions, rooms)) in sessions.iter_mut().zip(&mut rooms).enumerate() {
        let person = number(p);
        for &s in members(&starts, &ordered, p) {
            if let Some(last) = session_stamp.get_mut(s as usize) {
                if *last != person {
                    *last = person;
                    *sessions += 1;
                    let room = attendances.room_of(s);
                    if let Some(last) = room_stamp.get_mut(room as usize) {
                        if *last != person {
                            *last = person;
                            *rooms += 1;
                        }
                    }
                }
            }
        }
    }
    (sessions, rooms)
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

/// Per main room and period: its sessions (those with a known start) in `zone`, newest period
/// last, rooms by ID. Attendees count in the period of their session.
pub fn room_trends(
    sessions: &[KeptSession],
    attendances: &KeptAttendances,
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
    // Per attendee counted: (room and period, person).
    let in_scope = NumberedScope::new(scope, attendances);
    let no_person = attendances.find_person("");
    let mut attended: Vec<(u32, u32)> = Vec::with_capacity(attendances.len());
    // Per session: the start its room period was last worked out for, and that room period.
    let mut bucket_of: Vec<Option<(Option<i64>, Option<u32>)>> =
        vec![None; attendances.session_count()];
    // Periods of session starts already worked out.
    let mut period_at: crate::fast_hash::FastHashMap<i64, Option<Date>> = Default::default();
    for a in attendances.rows() {
        if Some(a.person) == no_person {
            continue;
        }
        let room = attendances.room_of(a.session);
        if !in_scope.holds(room, a.session_start) {
            continue;
        }
        let Some(known) = bucket_of.get_mut(a.session as usize) else {
            continue;
        };
        let bucket = match *known {
            Some((start, bucket)) if start == a.session_start => bucket,
            _ => {
                let day = a
                    .session_start
                    .and_then(|t| *period_at.entry(t).or_insert_with(|| period_of(t)));
                let room_id = attendances.room_text(room);
                let bucket = day.and_then(|day| bucket_no.get(&(room_id, day)).copied());
                *known = Some((a.session_start, bucket));
                bucket
            }
        };
        if let Some(bucket) = bucket {
            attended.push((bucket, a.person));
        }
    }
    let people = distinct_per_group(&attended, buckets.len(), attendances.people_count());
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
