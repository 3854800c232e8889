//! The three room reports and their columns: Kaltura's raw column names (docs/kaltura-wire-format.md
//! §5.3) and the descriptive names people see. Nothing here reads or writes data.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    RoomData,
    Attendees,
    Breakouts,
}

/// One column of a report: the raw name Kaltura uses and the descriptive name people see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub raw: &'static str,
    pub friendly: &'static str,
}

const fn col(raw: &'static str, friendly: &'static str) -> Column {
    Column { raw, friendly }
}

pub const ROOM_DATA_COLUMNS: &[Column] = &[
    col("entry_id", "Room ID"),
    col("entry_name", "Room name"),
    col("parent_entry_id", "Main room ID"),
    col("cue_point_id", "Session ID"),
    col("session_start_time", "Session start time"),
    col("session_end_time", "Session end time"),
    col("session_host_user_id", "Host"),
    col("meeting_view_period_unique_users", "Unique users"),
    col("meeting_engaged_play_time_ratio", "Engagement rate"),
];

pub const ATTENDEES_COLUMNS: &[Column] = &[
    col("entry_id", "Room ID"),
    col("cue_point_id", "Session ID"),
    col("user_id", "User ID"),
    col("user_name", "User name"),
    col("user_email", "User email"),
    col("user_type", "User role"),
    col("meeting_view_time", "Participation time (minutes)"),
    col("meeting_engaged_play_time_ratio", "User engagement rate"),
];

pub const BREAKOUTS_COLUMNS: &[Column] = &[
    col("parent_entry_id", "Main room ID"),
    col("parent_entry_name", "Main room name"),
    col("breakout_entry_id", "Breakout room ID"),
    col("breakout_entry_name", "Breakout room name"),
    col("cue_point_id", "Session ID"),
    col("session_initiator", "Host"),
    col("session_start_time", "Session start time"),
    col("session_end_time", "Session end time"),
    col("duration", "Duration (seconds)"),
    col("participant_count", "Participant count"),
    col("engagement_rate", "Engagement rate"),
];

impl ReportKind {
    pub const ALL: [ReportKind; 3] = [
        ReportKind::RoomData,
        ReportKind::Attendees,
        ReportKind::Breakouts,
    ];

    /// Kaltura's report id for `report.getCsvFromStringParams`.
    pub fn report_id(self) -> u32 {
        match self {
            ReportKind::RoomData => 6000,
            ReportKind::Attendees => 6001,
            ReportKind::Breakouts => 6002,
        }
    }

    /// The name people see: "Room data", "Attendees", "Breakout rooms".
    pub fn title(self) -> &'static str {
        match self {
            ReportKind::RoomData => "Room data",
            ReportKind::Attendees => "Attendees",
            ReportKind::Breakouts => "Breakout rooms",
        }
    }

    /// The short name used on the command line and in file names.
    pub fn slug(self) -> &'static str {
        match self {
            ReportKind::RoomData => "room-data",
            ReportKind::Attendees => "attendees",
            ReportKind::Breakouts => "breakouts",
        }
    }

    pub fn from_slug(s: &str) -> Option<Self> {
        ReportKind::ALL.into_iter().find(|k| k.slug() == s)
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            ReportKind::RoomData => ROOM_DATA_COLUMNS,
            ReportKind::Attendees => ATTENDEES_COLUMNS,
            ReportKind::Breakouts => BREAKOUTS_COLUMNS,
        }
    }
}
