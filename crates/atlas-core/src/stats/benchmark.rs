//! Benchmarking an area against a comparator, as Fingertips does it.
//!
//! An area's confidence interval is compared with the comparator's value (England, the
//! region, the city…): if the comparator lies inside the interval the area is
//! *similar*; otherwise it is *better* or *worse* by the indicator's polarity, or
//! *higher* or *lower* when the indicator has no judgement. The comparison is made at
//! 95% and at 99.8%.
//!
//! Fingertips chooses the method per indicator ([`ComparisonMethod`]): interval overlap
//! at one level or both, or SPC for proportions (control limits around the comparator at
//! the area's own denominator; its method for QOF prevalence). [`judge`] applies a
//! measure's method; every page's verdict comes from it.
//!
//! Source: Fingertips technical guidance, "Benchmarking against a goal or comparator"
//! (fingertips.phe.org.uk/profile/guidance), and the Fingertips `Comparer` logic: an
//! interval that touches the comparator counts as similar.

use super::ci::chi_squared_quantile;
use super::{ConfidenceLevel, Interval};
use serde::{Deserialize, Serialize};

/// Which direction is better, as Fingertips calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Polarity {
    /// Higher values are better (screening coverage, satisfaction).
    HighIsGood,
    /// Lower values are better (emergency admissions, waiting).
    LowIsGood,
    /// Higher or lower, with no judgement (recorded prevalence, list size).
    NoJudgement,
}

/// How an area is compared with its comparator, as Fingertips names its methods. The
/// ids are `pcatlas compare --method`'s and the canonical metadata file's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum ComparisonMethod {
    /// The comparator against the 95% and the 99.8% confidence intervals
    /// (`overlap-both`): the rule for every measure unless its metadata says otherwise.
    #[default]
    #[serde(rename = "overlap-both")]
    OverlapBoth,
    /// The 95% confidence interval only (`overlap-95`).
    #[serde(rename = "overlap-95")]
    Overlap95,
    /// The 99.8% confidence interval only (`overlap-99.8`).
    #[serde(rename = "overlap-99.8")]
    Overlap99_8,
    /// SPC for proportions at 95% (`spc-95`).
    #[serde(rename = "spc-95")]
    Spc95,
    /// SPC for proportions at 99.8% (`spc-99.8`): Fingertips' method for QOF prevalence.
    #[serde(rename = "spc-99.8")]
    Spc99_8,
    /// SPC for rates and directly standardised rates at 95% (`spc-rate-95`): exact
    /// Poisson limits around the comparator at the area's own denominator.
    #[serde(rename = "spc-rate-95")]
    SpcRate95,
    /// SPC for rates at 99.8% (`spc-rate-99.8`).
    #[serde(rename = "spc-rate-99.8")]
    SpcRate99_8,
    /// Quintiles of the areas' values (`quintiles`), for a measure with no interval:
    /// no comparator, each area placed in its fifth ([`quintile_of`]).
    #[serde(rename = "quintiles")]
    Quintiles,
}

impl ComparisonMethod {
    /// Every method, in the order the documentation lists them.
    pub const ALL: [ComparisonMethod; 8] = [
        ComparisonMethod::OverlapBoth,
        ComparisonMethod::Overlap95,
        ComparisonMethod::Overlap99_8,
        ComparisonMethod::Spc95,
        ComparisonMethod::Spc99_8,
        ComparisonMethod::SpcRate95,
        ComparisonMethod::SpcRate99_8,
        ComparisonMethod::Quintiles,
    ];

