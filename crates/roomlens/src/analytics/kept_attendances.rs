//! The kept attendances the rollups count, in compact form: every distinct text (room ID, session
//! ID, person key, user ID, name, e-mail, role) is stored once, numbered, and a row holds the
//! numbers (72 bytes a row, against seven strings of its own), so that the rollups count people,
//! rooms and sessions by number without hashing any text. Adding a row finds its session from
//! the row before and its four person texts with one lookup (`person_texts`). It computes no figure and drops no
//! row: which copy of an attendance is kept is the library's choice (`library::kept_rows`).

use super::interner::Interner;
use super::person_texts::{PersonNumbers, PersonTexts, PersonTextsCache};
use crate::fast_hash::FastHashMap;

/// One attendance with texts of its own: what a caller builds [`KeptAttendances`] from when it has
/// a few rows at hand (tests, examples). The library builds them without it.
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

impl KeptAttendance {
    /// The row with its texts borrowed.
    pub fn as_attendance(&self) -> Attendance<'_> {
        Attendance {
            room_id: &self.room_id,
            session_id: &self.session_id,
            person: &self.person,
            user_id: &self.user_id,
            name: &self.name,
            email: &self.email,
            role: &self.role,
            minutes: self.minutes,
            engagement: self.engagement,
            session_start: self.session_start,
        }
    }
}

/// One kept attendance, its texts borrowed (from [`KeptAttendances`] or a [`KeptAttendance`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attendance<'a> {
    pub room_id: &'a str,
    pub session_id: &'a str,
    /// As [`KeptAttendance::person`].
    pub person: &'a str,
    pub user_id: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub role: &'a str,
    pub minutes: Option<f64>,
    pub engagement: Option<f64>,
    pub session_start: Option<i64>,
}

/// One row of [`KeptAttendances`]: its texts as numbers in the pools.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct AttendanceRow {
    /// The session, in `KeptAttendances::sessions`.
    pub session: u32,
    /// The person's key, in `KeptAttendances::people`.
    pub person: u32,
    /// In `KeptAttendances::user_ids`, `names` and `emails`.
    pub user_id: u32,
    pub name: u32,
    pub email: u32,
    /// In `KeptAttendances::roles`.
    pub role: u32,
    pub minutes: Option<f64>,
    pub engagement: Option<f64>,
    pub session_start: Option<i64>,
}

/// What identifies an attendance, as numbers: its session (room and session ID) and person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AttendanceKey {
    pub session: u32,
    pub person: u32,
}

/// An attendance's texts as numbers, all but its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AttendanceNumbers {
    pub session: u32,
    pub person: PersonNumbers,
}

impl AttendanceNumbers {
    pub(crate) fn key(&self) -> AttendanceKey {
        AttendanceKey {
            session: self.session,
            person: self.person.person,
        }
    }
}

/// A session: its room and session ID, as numbers.
#[derive(Debug, Clone, Copy)]
struct SessionKey {
    room: u32,
    session_id: u32,
}

/// Kept attendances, their texts each stored once. Rooms, sessions and people are numbered 0, 1,
/// 2, … in the order they first come, so a rollup can keep per-person or per-session figures in
/// plain vectors.
#[derive(Default)]
pub struct KeptAttendances {
    rooms: Interner,
    session_ids: Interner,
    /// (room, session ID) → the session's number in `sessions`.
    session_numbers: FastHashMap<(u32, u32), u32>,
    sessions: Vec<SessionKey>,
    /// People's keys.
    people: Interner,
    user_ids: Interner,
    names: Interner,
    emails: Interner,
    roles: Interner,
    /// The numbers of each (person, user ID, name, e-mail) met, while rows are added.
    person_texts: PersonTextsCache,
    rows: Vec<AttendanceRow>,
}

impl std::fmt::Debug for KeptAttendances {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeptAttendances")
            .field("rows", &self.rows.len())
            .field("rooms", &self.rooms.len())
            .field("sessions", &self.sessions.len())
            .field("people", &self.people.len())
            .finish()
    }
}

