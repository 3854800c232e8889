//! `roomlens session ROOM_ID`: fetches one session's dashboard through the core
//! (`roomlens::dashboard`) and prints it as text or, with `--json`, as one JSON object; with
//! `--svg DIR` it also saves the charts the core draws, and with `--pdf OUT.pdf` the session's PDF
//! report the core makes. It holds no Kaltura or formula logic; the wording of the text is
//! `session_text`'s. The dashboard is kept in the library too unless `--no-library` says not to.

use crate::account_choice::{self, ChosenAccount};
use crate::args::SessionArgs;
use crate::paper_choice::paper;
use crate::print_error_about;
use crate::session_text::dashboard_text;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::accounts::AccountStore;
use roomlens::atomic_file::write_atomically;
use roomlens::cancel::CancelToken;
use roomlens::dashboard::charts::dashboard_charts;
use roomlens::dashboard::session_pdf::{fetch_session_pdf, SessionPdfOptions};
use roomlens::dashboard::{fetch_session_dashboard, DashboardRequest, SessionDashboard};
use roomlens::kaltura::{ClientOptions, KalturaClient};
use roomlens::library::{default_path, Library};
use roomlens::{Error, ErrorCode};
use std::io::Write;
use std::path::Path;

/// Writes the dashboard's charts as SVG files into `folder` (made if missing), each atomically.
fn write_charts(dashboard: &SessionDashboard, zone: &TimeZone, folder: &Path) -> Result<(), Error> {
    let charts = dashboard_charts(dashboard, zone, false)?;
    std::fs::create_dir_all(folder).map_err(|e| {
        Error::new(
            ErrorCode::FileWriteFailed,
            format!("Roomlens could not make the folder {}.", folder.display()),
        )
        .with_detail(e.to_string())
    })?;
    for (name, chart) in [
        ("timeline.svg", &charts.timeline),
        ("countries.svg", &charts.countries),
        ("devices.svg", &charts.devices),
    ] {
        write_atomically(&folder.join(name), chart.svg.as_bytes())?;
    }
    eprintln!("Saved 3 charts in {}.", folder.display());
    Ok(())
}

pub async fn session(args: &SessionArgs, cancel: &CancelToken) -> Result<u8, Error> {
    let store = AccountStore::load(&AccountStore::default_path()?)?;
    let account = account_choice::require(&args.account, &store)?;
    let credentials = account_choice::credentials(&account)?;
    let client = KalturaClient::new(credentials, ClientOptions::default())?;
    let zone = TimeZone::system();
    let request = DashboardRequest {
        room_id: args.room_id.trim().to_owned(),
        session_id: args.session.as_ref().map(|s| s.trim().to_owned()),
        zone: zone.clone(),
    };
    let dashboard = fetch_session_dashboard(&client, &request, cancel).await?;
    let account_name = account_name(&store, &account);
    if let Some(folder) = &args.svg {
        write_charts(&dashboard, &zone, folder)?;
    }
    if let Some(out) = &args.pdf {
        let options = SessionPdfOptions {
            paper: paper(args.paper),
            zone: zone.clone(),
            account_name: account_name.clone(),
            generated_at: Timestamp::now(),
        };
        let bytes = fetch_session_pdf(&client, &dashboard, &options, cancel).await?;
        write_atomically(out, &bytes)?;
        eprintln!(
            "Saved the session's report as {} ({}).",
            out.display(),
            options.paper.label()
        );
    }
    let text = if args.json {
        serde_json::to_string_pretty(&dashboard).map_err(|e| {
            Error::new(
                ErrorCode::Internal,
                "Roomlens could not write the dashboard as JSON.",
            )
            .with_detail(e.to_string())
        })? + "\n"
    } else {
        dashboard_text(&dashboard, &zone)
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| {
            Error::new(
                ErrorCode::FileWriteFailed,
                "Roomlens could not write the dashboard to standard output.",
            )
            .with_detail(e.to_string())
        })?;
    if !args.no_library {
        // The dashboard is the person's request; keeping a copy is a courtesy that may fail alone.
        if let Err(error) = keep_in_library(args, &dashboard, &account_name) {
            print_error_about(
                "the dashboard was shown but not kept in the library",
                &error,
            );
        }
    }
    Ok(0)
}

/// The saved account's name, or its partner ID when it is not saved (credentials from flags).
fn account_name(store: &AccountStore, account: &ChosenAccount) -> String {
    store
        .accounts
        .iter()
        .find(|a| {
            a.partner_id == account.partner_id
                && a.checked_service_url()
                    .is_ok_and(|u| u == account.service_url)
        })
        .map_or_else(
            || format!("partner {}", account.partner_id),
            |a| a.name.clone(),
        )
}

/// Keeps the dashboard in the library (`--library`, ROOMLENS_LIBRARY or the usual one); the same
/// session kept before is replaced by this newer copy.
fn keep_in_library(
    args: &SessionArgs,
    dashboard: &SessionDashboard,
    account_name: &str,
) -> Result<(), Error> {
    let path = match &args.library {
        Some(path) => path.clone(),
        None => default_path()?,
    };
    let mut library = Library::open(&path)?;
    let id = library.add_dashboard(account_name, dashboard, Timestamp::now().as_second())?;
    eprintln!(
        "Kept in the library as session dashboard {id} ({}).",
        library.path().display()
    );
    Ok(())
}