    /// The id: `overlap-both`, `overlap-95`, `overlap-99.8`, `spc-95`, `spc-99.8`,
    /// `spc-rate-95`, `spc-rate-99.8` or `quintiles`.
    pub fn id(self) -> &'static str {
        match self {
            ComparisonMethod::OverlapBoth => "overlap-both",
            ComparisonMethod::Overlap95 => "overlap-95",
            ComparisonMethod::Overlap99_8 => "overlap-99.8",
            ComparisonMethod::Spc95 => "spc-95",
            ComparisonMethod::Spc99_8 => "spc-99.8",
            ComparisonMethod::SpcRate95 => "spc-rate-95",
            ComparisonMethod::SpcRate99_8 => "spc-rate-99.8",
            ComparisonMethod::Quintiles => "quintiles",
        }
    }

    /// The method from its id, case-insensitive, ignoring surrounding spaces.
    pub fn parse(text: &str) -> Option<ComparisonMethod> {
        let text = text.trim();
        Self::ALL
            .into_iter()
            .find(|m| m.id().eq_ignore_ascii_case(text))
    }

    /// The method in words, as the pages print it beside a verdict.
    pub fn words(self) -> &'static str {
        match self {
            ComparisonMethod::OverlapBoth => "95% and 99.8% confidence intervals",
            ComparisonMethod::Overlap95 => "95% confidence interval",
            ComparisonMethod::Overlap99_8 => "99.8% confidence interval",
            ComparisonMethod::Spc95 => "SPC for proportions at 95%",
            ComparisonMethod::Spc99_8 => "SPC for proportions at 99.8%",
            ComparisonMethod::SpcRate95 => "SPC for rates at 95%",
            ComparisonMethod::SpcRate99_8 => "SPC for rates at 99.8%",
            ComparisonMethod::Quintiles => "quintiles of the areas' values",
        }
    }

    /// The method in a few words, for a column header: "95% and 99.8% intervals",
    /// "SPC, 99.8%"…
    pub fn short(self) -> &'static str {
        match self {
            ComparisonMethod::OverlapBoth => "95% and 99.8% intervals",
            ComparisonMethod::Overlap95 => "95% interval",
            ComparisonMethod::Overlap99_8 => "99.8% interval",
            ComparisonMethod::Spc95 => "SPC, 95%",
            ComparisonMethod::Spc99_8 => "SPC, 99.8%",
            ComparisonMethod::SpcRate95 => "SPC (rates), 95%",
            ComparisonMethod::SpcRate99_8 => "SPC (rates), 99.8%",
            ComparisonMethod::Quintiles => "Quintiles",
        }
    }

    /// How the one comparison a page shows ([`Verdict::headline`]) was made, to end a
    /// sentence: "at 95%", "at 99.8%", "by SPC for proportions at 99.8%"…
    pub fn headline_words(self) -> &'static str {
        match self {
            ComparisonMethod::OverlapBoth | ComparisonMethod::Overlap95 => "at 95%",
            ComparisonMethod::Overlap99_8 => "at 99.8%",
            ComparisonMethod::Spc95 => "by SPC for proportions at 95%",
            ComparisonMethod::Spc99_8 => "by SPC for proportions at 99.8%",
            ComparisonMethod::SpcRate95 => "by SPC for rates at 95%",
            ComparisonMethod::SpcRate99_8 => "by SPC for rates at 99.8%",
            ComparisonMethod::Quintiles => "by quintile",
        }
    }

    /// Whether the method judges at 95%.
    pub fn at_95(self) -> bool {
        matches!(
            self,
            ComparisonMethod::OverlapBoth
                | ComparisonMethod::Overlap95
                | ComparisonMethod::Spc95
                | ComparisonMethod::SpcRate95
        )
    }

    /// Whether the method judges at 99.8%.
    pub fn at_99_8(self) -> bool {
        matches!(
            self,
            ComparisonMethod::OverlapBoth
                | ComparisonMethod::Overlap99_8
                | ComparisonMethod::Spc99_8
                | ComparisonMethod::SpcRate99_8
        )
    }

    /// Whether the method is SPC (for proportions or rates): it needs the area's
    /// denominator, not an interval.
    pub fn is_spc(self) -> bool {
        self.is_spc_proportion() || self.is_spc_rate()
    }

    /// Whether the method is SPC for proportions (a proportion's unit only).
    pub fn is_spc_proportion(self) -> bool {
        matches!(self, ComparisonMethod::Spc95 | ComparisonMethod::Spc99_8)
    }

    /// Whether the method is SPC for rates (Poisson limits).
    pub fn is_spc_rate(self) -> bool {
        matches!(
            self,
            ComparisonMethod::SpcRate95 | ComparisonMethod::SpcRate99_8
        )
    }
}

