//! Statistical methods: confidence intervals, benchmarking, funnel plots, SPC, recent
//! trends and percentiles, each matching its published reference implementation.
//!
//! - [`ci`]: Wilson score (proportions), Byar's and exact Poisson (counts and rates),
//!   Student's t (means), Dobson's method with the 2013 European Standard Population
//!   (directly standardised rates). Source: PHEindicatormethods (`phe_proportion`,
//!   `phe_rate`, `phe_mean`, `phe_dsr`) and the Fingertips technical guidance.
//! - [`benchmark`]: Fingertips' comparison of an area's interval with a comparator.
//! - [`funnel`]: PHE funnel plot control limits and significance, with Spiegelhalter's
//!   overdispersion test and adjustment.
//! - [`spc`]: Making Data Count XmR charts (as NHSRplotthedots computes them).
//! - [`trend`]: the Fingertips recent trend.
//! - [`percentile`]: Excel's `PERCENTILE.INC`.
//! - [`inequality`]: the slope and relative indices of inequality (`phe_sii`).
//! - [`correlation`]: the least-squares line, R² and Pearson's r with Fisher's interval.
//!
//! Invalid input is data, never a panic: every function that takes numbers from a
//! user returns a [`StatsError`] that says what is wrong in words.

#![warn(missing_docs)]

pub mod benchmark;
pub mod ci;
pub mod correlation;
pub mod funnel;
pub mod inequality;
pub mod percentile;
pub mod spc;
pub mod trend;

#[cfg(test)]
use statrs::distribution::{ContinuousCDF, Normal};

/// A two-sided interval: a confidence interval around a value, or a pair of control
/// limits around a baseline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// The lower end.
    pub lower: f64,
    /// The upper end.
    pub upper: f64,
}

impl Interval {
    /// True when `x` lies in the closed interval `[lower, upper]`.
    pub fn contains(&self, x: f64) -> bool {
        self.lower <= x && x <= self.upper
    }

    /// The interval with both ends multiplied by `factor` (e.g. 100 for a percentage).
    pub fn scaled(&self, factor: f64) -> Interval {
        Interval {
            lower: self.lower * factor,
            upper: self.upper * factor,
        }
    }
}

/// The two-sided 95% standard normal quantile, Φ⁻¹(0.975) = 1.959964 (R `qnorm(0.975)`),
/// for callers that need a constant; equal to `ConfidenceLevel::P95.z()` (tested).
pub const Z_95: f64 = 1.959_963_984_540_054;

/// The two-sided 99.8% standard normal quantile, Φ⁻¹(0.999) = 3.090232 (R
/// `qnorm(0.999)`); equal to `ConfidenceLevel::P99_8.z()` (tested).
pub const Z_99_8: f64 = 3.090_232_306_167_813;

/// The two confidence levels the Fingertips tools publish: 95% and 99.8%.
///
/// 99.8% is the level at which Fingertips and PHE funnel plots draw the "3 sigma"
/// limits; 95% the "2 sigma" limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConfidenceLevel {
    /// 95%: two-sided z = 1.959964.
    P95,
    /// 99.8%: two-sided z = 3.090232.
    P99_8,
}

impl ConfidenceLevel {
    /// Both levels, 95% first.
    pub const ALL: [ConfidenceLevel; 2] = [ConfidenceLevel::P95, ConfidenceLevel::P99_8];

    /// The confidence as a probability: 0.95 or 0.998.
    pub fn confidence(self) -> f64 {
        match self {
            ConfidenceLevel::P95 => 0.95,
            ConfidenceLevel::P99_8 => 0.998,
        }
    }

    /// The two-sided standard normal quantile for this level,
    /// `z = Φ⁻¹(1 − (1 − confidence)/2)`, as R's `qnorm(confidence + (1 - confidence)/2)`
    /// in PHEindicatormethods: 1.959964 at 95%, 3.090232 at 99.8%.
    pub fn z(self) -> f64 {
        // The constants, which the tests check against the quantile function: working
        // the quantile out on every call was a visible share of redrawing 6,500 practices.
        match self {
            ConfidenceLevel::P95 => Z_95,
            ConfidenceLevel::P99_8 => Z_99_8,
        }
    }
}

