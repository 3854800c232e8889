//! Which report something is: the three room reports as a name. What each report is and holds
//! is its table's (`tables`, which gives `ReportKind::spec`). Nothing here reads or writes data.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    RoomData,
    Attendees,
    Breakouts,
}

impl ReportKind {
    pub const ALL: [ReportKind; 3] = [
        ReportKind::RoomData,
        ReportKind::Attendees,
        ReportKind::Breakouts,
    ];
}
