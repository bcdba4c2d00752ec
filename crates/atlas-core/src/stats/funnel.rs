//! Funnel plots: control limits by denominator around a comparator, at 95% ("2 sigma",
//! 0.025 in each tail) and 99.8% ("3 sigma", 0.001 in each tail), and the significance
//! of each area against them.
//!
//! - Proportions: PHE's normal approximation θ ± z·√(θ(1 − θ)/n) around the baseline
//!   θ. Source: PHEindicatormethods `sigma_adjustment` and `phe_funnel_significance`,
//!   from the PHE funnel plot tool.
//! - Ratios (observed / expected): exact Poisson limits around 1. Source:
//!   PHEindicatormethods `poisson_funnel` (the PHE Excel macro), and Spiegelhalter D.J.
//!   (2005) "Funnel plots for comparing institutional performance", Stat Med 24:1185–1202.
//! - Overdispersion (optional): Spiegelhalter's additive random-effects adjustment with
//!   z-scores Winsorised at the 10th and 90th percentiles. Source: Spiegelhalter D.J.
//!   (2005) "Handling over-dispersion of performance indicators", Qual Saf Health Care
//!   14:347–351; for ratios on the square-root scale as NHS England's SHMI does it.
//!
//! Significance labels are PHE's: `High (0.001)`, `High (0.025)`, `Low (0.025)`,
//! `Low (0.001)`, `Not significant`. A value exactly on a limit is not significant.

use super::ci::check_proportion;
use super::percentile::percentile_inc;
use super::{finite, non_negative, positive, ConfidenceLevel, Interval, StatsError};
use statrs::distribution::{ChiSquared, ContinuousCDF};
use statrs::function::gamma::checked_gamma_lr;

/// Where an area falls against the funnel's limits, in PHE's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Significance {
    /// Above the 99.8% upper limit.
    High0001,
    /// Above the 95% upper limit, not the 99.8%.
    High0025,
    /// Below the 95% lower limit, not the 99.8%.
    Low0025,
    /// Below the 99.8% lower limit.
    Low0001,
    /// Within the 95% limits (ends included).
    NotSignificant,
}

impl Significance {
    /// PHE's label: `High (0.001)`, `High (0.025)`, `Low (0.025)`, `Low (0.001)` or
    /// `Not significant`.
    pub fn as_str(self) -> &'static str {
        match self {
            Significance::High0001 => "High (0.001)",
            Significance::High0025 => "High (0.025)",
            Significance::Low0025 => "Low (0.025)",
            Significance::Low0001 => "Low (0.001)",
            Significance::NotSignificant => "Not significant",
        }
    }
}

/// The funnel's limits at one denominator (or expected count).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FunnelLimits {
    /// 95% limits: 0.025 in each tail.
    pub limits_95: Interval,
    /// 99.8% limits: 0.001 in each tail.
    pub limits_99_8: Interval,
}

impl FunnelLimits {
    /// The limits at the given level.
    pub fn at(&self, level: ConfidenceLevel) -> Interval {
        match level {
            ConfidenceLevel::P95 => self.limits_95,
            ConfidenceLevel::P99_8 => self.limits_99_8,
        }
    }

    /// The limits multiplied by `factor`.
    pub fn scaled(&self, factor: f64) -> FunnelLimits {
        FunnelLimits {
            limits_95: self.limits_95.scaled(factor),
            limits_99_8: self.limits_99_8.scaled(factor),
        }
    }
}

/// Classifies a value against funnel limits in PHE's order (`phe_funnel_significance`):
/// below the 99.8% lower limit → `Low (0.001)`; below the 95% lower → `Low (0.025)`;
/// above the 99.8% upper → `High (0.001)`; above the 95% upper → `High (0.025)`;
/// otherwise `Not significant`. Comparisons are strict.
pub fn significance(value: f64, limits: &FunnelLimits) -> Significance {
    if value < limits.limits_99_8.lower {
        Significance::Low0001
    } else if value < limits.limits_95.lower {
        Significance::Low0025
    } else if value > limits.limits_99_8.upper {
        Significance::High0001
    } else if value > limits.limits_95.upper {
        Significance::High0025
    } else {
        Significance::NotSignificant
    }
}

