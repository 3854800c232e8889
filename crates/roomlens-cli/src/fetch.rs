//! `roomlens fetch`: one room report from Kaltura for a date range and filters, with a progress
//! line, saved atomically (or printed). The windowed fetching, merging and CSV writing are the
//! core's; this module turns arguments into a request and reports what happened.

use crate::account_choice;
use crate::args::{CsvFormatArgs, DelimiterArg, FetchArgs, ReportArg};
use crate::exit_code;
use crate::print_error_about;
use crate::progress::ProgressLine;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::accounts::AccountStore;
use roomlens::cancel::CancelToken;
use roomlens::export::{report_csv_bytes, write_report_csv, Delimiter, ExportOptions, HeaderStyle};
use roomlens::id_list::split_id_lists;
use roomlens::kaltura::date_range::DateRangeChoice;
use roomlens::kaltura::{fetch_report, FetchOutcome, FetchProgress, FetchRequest, ReportFilters};
use roomlens::kaltura::{ClientOptions, KalturaClient};
use roomlens::library::{default_path, Library, SnapshotSource};
use roomlens::reports::ReportKind;
use roomlens::wording;
use roomlens::{Error, ErrorCode};
use std::io::Write;

pub async fn fetch(args: &FetchArgs, cancel: &CancelToken) -> Result<u8, Error> {
    let kind = report_kind(args.report);
    let choice = date_choice(args)?;
    let store = AccountStore::load(&AccountStore::default_path()?)?;
    let account = account_choice::require(&args.account, &store)?;
    let credentials = account_choice::credentials(&account)?;
    let client = KalturaClient::new(credentials, ClientOptions::default())?;
    let range = choice.resolve(&TimeZone::system(), Timestamp::now())?;
    eprintln!("Times in {}", range.zone);

    let request = FetchRequest {
        kind,
        range,
        filters: filters(args),
    };
    let outcome = fetch_with_progress(&client, &request, cancel).await?;
    let options = export_options(
        if args.descriptive_headers {
            HeaderStyle::Friendly
        } else {
            HeaderStyle::Raw
        },
        &args.format,
    );
    match &args.output {
        Some(path) => {
            write_report_csv(&outcome.report, &options, path, cancel)?;
            eprintln!(
                "Saved {} rows to {}.",
                wording::count(row_count(&outcome)),
                path.display()
            );
        }
        None => {
            let bytes = report_csv_bytes(&outcome.report, &options);
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .map_err(|e| {
                    Error::new(
                        ErrorCode::FileWriteFailed,
                        "Roomlens could not write the report to standard output.",
                    )
                    .with_detail(e.to_string())
                })?;
        }
    }
    if !args.no_library {
        let account_name = store
            .accounts
            .iter()
            .find(|a| {
                a.partner_id == account.partner_id && a.service_url == account.service_url.as_str()
            })
            .map_or_else(
                || format!("Partner {}", account.partner_id),
                |a| a.name.clone(),
            );
        // The CSV is the person's request; keeping a copy is a courtesy that may fail alone.
        if let Err(error) = keep_in_library(args, &outcome, &request, &account_name, cancel) {
            print_error_about("the report was saved but not kept in the library", &error);
        }
    }
    Ok(report_warnings(&outcome))
}

/// Keeps the fetched report in the library (`--library`, ROOMLENS_LIBRARY or the usual one).
fn keep_in_library(
    args: &FetchArgs,
    outcome: &FetchOutcome,
    request: &FetchRequest,
    account_name: &str,
    cancel: &CancelToken,
) -> Result<(), Error> {
    let path = match &args.library {
        Some(path) => path.clone(),
        None => default_path()?,
    };
    let mut library = Library::open(&path)?;
    let source = SnapshotSource::fetched(account_name, request);
    let added = library.add_snapshot(
        &outcome.report,
        &source,
        Timestamp::now().as_second(),
        &outcome.warnings,
        &|_, _| {},
        cancel,
    )?;
    eprintln!(
        "Kept in the library as snapshot {} ({}).",
        added.id(),
        library.path().display()
    );
    Ok(())
}

/// Fetches with the progress line on a terminal, and says how it went on standard error.
pub async fn fetch_with_progress(
    client: &KalturaClient,
    request: &FetchRequest,
    cancel: &CancelToken,
) -> Result<FetchOutcome, Error> {
    let progress = ProgressLine::new(&request.kind.title().to_lowercase());
    let on_progress = |p: FetchProgress| {
        progress.show(p.windows_done, p.windows_total, p.rows_so_far);
    };
    let result = fetch_report(client, request, &on_progress, cancel).await;
    progress.finish();
    let outcome = result?;
    eprintln!(
        "{}: {} rows from {} time windows ({} requests).",
        request.kind.title(),
        wording::count(row_count(&outcome)),
        outcome.windows,
        outcome.requests
    );
    Ok(outcome)
}

/// Prints the fetch's warnings; the exit code says whether the data is complete.
pub fn report_warnings(outcome: &FetchOutcome) -> u8 {
    for warning in &outcome.warnings {
        eprintln!("roomlens: warning: {warning}");
    }
    if outcome.incomplete {
        exit_code::INCOMPLETE
    } else {
        exit_code::OK
    }
}

pub fn row_count(outcome: &FetchOutcome) -> u64 {
    outcome.report.len() as u64
}

pub fn report_kind(arg: ReportArg) -> ReportKind {
    match arg {
        ReportArg::RoomData => ReportKind::RoomData,
        ReportArg::Attendees => ReportKind::Attendees,
        ReportArg::Breakouts => ReportKind::Breakouts,
    }
}

fn date_choice(args: &FetchArgs) -> Result<DateRangeChoice, Error> {
    match (args.from, args.to, args.last.as_deref()) {
        (Some(from), Some(to), _) => Ok(DateRangeChoice::Custom { from, to }),
        (_, _, None) => Ok(DateRangeChoice::LastDays(30)),
        (_, _, Some(last)) => last
            .strip_suffix('d')
            .and_then(|days| days.parse::<u32>().ok())
            .map(DateRangeChoice::LastDays)
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::InvalidInput,
                    format!("--last {last} is not a number of days such as 30d."),
                )
            }),
    }
}

fn filters(args: &FetchArgs) -> ReportFilters {
    ReportFilters {
        room_ids: split_id_lists(&args.room_ids),
        virtual_event_ids: split_id_lists(&args.virtual_event_ids),
        user_ids: split_id_lists(&args.user_ids),
        session_ids: split_id_lists(&args.session_ids),
        main_room_ids: split_id_lists(&args.main_room_ids),
    }
}

pub fn export_options(headers: HeaderStyle, format: &CsvFormatArgs) -> ExportOptions {
    ExportOptions {
        headers,
        bom: !format.no_bom,
        delimiter: match format.delimiter {
            DelimiterArg::Comma => Delimiter::Comma,
            DelimiterArg::Semicolon => Delimiter::Semicolon,
            DelimiterArg::Tab => Delimiter::Tab,
        },
        neutralise_formulas: !format.allow_formulas,
    }
}
