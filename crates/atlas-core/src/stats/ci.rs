//! Confidence intervals as PHE and Fingertips calculate them.
//!
//! | statistic | method | source |
//! |---|---|---|
//! | proportion | Wilson score | Wilson (1927); PHEindicatormethods `wilson_lower`/`wilson_upper`, `phe_proportion` |
//! | count or crude rate, 10 or more events | Byar's approximation | Breslow & Day (1987); PHEindicatormethods `byars_lower`/`byars_upper`, `phe_rate` |
//! | count or crude rate, fewer than 10 events | exact Poisson via chi-squared | Armitage & Berry; PHEindicatormethods `phe_rate` |
//! | mean | Student's t | PHEindicatormethods `phe_mean` |
//! | directly standardised rate | Dobson's method, 2013 ESP | Dobson et al. (1991); PHEindicatormethods `phe_dsr` |
//!
//! Each function checks its input and returns a [`StatsError`] rather than panicking.

use super::{finite, non_negative, positive, ConfidenceLevel, Interval, StatsError};
use statrs::distribution::{ChiSquared, ContinuousCDF, StudentsT};

/// A value with its 95% and 99.8% confidence intervals, on the same scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The point estimate.
    pub value: f64,
    /// The 95% confidence interval.
    pub ci_95: Interval,
    /// The 99.8% confidence interval.
    pub ci_99_8: Interval,
}

impl Estimate {
    /// The interval at the given level.
    pub fn interval(&self, level: ConfidenceLevel) -> Interval {
        match level {
            ConfidenceLevel::P95 => self.ci_95,
            ConfidenceLevel::P99_8 => self.ci_99_8,
        }
    }

    /// The estimate with value and intervals multiplied by `factor`.
    pub fn scaled(&self, factor: f64) -> Estimate {
        Estimate {
            value: self.value * factor,
            ci_95: self.ci_95.scaled(factor),
            ci_99_8: self.ci_99_8.scaled(factor),
        }
    }
}

// ---------------------------------------------------------------------------------
// Proportions
// ---------------------------------------------------------------------------------

/// Checks a proportion's inputs: finite, numerator ≥ 0, denominator > 0,
/// numerator ≤ denominator (the checks of PHEindicatormethods `phe_proportion`).
pub fn check_proportion(numerator: f64, denominator: f64) -> Result<(), StatsError> {
    non_negative("numerator", numerator)?;
    positive("denominator", denominator)?;
    if numerator > denominator {
        return Err(StatsError::NumeratorAboveDenominator {
            numerator,
            denominator,
        });
    }
    Ok(())
}

/// The Wilson score interval for the proportion `numerator / denominator`.
///
/// With x = numerator, n = denominator:
///
/// ```text
/// lower = (2x + z² − z·√(z² + 4x(1 − x/n))) / (2(n + z²))
/// upper = (2x + z² + z·√(z² + 4x(1 − x/n))) / (2(n + z²))
/// ```
///
/// Source: Wilson E.B. (1927) JASA 22:209–212; PHEindicatormethods `wilson_lower` and
/// `wilson_upper` (the formula above is theirs, term for term); Fingertips technical
/// guidance "Confidence intervals for proportions".
pub fn wilson(numerator: f64, denominator: f64, z: f64) -> Result<Interval, StatsError> {
    check_proportion(numerator, denominator)?;
    let z = finite("z", z)?;
    let (x, n) = (numerator, denominator);
    let root = z * (z * z + 4.0 * x * (1.0 - x / n)).max(0.0).sqrt();
    let lower = (2.0 * x + z * z - root) / (2.0 * (n + z * z));
    let upper = (2.0 * x + z * z + root) / (2.0 * (n + z * z));
    // Rounding can put a bound a hair outside [0, 1], or on the wrong side of the
    // proportion itself, at x = 0 or x = n (mathematically upper = 1 when x = n).
    let p = x / n;
    Ok(Interval {
        lower: lower.clamp(0.0, 1.0).min(p),
        upper: upper.clamp(0.0, 1.0).max(p),
    })
}

