//! The recent trend, as Fingertips computes it.
//!
//! Over the last 5 points, the value is regressed on time (positions 1–5) by weighted
//! least squares with weights wᵢ = 1/SEᵢ², where SEᵢ = (upper₉₅ − lower₉₅)/(2 × 1.959964)
//! comes from each point's 95% confidence interval:
//!
//! ```text
//! x̄ = Σwx/Σw,  ȳ = Σwy/Σw,  Sxx = Σw(x − x̄)²
//! slope b = Σw(x − x̄)(y − ȳ) / Sxx,   var(b) = 1/Sxx,   χ² = b²·Sxx
//! ```
//!
//! The trend is significant when χ² exceeds the 99.8% point of χ² with 1 degree of
//! freedom (9.5495) and the slope keeps its sign when each of the 5 points is dropped
//! in turn. It is then increasing or decreasing, and getting better or worse by the
//! indicator's polarity.
//!
//! Source: Fingertips technical guidance, "Recent trends" (PHE, 2016–), and the
//! Fingertips `TrendMarkerCalculator`.

use super::ci::chi_squared_quantile;
use super::{finite, ConfidenceLevel, StatsError};
use crate::model::Polarity;

/// Number of most recent points the trend is computed over.
pub const RECENT_POINTS: usize = 5;

/// The direction of a recent trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Trend {
    /// Significantly rising.
    Increasing,
    /// Significantly falling.
    Decreasing,
    /// No significant trend.
    NoSignificantChange,
    /// Too few points or unusable intervals.
    CannotBeCalculated,
}

impl Trend {
    /// `increasing`, `decreasing`, `no_significant_change` or `cannot_be_calculated`.
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Increasing => "increasing",
            Trend::Decreasing => "decreasing",
            Trend::NoSignificantChange => "no_significant_change",
            Trend::CannotBeCalculated => "cannot_be_calculated",
        }
    }
}

/// Whether a significant trend is good news, by the indicator's polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrendPolarity {
    /// Moving in the good direction.
    GettingBetter,
    /// Moving in the bad direction.
    GettingWorse,
}

impl TrendPolarity {
    /// `getting_better` or `getting_worse`.
    pub fn as_str(self) -> &'static str {
        match self {
            TrendPolarity::GettingBetter => "getting_better",
            TrendPolarity::GettingWorse => "getting_worse",
        }
    }
}

/// One point of a series with its 95% confidence interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrendPoint {
    /// The indicator value.
    pub value: f64,
    /// Lower 95% confidence limit.
    pub lower_95: f64,
    /// Upper 95% confidence limit.
    pub upper_95: f64,
}

/// A recent trend with its test statistics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecentTrend {
    /// The direction, or no significant change.
    pub trend: Trend,
    /// Better or worse, for a significant trend on an indicator with a polarity.
    pub polarity: Option<TrendPolarity>,
    /// The weighted least-squares slope per time step.
    pub slope: f64,
    /// χ² = slope² / var(slope).
    pub chi_squared: f64,
}

/// The χ² threshold: the 99.8% point of χ² with 1 degree of freedom, 9.5495 (statrs).
pub fn chi_squared_threshold() -> f64 {
    chi_squared_quantile(0.998, 1.0).unwrap_or(9.549_535_706_083_237)
}

/// The weighted least-squares slope of `(x, y, w)` and its χ² = b²·Sxx.
pub fn weighted_slope(points: &[(f64, f64, f64)]) -> (f64, f64) {
    let sum_w: f64 = points.iter().map(|p| p.2).sum();
    let x_bar = points.iter().map(|p| p.2 * p.0).sum::<f64>() / sum_w;
    let y_bar = points.iter().map(|p| p.2 * p.1).sum::<f64>() / sum_w;
    let sxx: f64 = points.iter().map(|p| p.2 * (p.0 - x_bar).powi(2)).sum();
    let sxy: f64 = points
        .iter()
        .map(|p| p.2 * (p.0 - x_bar) * (p.1 - y_bar))
        .sum();
    let slope = sxy / sxx;
    (slope, slope * slope * sxx)
}

