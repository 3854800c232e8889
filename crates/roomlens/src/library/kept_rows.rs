//! The rows the rollups count: every kept attendance and session once, however many snapshots
//! hold it. A row is known by its natural key — (room, session, person) for an attendance, (room,
//! session) for a session — and the newest snapshot's copy wins (within a snapshot, the first
//! row). Each attendance carries its session's start when a kept Room data report knows it. It
//! computes no figure.
//!
//! Snapshots are read newest first, each in the order its rows were written (through its
//! snapshot index, so nothing is sorted), and a row's key is checked from the text SQLite holds
//! before anything is copied: a key seen before costs no allocation, and the set of keys holds
//! only each key's hash and the number of the kept row that has it.

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

/// The keys of the rows kept so far, by hash: each hash's first kept row, and for each kept row
/// the next one whose key has the same hash (almost always none). The keys themselves are the
/// kept rows'.
#[derive(Default)]
struct KeptKeys {
    hasher: RandomState,
    first: FastHashMap<u64, u32>,
    next_same: Vec<u32>,
}

impl KeptKeys {
    /// Whether a row whose key hashes to `hash` was kept before (`same(i)`: kept row `i` has its
    /// key). When not, it is counted as the next kept row, which the caller must then keep.
    fn kept_before(&mut self, hash: u64, same: impl Fn(usize) -> bool) -> bool {
        let next = u32::try_from(self.next_same.len()).unwrap_or(NONE);
        let mut at = match self.first.entry(hash) {
            Entry::Vacant(slot) => {
                slot.insert(next);
                self.next_same.push(NONE);
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
            *slot = next;
        }
        self.next_same.push(NONE);
        false
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
    /// Every snapshot's id, newest first (the order in which their copies of a row win).
    fn snapshots_newest_first(&self) -> Result<Vec<i64>, Error> {
        let mut select = self
            .conn
            .prepare("SELECT id FROM snapshots ORDER BY fetched_at DESC, id DESC")
            .map_err(|e| sql_error(&e))?;
        let ids = select
            .query_map([], |row| row.get::<_, i64>(0))
            .map_err(|e| sql_error(&e))?;
        ids.map(|id| id.map_err(|e| sql_error(&e))).collect()
    }

    /// Every kept session once, the newest snapshot's copy.
    pub fn kept_sessions(&self, cancel: &CancelToken) -> Result<Vec<KeptSession>, Error> {
        let mut select = self
            .conn
            .prepare(
                "SELECT entry_id, entry_name, parent_entry_id, cue_point_id, \
                 session_start_time, session_end_time, meeting_view_period_unique_users, \
                 meeting_engaged_play_time_ratio \
                 FROM rows_room_data WHERE snapshot_id = ?1 ORDER BY rowid",
            )
            .map_err(|e| sql_error(&e))?;
        let mut keys = KeptKeys::default();
        let mut kept: Vec<KeptSession> = Vec::new();
        let mut n = 0usize;
        for snapshot in self.snapshots_newest_first()? {
            let mut rows = select.query([snapshot]).map_err(|e| sql_error(&e))?;
            while let Some(row) = rows.next().map_err(|e| sql_error(&e))? {
                n += 1;
                if n.is_multiple_of(ROWS_BETWEEN_CHECKS) && cancel.is_cancelled() {
                    return Err(Error::cancelled());
                }
                let (room_id, session_id) = (text(row, 0)?, text(row, 3)?);
                let hash = keys.hasher.hash_one((room_id, session_id));
                if keys.kept_before(hash, |i| {
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
                 FROM rows_attendees WHERE snapshot_id = ?1 ORDER BY rowid",
            )
            .map_err(|e| sql_error(&e))?;
        let mut keys = KeptKeys::default();
        let mut kept: Vec<KeptAttendance> = Vec::new();
        let mut n = 0usize;
        for snapshot in self.snapshots_newest_first()? {
            let mut rows = select.query([snapshot]).map_err(|e| sql_error(&e))?;
            while let Some(row) = rows.next().map_err(|e| sql_error(&e))? {
                n += 1;
                if n.is_multiple_of(ROWS_BETWEEN_CHECKS) && cancel.is_cancelled() {
                    return Err(Error::cancelled());
                }
                let (room_id, session_id) = (text(row, 0)?, text(row, 1)?);
                let (user_id, name, email) = (text(row, 2)?, text(row, 3)?, text(row, 4)?);
                let person = key_of(user_id, email, name);
                let hash = keys.hasher.hash_one((room_id, session_id, person.as_ref()));
                if keys.kept_before(hash, |i| {
                    kept.get(i).is_some_and(|k| {
                        k.person == person && k.session_id == session_id && k.room_id == room_id
                    })
                }) {
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
