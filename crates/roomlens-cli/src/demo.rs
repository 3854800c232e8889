//! `roomlens demo`: starts the Kaltura simulator inside this process with its demo organisation,
//! fetches the three room reports for the last 30 days through the real client, and prints their
//! summaries (optionally saving the CSVs). It needs no account, keychain or network.

use crate::args::{CsvFormatArgs, DelimiterArg, DemoArgs};
use crate::exit_code;
use crate::fetch::{export_options, fetch_with_progress, report_warnings};
use crate::summary_text;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::analytics::summarize;
use roomlens::cancel::CancelToken;
use roomlens::export::{write_report_csv, HeaderStyle};
use roomlens::kaltura::date_range::DateRangeChoice;
use roomlens::kaltura::{ClientOptions, Credentials, KalturaClient, ServiceUrl};
use roomlens::kaltura::{FetchRequest, ReportFilters};
use roomlens::reports::ReportKind;
use roomlens::secret::AdminSecret;
use roomlens::{Error, ErrorCode};

pub async fn demo(args: &DemoArgs, cancel: &CancelToken) -> Result<u8, Error> {
    if let Some(dir) = &args.output {
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::new(
                ErrorCode::FileWriteFailed,
                format!("Roomlens could not create the folder {}.", dir.display()),
            )
            .with_detail(e.to_string())
        })?;
    }
    let sim = kaltura_sim::start(kaltura_sim::SimConfig::demo())
        .await
        .map_err(|e| {
            Error::new(
                ErrorCode::ServerUnavailable,
                "The built-in demo server could not start on this computer.",
            )
            .with_detail(e.to_string())
        })?;
    let secret = AdminSecret::new(sim.admin_secret()).ok_or_else(|| {
        Error::new(
            ErrorCode::CredentialsRejected,
            "The built-in demo server has no admin secret.",
        )
    })?;
    let credentials = Credentials {
        partner_id: sim.partner_id(),
        secret,
        service_url: ServiceUrl::parse(&sim.url())?,
    };
    let client = KalturaClient::new(credentials, ClientOptions::default())?;
    let tz = TimeZone::system();
    let range = DateRangeChoice::LastDays(30).resolve(&tz, Timestamp::now())?;
    eprintln!(
        "Roomlens demo: a made-up organisation served by the built-in Kaltura simulator at {}.",
        sim.url()
    );
    eprintln!("Times in {}", range.zone);

    let mut code = exit_code::OK;
    for kind in ReportKind::ALL {
        let request = FetchRequest {
            kind,
            range: range.clone(),
            filters: ReportFilters::default(),
        };
        let outcome = fetch_with_progress(&client, &request, cancel).await?;
        code = code.max(report_warnings(&outcome));
        println!("{}", summary_text::heading(kind.title()));
        println!("{}", summary_text::render(&summarize(&outcome.report), &tz));
        if let Some(dir) = &args.output {
            let path = dir.join(format!("{}.csv", kind.slug()));
            write_report_csv(
                &outcome.report,
                &export_options(HeaderStyle::Raw, &plain_csv()),
                &path,
                cancel,
            )?;
            eprintln!("Saved {}.", path.display());
        }
    }
    sim.shutdown().await;
    Ok(code)
}

fn plain_csv() -> CsvFormatArgs {
    CsvFormatArgs {
        delimiter: DelimiterArg::Comma,
        no_bom: false,
        allow_formulas: false,
    }
}
