//! The rooms' recordings (VOD entries) and their plays: which rooms have one (the profile's
//! `rooms_with_recording`, counted from the first room), its entry id and name, and each day's
//! plays and player loads, generated from (seed, room, day) over the organisation's history.
//! Reports 60005/60012 and the VOD side of 60001/60002/60006/60007 read them; formatting is not
//! done here.

use crate::org::Org;
use crate::seeded::{base36_id, hash, Draws};

const DAY: i64 = 86_400;
const PATH_RECORDING: u64 = 23;
const PATH_PLAYS: u64 = 24;
const PATH_PLAY: u64 = 25;
const PATH_LOAD: u64 = 26;
/// Every recording is an hour long.
pub const RECORDING_SECONDS: u64 = 3600;

/// A room's recording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recording {
    pub entry_id: String,
    pub name: String,
    pub room_id: String,
}

/// One play (or, with `played` false, one player load without a play) of a recording.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordingView {
    pub user_index: u64,
    pub at: i64,
    pub played: bool,
    pub view_seconds: u64,
    /// How far the viewer got, 0..=100.
    pub completion_percent: u64,
}

impl Org {
    /// The recording of room number `room`, if it has one.
    pub(crate) fn recording_of_room(&self, room: usize) -> Option<Recording> {
        if room >= self.profile().rooms_with_recording as usize {
            return None;
        }
        let r = self.rooms().get(room)?;
        Some(Recording {
            entry_id: base36_id("1_", hash(self.seed(), &[PATH_RECORDING, room as u64])),
            name: format!("{} (recording)", r.name),
            room_id: r.entry_id.clone(),
        })
    }

    /// The recording of the room with this entry id.
    pub fn recording_for_room(&self, room_id: &str) -> Option<Recording> {
        let room = self.rooms().iter().position(|r| r.entry_id == room_id)?;
        self.recording_of_room(room)
    }

    /// The recording with this entry id, with its room's number.
    pub(crate) fn recording_by_id(&self, entry_id: &str) -> Option<(usize, Recording)> {
        (0..self.rooms().len())
            .filter_map(|room| self.recording_of_room(room).map(|r| (room, r)))
            .find(|(_, r)| r.entry_id == entry_id)
    }

    /// Every recording of the organisation.
    pub fn recordings(&self) -> Vec<Recording> {
        (0..self.rooms().len())
            .filter_map(|room| self.recording_of_room(room))
            .collect()
    }

    /// Plays and loads of the recordings with these ids in `[from, to)` (before the data end),
    /// in time order, each with its recording.
    pub(crate) fn recording_views(
        &self,
        entry_ids: &[String],
        from: i64,
        to: i64,
    ) -> Vec<(Recording, RecordingView)> {
        let end = self.data_end().min(to);
        let mut out = Vec::new();
        if from >= end {
            return out;
        }
        let pool = u64::from(self.profile().user_pool.max(1));
        for id in entry_ids {
            let Some((room, recording)) = self.recording_by_id(id) else {
                continue;
            };
            let first = from.div_euclid(DAY).max(self.first_day());
            let last = (end - 1).div_euclid(DAY);
            for day in first..=last {
                let mut d = Draws::new(self.seed(), &[PATH_PLAYS, room as u64, day as u64]);
                let plays = d.range(0, 6);
                let loads_only = d.range(0, 3);
                for (path, count, played) in
                    [(PATH_PLAY, plays, true), (PATH_LOAD, loads_only, false)]
                {
                    for i in 0..count {
                        let mut v = Draws::new(self.seed(), &[path, room as u64, day as u64, i]);
                        let at = day * DAY + v.range(0, DAY as u64 - 1) as i64;
                        let view_seconds = if played {
                            v.range(30, RECORDING_SECONDS)
                        } else {
                            0
                        };
                        let view = RecordingView {
                            user_index: v.next() % pool,
                            at,
                            played,
                            view_seconds,
                            completion_percent: view_seconds * 100 / RECORDING_SECONDS,
                        };
                        if at >= from && at < end {
                            out.push((recording.clone(), view));
                        }
                    }
                }
            }
        }
        out.sort_by_key(|(_, v)| v.at);
        out
    }
}
