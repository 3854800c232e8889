//! Roomlens core: everything the desktop app and the `roomlens` command line do, as plain Rust.
//! Kaltura access (KS signing, report fetching), tolerant report reading, summaries and CSV export.
//! It deliberately knows nothing about windows, terminals or Tauri; those are thin faces over it.

pub mod account_book;
pub mod accounts;
pub mod analytics;
pub mod atomic_file;
pub mod cancel;
pub mod chart_view;
pub mod dashboard;
pub mod error;
pub mod export;
pub(crate) mod fast_hash;
pub mod id_list;
pub mod kaltura;
pub mod keychain;
pub mod library;
mod pdf_parts;
pub mod report_charts;
pub mod report_pdf;
pub mod reports;
pub mod rollup_charts;
pub mod rollup_pdf;
pub mod rollup_tables;
pub mod secret;
pub mod summarize_file;
pub mod table_view;
pub(crate) mod weighted_mean;
pub mod wording;

pub use error::{Error, ErrorCategory, ErrorCode};
