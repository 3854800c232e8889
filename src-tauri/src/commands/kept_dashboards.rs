//! Kept session dashboards on the Library screen: one opened for the Rooms screen from the
//! library file alone (never asking Kaltura; `library_dashboards` reads it), and one deleted.
//! Reading and deleting are the core's (`roomlens::library`); these only carry. Listing them is
//! `library_snapshots`' job.

use super::rooms::{view, DashboardView};
use crate::blocking_work::off_main_thread;
use crate::library_dashboards::load_kept_dashboard;
use roomlens::Error;
use tauri::AppHandle;

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
