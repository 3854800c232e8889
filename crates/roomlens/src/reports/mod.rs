//! Room reports: what each report (6000 room data, 6001 attendees, 6002 breakout rooms) holds,
//! typed rows, and tolerant reading of report CSVs from Kaltura's API or from files admins
//! downloaded. It does not fetch anything and does not summarise; see `kaltura` and `analytics`.

mod decode;
mod header;
pub mod kind;
pub mod merge;
pub mod read;
pub mod rows;
mod scan;
pub mod summarize_file;
mod tokenize;
mod value;

pub use kind::{Column, ReportKind};
pub use merge::{merge_windows, PreparedPart, ReportMerger};
pub use read::{read_report, read_report_as, read_report_file, ReadOutcome, ReadStats, ReadWarning};
pub use summarize_file::{summarize_report_bytes, summarize_report_file, SummaryOutcome};
pub use rows::{AttendeeRow, BreakoutRow, Report, RoomDataRow};
