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
//! Indicators Fingertips compares by SPC for proportions (QOF prevalence, for one) take
//! their trend from the counts instead ([`recent_trend_of_proportion`]): the chi-squared
//! test for trend in proportions (Cochran–Armitage) over the last 5 points, with the
//! same drop-one check on the ordinary least-squares slope of the log-odds.
//!
//! Source: Fingertips technical guidance, "Recent trends" (PHE, 2016–), and the
//! Fingertips `TrendMarkerCalculator` (fingertips-open).

use super::benchmark::Polarity;
use super::ci::chi_squared_quantile;
use super::{finite, ConfidenceLevel, StatsError};

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

impl RecentTrend {
    /// The marker in Fingertips' words: "Increasing and getting better", "Decreasing",
    /// "No significant change"…
    pub fn words(&self) -> String {
        let direction = match self.trend {
            Trend::Increasing => "Increasing",
            Trend::Decreasing => "Decreasing",
            Trend::NoSignificantChange => "No significant change",
            Trend::CannotBeCalculated => "Cannot be calculated",
        };
        match self.polarity {
            Some(TrendPolarity::GettingBetter) => format!("{direction} and getting better"),
            Some(TrendPolarity::GettingWorse) => format!("{direction} and getting worse"),
            None => direction.to_string(),
        }
    }
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

/// One point of a proportion's series as counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CountPoint {
    /// Cases (the numerator).
    pub count: f64,
    /// The population (the denominator).
    pub denominator: f64,
}

/// A recent trend with its test statistics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RecentTrend {
    /// The direction, or no significant change.
    pub trend: Trend,
    /// Better or worse, for a significant trend on an indicator with a polarity.
    pub polarity: Option<TrendPolarity>,
    /// The slope per time step: of the value (weighted least squares), or of the
    /// log-odds for [`recent_trend_of_proportion`].
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
    let robust = keeps_its_sign(&data, slope);
    Ok(verdict(slope, chi_squared, robust, polarity))
}

/// The recent trend of a proportion from its counts (in time order), over its last
/// [`RECENT_POINTS`] points, as Fingertips computes it for indicators it compares by SPC
/// for proportions. With t = 1…5, N = Σn, R = Σr:
///
/// ```text
/// χ² = N·(N·Σrt − R·Σnt)² / (R·(N − R)·(N·Σnt² − (Σnt)²))
/// ```
///
/// is significant above 9.5495 when the ordinary least-squares slope of the log-odds
/// ln(r/(n − r)) on t keeps its sign with each point dropped in turn; the direction is
/// that slope's. Errors: fewer than 5 points; a count that is not finite, below zero or
/// above its denominator; a count of 0 or equal to its denominator among the last 5
/// (its log-odds is infinite, so the direction cannot be checked).
pub fn recent_trend_of_proportion(
    points: &[CountPoint],
    polarity: Polarity,
) -> Result<RecentTrend, StatsError> {
    if points.len() < RECENT_POINTS {
        return Err(StatsError::TooFewValues {
            needed: RECENT_POINTS,
            got: points.len(),
        });
    }
    let recent = &points[points.len() - RECENT_POINTS..];
    let (mut n, mut r, mut rt, mut nt, mut nt2) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let mut log_odds = Vec::with_capacity(RECENT_POINTS);
    for (i, p) in recent.iter().enumerate() {
        let count = super::non_negative("numerator", p.count)?;
        let denominator = finite("denominator", p.denominator)?;
        if denominator <= 0.0 {
            return Err(StatsError::NotPositive {
                name: "denominator",
                value: denominator,
            });
        }
        if count > denominator {
            return Err(StatsError::NumeratorAboveDenominator {
                numerator: count,
                denominator,
            });
        }
        if count == 0.0 || count == denominator {
            return Err(StatsError::OutOfRange {
                name: "numerator",
                range: "above zero and below its denominator (its log-odds is infinite)",
                value: count,
            });
        }
        let t = (i + 1) as f64;
        n += denominator;
        r += count;
        rt += count * t;
        nt += denominator * t;
        nt2 += denominator * t * t;
        log_odds.push((t, (count / (denominator - count)).ln(), 1.0));
    }
    let chi_squared = n * (n * rt - r * nt).powi(2) / (r * (n - r) * (n * nt2 - nt * nt));
    let slope = weighted_slope(&log_odds).0;
    let robust = keeps_its_sign(&log_odds, slope);
    Ok(verdict(slope, chi_squared, robust, polarity))
}

