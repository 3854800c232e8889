//! A session dashboard kept in the library, read back into the window's dashboards: under an
//! account id of the library's own (`library-<id>`), so it is never mistaken for Kaltura's answer
//! and later requests about it never reach Kaltura. Used when the Library opens one and when a
//! copy so opened was let go of; it does not list, delete or fetch dashboards.

use crate::session_dashboards::{KeptCopy, KeptWhy, Loaded};
use crate::state::AppState;
use roomlens::{Error, ErrorCode};
use std::sync::Arc;

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
