//! Statistical process control: the XmR chart of NHS England's Making Data Count, as
//! the NHS-R Community's NHSRplotthedots package computes it.
//!
//! For each segment of the series (a new segment starts at each rebase):
//!
//! ```text
//! mean        = Σx / n
//! MRᵢ         = |xᵢ − xᵢ₋₁|            (within the segment)
//! MR̄          = mean of the MRᵢ        (optionally after screening out MRᵢ ≥ 3.267·MR̄)
//! UPL, LPL    = mean ± 2.66·MR̄         (process limits, "3 sigma")
//! near limits = mean ± (2/3)·2.66·MR̄   ("2 sigma")
//! ```
//!
//! Special-cause rules, each flagging every point that makes it up:
//!
//! - **beyond limits**: a point above the UPL or below the LPL;
//! - **trend**: a run of `trend_length` (default 7) points each strictly above (or below)
//!   the one before;
//! - **two of three**: two of three consecutive points beyond the same 2-sigma line,
//!   counting points beyond the process limit too, as the Making Data Count rule is
//!   worded; the two flagged points are those beyond the line. (NHSRplotthedots is
//!   narrower: it counts only points between the lines and needs all three on one
//!   side of the mean.)
//! - **run**: `run_length` (default 7) consecutive points on the same side of the mean; a
//!   point on the mean breaks the run.
//!
//! A flagged point is an improvement or a concern by the metric's improvement
//! direction; the side (or the trend's direction) decides, with the rules taking
//! precedence in the order above. With fewer than 15 points in a segment no process
//! limits are drawn: it is a run chart, and only the run and trend rules apply.
//!
//! Sources: NHS England & Improvement (2019) "Making Data Count: Getting started" and
//! "Strengthening your decisions"; NHSRplotthedots (`ptd_spc_standard`,
//! `ptd_calculate_point_type`, `ptd_calculate_assurance_type`); the Making Data Count
//! Excel tool (moving-range screening off by default).

use super::{finite, StatsError};

/// The constant 2.66 (= 3/d₂, d₂ = 1.128) that turns the mean moving range into
/// 3-sigma process limits. Source: Wheeler, Making Data Count.
pub const LIMIT_FACTOR: f64 = 2.66;

/// The 2-sigma factor, two thirds of [`LIMIT_FACTOR`] (NHSRplotthedots `limitclose`).
pub const NEAR_LIMIT_FACTOR: f64 = 2.0 * LIMIT_FACTOR / 3.0;

/// Moving ranges at or above 3.267 × the mean moving range (the upper range limit,
/// D₄ = 3.267) are screened out when screening is on.
pub const SCREEN_FACTOR: f64 = 3.267;

/// A segment needs this many points for process limits; below it is a run chart.
pub const MIN_POINTS_FOR_LIMITS: usize = 15;

/// Which direction of change is an improvement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Improvement {
    /// Higher is better.
    Increase,
    /// Lower is better.
    Decrease,
    /// Neither: special causes are only high or low.
    Neutral,
}

impl Improvement {
    /// Parses `increase`, `decrease` or `neutral` (case-insensitive).
    pub fn parse(text: &str) -> Option<Improvement> {
        match text.trim().to_ascii_lowercase().as_str() {
            "increase" => Some(Improvement::Increase),
            "decrease" => Some(Improvement::Decrease),
            "neutral" => Some(Improvement::Neutral),
            _ => None,
        }
    }

    /// +1 for increase, −1 for decrease, 0 for neutral.
    fn sign(self) -> i8 {
        match self {
            Improvement::Increase => 1,
            Improvement::Decrease => -1,
            Improvement::Neutral => 0,
        }
    }
}

/// The settings of an XmR chart.
#[derive(Debug, Clone, PartialEq)]
pub struct SpcSettings {
    /// Which direction is an improvement (NHSRplotthedots' default: increase).
    pub improvement: Improvement,
    /// A target for the assurance icon.
    pub target: Option<f64>,
    /// Screen out moving ranges ≥ 3.267 × mean moving range (off, as the Excel tool).
    pub screen_outliers: bool,
    /// Points on one side of the mean that make a run (6–8; default 7).
    pub run_length: usize,
    /// Points rising or falling that make a trend (6–8; default 7).
    pub trend_length: usize,
    /// Indices of the points at which a new baseline starts (rebasing).
    pub rebase_at: Vec<usize>,
}

