//! Room reports: what each report (6000 room data, 6001 attendees, 6002 breakout rooms) holds,
//! typed rows, and tolerant reading of report CSVs from Kaltura's API or from files admins
//! downloaded. It does not fetch anything and does not summarise; see `kaltura` and `analytics`.

pub mod kind;
pub mod rows;

pub use kind::{Column, ReportKind};
pub use rows::{AttendeeRow, BreakoutRow, Report, RoomDataRow};
