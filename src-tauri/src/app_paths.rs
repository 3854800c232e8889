//! Where the desktop app keeps its files: all in the settings folder it shares with the command
//! line (accounts, the window's geometry, the last view). It reads and writes none of them.

use std::path::PathBuf;

/// Files of the app, all in the settings folder Roomlens shares with the command line.
pub struct AppPaths {
    pub config_dir: PathBuf,
}

impl AppPaths {
    pub fn accounts_file(&self) -> PathBuf {
        self.config_dir.join(roomlens::accounts::ACCOUNTS_FILE)
    }
    pub fn window_file(&self) -> PathBuf {
        self.config_dir.join("window.json")
    }
    pub fn settings_file(&self) -> PathBuf {
        self.config_dir.join("settings.json")
    }
    pub fn ui_state_file(&self) -> PathBuf {
        self.config_dir.join("last-view.json")
    }
}