/// One side of a funnel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The lower limit.
    Low,
    /// The upper limit.
    High,
}

/// PHE's funnel limit for a proportion at denominator `n` around `baseline` θ (0–1)
/// for the normal quantile `z`: the normal approximation
///
/// ```text
/// limit = θ ∓ z·√(θ(1 − θ)/n)
/// ```
///
/// clamped to [0, 1]. Source: PHEindicatormethods `sigma_adjustment` (Funnels.R),
/// which writes it as `(first ∓ adj/8) / (1/z² + 1/n) / n` with `first = θ(n/z² + 1)`
/// and `adj = √((−8θ(n/z² + 1))² − 64(1/z² + 1/n)·θ·(n(θ(n/z² + 2) − 1) + z²(θ − 1)))`;
/// with k = n/z² that is `adj/8 = (k + 1)·√(θ(1 − θ)/k)` and `first = θ(k + 1)`, so the
/// expression reduces exactly to the line above (the tests check both forms agree).
pub fn proportion_limit(baseline: f64, n: f64, z: f64, side: Side) -> f64 {
    let half_width = z * (baseline * (1.0 - baseline) / n).max(0.0).sqrt();
    let limit = match side {
        Side::Low => baseline - half_width,
        Side::High => baseline + half_width,
    };
    limit.clamp(0.0, 1.0)
}

/// Checks a funnel baseline proportion: finite and within 0–1.
fn check_baseline(baseline: f64) -> Result<f64, StatsError> {
    let b = finite("baseline", baseline)?;
    if !(0.0..=1.0).contains(&b) {
        return Err(StatsError::OutOfRange {
            name: "baseline",
            range: "a proportion between 0 and 1",
            value: b,
        });
    }
    Ok(b)
}

/// PHE's 95% and 99.8% funnel limits for a proportion at `denominator` around
/// `baseline` (0–1), by [`proportion_limit`].
pub fn proportion_limits(baseline: f64, denominator: f64) -> Result<FunnelLimits, StatsError> {
    let a = check_baseline(baseline)?;
    let n = positive("denominator", denominator)?;
    let at = |level: ConfidenceLevel| Interval {
        lower: proportion_limit(a, n, level.z(), Side::Low),
        upper: proportion_limit(a, n, level.z(), Side::High),
    };
    Ok(FunnelLimits {
        limits_95: at(ConfidenceLevel::P95),
        limits_99_8: at(ConfidenceLevel::P99_8),
    })
}

/// P(Gamma(shape) ≤ x), the regularised lower incomplete gamma function from statrs.
fn gamma_p(shape: f64, x: f64) -> Result<f64, StatsError> {
    checked_gamma_lr(shape, x).map_err(|_| StatsError::NotPositive {
        name: "expected",
        value: x,
    })
}

/// Solves `f(o) = target` for a continuous observed count `o` in `[low, high]`, where
/// `f` is monotone, by bisection to machine precision. `decreasing` says which way `f`
/// runs.
fn solve_count(
    f: impl Fn(f64) -> Result<f64, StatsError>,
    target: f64,
    mut low: f64,
    mut high: f64,
    decreasing: bool,
) -> Result<f64, StatsError> {
    for _ in 0..200 {
        let mid = 0.5 * (low + high);
        if mid <= low || mid >= high {
            break;
        }
        let above = f(mid)? > target;
        // For a decreasing f, f(mid) > target means the root lies to the right.
        if above == decreasing {
            low = mid;
        } else {
            high = mid;
        }
    }
    Ok(0.5 * (low + high))
}

