//! The slope index of inequality (SII) and relative index of inequality (RII), as
//! PHEindicatormethods' `phe_sii` computes them for a measure given per quantile of
//! deprivation (value_type 0: the values as given, no transformation).
//!
//! Each quantile stands at the midpoint of its cumulative share of the population
//! (quantile 1, the most deprived, first): `b = cum(a) − a/2` with `a` its share. The
//! values are regressed on `b`, weighted by population, through the model
//! `√a·y = β₀·√a + β₁·b√a` (no constant). The SII is `β₁`, the difference the fitted line
//! makes from one end of the population to the other; the RII is `(β₀ + β₁)/β₀`.
//! The confidence interval is PHE's simulation: each quantile's value is drawn from a
//! normal distribution around it with its standard error (from the 95% interval when
//! only that is given: `se = (upper − lower)/(2 × 1.96)`), the model refitted, and the
//! 2.5th and 97.5th of the sorted results taken (positions `round(n × 0.025)` and
//! `round(n × 0.975)`). The draws come from a fixed seed, so a result can be reproduced.

use super::{Interval, StatsError, Z_95};
use crate::random::SplitMix64;

/// One quantile's figure: its population, value and the value's standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuantileFigure {
    /// The quantile's number: 1 for the most deprived.
    pub quantile: u32,
    /// The people the quantile covers.
    pub population: f64,
    /// The measure's value in the quantile.
    pub value: f64,
    /// The value's standard error.
    pub standard_error: f64,
}

impl QuantileFigure {
    /// The standard error from a 95% confidence interval, as `phe_sii` derives it.
    pub fn standard_error_of(interval: Interval) -> f64 {
        (interval.upper - interval.lower) / Z_95 / 2.0
    }
}

/// The SII and RII with their confidence intervals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inequality {
    /// The slope index of inequality: the fitted value for the least deprived end of
    /// the population minus that for the most deprived, in the measure's unit.
    pub sii: f64,
    /// The SII's simulated confidence interval.
    pub sii_interval: Interval,
    /// The relative index of inequality: the fitted value at the least deprived end
    /// over that at the most deprived.
    pub rii: f64,
    /// The RII's simulated confidence interval.
    pub rii_interval: Interval,
    /// The fitted value at the most deprived end (β₀).
    pub intercept: f64,
}

/// How many draws the simulation makes by default, as `phe_sii`.
pub const REPETITIONS: usize = 100_000;
/// The seed the simulation starts from by default.
pub const SEED: u64 = 20_121_958;

/// The SII and RII of `figures` (one per quantile, 5 to 100 quantiles) with their
/// `confidence` intervals (0.95 for 95%), by `repetitions` draws from `seed`.
pub fn slope_index(
    figures: &[QuantileFigure],
    confidence: f64,
    repetitions: usize,
    seed: u64,
) -> Result<Inequality, StatsError> {
    let bad = |reason: String| Err(StatsError::Invalid(reason));
    if !(5..=100).contains(&figures.len()) {
        return bad(format!(
            "{} quantiles given; the SII needs between 5 and 100",
            figures.len()
        ));
    }
    if !(0.9..1.0).contains(&confidence) {
        return bad(format!(
            "confidence {confidence}: expected 0.9 to 1, like 0.95"
        ));
    }
    if repetitions < 1_000 {
        return bad(format!("{repetitions} repetitions: expected 1,000 or more"));
    }
    let mut figures = figures.to_vec();
    figures.sort_by_key(|f| f.quantile);
    if figures.windows(2).any(|w| w[0].quantile == w[1].quantile) {
        return bad("a quantile is given twice; expected each once".into());
    }
    for f in &figures {
        let q = f.quantile;
        if !(f.population.is_finite() && f.population > 0.0) {
            return bad(format!(
                "quantile {q} has population {}: expected more than 0",
                f.population
            ));
        }
        if !f.value.is_finite() {
            return bad(format!("quantile {q} has no value"));
        }
        if !(f.standard_error.is_finite() && f.standard_error >= 0.0) {
            return bad(format!(
                "quantile {q} has standard error {}: expected 0 or more (is its lower limit above its upper?)",
                f.standard_error
            ));
        }
    }
    let design = Design::of(&figures);
    let (intercept, sii) = design.fit(figures.iter().map(|f| f.value));
    let rii = (intercept + sii) / intercept;

    let mut random = SplitMix64::new(seed);
    let mut normal = NormalDraws::default();
    let mut siis = Vec::with_capacity(repetitions);
    let mut riis = Vec::with_capacity(repetitions);
    let mut drawn = vec![0.0; figures.len()];
    for _ in 0..repetitions {
        for (d, f) in drawn.iter_mut().zip(&figures) {
            *d = f.value + f.standard_error * normal.next(&mut random);
        }
        let (b0, b1) = design.fit(drawn.iter().copied());
        siis.push(b1);
        riis.push((b0 + b1) / b0);
    }
    Ok(Inequality {
        sii,
        sii_interval: simulated_interval(&mut siis, confidence),
        rii,
        rii_interval: simulated_interval(&mut riis, confidence),
        intercept,
    })
}

