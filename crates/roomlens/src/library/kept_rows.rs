//! The rows the rollups count: every kept attendance and session once, however many snapshots
//! hold it. A row is known by its natural key — (room, session, person) for an attendance, (room,
//! session) for a session — and the newest snapshot's copy wins (within a snapshot, the first
//! row). Each attendance carries its session's start when a kept Room data report knows it. It
//! computes no figure.
//!
//! Snapshots are read newest first, each in the order its rows were written (a range of the
//! table, so nothing is sorted), and a row's texts are read as SQLite holds them: a session's
//! key is checked against the previous row's, and attendances go into `KeptAttendances`, which
//! stores each distinct text once, so a row costs numbers, not strings. Attendances are told
//! apart by the numbers of their session and person. They come in runs of one session (a report
//! lists a session's attendees together): within a session's first run a stamp per person
//! decides, and only a session met again in a later run has its rows put in a set of all keys.

use super::{sql_error, Library};
use crate::analytics::kept_attendances::{AttendanceKey, AttendanceRow};
use crate::analytics::key_of;
use crate::analytics::rollups::{Attendance, KeptAttendances, KeptSession};
use crate::cancel::CancelToken;
use crate::error::Error;
use crate::fast_hash::FastHashMap;
use foldhash::fast::RandomState;
use std::collections::hash_map::Entry;
use std::hash::BuildHasher;

const ROWS_BETWEEN_CHECKS: usize = 50_000;

/// Marks the end of a chain of kept rows whose keys share a hash.
const NONE: u32 = u32::MAX;

/// Rows made room for at most before reading, whatever the snapshots say they hold.
const MOST_ROWS_EXPECTED: usize = 10_000_000;

/// A kept row's number as the key sets hold it (`NONE` past four billion rows, which no library
/// holds; such a row would only go unchecked).
fn row_number(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(NONE)
}

/// The keys of rows kept so far, by hash: each hash's first kept row, and for each kept row the
/// next one whose key has the same hash (almost always none). The keys themselves are the kept
/// rows'.
#[derive(Default)]
struct KeptKeys {
    first: FastHashMap<u64, u32>,
    next_same: Vec<u32>,
}

impl KeptKeys {
    /// Room for `rows` keys from the start: a table grown as it goes would move every key it
    /// holds each time it doubles.
    fn with_capacity(rows: usize) -> Self {
        KeptKeys {
            first: FastHashMap::with_capacity_and_hasher(rows, RandomState::default()),
            next_same: Vec::with_capacity(rows),
        }
    }

    /// Whether a row whose key hashes to `hash` was kept before (`same(i)`: kept row `i` has its
    /// key). When not, its key is added as kept row `row`'s.
    fn kept_before(&mut self, hash: u64, row: usize, same: impl Fn(usize) -> bool) -> bool {
        let number = row_number(row);
        let mut at = match self.first.entry(hash) {
            Entry::Vacant(slot) => {
                slot.insert(number);
                self.chain_end(row);
                return false;
            }
            Entry::Occupied(slot) => *slot.get(),
        };
        loop {
            if same(at as usize) {
                return true;
            }
            match self.next_same.get(at as usize).copied() {
                Some(following) if following != NONE => at = following,
                _ => break,
            }
        }
        if let Some(slot) = self.next_same.get_mut(at as usize) {
            *slot = number;
        }
        self.chain_end(row);
        false
    }

    /// Marks kept row `row` as the last of its hash's chain.
    fn chain_end(&mut self, row: usize) {
        if self.next_same.len() <= row {
            self.next_same.resize(row + 1, NONE);
        }
        if let Some(slot) = self.next_same.get_mut(row) {
            *slot = NONE;
        }
    }
}

/// Where a session's kept attendances are, for telling a copy from the first.
#[derive(Debug, Clone, Copy, PartialEq)]
enum SessionRows {
    /// No attendance of the session yet.
    Unmet,
    /// Kept rows `from..to`, its first run (`to` is set when the run ends).
    FirstRun { from: u32, to: u32 },
    /// Met in a second run: its rows are in `KeptPairs::all`.
    InAll,
}