/// The exact Poisson funnel limits for a ratio observed/expected at `expected` E,
/// around 1, with `tail` = 0.025 (95%) or 0.001 (99.8%) in each tail.
///
/// PHE's funnel (`poisson_funnel`) draws the point (E, O/E) on the lower limit when
/// P(X ≤ O | mean E) = tail, and on the upper limit when P(X ≥ O | mean E) = tail,
/// with O treated as continuous through the incomplete gamma function:
///
/// ```text
/// lower limit: O_L / E  with  Q(O_L + 1, E) = tail,   i.e. P(O_L + 1, E) = 1 − tail  (0 if e^−E ≥ tail)
/// upper limit: O_U / E  with  P(O_U, E) = tail
/// ```
///
/// where P and Q are the regularised lower and upper incomplete gamma functions. An
/// area is outside these limits exactly when its own exact Poisson interval excludes
/// E, which is PHE's test (`funnel_ratio_significance`).
pub fn ratio_limit(expected: f64, tail: f64, side: Side) -> Result<f64, StatsError> {
    let e = positive("expected", expected)?;
    match side {
        Side::Low => {
            // Q(1, E) = e^−E is the chance of no events at all.
            if (-e).exp() >= tail {
                return Ok(0.0);
            }
            let observed = solve_count(|o| gamma_p(o + 1.0, e), 1.0 - tail, 0.0, e, true)?;
            Ok(observed / e)
        }
        Side::High => {
            let mut high = e + 10.0 * e.sqrt() + 10.0;
            while gamma_p(high, e)? > tail {
                high *= 2.0;
            }
            let observed = solve_count(|o| gamma_p(o, e), tail, e.min(high) * 0.5, high, true)?;
            Ok(observed / e)
        }
    }
}

/// The exact Poisson 95% and 99.8% funnel limits for a ratio at `expected`
/// ([`ratio_limit`]).
pub fn ratio_limits(expected: f64) -> Result<FunnelLimits, StatsError> {
    let at = |tail: f64| -> Result<Interval, StatsError> {
        Ok(Interval {
            lower: ratio_limit(expected, tail, Side::Low)?,
            upper: ratio_limit(expected, tail, Side::High)?,
        })
    };
    Ok(FunnelLimits {
        limits_95: at(0.025)?,
        limits_99_8: at(0.001)?,
    })
}

/// Spiegelhalter's overdispersion estimate for a set of areas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overdispersion {
    /// Number of areas used.
    pub areas: usize,
    /// φ, the overdispersion factor: the mean of the Winsorised z-scores squared.
    pub phi: f64,
    /// τ², the between-area variance added to each area's sampling variance (0 when
    /// I·φ ≤ I − 1, i.e. no overdispersion).
    pub tau_squared: f64,
}

impl Overdispersion {
    /// Spiegelhalter's test (Stat Med 2005, §4.1): overdispersion is present when I·φ
    /// exceeds the 95th percentile of χ² with I − 1 degrees of freedom, the value it
    /// would not pass by chance more than 1 time in 20 were the areas to differ by
    /// chance alone.
    pub fn present(&self) -> bool {
        let count = self.areas as f64;
        if self.areas < 2 || !self.phi.is_finite() || self.tau_squared <= 0.0 {
            return false;
        }
        ChiSquared::new(count - 1.0)
            .map(|chi| count * self.phi > chi.inverse_cdf(0.95))
            .unwrap_or(false)
    }
}

/// Estimates overdispersion from each area's z-score zᵢ = (yᵢ − θ)/sᵢ and standard
/// error sᵢ (Spiegelhalter 2005, Qual Saf Health Care 14:347, and Stat Med 24:1185 §4):
///
/// ```text
/// Winsorise: zᵢ below the 10th percentile → the 10th percentile, above the 90th → the 90th
/// φ  = Σ zᵢ² / I
/// τ² = (Iφ − (I − 1)) / (Σwᵢ − Σwᵢ²/Σwᵢ),  wᵢ = 1/sᵢ²    when Iφ > I − 1, else 0
/// ```
///
/// Percentiles by [`percentile_inc`]. Needs at least two areas.
pub fn overdispersion(
    z_scores: &[f64],
    standard_errors: &[f64],
) -> Result<Overdispersion, StatsError> {
    let areas = z_scores.len().min(standard_errors.len());
    if areas < 2 {
        return Err(StatsError::TooFewValues {
            needed: 2,
            got: areas,
        });
    }
    let z = &z_scores[..areas];
    let low = percentile_inc(z, 0.1)?;
    let high = percentile_inc(z, 0.9)?;
    let count = areas as f64;
    let phi = z.iter().map(|v| v.clamp(low, high).powi(2)).sum::<f64>() / count;
    let mut sum_w = 0.0;
    let mut sum_w2 = 0.0;
    for &s in &standard_errors[..areas] {
        let s = positive("standard error", s)?;
        let w = 1.0 / (s * s);
        sum_w += w;
        sum_w2 += w * w;
    }
    let tau_squared = if count * phi > count - 1.0 {
        ((count * phi - (count - 1.0)) / (sum_w - sum_w2 / sum_w)).max(0.0)
    } else {
        0.0
    };
    Ok(Overdispersion {
        areas,
        phi,
        tau_squared,
    })
}

