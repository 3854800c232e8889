//! `roomlens summary`: summarises report files with the core's streaming reader (the rows are
//! checked as they pass and not kept, so a million-row file needs little memory) and prints, for
//! each, the rows read, kept and rejected, the reader's warnings and the summary, as text or as one
//! JSON document. A file that cannot be read is reported and the others still are. With `--pdf`,
//! it first writes the one file's report as a PDF (the core's `report_pdf`).

use crate::args::SummaryArgs;
use crate::exit_code;
use crate::paper_choice::paper;
use crate::print_error_about;
use crate::summary_text;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::analytics::Summary;
use roomlens::atomic_file::write_atomically;
use roomlens::cancel::CancelToken;
use roomlens::kaltura::date_range::zone_label;
use roomlens::report_pdf::{report_pdf, ReportPdfOptions};
use roomlens::reports::read::read_report_file;
use roomlens::reports::{ReadStats, ReadWarning, ReportKind};
use roomlens::summarize_file::{summarize_report_file, SummaryOutcome};
use roomlens::wording;
use roomlens::{Error, ErrorCode};
use serde::Serialize;
use std::path::Path;

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
/// Writes the report in `file` as a PDF at `out`, atomically.
fn write_pdf(
    args: &SummaryArgs,
    file: &Path,
    out: &Path,
    cancel: &CancelToken,
) -> Result<(), Error> {
    let outcome = read_report_file(file)?;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let options = ReportPdfOptions {
        paper: paper(args.paper),
        zone: TimeZone::system(),
        source: format!("Opened from {name}"),
        filters: None,
        generated_at: Timestamp::now(),
        table_pages: args.pdf_pages.map(|n| n as usize),
    };
    let bytes = report_pdf(&outcome.report, &options, cancel)?;
    write_atomically(out, &bytes)?;
    eprintln!(
        "Saved the report as {} ({}).",
        out.display(),
        options.paper.label()
    );
    Ok(())
}

pub fn summary(args: &SummaryArgs, cancel: &CancelToken) -> Result<u8, Error> {
    if let Some(out) = &args.pdf {
        let [file] = args.files.as_slice() else {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                "--pdf writes one report: give one FILE with it.",
            ));
        };
        write_pdf(args, file, out, cancel)?;
    }
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
