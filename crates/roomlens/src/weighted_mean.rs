//! A running mean of engagement ratios, weighted (by minutes, users or participants, as the
//! caller decides) with a plain mean as the fallback when no value has a positive weight.
//! It does not know what the numbers mean.

#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(crate) struct WeightedMean {
    weighted_sum: f64,
    weight_sum: f64,
    plain_sum: f64,
    count: u64,
}

impl WeightedMean {
    /// Adds `value` (if known) with `weight` (ignored unless positive).
    pub fn add(&mut self, value: Option<f64>, weight: Option<f64>) {
        if let Some(v) = value {
            self.plain_sum += v;
            self.count += 1;
            if let Some(w) = weight.filter(|w| *w > 0.0 && w.is_finite()) {
                self.weighted_sum += v * w;
                self.weight_sum += w;
            }
        }
    }

    /// Adds everything `other` holds, as if its values had been added here.
    pub fn merge(&mut self, other: &WeightedMean) {
        self.weighted_sum += other.weighted_sum;
        self.weight_sum += other.weight_sum;
        self.plain_sum += other.plain_sum;
        self.count += other.count;
    }

    /// The weighted mean; the plain mean when no value had a positive weight; `None` without values.
    pub fn value(&self) -> Option<f64> {
        if self.weight_sum > 0.0 {
            Some(self.weighted_sum / self.weight_sum)
        } else if self.count > 0 {
            Some(self.plain_sum / self.count as f64)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_apply_and_fall_back_to_a_plain_mean() {
        let mut m = WeightedMean::default();
        assert_eq!(m.value(), None);
        m.add(Some(1.0), Some(0.0));
        m.add(Some(0.5), None);
        assert_eq!(m.value(), Some(0.75));
        m.add(Some(0.2), Some(3.0));
        m.add(Some(0.6), Some(1.0));
        m.add(None, Some(100.0));
        assert_eq!(m.value(), Some((0.2 * 3.0 + 0.6) / 4.0));
    }
}
