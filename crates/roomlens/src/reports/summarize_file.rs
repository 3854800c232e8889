//! Reading a report and summarising it in one streaming pass, without keeping the rows: what
//! `roomlens summary` uses, so a million-row attendees file needs little memory. The rows are
//! checked exactly as `read_report` checks them (same counts, same warnings). It does not keep
//! or return rows; use `read_report_file` for those.

use super::kind::ReportKind;
use super::read::{breakout_row, collect, open_file, room_data_row, Cells};
use super::scan::{Expect, ReadLog, ReadStats, ReadWarning, Scanner, NOT_A_REPORT};
use crate::analytics::{summarize_breakouts, summarize_room_data, AttendeeFields, AttendeesAccumulator, Summary};
use crate::error::{Error, ErrorCode};
use serde::Serialize;
use std::io::Read;
use std::path::Path;

/// A report's summary with what happened while reading it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryOutcome {
    pub summary: Summary,
    pub stats: ReadStats,
    pub warnings: Vec<ReadWarning>,
}

/// Summarises the report CSV at `path` (any report, detected from the header).
pub fn summarize_report_file(path: &Path) -> Result<SummaryOutcome, Error> {
    summarize_from(open_file(path)?)
}

/// Summarises a report CSV held in memory.
pub fn summarize_report_bytes(bytes: &[u8]) -> Result<SummaryOutcome, Error> {
    summarize_from(bytes)
}

fn summarize_from<'a, R: Read + 'a>(input: R) -> Result<SummaryOutcome, Error> {
    let mut log = ReadLog::default();
    let mut scanner = Scanner::open(input, Expect::AnyFile, &mut log)?
        .ok_or_else(|| Error::new(ErrorCode::NotAReport, NOT_A_REPORT))?;
    let layout = scanner.layout.clone();
    let style = scanner.style;
    let summary = match layout.kind {
        ReportKind::RoomData => {
            let rows = collect(&mut scanner, &mut log, |row, log| room_data_row(row, &layout, style, log))?;
            Summary::RoomData(summarize_room_data(&rows))
        }
        ReportKind::Breakouts => {
            let rows = collect(&mut scanner, &mut log, |row, log| breakout_row(row, &layout, style, log))?;
            Summary::Breakouts(summarize_breakouts(&rows))
        }
        ReportKind::Attendees => {
            let mut acc = AttendeesAccumulator::default();
            while let Some(row) = scanner.next_row(&mut log)? {
                let c = Cells { row: &row, layout: &layout, style };
                if !c.check_identity(&mut log) {
                    continue;
                }
                let meeting_view_time = c.amount(6, &mut log);
                let meeting_engaged_play_time_ratio = c.ratio(7, &mut log);
                acc.add(AttendeeFields {
                    entry_id: c.text(0),
                    cue_point_id: c.text(1),
                    user_id: c.text(2),
                    user_name: c.text(3),
                    user_email: c.text(4),
                    user_type: c.text(5),
                    meeting_view_time,
                    meeting_engaged_play_time_ratio,
                });
                log.stats.rows_kept += 1;
            }
            Summary::Attendees(acc.finish())
        }
    };
    let (stats, warnings) = log.finish();
    Ok(SummaryOutcome { summary, stats, warnings })
}
