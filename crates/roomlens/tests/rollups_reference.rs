//! The People and Rooms rollups against a plain reference written here with ordered sets (what
//! the rollups must count, however they count it), over rows in no helpful order: a session's
//! attendances interleaved with others', rooms whose IDs are prefixes of each other, blank and
//! padded roles, people without a key, sessions without a start, breakout sessions, and every
//! scope. Sums run in row order in both, so every figure must agree exactly.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a step that fails should stop it loudly"
)]

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use roomlens::analytics::key_of;
use roomlens::analytics::rollups::{
    people, room_trends, KeptAttendance, KeptAttendances, KeptSession, PersonRollup, RollupScope,
    RoomPeriod, TrendPeriod,
};
use std::collections::{BTreeMap, BTreeSet};

/// 2026-03-02 10:00 UTC, a Monday.
const MONDAY: i64 = 1_772_445_600;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

fn rows(seed: u64) -> (Vec<KeptSession>, Vec<KeptAttendance>) {
    let mut rng = Lcg(seed);
    let rooms = ["1_a", "1_ab", "1_abc", "1_b", "1_c", "1_d"];
    let sessions: Vec<KeptSession> = (0..40)
        .map(|i| {
            let start = (rng.next(10) > 0).then(|| MONDAY + rng.next(60) as i64 * 86_400);
            KeptSession {
                room_id: rooms[rng.next(rooms.len() as u64) as usize].to_owned(),
                room_name: if i % 5 == 0 {
                    String::new()
                } else {
                    format!("Room {i}")
                },
                main_room_id: if i % 8 == 3 {
                    "1_a".to_owned()
                } else if i % 8 == 5 {
                    "  ".to_owned()
                } else {
                    String::new()
                },
                session_id: format!("cp{}", i % 30),
                start,
                end: start.map(|s| s + rng.next(7200) as i64 - 600),
                unique_users: (rng.next(4) > 0).then(|| rng.next(80)),
                engagement: (rng.next(5) > 0).then(|| rng.next(100) as f64 / 100.0),
            }
        })
        .collect();
    let roles = ["Attendee", " Host ", "", "  ", "Co-host", "Attendee"];
    let mut attendances = Vec::new();
    for _ in 0..4000 {
        let s = &sessions[rng.next(sessions.len() as u64) as usize];
        let n = rng.next(160);
        let user_id = if n.is_multiple_of(4) {
            String::new()
        } else {
            format!("u{n}")
        };
        let email = match n % 8 {
            0 => format!(" P{n}@Example.org"),
            4 => " ".to_owned(),
            _ => format!("p{n}@example.org"),
        };
        let name = if n % 16 == 4 {
            String::new()
        } else {
            format!("Person {n}")
        };
        // A few rows in a run from the same session, then elsewhere.
        for _ in 0..=rng.next(3) {
            attendances.push(KeptAttendance {
                room_id: s.room_id.clone(),
                session_id: s.session_id.clone(),
                person: key_of(&user_id, &email, &name).into_owned(),
                user_id: user_id.clone(),
                name: name.clone(),
                email: email.clone(),
                role: roles[rng.next(roles.len() as u64) as usize].to_owned(),
                minutes: (rng.next(6) > 0).then(|| rng.next(9000) as f64 / 100.0),
                engagement: (rng.next(6) > 0).then(|| rng.next(100) as f64 / 100.0),
                session_start: if rng.next(12) == 0 { None } else { s.start },
            });
        }
    }
    (sessions, attendances)
}

fn in_scope(scope: &RollupScope, room_id: &str, start: Option<i64>) -> bool {
    if scope.room_id.as_deref().is_some_and(|r| r != room_id) {
        return false;
    }
    if scope.from.is_none() && scope.to.is_none() {
        return true;
    }
    start.is_some_and(|t| scope.from.is_none_or(|f| t >= f) && scope.to.is_none_or(|e| t < e))
}

#[derive(Default)]
struct Mean {
    weighted: f64,
    weights: f64,
    plain: f64,
    count: u64,
}

