//! Room reports: one table per report (6000 room data, 6001 attendees, 6002 breakout rooms)
//! giving its typed rows and columns, tolerant reading of report CSVs from Kaltura's API or from files admins downloaded,
//! and joining the reports of time windows (`merge`). It does not fetch anything (see `kaltura`)
//! and computes no summaries (`analytics`; `summarize_file` reads a file into its summary).

mod decode;
mod header;
pub mod kind;
pub mod merge;
pub mod read;
pub mod report_rows;
pub mod rows;
pub(crate) mod scan;
pub mod schema;
pub mod tables;
mod text;
mod tokenize;
mod value;

pub use kind::ReportKind;
pub use merge::{merge_windows, PreparedPart, ReportMerger};
pub use read::{
    read_report, read_report_as, read_report_file, read_report_file_with, FileLimits, FileProgress,
    ReadOutcome, ReadStats, ReadWarning,
};
pub use report_rows::{with_whole, ReportRows, WantedColumns};
pub use rows::Report;
pub use schema::{ColumnSpec, ColumnType, FilterName, ReportRow, ReportSpec};
pub use tables::{AttendeeRow, BreakoutRow, RoomDataRow};
pub use text::Text;
pub(crate) use text::TextPool;
