//! The three custom reports the simulator serves (6000 room data, 6001 attendees, 6002 breakout
//! rooms), their raw column lists, and the row filters a query can carry. The simulator's own
//! copy, deliberately independent of the `roomlens` crate so client mistakes are not mirrored.

/// A room report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportKind {
    RoomData,
    Attendees,
    Breakouts,
}

pub const ROOM_DATA_COLUMNS: &[&str] = &[
    "entry_id",
    "entry_name",
    "parent_entry_id",
    "cue_point_id",
    "session_start_time",
    "session_end_time",
    "session_host_user_id",
    "meeting_view_period_unique_users",
    "meeting_engaged_play_time_ratio",
];

pub const ATTENDEES_COLUMNS: &[&str] = &[
    "entry_id",
    "cue_point_id",
    "user_id",
    "user_name",
    "user_email",
    "user_type",
    "meeting_view_time",
    "meeting_engaged_play_time_ratio",
];

pub const BREAKOUTS_COLUMNS: &[&str] = &[
    "parent_entry_id",
    "parent_entry_name",
    "breakout_entry_id",
    "breakout_entry_name",
    "cue_point_id",
    "session_initiator",
    "session_start_time",
    "session_end_time",
    "duration",
    "participant_count",
    "engagement_rate",
];

impl ReportKind {
    pub const ALL: [ReportKind; 3] = [
        ReportKind::RoomData,
        ReportKind::Attendees,
        ReportKind::Breakouts,
    ];

    pub fn report_id(self) -> u32 {
        match self {
            ReportKind::RoomData => 6000,
            ReportKind::Attendees => 6001,
            ReportKind::Breakouts => 6002,
        }
    }

    pub fn from_report_id(id: f64) -> Option<Self> {
        ReportKind::ALL
            .into_iter()
            .find(|k| f64::from(k.report_id()) == id)
    }

    /// `room-data`, `attendees`, `breakouts`.
    pub fn from_slug(s: &str) -> Option<Self> {
        match s {
            "room-data" | "room_data" | "6000" => Some(ReportKind::RoomData),
            "attendees" | "6001" => Some(ReportKind::Attendees),
            "breakouts" | "6002" => Some(ReportKind::Breakouts),
            _ => None,
        }
    }

    pub fn columns(self) -> &'static [&'static str] {
        match self {
            ReportKind::RoomData => ROOM_DATA_COLUMNS,
            ReportKind::Attendees => ATTENDEES_COLUMNS,
            ReportKind::Breakouts => BREAKOUTS_COLUMNS,
        }
    }
}

/// Row filters; an empty list means "no filter". Each report uses only the filters it declares
/// (see the crate documentation) and ignores the others.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// 6000 and 6001: `entry_id` (room id).
    pub entry_ids: Vec<String>,
    /// All three reports: the session's virtual event.
    pub virtual_event_ids: Vec<String>,
    /// 6001: `user_id`.
    pub user_ids: Vec<String>,
    /// 6001: `cue_point_id` (session id).
    pub cue_point_ids: Vec<String>,
    /// 6002: `parent_entry_id` (main room id).
    pub parent_entry_ids: Vec<String>,
}

/// True when `list` is empty or holds `value`.
pub fn passes(list: &[String], value: &str) -> bool {
    list.is_empty() || list.iter().any(|v| v == value)
}