impl Mean {
    fn add(&mut self, value: Option<f64>, weight: Option<f64>) {
        if let Some(v) = value {
            self.plain += v;
            self.count += 1;
            if let Some(w) = weight.filter(|w| *w > 0.0 && w.is_finite()) {
                self.weighted += v * w;
                self.weights += w;
            }
        }
    }
    fn pct(&self) -> Option<f64> {
        if self.weights > 0.0 {
            Some(self.weighted / self.weights * 100.0)
        } else if self.count > 0 {
            Some(self.plain / self.count as f64 * 100.0)
        } else {
            None
        }
    }
}

fn reference_people(
    attendances: &[KeptAttendance],
    scope: &RollupScope,
) -> (Vec<PersonRollup>, u64) {
    #[derive(Default)]
    struct P {
        user_id: String,
        email: String,
        name: String,
        sessions: BTreeSet<(String, String)>,
        rooms: BTreeSet<String>,
        minutes: f64,
        engagement: Mean,
        first: Option<i64>,
        last: Option<i64>,
        roles: BTreeSet<String>,
    }
    let mut by: BTreeMap<String, P> = BTreeMap::new();
    let mut undated = 0;
    let dated = scope.from.is_some() || scope.to.is_some();
    for a in attendances {
        if a.person.is_empty() {
            continue;
        }
        if !in_scope(scope, &a.room_id, a.session_start) {
            if dated
                && a.session_start.is_none()
                && scope.room_id.as_deref().is_none_or(|r| r == a.room_id)
            {
                undated += 1;
            }
            continue;
        }
        let p = by.entry(a.person.clone()).or_default();
        for (into, from) in [
            (&mut p.user_id, &a.user_id),
            (&mut p.email, &a.email),
            (&mut p.name, &a.name),
        ] {
            if into.is_empty() && !from.trim().is_empty() {
                into.clone_from(from);
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
    let people = by
        .into_iter()
        .map(|(person, p)| PersonRollup {
            person,
            user_id: p.user_id,
            email: p.email,
            name: p.name,
            sessions: p.sessions.len() as u64,
            rooms: p.rooms.len() as u64,
            minutes: p.minutes,
            engagement_pct: p.engagement.pct(),
            first_seen: p.first,
            last_seen: p.last,
            roles: p.roles.into_iter().collect(),
        })
        .collect();
    (people, undated)
}

fn reference_rooms(
    sessions: &[KeptSession],
    attendances: &[KeptAttendance],
    period: TrendPeriod,
    zone: &TimeZone,
    scope: &RollupScope,
) -> Vec<RoomPeriod> {
    let period_of = |seconds: i64| -> Option<Date> {
        let date = Timestamp::from_second(seconds)
            .ok()?
            .to_zoned(zone.clone())
            .date();
        Some(match period {
            TrendPeriod::Week => date
                .checked_sub(i64::from(date.weekday().to_monday_zero_offset()).days())
                .unwrap(),
            TrendPeriod::Month => date.first_of_month(),
        })
    };
    #[derive(Default)]
    struct R {
        name: String,
        sessions: u64,
        seconds: i64,
        engagement: Mean,
        people: BTreeSet<String>,
    }
    let mut rooms: BTreeMap<(String, Date), R> = BTreeMap::new();
    for s in sessions {
        if !s.main_room_id.trim().is_empty() || !in_scope(scope, &s.room_id, s.start) {
            continue;
        }
        let Some(day) = s.start.and_then(period_of) else {
            continue;
        };
        let r = rooms.entry((s.room_id.clone(), day)).or_default();
        if r.name.is_empty() {
            r.name.clone_from(&s.room_name);
        }
        r.sessions += 1;
        if let (Some(start), Some(end)) = (s.start, s.end) {
            if end >= start {
                r.seconds += end - start;
            }
        }
        r.engagement
            .add(s.engagement, s.unique_users.map(|u| u as f64));
    }
    for a in attendances {
        if a.person.is_empty() || !in_scope(scope, &a.room_id, a.session_start) {
            continue;
        }
        let Some(day) = a.session_start.and_then(period_of) else {
            continue;
        };
        if let Some(r) = rooms.get_mut(&(a.room_id.clone(), day)) {
            r.people.insert(a.person.clone());
        }
    }
    rooms
        .into_iter()
        .map(|((room_id, day), r)| RoomPeriod {
            room_id,
            name: r.name,
            period: day.to_string(),
            sessions: r.sessions,
            unique_attendees: r.people.len() as u64,
            hours: r.seconds as f64 / 3600.0,
            engagement_pct: r.engagement.pct(),
        })
        .collect()
}

fn scopes() -> Vec<RollupScope> {
    vec![
        RollupScope::default(),
        RollupScope {
            room_id: Some("1_ab".into()),
            ..RollupScope::default()
        },
        RollupScope {
            from: Some(MONDAY + 10 * 86_400),
            to: Some(MONDAY + 40 * 86_400),
            room_id: None,
        },
        RollupScope {
            from: Some(MONDAY + 5 * 86_400),
            to: None,
            room_id: Some("1_a".into()),
        },
    ]
}

#[test]
fn people_agree_with_the_reference_in_every_scope() {
    for seed in [1, 2, 3] {
        let (_, attendances) = rows(seed);
        let kept = KeptAttendances::from(attendances.as_slice());
        for scope in scopes() {
            let rollup = people(&kept, &scope);
            let (mut expected, undated) = reference_people(&attendances, &scope);
            assert!(!expected.is_empty());
            assert_eq!(rollup.undated, undated, "{scope:?}");
            // Most minutes first; people tied on everything shown may come in any order.
            assert!(rollup
                .people
                .windows(2)
                .all(|w| w[0].minutes >= w[1].minutes));
            let mut got = rollup.people;
            got.sort_by(|a, b| a.person.cmp(&b.person));
            expected.sort_by(|a, b| a.person.cmp(&b.person));
            assert_eq!(got, expected, "seed {seed}, {scope:?}");
        }
    }
}

#[test]
fn rooms_agree_with_the_reference_in_every_scope_period_and_zone() {
    let zones = [
        TimeZone::UTC,
        TimeZone::get("Pacific/Auckland").unwrap_or(TimeZone::UTC),
    ];
    for seed in [1, 2, 3] {
        let (sessions, attendances) = rows(seed);
        let kept = KeptAttendances::from(attendances.as_slice());
        for scope in scopes() {
            for period in [TrendPeriod::Week, TrendPeriod::Month] {
                for zone in &zones {
                    let got = room_trends(&sessions, &kept, period, zone, &scope);
                    let expected = reference_rooms(&sessions, &attendances, period, zone, &scope);
                    assert_eq!(got, expected, "seed {seed}, {scope:?}, {period:?}");
                }
            }
        }
        let all = room_trends(
            &sessions,
            &kept,
            TrendPeriod::Week,
            &TimeZone::UTC,
            &RollupScope::default(),
        );
        assert!(all.iter().any(|r| r.unique_attendees > 1));
    }
}

#[test]
fn people_with_many_roles_keep_them_all_sorted_once() {
    // More distinct roles than the rollup keeps as bits (64), in no order, some twice or padded.
    let attendances: Vec<KeptAttendance> = (0..150u32)
        .map(|i| {
            let person = if i % 2 == 0 { "u1" } else { "u2" };
            KeptAttendance {
                room_id: "1_a".into(),
                session_id: format!("cp{i}"),
                person: person.into(),
                user_id: person.into(),
                name: String::new(),
                email: String::new(),
                role: format!(" Role {} ", (i * 37) % 97),
                minutes: Some(1.0),
                engagement: None,
                session_start: Some(MONDAY),
            }
        })
        .collect();
    let scope = RollupScope::default();
    let mut got = people(&KeptAttendances::from(attendances.as_slice()), &scope).people;
    let (mut expected, _) = reference_people(&attendances, &scope);
    got.sort_by(|a, b| a.person.cmp(&b.person));
    expected.sort_by(|a, b| a.person.cmp(&b.person));
    assert!(expected[0].roles.len() > 64, "{}", expected[0].roles.len());
    assert_eq!(got, expected);
}