impl Default for SpcSettings {
    fn default() -> Self {
        SpcSettings {
            improvement: Improvement::Increase,
            target: None,
            screen_outliers: false,
            run_length: 7,
            trend_length: 7,
            rebase_at: Vec::new(),
        }
    }
}

/// A segment's process limits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProcessLimits {
    /// Lower process limit: mean − 2.66·MR̄.
    pub lpl: f64,
    /// Upper process limit: mean + 2.66·MR̄.
    pub upl: f64,
    /// Lower 2-sigma line: mean − (2/3)·2.66·MR̄.
    pub near_lpl: f64,
    /// Upper 2-sigma line: mean + (2/3)·2.66·MR̄.
    pub near_upl: f64,
}

/// What a point on an XmR chart shows, in NHSRplotthedots' words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PointType {
    /// No special cause.
    CommonCause,
    /// A special cause in the improving direction.
    SpecialCauseImprovement,
    /// A special cause in the worsening direction.
    SpecialCauseConcern,
    /// A special cause upwards when there is no improvement direction.
    SpecialCauseNeutralHigh,
    /// A special cause downwards when there is no improvement direction.
    SpecialCauseNeutralLow,
}

impl PointType {
    /// `common_cause`, `special_cause_improvement`, `special_cause_concern`,
    /// `special_cause_neutral_high` or `special_cause_neutral_low`.
    pub fn as_str(self) -> &'static str {
        match self {
            PointType::CommonCause => "common_cause",
            PointType::SpecialCauseImprovement => "special_cause_improvement",
            PointType::SpecialCauseConcern => "special_cause_concern",
            PointType::SpecialCauseNeutralHigh => "special_cause_neutral_high",
            PointType::SpecialCauseNeutralLow => "special_cause_neutral_low",
        }
    }
}

/// A special-cause rule, in order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// A point beyond a process limit.
    BeyondLimits,
    /// Part of a trend of rising or falling points.
    Trend,
    /// Part of two of three points beyond the same 2-sigma line.
    TwoOfThree,
    /// Part of a run on one side of the mean.
    Run,
}

impl Rule {
    /// `beyond_limits`, `trend`, `two_of_three` or `run`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::BeyondLimits => "beyond_limits",
            Rule::Trend => "trend",
            Rule::TwoOfThree => "two_of_three",
            Rule::Run => "run",
        }
    }
}

/// The Making Data Count variation icon for the series, from its latest point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variation {
    /// The latest point shows common-cause variation only.
    CommonCause,
    /// Improvement, higher is better.
    ImprovementHigh,
    /// Improvement, lower is better.
    ImprovementLow,
    /// Concern, values high where lower is better.
    ConcernHigh,
    /// Concern, values low where higher is better.
    ConcernLow,
    /// Special cause upwards, no improvement direction.
    NeutralHigh,
    /// Special cause downwards, no improvement direction.
    NeutralLow,
}

impl Variation {
    /// `common_cause`, `improvement_high`, `improvement_low`, `concern_high`,
    /// `concern_low`, `neutral_high` or `neutral_low`.
    pub fn as_str(self) -> &'static str {
        match self {
            Variation::CommonCause => "common_cause",
            Variation::ImprovementHigh => "improvement_high",
            Variation::ImprovementLow => "improvement_low",
            Variation::ConcernHigh => "concern_high",
            Variation::ConcernLow => "concern_low",
            Variation::NeutralHigh => "neutral_high",
            Variation::NeutralLow => "neutral_low",
        }
    }
}

/// The Making Data Count assurance icon: will the process meet its target?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Assurance {
    /// The whole process range is on the good side of the target.
    Pass,
    /// The whole process range is on the bad side of the target.
    Fail,
    /// The target lies within the process limits: it will be met only sometimes.
    HitAndMiss,
}

impl Assurance {
    /// `pass`, `fail` or `hit_and_miss`.
    pub fn as_str(self) -> &'static str {
        match self {
            Assurance::Pass => "pass",
            Assurance::Fail => "fail",
            Assurance::HitAndMiss => "hit_and_miss",
        }
    }
}

