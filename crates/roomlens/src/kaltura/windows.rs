//! Time windows for fetching: a range cut into 7-day half-open windows `[from, to)`, and a
//! window's parts (four, fewer when it is short) when Kaltura's row cap forces a split, down to
//! one minute. It does not fetch; `fetch` drives the splitting.

/// Length of the first cut: seven days.
pub(crate) const WINDOW_SECONDS: i64 = 7 * 86_400;
/// Windows this short are not split further.
pub(crate) const MIN_WINDOW_SECONDS: i64 = 60;
/// How many parts a window at the row cap is cut into. Four rather than two: a very busy day inside
/// a 7-day window then needs two rounds of splitting instead of four, for the same number of requests.
pub(crate) const SPLIT_PARTS: i64 = 4;

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

    /// Consecutive parts covering the window exactly: four, or fewer for a window under four
    /// minutes (never parts much shorter than a minute); `None` when the window is already a
    /// minute or shorter.
    pub fn split(self) -> Option<Vec<Window>> {
        let seconds = self.seconds();
        if seconds <= MIN_WINDOW_SECONDS {
            return None;
        }
        let parts = (seconds / MIN_WINDOW_SECONDS).clamp(2, SPLIT_PARTS);
        let bounds: Vec<i64> = (0..=parts)
            .map(|i| self.from + seconds * i / parts)
            .collect();
        Some(
            bounds
                .iter()
                .zip(bounds.iter().skip(1))
                .map(|(&from, &to)| Window { from, to })
                .collect(),
        )
    }
}

/// `[from, to)` cut into consecutive 7-day windows (the last one shorter); empty if `from >= to`.
pub(crate) fn plan(from: i64, to: i64) -> Vec<Window> {
    let mut windows = Vec::new();
    let mut start = from;
    while start < to {
        let end = start.saturating_add(WINDOW_SECONDS).min(to);
        windows.push(Window {
            from: start,
            to: end,
        });
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
    fn splitting_covers_the_window_and_ends_at_one_minute() {
        let mut window = Window {
            from: 0,
            to: WINDOW_SECONDS,
        };
        let mut rounds = 0;
        while let Some(parts) = window.split() {
            assert!(parts.len() >= 2 && parts.len() <= SPLIT_PARTS as usize);
            assert_eq!(parts.first().unwrap().from, window.from);
            assert_eq!(parts.last().unwrap().to, window.to);
            for pair in parts.windows(2) {
                assert_eq!(pair[0].to, pair[1].from);
                assert!(pair[0].seconds() > 0);
            }
            window = *parts.last().unwrap();
            rounds += 1;
        }
        assert!(
            window.seconds() <= MIN_WINDOW_SECONDS && window.seconds() >= MIN_WINDOW_SECONDS / 2
        );
        assert_eq!(rounds, 8);
        assert_eq!(
            Window { from: 0, to: 61 }.split(),
            Some(vec![
                Window { from: 0, to: 30 },
                Window { from: 30, to: 61 }
            ])
        );
        assert_eq!(Window { from: 0, to: 180 }.split().unwrap().len(), 3);
        assert_eq!(Window { from: 0, to: 60 }.split(), None);
    }
}