/// The least squares fit of the weighted model: `(M Mᵀ)⁻¹ M` worked out once, where the
/// rows of `M` are `√a` and `b√a`.
struct Design {
    sqrt_a: Vec<f64>,
    /// Row 0 gives β₀, row 1 gives β₁, from the weighted values `√a·y`.
    solve: [Vec<f64>; 2],
}

impl Design {
    fn of(figures: &[QuantileFigure]) -> Design {
        let total: f64 = figures.iter().map(|f| f.population).sum();
        let mut cumulative = 0.0;
        let mut sqrt_a = Vec::with_capacity(figures.len());
        let mut b_sqrt_a = Vec::with_capacity(figures.len());
        for f in figures {
            let a = f.population / total;
            let b = cumulative + a / 2.0;
            cumulative += a;
            sqrt_a.push(a.sqrt());
            b_sqrt_a.push(b * a.sqrt());
        }
        let dot = |x: &[f64], y: &[f64]| x.iter().zip(y).map(|(p, q)| p * q).sum::<f64>();
        let (s00, s01, s11) = (
            dot(&sqrt_a, &sqrt_a),
            dot(&sqrt_a, &b_sqrt_a),
            dot(&b_sqrt_a, &b_sqrt_a),
        );
        let det = s00 * s11 - s01 * s01;
        let (i00, i01, i11) = (s11 / det, -s01 / det, s00 / det);
        let row = |c0: f64, c1: f64| -> Vec<f64> {
            sqrt_a
                .iter()
                .zip(&b_sqrt_a)
                .map(|(x0, x1)| c0 * x0 + c1 * x1)
                .collect()
        };
        let solve = [row(i00, i01), row(i01, i11)];
        Design { sqrt_a, solve }
    }

    /// (β₀, β₁) for values `y`, one per quantile in order.
    fn fit(&self, y: impl Iterator<Item = f64>) -> (f64, f64) {
        let (mut b0, mut b1) = (0.0, 0.0);
        for (i, y) in y.enumerate() {
            let weighted = self.sqrt_a[i] * y;
            b0 += self.solve[0][i] * weighted;
            b1 += self.solve[1][i] * weighted;
        }
        (b0, b1)
    }
}

/// The simulated interval: the sorted draws at positions `round(n·(1−c)/2)` and
/// `round(n·(1+c)/2)`, counted from 1 as R counts.
fn simulated_interval(draws: &mut [f64], confidence: f64) -> Interval {
    draws.sort_by(f64::total_cmp);
    let n = draws.len() as f64;
    let upper_share = confidence + (1.0 - confidence) / 2.0;
    let at = |share: f64| {
        let position = (n * share).round_ties_even() as usize;
        draws[position.clamp(1, draws.len()) - 1]
    };
    Interval {
        lower: at(1.0 - upper_share),
        upper: at(upper_share),
    }
}

/// Standard normal draws by the Box–Muller transform, two at a time.
#[derive(Default)]
struct NormalDraws {
    spare: Option<f64>,
}

