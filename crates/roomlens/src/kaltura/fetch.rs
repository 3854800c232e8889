//! Fetching a room report completely. Kaltura returns at most 100,000 rows per request and drops
//! the rest silently (docs/kaltura-wire-format.md §7), so the range is cut into 7-day windows
//! fetched a few at a time; a window that comes back at the cap is split again and again, down to
//! one minute, and the windows are merged without duplicates, in time order, while later windows
//! are still being fetched. A one-minute window still at the cap is kept and flagged with a plain
//! warning. Filters a report does not offer are refused up front (see `report_params`), never
//! applied locally. A cancelled or failed fetch returns an error and no report. It does not write
//! files; callers do, after success.

use super::client::{parse_window, with_deadline, KalturaClient};
use super::date_range::DateRange;
pub use super::report_params::ReportFilters;
use super::windows::{plan, Window};
use crate::cancel::CancelToken;
use crate::error::{Error, ErrorCode};
use crate::reports::{PreparedPart, ReadOutcome, Report, ReportKind, ReportMerger};
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};
use tokio::task::JoinSet;

/// What to fetch.
#[derive(Debug, Clone, PartialEq)]
pub struct FetchRequest {
    pub kind: ReportKind,
    pub range: DateRange,
    pub filters: ReportFilters,
}

/// Progress so far. `windows_total` grows when a window at the row cap is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct FetchProgress {
    pub windows_done: u32,
    pub windows_total: u32,
    pub rows_so_far: u64,
}

/// A complete fetch. `requests` counts every HTTP request (retries included), `windows` the time
/// windows whose rows are in the report. `incomplete` is set when rows may be missing (the row
/// cap was hit in a window that cannot be split, or Kaltura sent rows that could not be read);
/// `warnings` then says so in plain words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FetchOutcome {
    pub report: Report,
    pub requests: u32,
    pub windows: u32,
    pub warnings: Vec<String>,
    pub incomplete: bool,
}

/// What a background job of the fetch finished: a window's HTTP request (the concurrency limit
/// counts only these); the reading of a window's rows; or the merging of windows into the
/// report. Reading and merging run off the async threads and hold no request slot.
enum Job {
    Fetched {
        window: Window,
        body: Vec<u8>,
        requests: u32,
    },
    Read {
        window: Window,
        data_lines: u64,
        outcome: ReadOutcome,
        part: PreparedPart,
    },
    Merged {
        merger: ReportMerger,
    },
}

/// Windows read but not yet merged, and the merger when no merging job has it. Windows are merged
/// strictly in time order (the merge keeps the first text it sees, so order decides), which is
/// the order of `from`: the windows and their split parts tile the range.
struct MergeQueue {
    merger: Option<ReportMerger>,
    waiting: BTreeMap<i64, (Window, PreparedPart)>,
    merged_up_to: i64,
    windows_merged: u32,
}

impl MergeQueue {
    fn new(kind: ReportKind, from: i64) -> Self {
        MergeQueue {
            merger: Some(ReportMerger::new(kind)),
            waiting: BTreeMap::new(),
            merged_up_to: from,
            windows_merged: 0,
        }
    }

    /// The merger and the windows next in time order, when the merger is free and there are any.
    fn next_batch(&mut self) -> Option<(ReportMerger, Vec<PreparedPart>)> {
        let mut batch = Vec::new();
        while let Some(entry) = self.waiting.first_entry() {
            if *entry.key() != self.merged_up_to || self.merger.is_none() {
                break;
            }
            let (window, part) = entry.remove();
            self.merged_up_to = window.to;
            self.windows_merged += 1;
            batch.push(part);
        }
        if batch.is_empty() {
            return None;
        }
        self.merger.take().map(|merger| (merger, batch))
    }
}

/// Fetches `request` completely, calling `on_progress` after every window done or split.
/// Stops with `Cancelled` when `cancel` fires and with `DeadlineExceeded` after the client's
/// deadline; either way no report is returned.
pub async fn fetch_report(
    client: &KalturaClient,
    request: &FetchRequest,
    on_progress: &(dyn Fn(FetchProgress) + Send + Sync),
    cancel: &CancelToken,
) -> Result<FetchOutcome, Error> {
    with_deadline(
        client.options().deadline,
        cancel,
        fetch_all(client, request, on_progress, cancel),
    )
    .await
}

