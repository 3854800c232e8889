//! Kept session dashboards on the Library screen: one opened for the Rooms screen from the
//! library file alone (never asking Kaltura), under an account id of the library's own so it is
//! never mistaken for Kaltura's answer, and one deleted. Reading and deleting are the core's
//! (`roomlens::library`); these only carry. Listing them is `library_snapshots`' job.

use super::rooms::{view, DashboardView};
use crate::blocking_work::off_main_thread;
use crate::session_dashboards::{KeptCopy, KeptWhy, Loaded};
use roomlens::{Error, ErrorCode};
use std::sync::Arc;
use tauri::AppHandle;

/// The account id a dashboard opened from the library is loaded under: no saved account's
/// (those are hex or `demo`), so later requests about it never reach Kaltura.
fn library_account(id: i64) -> String {
    format!("library-{id}")
}

/// Opens kept session dashboard `id` for the Rooms screen, as it was fetched.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_kept_dashboard(app: AppHandle, id: i64) -> Result<DashboardView, Error> {
    off_main_thread(&app, move |state| {
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
    use super::library_account;

    #[test]
    fn a_library_account_id_is_never_a_saved_accounts() {
        let id = library_account(12);
        assert_eq!(id, "library-12");
        assert_ne!(id, crate::demo_account::DEMO_ACCOUNT_ID);
        assert!(
            !id.chars().all(|c| c.is_ascii_hexdigit()),
            "saved accounts' ids are hex"
        );
    }
}