/// An area's figure as a comparison needs it, on the measure's reading scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AreaFigure {
    /// The value.
    pub value: f64,
    /// The 95% confidence interval, when the measure has one.
    pub interval_95: Option<Interval>,
    /// The 99.8% confidence interval, when the measure has one.
    pub interval_99_8: Option<Interval>,
    /// For SPC: the denominator, and how many reading units make one case per head
    /// (100 for a percentage, 1,000 for a rate per 1,000, 1 for a ratio). `None` for a
    /// measure with no denominator.
    pub base: Option<(f64, f64)>,
}

/// An area's comparison with its comparator by a method: at each level the method
/// uses, [`Comparison::NotCompared`] at a level it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Verdict {
    /// The method that gave it.
    pub method: ComparisonMethod,
    /// The comparison at 95%.
    pub at_95: Comparison,
    /// The comparison at 99.8%.
    pub at_99_8: Comparison,
}

impl Verdict {
    /// The one comparison a page shows where it shows one (the Variation page's ranked
    /// chart, Priorities): at 95% when the method judges at 95%, else at 99.8%.
    pub fn headline(self) -> Comparison {
        if self.method.at_95() {
            self.at_95
        } else {
            self.at_99_8
        }
    }
}

/// Compares `area` with `comparator` (on the same reading scale) by `method`. SPC
/// without a denominator, and overlap without an interval, give
/// [`Comparison::NotCompared`].
pub fn judge(
    method: ComparisonMethod,
    area: &AreaFigure,
    comparator: f64,
    polarity: Polarity,
) -> Verdict {
    let by = |interval: Option<Interval>, level: ConfidenceLevel| -> Comparison {
        let z = match level {
            ConfidenceLevel::P95 => SPC_Z_95,
            ConfidenceLevel::P99_8 => SPC_Z_99_8,
        };
        match (method.is_spc_proportion(), method.is_spc_rate(), area.base) {
            (true, _, Some((n, scale))) if scale > 0.0 => {
                compare_spc_proportion(area.value / scale, n, comparator / scale, z, polarity)
            }
            (_, true, Some((n, scale))) if scale > 0.0 => {
                compare_spc_rate(area.value, n, comparator, scale, level, polarity)
            }
            (false, false, _) => interval.map_or(Comparison::NotCompared, |i| {
                compare(i, comparator, polarity)
            }),
            _ => Comparison::NotCompared,
        }
    };
    let at_95 = if method.at_95() {
        by(area.interval_95, ConfidenceLevel::P95)
    } else {
        Comparison::NotCompared
    };
    let at_99_8 = if method.at_99_8() {
        by(area.interval_99_8, ConfidenceLevel::P99_8)
    } else {
        Comparison::NotCompared
    };
    Verdict {
        method,
        at_95,
        at_99_8,
    }
}

/// The result of comparing an area with a comparator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparison {
    /// The interval lies wholly on the good side of the comparator.
    Better,
    /// The interval lies wholly on the bad side of the comparator.
    Worse,
    /// The comparator lies inside the interval (ends included).
    Similar,
    /// No judgement: the interval lies wholly above the comparator.
    Higher,
    /// No judgement: the interval lies wholly below the comparator.
    Lower,
    /// Not compared: the area is the comparator itself, or a value is missing.
    NotCompared,
}

