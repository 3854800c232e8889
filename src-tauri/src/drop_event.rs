//! What the page hears about files dragged onto the window: a file hovering, leaving, being read
//! (how far), opened as a report, or refused with the core's error. It is only the message;
//! `dropped_files` sends it.

use crate::reading_progress::ReadingProgress;
use crate::report_info::ReportInfo;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DropEvent {
    Hover,
    Leave,
    Reading(ReadingProgress),
    Opened { report: ReportInfo },
    Failed { error: roomlens::Error },
}