async fn fetch_all(
    client: &KalturaClient,
    request: &FetchRequest,
    on_progress: &(dyn Fn(FetchProgress) + Send + Sync),
    cancel: &CancelToken,
) -> Result<FetchOutcome, Error> {
    let kind = request.kind;
    let range = &request.range;
    range.check_not_empty()?;
    let filters = std::sync::Arc::new(request.filters.prepare(kind)?);

    let row_cap = client.options().row_cap.max(1);
    let concurrency = client.options().concurrency.max(1);
    let mut pending: VecDeque<Window> = plan(range.from_unix, range.to_unix).into();
    let mut progress = FetchProgress {
        windows_done: 0,
        windows_total: count(pending.len()),
        rows_so_far: 0,
    };
    on_progress(progress);

    let mut running: JoinSet<Result<Job, Error>> = JoinSet::new();
    let mut in_flight = 0usize;
    let mut merging = MergeQueue::new(kind, range.from_unix);
    let mut notes = Notes::default();
    let mut requests = 0u32;

    loop {
        if cancel.is_cancelled() {
            return Err(Error::cancelled());
        }
        while in_flight < concurrency {
            let Some(window) = pending.pop_front() else {
                break;
            };
            let client = client.clone();
            let filters = filters.clone();
            let cancel = cancel.clone();
            in_flight += 1;
            running.spawn(async move {
                let params = filters.params(window.from, window.to);
                let reply = client.report_csv(kind, &params, &cancel).await?;
                Ok(Job::Fetched {
                    window,
                    body: reply.body,
                    requests: reply.requests,
                })
            });
        }
        let Some(joined) = running.join_next().await else {
            break;
        };
        let job = joined.map_err(|e| {
            Error::new(
                ErrorCode::BadResponse,
                "Roomlens stopped unexpectedly while reading a report from Kaltura. Try again.",
            )
            .with_detail(e.to_string())
        })??;
        match job {
            Job::Fetched {
                window,
                body,
                requests: used,
            } => {
                in_flight -= 1;
                requests = requests.saturating_add(used);
                let data_lines = data_line_count(&body);
                match window.split() {
                    Some(parts) if data_lines >= row_cap => {
                        progress.windows_total += count(parts.len()) - 1;
                        for part in parts.into_iter().rev() {
                            pending.push_front(part);
                        }
                        on_progress(progress);
                    }
                    _ => {
                        running.spawn_blocking(move || {
                            let mut outcome = parse_window(kind, &body)?;
                            let part = PreparedPart::new(std::mem::replace(
                                &mut outcome.report,
                                Report::empty(kind),
                            ));
                            Ok(Job::Read {
                                window,
                                data_lines,
                                outcome,
                                part,
                            })
                        });
                    }
                }
            }
            Job::Read {
                window,
                data_lines,
                outcome,
                part,
            } => {
                if data_lines >= row_cap {
                    notes.cap_hit(window, row_cap);
                }
                notes.read_problems(window, &outcome);
                progress.windows_done += 1;
                progress.rows_so_far += outcome.stats.rows_kept;
                merging.waiting.insert(window.from, (window, part));
                on_progress(progress);
            }
            Job::Merged { merger } => merging.merger = Some(merger),
        }
        if let Some((mut merger, batch)) = merging.next_batch() {
            running.spawn_blocking(move || {
                for part in batch {
                    merger.add(part);
                }
                Ok(Job::Merged { merger })
            });
        }
    }

    // Every window has been merged by now (they tile the range); any left over would still be
    // merged, in time order, rather than lost.
    let MergeQueue {
        merger,
        waiting,
        windows_merged,
        ..
    } = merging;
    let windows = windows_merged.saturating_add(count(waiting.len()));
    let merger = merger.ok_or_else(|| {
        Error::new(
            ErrorCode::BadResponse,
            "Roomlens stopped unexpectedly while joining the report. Try again.",
        )
    })?;
    let report = tokio::task::spawn_blocking(move || {
        let mut merger = merger;
        for (_, part) in waiting.into_values() {
            merger.add(part);
        }
        merger.finish()
    })
    .await
    .map_err(|e| {
        Error::new(
            ErrorCode::BadResponse,
            "Roomlens stopped unexpectedly while joining the report. Try again.",
        )
        .with_detail(e.to_string())
    })?;
    let (warnings, incomplete) = notes.finish();
    Ok(FetchOutcome {
        report,
        requests,
        windows,
        warnings,
        incomplete,
    })
}