impl Comparison {
    /// The word `pcatlas` prints: `better`, `worse`, `similar`, `higher`, `lower`, or
    /// empty for [`Comparison::NotCompared`].
    pub fn as_str(self) -> &'static str {
        match self {
            Comparison::Better => "better",
            Comparison::Worse => "worse",
            Comparison::Similar => "similar",
            Comparison::Higher => "higher",
            Comparison::Lower => "lower",
            Comparison::NotCompared => "",
        }
    }

    /// The verdict in a phrase against a named comparator: "higher than the city",
    /// "similar to the city", "not compared with the city".
    pub fn against(self, comparator: &str) -> String {
        match self {
            Comparison::Similar => format!("similar to {comparator}"),
            Comparison::NotCompared => format!("not compared with {comparator}"),
            other => format!("{} than {comparator}", other.as_str()),
        }
    }
}

/// Compares an area's confidence `interval` with a `comparator` value:
///
/// - `interval.lower ≤ comparator ≤ interval.upper` → [`Comparison::Similar`];
/// - `interval.lower > comparator` → better (high is good), worse (low is good), higher
///   (no judgement);
/// - `interval.upper < comparator` → worse (high is good), better (low is good), lower
///   (no judgement).
///
/// A non-finite interval end or comparator gives [`Comparison::NotCompared`].
/// Source: Fingertips technical guidance, "Benchmarking".
pub fn compare(interval: Interval, comparator: f64, polarity: Polarity) -> Comparison {
    if !(interval.lower.is_finite() && interval.upper.is_finite() && comparator.is_finite()) {
        return Comparison::NotCompared;
    }
    let above = interval.lower > comparator;
    let below = interval.upper < comparator;
    match (above, below, polarity) {
        (false, false, _) => Comparison::Similar,
        (true, _, Polarity::HighIsGood) | (_, true, Polarity::LowIsGood) => Comparison::Better,
        (true, _, Polarity::LowIsGood) | (_, true, Polarity::HighIsGood) => Comparison::Worse,
        (true, _, Polarity::NoJudgement) => Comparison::Higher,
        (_, true, Polarity::NoJudgement) => Comparison::Lower,
    }
}

/// [`compare`] for a named area against a named comparator: an area is never compared
/// with itself ([`Comparison::NotCompared`] when `area == comparator_area`).
pub fn compare_area(
    area: &str,
    interval: Interval,
    comparator_area: &str,
    comparator: f64,
    polarity: Polarity,
) -> Comparison {
    if area == comparator_area {
        Comparison::NotCompared
    } else {
        compare(interval, comparator, polarity)
    }
}

/// The z Fingertips' SPC comparers use at 95%.
pub const SPC_Z_95: f64 = 1.96;
/// The z Fingertips' SPC comparers use at 99.8%.
pub const SPC_Z_99_8: f64 = 3.0902;

/// Control limits for a proportion around the comparator `p0` (0–1) at the area's own
/// denominator `n`, in Wilson's form, as Fingertips' SPC-for-proportions comparer sets
/// them: with E = n·p0, (2E + z² ± z√(z² + 4E(1 − E/n))) / (2(n + z²)). `None` without a
/// positive denominator or a comparator between 0 and 1.
pub fn spc_proportion_limits(p0: f64, n: f64, z: f64) -> Option<Interval> {
    if !(n > 0.0 && n.is_finite() && (0.0..=1.0).contains(&p0) && z.is_finite()) {
        return None;
    }
    let z2 = z * z;
    let expected = n * p0;
    let spread = z * (z2 + 4.0 * expected * (1.0 - expected / n)).sqrt();
    let centre = 2.0 * expected + z2;
    let scale = 2.0 * (n + z2);
    Some(Interval {
        lower: (centre - spread) / scale,
        upper: (centre + spread) / scale,
    })
}

/// A proportion `p` (0–1) of denominator `n` against the comparator `p0` by SPC for
/// proportions ([`spc_proportion_limits`] at `z`): beyond a limit (strictly) it is
/// better or worse by polarity (higher or lower without one); on or within them,
/// similar.
pub fn compare_spc_proportion(p: f64, n: f64, p0: f64, z: f64, polarity: Polarity) -> Comparison {
    match spc_proportion_limits(p0, n, z) {
        // Beyond a limit is beyond the comparator too (Wilson's interval around p0
        // holds p0), so `compare` on the point gives the same words by polarity.
        Some(limits) if p > limits.upper || p < limits.lower => {
            compare(Interval { lower: p, upper: p }, p0, polarity)
        }
        Some(_) if p.is_finite() => Comparison::Similar,
        _ => Comparison::NotCompared,
    }
}

