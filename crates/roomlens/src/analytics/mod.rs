//! Summaries of the three room reports, as pure functions over typed rows (no I/O, no
//! formatting): what the desktop app shows and `roomlens summary` prints. Every summary derives
//! `Serialize`. Reading files is `reports`' job; printing is the caller's.

pub mod attendees;
pub mod attention;
pub mod breakout_rollups;
pub mod breakouts;
mod distinct_counts;
mod interner;
pub mod kept_attendances;
pub mod people_search;
pub mod person_sessions;
mod person_texts;
pub mod rollups;
pub mod room_data;
pub mod room_direction;

pub use attendees::{
    key_of, summarize_attendees, summarize_attendees_of, user_key, user_sessions, AttendeeFields,
    AttendeesAccumulator, AttendeesSummary, EngagementBucket, EngagementDistribution, UserSummary,
    ENGAGEMENT_BUCKETS,
};
pub use breakouts::{summarize_breakouts, BreakoutsSummary, MainRoomSummary};
pub(crate) use interner::Interner;
pub use room_data::{summarize_room_data, RoomDataSummary};

use crate::reports::{Report, ReportKind};
use serde::Serialize;

/// The summary of one report, tagged with its kind (`"kind": "attendees"` in JSON).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Summary {
    RoomData(RoomDataSummary),
    Attendees(AttendeesSummary),
    Breakouts(BreakoutsSummary),
}

impl Summary {
    /// The report this is the summary of.
    pub fn kind(&self) -> ReportKind {
        match self {
            Summary::RoomData(_) => ReportKind::RoomData,
            Summary::Attendees(_) => ReportKind::Attendees,
            Summary::Breakouts(_) => ReportKind::Breakouts,
        }
    }
}

pub fn summarize(report: &Report) -> Summary {
    match report {
        Report::RoomData { rows, .. } => Summary::RoomData(summarize_room_data(rows)),
        Report::Attendees { rows, .. } => Summary::Attendees(summarize_attendees(rows)),
        Report::Breakouts { rows, .. } => Summary::Breakouts(summarize_breakouts(rows)),
    }
}