/// The standard normal quantile function Φ⁻¹(p) (statrs). `p` must lie in (0, 1).
#[cfg(test)]
pub(crate) fn normal_quantile(p: f64) -> f64 {
    Normal::standard().inverse_cdf(p)
}

/// Why a statistic could not be calculated. The message is written for the analyst
/// and is what `pcatlas` prints in its `note` column.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StatsError {
    /// A number is NaN or infinite.
    #[error("{name} is not a finite number")]
    NotFinite {
        /// What the number is (numerator, value…).
        name: &'static str,
    },
    /// A count or numerator below zero.
    #[error("{name} must be zero or more (got {value})")]
    Negative {
        /// What the number is.
        name: &'static str,
        /// The number given.
        value: f64,
    },
    /// A denominator, expected count or multiplier of zero or less.
    #[error("{name} must be greater than zero (got {value})")]
    NotPositive {
        /// What the number is.
        name: &'static str,
        /// The number given.
        value: f64,
    },
    /// A proportion's numerator above its denominator.
    #[error("numerator ({numerator}) is above denominator ({denominator}) for a proportion")]
    NumeratorAboveDenominator {
        /// The numerator given.
        numerator: f64,
        /// The denominator given.
        denominator: f64,
    },
    /// Too few values for the method.
    #[error("needs at least {needed} values, got {got}")]
    TooFewValues {
        /// How many the method needs.
        needed: usize,
        /// How many there were.
        got: usize,
    },
    /// A group with no values at all.
    #[error("empty group: no values")]
    EmptyGroup,
    /// A directly standardised rate with fewer than 10 events in total.
    #[error("not calculated: total count {total_count} is below 10")]
    TotalCountBelowTen {
        /// Σ events over the age bands.
        total_count: f64,
    },
    /// An age band outside 0–18 or given twice, or one missing.
    #[error("{0}")]
    AgeBands(String),
    /// A probability or setting outside its range.
    #[error("{name} must be {range} (got {value})")]
    OutOfRange {
        /// What the number is.
        name: &'static str,
        /// The allowed range, in words.
        range: &'static str,
        /// The number given.
        value: f64,
    },
    /// A confidence interval of zero width, so no standard error can be derived.
    #[error("the 95% interval has zero width, so it gives no standard error")]
    ZeroWidthInterval,
    /// Input the method cannot take, said in words (the quantiles of an SII).
    #[error("{0}")]
    Invalid(String),
}

/// `Ok(x)` when `x` is finite, otherwise [`StatsError::NotFinite`].
pub(crate) fn finite(name: &'static str, x: f64) -> Result<f64, StatsError> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(StatsError::NotFinite { name })
    }
}

/// `Ok(x)` when `x` is finite and zero or more.
pub(crate) fn non_negative(name: &'static str, x: f64) -> Result<f64, StatsError> {
    let x = finite(name, x)?;
    if x < 0.0 {
        Err(StatsError::Negative { name, value: x })
    } else {
        Ok(x)
    }
}

/// `Ok(x)` when `x` is finite and above zero.
pub(crate) fn positive(name: &'static str, x: f64) -> Result<f64, StatsError> {
    let x = finite(name, x)?;
    if x <= 0.0 {
        Err(StatsError::NotPositive { name, value: x })
    } else {
        Ok(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn z_values_match_the_published_constants() {
        // The issue and Fingertips quote z to 6 decimal places: 1.959964 and 3.090232
        // (R: qnorm(0.975) = 1.959963985, qnorm(0.999) = 3.090232306).
        assert!((ConfidenceLevel::P95.z() - 1.959_963_985).abs() < 1e-8);
        assert!((ConfidenceLevel::P99_8.z() - 3.090_232_306).abs() < 1e-8);
        for level in ConfidenceLevel::ALL {
            let quantile = normal_quantile(1.0 - (1.0 - level.confidence()) / 2.0);
            assert!((level.z() - quantile).abs() < 1e-14, "{level:?}");
        }
    }

    #[test]
    fn interval_helpers() {
        let i = Interval {
            lower: 0.1,
            upper: 0.3,
        };
        assert!(i.contains(0.1) && i.contains(0.3) && !i.contains(0.31));
        assert_eq!(i.scaled(10.0).upper, 3.0);
    }
}