/// `len` as the number of the next thing numbered (`u32`: far more people, rooms or sessions than
/// a library holds).
pub(crate) fn number(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

impl KeptAttendances {
    /// Room for `rows` rows from the start.
    pub fn with_capacity(rows: usize) -> Self {
        KeptAttendances {
            rows: Vec::with_capacity(rows),
            ..KeptAttendances::default()
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Row `index`, its texts borrowed.
    pub fn get(&self, index: usize) -> Option<Attendance<'_>> {
        self.rows.get(index).map(|row| self.attendance(row))
    }

    /// Every row in order, texts borrowed.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Attendance<'_>> + '_ {
        self.rows.iter().map(|row| self.attendance(row))
    }

    /// Adds `a` as the last row.
    pub fn push(&mut self, a: &Attendance<'_>) {
        let numbers = self.number(a);
        self.push_numbered(numbers, a);
    }

    pub(crate) fn attendance(&self, row: &AttendanceRow) -> Attendance<'_> {
        let (room_id, session_id) = self.session_texts(row.session);
        Attendance {
            room_id,
            session_id,
            person: self.people.text(row.person),
            user_id: self.user_ids.text(row.user_id),
            name: self.names.text(row.name),
            email: self.emails.text(row.email),
            role: self.roles.text(row.role),
            minutes: row.minutes,
            engagement: row.engagement,
            session_start: row.session_start,
        }
    }

    pub(crate) fn rows(&self) -> &[AttendanceRow] {
        &self.rows
    }

    /// The numbers of `a`'s texts but its role, numbering those that are new.
    pub(crate) fn number(&mut self, a: &Attendance<'_>) -> AttendanceNumbers {
        AttendanceNumbers {
            session: self.number_session(a.room_id, a.session_id),
            person: self.number_person(&PersonTexts {
                person: a.person,
                user_id: a.user_id,
                name: a.name,
                email: a.email,
            }),
        }
    }

    fn number_session(&mut self, room_id: &str, session_id: &str) -> u32 {
        // A session's rows usually come together: the last row's session often answers.
        if let Some(last) = self.rows.last().map(|row| row.session) {
            if self.session_texts(last) == (room_id, session_id) {
                return last;
            }
        }
        let room = self.rooms.intern(room_id).0;
        let id = self.session_ids.intern(session_id).0;
        let next = number(self.sessions.len());
        let session = *self.session_numbers.entry((room, id)).or_insert(next);
        if session == next {
            self.sessions.push(SessionKey {
                room,
                session_id: id,
            });
        }
        session
    }

    /// The four texts' numbers: a combination met before answers with one lookup.
    fn number_person(&mut self, texts: &PersonTexts<'_>) -> PersonNumbers {
        let hash = self.person_texts.hash(texts);
        if let Some(numbers) = self.person_texts.get(hash, texts) {
            return numbers;
        }
        let numbers = PersonNumbers {
            person: self.people.intern(texts.person).0,
            user_id: self.user_ids.intern(texts.user_id).0,
            name: self.names.intern(texts.name).0,
            email: self.emails.intern(texts.email).0,
        };
        self.person_texts.remember(hash, texts, numbers);
        numbers
    }

    /// Adds `a` as the last row under `numbers`, which `number` gave for `a` (only `a`'s role,
    /// minutes, engagement and session start are read again).
    pub(crate) fn push_numbered(&mut self, numbers: AttendanceNumbers, a: &Attendance<'_>) {
        let row = AttendanceRow {
            session: numbers.session,
            person: numbers.person.person,
            user_id: numbers.person.user_id,
            name: numbers.person.name,
            email: numbers.person.email,
            role: self.roles.intern(a.role).0,
            minutes: a.minutes,
            engagement: a.engagement,
            session_start: a.session_start,
        };
        self.rows.push(row);
    }

    /// Forgets what only adding rows needs (a few bytes per distinct person), once every row is
    /// in.
    pub(crate) fn done_adding(&mut self) {
        self.person_texts = PersonTextsCache::default();
    }

    /// How many rooms, sessions, people and roles are numbered.
    pub(crate) fn room_count(&self) -> usize {
        self.rooms.len()
    }

    pub(crate) fn session_count(&self) -> usize {
        self.sessions.len()
    }

    pub(crate) fn people_count(&self) -> usize {
        self.people.len()
    }

    pub(crate) fn role_count(&self) -> usize {
        self.roles.len()
    }

    /// The room of session `session` (0 for a number never given).
    pub(crate) fn room_of(&self, session: u32) -> u32 {
        self.sessions.get(session as usize).map_or(0, |s| s.room)
    }

    /// Session `session`'s room ID and session ID.
    pub(crate) fn session_texts(&self, session: u32) -> (&str, &str) {
        self.sessions.get(session as usize).map_or(("", ""), |s| {
            (self.rooms.text(s.room), self.session_ids.text(s.session_id))
        })
    }

    pub(crate) fn room_text(&self, room: u32) -> &str {
        self.rooms.text(room)
    }

    pub(crate) fn person_text(&self, person: u32) -> &str {
        self.people.text(person)
    }

    pub(crate) fn user_id_text(&self, user_id: u32) -> &str {
        self.user_ids.text(user_id)
    }

    pub(crate) fn name_text(&self, name: u32) -> &str {
        self.names.text(name)
    }

    pub(crate) fn email_text(&self, email: u32) -> &str {
        self.emails.text(email)
    }

    pub(crate) fn role_text(&self, role: u32) -> &str {
        self.roles.text(role)
    }

    pub(crate) fn find_room(&self, room_id: &str) -> Option<u32> {
        self.rooms.find(room_id)
    }

    pub(crate) fn find_person(&self, person: &str) -> Option<u32> {
        self.people.find(person)
    }
}