/// Which attendances were kept, known by the numbers of their session and person, the first copy
/// winning. Within the first run of a session, a person kept in it has the session as stamp; a
/// session met again has its rows put in a set of all its (session, person) pairs.
#[derive(Default)]
struct KeptPairs {
    /// Per person: the session it was last kept in during that session's first run.
    stamp: Vec<u32>,
    /// Per session.
    sessions: Vec<SessionRows>,
    /// The session of the run being read.
    run: Option<u32>,
    /// (session, person) of every kept row of the sessions met in more than one run.
    all: crate::fast_hash::FastHashSet<u64>,
}

/// One number pair as one key of `KeptPairs::all`.
fn pair(key: AttendanceKey) -> u64 {
    (u64::from(key.session) << 32) | u64::from(key.person)
}

impl KeptPairs {
    /// Whether the attendance `key` was kept before among `kept`. When not, it counts as kept row
    /// `kept.len()`, which the caller must then keep.
    fn kept_before(&mut self, kept: &[AttendanceRow], key: AttendanceKey) -> bool {
        if self.run != Some(key.session) {
            self.start_run(kept, key.session);
        }
        let session = key.session as usize;
        if self.sessions.get(session) == Some(&SessionRows::InAll) {
            return !self.all.insert(pair(key));
        }
        let person = key.person as usize;
        if self.stamp.len() <= person {
            self.stamp.resize(person + 1, NONE);
        }
        match self.stamp.get_mut(person) {
            Some(stamp) if *stamp == key.session => true,
            Some(stamp) => {
                *stamp = key.session;
                false
            }
            None => false,
        }
    }

    /// Ends the current run and starts one of `session`.
    fn start_run(&mut self, kept: &[AttendanceRow], session: u32) {
        let end = row_number(kept.len());
        if let Some(SessionRows::FirstRun { to, .. }) = self
            .run
            .and_then(|previous| self.sessions.get_mut(previous as usize))
        {
            *to = end;
        }
        self.run = Some(session);
        let index = session as usize;
        if self.sessions.len() <= index {
            self.sessions.resize(index + 1, SessionRows::Unmet);
        }
        let Some(rows) = self.sessions.get_mut(index) else {
            return;
        };
        match *rows {
            SessionRows::Unmet => *rows = SessionRows::FirstRun { from: end, to: end },
            SessionRows::FirstRun { from, to } => {
                *rows = SessionRows::InAll;
                let first_run = kept.get(from as usize..to as usize).unwrap_or_default();
                self.all.extend(first_run.iter().map(|row| {
                    pair(AttendanceKey {
                        session,
                        person: row.person,
                    })
                }));
            }
            SessionRows::InAll => {}
        }
    }
}

/// Column `i` of a row as the text SQLite holds, not copied.
fn text<'r>(row: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r str, Error> {
    row.get_ref(i)
        .and_then(|value| {
            value.as_str().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(i, value.data_type(), Box::new(e))
            })
        })
        .map_err(|e| sql_error(&e))
}

impl Library {
    /// How many rows the snapshots of `kind` say they hold (a hint for making room, at most
    /// `MOST_ROWS_EXPECTED`).
    fn rows_expected(&self, kind: &str) -> Result<usize, Error> {
        let rows: i64 = self
            .conn
            .query_row(
                "SELECT coalesce(sum(row_count), 0) FROM snapshots WHERE report_kind = ?1",
                [kind],
                |row| row.get(0),
            )
            .map_err(|e| sql_error(&e))?;
        Ok(usize::try_from(rows).unwrap_or(0).min(MOST_ROWS_EXPECTED))
    }