/// One point of an XmR chart.
#[derive(Debug, Clone, PartialEq)]
pub struct SpcPoint {
    /// The observed value.
    pub value: f64,
    /// The mean of the point's segment.
    pub mean: f64,
    /// The segment's process limits; `None` on a run chart (fewer than 15 points).
    pub limits: Option<ProcessLimits>,
    /// Common cause, or the kind of special cause.
    pub point_type: PointType,
    /// The rules the point is part of, in order of precedence; empty for common cause.
    pub rules: Vec<Rule>,
}

/// An XmR chart: its points and the series-level icons.
#[derive(Debug, Clone, PartialEq)]
pub struct SpcChart {
    /// One point per input value, in order.
    pub points: Vec<SpcPoint>,
    /// The variation icon, from the latest point.
    pub variation: Variation,
    /// The assurance icon against the target, from the latest segment's limits;
    /// `None` without a target, without limits or with a neutral direction.
    pub assurance: Option<Assurance>,
    /// True when some segment had too few points for process limits.
    pub run_chart_only: bool,
}

/// Draws an XmR chart of `values` (in time order) with `settings`.
///
/// Errors: no values, a value that is not finite, run or trend length outside 6–8,
/// a rebase index outside the series, or a non-finite target.
pub fn xmr(values: &[f64], settings: &SpcSettings) -> Result<SpcChart, StatsError> {
    if values.is_empty() {
        return Err(StatsError::TooFewValues { needed: 1, got: 0 });
    }
    for &v in values {
        finite("value", v)?;
    }
    for (name, length) in [
        ("run length", settings.run_length),
        ("trend length", settings.trend_length),
    ] {
        if !(6..=8).contains(&length) {
            return Err(StatsError::OutOfRange {
                name,
                range: "between 6 and 8",
                value: length as f64,
            });
        }
    }
    if let Some(target) = settings.target {
        finite("target", target)?;
    }
    let mut starts: Vec<usize> = vec![0];
    for &i in &settings.rebase_at {
        if i >= values.len() {
            return Err(StatsError::OutOfRange {
                name: "rebase point",
                range: "within the series",
                value: i as f64,
            });
        }
        starts.push(i);
    }
    starts.sort_unstable();
    starts.dedup();
    let mut points = Vec::with_capacity(values.len());
    let mut run_chart_only = false;
    let mut last_limits = None;
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(values.len());
        let segment = &values[start..end];
        let (mean, limits) = segment_limits(segment, settings.screen_outliers);
        run_chart_only |= limits.is_none();
        last_limits = limits;
        points.extend(segment_points(segment, mean, limits, settings));
    }
    let variation = points
        .last()
        .map_or(Variation::CommonCause, |p: &SpcPoint| {
            variation_of(p.point_type, settings.improvement)
        });
    let assurance = match (settings.target, last_limits) {
        (Some(target), Some(limits)) => assurance(target, &limits, settings.improvement),
        _ => None,
    };
    Ok(SpcChart {
        points,
        variation,
        assurance,
        run_chart_only,
    })
}

/// A segment's mean and, with at least [`MIN_POINTS_FOR_LIMITS`] points, its limits.
fn segment_limits(segment: &[f64], screen_outliers: bool) -> (f64, Option<ProcessLimits>) {
    let mean = segment.iter().sum::<f64>() / segment.len() as f64;
    if segment.len() < MIN_POINTS_FOR_LIMITS {
        return (mean, None);
    }
    let ranges: Vec<f64> = segment.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    let average = |r: &[f64]| r.iter().sum::<f64>() / r.len() as f64;
    let mut mr_bar = average(&ranges);
    if screen_outliers && mr_bar > 0.0 {
        let kept: Vec<f64> = ranges
            .iter()
            .copied()
            .filter(|&r| r < SCREEN_FACTOR * mr_bar)
            .collect();
        if !kept.is_empty() {
            mr_bar = average(&kept);
        }
    }
    let limits = ProcessLimits {
        lpl: mean - LIMIT_FACTOR * mr_bar,
        upl: mean + LIMIT_FACTOR * mr_bar,
        near_lpl: mean - NEAR_LIMIT_FACTOR * mr_bar,
        near_upl: mean + NEAR_LIMIT_FACTOR * mr_bar,
    };
    (mean, Some(limits))
}

