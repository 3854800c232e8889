//! Time windows for fetching: a range cut into 7-day half-open windows `[from, to)`, and a
//! window's two halves when Kaltura's row cap forces a split, down to one minute. It does not
//! fetch; `fetch` drives the splitting.

/// Length of the first cut: seven days.
pub(crate) const WINDOW_SECONDS: i64 = 7 * 86_400;
/// Windows this short are not split further.
pub(crate) const MIN_WINDOW_SECONDS: i64 = 60;

/// `[from, to)` in Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Window {
    pub from: i64,
    pub to: i64,
}

impl Window {
    pub fn seconds(self) -> i64 {
        self.to - self.from
    }

    /// The two halves `[from, mid)` and `[mid, to)`, or `None` when the window is already a
    /// minute or shorter.
    pub fn halves(self) -> Option<(Window, Window)> {
        if self.seconds() <= MIN_WINDOW_SECONDS {
            return None;
        }
        let mid = self.from + self.seconds() / 2;
        Some((Window { from: self.from, to: mid }, Window { from: mid, to: self.to }))
    }
}

/// `[from, to)` cut into consecutive 7-day windows (the last one shorter); empty if `from >= to`.
pub(crate) fn plan(from: i64, to: i64) -> Vec<Window> {
    let mut windows = Vec::new();
    let mut start = from;
    while start < to {
        let end = start.saturating_add(WINDOW_SECONDS).min(to);
        windows.push(Window { from: start, to: end });
        start = end;
    }
    windows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_is_53_windows_without_gaps_or_overlaps() {
        let from = 1_700_000_000;
        let to = from + 365 * 86_400;
        let windows = plan(from, to);
        assert_eq!(windows.len(), 53);
        assert_eq!(windows.first().unwrap().from, from);
        assert_eq!(windows.last().unwrap().to, to);
        for pair in windows.windows(2) {
            assert_eq!(pair[0].to, pair[1].from);
        }
        assert!(plan(5, 5).is_empty());
        assert!(plan(6, 5).is_empty());
    }

    #[test]
    fn halving_ends_at_one_minute() {
        let mut window = Window { from: 0, to: WINDOW_SECONDS };
        let mut splits = 0;
        while let Some((left, right)) = window.halves() {
            assert_eq!(left.to, right.from);
            assert_eq!(left.from, window.from);
            assert_eq!(right.to, window.to);
            window = right;
            splits += 1;
        }
        assert!(window.seconds() <= MIN_WINDOW_SECONDS && window.seconds() > MIN_WINDOW_SECONDS / 2);
        assert_eq!(splits, 14);
        assert_eq!(Window { from: 0, to: 61 }.halves(), Some((Window { from: 0, to: 30 }, Window { from: 30, to: 61 })));
        assert_eq!(Window { from: 0, to: 60 }.halves(), None);
    }
}