/// Lines after the header line (every line, the last included, ends with `\n`).
fn data_line_count(body: &[u8]) -> u64 {
    let lines = body.iter().filter(|&&b| b == b'\n').count();
    u64::try_from(lines.saturating_sub(1)).unwrap_or(u64::MAX)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Warnings gathered while fetching, turned into a few plain sentences at the end.
#[derive(Default)]
struct Notes {
    capped_minutes: Vec<Window>,
    row_cap: u64,
    rows_rejected: u64,
    first_rejection: Option<String>,
    values_unreadable: u64,
    first_value_problem: Option<String>,
}

impl Notes {
    fn cap_hit(&mut self, window: Window, row_cap: u64) {
        self.capped_minutes.push(window);
        self.row_cap = row_cap;
    }

    fn read_problems(&mut self, window: Window, outcome: &ReadOutcome) {
        self.rows_rejected += outcome.stats.rows_rejected;
        let value_warnings = u64::try_from(outcome.warnings.len())
            .unwrap_or(u64::MAX)
            .saturating_sub(outcome.stats.rows_rejected);
        self.values_unreadable += value_warnings;
        if let Some(first) = outcome.warnings.first() {
            let text = format!(
                "in the part starting {}: {first}",
                describe_instant(window.from)
            );
            if outcome.stats.rows_rejected > 0 && self.first_rejection.is_none() {
                self.first_rejection = Some(text);
            } else if value_warnings > 0 && self.first_value_problem.is_none() {
                self.first_value_problem = Some(text);
            }
        }
    }

    fn finish(mut self) -> (Vec<String>, bool) {
        let mut warnings = Vec::new();
        self.capped_minutes.sort();
        for window in &self.capped_minutes {
            warnings.push(format!(
                "Kaltura's {}-row limit was hit in the one-minute window starting {}, and Roomlens cannot split a window shorter than a minute. Some rows from that minute could be missing.",
                thousands(self.row_cap),
                describe_instant(window.from)
            ));
        }
        if self.rows_rejected > 0 {
            let first = self
                .first_rejection
                .as_deref()
                .map(|f| format!(" First problem {f}."))
                .unwrap_or_default();
            warnings.push(format!(
                "Kaltura sent {} row{} Roomlens could not read; {} missing from this report.{first}",
                thousands(self.rows_rejected),
                if self.rows_rejected == 1 { "" } else { "s" },
                if self.rows_rejected == 1 { "it is" } else { "they are" },
            ));
        }
        if self.values_unreadable > 0 {
            let first = self
                .first_value_problem
                .as_deref()
                .map(|f| format!(" First problem {f}."))
                .unwrap_or_default();
            warnings.push(format!(
                "{} value{} from Kaltura could not be read and {} left empty; the rows are kept.{first}",
                thousands(self.values_unreadable),
                if self.values_unreadable == 1 { "" } else { "s" },
                if self.values_unreadable == 1 { "was" } else { "were" },
            ));
        }
        let incomplete = !self.capped_minutes.is_empty() || self.rows_rejected > 0;
        (warnings, incomplete)
    }
}

/// "2026-03-04 10:15 UTC".
fn describe_instant(unix: i64) -> String {
    match jiff::Timestamp::from_second(unix) {
        Ok(ts) => ts.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        Err(_) => format!("Unix time {unix}"),
    }
}

/// 100000 → "100,000".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_data_lines_after_the_header() {
        assert_eq!(data_line_count(b"\xEF\xBB\xBF\n"), 0);
        assert_eq!(data_line_count(b"\xEF\xBB\xBFa,b\n"), 0);
        assert_eq!(data_line_count(b"\xEF\xBB\xBFa,b\n1,2\n3,4\n"), 2);
        assert_eq!(data_line_count(b""), 0);
    }

    fn part_with(user: &str) -> PreparedPart {
        let row = crate::reports::AttendeeRow {
            entry_id: "r".into(),
            cue_point_id: "s".into(),
            user_id: user.into(),
            ..Default::default()
        };
        PreparedPart::new(Report::Attendees {
            rows: vec![row],
            extra_columns: vec![],
        })
    }

    #[test]
    fn windows_are_merged_in_time_order_whatever_order_they_arrive_in() {
        let mut queue = MergeQueue::new(ReportKind::Attendees, 0);
        let third = Window { from: 200, to: 300 };
        let second_b = Window { from: 150, to: 200 };
        let second_a = Window { from: 100, to: 150 };
        let first = Window { from: 0, to: 100 };
        queue.waiting.insert(third.from, (third, part_with("c")));
        queue
            .waiting
            .insert(second_b.from, (second_b, part_with("b2")));
        assert!(
            queue.next_batch().is_none(),
            "nothing before the first window"
        );
        queue.waiting.insert(first.from, (first, part_with("a")));
        let (merger, batch) = queue.next_batch().expect("the first window is next");
        assert_eq!(batch.len(), 1);
        assert!(queue.merger.is_none());
        queue
            .waiting
            .insert(second_a.from, (second_a, part_with("b1")));
        assert!(queue.next_batch().is_none(), "the merger is busy");
        queue.merger = Some(merger);
        let (_, batch) = queue.next_batch().expect("the rest is contiguous now");
        assert_eq!(batch.len(), 3);
        assert_eq!((queue.merged_up_to, queue.windows_merged), (300, 4));
        let users: Vec<String> = batch
            .into_iter()
            .map(|p| match p.into_report() {
                Report::Attendees { rows, .. } => rows[0].user_id.to_string(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(users, vec!["b1", "b2", "c"]);
        assert!(queue.waiting.is_empty());
    }

    #[test]
    fn numbers_and_instants_read_plainly() {
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(describe_instant(1_772_619_300), "2026-03-04 10:15 UTC");
    }

    #[test]
    fn a_capped_minute_is_a_plain_warning_and_marks_the_fetch_incomplete() {
        let mut notes = Notes::default();
        notes.cap_hit(
            Window {
                from: 1_772_619_300,
                to: 1_772_619_345,
            },
            100_000,
        );
        let (warnings, incomplete) = notes.finish();
        assert!(incomplete);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].starts_with("Kaltura's 100,000-row limit was hit in the one-minute window starting 2026-03-04 10:15 UTC"));
        assert!(warnings[0].contains("could be missing"));
        assert_eq!(Notes::default().finish(), (Vec::new(), false));
    }
}
