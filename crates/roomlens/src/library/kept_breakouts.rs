//! The Breakout rooms rows the rollups count: every kept breakout session once, however many
//! snapshots hold it. A row is known by (breakout room ID, session ID), the key `reports::merge`
//! combines Breakout rooms rows by, and the newest snapshot's copy wins. It computes no figure.

use super::{sql_error, Library};
use crate::analytics::breakout_rollups::KeptBreakout;
use crate::cancel::CancelToken;
use crate::error::Error;
use std::collections::HashSet;

const ROWS_BETWEEN_CHECKS: usize = 50_000;

impl Library {
    /// Every kept breakout session once, the newest snapshot's copy.
    pub fn kept_breakouts(&self, cancel: &CancelToken) -> Result<Vec<KeptBreakout>, Error> {
        let mut select = self
            .conn
            .prepare(
                "SELECT r.parent_entry_id, r.parent_entry_name, r.breakout_entry_id, \
                 r.breakout_entry_name, r.cue_point_id, r.session_start_time, \
                 r.session_end_time, r.participant_count, r.engagement_rate \
                 FROM rows_breakouts r JOIN snapshots s ON s.id = r.snapshot_id \
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
            let text = |i: usize| -> Result<String, Error> {
                row.get::<_, String>(i).map_err(|e| sql_error(&e))
            };
            let (breakout_room_id, session_id) = (text(2)?, text(4)?);
            if !seen.insert((breakout_room_id.clone(), session_id.clone())) {
                continue;
            }
            let participants: Option<i64> = row.get(7).map_err(|e| sql_error(&e))?;
            kept.push(KeptBreakout {
                main_room_id: text(0)?,
                main_room_name: text(1)?,
                breakout_room_id,
                breakout_room_name: text(3)?,
                session_id,
                start: row.get(5).map_err(|e| sql_error(&e))?,
                end: row.get(6).map_err(|e| sql_error(&e))?,
                participants: participants.and_then(|p| u64::try_from(p).ok()),
                engagement: row.get(8).map_err(|e| sql_error(&e))?,
            });
        }
        Ok(kept)
    }
}
