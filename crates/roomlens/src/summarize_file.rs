//! Reading a report and summarising it in one streaming pass, without keeping the rows: what
//! `roomlens summary` uses, so a million-row attendees file needs little memory. Rows are checked
//! exactly as `read_report` checks them (same counts, same warnings); for attendees, reading and
//! summarising run on two threads, handing rows over in batches. It does not return rows.

use crate::analytics::{
    summarize_breakouts, summarize_room_data, AttendeeFields, AttendeesAccumulator,
    AttendeesSummary, Summary,
};
use crate::error::{Error, ErrorCode};
use crate::reports::read::{collect_typed, open_file, Cells};
use crate::reports::scan::{Expect, ReadLog, ReadStats, ReadWarning, Scanner, NOT_A_REPORT};
use crate::reports::{AttendeeRow, ReportKind, ReportRow};
use serde::Serialize;
use std::io::Read;
use std::path::Path;
use std::sync::mpsc;

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
    let summary = match scanner.layout.kind {
        ReportKind::RoomData => {
            let rows = collect_typed(&mut scanner, &mut log, u64::MAX)?;
            Summary::RoomData(summarize_room_data(&rows))
        }
        ReportKind::Breakouts => {
            let rows = collect_typed(&mut scanner, &mut log, u64::MAX)?;
            Summary::Breakouts(summarize_breakouts(&rows))
        }
        ReportKind::Attendees => {
            Summary::Attendees(summarize_attendees_in_two_threads(&mut scanner, &mut log)?)
        }
    };
    let (stats, warnings) = log.finish();
    Ok(SummaryOutcome {
        summary,
        stats,
        warnings,
    })
}

/// Rows handed from the reading thread to the summarising thread at a time.
const BATCH_ROWS: usize = 4096;

/// Attendee rows as text and numbers, ready for `AttendeesAccumulator::add`.
#[derive(Default)]
struct Batch {
    text: String,
    /// Per row, the end offsets in `text` of its six text fields.
    ends: Vec<[usize; 6]>,
    numbers: Vec<(Option<f64>, Option<f64>)>,
}

impl Batch {
    fn push(
        &mut self,
        c: &Cells<'_, '_>,
        at: &[usize; 6],
        minutes: Option<f64>,
        ratio: Option<f64>,
    ) {
        let mut ends = [0usize; 6];
        for (&column, end) in at.iter().zip(ends.iter_mut()) {
            self.text.push_str(c.text(column));
            *end = self.text.len();
        }
        self.ends.push(ends);
        self.numbers.push((minutes, ratio));
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.numbers.clear();
    }

    fn add_to(&self, acc: &mut AttendeesAccumulator) {
        let mut start = 0;
        for (ends, &(minutes, ratio)) in self.ends.iter().zip(&self.numbers) {
            let mut fields = [""; 6];
            for (field, &end) in fields.iter_mut().zip(ends) {
                *field = self.text.get(start..end).unwrap_or("");
                start = end;
            }
            let [entry_id, cue_point_id, user_id, user_name, user_email, user_type] = fields;
            acc.add(AttendeeFields {
                entry_id,
                cue_point_id,
                user_id,
                user_name,
                user_email,
                user_type,
                meeting_view_time: minutes,
                meeting_engaged_play_time_ratio: ratio,
            });
        }
    }
}

/// Reads and checks rows on this thread while another folds them into the summary.
fn summarize_attendees_in_two_threads(
    scanner: &mut Scanner<'_>,
    log: &mut ReadLog,
) -> Result<AttendeesSummary, Error> {
    let layout = scanner.layout.clone();
    let style = scanner.style;
    // Where `AttendeeFields` are in the Attendees table (a name it lacks reads as empty).
    let at = |raw: &str| AttendeeRow::SPEC.position(raw).unwrap_or(usize::MAX);
    let text_at = [
        "entry_id",
        "cue_point_id",
        "user_id",
        "user_name",
        "user_email",
        "user_type",
    ]
    .map(at);
    let (minutes_at, ratio_at) = (
        at("meeting_view_time"),
        at("meeting_engaged_play_time_ratio"),
    );
    std::thread::scope(|scope| {
        let (full_tx, full_rx) = mpsc::sync_channel::<Batch>(4);
        let (empty_tx, empty_rx) = mpsc::channel::<Batch>();
        let summariser = scope.spawn(move || {
            let mut acc = AttendeesAccumulator::default();
            for mut batch in full_rx {
                batch.add_to(&mut acc);
                batch.clear();
                // The reader may have finished already; then the batch is simply dropped.
                let _ = empty_tx.send(batch);
            }
            acc.finish()
        });
        let read = (|| -> Result<(), Error> {
            let mut batch = Batch::default();
            while let Some(row) = scanner.next_row(log)? {
                let c = Cells {
                    row: &row,
                    layout: &layout,
                    style,
                };
                if !c.check_identity(log) {
                    continue;
                }
                let minutes = c.amount(minutes_at, log);
                let ratio = c.ratio(ratio_at, log);
                batch.push(&c, &text_at, minutes, ratio);
                log.stats.rows_kept += 1;
                if batch.len() == BATCH_ROWS {
                    let next = empty_rx.try_recv().unwrap_or_default();
                    if full_tx.send(std::mem::replace(&mut batch, next)).is_err() {
                        break;
                    }
                }
            }
            // A send fails only if the summariser stopped, which `join` below reports.
            let _ = full_tx.send(batch);
            Ok(())
        })();
        drop(full_tx);
        let summary = summariser.join().map_err(|_| {
            Error::new(
                ErrorCode::FileUnreadable,
                "Roomlens could not summarise this file.",
            )
            .with_detail("the summarising thread stopped unexpectedly")
        });
        read?;
        summary
    })
}