/// A proportion `numerator / denominator` with Wilson score intervals at 95% and 99.8%
/// (PHEindicatormethods `phe_proportion` with `multiplier = 1`). Scale the result with
/// [`Estimate::scaled`] for a percentage.
pub fn proportion(numerator: f64, denominator: f64) -> Result<Estimate, StatsError> {
    check_proportion(numerator, denominator)?;
    Ok(Estimate {
        value: numerator / denominator,
        ci_95: wilson(numerator, denominator, ConfidenceLevel::P95.z())?,
        ci_99_8: wilson(numerator, denominator, ConfidenceLevel::P99_8.z())?,
    })
}

// ---------------------------------------------------------------------------------
// Counts and rates
// ---------------------------------------------------------------------------------

/// Which method gave a count's interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoissonMethod {
    /// Byar's approximation, used for 10 or more events.
    Byars,
    /// The exact Poisson interval via the chi-squared distribution, below 10 events.
    Exact,
}

impl PoissonMethod {
    /// The method's name as PHEindicatormethods prints it: `Byars` or `Exact`.
    pub fn as_str(self) -> &'static str {
        match self {
            PoissonMethod::Byars => "Byars",
            PoissonMethod::Exact => "Exact",
        }
    }

    /// The method PHE uses for a count: exact below 10 events, Byar's from 10.
    pub fn for_count(count: f64) -> PoissonMethod {
        if count < 10.0 {
            PoissonMethod::Exact
        } else {
            PoissonMethod::Byars
        }
    }
}

/// Byar's lower confidence limit for an observed count `x` (x > 0):
///
/// ```text
/// lower = x · (1 − 1/(9x) − z/(3√x))³
/// ```
///
/// Source: Breslow N.E. & Day N.E. (1987) Statistical Methods in Cancer Research vol II,
/// p.69; PHEindicatormethods `byars_lower`. Returns 0 for x = 0.
pub fn byars_lower(x: f64, z: f64) -> Result<f64, StatsError> {
    let x = non_negative("count", x)?;
    let z = finite("z", z)?;
    if x == 0.0 {
        return Ok(0.0);
    }
    let cube = 1.0 - 1.0 / (9.0 * x) - z / (3.0 * x.sqrt());
    Ok((x * cube.powi(3)).max(0.0))
}

/// Byar's upper confidence limit for an observed count `x`:
///
/// ```text
/// upper = (x + 1) · (1 − 1/(9(x + 1)) + z/(3√(x + 1)))³
/// ```
///
/// Source: Breslow & Day (1987); PHEindicatormethods `byars_upper`.
pub fn byars_upper(x: f64, z: f64) -> Result<f64, StatsError> {
    let x = non_negative("count", x)?;
    let z = finite("z", z)?;
    let x1 = x + 1.0;
    Ok(x1 * (1.0 - 1.0 / (9.0 * x1) + z / (3.0 * x1.sqrt())).powi(3))
}

/// The exact Poisson interval for an observed count `x` at the given level, via the
/// chi-squared distribution:
///
/// ```text
/// lower = χ²⁻¹(α/2; 2x) / 2        (0 when x = 0)
/// upper = χ²⁻¹(1 − α/2; 2x + 2) / 2
/// ```
///
/// with α = 1 − confidence. Source: Armitage P., Berry G. & Matthews J.N.S. (2002)
/// Statistical Methods in Medical Research, 4th ed.; PHEindicatormethods `phe_rate`
/// (`qchisq((1-confidence)/2, 2*x)/2` and `qchisq(confidence+(1-confidence)/2, 2*x+2)/2`).
pub fn exact_poisson(x: f64, level: ConfidenceLevel) -> Result<Interval, StatsError> {
    let x = non_negative("count", x)?;
    let alpha = 1.0 - level.confidence();
    let lower = if x == 0.0 {
        0.0
    } else {
        chi_squared_quantile(alpha / 2.0, 2.0 * x)?
    } / 2.0;
    let upper = chi_squared_quantile(1.0 - alpha / 2.0, 2.0 * x + 2.0)? / 2.0;
    // The chi-squared quantile is unreliable for vanishing degrees of freedom (a
    // fractional count near 0); the interval always holds the count itself.
    Ok(Interval {
        lower: lower.min(x),
        upper: upper.max(x),
    })
}