/// Control limits for a rate around the comparator at the area's own denominator, as
/// Fingertips' SPC-for-rates (and DSRs) comparer sets them: with the expected count
/// E = comparator × n / per, the exact Poisson limits of E at the level (lower: the
/// mean whose chance of ⌈E⌉ or more events is α; upper: the mean whose chance of ⌊E⌋ or
/// fewer is α; α = 0.025 or 0.001), divided by n and multiplied by `per`. `None`
/// without a positive denominator and `per`, or a comparator below zero.
pub fn spc_rate_limits(
    comparator: f64,
    n: f64,
    per: f64,
    level: ConfidenceLevel,
) -> Option<Interval> {
    if !(n > 0.0 && n.is_finite() && per > 0.0 && comparator >= 0.0 && comparator.is_finite()) {
        return None;
    }
    let alpha = (1.0 - level.confidence()) / 2.0;
    let expected = comparator * n / per;
    let lower = if expected.ceil() <= 0.0 {
        0.0
    } else {
        chi_squared_quantile(alpha, 2.0 * expected.ceil()).ok()? / 2.0
    };
    let upper = chi_squared_quantile(1.0 - alpha, 2.0 * expected.floor() + 2.0).ok()? / 2.0;
    Some(Interval {
        lower: lower / n * per,
        upper: upper / n * per,
    })
}

/// A rate `value` (per `per`) of denominator `n` against the comparator by SPC for
/// rates ([`spc_rate_limits`]): beyond a limit (strictly) it is better or worse by
/// polarity (higher or lower without one); on or within them, similar.
pub fn compare_spc_rate(
    value: f64,
    n: f64,
    comparator: f64,
    per: f64,
    level: ConfidenceLevel,
    polarity: Polarity,
) -> Comparison {
    match spc_rate_limits(comparator, n, per, level) {
        Some(limits) if value > limits.upper || value < limits.lower => compare(
            Interval {
                lower: value,
                upper: value,
            },
            comparator,
            polarity,
        ),
        Some(_) if value.is_finite() => Comparison::Similar,
        _ => Comparison::NotCompared,
    }
}

/// The bounds of the quintiles of `values`, as Fingertips' quintiles comparer sets
/// them: the minimum, the 20th, 40th, 60th and 80th percentiles (Excel's PERCENTILE.INC)
/// and the maximum. `None` with fewer than 5 finite values.
pub fn quintile_bounds(values: &[f64]) -> Option<[f64; 6]> {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if finite.len() < 5 {
        return None;
    }
    let mut bounds = [0.0; 6];
    for (i, bound) in bounds.iter_mut().enumerate() {
        *bound = super::percentile::percentile_inc(&finite, i as f64 / 5.0).ok()?;
    }
    Some(bounds)
}

/// The quintile (1–5) of `value` within `bounds` ([`quintile_bounds`]): the first
/// quintile whose upper bound it does not exceed. With a polarity, 1 is the best fifth
/// (the highest values where higher is better); without one, 1 is the lowest.
/// `None` for a value that is not finite or lies outside the bounds.
pub fn quintile_of(bounds: &[f64; 6], value: f64, polarity: Polarity) -> Option<u8> {
    if !value.is_finite() || value < bounds[0] {
        return None;
    }
    let lowest_first = (1..=5u8).find(|&q| value <= bounds[usize::from(q)])?;
    Some(match polarity {
        Polarity::HighIsGood => 6 - lowest_first,
        Polarity::LowIsGood | Polarity::NoJudgement => lowest_first,
    })
}

