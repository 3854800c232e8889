//! The rooms a person has already seen in their reports, for the Rooms screen's list: from a
//! Room data report, each main room with its name, number of sessions and newest session start
//! (breakout rooms left out: their dashboards are their main room's); from an Attendees report,
//! the room IDs alone. It fetches nothing and reads only reports already loaded.

use crate::cancel::CancelToken;
use crate::error::Error;
use crate::fast_hash::{FastHashMap, FastHashSet};
use crate::reports::{Report, ReportRows};
use serde::Serialize;

/// One room as the Rooms screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct RoomSeen {
    pub id: String,
    /// Empty when only an Attendees report named the room.
    pub name: String,
    pub sessions: u64,
    /// Unix seconds of the newest session's start; `None` when unknown.
    pub newest_session: Option<i64>,
}

/// The rooms of `reports`, newest session first, then by name; a room in several reports once,
/// with what the most telling report says of it.
pub fn rooms_seen<'r>(reports: impl IntoIterator<Item = &'r Report>) -> Vec<RoomSeen> {
    let mut seen = RoomsSeen::default();
    for report in reports {
        seen.add(report);
    }
    seen.finish()
}

/// `rooms_seen` over reports wherever their rows are; a report kept in the library is read a
/// piece at a time, only the columns naming rooms and sessions.
pub fn rooms_seen_of(
    reports: &[&dyn ReportRows],
    cancel: &CancelToken,
) -> Result<Vec<RoomSeen>, Error> {
    let mut seen = RoomsSeen::default();
    for report in reports {
        let wanted: Vec<usize> = [
            "entry_id",
            "entry_name",
            "parent_entry_id",
            "cue_point_id",
            "session_start_time",
        ]
        .iter()
        .filter_map(|raw| report.kind().columns().iter().position(|c| c.raw == *raw))
        .collect();
        report.for_each_piece(Some(&wanted), cancel, &mut |_, piece| {
            seen.add(piece);
            Ok(())
        })?;
    }
    Ok(seen.finish())
}

/// Rooms and sessions met so far.
#[derive(Default)]
struct RoomsSeen {
    rooms: FastHashMap<String, RoomSeen>,
    seen_sessions: FastHashSet<(String, String)>,
}

impl RoomsSeen {
    fn add(&mut self, report: &Report) {
        let RoomsSeen {
            rooms,
            seen_sessions,
        } = self;
        let rows: Vec<(&str, &str, &str, Option<i64>)> = match report {
            Report::RoomData { rows, .. } => rows
                .iter()
                .filter(|r| r.parent_entry_id.is_empty())
                .map(|r| {
                    (
                        &*r.entry_id,
                        &*r.entry_name,
                        &*r.cue_point_id,
                        r.session_start_time,
                    )
                })
                .collect(),
            Report::Attendees { rows, .. } => rows
                .iter()
                .map(|r| (&*r.entry_id, "", &*r.cue_point_id, None))
                .collect(),
            Report::Breakouts { .. } => Vec::new(),
        };
        for (id, name, session, start) in rows {
            if id.trim().is_empty() {
                continue;
            }
            let room = rooms.entry(id.to_owned()).or_insert_with(|| RoomSeen {
                id: id.to_owned(),
                name: String::new(),
                sessions: 0,
                newest_session: None,
            });
            if room.name.is_empty() && !name.is_empty() {
                name.clone_into(&mut room.name);
            }
            if !session.is_empty() && seen_sessions.insert((id.to_owned(), session.to_owned())) {
                room.sessions += 1;
            }
            if start > room.newest_session {
                room.newest_session = start;
            }
        }
    }

    fn finish(self) -> Vec<RoomSeen> {
        let mut list: Vec<RoomSeen> = self.rooms.into_values().collect();
        list.sort_by(|a, b| {
            b.newest_session
                .cmp(&a.newest_session)
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.id.cmp(&b.id))
        });
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::{AttendeeRow, RoomDataRow};

    #[test]
    fn main_rooms_newest_first_sessions_counted_once() {
        let room = |id: &str, name: &str, parent: &str, cue: &str, start: i64| RoomDataRow {
            entry_id: id.into(),
            entry_name: name.into(),
            parent_entry_id: parent.into(),
            cue_point_id: cue.into(),
            session_start_time: Some(start),
            ..Default::default()
        };
        let room_data = Report::RoomData {
            rows: vec![
                room("1_a", "Alpha", "", "c1", 100),
                room("1_a", "Alpha", "", "c2", 300),
                room("1_b", "Beta", "", "c3", 200),
                room("1_x", "Breakout", "1_a", "c4", 400),
            ],
            extra_columns: vec![],
        };
        let attendees = Report::Attendees {
            rows: vec![
                AttendeeRow {
                    entry_id: "1_a".into(),
                    cue_point_id: "c1".into(),
                    ..Default::default()
                },
                AttendeeRow {
                    entry_id: "1_c".into(),
                    cue_point_id: "c9".into(),
                    ..Default::default()
                },
            ],
            extra_columns: vec![],
        };
        let rooms = rooms_seen([&room_data, &attendees]);
        let ids: Vec<&str> = rooms.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["1_a", "1_b", "1_c"]);
        assert_eq!(rooms[0].sessions, 2, "c1 seen in both reports counts once");
        assert_eq!(rooms[0].newest_session, Some(300));
        assert_eq!(rooms[2].name, "");
    }
}