impl From<&[KeptAttendance]> for KeptAttendances {
    fn from(rows: &[KeptAttendance]) -> Self {
        let mut kept = KeptAttendances::with_capacity(rows.len());
        for row in rows {
            kept.push(&row.as_attendance());
        }
        kept.done_adding();
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(room: &str, session: &str, person: &str, role: &str) -> KeptAttendance {
        KeptAttendance {
            room_id: room.into(),
            session_id: session.into(),
            person: person.into(),
            user_id: person.into(),
            name: format!("Name {person}"),
            email: person.into(),
            role: role.into(),
            minutes: Some(1.5),
            engagement: None,
            session_start: Some(7),
        }
    }

    #[test]
    fn rows_read_back_as_they_were_given_with_each_text_numbered_once() {
        // Rooms whose IDs run into their sessions' ("a"+"bc", "ab"+"c") are different sessions.
        let given = vec![
            row("a", "bc", "u1", "Host"),
            row("a", "bc", "u2", " Attendee "),
            row("ab", "c", "u1", "Attendee"),
            row("a", "bc", "u1", "Host"),
            row("", "", "", ""),
            KeptAttendance {
                email: "u3@example.org".into(),
                ..row("ab", "c", "u3", "Host")
            },
        ];
        let kept = KeptAttendances::from(given.as_slice());
        assert_eq!(kept.len(), 6);
        let back: Vec<Attendance<'_>> = kept.iter().collect();
        let expected: Vec<Attendance<'_>> = given.iter().map(|r| r.as_attendance()).collect();
        assert_eq!(back, expected);
        assert_eq!(kept.get(4), Some(given[4].as_attendance()));
        assert_eq!(kept.get(6), None);
        assert_eq!(
            (kept.room_count(), kept.session_count(), kept.people_count()),
            (3, 3, 4)
        );
        assert_eq!(kept.role_count(), 4);
        let sessions: Vec<u32> = kept.rows().iter().map(|r| r.session).collect();
        assert_eq!(sessions, [0, 0, 1, 0, 2, 1]);
        assert_eq!(kept.room_of(1), kept.find_room("ab").unwrap_or(u32::MAX));
        assert_eq!(kept.find_person("u2"), Some(1));
        assert_eq!(kept.person_text(1), "u2");
        assert_eq!(kept.room_text(kept.room_of(0)), "a");
        assert_eq!(kept.find_room("b"), None);
    }
}
