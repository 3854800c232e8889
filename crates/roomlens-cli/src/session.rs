//! `roomlens session ROOM_ID`: fetches one session's dashboard through the core
//! (`roomlens::dashboard`) and prints it as text or, with `--json`, as one JSON object; with
//! `--svg DIR` it also saves the charts the core draws, and with `--pdf OUT.pdf` the session's PDF
//! report the core makes. It holds no Kaltura or formula logic; the wording of the text is
//! `session_text`'s.

use crate::account_choice;
use crate::args::SessionArgs;
use crate::paper_choice::paper;
use crate::session_text::dashboard_text;
use jiff::tz::TimeZone;
use roomlens::accounts::AccountStore;
use roomlens::atomic_file::write_atomically;
use roomlens::cancel::CancelToken;
use roomlens::dashboard::charts::dashboard_charts;
use roomlens::dashboard::session_pdf::{fetch_session_pdf, SessionPdfOptions};
use roomlens::dashboard::{fetch_session_dashboard, DashboardRequest, SessionDashboard};
use roomlens::kaltura::{ClientOptions, KalturaClient};
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
    if let Some(folder) = &args.svg {
        write_charts(&dashboard, &zone, folder)?;
    }
    if let Some(out) = &args.pdf {
        let account_name = store
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
            );
        let options = SessionPdfOptions {
            paper: paper(args.paper),
            zone: zone.clone(),
            account_name,
            generated_at: jiff::Timestamp::now(),
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
    Ok(0)
}
