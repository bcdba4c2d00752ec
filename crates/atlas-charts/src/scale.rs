//! Nice numbers for axes, keys and scale bars.

/// The largest of 1, 2 or 5 × 10ⁿ that is at most `value` (`value` > 0).
pub(crate) fn nice_floor(value: f64) -> f64 {
    if !value.is_finite() || value <= 0.0 {
        return 0.0;
    }
    let power = 10f64.powf(value.log10().floor());
    let fraction = value / power;
    // A little slack so that 0.3 / 0.1 style rounding does not drop a step.
    let nice = if fraction >= 5.0 - 1e-9 {
        5.0
    } else if fraction >= 2.0 - 1e-9 {
        2.0
    } else {
        1.0
    };
    nice * power
}

/// A tick step of 1, 2 or 5 × 10ⁿ giving about `target` intervals over `span`.
pub(crate) fn nice_step(span: f64, target: usize) -> f64 {
    if !span.is_finite() || span <= 0.0 {
        return 1.0;
    }
    let raw = span / target.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 2.5 {
        2.5
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// A linear value axis: a domain widened to whole steps, and its ticks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
}

impl Axis {
    /// An axis covering `lo..=hi` (and zero) with about `target` intervals.
    pub(crate) fn covering(lo: f64, hi: f64, target: usize) -> Axis {
        let (mut lo, mut hi) = (lo.min(0.0), hi.max(0.0));
        if hi - lo <= 0.0 {
            hi = lo + 1.0;
        }
        let step = nice_step(hi - lo, target);
        lo = (lo / step + 1e-9).floor() * step;
        hi = (hi / step - 1e-9).ceil() * step;
        Axis { lo, hi, step }
    }

    /// An axis covering `lo..=hi` without forcing zero in, padded by 4 % of the span
    /// each side so that points do not sit on the frame. Padding never takes the axis
    /// below zero when no value is negative (counts, rates and percentages have no
    /// negative values to show), nor above 100 when `lo..=hi` lies within 0–100 and
    /// `percent` says the values are percentages.
    pub(crate) fn around_within(lo: f64, hi: f64, target: usize, percent: bool) -> Axis {
        let mut axis = Axis::around_unbounded(lo, hi, target);
        if lo >= 0.0 && axis.lo < 0.0 {
            axis.lo = 0.0;
        }
        if percent && hi <= 100.0 && lo >= 0.0 && axis.hi > 100.0 {
            axis.hi = 100.0;
            // 100 must be a tick: fall back to a step that divides it.
            if (100.0 / axis.step - (100.0 / axis.step).round()).abs() > 1e-9 {
                axis.step = [10.0, 20.0, 25.0, 50.0]
                    .into_iter()
                    .find(|s| *s >= axis.step)
                    .unwrap_or(50.0);
                axis.lo = (axis.lo / axis.step + 1e-9).floor() * axis.step;
            }
        }
        axis
    }

    fn around_unbounded(lo: f64, hi: f64, target: usize) -> Axis {
        let (lo, hi) = if lo.is_finite() && hi.is_finite() && lo <= hi {
            (lo, hi)
        } else {
            (0.0, 1.0)
        };
        let pad = ((hi - lo) * 0.04).max(hi.abs().max(1.0) * 1e-3);
        let (mut lo, mut hi) = (lo - pad, hi + pad);
        let step = nice_step(hi - lo, target);
        lo = (lo / step + 1e-9).floor() * step;
        hi = (hi / step - 1e-9).ceil() * step;
        if hi <= lo {
            hi = lo + step;
        }
        Axis { lo, hi, step }
    }

    /// The tick values from `lo` to `hi`.
    pub(crate) fn ticks(&self) -> Vec<f64> {
        let count = ((self.hi - self.lo) / self.step).round() as usize;
        (0..=count)
            .map(|i| {
                let value = self.lo + i as f64 * self.step;
                // Snap away floating-point noise (0.30000000000000004).
                (value / self.step).round() * self.step
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_floor_uses_one_two_five() {
        assert_eq!(nice_floor(30_000.0), 20_000.0);
        assert_eq!(nice_floor(9_999.0), 5_000.0);
        assert_eq!(nice_floor(1.0), 1.0);
        assert_eq!(nice_floor(0.7), 0.5);
        assert_eq!(nice_floor(0.0), 0.0);
    }

    #[test]
    fn axis_covers_data_and_zero_with_round_ticks() {
        let axis = Axis::covering(0.0, 47_548.0, 5);
        assert_eq!(axis.step, 10_000.0);
        assert_eq!(axis.lo, 0.0);
        assert_eq!(axis.hi, 50_000.0);
        assert_eq!(axis.ticks().len(), 6);

        let axis = Axis::covering(-3.0, 7.0, 5);
        assert!(axis.lo <= -3.0 && axis.hi >= 7.0);
        assert!(axis.ticks().contains(&0.0));

        let flat = Axis::covering(0.0, 0.0, 5);
        assert!(flat.hi > flat.lo);

        let around = Axis::around_within(55.0, 110.0, 5, false);
        assert!(around.lo > 0.0 && around.lo < 55.0 && around.hi > 110.0);
        let flat = Axis::around_within(3.0, 3.0, 5, false);
        assert!(flat.lo < 3.0 && flat.hi > 3.0);
    }

    #[test]
    fn padding_stays_inside_the_domain() {
        // Percentages from 0 to 99: not −20 to 120.
        let axis = Axis::around_within(0.0, 99.0, 6, true);
        assert_eq!((axis.lo, axis.hi), (0.0, 100.0));
        assert!(axis.ticks().contains(&100.0));
        // Denominators from 0: no negative patients.
        let axis = Axis::around_within(0.0, 47_000.0, 5, false);
        assert_eq!(axis.lo, 0.0);
        // Data that are negative keep their room; a percentage above 100 (a change on
        // a baseline) is not capped.
        assert!(Axis::around_within(-3.0, 7.0, 5, false).lo < -3.0);
        assert!(Axis::around_within(60.0, 130.0, 6, true).hi > 130.0);
        // Without the percentage hint, 100 is no ceiling.
        assert!(Axis::around_within(0.0, 99.0, 6, false).hi > 100.0);
    }
}