/// A proportion's standard error at the baseline: √(θ(1 − θ)/n).
fn proportion_se(baseline: f64, denominator: f64) -> f64 {
    (baseline * (1.0 - baseline) / denominator).sqrt()
}

/// Overdispersed limits for a proportion at `denominator`: θ ± z·√(s² + τ²) with
/// s = √(θ(1 − θ)/n), clamped to [0, 1] (Spiegelhalter 2005, additive random effects
/// on the proportion scale).
pub fn proportion_limits_overdispersed(
    baseline: f64,
    denominator: f64,
    tau_squared: f64,
) -> Result<FunnelLimits, StatsError> {
    let theta = check_baseline(baseline)?;
    let n = positive("denominator", denominator)?;
    let tau2 = non_negative("tau squared", tau_squared)?;
    let sd = (proportion_se(theta, n).powi(2) + tau2).sqrt();
    let at = |level: ConfidenceLevel| Interval {
        lower: (theta - level.z() * sd).clamp(0.0, 1.0),
        upper: (theta + level.z() * sd).clamp(0.0, 1.0),
    };
    Ok(FunnelLimits {
        limits_95: at(ConfidenceLevel::P95),
        limits_99_8: at(ConfidenceLevel::P99_8),
    })
}

/// Overdispersed limits for a ratio at `expected` E, on the square-root scale as NHS
/// England's SHMI does it: yᵢ = √(Oᵢ/Eᵢ), target 1, sᵢ = 1/(2√Eᵢ), and limits
/// `(1 ± z·√(s² + τ²))²`, the lower one 0 when `1 − z·√(s² + τ²) < 0`.
/// Source: NHS England, "SHMI methodology", and Spiegelhalter (2005).
pub fn ratio_limits_overdispersed(
    expected: f64,
    tau_squared: f64,
) -> Result<FunnelLimits, StatsError> {
    let e = positive("expected", expected)?;
    let tau2 = non_negative("tau squared", tau_squared)?;
    let sd = (1.0 / (4.0 * e) + tau2).sqrt();
    let at = |level: ConfidenceLevel| Interval {
        lower: (1.0 - level.z() * sd).max(0.0).powi(2),
        upper: (1.0 + level.z() * sd).powi(2),
    };
    Ok(FunnelLimits {
        limits_95: at(ConfidenceLevel::P95),
        limits_99_8: at(ConfidenceLevel::P99_8),
    })
}

/// One area on a funnel plot.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FunnelPoint {
    /// The area's proportion (0–1) or ratio.
    pub value: f64,
    /// The limits at the area's denominator or expected count.
    pub limits: FunnelLimits,
    /// Where the value falls against the limits.
    pub significance: Significance,
}

/// A whole funnel plot: its baseline, the overdispersion estimate if one was asked
/// for, and each input row's point or the reason it could not be placed.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelPlot {
    /// The comparator: a proportion (0–1) or, for ratios, 1.
    pub baseline: f64,
    /// Spiegelhalter's estimate, when overdispersion was asked for and could be made.
    pub overdispersion: Option<Overdispersion>,
    /// One entry per input row, in order.
    pub points: Vec<Result<FunnelPoint, StatsError>>,
}

