//! "Send to my e-mail" for a fetched report: Kaltura's own export (`report.exportToCsv`) of the
//! same report, range and filters, e-mailed by Kaltura to the address the person types, with the
//! person's time zone. The request and its checks are the core's (`send_report_by_email`); this
//! only finds what the report was fetched with. A report opened from a file cannot be e-mailed.

use super::accounts::client_for;
use crate::state::AppState;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::cancel::CancelToken;
use roomlens::kaltura::{
    send_report_by_email, utc_offset_minutes, EmailExportAccepted, EmailExportRequest,
};
use roomlens::{Error, ErrorCode};
use serde::Deserialize;
use tauri::{AppHandle, State};

#[derive(Deserialize, ts_rs::TS)]
pub struct EmailReportArgs {
    report_id: u64,
    /// Where Kaltura sends the link, as typed.
    email: String,
    /// Whom the e-mail greets; may be empty.
    #[serde(default)]
    name: String,
}

/// Asks Kaltura to e-mail the report shown, as it was fetched. Kaltura answers at once; the
/// e-mail comes later.
#[tauri::command(rename_all = "snake_case")]
pub async fn send_report_email(
    app: AppHandle,
    state: State<'_, AppState>,
    request: EmailReportArgs,
) -> Result<EmailExportAccepted, Error> {
    let loaded = state.reports.get(request.report_id)?;
    let Some(fetched) = loaded.fetched_with.clone() else {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "Kaltura can e-mail only a report fetched from it. This one was opened from a file: save it as CSV instead.",
        ));
    };
    let (client, _) = client_for(&app, &fetched.account_id).await?;
    let export = EmailExportRequest {
        kind: fetched.request.kind,
        range: fetched.request.range,
        filters: fetched.request.filters,
        recipient_email: request.email,
        recipient_name: request.name,
        title: String::new(),
        utc_offset_minutes: utc_offset_minutes(&TimeZone::system(), Timestamp::now()),
    };
    send_report_by_email(&client, &export, &CancelToken::new()).await
}
