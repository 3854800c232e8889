//! Room reports: what each report (6000 room data, 6001 attendees, 6002 breakout rooms) holds,
//! typed rows, tolerant reading of report CSVs from Kaltura's API or from files admins downloaded,
//! joining the reports of time windows (`merge`), and reading a file straight into its summary
//! (`summarize_file`, which hands the rows to `analytics`). It does not fetch anything (see
//! `kaltura`), and the summary figures themselves are computed in `analytics`.

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
pub use read::{
    read_report, read_report_as, read_report_file, ReadOutcome, ReadStats, ReadWarning,
};
pub use rows::{AttendeeRow, BreakoutRow, Report, RoomDataRow};
pub use summarize_file::{summarize_report_bytes, summarize_report_file, SummaryOutcome};
