//! The rows the rollups count: every kept attendance and session once, however many snapshots
//! hold it. A row is known by its natural key — (room, session, person) for an attendance, (room,
//! session) for a session — and the newest snapshot's copy wins (within a snapshot, the first
//! row). Each attendance carries its session's start when a kept Room data report knows it. It
//! computes no figure.
//!
//! Snapshots are read newest first, each in the order its rows were written (a range of the
//! table, so nothing is sorted), and a row's key is checked from the text SQLite holds before
//! anything is copied: a key seen before costs no allocation. Sets of keys hold only hashes and
//! the numbers of the kept rows that have them. Attendances come in runs of one session (a
//! report lists a session's attendees together): within a run a small set of the run's people
//! decides, and only a session met again in a later run has its rows put in a set of all keys.

use super::{sql_error, Library};
use crate::analytics::key_of;
use crate::analytics::rollups::{KeptAttendance, KeptSession};
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

/// What the attendance keys are read from: a kept row's room, session and person.
trait AttendanceKey {
    fn key(&self) -> (&str, &str, &str);
}

impl AttendanceKey for KeptAttendance {
    fn key(&self) -> (&str, &str, &str) {
        (&self.room_id, &self.session_id, &self.person)
    }
}

/// One session (room and session) met while reading attendances.
struct SessionSeen {
    /// A kept row of the session (its first), for the session's room and session text.
    row: u32,
    /// The next session whose (room, session) has the same hash.
    next_same: u32,
    /// The kept rows of the session's runs so far, as ranges, until it is met in a second run;
    /// then its rows are in `AttendanceKeys::all` instead and this is empty.
    runs: Vec<(u32, u32)>,
    in_all: bool,
}

/// The run being read: rows of one session, one after the other.
struct Run {
    room: String,
    session: String,
    /// Its number in `AttendanceKeys::sessions`.
    number: u32,
    /// The first kept row of the run.
    start: usize,
    /// The run's session's rows are checked in `AttendanceKeys::all`.
    in_all: bool,
}

/// Which attendances were kept, known by (room, session, person), the first copy winning. `S`
/// makes the hashes: foldhash's random state in the product; a test uses one that gives every
/// key the same hash.
#[derive(Default)]
struct AttendanceKeys<S = RandomState> {
    hasher: S,
    /// Sessions met so far, by the hash of (room, session): the first with that hash.
    session_first: FastHashMap<u64, u32>,
    sessions: Vec<SessionSeen>,
    run: Option<Run>,
    /// The hashes of the people kept in the current run (of a session met in no earlier run).
    run_people: crate::fast_hash::FastHashSet<u64>,
    /// Every kept row of the sessions met in more than one run, by the hash of its key.
    all: KeptKeys,
}

impl<S: BuildHasher> AttendanceKeys<S> {
    /// Whether the attendance (room, session, person) was kept before. When not, it counts as
    /// kept row `kept.len()`, which the caller must then keep.
    fn kept_before<K: AttendanceKey>(
        &mut self,
        kept: &[K],
        room: &str,
        session: &str,
        person: &str,
    ) -> bool {
        let same_run = self
            .run
            .as_ref()
            .is_some_and(|run| run.room == room && run.session == session);
        if !same_run {
            self.start_run(kept, room, session);
        }
        let Some(run) = &self.run else {
            return false;
        };
        if run.in_all {
            let hash = self.hasher.hash_one((room, session, person));
            return self.all.kept_before(hash, kept.len(), |i| {
                kept.get(i)
                    .is_some_and(|k| k.key() == (room, session, person))
            });
        }
        let hash = self.hasher.hash_one(person);
        if self.run_people.insert(hash) {
            return false;
        }
        // The hash is a person's kept in this run: the very person, almost always.
        kept.get(run.start..)
            .unwrap_or_default()
            .iter()
            .any(|k| k.key().2 == person)
    }

    /// Ends the current run and starts one of (room, session).
    fn start_run<K: AttendanceKey>(&mut self, kept: &[K], room: &str, session: &str) {
        if let Some(run) = self.run.take() {
            if let Some(seen) = self.sessions.get_mut(run.number as usize) {
                if !seen.in_all && run.start < kept.len() {
                    seen.runs
                        .push((row_number(run.start), row_number(kept.len())));
                }
            }
        }
        self.run_people.clear();
        let hash = self.hasher.hash_one((room, session));
        let mut found = None;
        let mut last = None;
        let mut at = self.session_first.get(&hash).copied();
        while let Some(number) = at.filter(|n| *n != NONE) {
            let Some(seen) = self.sessions.get(number as usize) else {
                break;
            };
            let (r, s, _) = kept
                .get(seen.row as usize)
                .map_or(("", "", ""), |k| k.key());
            if r == room && s == session {
                found = Some(number);
                break;
            }
            last = Some(number);
            at = Some(seen.next_same);
        }
        let (number, in_all) = match found {
            Some(number) => (number, self.put_in_all(kept, number, room, session)),
            None => {
                let number = row_number(self.sessions.len());
                self.sessions.push(SessionSeen {
                    row: row_number(kept.len()),
                    next_same: NONE,
                    runs: Vec::new(),
                    in_all: false,
                });
                match last.and_then(|l| self.sessions.get_mut(l as usize)) {
                    Some(previous) => previous.next_same = number,
                    None => {
                        self.session_first.insert(hash, number);
                    }
                }
                (number, false)
            }
        };
        self.run = Some(Run {
            room: room.to_owned(),
            session: session.to_owned(),
            number,
            start: kept.len(),
            in_all,
        });
    }