/// A funnel plot of proportions from `(numerator, denominator)` rows.
///
/// The baseline is `baseline` if given (a proportion, 0–1), else Σnumerator/Σdenominator
/// over the valid rows (PHE's default). Limits by [`proportion_limits`], or with
/// `overdispersed` by [`proportion_limits_overdispersed`] with τ² from
/// [`overdispersion`] of zᵢ = (pᵢ − θ)/√(θ(1 − θ)/nᵢ). Invalid rows keep their place
/// as errors. Fails only when no baseline can be had.
pub fn funnel_proportions(
    rows: &[(f64, f64)],
    baseline: Option<f64>,
    overdispersed: bool,
) -> Result<FunnelPlot, StatsError> {
    let checked: Vec<Result<(f64, f64), StatsError>> = rows
        .iter()
        .map(|&(x, n)| check_proportion(x, n).map(|_| (x, n)))
        .collect();
    let valid: Vec<(f64, f64)> = checked.iter().filter_map(|r| r.clone().ok()).collect();
    let theta = match baseline {
        Some(b) => check_baseline(b)?,
        None => {
            let total_n: f64 = valid.iter().map(|r| r.1).sum();
            if valid.is_empty() || total_n <= 0.0 {
                return Err(StatsError::TooFewValues { needed: 1, got: 0 });
            }
            valid.iter().map(|r| r.0).sum::<f64>() / total_n
        }
    };
    let od = if overdispersed && theta > 0.0 && theta < 1.0 {
        let se: Vec<f64> = valid
            .iter()
            .map(|&(_, n)| proportion_se(theta, n))
            .collect();
        let z: Vec<f64> = valid
            .iter()
            .zip(&se)
            .map(|(&(x, n), s)| (x / n - theta) / s)
            .collect();
        overdispersion(&z, &se).ok()
    } else {
        None
    };
    let points = checked
        .into_iter()
        .map(|row| {
            let (x, n) = row?;
            let limits = match od {
                Some(o) => proportion_limits_overdispersed(theta, n, o.tau_squared)?,
                None => proportion_limits(theta, n)?,
            };
            let value = x / n;
            Ok(FunnelPoint {
                value,
                limits,
                significance: significance(value, &limits),
            })
        })
        .collect();
    Ok(FunnelPlot {
        baseline: theta,
        overdispersion: od,
        points,
    })
}