/// The chi-squared quantile χ²⁻¹(p; df) from statrs.
pub(crate) fn chi_squared_quantile(p: f64, df: f64) -> Result<f64, StatsError> {
    let dist = ChiSquared::new(df).map_err(|_| StatsError::NotPositive {
        name: "degrees of freedom",
        value: df,
    })?;
    Ok(dist.inverse_cdf(p))
}

/// The confidence interval of a count `x` as PHE gives it: exact Poisson below 10
/// events, Byar's from 10 (PHEindicatormethods `phe_rate`, Fingertips technical
/// guidance "Confidence intervals for counts and rates").
pub fn poisson_interval(
    x: f64,
    level: ConfidenceLevel,
) -> Result<(Interval, PoissonMethod), StatsError> {
    let x = non_negative("count", x)?;
    let method = PoissonMethod::for_count(x);
    let interval = match method {
        PoissonMethod::Exact => exact_poisson(x, level)?,
        PoissonMethod::Byars => Interval {
            lower: byars_lower(x, level.z())?,
            upper: byars_upper(x, level.z())?,
        },
    };
    Ok((interval, method))
}

/// A crude rate `numerator / denominator × multiplier` with its 95% and 99.8% intervals:
/// the count's interval ([`poisson_interval`]) divided by the denominator and
/// multiplied by the multiplier. Numerator ≥ 0, denominator > 0 (it may be below the
/// numerator: a rate is not a proportion). Source: PHEindicatormethods `phe_rate`.
pub fn rate(
    numerator: f64,
    denominator: f64,
    multiplier: f64,
) -> Result<(Estimate, PoissonMethod), StatsError> {
    let x = non_negative("numerator", numerator)?;
    let n = positive("denominator", denominator)?;
    let multiplier = positive("multiplier", multiplier)?;
    let (ci_95, method) = poisson_interval(x, ConfidenceLevel::P95)?;
    let (ci_99_8, _) = poisson_interval(x, ConfidenceLevel::P99_8)?;
    let estimate = Estimate {
        value: x,
        ci_95,
        ci_99_8,
    };
    Ok((estimate.scaled(multiplier / n), method))
}

// ---------------------------------------------------------------------------------
// Means
// ---------------------------------------------------------------------------------

/// A mean with its sample size, sample standard deviation and intervals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeanEstimate {
    /// Number of values.
    pub n: usize,
    /// Sample standard deviation (denominator n − 1).
    pub sd: f64,
    /// The mean and its Student's t intervals.
    pub estimate: Estimate,
}

/// The mean of `values` with Student's t confidence intervals:
///
/// ```text
/// mean ± t(1 − α/2; n − 1) · s / √n,   s = √(Σ(x − mean)² / (n − 1))
/// ```
///
/// Source: PHEindicatormethods `phe_mean` (`abs(qt((1-confidence)/2, n-1)) * sd / sqrt(n)`);
/// Fingertips technical guidance "Confidence intervals for means". Needs at least two
/// values; every value must be finite.
pub fn mean(values: &[f64]) -> Result<MeanEstimate, StatsError> {
    if values.is_empty() {
        return Err(StatsError::EmptyGroup);
    }
    for &v in values {
        finite("value", v)?;
    }
    let n = values.len();
    if n < 2 {
        return Err(StatsError::TooFewValues { needed: 2, got: n });
    }
    let count = n as f64;
    let mean = values.iter().sum::<f64>() / count;
    let sd = (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (count - 1.0)).sqrt();
    let t = StudentsT::new(0.0, 1.0, count - 1.0)
        .map_err(|_| StatsError::TooFewValues { needed: 2, got: n })?;
    let interval = |level: ConfidenceLevel| {
        let half = t.inverse_cdf(1.0 - (1.0 - level.confidence()) / 2.0) * sd / count.sqrt();
        Interval {
            lower: mean - half,
            upper: mean + half,
        }
    };
    Ok(MeanEstimate {
        n,
        sd,
        estimate: Estimate {
            value: mean,
            ci_95: interval(ConfidenceLevel::P95),
            ci_99_8: interval(ConfidenceLevel::P99_8),
        },
    })
}