/// Marks with `direction` every point of each maximal stretch of at least `length`
/// consecutive indices where `key(i)` is the same nonzero sign.
fn flag_stretches(n: usize, length: usize, key: impl Fn(usize) -> i8, flags: &mut [i8]) {
    let mut start = 0;
    while start < n {
        let sign = key(start);
        let mut end = start + 1;
        while end < n && key(end) == sign && sign != 0 {
            end += 1;
        }
        if sign != 0 && end - start >= length {
            for flag in &mut flags[start..end] {
                *flag = sign;
            }
        }
        start = end;
    }
}

/// The points of one segment with their rules and types.
fn segment_points(
    segment: &[f64],
    mean: f64,
    limits: Option<ProcessLimits>,
    settings: &SpcSettings,
) -> Vec<SpcPoint> {
    let n = segment.len();
    let side = |i: usize| -> i8 {
        let d = segment[i] - mean;
        if d > 0.0 {
            1
        } else if d < 0.0 {
            -1
        } else {
            0
        }
    };

    // Run: consecutive points on the same side of the mean.
    let mut run = vec![0i8; n];
    flag_stretches(n, settings.run_length, side, &mut run);

    // Trend: steps between consecutive points all rising (or all falling). A trend of
    // L points is L − 1 steps; step i joins points i and i + 1.
    let mut trend = vec![0i8; n];
    if n >= 2 {
        let step = |i: usize| -> i8 {
            if segment[i + 1] > segment[i] {
                1
            } else if segment[i + 1] < segment[i] {
                -1
            } else {
                0
            }
        };
        let mut steps = vec![0i8; n - 1];
        flag_stretches(n - 1, settings.trend_length - 1, step, &mut steps);
        // A point takes the direction of the trend to its right when it starts one
        // (a peak between a rise and a fall belongs to the fall), else the one to its left.
        for i in 0..n {
            let right = if i < n - 1 { steps[i] } else { 0 };
            let left = if i > 0 { steps[i - 1] } else { 0 };
            trend[i] = if right != 0 { right } else { left };
        }
    }

    // Beyond limits and two of three beyond the same 2-sigma line.
    let mut beyond = vec![0i8; n];
    let mut two_of_three = vec![0i8; n];
    if let Some(l) = limits {
        let near = |i: usize| -> i8 {
            if segment[i] > l.near_upl {
                1
            } else if segment[i] < l.near_lpl {
                -1
            } else {
                0
            }
        };
        for (i, flag) in beyond.iter_mut().enumerate() {
            *flag = if segment[i] > l.upl {
                1
            } else if segment[i] < l.lpl {
                -1
            } else {
                0
            };
        }
        for start in 0..n.saturating_sub(2) {
            for direction in [1i8, -1] {
                let hits: Vec<usize> = (start..start + 3)
                    .filter(|&i| near(i) == direction)
                    .collect();
                if hits.len() >= 2 {
                    for i in hits {
                        two_of_three[i] = direction;
                    }
                }
            }
        }
    }

    (0..n)
        .map(|i| {
            let by_rule = [
                (Rule::BeyondLimits, beyond[i]),
                (Rule::Trend, trend[i]),
                (Rule::TwoOfThree, two_of_three[i]),
                (Rule::Run, run[i]),
            ];
            let rules: Vec<Rule> = by_rule
                .iter()
                .filter(|(_, d)| *d != 0)
                .map(|(r, _)| *r)
                .collect();
            let direction = by_rule
                .iter()
                .map(|(_, d)| *d)
                .find(|d| *d != 0)
                .unwrap_or(0);
            SpcPoint {
                value: segment[i],
                mean,
                limits,
                point_type: point_type(direction, settings.improvement),
                rules,
            }
        })
        .collect()
}

/// A special cause's type from its direction (+1 up, −1 down, 0 none) and the
/// improvement direction (NHSRplotthedots `ptd_point_type`).
fn point_type(direction: i8, improvement: Improvement) -> PointType {
    match (direction, improvement) {
        (0, _) => PointType::CommonCause,
        (d, Improvement::Neutral) if d > 0 => PointType::SpecialCauseNeutralHigh,
        (_, Improvement::Neutral) => PointType::SpecialCauseNeutralLow,
        (d, i) if d == i.sign() => PointType::SpecialCauseImprovement,
        _ => PointType::SpecialCauseConcern,
    }
}

