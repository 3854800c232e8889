//! The fetch progress line on standard error, redrawn in place: a bar, the time windows done and
//! the rows so far. Shown only when standard error is a terminal; scripts get no progress noise.

use roomlens::wording;
use std::io::{IsTerminal, Write};

const BAR_WIDTH: u64 = 24;

pub struct ProgressLine {
    enabled: bool,
    what: String,
}

impl ProgressLine {
    /// `what` names the work, e.g. "attendees".
    pub fn new(what: &str) -> Self {
        ProgressLine {
            enabled: std::io::stderr().is_terminal(),
            what: what.to_owned(),
        }
    }

    pub fn show(&self, windows_done: u32, windows_total: u32, rows: u64) {
        if !self.enabled {
            return;
        }
        let line = render(&self.what, windows_done, windows_total, rows);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
    }

    /// Clears the line so the next message starts clean.
    pub fn finish(&self) {
        if self.enabled {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

fn render(what: &str, windows_done: u32, windows_total: u32, rows: u64) -> String {
    let total = u64::from(windows_total.max(1));
    let done = u64::from(windows_done).min(total);
    let filled = done * BAR_WIDTH / total;
    let bar: String = (0..BAR_WIDTH)
        .map(|i| if i < filled { '#' } else { '-' })
        .collect();
    let windows = if windows_total == 1 {
        "time window"
    } else {
        "time windows"
    };
    format!(
        "[{bar}] Fetching {what} — {windows_done} of {windows_total} {windows}, {} rows",
        wording::count(rows)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts_and_bar() {
        assert_eq!(
            render("attendees", 12, 48, 48210),
            "[######------------------] Fetching attendees — 12 of 48 time windows, 48,210 rows"
        );
        assert!(render("room data", 0, 0, 0)
            .starts_with("[------------------------] Fetching room data — 0 of 0"));
        assert!(render("x", 5, 1, 1).starts_with("[########################]"));
    }
}
