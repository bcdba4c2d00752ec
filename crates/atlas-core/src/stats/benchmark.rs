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
}