/// The variation icon for a series whose latest point has `latest` type.
pub fn variation_of(latest: PointType, improvement: Improvement) -> Variation {
    match (latest, improvement) {
        (PointType::CommonCause, _) => Variation::CommonCause,
        (PointType::SpecialCauseNeutralHigh, _) => Variation::NeutralHigh,
        (PointType::SpecialCauseNeutralLow, _) => Variation::NeutralLow,
        (PointType::SpecialCauseImprovement, Improvement::Decrease) => Variation::ImprovementLow,
        (PointType::SpecialCauseImprovement, _) => Variation::ImprovementHigh,
        (PointType::SpecialCauseConcern, Improvement::Decrease) => Variation::ConcernHigh,
        (PointType::SpecialCauseConcern, _) => Variation::ConcernLow,
    }
}

/// The assurance icon for a target against process limits (NHSRplotthedots
/// `ptd_calculate_assurance_type`): a target above the UPL fails (increase) or passes
/// (decrease); below the LPL passes (increase) or fails (decrease); otherwise hit and
/// miss. `None` when the direction is neutral.
pub fn assurance(
    target: f64,
    limits: &ProcessLimits,
    improvement: Improvement,
) -> Option<Assurance> {
    let increasing = match improvement {
        Improvement::Increase => true,
        Improvement::Decrease => false,
        Improvement::Neutral => return None,
    };
    Some(if target > limits.upl {
        if increasing {
            Assurance::Fail
        } else {
            Assurance::Pass
        }
    } else if target < limits.lpl {
        if increasing {
            Assurance::Pass
        } else {
            Assurance::Fail
        }
    } else {
        Assurance::HitAndMiss
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * b.abs().max(1.0)
    }

    fn types(chart: &SpcChart) -> Vec<PointType> {
        chart.points.iter().map(|p| p.point_type).collect()
    }

    #[test]
    fn limits_match_the_xmr_formulas() {
        // By hand (checked in NumPy): mean = 173/15 = 11.5333…, the 14 moving ranges
        // sum to 20 so MR̄ = 1.428571…; UPL = mean + 2.66·MR̄ = 15.3333…, LPL = 7.7333…,
        // near lines mean ± 1.7733…·MR̄ = 14.0667 and 9.0.
        let values = [
            10.0, 12.0, 11.0, 13.0, 12.0, 10.0, 11.0, 12.0, 13.0, 11.0, 10.0, 12.0, 11.0, 13.0,
            12.0,
        ];
        let chart = xmr(&values, &SpcSettings::default()).unwrap();
        let p = &chart.points[0];
        let l = p.limits.unwrap();
        assert!(close(p.mean, 11.533_333_333_333_333));
        assert!(close(l.upl, 15.333_333_333_333_334));
        assert!(close(l.lpl, 7.733_333_333_333_332_5));
        assert!(close(l.near_upl, 14.066_666_666_666_666));
        assert!(close(l.near_lpl, 9.0));
        assert!(types(&chart).iter().all(|t| *t == PointType::CommonCause));
        assert_eq!(chart.variation, Variation::CommonCause);
        assert!(!chart.run_chart_only);
    }

    #[test]
    fn a_point_beyond_a_limit_by_direction() {
        // 10, 11 ×7 then 30: mean 11.8, MR̄ 32/14, UPL 17.88 (NumPy); 30 is beyond.
        let mut values: Vec<f64> = [10.0, 11.0].repeat(7);
        values.push(30.0);
        for (improvement, expected, icon) in [
            (
                Improvement::Increase,
                PointType::SpecialCauseImprovement,
                Variation::ImprovementHigh,
            ),
            (
                Improvement::Decrease,
                PointType::SpecialCauseConcern,
                Variation::ConcernHigh,
            ),
            (
                Improvement::Neutral,
                PointType::SpecialCauseNeutralHigh,
                Variation::NeutralHigh,
            ),
        ] {
            let settings = SpcSettings {
                improvement,
                ..SpcSettings::default()
            };
            let chart = xmr(&values, &settings).unwrap();
            let last = chart.points.last().unwrap();
            assert!(close(last.limits.unwrap().upl, 17.88));
            assert_eq!(last.point_type, expected);
            assert_eq!(last.rules, vec![Rule::BeyondLimits]);
            assert_eq!(chart.variation, icon);
            // The 14 points before it are all below the mean 11.8: a run.
            assert!(chart.points[..14]
                .iter()
                .all(|p| p.rules == vec![Rule::Run]));
        }
    }

    #[test]
    fn screening_moving_ranges_narrows_the_limits() {
        // The jump to 30 makes a moving range of 19 ≥ 3.267 × 32/14; screened out, the
        // remaining ranges are all 1, so UPL = 11.8 + 2.66 = 14.46 (NumPy).
        let mut values: Vec<f64> = [10.0, 11.0].repeat(7);
        values.push(30.0);
        let settings = SpcSettings {
            screen_outliers: true,
            ..SpcSettings::default()
        };
        let chart = xmr(&values, &settings).unwrap();
        assert!(close(chart.points[0].limits.unwrap().upl, 14.46));
    }

    #[test]
    fn a_run_of_seven_flags_every_point() {
        // Run chart (14 points): mean = 70/14 = 5; points 5–11 are the 7 above it.
        let values = [
            1.0, 2.0, 1.0, 2.0, 1.0, 9.0, 8.0, 9.0, 8.0, 9.0, 8.0, 9.0, 1.0, 2.0,
        ];
        let chart = xmr(&values, &SpcSettings::default()).unwrap();
        assert!(chart.run_chart_only);
        assert!(chart.points[0].limits.is_none());
        for (i, p) in chart.points.iter().enumerate() {
            let flagged = (5..=11).contains(&i);
            assert_eq!(p.rules == vec![Rule::Run], flagged, "point {i}");
            if flagged {
                assert_eq!(p.point_type, PointType::SpecialCauseImprovement);
            }
        }
        // With a run length of 8 the same seven points are common cause.
        let eight = SpcSettings {
            run_length: 8,
            ..SpcSettings::default()
        };
        assert!(types(&xmr(&values, &eight).unwrap())
            .iter()
            .all(|t| *t == PointType::CommonCause));
    }

    #[test]
    fn a_point_on_the_mean_breaks_a_run() {
        // Mean = 70/14 = 5 exactly; the 5 in the middle splits the high points 3 + 3.
        let values = [
            1.0, 2.0, 1.0, 2.0, 1.0, 9.0, 8.0, 9.0, 5.0, 9.0, 8.0, 9.0, 1.0, 5.0,
        ];
        assert_eq!(values.iter().sum::<f64>() / 14.0, 5.0);
        let chart = xmr(&values, &SpcSettings::default()).unwrap();
        assert!(types(&chart).iter().all(|t| *t == PointType::CommonCause));
    }

    #[test]
    fn a_trend_of_seven_flags_every_point() {
        // 1..7 rising strictly, then flat 4s: points 0–6 are a trend.
        let values = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 4.0, 4.0, 4.0];
        let settings = SpcSettings {
            improvement: Improvement::Decrease,
            ..SpcSettings::default()
        };
        let chart = xmr(&values, &settings).unwrap();
        for (i, p) in chart.points.iter().enumerate() {
            assert_eq!(p.rules.contains(&Rule::Trend), i <= 6, "point {i}");
        }
        // Rising where decrease is good: a concern even for the points below the mean.
        assert_eq!(chart.points[0].point_type, PointType::SpecialCauseConcern);
        assert_eq!(chart.points[6].point_type, PointType::SpecialCauseConcern);
        // A tie breaks a trend: 1,2,3,3,4,5,6,7 has no 7 strictly rising.
        let tie = [1.0, 2.0, 3.0, 3.0, 4.0, 5.0, 6.0, 7.0];
        let chart = xmr(&tie, &SpcSettings::default()).unwrap();
        assert!(chart.points.iter().all(|p| !p.rules.contains(&Rule::Trend)));
    }

    #[test]
    fn two_of_three_beyond_two_sigma() {
        // 10,12 ×6 then 17, 11, 17: mean 11.8, MR̄ 39/14; near UPL 16.74, UPL 19.21
        // (NumPy). The two 17s are beyond two sigma on the same side; the 11 is not.
        let mut values: Vec<f64> = [10.0, 12.0].repeat(6);
        values.extend([17.0, 11.0, 17.0]);
        let chart = xmr(&values, &SpcSettings::default()).unwrap();
        let l = chart.points[0].limits.unwrap();
        assert!(close(l.near_upl, 11.8 + NEAR_LIMIT_FACTOR * 39.0 / 14.0));
        assert_eq!(chart.points[12].rules, vec![Rule::TwoOfThree]);
        assert_eq!(chart.points[13].rules, Vec::<Rule>::new());
        assert_eq!(chart.points[14].rules, vec![Rule::TwoOfThree]);
        assert_eq!(chart.variation, Variation::ImprovementHigh);
    }

    #[test]
    fn assurance_against_a_target() {
        let values = [
            10.0, 12.0, 11.0, 13.0, 12.0, 10.0, 11.0, 12.0, 13.0, 11.0, 10.0, 12.0, 11.0, 13.0,
            12.0,
        ];
        // Limits 7.7333 – 15.3333.
        let with = |improvement, target| {
            let settings = SpcSettings {
                improvement,
                target: Some(target),
                ..SpcSettings::default()
            };
            xmr(&values, &settings).unwrap().assurance
        };
        assert_eq!(with(Improvement::Increase, 5.0), Some(Assurance::Pass));
        assert_eq!(with(Improvement::Increase, 20.0), Some(Assurance::Fail));
        assert_eq!(
            with(Improvement::Increase, 12.0),
            Some(Assurance::HitAndMiss)
        );
        assert_eq!(with(Improvement::Decrease, 20.0), Some(Assurance::Pass));
        assert_eq!(with(Improvement::Decrease, 5.0), Some(Assurance::Fail));
        assert_eq!(with(Improvement::Neutral, 5.0), None);
        // No limits on a run chart, so no assurance.
        let short = SpcSettings {
            target: Some(5.0),
            ..SpcSettings::default()
        };
        assert_eq!(xmr(&values[..10], &short).unwrap().assurance, None);
    }

    #[test]
    fn rebasing_gives_each_segment_its_own_mean() {
        let mut values = vec![10.0; 5];
        values.extend(vec![20.0; 5]);
        let settings = SpcSettings {
            rebase_at: vec![5],
            ..SpcSettings::default()
        };
        let chart = xmr(&values, &settings).unwrap();
        assert_eq!(chart.points[0].mean, 10.0);
        assert_eq!(chart.points[9].mean, 20.0);
        // Every point sits on its segment's mean: no run, no special cause.
        assert!(types(&chart).iter().all(|t| *t == PointType::CommonCause));
        // Without rebasing the mean is 15 and the last five make no run of 7 either,
        // but ten points of 10s and 20s split 5/5.
        let plain = xmr(&values, &SpcSettings::default()).unwrap();
        assert_eq!(plain.points[0].mean, 15.0);
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(xmr(&[], &SpcSettings::default()).is_err());
        assert!(xmr(&[1.0, f64::NAN], &SpcSettings::default()).is_err());
        let bad_run = SpcSettings {
            run_length: 5,
            ..SpcSettings::default()
        };
        assert!(xmr(&[1.0, 2.0], &bad_run).is_err());
        let bad_rebase = SpcSettings {
            rebase_at: vec![9],
            ..SpcSettings::default()
        };
        assert!(xmr(&[1.0, 2.0], &bad_rebase).is_err());
        assert_eq!(Improvement::parse("Decrease"), Some(Improvement::Decrease));
        assert_eq!(Improvement::parse("down"), None);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn labels_are_invariant_to_shifting_all_values(
            values in prop::collection::vec(0i32..50, 1..40),
            shift in -1000i32..1000,
            screen in any::<bool>(),
        ) {
            let settings = SpcSettings { screen_outliers: screen, ..SpcSettings::default() };
            let original: Vec<f64> = values.iter().map(|&v| f64::from(v)).collect();
            let shifted: Vec<f64> = values.iter().map(|&v| f64::from(v + shift)).collect();
            let a = xmr(&original, &settings).unwrap();
            let b = xmr(&shifted, &settings).unwrap();
            for (p, q) in a.points.iter().zip(&b.points) {
                prop_assert_eq!(p.point_type, q.point_type);
                prop_assert_eq!(&p.rules, &q.rules);
            }
            prop_assert_eq!(a.variation, b.variation);
        }
    }
}
