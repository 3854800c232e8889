//! `roomlens export`: reads a report CSV with the core's tolerant reader and writes it again with
//! the chosen headers, delimiter, BOM and formula handling, atomically. Reading and writing are the
//! core's; this module picks the options and reports the counts.

use crate::args::ExportArgs;
use crate::exit_code;
use crate::fetch::export_options;
use roomlens::cancel::CancelToken;
use roomlens::export::{write_report_csv, HeaderStyle};
use roomlens::reports::read_report_file;
use roomlens::wording;
use roomlens::Error;

/// A Ctrl-C while the file is read stops before anything is written; once writing has begun it
/// completes (the write is atomic and short), so the output is never half a file.
pub fn export(args: &ExportArgs, cancel: &CancelToken) -> Result<u8, Error> {
    let outcome = read_report_file(&args.file)?;
    if cancel.is_cancelled() {
        return Err(Error::cancelled());
    }
    let stats = &outcome.stats;
    if stats.rows_rejected > 0 {
        eprintln!(
            "roomlens: warning: {} of {} rows in {} could not be read and are left out; `roomlens summary` lists them.",
            wording::count(stats.rows_rejected),
            wording::count(stats.rows_read),
            args.file.display()
        );
    }
    let headers = if args.raw_headers {
        HeaderStyle::Raw
    } else {
        HeaderStyle::Friendly
    };
    write_report_csv(
        &outcome.report,
        &export_options(headers, &args.format),
        &args.output,
        cancel,
    )?;
    eprintln!(
        "Wrote {} {} rows to {}.",
        wording::count(stats.rows_kept),
        outcome.report.kind().title().to_lowercase(),
        args.output.display()
    );
    Ok(exit_code::OK)
}
