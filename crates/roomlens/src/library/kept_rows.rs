//! The rows the rollups count: every kept attendance and session once, however many snapshots
//! hold it. A row is known by its natural key — (room, session, person) for an attendance, (room,
//! session) for a session — and the newest snapshot's copy wins. Each attendance carries its
//! session's start when a kept Room data report knows it. It computes no figure.

use super::{sql_error, Library};
use crate::analytics::key_of;
use crate::analytics::rollups::{KeptAttendance, KeptSession};
use crate::cancel::CancelToken;
use crate::error::Error;
use std::collections::{HashMap, HashSet};

const ROWS_BETWEEN_CHECKS: usize = 50_000;

impl Library {
    /// Every kept session once, the newest snapshot's copy.
    pub fn kept_sessions(&self, cancel: &CancelToken) -> Result<Vec<KeptSession>, Error> {
        let mut select = self
            .conn
            .prepare(
                "SELECT r.entry_id, r.entry_name, r.parent_entry_id, r.cue_point_id, \
                 r.session_start_time, r.session_end_time, r.meeting_view_period_unique_users, \
                 r.meeting_engaged_play_time_ratio \
                 FROM rows_room_data r JOIN snapshots s ON s.id = r.snapshot_id \
                 ORDER BY s.fetched_at DESC, s.id DESC, r.rowid",
            )
            .map_err(|e| sql_error(&e))?;
        let mut rows = select.query([]).map_err(|e| sql_error(&e))?;
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let mut kept = Vec::new();
        let mut n = 0usize;
        while let Some(row) = rows.next().map_err(|e| sql_error(&e))? {
            n += 1;
            if n.is_multiple_of(ROWS_BETWEEN_CHECKS) && cancel.is_cancelled() {
                return Err(Error::cancelled());
            }
            let room_id: String = row.get(0).map_err(|e| sql_error(&e))?;
            let session_id: String = row.get(3).map_err(|e| sql_error(&e))?;
            if !seen.insert((room_id.clone(), session_id.clone())) {
                continue;
            }
            let users: Option<i64> = row.get(6).map_err(|e| sql_error(&e))?;
            kept.push(KeptSession {
                room_id,
                room_name: row.get(1).map_err(|e| sql_error(&e))?,
                main_room_id: row.get(2).map_err(|e| sql_error(&e))?,
                session_id,
                start: row.get(4).map_err(|e| sql_error(&e))?,
                end: row.get(5).map_err(|e| sql_error(&e))?,
                unique_users: users.and_then(|u| u64::try_from(u).ok()),
                engagement: row.get(7).map_err(|e| sql_error(&e))?,
            });
        }
        Ok(kept)
    }

    /// Every kept attendance once, the newest snapshot's copy, with its session's start.
    pub fn kept_attendances(&self, cancel: &CancelToken) -> Result<Vec<KeptAttendance>, Error> {
        let starts: HashMap<(String, String), i64> = self
            .kept_sessions(cancel)?
            .into_iter()
            .filter_map(|s| Some(((s.room_id, s.session_id), s.start?)))
            .collect();
        let mut select = self
            .conn
            .prepare(
                "SELECT r.entry_id, r.cue_point_id, r.user_id, r.user_name, r.user_email, \
                 r.user_type, r.meeting_view_time, r.meeting_engaged_play_time_ratio \
                 FROM rows_attendees r JOIN snapshots s ON s.id = r.snapshot_id \
                 ORDER BY s.fetched_at DESC, s.id DESC, r.rowid",
            )
            .map_err(|e| sql_error(&e))?;
        let mut rows = select.query([]).map_err(|e| sql_error(&e))?;
        let mut seen: HashSet<(String, String, String)> = HashSet::new();
        let mut kept = Vec::new();
        let mut n = 0usize;
        while let Some(row) = rows.next().map_err(|e| sql_error(&e))? {
            n += 1;
            if n.is_multiple_of(ROWS_BETWEEN_CHECKS) && cancel.is_cancelled() {
                return Err(Error::cancelled());
            }
            let text = |i: usize| -> Result<String, Error> {
                row.get::<_, String>(i).map_err(|e| sql_error(&e))
            };
            let (room_id, session_id) = (text(0)?, text(1)?);
            let (user_id, name, email) = (text(2)?, text(3)?, text(4)?);
            let person = key_of(&user_id, &email, &name).into_owned();
            if !seen.insert((room_id.clone(), session_id.clone(), person.clone())) {
                continue;
            }
            let session_start = starts.get(&(room_id.clone(), session_id.clone())).copied();
            kept.push(KeptAttendance {
                room_id,
                session_id,
                person,
                user_id,
                name,
                email,
                role: text(5)?,
                minutes: row.get(6).map_err(|e| sql_error(&e))?,
                engagement: row.get(7).map_err(|e| sql_error(&e))?,
                session_start,
            });
        }
        Ok(kept)
    }
}