// ---------------------------------------------------------------------------------
// Directly standardised rates
// ---------------------------------------------------------------------------------

/// The 2013 European Standard Population in 19 five-year age bands: 0–4, 5–9, …, 85–89,
/// 90+. Total 100,000. Source: Eurostat (2013) "Revision of the European Standard
/// Population", table 3; PHEindicatormethods dataset `esp2013`.
pub const ESP_2013: [f64; 19] = [
    5000.0, 5500.0, 5500.0, 5500.0, 6000.0, 6000.0, 6500.0, 7000.0, 7000.0, 7000.0, 7000.0, 6500.0,
    6000.0, 5500.0, 5000.0, 4000.0, 2500.0, 1500.0, 1000.0,
];

/// The labels of the 19 ESP 2013 age bands, index 0 (`0-4`) to 18 (`90+`).
pub const ESP_2013_BANDS: [&str; 19] = [
    "0-4", "5-9", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54",
    "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90+",
];

/// The ESP 2013 band index (0–18) for an age band written as its index (`0`…`18`) or
/// its label (`0-4`, `0–4`, `90+`, `90-94`…); `None` if it is neither.
pub fn esp_2013_band(text: &str) -> Option<usize> {
    let text = text.trim();
    if let Ok(index) = text.parse::<usize>() {
        return (index < 19).then_some(index);
    }
    let normalised = text.replace(['–', '—'], "-").replace(' ', "");
    if let Some(i) = ESP_2013_BANDS.iter().position(|b| *b == normalised) {
        return Some(i);
    }
    // "90-94", "95+" and the like fold into 90+.
    let start: usize = normalised
        .split(['-', '+'])
        .next()
        .and_then(|s| s.parse().ok())?;
    (start >= 90 && start % 5 == 0).then_some(18)
}

/// One age band's events and population for a directly standardised rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgeBandCount {
    /// ESP 2013 band index, 0 (0–4) to 18 (90+).
    pub band: usize,
    /// Events in the band.
    pub numerator: f64,
    /// Population in the band.
    pub denominator: f64,
}

/// A directly standardised rate with its total count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DsrEstimate {
    /// Σ events over the age bands.
    pub total_count: f64,
    /// The rate per `multiplier` and its Dobson intervals.
    pub estimate: Estimate,
}