/// The recent trend of a series (in time order) over its last [`RECENT_POINTS`]
/// points. Errors (which callers show as `cannot_be_calculated`): fewer than 5 points,
/// a value or limit that is not finite, an interval of zero or negative width.
pub fn recent_trend(points: &[TrendPoint], polarity: Polarity) -> Result<RecentTrend, StatsError> {
    if points.len() < RECENT_POINTS {
        return Err(StatsError::TooFewValues {
            needed: RECENT_POINTS,
            got: points.len(),
        });
    }
    let recent = &points[points.len() - RECENT_POINTS..];
    let z = ConfidenceLevel::P95.z();
    let mut data = Vec::with_capacity(RECENT_POINTS);
    for (i, p) in recent.iter().enumerate() {
        let y = finite("value", p.value)?;
        let lower = finite("lower_95", p.lower_95)?;
        let upper = finite("upper_95", p.upper_95)?;
        if upper < lower {
            return Err(StatsError::OutOfRange {
                name: "upper_95",
                range: "at or above lower_95",
                value: upper,
            });
        }
        let se = (upper - lower) / (2.0 * z);
        if se <= 0.0 {
            return Err(StatsError::ZeroWidthInterval);
        }
        data.push(((i + 1) as f64, y, 1.0 / (se * se)));
    }
    let (slope, chi_squared) = weighted_slope(&data);
    let direction = if slope > 0.0 {
        1.0
    } else if slope < 0.0 {
        -1.0
    } else {
        0.0
    };
    let robust = direction != 0.0
        && (0..RECENT_POINTS).all(|drop| {
            let rest: Vec<(f64, f64, f64)> = data
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != drop)
                .map(|(_, p)| *p)
                .collect();
            weighted_slope(&rest).0 * direction > 0.0
        });
    let trend = if chi_squared > chi_squared_threshold() && robust {
        if direction > 0.0 {
            Trend::Increasing
        } else {
            Trend::Decreasing
        }
    } else {
        Trend::NoSignificantChange
    };
    let polarity =
        match (trend, polarity) {
            (Trend::Increasing, Polarity::HighIsGood)
            | (Trend::Decreasing, Polarity::LowIsGood) => Some(TrendPolarity::GettingBetter),
            (Trend::Increasing, Polarity::LowIsGood)
            | (Trend::Decreasing, Polarity::HighIsGood) => Some(TrendPolarity::GettingWorse),
            _ => None,
        };
    Ok(RecentTrend {
        trend,
        polarity,
        slope,
        chi_squared,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(values: &[f64], half_width: f64) -> Vec<TrendPoint> {
        values
            .iter()
            .map(|&value| TrendPoint {
                value,
                lower_95: value - half_width,
                upper_95: value + half_width,
            })
            .collect()
    }

    const Z: f64 = 1.959_963_984_540_054;

    #[test]
    fn threshold_is_9_5495() {
        // SciPy chi2.ppf(0.998, 1) = 9.549535706083237.
        assert!((chi_squared_threshold() - 9.549_535_706_083_237).abs() < 1e-6);
    }

    #[test]
    fn a_steady_rise_is_increasing() {
        // SE = 1 everywhere: ordinary least squares, slope 2, Sxx = Σ(x − 3)² = 10,
        // χ² = 4 × 10 = 40 > 9.5495; every 4-point slope is also 2.
        let t = recent_trend(
            &series(&[10.0, 12.0, 14.0, 16.0, 18.0], Z),
            Polarity::HighIsGood,
        )
        .unwrap();
        assert_eq!(t.trend, Trend::Increasing);
        assert_eq!(t.polarity, Some(TrendPolarity::GettingBetter));
        assert!((t.slope - 2.0).abs() < 1e-12 && (t.chi_squared - 40.0).abs() < 1e-9);
        let t = recent_trend(
            &series(&[18.0, 16.0, 14.0, 12.0, 10.0], Z),
            Polarity::HighIsGood,
        )
        .unwrap();
        assert_eq!(t.trend, Trend::Decreasing);
        assert_eq!(t.polarity, Some(TrendPolarity::GettingWorse));
        let t = recent_trend(
            &series(&[18.0, 16.0, 14.0, 12.0, 10.0], Z),
            Polarity::NoJudgement,
        )
        .unwrap();
        assert_eq!(t.polarity, None);
    }

    #[test]
    fn only_the_last_five_points_count() {
        let t = recent_trend(
            &series(&[100.0, 0.0, 10.0, 12.0, 14.0, 16.0, 18.0], Z),
            Polarity::LowIsGood,
        )
        .unwrap();
        assert_eq!(t.trend, Trend::Increasing);
        assert_eq!(t.polarity, Some(TrendPolarity::GettingWorse));
    }

    #[test]
    fn a_flat_series_has_no_significant_change() {
        // Σ(x − 3)(y − 10.4) = 0.8 − 0.6 + 0 + 0.6 − 0.8 = 0: slope 0.
        let t = recent_trend(
            &series(&[10.0, 11.0, 10.0, 11.0, 10.0], Z),
            Polarity::HighIsGood,
        )
        .unwrap();
        assert_eq!(t.trend, Trend::NoSignificantChange);
        assert_eq!(t.polarity, None);
    }

    #[test]
    fn one_point_driving_the_slope_is_not_a_trend() {
        // 10,10,10,10,30 with SE 1: slope = (8 + 4 − 4 + 32)/10 = 4, χ² = 160, but
        // dropping the 30 leaves slope 0, so the sign is not kept.
        let t = recent_trend(
            &series(&[10.0, 10.0, 10.0, 10.0, 30.0], Z),
            Polarity::HighIsGood,
        )
        .unwrap();
        assert!((t.chi_squared - 160.0).abs() < 1e-9);
        assert_eq!(t.trend, Trend::NoSignificantChange);
    }

    #[test]
    fn weights_come_from_the_intervals() {
        // NumPy polyfit with weights √w, w = 1/SE², SE = (upper − lower)/(2 z):
        // slope 1.6921089713480524, χ² = 9.855577179356997 (just above 9.5495);
        // the five drop-one slopes are all positive (0.99 to 2.00).
        let points: Vec<TrendPoint> = [
            (50.0, 46.0, 54.0),
            (52.0, 49.0, 55.0),
            (55.0, 51.0, 59.0),
            (53.0, 50.0, 56.0),
            (58.0, 55.0, 61.0),
        ]
        .iter()
        .map(|&(value, lower_95, upper_95)| TrendPoint {
            value,
            lower_95,
            upper_95,
        })
        .collect();
        let t = recent_trend(&points, Polarity::HighIsGood).unwrap();
        assert!((t.slope - 1.692_108_971_348_052_4).abs() < 1e-9);
        assert!((t.chi_squared - 9.855_577_179_356_997).abs() < 1e-9);
        assert_eq!(t.trend, Trend::Increasing);
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(matches!(
            recent_trend(&series(&[1.0, 2.0, 3.0, 4.0], Z), Polarity::HighIsGood),
            Err(StatsError::TooFewValues { .. })
        ));
        assert_eq!(
            recent_trend(
                &series(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.0),
                Polarity::HighIsGood
            ),
            Err(StatsError::ZeroWidthInterval)
        );
        assert!(recent_trend(
            &series(&[1.0, 2.0, f64::NAN, 4.0, 5.0], Z),
            Polarity::HighIsGood
        )
        .is_err());
        assert!(recent_trend(
            &series(&[1.0, 2.0, 3.0, 4.0, 5.0], -1.0),
            Polarity::HighIsGood
        )
        .is_err());
    }
}
