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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn temp_file(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("roomlens-ui-state-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("last-view.json")
    }

    #[test]
    fn a_saved_view_comes_back() {
        let path = temp_file("round-trip");
        let view = json!({ "section": "reports", "account_id": "demo", "report": { "kind": "attendees" } });
        save(&path, &view).unwrap();
        assert_eq!(load(&path), Some(view));
    }

    #[test]
    fn an_oversized_view_is_refused_and_the_old_one_kept() {
        let path = temp_file("oversized");
        let small = json!({ "section": "settings" });
        save(&path, &small).unwrap();
        let huge = json!({ "blob": "x".repeat(MAX_VIEW_BYTES) });
        let error = save(&path, &huge).unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert_eq!(load(&path), Some(small));
    }

    #[test]
    fn a_damaged_or_missing_file_is_no_view() {
        let path = temp_file("damaged");
        std::fs::write(&path, b"{ not json").unwrap();
        assert_eq!(load(&path), None);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(load(&path), None);
    }
}