/// A quintile in words: "Best fifth", "Second best fifth", … "Worst fifth" with a
/// polarity; "Lowest fifth" … "Highest fifth" without.
pub fn quintile_words(quintile: u8, polarity: Polarity) -> &'static str {
    let judged = polarity != Polarity::NoJudgement;
    match (quintile, judged) {
        (1, true) => "Best fifth",
        (2, true) => "Second best fifth",
        (3, _) => "Middle fifth",
        (4, true) => "Second worst fifth",
        (5, true) => "Worst fifth",
        (1, false) => "Lowest fifth",
        (2, false) => "Second lowest fifth",
        (4, false) => "Second highest fifth",
        _ => "Highest fifth",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const I: Interval = Interval {
        lower: 0.4,
        upper: 0.6,
    };

    #[test]
    fn comparator_inside_is_similar_ends_included() {
        for c in [0.4, 0.5, 0.6] {
            for p in [
                Polarity::HighIsGood,
                Polarity::LowIsGood,
                Polarity::NoJudgement,
            ] {
                assert_eq!(compare(I, c, p), Comparison::Similar);
            }
        }
    }

    #[test]
    fn outside_follows_polarity() {
        // Comparator 0.3 lies below the interval: the area is above it.
        assert_eq!(compare(I, 0.3, Polarity::HighIsGood), Comparison::Better);
        assert_eq!(compare(I, 0.3, Polarity::LowIsGood), Comparison::Worse);
        assert_eq!(compare(I, 0.3, Polarity::NoJudgement), Comparison::Higher);
        // Comparator 0.7 lies above: the area is below it.
        assert_eq!(compare(I, 0.7, Polarity::HighIsGood), Comparison::Worse);
        assert_eq!(compare(I, 0.7, Polarity::LowIsGood), Comparison::Better);
        assert_eq!(compare(I, 0.7, Polarity::NoJudgement), Comparison::Lower);
    }

    #[test]
    fn never_against_itself_or_missing() {
        assert_eq!(
            compare_area("E92000001", I, "E92000001", 0.3, Polarity::HighIsGood),
            Comparison::NotCompared
        );
        assert_eq!(
            compare_area("C82037", I, "E92000001", 0.3, Polarity::HighIsGood),
            Comparison::Better
        );
        assert_eq!(
            compare(I, f64::NAN, Polarity::HighIsGood),
            Comparison::NotCompared
        );
        assert_eq!(Comparison::NotCompared.as_str(), "");
    }

    #[test]
    // The vectors are written as Fingertips' test writes them.
    #[allow(clippy::excessive_precision)]
    fn spc_for_proportions_agrees_with_fingertips_test_vectors() {
        // fingertips-open, AnalysisTest/SpcForProportionsComparerTest.cs (low is good;
        // values are percentages there, proportions here).
        let low = Polarity::LowIsGood;
        let check = |p0: f64, value: f64, n: f64, at_95: Comparison, at_99_8: Comparison| {
            let (p, p0) = (value / 100.0, p0 / 100.0);
            assert_eq!(
                compare_spc_proportion(p, n, p0, SPC_Z_95, low),
                at_95,
                "{value} of {n} at 95%"
            );
            assert_eq!(
                compare_spc_proportion(p, n, p0, SPC_Z_99_8, low),
                at_99_8,
                "{value} of {n} at 99.8%"
            );
        };
        use Comparison::{Better, Similar, Worse};
        let p0 = 8.9611086876279327;
        check(p0, 7.7065767284991562, 5930.0, Better, Better);
        check(p0, 9.8988121425428961, 2273.0, Similar, Similar);
        check(p0, 12.474645030425965, 1972.0, Worse, Worse);
        let p0 = 12.8379546895717;
        check(p0, 10.9783420463032, 1339.0, Better, Similar);
        check(p0, 15.9065628476085, 899.0, Worse, Similar);
        // No denominator: not compared.
        assert_eq!(
            compare_spc_proportion(0.1, 0.0, 0.1, SPC_Z_95, low),
            Comparison::NotCompared
        );
        assert_eq!(
            compare_spc_proportion(0.1, -1.0, 0.1, SPC_Z_95, low),
            Comparison::NotCompared
        );
        // Without a judgement the words are higher and lower.
        let none = Polarity::NoJudgement;
        assert_eq!(
            compare_spc_proportion(0.2, 1000.0, 0.1, SPC_Z_99_8, none),
            Comparison::Higher
        );
        assert_eq!(
            compare_spc_proportion(0.05, 1000.0, 0.1, SPC_Z_99_8, none),
            Comparison::Lower
        );
    }

    #[test]
    fn method_ids_round_trip_and_say_their_levels() {
        for m in ComparisonMethod::ALL {
            assert_eq!(ComparisonMethod::parse(m.id()), Some(m));
            assert_eq!(
                ComparisonMethod::parse(&format!(" {} ", m.id().to_uppercase())),
                Some(m)
            );
            assert!(m.at_95() || m.at_99_8() || m == ComparisonMethod::Quintiles);
            assert_eq!(
                serde_json::to_string(&m).unwrap(),
                format!("\"{}\"", m.id())
            );
        }
        assert_eq!(ComparisonMethod::parse("spc"), None);
        assert_eq!(ComparisonMethod::default(), ComparisonMethod::OverlapBoth);
    }

    #[test]
    fn judge_applies_the_measures_method() {
        // 30 of 1,000 (3.0%) against 2.0%. Wilson 95%: 2.11%–4.25% (above 2.0);
        // 99.8%: 1.80%–4.97% (holds 2.0). SPC limits around 2.0% at n = 1,000:
        // 95% 1.30%–3.07% (3.0 within), 99.8% 1.02%–3.89%.
        let e = crate::stats::ci::proportion(30.0, 1000.0)
            .unwrap()
            .scaled(100.0);
        let area = AreaFigure {
            value: e.value,
            interval_95: Some(e.ci_95),
            interval_99_8: Some(e.ci_99_8),
            base: Some((1000.0, 100.0)),
        };
        let high = Polarity::HighIsGood;
        let v = judge(ComparisonMethod::OverlapBoth, &area, 2.0, high);
        assert_eq!(
            (v.at_95, v.at_99_8),
            (Comparison::Better, Comparison::Similar)
        );
        assert_eq!(v.headline(), Comparison::Better);
        let v = judge(ComparisonMethod::Overlap99_8, &area, 2.0, high);
        assert_eq!(
            (v.at_95, v.at_99_8),
            (Comparison::NotCompared, Comparison::Similar)
        );
        assert_eq!(v.headline(), Comparison::Similar);
        let v = judge(ComparisonMethod::Spc95, &area, 2.0, high);
        assert_eq!(
            (v.at_95, v.at_99_8),
            (Comparison::Similar, Comparison::NotCompared)
        );
        // 40 of 1,000 is beyond both SPC limits.
        let area40 = AreaFigure { value: 4.0, ..area };
        let v = judge(
            ComparisonMethod::Spc99_8,
            &area40,
            2.0,
            Polarity::NoJudgement,
        );
        assert_eq!(v.headline(), Comparison::Higher);
        // SPC needs the denominator; overlap needs the interval.
        let bare = AreaFigure {
            value: 4.0,
            interval_95: None,
            interval_99_8: None,
            base: None,
        };
        for m in ComparisonMethod::ALL {
            assert_eq!(
                judge(m, &bare, 2.0, high).headline(),
                Comparison::NotCompared
            );
        }
    }

    #[test]
    fn spc_for_rates_gives_fingertips_own_verdicts() {
        // fingertips-open SpcForDsrComparerTest: MRSA per 100,000, 2011, England
        // 2.132708657734625; low is good. (value, denominator, at 95%, at 99.8%).
        let england = 2.132_708_657_734_625;
        for (value, n, at_95, at_99_8) in [
            (
                1.135_843_655_988_654_4,
                616_282.0,
                Comparison::Better,
                Comparison::Similar,
            ),
            (
                2.657_913_272_289_925,
                601_976.0,
                Comparison::Similar,
                Comparison::Similar,
            ),
            (
                4.151_515_669_529_584_5,
                409_489.0,
                Comparison::Worse,
                Comparison::Similar,
            ),
        ] {
            let judged =
                |level| compare_spc_rate(value, n, england, 100_000.0, level, Polarity::LowIsGood);
            assert_eq!(judged(ConfidenceLevel::P95), at_95, "{value}");
            assert_eq!(judged(ConfidenceLevel::P99_8), at_99_8, "{value}");
        }
        // The limits hold the comparator; none without a denominator.
        let l = spc_rate_limits(england, 616_282.0, 100_000.0, ConfidenceLevel::P95).unwrap();
        assert!(l.lower < england && england < l.upper);
        assert!(spc_rate_limits(england, 0.0, 100_000.0, ConfidenceLevel::P95).is_none());
        // Through judge, with the area's denominator as its base.
        let area = AreaFigure {
            value: 1.135_843_655_988_654_4,
            interval_95: None,
            interval_99_8: None,
            base: Some((616_282.0, 100_000.0)),
        };
        let v = judge(
            ComparisonMethod::SpcRate95,
            &area,
            england,
            Polarity::LowIsGood,
        );
        assert_eq!(v.headline(), Comparison::Better);
    }

    #[test]
    fn quintiles_are_fingertips_own() {
        // fingertips-open QuintilesCalculatorTest: 1..=50 gives 1, 10.8, 20.6, 30.4,
        // 40.2, 50.
        let values: Vec<f64> = (1..=50).map(f64::from).collect();
        let b = quintile_bounds(&values).unwrap();
        for (got, want) in b.iter().zip([1.0, 10.8, 20.6, 30.4, 40.2, 50.0]) {
            assert!((got - want).abs() < 1e-9, "{b:?}");
        }
        // QuintilesComparerTest on 1..=10: 1 is in the first fifth and 10 the fifth;
        // higher is better turns them round (1 → 5, 3 → 4, 5 → 3, 7 → 2, 9 → 1), lower
        // is better keeps them (1 → 1, 3 → 2, 5 → 3, 7 → 4, 9 → 5).
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        let b = quintile_bounds(&ten).unwrap();
        assert_eq!(quintile_of(&b, 1.0, Polarity::NoJudgement), Some(1));
        assert_eq!(quintile_of(&b, 10.0, Polarity::NoJudgement), Some(5));
        for (v, high, low) in [
            (1.0, 5, 1),
            (3.0, 4, 2),
            (5.0, 3, 3),
            (7.0, 2, 4),
            (9.0, 1, 5),
        ] {
            assert_eq!(quintile_of(&b, v, Polarity::HighIsGood), Some(high), "{v}");
            assert_eq!(quintile_of(&b, v, Polarity::LowIsGood), Some(low), "{v}");
        }
        // Fewer than 5 values give no quintiles.
        assert!(quintile_bounds(&[1.0, 2.0, 3.0, 4.0]).is_none());
        assert_eq!(quintile_words(1, Polarity::HighIsGood), "Best fifth");
        assert_eq!(quintile_words(5, Polarity::NoJudgement), "Highest fifth");
        // judge gives no pairwise verdict for quintiles.
        let area = AreaFigure {
            value: 3.0,
            interval_95: Some(Interval {
                lower: 1.0,
                upper: 2.0,
            }),
            interval_99_8: None,
            base: None,
        };
        assert_eq!(
            judge(
                ComparisonMethod::Quintiles,
                &area,
                1.5,
                Polarity::HighIsGood
            )
            .headline(),
            Comparison::NotCompared
        );
    }

    #[test]
    fn a_verdict_reads_as_a_phrase_against_its_comparator() {
        assert_eq!(
            Comparison::Higher.against("the city"),
            "higher than the city"
        );
        assert_eq!(Comparison::Worse.against("England"), "worse than England");
        assert_eq!(
            Comparison::Similar.against("the city"),
            "similar to the city"
        );
        assert_eq!(
            Comparison::NotCompared.against("the city"),
            "not compared with the city"
        );
    }
}
