//! Rollups across everything kept: per person (sessions, rooms, minutes, engagement weighted by
//! minutes, first and last seen, roles) and per room and week or month (sessions, unique
//! attendees, hours, engagement weighted by users). Pure functions over the library's kept rows,
//! each row counted once (the library dedupes); no I/O, no formatting.

use crate::weighted_mean::WeightedMean;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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

    fn holds(&self, room_id: &str, start: Option<i64>) -> bool {
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

#[derive(Default)]
struct PersonTotals {
    user_id: String,
    email: String,
    name: String,
    sessions: BTreeSet<(String, String)>,
    rooms: BTreeSet<String>,
    minutes: f64,
    engagement: WeightedMean,
    first: Option<i64>,
    last: Option<i64>,
    roles: BTreeSet<String>,
}

/// Every person in `attendances` within `scope`.
pub fn people(attendances: &[KeptAttendance], scope: &RollupScope) -> PeopleRollup {
    let mut by_person: HashMap<&str, PersonTotals> = HashMap::new();
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
        let p = by_person.entry(&a.person).or_default();
        for (into, from) in [
            (&mut p.user_id, &a.user_id),
            (&mut p.email, &a.email),
            (&mut p.name, &a.name),
        ] {
            if into.is_empty() && !from.trim().is_empty() {
                from.clone_into(into);
            }
        }
        p.sessions.insert((a.room_id.clone(), a.session_id.clone()));
        p.rooms.insert(a.room_id.clone());
        p.minutes += a.minutes.unwrap_or(0.0);
        p.engagement.add(a.engagement, a.minutes);
        p.first = p.first.into_iter().chain(a.session_start).min();
        p.last = p.last.into_iter().chain(a.session_start).max();
        if !a.role.trim().is_empty() {
            p.roles.insert(a.role.trim().to_owned());
        }
    }
    let mut people: Vec<PersonRollup> = by_person
        .into_values()
        .map(|p| PersonRollup {
            user_id: p.user_id,
            email: p.email,
            name: p.name,
            sessions: p.sessions.len() as u64,
            rooms: p.rooms.len() as u64,
            minutes: p.minutes,
            engagement_pct: p.engagement.value().map(|r| r * 100.0),
            first_seen: p.first,
            last_seen: p.last,
            roles: p.roles.into_iter().collect(),
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
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

#[derive(Default)]
struct RoomTotals {
    name: String,
    sessions: u64,
    seconds: i64,
    engagement: WeightedMean,
    people: BTreeSet<String>,
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
    let mut rooms: BTreeMap<(String, Date), RoomTotals> = BTreeMap::new();
    for s in sessions {
        if !s.main_room_id.trim().is_empty() || !scope.holds(&s.room_id, s.start) {
            continue;
        }
        let Some(day) = s.start.and_then(period_of) else {
            continue;
        };
        let totals = rooms.entry((s.room_id.clone(), day)).or_default();
        if totals.name.is_empty() {
            totals.name.clone_from(&s.room_name);
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
    for a in attendances {
        if a.person.is_empty() || !scope.holds(&a.room_id, a.session_start) {
            continue;
        }
        let Some(day) = a.session_start.and_then(period_of) else {
            continue;
        };
        if let Some(totals) = rooms.get_mut(&(a.room_id.clone(), day)) {
            totals.people.insert(a.person.clone());
        }
    }
    rooms
        .into_iter()
        .map(|((room_id, day), t)| RoomPeriod {
            room_id,
            name: t.name,
            period: day.to_string(),
            sessions: t.sessions,
            unique_attendees: t.people.len() as u64,
            hours: t.seconds as f64 / 3600.0,
            engagement_pct: t.engagement.value().map(|r| r * 100.0),
        })
        .collect()
}
