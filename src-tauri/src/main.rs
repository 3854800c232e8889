//! The desktop app's entry point: starts the Tauri shell defined in the library.
//! Nothing else lives here, so tests can build the app from `roomlens_app`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    roomlens_app::run();
}
