//! Room reports: what each report (6000 room data, 6001 attendees, 6002 breakout rooms) holds,
//! typed rows, tolerant reading of report CSVs from Kaltura's API or from files admins downloaded,
//! and joining the reports of time windows (`merge`). It does not fetch anything (see `kaltura`)
//! and computes no summaries (`analytics`; `summarize_file` reads a file into its summary).

mod decode;
mod header;
pub mod kind;
pub mod merge;
pub mod read;
pub mod rows;
pub(crate) mod scan;
mod tokenize;
mod value;

pub use kind::{Column, ReportKind};
pub use merge::{merge_windows, PreparedPart, ReportMerger};
pub use read::{
    read_report, read_report_as, read_report_file, read_report_file_with, FileLimits, FileProgress,
    ReadOutcome, ReadStats, ReadWarning,
};
pub use rows::{AttendeeRow, BreakoutRow, Report, RoomDataRow};