/// Whether the slope of `data` keeps the sign of `slope` with each point dropped in turn.
fn keeps_its_sign(data: &[(f64, f64, f64)], slope: f64) -> bool {
    slope != 0.0
        && (0..data.len()).all(|drop| {
            let rest: Vec<(f64, f64, f64)> = data
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != drop)
                .map(|(_, p)| *p)
                .collect();
            weighted_slope(&rest).0 * slope > 0.0
        })
}

/// The marker from a slope, its χ² and the drop-one check.
fn verdict(slope: f64, chi_squared: f64, robust: bool, polarity: Polarity) -> RecentTrend {
    let trend = if chi_squared > chi_squared_threshold() && robust {
        if slope > 0.0 {
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
    RecentTrend {
        trend,
        polarity,
        slope,
        chi_squared,
    }
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

    fn counts(points: &[(f64, f64)]) -> Vec<CountPoint> {
        points
            .iter()
            .map(|&(count, denominator)| CountPoint { count, denominator })
            .collect()
    }

    #[test]
    fn a_proportion_is_tested_on_its_counts() {
        // Fingertips' dementia export, practice A81016, 2018/19 to 2022/23. The
        // interval rule calls it decreasing (χ² 10.1); Fingertips publishes no
        // significant change. Chi-squared for trend in Python's other form,
        // [Σt(r − n·p̄)]² / (p̄(1 − p̄)·(Σnt² − (Σnt)²/N)) = 9.244506896992913;
        // statistics.linear_regression of the log-odds: slope −0.12281450983791409.
        let a81016 = counts(&[
            (73.0, 10203.0),
            (76.0, 10504.0),
            (64.0, 10411.0),
            (62.0, 10969.0),
            (51.0, 11601.0),
        ]);
        let t = recent_trend_of_proportion(&a81016, Polarity::NoJudgement).unwrap();
        assert!((t.chi_squared - 9.244_506_896_992_913).abs() < 1e-9);
        assert!((t.slope + 0.122_814_509_837_914_09).abs() < 1e-12);
        assert_eq!(t.trend, Trend::NoSignificantChange);
        // A81001, published "Decreasing": χ² 26.091897674497154, and every drop-one
        // slope of the log-odds is negative (−0.243 to −0.306).
        let a81001 = counts(&[
            (61.0, 4117.0),
            (49.0, 4111.0),
            (29.0, 4098.0),
            (26.0, 4045.0),
            (22.0, 3996.0),
        ]);
        let t = recent_trend_of_proportion(&a81001, Polarity::HighIsGood).unwrap();
        assert!((t.chi_squared - 26.091_897_674_497_154).abs() < 1e-9);
        assert_eq!(t.trend, Trend::Decreasing);
        assert_eq!(t.polarity, Some(TrendPolarity::GettingWorse));
    }

    #[test]
    fn a_proportion_driven_by_one_point_is_not_a_trend() {
        // Flat at 1% then one jump: χ² is large, but dropping the jump leaves a
        // slope of zero.
        let t = recent_trend_of_proportion(
            &counts(&[
                (100.0, 10000.0),
                (100.0, 10000.0),
                (100.0, 10000.0),
                (100.0, 10000.0),
                (300.0, 10000.0),
            ]),
            Polarity::LowIsGood,
        )
        .unwrap();
        assert!(t.chi_squared > 100.0);
        assert_eq!(t.trend, Trend::NoSignificantChange);
    }

    #[test]
    fn counts_that_cannot_be_tested_are_errors() {
        let five = |r: f64, n: f64| {
            counts(&[
                (10.0, 100.0),
                (10.0, 100.0),
                (10.0, 100.0),
                (10.0, 100.0),
                (r, n),
            ])
        };
        assert!(matches!(
            recent_trend_of_proportion(&five(10.0, 100.0)[1..], Polarity::NoJudgement),
            Err(StatsError::TooFewValues { .. })
        ));
        for (r, n) in [
            (0.0, 100.0),
            (100.0, 100.0),
            (101.0, 100.0),
            (-1.0, 100.0),
            (1.0, 0.0),
            (f64::NAN, 100.0),
        ] {
            assert!(
                recent_trend_of_proportion(&five(r, n), Polarity::NoJudgement).is_err(),
                "{r}/{n}"
            );
        }
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
