//! The page's last view (chosen account, report, range, export defaults…), kept as opaque JSON so
//! the window reopens where the user left it. The shell stores it and limits its size; it does not
//! interpret it.

use roomlens::atomic_file::write_atomically;
use roomlens::{Error, ErrorCode};
use std::path::Path;

/// The most the page may store.
pub const MAX_VIEW_BYTES: usize = 16 * 1024;

pub fn load(path: &Path) -> Option<serde_json::Value> {
    let bytes = std::fs::read(path).ok()?;
    if bytes.len() > MAX_VIEW_BYTES {
        return None;
    }
    serde_json::from_slice(&bytes).ok()
}

pub fn save(path: &Path, view: &serde_json::Value) -> Result<(), Error> {
    let bytes = serde_json::to_vec(view).map_err(|e| {
        Error::new(
            ErrorCode::InvalidInput,
            "Roomlens could not remember this view.",
        )
        .with_detail(e.to_string())
    })?;
    if bytes.len() > MAX_VIEW_BYTES {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "Roomlens could not remember this view: it is too large.",
        ));
    }
    write_atomically(path, &bytes)
}