/// A funnel plot of ratios from `(observed, expected)` rows around 1.
///
/// Limits by [`ratio_limits`] (exact Poisson), or with `overdispersed` by
/// [`ratio_limits_overdispersed`] with τ² from [`overdispersion`] of
/// zᵢ = 2(√Oᵢ − √Eᵢ), sᵢ = 1/(2√Eᵢ). Observed ≥ 0, expected > 0; invalid rows keep
/// their place as errors.
pub fn funnel_ratios(rows: &[(f64, f64)], overdispersed: bool) -> FunnelPlot {
    let checked: Vec<Result<(f64, f64), StatsError>> = rows
        .iter()
        .map(|&(o, e)| Ok((non_negative("observed", o)?, positive("expected", e)?)))
        .collect();
    let od = if overdispersed {
        let valid: Vec<(f64, f64)> = checked.iter().filter_map(|r| r.clone().ok()).collect();
        let z: Vec<f64> = valid
            .iter()
            .map(|&(o, e)| 2.0 * (o.sqrt() - e.sqrt()))
            .collect();
        let se: Vec<f64> = valid.iter().map(|&(_, e)| 0.5 / e.sqrt()).collect();
        overdispersion(&z, &se).ok()
    } else {
        None
    };
    let points = checked
        .into_iter()
        .map(|row| {
            let (o, e) = row?;
            let limits = match od {
                Some(d) => ratio_limits_overdispersed(e, d.tau_squared)?,
                None => ratio_limits(e)?,
            };
            let value = o / e;
            Ok(FunnelPoint {
                value,
                limits,
                significance: significance(value, &limits),
            })
        })
        .collect();
    FunnelPlot {
        baseline: 1.0,
        overdispersion: od,
        points,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdispersion_is_present_when_i_phi_passes_the_95th_percentile_of_chi_squared() {
        // χ² 95th percentiles from tables: 16.919 on 9 degrees of freedom, 72.153 on 54.
        let od = |areas: usize, phi: f64| Overdispersion {
            areas,
            phi,
            tau_squared: if areas as f64 * phi > areas as f64 - 1.0 {
                0.01
            } else {
                0.0
            },
        };
        assert!(od(10, 1.70).present()); // 17.0 > 16.919
        assert!(!od(10, 1.69).present()); // 16.9 < 16.919
        assert!(od(55, 1.32).present()); // 72.6 > 72.153
        assert!(!od(55, 1.31).present()); // 72.05 < 72.153
        assert!(!od(55, 0.9).present());
        assert!(!od(1, 9.0).present());
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * b.abs().max(1e-12)
    }

    /// PHE's `sigma_adjustment` typed term for term, to show it equals the short form.
    fn phe_sigma_adjustment(z: f64, n: f64, a: f64, side: Side) -> f64 {
        let first = a * (n / z.powi(2) + 1.0);
        let adj = ((-8.0 * a * (n / z.powi(2) + 1.0)).powi(2)
            - 64.0
                * (1.0 / z.powi(2) + 1.0 / n)
                * a
                * (n * (a * (n / z.powi(2) + 2.0) - 1.0) + z.powi(2) * (a - 1.0)))
            .sqrt();
        let last = 1.0 / z.powi(2) + 1.0 / n;
        match side {
            Side::Low => (first - adj / 8.0) / last / n,
            Side::High => (first + adj / 8.0) / last / n,
        }
    }

    #[test]
    fn proportion_limits_match_phe() {
        // Python (SciPy norm.ppf) with PHE's sigma_adjustment, baseline 0.3:
        // n = 100:  0.21018316681457944, 0.3898168331854205, 0.15838776541988045, 0.44161223458011956
        // n = 1000: 0.2715974234910674, 0.32840257650893256, 0.2552182794180765, 0.34478172058192347
        let cases = [
            (
                100.0,
                [
                    0.210_183_166_814_579_44,
                    0.389_816_833_185_420_5,
                    0.158_387_765_419_880_45,
                    0.441_612_234_580_119_56,
                ],
            ),
            (
                1000.0,
                [
                    0.271_597_423_491_067_4,
                    0.328_402_576_508_932_56,
                    0.255_218_279_418_076_5,
                    0.344_781_720_581_923_47,
                ],
            ),
        ];
        for (n, expected) in cases {
            let l = proportion_limits(0.3, n).unwrap();
            let got = [
                l.limits_95.lower,
                l.limits_95.upper,
                l.limits_99_8.lower,
                l.limits_99_8.upper,
            ];
            for (g, e) in got.iter().zip(expected) {
                assert!(close(*g, e, 1e-12), "n={n}: {g} vs {e}");
            }
        }
        for n in [7.0, 55.0, 1234.0, 98_765.0] {
            for a in [0.01, 0.3, 0.5, 0.9] {
                for level in ConfidenceLevel::ALL {
                    for side in [Side::Low, Side::High] {
                        let short = proportion_limit(a, n, level.z(), side);
                        let long = phe_sigma_adjustment(level.z(), n, a, side).clamp(0.0, 1.0);
                        assert!((short - long).abs() < 1e-12, "{a} {n} {short} {long}");
                    }
                }
            }
        }
    }

    #[test]
    fn ratio_limits_are_exact_poisson() {
        // Python: brentq on scipy.special.gammainc: P(O_L + 1, E) = 1 − tail and
        // P(O_U, E) = tail, divided by E. E = 20 and E = 2 (lower limits 0 because
        // e^−2 > 0.025).
        let l = ratio_limits(20.0).unwrap();
        assert!(close(l.limits_95.lower, 0.562_382_904_634_438_3, 1e-9));
        assert!(close(l.limits_95.upper, 1.485_316_186_753_062_7, 1e-9));
        assert!(close(l.limits_99_8.lower, 0.362_120_671_852_066_37, 1e-9));
        assert!(close(l.limits_99_8.upper, 1.782_514_335_404_383, 1e-9));
        let small = ratio_limits(2.0).unwrap();
        assert_eq!(small.limits_95.lower, 0.0);
        assert!(close(small.limits_95.upper, 2.829_167_530_813_075, 1e-9));
        assert!(close(small.limits_99_8.upper, 4.031_189_241_549_956, 1e-9));
    }

    #[test]
    fn ratio_limits_agree_with_phe_poisson_funnel() {
        // PHStatsMethods' test of PHE's poisson_funnel: 200 observed are on the 95%
        // upper limit at E = 173.24086241121654; 500 observed on the 99.8% lower limit
        // at E = 573.0274767209943 (their bisection stops at 1e-7, hence the tolerance).
        let e = 173.240_862_411_216_54;
        assert!(close(
            ratio_limit(e, 0.025, Side::High).unwrap(),
            200.0 / e,
            1e-6
        ));
        let e = 573.027_476_720_994_3;
        assert!(close(
            ratio_limit(e, 0.001, Side::Low).unwrap(),
            500.0 / e,
            1e-6
        ));
    }

    #[test]
    fn significance_in_phe_order() {
        let l = proportion_limits(0.3, 100.0).unwrap();
        assert_eq!(significance(0.10, &l), Significance::Low0001);
        assert_eq!(significance(0.20, &l), Significance::Low0025);
        assert_eq!(significance(0.30, &l), Significance::NotSignificant);
        assert_eq!(significance(0.40, &l), Significance::High0025);
        assert_eq!(significance(0.50, &l), Significance::High0001);
        // Exactly on a limit is not significant (strict comparison, as PHE).
        assert_eq!(
            significance(l.limits_95.upper, &l),
            Significance::NotSignificant
        );
        assert_eq!(Significance::High0001.as_str(), "High (0.001)");
        assert_eq!(Significance::NotSignificant.as_str(), "Not significant");
    }

    #[test]
    fn overdispersion_matches_spiegelhalter() {
        // Python: θ = Σx/Σn; zᵢ = (pᵢ − θ)/√(θ(1−θ)/nᵢ); clip at numpy percentile 10/90
        // (linear = PERCENTILE.INC); φ = Σz²/I; τ² = (Iφ − (I−1))/(Σw − Σw²/Σw).
        // φ = 4.648081650069999, τ² = 0.007978358490778456; limits at n = 100:
        // 0.197217632928983, 0.5964331607218106, 0.08210820537691815, 0.7115425882738755.
        let rows = [
            (30.0, 100.0),
            (45.0, 120.0),
            (60.0, 150.0),
            (20.0, 90.0),
            (80.0, 160.0),
            (50.0, 140.0),
            (10.0, 60.0),
            (95.0, 180.0),
            (40.0, 110.0),
            (70.0, 150.0),
        ];
        let plot = funnel_proportions(&rows, None, true).unwrap();
        assert!(close(plot.baseline, 0.396_825_396_825_396_8, 1e-12));
        let od = plot.overdispersion.unwrap();
        assert!(close(od.phi, 4.648_081_650_069_999, 1e-12));
        assert!(close(od.tau_squared, 0.007_978_358_490_778_456, 1e-12));
        let first = plot.points[0].as_ref().unwrap().limits;
        assert!(close(first.limits_95.lower, 0.197_217_632_928_983, 1e-12));
        assert!(close(first.limits_95.upper, 0.596_433_160_721_810_6, 1e-12));
        assert!(close(
            first.limits_99_8.lower,
            0.082_108_205_376_918_15,
            1e-12
        ));
        assert!(close(
            first.limits_99_8.upper,
            0.711_542_588_273_875_5,
            1e-12
        ));
    }

    #[test]
    fn no_overdispersion_means_no_adjustment() {
        // Values on the baseline: φ = 0, τ² = 0, the limits equal the plain ones.
        let rows = [(30.0, 100.0), (60.0, 200.0), (90.0, 300.0)];
        let plot = funnel_proportions(&rows, None, true).unwrap();
        assert_eq!(plot.overdispersion.unwrap().tau_squared, 0.0);
        let plain = proportion_limits(0.3, 100.0).unwrap();
        let got = plot.points[0].as_ref().unwrap().limits;
        assert!((got.limits_95.upper - plain.limits_95.upper).abs() < 1e-12);
    }

    #[test]
    fn invalid_rows_keep_their_place() {
        let rows = [
            (5.0, 10.0),
            (11.0, 10.0),
            (1.0, 0.0),
            (f64::NAN, 3.0),
            (3.0, 10.0),
        ];
        let plot = funnel_proportions(&rows, None, false).unwrap();
        assert!(close(plot.baseline, 0.4, 1e-12));
        assert!(plot.points[0].is_ok() && plot.points[4].is_ok());
        assert!(matches!(
            plot.points[1],
            Err(StatsError::NumeratorAboveDenominator { .. })
        ));
        assert!(matches!(
            plot.points[2],
            Err(StatsError::NotPositive { .. })
        ));
        assert!(matches!(plot.points[3], Err(StatsError::NotFinite { .. })));
        assert!(funnel_proportions(&[(1.0, 0.0)], None, false).is_err());
        assert!(funnel_proportions(&[(1.0, 2.0)], Some(1.5), false).is_err());
        let ratios = funnel_ratios(&[(5.0, 0.0), (-1.0, 3.0), (12.0, 10.0)], true);
        assert!(ratios.points[0].is_err() && ratios.points[1].is_err());
        assert!(ratios.points[2].is_ok());
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn proportion_limits_narrow_with_denominator(theta in 0.0f64..=1.0, n in 1.0f64..1e6, k in 1.01f64..100.0) {
            let a = proportion_limits(theta, n).unwrap();
            let b = proportion_limits(theta, n * k).unwrap();
            prop_assert!(b.limits_95.lower >= a.limits_95.lower - 1e-12);
            prop_assert!(b.limits_95.upper <= a.limits_95.upper + 1e-12);
            prop_assert!(b.limits_99_8.lower >= a.limits_99_8.lower - 1e-12);
            prop_assert!(b.limits_99_8.upper <= a.limits_99_8.upper + 1e-12);
            prop_assert!(a.limits_99_8.lower <= a.limits_95.lower && a.limits_95.upper <= a.limits_99_8.upper);
            prop_assert!(a.limits_95.contains(theta));
        }

        #[test]
        fn overdispersion_only_widens_and_stays_monotone(
            theta in 0.01f64..0.99, n in 1.0f64..1e5, k in 1.01f64..100.0, tau2 in 0.0f64..0.05,
        ) {
            let plain = proportion_limits(theta, n).unwrap();
            let wide = proportion_limits_overdispersed(theta, n, tau2).unwrap();
            prop_assert!(wide.limits_95.lower <= plain.limits_95.lower + 1e-12);
            prop_assert!(wide.limits_95.upper >= plain.limits_95.upper - 1e-12);
            let larger = proportion_limits_overdispersed(theta, n * k, tau2).unwrap();
            prop_assert!(larger.limits_95.lower >= wide.limits_95.lower - 1e-12);
            prop_assert!(larger.limits_99_8.upper <= wide.limits_99_8.upper + 1e-12);
            let ratio = ratio_limits_overdispersed(n, tau2).unwrap();
            let ratio_larger = ratio_limits_overdispersed(n * k, tau2).unwrap();
            prop_assert!(ratio_larger.limits_95.upper <= ratio.limits_95.upper + 1e-12);
            prop_assert!(ratio.limits_99_8.lower <= ratio.limits_95.lower);
        }

        #[test]
        fn significance_agrees_with_the_limits(x in 0u32..1000, n in 1u32..1000, theta in 0.0f64..=1.0) {
            prop_assume!(x <= n);
            let plot = funnel_proportions(&[(f64::from(x), f64::from(n))], Some(theta), false).unwrap();
            let point = plot.points[0].as_ref().unwrap();
            let outside_95 = !point.limits.limits_95.contains(point.value);
            prop_assert_eq!(point.significance != Significance::NotSignificant, outside_95);
        }

        #[test]
        fn ratio_limits_narrow_with_expected(e in 0.5f64..5_000.0, k in 1.05f64..10.0) {
            let a = ratio_limits(e).unwrap();
            let b = ratio_limits(e * k).unwrap();
            prop_assert!(b.limits_95.lower >= a.limits_95.lower - 1e-9);
            prop_assert!(b.limits_95.upper <= a.limits_95.upper + 1e-9);
            prop_assert!(b.limits_99_8.lower >= a.limits_99_8.lower - 1e-9);
            prop_assert!(b.limits_99_8.upper <= a.limits_99_8.upper + 1e-9);
            prop_assert!(a.limits_99_8.lower <= a.limits_95.lower && a.limits_95.upper <= a.limits_99_8.upper);
            prop_assert!(a.limits_95.contains(1.0));
        }
    }
}
