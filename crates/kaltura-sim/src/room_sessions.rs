//! Finding sessions: a session by room and cue point id, a room's session cue points as
//! `cuepoint_cuepoint.list` gives them (with the zero-duration cue points Kaltura also keeps), the
//! profile's edge sessions and marathon, and the busiest room of a window. It reads the
//! organisation; it does not compute report figures.

use crate::org::{Org, Room, Session, SessionKind};
use crate::seeded::{base36_id, Draws};

const DAY: i64 = 86_400;
const PATH_ZERO_CUE_POINT: u64 = 27;

/// A main-room session: its room, its cue point (6000/6001's `cue_point_id`) and its times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRef {
    pub room_id: String,
    pub cue_point_id: String,
    /// Unix seconds.
    pub start: i64,
    pub end: i64,
    pub attendees: u64,
}

/// A session cue point of a room; `start == end` for the zero-duration ones (not sessions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuePoint {
    pub id: String,
    pub start: i64,
    pub end: i64,
}

/// The demo organisation's Room dashboard edge cases, one session each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeSessions {
    /// Nobody logged in to the chat: 70001's `unique_logged_in_users` is 0.
    pub no_chat_users: SessionRef,
    /// A session of a room with a recording (`Org::recording_for_room`).
    pub with_recording: SessionRef,
    pub longer_than_eight_hours: SessionRef,
    /// Attended by the people with hostile and special names and ids.
    pub hostile_names: SessionRef,
}

/// The room with the most attendances in a window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusiestRoom {
    pub room: Room,
    pub attendances: u64,
    pub sessions: u64,
}

impl Org {
    pub(crate) fn session_ref(&self, s: &Session) -> Option<SessionRef> {
        Some(SessionRef {
            room_id: self.room_of(s)?.entry_id.clone(),
            cue_point_id: s.cue_point_id.clone(),
            start: s.start,
            end: s.end,
            attendees: s.attendees,
        })
    }

    /// The session with this cue point in this room (searched over the whole history, newest
    /// day first; sessions starting after the data end do not count).
    pub(crate) fn find_session(&self, room_id: &str, cue_point_id: &str) -> Option<Session> {
        let last = (self.data_end() - 1).div_euclid(DAY);
        (self.first_day()..=last).rev().find_map(|day| {
            self.day_sessions(day).into_iter().find(|s| {
                s.cue_point_id == cue_point_id
                    && s.start < self.data_end()
                    && self.room_of(s).is_some_and(|r| r.entry_id == room_id)
            })
        })
    }

    /// Sessions of one room starting in `[from, to)`, in start order.
    pub fn room_sessions(&self, room_id: &str, from: i64, to: i64) -> Vec<SessionRef> {
        self.room_sessions_in_window(&[room_id.to_string()], from, to)
            .iter()
            .filter_map(|s| self.session_ref(s))
            .collect()
    }

    /// Zero-duration session cue points of one day, as (room number, cue point): now and then a
    /// session that never started, and on the edge day one in the recording room at 12:30.
    fn zero_duration_cue_points(&self, day: i64) -> Vec<(usize, CuePoint)> {
        let rooms = u64::from(self.profile().rooms.max(1));
        let mut d = Draws::new(self.seed(), &[PATH_ZERO_CUE_POINT, day as u64]);
        let mut out = Vec::new();
        if d.chance(20) {
            let room = d.range(0, rooms - 1) as usize;
            let start = day * DAY + d.range(8 * 3600, 18 * 3600) as i64;
            let id = base36_id("1_", d.next());
            out.push((
                room,
                CuePoint {
                    id,
                    start,
                    end: start,
                },
            ));
        }
        let edge_day = self
            .profile()
            .dashboard_edges
            .map(|e| self.data_end().div_euclid(DAY) - i64::from(e.days_ago));
        if edge_day == Some(day) {
            let start = day * DAY + 12 * 3600 + 30 * 60;
            out.push((
                0,
                CuePoint {
                    id: base36_id("1_", d.next()),
                    start,
                    end: start,
                },
            ));
        }
        out
    }

    /// A room's session cue points that end by `ending_by` (and start before the data end),
    /// newest first, zero-duration ones included.
    pub fn room_cue_points(&self, room_id: &str, ending_by: i64) -> Vec<CuePoint> {
        let Some(room) = self.rooms().iter().position(|r| r.entry_id == room_id) else {
            return Vec::new();
        };
        let data_end = self.data_end();
        let last = ending_by.min(data_end).div_euclid(DAY);
        let mut out = Vec::new();
        for day in (self.first_day()..=last).rev() {
            let mut day_points: Vec<CuePoint> = self
                .day_sessions(day)
                .into_iter()
                .filter(|s| s.room == room)
                .map(|s| CuePoint {
                    id: s.cue_point_id,
                    start: s.start,
                    end: s.end,
                })
                .chain(
                    self.zero_duration_cue_points(day)
                        .into_iter()
                        .filter(|(r, _)| *r == room)
                        .map(|(_, c)| c),
                )
                .filter(|c| c.end <= ending_by && c.start < data_end)
                .collect();
            day_points.sort_by(|a, b| (b.start, &b.id).cmp(&(a.start, &a.id)));
            out.extend(day_points);
        }
        out
    }

    /// The profile's edge sessions (the demo has them; other profiles give `None`).
    pub fn edge_sessions(&self) -> Option<EdgeSessions> {
        let edges = self.profile().dashboard_edges?;
        let day = self.data_end().div_euclid(DAY) - i64::from(edges.days_ago);
        let sessions = self.day_sessions(day);
        let of_kind = |kind: SessionKind| {
            sessions
                .iter()
                .find(|s| s.kind == kind)
                .and_then(|s| self.session_ref(s))
        };
        Some(EdgeSessions {
            no_chat_users: of_kind(SessionKind::NoChatUsers)?,
            with_recording: of_kind(SessionKind::WithRecording)?,
            longer_than_eight_hours: of_kind(SessionKind::LongerThanEightHours)?,
            hostile_names: of_kind(SessionKind::HostileNames)?,
        })
    }

    /// The profile's marathon session (`OrgProfile::demo_marathon`: 5,000 attendees, 8 hours).
    pub fn marathon_session(&self) -> Option<SessionRef> {
        let m = self.profile().marathon?;
        let day = self.data_end().div_euclid(DAY) - i64::from(m.days_ago);
        self.day_sessions(day)
            .iter()
            .find(|s| s.kind == SessionKind::Marathon)
            .and_then(|s| self.session_ref(s))
    }

    /// The room with the most attendances (then sessions) among sessions starting in `[from, to)`.
    pub fn busiest_room(&self, from: i64, to: i64) -> Option<BusiestRoom> {
        let ids: Vec<String> = self.rooms().iter().map(|r| r.entry_id.clone()).collect();
        let mut per_room = vec![(0u64, 0u64); self.rooms().len()];
        for s in self.room_sessions_in_window(&ids, from, to) {
            if let Some(slot) = per_room.get_mut(s.room) {
                slot.0 += s.attendees;
                slot.1 += 1;
            }
        }
        let (best, (attendances, sessions)) = per_room
            .into_iter()
            .enumerate()
            .max_by_key(|(i, counts)| (*counts, std::cmp::Reverse(*i)))?;
        if sessions == 0 {
            return None;
        }
        Some(BusiestRoom {
            room: self.rooms().get(best)?.clone(),
            attendances,
            sessions,
        })
    }
}
