//! Where tick labels go: round values on count axes, round local times on time axes, and every
//! k-th category when there are more categories than labels fit. Chosen from the space available
//! so a 1-minute and a 12-hour session both read well. It does not draw anything.

use crate::clock::SessionClock;

/// A value axis from 0 to `top` with a tick every `step`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValueAxis {
    pub top: f64,
    pub ticks: Vec<f64>,
}

/// A 0-based axis that holds `max` with about `target` ticks at 1, 2 or 5 × 10ⁿ; steps are whole
/// numbers when `whole` (counts of people).
pub(crate) fn value_axis(max: f64, target: usize, whole: bool) -> ValueAxis {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        0.0
    };
    let target = target.max(1) as f64;
    let raw = if max > 0.0 { max / target } else { 1.0 };
    let magnitude = 10f64.powf(raw.log10().floor());
    let mut step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    if whole {
        step = step.max(1.0).round();
    }
    let steps = (max / step).ceil().max(1.0);
    let top = steps * step;
    // Bounded: `steps` is at most about `target` × 2.5.
    let ticks = (0..=(steps as usize)).map(|i| i as f64 * step).collect();
    ValueAxis { top, ticks }
}

/// Minute steps that land on round local times.
const TIME_STEPS: [i64; 14] = [1, 2, 5, 10, 15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880];

/// Indices of the minutes `0..minutes` that get a time label: minutes whose local time is a
/// multiple of the smallest round step that gives at most `max_labels` labels. Never empty when
/// `minutes > 0` (the first minute is labelled when no round time falls inside).
pub(crate) fn time_ticks(clock: &SessionClock, minutes: usize, max_labels: usize) -> Vec<usize> {
    if minutes == 0 {
        return Vec::new();
    }
    let max_labels = max_labels.max(1);
    let first = clock.local_minute(0);
    let ticks_for = |step: i64| -> Vec<usize> {
        let offset = usize::try_from((step - first.rem_euclid(step)) % step).unwrap_or(0);
        let step = usize::try_from(step).unwrap_or(usize::MAX).max(1);
        (offset..minutes).step_by(step).collect()
    };
    let mut ticks = TIME_STEPS
        .iter()
        .map(|step| ticks_for(*step))
        .find(|ticks| ticks.len() <= max_labels)
        .unwrap_or_default();
    if ticks.is_empty() {
        // Longer than the steps go: whole days, as many as fit.
        let minutes_i64 = i64::try_from(minutes).unwrap_or(i64::MAX);
        let per_label = minutes_i64 / i64::try_from(max_labels).unwrap_or(1);
        ticks = ticks_for((per_label / 1440 + 1) * 1440);
    }
    if ticks.is_empty() {
        vec![0]
    } else {
        ticks
    }
}

/// Every `k`-th of `count` categories, so that at most `max_labels` are labelled.
pub(crate) fn category_ticks(count: usize, max_labels: usize) -> Vec<usize> {
    let every = count.div_ceil(max_labels.max(1)).max(1);
    (0..count).step_by(every).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock_at(hour: i64, minute: i64) -> SessionClock {
        SessionClock {
            start_unix_seconds: (20_000 * 1440 + hour * 60 + minute) * 60,
            utc_offset_minutes: 0,
            zone_name: "UTC".into(),
        }
    }

    #[test]
    fn value_axis_is_round_and_holds_the_maximum() {
        let axis = value_axis(137.0, 5, true);
        assert_eq!(axis.top, 150.0);
        assert_eq!(axis.ticks.first(), Some(&0.0));
        assert_eq!(axis.ticks, vec![0.0, 50.0, 100.0, 150.0]);
        let small = value_axis(3.0, 5, true);
        assert_eq!(small.ticks, vec![0.0, 1.0, 2.0, 3.0]);
        let empty = value_axis(f64::NAN, 5, true);
        assert_eq!(empty.top, 1.0);
        assert!(value_axis(0.37, 5, false).top >= 0.37);
    }

    #[test]
    fn time_ticks_land_on_round_local_times() {
        let clock = clock_at(9, 57);
        let ticks = time_ticks(&clock, 720, 8);
        assert!(ticks.len() <= 8 && ticks.len() >= 4, "{ticks:?}");
        for t in &ticks {
            assert!(clock.label(*t).ends_with(":00"), "{}", clock.label(*t));
        }
        assert_eq!(time_ticks(&clock, 1, 8), vec![0]);
        assert_eq!(time_ticks(&clock, 5, 8), vec![0, 1, 2, 3, 4]);
        assert!(time_ticks(&clock, 0, 8).is_empty());
        assert!(time_ticks(&clock, 100_000, 8).len() <= 8);
    }

    #[test]
    fn category_ticks_thin_out() {
        assert_eq!(category_ticks(5, 10), vec![0, 1, 2, 3, 4]);
        assert_eq!(category_ticks(365, 10).len(), 10);
        assert!(category_ticks(0, 10).is_empty());
    }
}