impl NormalDraws {
    fn next(&mut self, random: &mut SplitMix64) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        // 1 − u lies in (0, 1], so its logarithm is finite.
        let u1 = 1.0 - random.next_f64();
        let u2 = random.next_f64();
        let radius = (-2.0 * u1.ln()).sqrt();
        let angle = std::f64::consts::TAU * u2;
        self.spare = Some(radius * angle.sin());
        radius * angle.cos()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PHEindicatormethods' own test data (tests/testthat/testdata_SII.xlsx, "default
    /// (e.g. life expectancy)", area1 and area2): population, value, lower and upper
    /// 95% limits per decile, and its expected SII, RII and their 95% limits.
    const AREA1: [(f64, f64, f64, f64); 10] = [
        (7291.0, 75.9334590103081, 72.7220530546453, 79.1448649659708),
        (7997.0, 78.3442382727843, 75.2509802190802, 81.4374963264884),
        (6105.0, 83.8360631041654, 80.8697295124759, 86.8023966958549),
        (7666.0, 83.6375399664931, 80.157578356036, 87.1175015769501),
        (5790.0, 80.4655031529559, 77.1308785969275, 83.8001277089842),
        (6934.0, 81.1156759857022, 78.0499986811178, 84.1813532902866),
        (5918.0, 81.6930835718562, 79.011578491948, 84.3745886517644),
        (5974.0, 84.1900062060987, 81.4457282769343, 86.9342841352631),
        (7147.0, 80.5955641081472, 75.827185168894, 85.3639430474004),
        (7534.0, 86.2894349578624, 83.2190593454592, 89.3598105702656),
    ];
    const AREA2: [(f64, f64, f64, f64); 10] = [
        (21675.0, 70.54853186, 70.09853186, 70.99853186),
        (20065.0, 71.57155734, 71.12155734, 72.14),
        (19750.0, 72.48698671, 72.03698671, 73.21),
        (24713.0, 73.51985519, 73.06985519, 73.7),
        (20112.0, 73.14605425, 72.69605425, 75.8),
        (19618.0, 76.15898712, 75.70898712, 78.76),
        (22408.0, 78.65444871, 78.20444871, 79.77),
        (19752.0, 80.56476961, 80.11476961, 81.21),
        (18939.0, 80.85486627, 80.40486627, 81.30486627),
        (19312.0, 79.9711253, 79.5211253, 80.9),
    ];

    fn figures(rows: &[(f64, f64, f64, f64)]) -> Vec<QuantileFigure> {
        rows.iter()
            .enumerate()
            .map(|(i, &(population, value, lower, upper))| QuantileFigure {
                quantile: i as u32 + 1,
                population,
                value,
                standard_error: QuantileFigure::standard_error_of(Interval { lower, upper }),
            })
            .collect()
    }

    fn close(actual: f64, expected: f64, relative: f64) -> bool {
        ((actual - expected) / expected).abs() <= relative
    }

    #[test]
    fn sii_and_rii_match_phe_sii_on_its_test_data() {
        // phe_sii's expected values; its own tests allow 5% on the simulated limits.
        for (rows, sii, rii, sii_ci, rii_ci) in [
            (
                &AREA1,
                6.934616473668819,
                1.0888180804446217,
                (3.127594617650817, 10.7586873680794),
                (1.0383690591642838, 1.1412993360251238),
            ),
            (
                &AREA2,
                12.547846636351798,
                1.180885620848795,
                (11.936156426792138, 13.163020132396579),
                (1.1713706914325628, 1.1904396357244886),
            ),
        ] {
            let result = slope_index(&figures(rows), 0.95, REPETITIONS, SEED).unwrap();
            assert!(close(result.sii, sii, 1e-9), "{} against {sii}", result.sii);
            assert!(close(result.rii, rii, 1e-9), "{} against {rii}", result.rii);
            assert!(
                close(result.sii_interval.lower, sii_ci.0, 0.02),
                "{:?}",
                result.sii_interval
            );
            assert!(
                close(result.sii_interval.upper, sii_ci.1, 0.02),
                "{:?}",
                result.sii_interval
            );
            assert!(
                close(result.rii_interval.lower, rii_ci.0, 0.005),
                "{:?}",
                result.rii_interval
            );
            assert!(
                close(result.rii_interval.upper, rii_ci.1, 0.005),
                "{:?}",
                result.rii_interval
            );
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_interval_and_input_order_does_not_matter() {
        let mut rows = figures(&AREA1);
        let first = slope_index(&rows, 0.95, 5_000, 7).unwrap();
        rows.reverse();
        assert_eq!(slope_index(&rows, 0.95, 5_000, 7).unwrap(), first);
        assert_ne!(
            slope_index(&rows, 0.95, 5_000, 8).unwrap().sii_interval,
            first.sii_interval
        );
    }

    #[test]
    fn too_few_quantiles_or_a_bad_figure_is_said() {
        let rows = figures(&AREA1);
        let err = slope_index(&rows[..4], 0.95, REPETITIONS, SEED).unwrap_err();
        assert!(err.to_string().contains("4 quantiles given"), "{err}");
        let mut bad = rows.clone();
        bad[2].population = 0.0;
        assert!(slope_index(&bad, 0.95, 1_000, 1)
            .unwrap_err()
            .to_string()
            .contains("quantile 3 has population 0"));
        let mut twice = rows;
        twice[1].quantile = 1;
        assert!(slope_index(&twice, 0.95, 1_000, 1)
            .unwrap_err()
            .to_string()
            .contains("given twice"));
    }
}
