//! Kept session dashboards on the Library screen: one opened for the Rooms screen from the
//! library file alone (never asking Kaltura), under an account id of the library's own so it is
//! never mistaken for Kaltura's answer, and one deleted. Reading and deleting are the core's
//! (`roomlens::library`); these only carry. Listing them is `library_snapshots`' job.

use super::rooms::{view, DashboardView};
use crate::blocking_work::off_main_thread;
use crate::session_dashboards::{KeptCopy, KeptWhy, Loaded};
use crate::state::AppState;
use roomlens::{Error, ErrorCode};
use std::sync::Arc;
use tauri::AppHandle;

const LIBRARY_ACCOUNT_PREFIX: &str = "library-";

/// The account id a dashboard opened from the library is loaded under: no saved account's
/// (those are hex or `demo`), so later requests about it never reach Kaltura.
fn library_account(id: i64) -> String {
    format!("{LIBRARY_ACCOUNT_PREFIX}{id}")
}

/// The kept dashboard an account id from `library_account` names.
pub(crate) fn kept_dashboard_id(account_id: &str) -> Option<i64> {
    account_id
        .strip_prefix(LIBRARY_ACCOUNT_PREFIX)
        .and_then(|id| id.parse().ok())
}

/// Reads kept session dashboard `id` from the library into the window's dashboards, under its
/// library account id; returns that id and the dashboard. Blocks: call off the main thread.
pub(crate) fn load_kept_dashboard(state: &AppState, id: i64) -> Result<(String, Loaded), Error> {
    let (info, dashboard) = state
        .library
        .with(|library| library.dashboard_with_info(id))
        .map_err(|error| {
            if error.code == ErrorCode::InvalidInput {
                Error::new(
                    ErrorCode::InvalidInput,
                    "This session dashboard is no longer in the library. Look at the list again.",
                )
            } else {
                error
            }
        })?;
    let account_id = library_account(id);
    let loaded = Loaded {
        dashboard: Arc::new(dashboard),
        kept: Some(KeptCopy::of(&info, KeptWhy::OpenedFromLibrary)),
    };
    let key = (
        account_id.clone(),
        info.room_id.clone(),
        Some(info.session_id.clone()),
    );
    state.dashboards.keep(key, loaded.clone());
    Ok((account_id, loaded))
}

/// Opens kept session dashboard `id` for the Rooms screen, as it was fetched.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_kept_dashboard(app: AppHandle, id: i64) -> Result<DashboardView, Error> {
    off_main_thread(&app, move |state| {
        let (account_id, loaded) = load_kept_dashboard(state, id)?;
        Ok(view(&account_id, &loaded, false))
    })
    .await
}

/// Deletes kept session dashboard `id` from the library, and its copies in memory.
#[tauri::command(rename_all = "snake_case")]
pub async fn remove_kept_dashboard(app: AppHandle, id: i64) -> Result<(), Error> {
    off_main_thread(&app, move |state| {
        state.library.with(|library| library.remove_dashboard(id))?;
        state.dashboards.forget_kept(id);
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::{kept_dashboard_id, library_account};

    #[test]
    fn a_library_account_id_is_never_a_saved_accounts() {
        let id = library_account(12);
        assert_eq!(id, "library-12");
        assert_eq!(kept_dashboard_id(&id), Some(12));
        assert_eq!(kept_dashboard_id("demo"), None);
        assert_eq!(kept_dashboard_id("library-x"), None);
        assert_ne!(id, crate::demo_account::DEMO_ACCOUNT_ID);
        assert!(
            !id.chars().all(|c| c.is_ascii_hexdigit()),
            "saved accounts' ids are hex"
        );
    }
}
