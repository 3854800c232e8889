//! What the running app holds between commands: where its files live, the saved accounts, the
//! built-in demo Kaltura, the library, the reports on screen, the fetch that can be cancelled, the page's
//! channel for dropped files, the window's latest geometry and the file dialogs. It does no work
//! of its own; commands and event handlers do.

use crate::app_library::AppLibrary;
use crate::app_paths::AppPaths;
use crate::cancel_slot::CancelSlot;
use crate::demo_account::DemoKaltura;
use crate::drop_event::DropEvent;
use crate::kept_rows_cache::KeptRowsCache;
use crate::loaded_reports::LoadedReports;
use crate::native_dialog::FileDialogs;
use crate::session_dashboards::SessionDashboards;
use crate::window_state::WindowMemory;
use roomlens::account_book::{AccountBook, OsKeychain};
use roomlens::accounts::config_dir;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tauri::ipc::Channel;

pub struct AppState {
    paths: AppPaths,
    pub demo: DemoKaltura,
    /// The saved accounts, read from their file at each use (the command line may change them).
    pub accounts: AccountBook<OsKeychain>,
    pub reports: LoadedReports,
    pub fetch: CancelSlot,
    pub drops: Mutex<Option<Channel<DropEvent>>>,
    pub window: Arc<WindowMemory>,
    /// The open and save dialogs: one at a time, opening in the folder last used.
    pub dialogs: FileDialogs,
    /// Held while a report file is read, so files opened or dropped together are read in turn.
    pub file_reading: tokio::sync::Mutex<()>,
    /// Stops the file being read.
    pub file_cancel: CancelSlot,
    /// Session dashboards loaded in this run.
    pub dashboards: SessionDashboards,
    /// Stops the dashboard being fetched.
    pub dashboard_fetch: CancelSlot,
    /// The PDF being made (its attendees' minutes being fetched).
    pub pdf_export: CancelSlot,
    /// Everything fetched or opened, kept on disk.
    pub library: AppLibrary,
    /// The library's rows the rollups count, until it changes.
    pub kept_rows: KeptRowsCache,
}

impl AppState {
    /// Finds the settings folder, reads the accounts and starts the demo Kaltura.
    pub fn start() -> Result<AppState, Box<dyn std::error::Error>> {
        AppState::start_in(config_dir()?)
    }

    /// `start` with the settings folder given.
    pub fn start_in(config_dir: PathBuf) -> Result<AppState, Box<dyn std::error::Error>> {
        std::fs::create_dir_all(&config_dir)?;
        roomlens::atomic_file::remove_stale_temps(&config_dir);
        let paths = AppPaths { config_dir };
        let accounts = AccountBook::new(paths.accounts_file(), OsKeychain);
        let library = AppLibrary::in_folder(&paths.config_dir);
        Ok(AppState {
            paths,
            demo: DemoKaltura::default(),
            accounts,
            reports: LoadedReports::default(),
            fetch: CancelSlot::default(),
            drops: Mutex::new(None),
            window: Arc::new(WindowMemory::default()),
            dialogs: FileDialogs::default(),
            file_reading: tokio::sync::Mutex::new(()),
            file_cancel: CancelSlot::default(),
            dashboards: SessionDashboards::default(),
            dashboard_fetch: CancelSlot::default(),
            pdf_export: CancelSlot::default(),
            library,
            kept_rows: KeptRowsCache::default(),
        })
    }

    pub fn paths(&self) -> &AppPaths {
        &self.paths
    }
}
