//! A plotters axis over `f64` whose tick positions are chosen by this crate (round local times,
//! round counts, category centres) instead of by plotters, and which keeps plotters' mesh and label
//! drawing usable (plotters' own `with_key_points` over `f64` loses its label formatting). It does
//! not choose ticks itself: see `ticks.rs`.

use std::ops::Range;

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};

/// `lo..hi` with tick marks and labels exactly at `ticks`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TickedRange {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
}

impl TickedRange {
    pub(crate) fn new(lo: f64, hi: f64, ticks: Vec<f64>) -> Self {
        let ticks = ticks.into_iter().filter(|t| *t >= lo && *t <= hi).collect();
        TickedRange { lo, hi, ticks }
    }

    /// Where `value` falls between `start` and `end` (pixels), unrounded.
    pub(crate) fn position(&self, value: f64, start: f64, end: f64) -> f64 {
        if self.hi == self.lo {
            return (start + end) / 2.0;
        }
        start + (value - self.lo) / (self.hi - self.lo) * (end - start)
    }
}

impl Ranged for TickedRange {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let pixel = self.position(*value, f64::from(limit.0), f64::from(limit.1));
        if pixel.is_finite() {
            // `as` saturates at i32's bounds: a value far outside the range stays far outside.
            (pixel + 1e-3).floor() as i32
        } else {
            limit.0
        }
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.lo..self.hi
    }
}
