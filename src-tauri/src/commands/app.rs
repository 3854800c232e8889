//! Start-up, remembered view and settings: `bootstrap` gives the page the accounts (Demo first), the
//! view it last stored, the saved settings, the version and the local time zone; `save_last_view`
//! stores the page's view (best effort) and `save_settings` the person's settings (or says why not).

use super::accounts::{account_views, AccountView};
use crate::blocking_work::off_main_thread;
use crate::settings::{self, Settings};
use crate::startup_trace::{self, Milestone};
use crate::ui_state;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use roomlens::kaltura::date_range::zone_label;
use roomlens::table_view::{report_meta, ReportMeta};
use roomlens::Error;
use serde::Serialize;
use tauri::AppHandle;

#[derive(Serialize, ts_rs::TS)]
pub struct Bootstrap {
    accounts: Vec<AccountView>,
    /// Whatever the page stored with `save_last_view`.
    #[ts(type = "unknown")]
    last_view: Option<serde_json::Value>,
    /// `None` until the person has saved a setting.
    settings: Option<Settings>,
    #[ts(type = "string")]
    version: &'static str,
    local_zone: String,
    /// Set when the saved accounts could not be read; the file is left as it is.
    accounts_problem: Option<Error>,
    /// Every report the app knows, from the report tables: the page restates none of it.
    reports: Vec<ReportMeta>,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn bootstrap(app: AppHandle) -> Result<Bootstrap, Error> {
    startup_trace::mark(Milestone::PageLoaded);
    off_main_thread(&app, |state| {
        let (accounts, accounts_problem) = account_views(state);
        Ok(Bootstrap {
            accounts,
            last_view: ui_state::load(&state.paths().ui_state_file()),
            settings: settings::load_saved(&state.paths().settings_file()),
            version: env!("CARGO_PKG_VERSION"),
            local_zone: zone_label(&TimeZone::system(), Timestamp::now()),
            accounts_problem,
            reports: report_meta(),
        })
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_last_view(app: AppHandle, view: serde_json::Value) -> Result<(), Error> {
    off_main_thread(&app, move |state| {
        ui_state::save(&state.paths().ui_state_file(), &view)
    })
    .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_settings(app: AppHandle, settings: Settings) -> Result<(), Error> {
    off_main_thread(&app, move |state| {
        settings::save(&state.paths().settings_file(), &settings)
    })
    .await
}