    /// Puts the kept rows of session `number`, met again, in the set of all keys (once).
    fn put_in_all<K: AttendanceKey>(
        &mut self,
        kept: &[K],
        number: u32,
        room: &str,
        session: &str,
    ) -> bool {
        let Some(seen) = self.sessions.get_mut(number as usize) else {
            return false;
        };
        if seen.in_all {
            return true;
        }
        seen.in_all = true;
        for (from, to) in std::mem::take(&mut seen.runs) {
            for i in from as usize..to as usize {
                let Some(person) = kept.get(i).map(|k| k.key().2) else {
                    continue;
                };
                let hash = self.hasher.hash_one((room, session, person));
                self.all.kept_before(hash, i, |j| {
                    kept.get(j)
                        .is_some_and(|k| k.key() == (room, session, person))
                });
            }
        }
        true
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
    pub fn kept_attendances(&self, cancel: &CancelToken) -> Result<Vec<KeptAttendance>, Error> {
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
        let mut keys: AttendanceKeys = AttendanceKeys::default();
        let mut kept: Vec<KeptAttendance> = Vec::with_capacity(self.rows_expected("attendees")?);
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
                if keys.kept_before(&kept, room_id, session_id, &person) {
                    continue;
                }
                // Rows of one session are usually written together: the previous kept row's
                // session often answers without a lookup.
                let session_start = match kept.last() {
                    Some(k) if k.room_id == room_id && k.session_id == session_id => {
                        k.session_start
                    }
                    _ => starts
                        .get(room_id)
                        .and_then(|room| room.get(session_id))
                        .copied(),
                };
                kept.push(KeptAttendance {
                    room_id: room_id.to_owned(),
                    session_id: session_id.to_owned(),
                    person: person.into_owned(),
                    user_id: user_id.to_owned(),
                    name: name.to_owned(),
                    email: email.to_owned(),
                    role: text(row, 5)?.to_owned(),
                    minutes: row.get(6).map_err(|e| sql_error(&e))?,
                    engagement: row.get(7).map_err(|e| sql_error(&e))?,
                    session_start,
                });
            }
        }
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

    impl AttendanceKey for (String, String, String) {
        fn key(&self) -> (&str, &str, &str) {
            (&self.0, &self.1, &self.2)
        }
    }

    /// Gives every key the same hash.
    #[derive(Default)]
    struct OneHash;

    impl BuildHasher for OneHash {
        type Hasher = Constant;
        fn build_hasher(&self) -> Constant {
            Constant
        }
    }

    struct Constant;

    impl std::hash::Hasher for Constant {
        fn write(&mut self, _: &[u8]) {}
        fn finish(&self) -> u64 {
            42
        }
    }

    /// The attendances `keys` keeps of `rows`, in order.
    fn kept_by<S: BuildHasher>(
        mut keys: AttendanceKeys<S>,
        rows: &[(String, String, String)],
    ) -> Vec<(String, String, String)> {
        let mut kept = Vec::new();
        for (room, session, person) in rows {
            if !keys.kept_before(&kept, room, session, person) {
                kept.push((room.clone(), session.clone(), person.clone()));
            }
        }
        kept
    }

    #[test]
    fn attendances_are_kept_once_in_runs_sessions_met_again_and_shared_hashes() {
        let mut seed = 7u64;
        let mut next = |below: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % below
        };
        for round in 0..40 {
            // Runs of one session (sometimes met again later), with people repeated inside a run
            // and across runs; rooms whose IDs run into their sessions' ("a"+"bc", "ab"+"c").
            let mut rows = Vec::new();
            for _ in 0..(5 + round) {
                let (room, session) =
                    [("a", "bc"), ("ab", "c"), ("a", "c"), ("b", "c"), ("", "")][next(5) as usize];
                for _ in 0..=next(6) {
                    let person = if next(9) == 0 {
                        String::new()
                    } else {
                        format!("p{}", next(8))
                    };
                    rows.push((room.to_owned(), session.to_owned(), person));
                }
            }
            let mut seen = std::collections::HashSet::new();
            let expected: Vec<_> = rows.iter().filter(|r| seen.insert(*r)).cloned().collect();
            assert_eq!(
                kept_by(AttendanceKeys::<RandomState>::default(), &rows),
                expected
            );
            assert_eq!(
                kept_by(AttendanceKeys::<OneHash>::default(), &rows),
                expected
            );
        }
    }
}
