//! `roomlens summary`: reads report files with the core's tolerant reader and prints, for each,
//! the rows read, kept and rejected, the reader's warnings, and the core's summary, as text or as
//! one JSON document. A file that cannot be read is reported and the others still are.

use crate::args::SummaryArgs;
use crate::exit_code;
use crate::figures;
use crate::print_error_about;
use crate::summary_text;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::analytics::{summarize, Summary};
use roomlens::cancel::CancelToken;
use roomlens::kaltura::date_range::zone_label;
use roomlens::reports::{read_report_file, ReadOutcome, ReadStats, ReadWarning, ReportKind};
use roomlens::Error;
use serde::Serialize;
use std::path::Path;

/// Warnings printed per file in text mode; JSON carries them all.
const TEXT_WARNING_LIMIT: usize = 20;

#[derive(Serialize)]
#[serde(untagged)]
enum FileResult<'a> {
    Read { file: String, report: ReportKind, stats: &'a ReadStats, warnings: &'a [ReadWarning], summary: Summary },
    Failed { file: String, error: &'a Error },
}

/// A Ctrl-C stops between files.
pub fn summary(args: &SummaryArgs, cancel: &CancelToken) -> Result<u8, Error> {
    let tz = TimeZone::system();
    if !args.json {
        eprintln!("Times in {}", zone_label(&tz, Timestamp::now()));
    }
    let mut code = exit_code::OK;
    let mut results: Vec<(String, Result<ReadOutcome, Error>)> = Vec::with_capacity(args.files.len());
    for path in &args.files {
        if cancel.is_cancelled() {
            return Err(Error::cancelled());
        }
        results.push((path.display().to_string(), read_report_file(path)));
    }
    for (file, result) in &results {
        match result {
            Err(error) => {
                code = code.max(exit_code::for_error(error.code));
                if !args.json {
                    print_error_about(file, error);
                }
            }
            Ok(outcome) if !args.json => print_text(Path::new(file), outcome, &tz),
            Ok(_) => {}
        }
    }
    if args.json {
        let documents: Vec<FileResult> = results
            .iter()
            .map(|(file, result)| match result {
                Ok(outcome) => FileResult::Read {
                    file: file.clone(),
                    report: outcome.report.kind(),
                    stats: &outcome.stats,
                    warnings: &outcome.warnings,
                    summary: summarize(&outcome.report),
                },
                Err(error) => FileResult::Failed { file: file.clone(), error },
            })
            .collect();
        let json = serde_json::to_string_pretty(&documents).map_err(|e| {
            Error::new(roomlens::ErrorCode::InvalidInput, "Roomlens could not write the summary as JSON.")
                .with_detail(e.to_string())
        })?;
        println!("{json}");
    }
    Ok(code)
}

fn print_text(file: &Path, outcome: &ReadOutcome, tz: &TimeZone) {
    let stats = &outcome.stats;
    println!("{}", summary_text::heading(&format!("{} — {}", file.display(), outcome.report.kind().title())));
    println!(
        "Rows read {}, kept {}, rejected {}",
        figures::count(stats.rows_read),
        figures::count(stats.rows_kept),
        figures::count(stats.rows_rejected)
    );
    for warning in outcome.warnings.iter().take(TEXT_WARNING_LIMIT) {
        println!("  warning, line {}: {}", warning.line, warning.message);
    }
    if outcome.warnings.len() > TEXT_WARNING_LIMIT {
        println!(
            "  … and {} more warnings (see --json)",
            figures::count((outcome.warnings.len() - TEXT_WARNING_LIMIT) as u64)
        );
    }
    println!("{}", summary_text::render(&summarize(&outcome.report), tz));
}