    /// Every snapshot with rows in `table`, newest first (the order in which their copies of a
    /// row win), with the first and last rowid of its rows there: a snapshot's rows are written
    /// in one transaction, one after the other, so reading that range reads them in order
    /// without a lookup per row (rows of other snapshots in it, if any, are left out).
    fn snapshots_newest_first(&self, table: &str) -> Result<Vec<(i64, i64, i64)>, Error> {
        let mut select = self
            .conn
            .prepare(&format!(
                "SELECT s.id, (SELECT min(rowid) FROM {table} WHERE snapshot_id = s.id), \
                 (SELECT max(rowid) FROM {table} WHERE snapshot_id = s.id) \
                 FROM snapshots s ORDER BY s.fetched_at DESC, s.id DESC"
            ))
            .map_err(|e| sql_error(&e))?;
        let found = select
            .query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, Option<i64>>(1)?,
                    row.get::<_, Option<i64>>(2)?,
                ))
            })
            .map_err(|e| sql_error(&e))?;
        let mut snapshots = Vec::new();
        for snapshot in found {
            if let (id, Some(from), Some(to)) = snapshot.map_err(|e| sql_error(&e))? {
                snapshots.push((id, from, to));
            }
        }
        Ok(snapshots)
    }

    /// Every kept session once, the newest snapshot's copy.
    pub fn kept_sessions(&self, cancel: &CancelToken) -> Result<Vec<KeptSession>, Error> {
        let mut select = self
            .conn
            .prepare(
                "SELECT entry_id, entry_name, parent_entry_id, cue_point_id, \
                 session_start_time, session_end_time, meeting_view_period_unique_users, \
                 meeting_engaged_play_time_ratio \
                 FROM rows_room_data NOT INDEXED \
                 WHERE rowid BETWEEN ?1 AND ?2 AND snapshot_id = ?3 ORDER BY rowid",
            )
            .map_err(|e| sql_error(&e))?;
        let expected = self.rows_expected("room_data")?;
        let mut keys = KeptKeys::with_capacity(expected);
        let hasher = RandomState::default();
        let mut kept: Vec<KeptSession> = Vec::with_capacity(expected);
        let mut n = 0usize;
        for (snapshot, from, to) in self.snapshots_newest_first("rows_room_data")? {
            let mut rows = select
                .query([from, to, snapshot])
                .map_err(|e| sql_error(&e))?;
            while let Some(row) = rows.next().map_err(|e| sql_error(&e))? {
                n += 1;
                if n.is_multiple_of(ROWS_BETWEEN_CHECKS) && cancel.is_cancelled() {
                    return Err(Error::cancelled());
                }
                let (room_id, session_id) = (text(row, 0)?, text(row, 3)?);
                let hash = hasher.hash_one((room_id, session_id));
                if keys.kept_before(hash, kept.len(), |i| {
                    kept.get(i)
                        .is_some_and(|k| k.room_id == room_id && k.session_id == session_id)
                }) {
                    continue;
                }
                let users: Option<i64> = row.get(6).map_err(|e| sql_error(&e))?;
                kept.push(KeptSession {
                    room_id: room_id.to_owned(),
                    room_name: text(row, 1)?.to_owned(),
                    main_room_id: text(row, 2)?.to_owned(),
                    session_id: session_id.to_owned(),
                    start: row.get(4).map_err(|e| sql_error(&e))?,
                    end: row.get(5).map_err(|e| sql_error(&e))?,
                    unique_users: users.and_then(|u| u64::try_from(u).ok()),
                    engagement: row.get(7).map_err(|e| sql_error(&e))?,
                });
            }
        }
        Ok(kept)
    }

    /// Every kept attendance once, the newest snapshot's copy, with its session's start.
    pub fn kept_attendances(&self, cancel: &CancelToken) -> Result<KeptAttendances, Error> {
        let sessions = self.kept_sessions(cancel)?;
        // Room → session → start, looked up with the row's own text.
        let mut starts: FastHashMap<&str, FastHashMap<&str, i64>> = FastHashMap::default();
        for s in &sessions {
            if let Some(start) = s.start {
                starts
                    .entry(s.room_id.as_str())
                    .or_default()
                    .insert(s.session_id.as_str(), start);
            }
        }
        let mut select = self
            .conn
            .prepare(
                "SELECT entry_id, cue_point_id, user_id, user_name, user_email, user_type, \
                 meeting_view_time, meeting_engaged_play_time_ratio \
                 FROM rows_attendees NOT INDEXED \
                 WHERE rowid BETWEEN ?1 AND ?2 AND snapshot_id = ?3 ORDER BY rowid",
            )
            .map_err(|e| sql_error(&e))?;
        let mut pairs = KeptPairs::default();
        let mut kept = KeptAttendances::with_capacity(self.rows_expected("attendees")?);
        let mut n = 0usize;
        for (snapshot, from, to) in self.snapshots_newest_first("rows_attendees")? {
            let mut rows = select
                .query([from, to, snapshot])
                .map_err(|e| sql_error(&e))?;
            while let Some(row) = rows.next().map_err(|e| sql_error(&e))? {
                n += 1;
                if n.is_multiple_of(ROWS_BETWEEN_CHECKS) && cancel.is_cancelled() {
                    return Err(Error::cancelled());
                }
                let (room_id, session_id) = (text(row, 0)?, text(row, 1)?);
                let (user_id, name, email) = (text(row, 2)?, text(row, 3)?, text(row, 4)?);
                let person = key_of(user_id, email, name);
                let mut attendance = Attendance {
                    room_id,
                    session_id,
                    person: &person,
                    user_id,
                    name,
                    email,
                    role: text(row, 5)?,
                    minutes: row.get(6).map_err(|e| sql_error(&e))?,
                    engagement: row.get(7).map_err(|e| sql_error(&e))?,
                    session_start: None,
                };
                let numbers = kept.number(&attendance);
                if pairs.kept_before(kept.rows(), numbers.key()) {
                    continue;
                }
                // Rows of one session are usually written together: the previous kept row's
                // session often answers without a lookup.
                attendance.session_start = match kept.rows().last() {
                    Some(k) if k.session == numbers.session => k.session_start,
                    _ => starts
                        .get(room_id)
                        .and_then(|room| room.get(session_id))
                        .copied(),
                };
                kept.push_numbered(numbers, &attendance);
            }
        }
        kept.done_adding();
        Ok(kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_share_a_hash_are_told_apart_by_the_rows_themselves() {
        let rows = ["a", "b", "c", "b", "a", "d"];
        let mut keys = KeptKeys::default();
        let mut kept: Vec<&str> = Vec::new();
        for row in rows {
            // Every key the same hash: the chain of kept rows decides.
            if !keys.kept_before(7, kept.len(), |i| kept.get(i) == Some(&row)) {
                kept.push(row);
            }
        }
        assert_eq!(kept, ["a", "b", "c", "d"]);
        assert_eq!(keys.first.len(), 1, "one hash, one chain");
        let mut keys = KeptKeys::default();
        let mut kept: Vec<&str> = Vec::new();
        for (hash, row) in [(1, "x"), (2, "y"), (1, "x"), (1, "z"), (2, "y"), (1, "z")] {
            if !keys.kept_before(hash, kept.len(), |i| kept.get(i) == Some(&row)) {
                kept.push(row);
            }
        }
        assert_eq!(kept, ["x", "y", "z"]);
    }

    /// The attendances `KeptPairs` keeps of `rows` of (session, person) numbers, in order.
    fn kept_by(rows: &[(u32, u32)]) -> Vec<(u32, u32)> {
        let mut pairs = KeptPairs::default();
        let mut kept: Vec<AttendanceRow> = Vec::new();
        for &(session, person) in rows {
            let key = AttendanceKey { session, person };
            if !pairs.kept_before(&kept, key) {
                kept.push(AttendanceRow {
                    session,
                    person,
                    user_id: 0,
                    name: 0,
                    email: 0,
                    role: 0,
                    minutes: None,
                    engagement: None,
                    session_start: None,
                });
            }
        }
        kept.iter().map(|k| (k.session, k.person)).collect()
    }

    #[test]
    fn attendances_are_kept_once_in_runs_and_in_sessions_met_again() {
        let mut seed = 7u64;
        let mut next = |below: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % below
        };
        for round in 0..40 {
            // Runs of one session (often met again later), with people repeated inside a run and
            // across runs and sessions.
            let mut rows = Vec::new();
            for _ in 0..(5 + round) {
                let session = next(5) as u32;
                for _ in 0..=next(6) {
                    rows.push((session, next(8) as u32));
                }
            }
            let mut seen = std::collections::HashSet::new();
            let expected: Vec<_> = rows.iter().filter(|r| seen.insert(**r)).copied().collect();
            assert_eq!(kept_by(&rows), expected);
        }
    }
}
