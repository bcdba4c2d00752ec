//! Benchmarking an area against a comparator, as Fingertips does it.
//!
//! An area's confidence interval is compared with the comparator's value (England, the
//! region, the city…): if the comparator lies inside the interval the area is
//! *similar*; otherwise it is *better* or *worse* by the indicator's polarity, or
//! *higher* or *lower* when the indicator has no judgement. The comparison is made at
//! 95% and at 99.8%.
//!
//! Source: Fingertips technical guidance, "Benchmarking against a goal or comparator"
//! (fingertips.phe.org.uk/profile/guidance), and the Fingertips `Comparer` logic: an
//! interval that touches the comparator counts as similar.

use super::Interval;
use crate::model::Polarity;

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

/// Parses a polarity as `pcatlas` writes it: `high` (high is good), `low` (low is good)
/// or `none` (no judgement), case-insensitive.
pub fn parse_polarity(text: &str) -> Option<Polarity> {
    match text.trim().to_ascii_lowercase().as_str() {
        "high" => Some(Polarity::HighIsGood),
        "low" => Some(Polarity::LowIsGood),
        "none" => Some(Polarity::NoJudgement),
        _ => None,
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
    fn polarity_words() {
        assert_eq!(parse_polarity("High"), Some(Polarity::HighIsGood));
        assert_eq!(parse_polarity("low"), Some(Polarity::LowIsGood));
        assert_eq!(parse_polarity("none"), Some(Polarity::NoJudgement));
        assert_eq!(parse_polarity("up"), None);
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
}
