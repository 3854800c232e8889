//! `roomlens session ROOM_ID`: fetches one session's dashboard through the core
//! (`roomlens::dashboard`) and prints it as text or, with `--json`, as one JSON object. It holds
//! no Kaltura or formula logic; the wording of the text is `session_text`'s.

use crate::account_choice;
use crate::args::SessionArgs;
use crate::session_text::dashboard_text;
use jiff::tz::TimeZone;
use roomlens::accounts::AccountStore;
use roomlens::cancel::CancelToken;
use roomlens::dashboard::{fetch_session_dashboard, DashboardRequest};
use roomlens::kaltura::{ClientOptions, KalturaClient};
use roomlens::{Error, ErrorCode};
use std::io::Write;

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