/// A directly standardised rate per `multiplier`, standardised to the 2013 European
/// Standard Population, with Dobson's confidence intervals.
///
/// With events xᵢ, populations nᵢ and standard populations wᵢ over the 19 bands,
/// O = Σxᵢ:
///
/// ```text
/// DSR        = Σ(wᵢ xᵢ / nᵢ) / Σwᵢ
/// var(DSR)   = Σ(wᵢ² xᵢ / nᵢ²) / (Σwᵢ)²
/// limits     = DSR + √(var(DSR) / O) · (O_limit − O)
/// ```
///
/// where O_limit is Byar's lower or upper limit for O. Not calculated when O < 10.
///
/// Source: Dobson A.J. et al. (1991) "Confidence intervals for weighted sums of Poisson
/// parameters", Stat Med 10:457–462; PHEindicatormethods `phe_dsr` (same formulas,
/// same rule for fewer than 10 events); Fingertips technical guidance.
///
/// Every band 0–18 must appear exactly once, with events ≥ 0 and population > 0.
pub fn dsr(bands: &[AgeBandCount], multiplier: f64) -> Result<DsrEstimate, StatsError> {
    let multiplier = positive("multiplier", multiplier)?;
    let mut seen: [Option<(f64, f64)>; 19] = [None; 19];
    for b in bands {
        if b.band >= 19 {
            return Err(StatsError::AgeBands(format!(
                "age band {} is outside 0-18",
                b.band
            )));
        }
        if seen[b.band].is_some() {
            return Err(StatsError::AgeBands(format!(
                "age band {} ({}) is given more than once",
                b.band, ESP_2013_BANDS[b.band]
            )));
        }
        let x = non_negative("numerator", b.numerator)?;
        let n = positive("denominator", b.denominator)?;
        seen[b.band] = Some((x, n));
    }
    let missing: Vec<&str> = (0..19)
        .filter(|&i| seen[i].is_none())
        .map(|i| ESP_2013_BANDS[i])
        .collect();
    if !missing.is_empty() {
        return Err(StatsError::AgeBands(format!(
            "missing age bands: {}",
            missing.join(", ")
        )));
    }
    let rows: Vec<(f64, f64, f64)> = seen
        .iter()
        .zip(ESP_2013)
        .filter_map(|(s, w)| s.map(|(x, n)| (x, n, w)))
        .collect();
    let total_count: f64 = rows.iter().map(|r| r.0).sum();
    if total_count < 10.0 {
        return Err(StatsError::TotalCountBelowTen { total_count });
    }
    let sum_w: f64 = rows.iter().map(|r| r.2).sum();
    let value = rows.iter().map(|(x, n, w)| w * x / n).sum::<f64>() / sum_w;
    let var = rows
        .iter()
        .map(|(x, n, w)| w * w * x / (n * n))
        .sum::<f64>()
        / (sum_w * sum_w);
    let scale = (var / total_count).sqrt();
    let interval = |level: ConfidenceLevel| -> Result<Interval, StatsError> {
        let z = level.z();
        Ok(Interval {
            lower: value + scale * (byars_lower(total_count, z)? - total_count),
            upper: value + scale * (byars_upper(total_count, z)? - total_count),
        })
    };
    let estimate = Estimate {
        value,
        ci_95: interval(ConfidenceLevel::P95)?,
        ci_99_8: interval(ConfidenceLevel::P99_8)?,
    };
    Ok(DsrEstimate {
        total_count,
        estimate: estimate.scaled(multiplier),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1e-12)
    }

    #[test]
    fn esp_2013_sums_to_100000() {
        assert_eq!(ESP_2013.iter().sum::<f64>(), 100_000.0);
    }

    #[test]
    fn age_bands_read_as_index_or_label() {
        assert_eq!(esp_2013_band("0"), Some(0));
        assert_eq!(esp_2013_band("18"), Some(18));
        assert_eq!(esp_2013_band("19"), None);
        assert_eq!(esp_2013_band("0-4"), Some(0));
        assert_eq!(esp_2013_band("85–89"), Some(17));
        assert_eq!(esp_2013_band("90+"), Some(18));
        assert_eq!(esp_2013_band("95+"), Some(18));
        assert_eq!(esp_2013_band("old"), None);
    }

    #[test]
    fn proportion_errors_are_values() {
        assert!(matches!(
            proportion(1.0, 0.0),
            Err(StatsError::NotPositive { .. })
        ));
        assert!(matches!(
            proportion(1.0, -5.0),
            Err(StatsError::NotPositive { .. })
        ));
        assert!(matches!(
            proportion(6.0, 5.0),
            Err(StatsError::NumeratorAboveDenominator { .. })
        ));
        assert!(matches!(
            proportion(-1.0, 5.0),
            Err(StatsError::Negative { .. })
        ));
        assert!(matches!(
            proportion(f64::NAN, 5.0),
            Err(StatsError::NotFinite { .. })
        ));
        assert!(matches!(
            proportion(1.0, f64::INFINITY),
            Err(StatsError::NotFinite { .. })
        ));
    }

    #[test]
    fn rate_errors_are_values() {
        assert!(rate(5.0, 0.0, 1e5).is_err());
        assert!(rate(-1.0, 10.0, 1e5).is_err());
        assert!(rate(f64::INFINITY, 10.0, 1e5).is_err());
        // A rate may exceed one per head.
        assert!(rate(50.0, 10.0, 1.0).is_ok());
    }

    #[test]
    fn mean_errors_are_values() {
        assert_eq!(mean(&[]), Err(StatsError::EmptyGroup));
        assert_eq!(
            mean(&[1.0]),
            Err(StatsError::TooFewValues { needed: 2, got: 1 })
        );
        assert!(matches!(
            mean(&[1.0, f64::NAN]),
            Err(StatsError::NotFinite { .. })
        ));
    }
    // Expected values below were computed independently in Python (SciPy 1.x):
    // z = norm.ppf(0.975) and norm.ppf(0.999); the Wilson, Byar's and Dobson formulas
    // typed from the PHEindicatormethods source; chi2.ppf for the exact Poisson limits;
    // t.ppf for Student's t. Script: see the comment on each test.

    #[test]
    fn wilson_matches_the_formula() {
        // wilson(60, 100): Python (2x+z²∓z√(z²+4x(1−x/n)))/2/(n+z²).
        let e = proportion(60.0, 100.0).unwrap();
        assert_eq!(e.value, 0.6);
        assert!(close(e.ci_95.lower, 0.502_002_586_791_061_8, 1e-12));
        assert!(close(e.ci_95.upper, 0.690_598_713_567_541_1, 1e-12));
        assert!(close(e.ci_99_8.lower, 0.446_379_446_443_565_5, 1e-12));
        assert!(close(e.ci_99_8.upper, 0.736_186_366_100_443_3, 1e-12));
        // Edge cases: 0/50 has lower 0, upper z²/(n+z²) = 0.07134759913335871.
        let zero = proportion(0.0, 50.0).unwrap();
        assert_eq!(zero.ci_95.lower, 0.0);
        assert!(close(zero.ci_95.upper, 0.071_347_599_133_358_71, 1e-12));
        // 50/50 mirrors it: lower 1 − 0.0713… and upper exactly 1 (clamped).
        let all = proportion(50.0, 50.0).unwrap();
        assert!(close(all.ci_95.lower, 0.928_652_400_866_641_2, 1e-12));
        assert_eq!(all.ci_99_8.upper, 1.0);
    }

    #[test]
    fn intervals_hold_the_value_at_the_extremes() {
        // Wilson's upper limit is exactly 1 at x = n; rounding must not put it below.
        let e = proportion(1e15, 1e15).unwrap();
        assert_eq!(e.ci_95.upper, 1.0);
        let (r, _) = rate(1e-300, 1.0, 1.0).unwrap();
        assert!(r.ci_95.lower <= r.value && r.value <= r.ci_95.upper);
    }

    #[test]
    fn byars_matches_the_formula() {
        // x = 100: Python x(1−1/(9x)−z/(3√x))³ and (x+1)(1−1/(9(x+1))+z/(3√(x+1)))³.
        let z95 = ConfidenceLevel::P95.z();
        let z998 = ConfidenceLevel::P99_8.z();
        assert!(close(
            byars_lower(100.0, z95).unwrap(),
            81.362_105_490_527_88,
            1e-12
        ));
        assert!(close(
            byars_upper(100.0, z95).unwrap(),
            121.627_937_579_206_5,
            1e-12
        ));
        assert!(close(
            byars_lower(100.0, z998).unwrap(),
            71.903_691_872_598_37,
            1e-12
        ));
        assert!(close(
            byars_upper(100.0, z998).unwrap(),
            134.943_621_762_263_18,
            1e-12
        ));
    }

    #[test]
    fn exact_poisson_matches_chi_squared() {
        // Python: chi2.ppf(α/2, 2x)/2 and chi2.ppf(1−α/2, 2x+2)/2.
        let cases = [
            (
                0.0,
                0.0,
                3.688_879_454_113_935_4,
                0.0,
                6.907_755_278_982_137,
            ),
            (
                1.0,
                0.025_317_807_984_289_876,
                5.571_643_390_938_898,
                0.001_000_500_333_583_534,
                9.233_413_476_451_585,
            ),
            (
                5.0,
                1.623_486_390_118_420_7,
                11.668_332_079_322_67,
                0.739_371_731_917_832_3,
                16.454_745_203_680_105,
            ),
            (
                9.0,
                4.115_373_097_378_334,
                17.084_803_451_419_166,
                2.452_424_404_363_775,
                22.657_373_309_062_93,
            ),
        ];
        for (x, lo95, hi95, lo998, hi998) in cases {
            let a = exact_poisson(x, ConfidenceLevel::P95).unwrap();
            let b = exact_poisson(x, ConfidenceLevel::P99_8).unwrap();
            assert!(close(a.lower, lo95, 1e-8), "x={x} {a:?}");
            assert!(close(a.upper, hi95, 1e-8), "x={x} {a:?}");
            assert!(close(b.lower, lo998, 1e-7), "x={x} {b:?}");
            assert!(close(b.upper, hi998, 1e-8), "x={x} {b:?}");
        }
    }

    #[test]
    fn rate_switches_method_at_ten() {
        // 5 events in 1,000 people per 100,000: exact limits above × 100.
        let (e, m) = rate(5.0, 1000.0, 100_000.0).unwrap();
        assert_eq!(m, PoissonMethod::Exact);
        assert!(close(e.value, 500.0, 1e-12));
        assert!(close(e.ci_95.lower, 162.348_639_011_842_07, 1e-8));
        assert!(close(e.ci_95.upper, 1_166.833_207_932_267, 1e-8));
        // 100 events in 50,000 per 100,000: Byar's limits above × 2.
        let (e, m) = rate(100.0, 50_000.0, 100_000.0).unwrap();
        assert_eq!(m, PoissonMethod::Byars);
        assert!(close(e.value, 200.0, 1e-12));
        assert!(close(e.ci_95.lower, 162.724_210_981_055_76, 1e-12));
        assert!(close(e.ci_99_8.upper, 269.887_243_524_526_36, 1e-12));
        assert_eq!(PoissonMethod::for_count(9.999), PoissonMethod::Exact);
        assert_eq!(PoissonMethod::for_count(10.0), PoissonMethod::Byars);
    }

    #[test]
    fn mean_matches_students_t() {
        // [1,2,3,4,5,10]: numpy mean, std(ddof=1); mean ∓ t.ppf(0.975|0.999, 5)·sd/√6.
        let m = mean(&[1.0, 2.0, 3.0, 4.0, 5.0, 10.0]).unwrap();
        assert_eq!(m.n, 6);
        assert!(close(m.estimate.value, 4.166_666_666_666_667, 1e-12));
        assert!(close(m.sd, 3.188_521_078_284_831_7, 1e-12));
        assert!(close(m.estimate.ci_95.lower, 0.820_519_008_554_99, 1e-9));
        assert!(close(m.estimate.ci_95.upper, 7.512_814_324_778_343, 1e-9));
        assert!(close(
            m.estimate.ci_99_8.lower,
            -3.504_859_347_875_329,
            1e-9
        ));
        assert!(close(
            m.estimate.ci_99_8.upper,
            11.838_192_681_208_664,
            1e-9
        ));
    }

    pub(crate) fn dsr_example() -> Vec<AgeBandCount> {
        let x = [
            2.0, 1.0, 1.0, 2.0, 3.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 15.0, 20.0, 25.0, 30.0,
            28.0, 20.0, 12.0,
        ];
        let n = [
            5000.0, 5200.0, 5100.0, 5000.0, 6000.0, 6500.0, 7000.0, 6800.0, 6500.0, 6000.0, 5800.0,
            5500.0, 5000.0, 4500.0, 4000.0, 3000.0, 2000.0, 1200.0, 600.0,
        ];
        (0..19)
            .map(|band| AgeBandCount {
                band,
                numerator: x[band],
                denominator: n[band],
            })
            .collect()
    }

    #[test]
    fn dsr_matches_dobson() {
        // Python: value = Σ(w x/n)/Σw; var = Σ(w² x/n²)/(Σw)²;
        // limit = value + √(var/O)(Byars(O) − O); all × 100,000. O = 207.
        let d = dsr(&dsr_example(), 100_000.0).unwrap();
        assert_eq!(d.total_count, 207.0);
        let e = d.estimate;
        assert!(close(e.value, 256.706_798_925_663_07, 1e-12));
        assert!(close(e.ci_95.lower, 222.710_450_280_794_33, 1e-12));
        assert!(close(e.ci_95.upper, 294.398_805_300_696_5, 1e-12));
        assert!(close(e.ci_99_8.lower, 204.740_775_076_334_76, 1e-12));
        assert!(close(e.ci_99_8.upper, 317.163_764_348_573_24, 1e-12));
    }

    #[test]
    fn dsr_refuses_bad_bands_and_small_counts() {
        let mut bands = dsr_example();
        bands.pop();
        assert!(matches!(dsr(&bands, 1e5), Err(StatsError::AgeBands(m)) if m.contains("90+")));
        let mut twice = dsr_example();
        twice[3].band = 2;
        assert!(matches!(dsr(&twice, 1e5), Err(StatsError::AgeBands(_))));
        let mut zero_pop = dsr_example();
        zero_pop[0].denominator = 0.0;
        assert!(matches!(
            dsr(&zero_pop, 1e5),
            Err(StatsError::NotPositive { .. })
        ));
        let few: Vec<AgeBandCount> = dsr_example()
            .into_iter()
            .map(|b| AgeBandCount {
                numerator: if b.band == 0 { 9.0 } else { 0.0 },
                ..b
            })
            .collect();
        assert_eq!(
            dsr(&few, 1e5),
            Err(StatsError::TotalCountBelowTen { total_count: 9.0 })
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn nests(outer: Interval, inner: Interval) -> bool {
        outer.lower <= inner.lower + 1e-12 && inner.upper <= outer.upper + 1e-12
    }

    proptest! {
        #[test]
        fn proportion_interval_holds_value_and_nests(n in 1u32..100_000, frac in 0.0f64..=1.0) {
            let x = (f64::from(n) * frac).floor();
            let e = proportion(x, f64::from(n)).unwrap();
            prop_assert!(e.ci_95.lower <= e.value && e.value <= e.ci_95.upper);
            prop_assert!(nests(e.ci_99_8, e.ci_95));
        }

        #[test]
        fn proportion_interval_narrows_with_denominator(n in 1u32..10_000, frac in 0.0f64..=1.0, k in 2u32..20) {
            let x = (f64::from(n) * frac).floor();
            let small = proportion(x, f64::from(n)).unwrap();
            let large = proportion(x * f64::from(k), f64::from(n * k)).unwrap();
            let width = |i: Interval| i.upper - i.lower;
            prop_assert!(width(large.ci_95) < width(small.ci_95));
            prop_assert!(width(large.ci_99_8) < width(small.ci_99_8));
        }

        #[test]
        fn rate_interval_holds_value_nests_and_narrows(x in 0u32..5_000, n in 1u32..1_000_000, k in 2u32..20) {
            let (e, _) = rate(f64::from(x), f64::from(n), 100_000.0).unwrap();
            prop_assert!(e.ci_95.lower <= e.value && e.value <= e.ci_95.upper);
            prop_assert!(nests(e.ci_99_8, e.ci_95));
            let (large, _) = rate(f64::from(x * k), f64::from(n) * f64::from(k), 100_000.0).unwrap();
            let width = |i: Interval| i.upper - i.lower;
            prop_assert!(width(large.ci_95) < width(e.ci_95));
        }

        #[test]
        fn mean_interval_holds_value_and_nests(values in prop::collection::vec(-1e6f64..1e6, 2..50)) {
            let m = mean(&values).unwrap();
            let e = m.estimate;
            prop_assert!(e.ci_95.lower <= e.value + 1e-9 && e.value <= e.ci_95.upper + 1e-9);
            prop_assert!(nests(e.ci_99_8, e.ci_95));
        }

        #[test]
        fn dsr_interval_holds_value_and_nests(counts in prop::collection::vec(0u32..200, 19), pops in prop::collection::vec(100u32..100_000, 19)) {
            let bands: Vec<AgeBandCount> = (0..19).map(|band| AgeBandCount {
                band,
                numerator: f64::from(counts[band]),
                denominator: f64::from(pops[band]),
            }).collect();
            match dsr(&bands, 100_000.0) {
                Ok(d) => {
                    let e = d.estimate;
                    prop_assert!(e.ci_95.lower <= e.value && e.value <= e.ci_95.upper);
                    prop_assert!(nests(e.ci_99_8, e.ci_95));
                }
                Err(StatsError::TotalCountBelowTen { total_count }) => prop_assert!(total_count < 10.0),
                Err(other) => prop_assert!(false, "unexpected {other}"),
            }
        }
    }
}
