//! The app's Tauri commands, the only things the page can call (listed in build.rs and the
//! capability file). Each parses its arguments, calls the core and returns the core's error as
//! `{code, message, detail}`; none holds Kaltura, CSV or aggregation logic.

pub mod accounts;
pub mod app;
pub mod files;
pub mod reports;
