//! `roomlens summary`: summarises report files with the core's streaming reader (the rows are
//! checked as they pass and not kept, so a million-row file needs little memory) and prints, for
//! each, the rows read, kept and rejected, the reader's warnings and the summary, as text or as one
//! JSON document. A file that cannot be read is reported and the others still are.

use crate::args::SummaryArgs;
use crate::exit_code;
use crate::print_error_about;
use crate::summary_text;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::analytics::Summary;
use roomlens::cancel::CancelToken;
use roomlens::kaltura::date_range::zone_label;
use roomlens::reports::{ReadStats, ReadWarning, ReportKind};
use roomlens::summarize_file::{summarize_report_file, SummaryOutcome};
use roomlens::wording;
use roomlens::Error;
use serde::Serialize;

/// Warnings printed per file in text mode; JSON carries them all.
const TEXT_WARNING_LIMIT: usize = 20;

/// One file in `--json` output.
#[derive(Serialize)]
#[serde(untagged)]
enum FileResult {
    Read {
        file: String,
        report: ReportKind,
        stats: ReadStats,
        warnings: Vec<ReadWarning>,
        summary: Summary,
    },
    Failed {
        file: String,
        error: Error,
    },
}

/// A Ctrl-C stops between files.
pub fn summary(args: &SummaryArgs, cancel: &CancelToken) -> Result<u8, Error> {
    let tz = TimeZone::system();
    if !args.json {
        eprintln!("Times in {}", zone_label(&tz, Timestamp::now()));
    }
    let mut code = exit_code::OK;
    let mut documents = Vec::new();
    for path in &args.files {
        if cancel.is_cancelled() {
            return Err(Error::cancelled());
        }
        let file = path.display().to_string();
        match summarize_report_file(path) {
            Err(error) => {
                code = code.max(exit_code::for_error(error.code));
                if args.json {
                    documents.push(FileResult::Failed { file, error });
                } else {
                    print_error_about(&file, &error);
                }
            }
            Ok(outcome) if args.json => {
                let SummaryOutcome {
                    summary,
                    stats,
                    warnings,
                } = outcome;
                documents.push(FileResult::Read {
                    file,
                    report: summary.kind(),
                    stats,
                    warnings,
                    summary,
                });
            }
            Ok(outcome) => print_text(&file, &outcome, &tz),
        }
    }
    if args.json {
        let json = serde_json::to_string_pretty(&documents).map_err(|e| {
            Error::new(
                roomlens::ErrorCode::InvalidInput,
                "Roomlens could not write the summary as JSON.",
            )
            .with_detail(e.to_string())
        })?;
        println!("{json}");
    }
    Ok(code)
}

fn print_text(file: &str, outcome: &SummaryOutcome, tz: &TimeZone) {
    let stats = &outcome.stats;
    println!(
        "{}",
        summary_text::heading(&format!("{file} — {}", outcome.summary.kind().title()))
    );
    println!(
        "Rows read {}, kept {}, rejected {}",
        wording::count(stats.rows_read),
        wording::count(stats.rows_kept),
        wording::count(stats.rows_rejected)
    );
    for warning in outcome.warnings.iter().take(TEXT_WARNING_LIMIT) {
        println!(
            "  warning, line {}: {}",
            warning.line,
            summary_text::plain(&warning.message)
        );
    }
    if outcome.warnings.len() > TEXT_WARNING_LIMIT {
        println!(
            "  … and {} more warnings (see --json)",
            wording::count((outcome.warnings.len() - TEXT_WARNING_LIMIT) as u64)
        );
    }
    println!("{}", summary_text::render(&outcome.summary, tz));
}
