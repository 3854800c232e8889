//! Start-up milestones for the desktop benchmark. When ROOMLENS_STARTUP_TRACE is set, each
//! milestone is written once to stderr as `roomlens-startup <unix time in ms> <milestone>`, so
//! `bench/desktop.py` can time a cold start without WebDriver (whose automation session slows
//! start-up). Otherwise it does nothing. It writes no file and says nothing about accounts or data.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Milestone {
    /// `run` has begun (shared libraries are loaded).
    Started,
    /// The window is shown; the page is still loading.
    WindowShown,
    /// The page has loaded and asks for its start data (accounts, last view).
    PageLoaded,
    /// The first page of a report's rows has been handed to the page.
    FirstRowsServed,
}

impl Milestone {
    fn name(self) -> &'static str {
        match self {
            Milestone::Started => "started",
            Milestone::WindowShown => "window-shown",
            Milestone::PageLoaded => "page-loaded",
            Milestone::FirstRowsServed => "first-rows-served",
        }
    }
}

/// Whether each milestone has been written, indexed by the enum's own discriminant.
static SEEN: [AtomicBool; 4] = [const { AtomicBool::new(false) }; 4];

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("ROOMLENS_STARTUP_TRACE").is_some())
}

/// Notes `milestone` the first time it is reached, when tracing is on.
pub fn mark(milestone: Milestone) {
    if !enabled() {
        return;
    }
    if let Some(seen) = SEEN.get(milestone as usize) {
        if seen.swap(true, Ordering::Relaxed) {
            return;
        }
    }
    eprintln!("{}", line(milestone, SystemTime::now()));
}

fn line(milestone: Milestone, at: SystemTime) -> String {
    let ms = at
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    format!("roomlens-startup {ms} {}", milestone.name())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_milestone_is_one_line_with_its_time() {
        let at = UNIX_EPOCH + Duration::from_millis(1_779_926_400_123);
        assert_eq!(
            line(Milestone::PageLoaded, at),
            "roomlens-startup 1779926400123 page-loaded"
        );
        let all = [
            Milestone::Started,
            Milestone::WindowShown,
            Milestone::PageLoaded,
            Milestone::FirstRowsServed,
        ];
        let names = all.map(Milestone::name);
        assert_eq!(
            names,
            [
                "started",
                "window-shown",
                "page-loaded",
                "first-rows-served"
            ]
        );
        assert_eq!(
            all.map(|m| m as usize),
            [0, 1, 2, 3],
            "each milestone has its own slot in SEEN"
        );
        assert_eq!(SEEN.len(), all.len());
    }
}
