//! Ctrl-C handling: the first press cancels the running work through its `CancelToken` (which
//! then stops cleanly and leaves no file behind); a second press exits at once with code 130.

use crate::exit_code;
use roomlens::cancel::CancelToken;

/// Starts watching for Ctrl-C on the current tokio runtime.
pub fn cancel_on_ctrl_c(token: CancelToken) {
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_err() {
            return;
        }
        eprintln!("\nroomlens: cancelling… (press Ctrl-C again to quit at once)");
        token.cancel();
        if tokio::signal::ctrl_c().await.is_ok() {
            std::process::exit(i32::from(exit_code::CANCELLED));
        }
    });
}
