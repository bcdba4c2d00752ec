//! The inputs of the Variation page, from the statistics engine: funnel plots
//! ([`crate::stats::funnel`]), caterpillar plots (practices ranked with 95% intervals
//! against the city, [`crate::stats::benchmark`]), and SPC charts of an area's series
//! ([`crate::stats::spc::xmr`]) with the special cause in a sentence.
//!
//! The extraction from the workspace is one pass over its series
//! ([`MeasureContext`]), so the same functions serve an England-sized workspace.

use crate::aggregate::{practices_for, CITY_CODE};
use crate::comparator::Against;
use crate::measures::{scorecard_indicators, MeasureContext, Observation};
use crate::model::{
    Indicator, Period, Polarity, Practice, TargetArea, Unit, Workspace, PANDEMIC_MONTHS,
};
use crate::stats::benchmark::{judge, Comparison, ComparisonMethod};
use crate::stats::funnel::{
    funnel_proportions, funnel_ratios, proportion_limits, proportion_limits_overdispersed,
    ratio_limits, ratio_limits_overdispersed, FunnelLimits, FunnelPlot, Overdispersion,
    Significance,
};
use crate::stats::spc::{xmr, Improvement, PointType, Rule, SpcChart, SpcSettings};
use crate::stats::{Interval, StatsError};

/// Why a Variation input could not be made.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum VariationError {
    /// The indicator is not a comparable measure of this workspace.
    #[error("'{0}' is not a measure of this workspace")]
    UnknownIndicator(String),
    /// No area reports the measure in the period.
    #[error("no practice reports '{indicator}' in {period}")]
    NoData { indicator: String, period: String },
    /// Practices give the measure's value but not the counts behind it, which a funnel
    /// plot places them by (the measure by name).
    #[error(
        "practices give {indicator} for {period} as a value only, without the counts \
         behind it (numerator and denominator) that place a practice on a funnel plot"
    )]
    ValuesOnly { indicator: String, period: String },
    /// Funnel plots are drawn for proportions, ratios and rates only (the measure by
    /// name, or by id where only the id is known).
    #[error("a funnel plot needs a proportion, a ratio or a rate; '{0}' is none of them")]
    NotFunnelUnit(String),
    /// The statistics engine refused the numbers.
    #[error(transparent)]
    Stats(#[from] StatsError),
}

/// The measure with this id among the workspace's comparable measures.
pub fn measure(workspace: &Workspace, indicator_id: &str) -> Result<Indicator, VariationError> {
    scorecard_indicators(workspace)
        .into_iter()
        .find(|i| i.id == indicator_id)
        .ok_or_else(|| VariationError::UnknownIndicator(indicator_id.to_string()))
}

/// Every practice's observation of a measure in a period (reporting practices only,
/// in workspace order).
pub fn practice_observations<'a>(
    workspace: &'a Workspace,
    context: &MeasureContext,
    indicator: &Indicator,
    period: Period,
) -> Vec<(&'a Practice, Observation)> {
    practice_observations_by_position(workspace, context, indicator, period)
        .into_iter()
        .map(|(i, o)| (&workspace.practices[i], o))
        .collect()
}

/// As [`practice_observations`], each practice given by its position in the workspace
/// (owned, so that a page can keep them while it draws several charts from them).
pub fn practice_observations_by_position(
    workspace: &Workspace,
    context: &MeasureContext,
    indicator: &Indicator,
    period: Period,
) -> Vec<(usize, Observation)> {
    workspace
        .practices
        .iter()
        .enumerate()
        .filter_map(|(i, p)| context.observe(indicator, &[p], period).map(|o| (i, o)))
        .collect()
}

/// One practice on a funnel plot.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelArea {
    pub area_code: String,
    pub numerator: f64,
    pub denominator: f64,
    /// On the reading scale (a percentage for proportions).
    pub value: f64,
    /// Against the limits at its denominator; `None` when the row was refused.
    pub significance: Option<Significance>,
    /// Why the row was refused, or "suppressed".
    pub note: Option<String>,
}

/// The funnel's limits at one denominator, on the reading scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FunnelCurvePoint {
    pub denominator: f64,
    pub limits_95: Interval,
    pub limits_99_8: Interval,
}

/// A funnel plot's data.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelData {
    pub indicator_id: String,
    pub period: Period,
    /// The comparator on the reading scale (the city's pooled value, or England's; 1
    /// for ratios).
    pub baseline: f64,
    /// Whose value the baseline is: the city (pooled) or England.
    pub against: Against,
    /// Spiegelhalter's estimate for these practices, whether or not the limits use it.
    pub overdispersion: Option<Overdispersion>,
    /// True when the limits are widened for overdispersion.
    pub adjusted: bool,
    pub areas: Vec<FunnelArea>,
    /// The limit curves sampled at [`CURVE_SAMPLES`] denominators, evenly on a log
    /// scale from the smallest to the largest denominator.
    pub curve: Vec<FunnelCurvePoint>,
}

/// How many denominators the limit curves are sampled at.
pub const CURVE_SAMPLES: usize = 100;

/// `count` denominators evenly spaced on a log scale from `low` to `high` (both > 0).
pub fn curve_denominators(low: f64, high: f64, count: usize) -> Vec<f64> {
    if !(low > 0.0 && high >= low) || count == 0 {
        return Vec::new();
    }
    if count == 1 || high == low {
        return vec![low];
    }
    let (a, b) = (low.ln(), high.ln());
    (0..count)
        .map(|i| (a + (b - a) * i as f64 / (count - 1) as f64).exp())
        .collect()
}

/// Which limits a funnel plot draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FunnelLimitChoice {
    /// Widened for overdispersion when the practices show it
    /// ([`Overdispersion::present`]), else for chance alone: what FunnelPlotR and NHS
    /// England's methods advise.
    #[default]
    Auto,
    /// For chance alone, whatever the spread.
    Unadjusted,
    /// Widened by τ² (unchanged when τ² is 0).
    Adjusted,
}

/// A funnel plot from `(area code, numerator, denominator, suppressed)` rows:
///
/// - a proportion: [`funnel_proportions`] around the pooled Σnumerator/Σdenominator;
/// - a ratio (observed, expected): [`funnel_ratios`] around 1;
/// - a rate: as a ratio of observed to expected events, expected = denominator × the
///   pooled rate Σnumerator/Σdenominator (indirect standardisation to the city), by
///   [`funnel_ratios`], shown back on the rate's scale (ratio × pooled rate × per), so
///   the limits are the exact Poisson limits of the count.
///
/// Spiegelhalter's overdispersion is always estimated (for the sentence); `limits`
/// says whether the limits are widened by it. Suppressed rows are placed in the limits'
/// fitting but shown without a value. `england`, England's value on the reading scale,
/// takes the pooled value's place as the centre (proportions and rates; a ratio's
/// centre is 1 whatever the comparator).
pub fn funnel_from_rows(
    indicator_id: &str,
    period: Period,
    unit: Unit,
    rows: &[(String, f64, f64, bool)],
    limits: FunnelLimitChoice,
    england: Option<f64>,
) -> Result<FunnelData, VariationError> {
    let england = england.filter(|v| v.is_finite() && !matches!(unit, Unit::Ratio));
    let pairs: Vec<(f64, f64)> = rows.iter().map(|r| (r.1, r.2)).collect();
    let pooled_rate = || {
        if let (Some(value), Unit::Rate { per }) = (england, unit) {
            return (value > 0.0).then(|| value / per);
        }
        let total: f64 = pairs.iter().filter(|p| p.1 > 0.0).map(|p| p.1).sum();
        let events: f64 = pairs.iter().filter(|p| p.1 > 0.0).map(|p| p.0).sum();
        (total > 0.0 && events > 0.0).then(|| events / total)
    };
    // `expected_per_denominator` turns a denominator into expected events (ratio and
    // rate funnels); `scale` turns the funnel's scale into the reading scale.
    let fit = |overdispersed: bool| -> Result<(FunnelPlot, f64, f64), VariationError> {
        Ok(match unit {
            Unit::Proportion => (
                funnel_proportions(&pairs, england.map(|v| v / 100.0), overdispersed)?,
                100.0,
                1.0,
            ),
            Unit::Ratio => (funnel_ratios(&pairs, overdispersed), 1.0, 1.0),
            Unit::Rate { per } => {
                let rate = pooled_rate().ok_or(StatsError::TooFewValues { needed: 1, got: 0 })?;
                let expected: Vec<(f64, f64)> = pairs.iter().map(|&(n, d)| (n, d * rate)).collect();
                (funnel_ratios(&expected, overdispersed), rate * per, rate)
            }
            _ => return Err(VariationError::NotFunnelUnit(indicator_id.to_string())),
        })
    };
    let (widened, scale, expected_per_denominator) = fit(true)?;
    let estimate = widened.overdispersion;
    let adjusted = match limits {
        FunnelLimitChoice::Auto => estimate.is_some_and(|o| o.present()),
        FunnelLimitChoice::Unadjusted => false,
        FunnelLimitChoice::Adjusted => estimate.is_some(),
    };
    let plot = if adjusted { widened } else { fit(false)?.0 };
    let tau2 = plot.overdispersion.map(|o| o.tau_squared);
    let limits_at = |n: f64| -> Result<FunnelLimits, StatsError> {
        let expected = n * expected_per_denominator;
        match (unit, tau2) {
            (Unit::Proportion, Some(t)) => proportion_limits_overdispersed(plot.baseline, n, t),
            (Unit::Proportion, None) => proportion_limits(plot.baseline, n),
            (_, Some(t)) => ratio_limits_overdispersed(expected, t),
            (_, None) => ratio_limits(expected),
        }
    };
    let areas = rows
        .iter()
        .zip(&plot.points)
        .map(|(row, point)| {
            let (significance, note) = match (point, row.3) {
                (_, true) => (None, Some("suppressed".to_string())),
                (Ok(p), false) => (Some(p.significance), None),
                (Err(e), false) => (None, Some(e.to_string())),
            };
            let value = match point {
                Ok(p) if !row.3 => p.value * scale,
                _ => f64::NAN,
            };
            FunnelArea {
                area_code: row.0.clone(),
                numerator: row.1,
                denominator: row.2,
                value,
                significance,
                note,
            }
        })
        .collect();
    let valid: Vec<f64> = pairs
        .iter()
        .map(|p| p.1)
        .filter(|d| *d > 0.0 && d.is_finite())
        .collect();
    let low = valid.iter().copied().fold(f64::INFINITY, f64::min);
    let high = valid.iter().copied().fold(0.0, f64::max);
    let curve = curve_denominators(low, high, CURVE_SAMPLES)
        .into_iter()
        .filter_map(|n| {
            let l = limits_at(n).ok()?.scaled(scale);
            Some(FunnelCurvePoint {
                denominator: n,
                limits_95: l.limits_95,
                limits_99_8: l.limits_99_8,
            })
        })
        .collect();
    Ok(FunnelData {
        indicator_id: indicator_id.to_string(),
        period,
        baseline: plot.baseline * scale,
        against: if england.is_some() {
            Against::England
        } else {
            Against::Place
        },
        overdispersion: estimate,
        adjusted,
        areas,
        curve,
    })
}

/// The funnel plot of a measure's practices in a period ([`funnel_from_rows`]).
pub fn funnel_data(
    workspace: &Workspace,
    context: &MeasureContext,
    indicator: &Indicator,
    period: Period,
    limits: FunnelLimitChoice,
) -> Result<FunnelData, VariationError> {
    let observations = practice_observations(workspace, context, indicator, period);
    funnel_from_observations(&observations, indicator, period, limits)
}

/// As [`funnel_data`], from the practices' observations already made (a page drawing
/// the funnel and the caterpillar of one measure observes each practice once).
pub fn funnel_from_observations(
    observations: &[(&Practice, Observation)],
    indicator: &Indicator,
    period: Period,
    limits: FunnelLimitChoice,
) -> Result<FunnelData, VariationError> {
    funnel_around(observations, indicator, period, limits, None)
}

/// As [`funnel_from_observations`], centred on England's value when `england` gives it
/// ([`funnel_from_rows`]).
pub fn funnel_around(
    observations: &[(&Practice, Observation)],
    indicator: &Indicator,
    period: Period,
    limits: FunnelLimitChoice,
    england: Option<f64>,
) -> Result<FunnelData, VariationError> {
    if !matches!(
        indicator.unit,
        Unit::Proportion | Unit::Ratio | Unit::Rate { .. }
    ) {
        return Err(VariationError::NotFunnelUnit(indicator.name.clone()));
    }
    let rows: Vec<(String, f64, f64, bool)> = observations
        .iter()
        .filter_map(|(p, o)| Some((p.code.clone(), o.numerator?, o.denominator?, o.suppressed)))
        .collect();
    if rows.is_empty() {
        return Err(if observations.iter().any(|(_, o)| o.value.is_finite()) {
            VariationError::ValuesOnly {
                indicator: indicator.name.clone(),
                period: period.label(),
            }
        } else {
            VariationError::NoData {
                indicator: indicator.id.clone(),
                period: period.to_string(),
            }
        });
    }
    funnel_from_rows(
        &indicator.id,
        period,
        indicator.unit,
        &rows,
        limits,
        england,
    )
}

/// The funnel plot in words, counted from its areas: how many practices lie above and
/// below the 95% limits (and of those, beyond the 99.8% limits), against the comparator,
/// e.g. "Of 55 practices in Mar 2023, 4 are above the 95% limits (1 of them above 99.8%)
/// and 2 below (none below 99.8%); the rest are within them, around the city's 61.2."
/// Suppressed and refused rows are counted apart.
pub fn funnel_sentence(funnel: &FunnelData) -> String {
    let count = |wanted: &[Significance]| {
        funnel
            .areas
            .iter()
            .filter(|a| a.significance.is_some_and(|s| wanted.contains(&s)))
            .count()
    };
    let placed = funnel
        .areas
        .iter()
        .filter(|a| a.significance.is_some())
        .count();
    let above = count(&[Significance::High0025, Significance::High0001]);
    let above_998 = count(&[Significance::High0001]);
    let below = count(&[Significance::Low0025, Significance::Low0001]);
    let below_998 = count(&[Significance::Low0001]);
    let n = |n: usize| crate::summary::thousands(n as u64);
    let of = |k: usize| {
        if k == 0 {
            "none".to_string()
        } else {
            format!("{} of them", n(k))
        }
    };
    let mut sentence = format!(
        "Of {} practices in {}, {} {} above the 95% limits ({} above 99.8%) and \
         {} below ({} below 99.8%); the rest are within them, around {} {:.1}.",
        n(placed),
        funnel.period.label(),
        n(above),
        if above == 1 { "is" } else { "are" },
        of(above_998),
        n(below),
        of(below_998),
        funnel.against.whose(),
        funnel.baseline,
    );
    sentence.push_str(&limits_sentence(funnel));
    let left_out = funnel.areas.len() - placed;
    if left_out > 0 {
        sentence.push_str(&format!(
            " {left_out} practice{} not shown (suppressed or without a valid denominator).",
            if left_out == 1 { " is" } else { "s are" }
        ));
    }
    sentence
}

/// Which limits a funnel plot draws, in one sentence (with a leading space): widened
/// for overdispersion, or for chance alone, with Spiegelhalter's φ where estimated.
pub fn limits_sentence(funnel: &FunnelData) -> String {
    match funnel.overdispersion {
        Some(o) if funnel.adjusted => format!(
            " The practices vary more than chance alone would make them (overdispersion \
             φ = {:.1}), so the limits are widened for it: a practice outside them differs \
             by more than practices usually do.",
            o.phi
        ),
        Some(o) if o.present() => format!(
            " These limits are for chance alone, though the practices vary more than chance \
             would make them (overdispersion φ = {:.1}): many fall outside for that reason.",
            o.phi
        ),
        Some(o) => format!(
            " The practices vary no more than chance would make them (overdispersion φ = \
             {:.1}), so the limits are for chance alone.",
            o.phi
        ),
        None => " The limits are for chance alone.".to_string(),
    }
}

/// One bar of a caterpillar plot.
#[derive(Debug, Clone, PartialEq)]
pub struct CaterpillarBar {
    pub area_code: String,
    pub value: f64,
    pub interval_95: Interval,
    /// Against the city by the measure's method: at 95%, or at its only level
    /// ([`crate::stats::benchmark::Verdict::headline`]).
    pub compared: Comparison,
}

/// A caterpillar plot's data: practices ranked by value, lowest first (ties by code).
#[derive(Debug, Clone, PartialEq)]
pub struct CaterpillarData {
    pub indicator_id: String,
    pub period: Period,
    /// The comparator's value, the benchmark line: the city's, or England's.
    pub benchmark: Option<f64>,
    /// Whose value the benchmark is.
    pub against: Against,
    pub bars: Vec<CaterpillarBar>,
    /// Practices left out because their figures are suppressed.
    pub suppressed: usize,
    /// How each practice is compared with the city (the measure's method).
    pub method: ComparisonMethod,
}

/// The caterpillar plot of a measure in a period: every reporting, unsuppressed
/// practice with an interval, ranked by value, compared with the city's value.
pub fn caterpillar_data(
    workspace: &Workspace,
    context: &MeasureContext,
    indicator: &Indicator,
    period: Period,
) -> CaterpillarData {
    let observations = practice_observations(workspace, context, indicator, period);
    caterpillar_from_observations(workspace, context, indicator, period, &observations)
}

/// As [`caterpillar_data`], from the practices' observations already made.
pub fn caterpillar_from_observations(
    workspace: &Workspace,
    context: &MeasureContext,
    indicator: &Indicator,
    period: Period,
    observations: &[(&Practice, Observation)],
) -> CaterpillarData {
    caterpillar_against(
        workspace,
        context,
        indicator,
        period,
        observations,
        Against::Place,
    )
}

/// The place's value of a measure: every practice pooled; `None` when suppressed or
/// not given.
pub fn place_value(
    workspace: &Workspace,
    context: &MeasureContext,
    indicator: &Indicator,
    period: Period,
) -> Option<f64> {
    let all: Vec<&Practice> = workspace.practices.iter().collect();
    context
        .observe(indicator, &all, period)
        .filter(|o| !o.suppressed)
        .map(|o| o.value)
}

/// An area's observation against a benchmark as the Variation page judges it: by the
/// measure's method, at 95% or at its only level; not compared without an interval or
/// a benchmark.
pub fn judged(
    indicator: &Indicator,
    observation: &Observation,
    benchmark: Option<f64>,
) -> Comparison {
    match benchmark {
        Some(b) if observation.estimate.is_some() => judge(
            indicator.comparison,
            &observation.figure(indicator.unit),
            b,
            indicator.polarity,
        )
        .headline(),
        _ => Comparison::NotCompared,
    }
}

/// As [`caterpillar_from_observations`], compared with England's value when `against`
/// is England (no practice is compared where the data give no England value).
pub fn caterpillar_against(
    workspace: &Workspace,
    context: &MeasureContext,
    indicator: &Indicator,
    period: Period,
    observations: &[(&Practice, Observation)],
    against: Against,
) -> CaterpillarData {
    let (against, benchmark) = match against {
        Against::England => (
            Against::England,
            crate::comparator::england_value(workspace, indicator, period),
        ),
        _ => (
            Against::Place,
            place_value(workspace, context, indicator, period),
        ),
    };
    let suppressed = observations.iter().filter(|(_, o)| o.suppressed).count();
    let mut bars: Vec<CaterpillarBar> = observations
        .iter()
        .filter(|(_, o)| !o.suppressed)
        .filter_map(|(p, o)| {
            let interval = o.estimate?.ci_95;
            let compared = match benchmark {
                Some(_) if p.code != CITY_CODE => judged(indicator, o, benchmark),
                _ => Comparison::NotCompared,
            };
            Some(CaterpillarBar {
                area_code: p.code.clone(),
                value: o.value,
                interval_95: interval,
                compared,
            })
        })
        .collect();
    bars.sort_by(|a, b| {
        a.value
            .total_cmp(&b.value)
            .then_with(|| a.area_code.cmp(&b.area_code))
    });
    CaterpillarData {
        method: indicator.comparison,
        indicator_id: indicator.id.clone(),
        period,
        benchmark,
        against,
        bars,
        suppressed,
    }
}

/// The caterpillar plot in words: practices ranked, and how many are better, similar
/// and worse than the city at 95% (higher and lower where there is no judgement), e.g.
/// "55 practices ranked in Mar 2023: 6 better than the city (61.2), 44 similar, 5 worse."
pub fn caterpillar_sentence(caterpillar: &CaterpillarData) -> String {
    let count = |c: Comparison| caterpillar.bars.iter().filter(|b| b.compared == c).count();
    let city = caterpillar
        .benchmark
        .map(|b| format!(" ({b:.1})"))
        .unwrap_or_default();
    let whom = caterpillar.against.whom();
    let (better, higher) = (format!("better than {whom}"), format!("higher than {whom}"));
    let parts: Vec<String> = [
        (Comparison::Better, better.as_str()),
        (Comparison::Higher, higher.as_str()),
        (Comparison::Similar, "similar"),
        (Comparison::Lower, "lower"),
        (Comparison::Worse, "worse"),
    ]
    .iter()
    .filter_map(|&(c, words)| {
        let n = count(c);
        (n > 0).then(|| format!("{} {words}", crate::summary::thousands(n as u64)))
    })
    .collect();
    let mut sentence = format!(
        "{} practices ranked in {}",
        crate::summary::thousands(caterpillar.bars.len() as u64),
        caterpillar.period.label()
    );
    if caterpillar.benchmark.is_some() && !parts.is_empty() {
        sentence.push_str(&format!(
            " against {whom}{city} {}: {}.",
            caterpillar.method.headline_words(),
            parts.join(", ")
        ));
    } else {
        sentence.push('.');
    }
    if caterpillar.suppressed > 0 {
        sentence.push_str(&format!(
            " {} suppressed (small numbers).",
            caterpillar.suppressed
        ));
    }
    sentence
}

/// A funnel plot as a table: one row per practice with numerator, denominator, value,
/// the limits at its denominator and its significance.
pub fn funnel_table(funnel: &FunnelData) -> crate::table::Table {
    use crate::table::{Cell, Table};
    let mut table = Table::new(&[
        "Practice",
        "Numerator",
        "Denominator",
        "Value",
        "Significance",
    ]);
    for a in &funnel.areas {
        let suppressed = a.note.as_deref() == Some("suppressed");
        table.rows.push(vec![
            Cell::text(a.area_code.clone()),
            if suppressed {
                Cell::text("suppressed")
            } else {
                Cell::number(a.numerator, format!("{}", a.numerator))
            },
            Cell::number(a.denominator, format!("{}", a.denominator)),
            if a.value.is_finite() {
                Cell::value(a.value, 1)
            } else {
                Cell::text(a.note.clone().unwrap_or_default())
            },
            Cell::text(
                a.significance
                    .map(|s| s.as_str().to_string())
                    .or_else(|| a.note.clone())
                    .unwrap_or_default(),
            ),
        ]);
    }
    table
}

/// A caterpillar plot as a table: practices in rank order with value, 95% interval and
/// comparison with the city.
pub fn caterpillar_table(caterpillar: &CaterpillarData) -> crate::table::Table {
    use crate::table::{Cell, Table};
    let mut table = Table::new(&[
        "Rank",
        "Practice",
        "Value",
        "Lower 95%",
        "Upper 95%",
        &caterpillar.against.compared_heading(),
        "Compared by",
    ]);
    for (i, b) in caterpillar.bars.iter().enumerate() {
        table.rows.push(vec![
            Cell::number((i + 1) as f64, (i + 1).to_string()),
            Cell::text(b.area_code.clone()),
            Cell::value(b.value, 1),
            Cell::value(b.interval_95.lower, 1),
            Cell::value(b.interval_95.upper, 1),
            Cell::text(b.compared.as_str()),
            Cell::text(caterpillar.method.words()),
        ]);
    }
    table
}

/// An SPC chart of an area's series with its sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct SpcData {
    pub area_code: String,
    pub indicator_id: String,
    /// The period of each chart point.
    pub periods: Vec<Period>,
    pub chart: SpcChart,
    /// The latest special cause in words ([`special_cause_sentence`]), and whether the
    /// pandemic months were set apart.
    pub sentence: String,
    /// True when the limits were worked out separately for the pandemic months and
    /// either side of them ([`pandemic_rebase`]).
    pub pandemic_apart: bool,
}

/// What a chart with a segment too short for process limits says: a run chart when no
/// segment has limits, else which segments show only their mean. `None` when every
/// segment has limits.
pub fn run_chart_note(chart: &SpcChart) -> Option<&'static str> {
    if !chart.run_chart_only {
        return None;
    }
    Some(if chart.points.iter().any(|p| p.limits.is_some()) {
        "A stretch of fewer than 15 points shows its mean only, without process limits."
    } else {
        "Fewer than 15 points: a run chart, without process limits."
    })
}

/// Where an SPC chart of `periods` (in order) rebases to set the pandemic months apart:
/// at the first period starting in April 2020 or later and at the first starting in
/// April 2021 or later, so that those months form a segment of their own and set the
/// limits on neither side. Empty unless the series has figures before, during and after
/// them ([`PANDEMIC_MONTHS`]).
pub fn pandemic_rebase(periods: &[Period]) -> Vec<usize> {
    let start = |p: &Period| {
        let (year, month) = p.start();
        year * 12 + i32::from(month)
    };
    let (from, to) = (start(&PANDEMIC_MONTHS.0), start(&PANDEMIC_MONTHS.1));
    let during = periods.iter().position(|p| start(p) >= from);
    let after = periods.iter().position(|p| start(p) > to);
    match (during, after) {
        (Some(d), Some(a)) if d > 0 && a > d => vec![d, a],
        _ => Vec::new(),
    }
}

/// The SPC improvement direction of a polarity.
pub fn improvement_of(polarity: Polarity) -> Improvement {
    match polarity {
        Polarity::HighIsGood => Improvement::Increase,
        Polarity::LowIsGood => Improvement::Decrease,
        Polarity::NoJudgement => Improvement::Neutral,
    }
}

/// An area's series of a measure over every period its source reports (suppressed
/// periods left out), on the reading scale.
pub fn area_measure_series(
    context: &MeasureContext,
    indicator: &Indicator,
    practices: &[&Practice],
) -> Vec<(Period, f64)> {
    context
        .observe_over_time(indicator, practices)
        .into_iter()
        .filter(|o| !o.suppressed)
        .map(|o| (o.period, o.value))
        .collect()
}

/// The XmR chart of a measure for an area (practice, PCN, neighbourhood or the city),
/// with the improvement direction from the polarity and the other settings as given
/// ([`SpcSettings::default`] otherwise); with `pandemic_apart`, the pandemic months set
/// apart where the series spans them ([`pandemic_rebase`]).
pub fn spc_data(
    workspace: &Workspace,
    context: &MeasureContext,
    indicator: &Indicator,
    area_code: &str,
    settings: Option<SpcSettings>,
    pandemic_apart: bool,
) -> Result<SpcData, VariationError> {
    let practices = practices_for(workspace, area_code);
    let series = area_measure_series(context, indicator, &practices);
    spc_from_series(
        area_code,
        &indicator.id,
        indicator.polarity,
        &series,
        settings,
        pandemic_apart,
    )
}

/// The target an SPC chart's assurance is judged against, for a measure in an area:
/// the workspace's target for this measure and area, else for all areas (a targets
/// file, the Leicester default's targets from the paper). `None` when there is none:
/// targets are data, and no place inherits another's.
pub fn spc_target(workspace: &Workspace, indicator: &Indicator, area_code: &str) -> Option<f64> {
    let given = |area: TargetArea| {
        workspace
            .targets
            .iter()
            .find(|t| t.indicator_id == indicator.id && t.area == area)
            .map(|t| t.target_value)
    };
    given(TargetArea::Area(area_code.to_string()))
        .or_else(|| given(TargetArea::All))
        .filter(|t| t.is_finite())
}

/// [`spc_data`] for a series already extracted.
pub fn spc_from_series(
    area_code: &str,
    indicator_id: &str,
    polarity: Polarity,
    series: &[(Period, f64)],
    settings: Option<SpcSettings>,
    pandemic_apart: bool,
) -> Result<SpcData, VariationError> {
    let mut settings = settings.unwrap_or_default();
    settings.improvement = improvement_of(polarity);
    let values: Vec<f64> = series.iter().map(|s| s.1).collect();
    let periods: Vec<Period> = series.iter().map(|s| s.0).collect();
    let apart = if pandemic_apart {
        pandemic_rebase(&periods)
    } else {
        Vec::new()
    };
    let pandemic_apart = !apart.is_empty();
    settings.rebase_at.extend(apart);
    settings.rebase_at.sort_unstable();
    settings.rebase_at.dedup();
    let chart = xmr(&values, &settings)?;
    let mut sentence = special_cause_sentence(&periods, &chart);
    if pandemic_apart {
        sentence.push_str(&format!(
            " The limits are worked out separately for the pandemic months ({} – {}) and for either side of them.",
            PANDEMIC_MONTHS.0.label(),
            PANDEMIC_MONTHS.1.label()
        ));
    }
    Ok(SpcData {
        area_code: area_code.to_string(),
        indicator_id: indicator_id.to_string(),
        periods,
        chart,
        sentence,
        pandemic_apart,
    })
}

/// An SPC chart as a table: one row per period with the value, the mean, the process
/// limits (empty on a run chart) and the point's type.
pub fn spc_table(spc: &SpcData) -> crate::table::Table {
    use crate::table::{Cell, Table};
    let mut table = Table::new(&[
        "Period",
        "Value",
        "Mean",
        "Lower process limit",
        "Upper process limit",
        "Point",
    ]);
    let number = |v: f64| Cell::value(v, 1);
    for (period, point) in spc.periods.iter().zip(&spc.chart.points) {
        table.rows.push(vec![
            Cell::text(period.label()),
            number(point.value),
            number(point.mean),
            point.limits.map_or(Cell::text(""), |l| number(l.lpl)),
            point.limits.map_or(Cell::text(""), |l| number(l.upl)),
            Cell::text(point.point_type.as_str()),
        ]);
    }
    table
}

/// The latest special cause in words. The latest point with a special cause is found;
/// its first rule (in the order beyond limits, trend, two of three, run) is described
/// over the stretch of consecutive points before it that share the rule, e.g.
/// "Special cause: a run of 7 months above the mean from Oct 2021 (improvement)."
/// Without a special cause: "Common cause variation only: no special cause in 48 months."
pub fn special_cause_sentence(periods: &[Period], chart: &SpcChart) -> String {
    let word = |n: usize| {
        let unit = match periods.first().map(|p| p.months()) {
            Some(1) => "month",
            Some(3) => "quarter",
            Some(12) => "year",
            _ => "point",
        };
        if n == 1 {
            unit.to_string()
        } else {
            format!("{unit}s")
        }
    };
    let Some(last) = chart.points.iter().rposition(|p| !p.rules.is_empty()) else {
        let n = chart.points.len();
        return format!(
            "Common cause variation only: no special cause in {n} {}.",
            word(n)
        );
    };
    let point = &chart.points[last];
    let rule = point.rules[0];
    let mut first = last;
    while first > 0 && chart.points[first - 1].rules.contains(&rule) {
        first -= 1;
    }
    let n = last - first + 1;
    let label = |i: usize| periods.get(i).map(|p| p.label()).unwrap_or_default();
    let kind = match point.point_type {
        PointType::SpecialCauseImprovement => " (improvement)",
        PointType::SpecialCauseConcern => " (concern)",
        _ => "",
    };
    let above = point.value > point.mean;
    let what = match rule {
        Rule::BeyondLimits => format!(
            "{} is {} process limit",
            label(last),
            if above {
                "above the upper"
            } else {
                "below the lower"
            }
        ),
        Rule::Trend => format!(
            "a trend of {n} {} {} from {}",
            word(n),
            if chart.points[last].value > chart.points[first].value {
                "rising"
            } else {
                "falling"
            },
            label(first)
        ),
        Rule::TwoOfThree => format!(
            "two of three {} beyond the 2-sigma line {} the mean, in {}",
            word(3),
            if above { "above" } else { "below" },
            label(last)
        ),
        Rule::Run => format!(
            "a run of {n} {} {} the mean from {}",
            word(n),
            if above { "above" } else { "below" },
            label(first)
        ),
    };
    // One verdict, as the variation icon gives it (from the latest point): a special
    // cause that has ended is history, not the current state.
    if last + 1 == chart.points.len() {
        format!("Special cause: {what}{kind}.")
    } else {
        format!(
            "Common cause variation in the latest {}, {}. The last special cause was {what}{kind}, ending {}.",
            word(1),
            label(chart.points.len() - 1),
            label(last)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue;
    use crate::default_data::illustrative_city;

    #[test]
    fn curve_is_log_spaced_between_the_ends() {
        let c = curve_denominators(10.0, 1000.0, 3);
        assert_eq!(c.len(), 3);
        assert!((c[1] - 100.0).abs() < 1e-9);
        assert!((c[2] - 1000.0).abs() < 1e-9);
    }

    #[test]
    fn a_funnel_around_england_uses_its_value_as_the_centre() {
        // England 50%: at n = 100 the 95% limits are 50 ± 1.96·√(0.25/100) = 40.2–59.8,
        // the 99.8% limits 50 ± 3.09·0.05 = 34.5–65.5. 10% is below both; 40% is below
        // the 95% limit only. Around the pooled 20% instead, 40% is above 99.8%.
        let rows = vec![
            ("A".to_string(), 10.0, 100.0, false),
            ("B".to_string(), 10.0, 100.0, false),
            ("C".to_string(), 40.0, 100.0, false),
        ];
        let period = Period::parse("2023-Q1").unwrap();
        let f = funnel_from_rows(
            "x",
            period,
            Unit::Proportion,
            &rows,
            FunnelLimitChoice::Unadjusted,
            Some(50.0),
        )
        .unwrap();
        assert_eq!(f.against, Against::England);
        assert!((f.baseline - 50.0).abs() < 1e-12);
        assert_eq!(f.areas[0].significance, Some(Significance::Low0001));
        assert_eq!(f.areas[2].significance, Some(Significance::Low0025));
        assert!((f.curve[0].limits_95.lower - (50.0 - 1.959964 * 5.0)).abs() < 1e-4);
        assert!(funnel_sentence(&f).contains("around England's 50.0."));
        // A rate's centre is England's rate: 200 per 1,000 over 1,000 patients expects
        // 200 events, and 300 is above the 99.8% limits.
        let rows = vec![
            ("A".to_string(), 300.0, 1000.0, false),
            ("B".to_string(), 190.0, 1000.0, false),
        ];
        let f = funnel_from_rows(
            "r",
            period,
            Unit::Rate { per: 1000.0 },
            &rows,
            FunnelLimitChoice::Unadjusted,
            Some(200.0),
        )
        .unwrap();
        assert!((f.baseline - 200.0).abs() < 1e-9);
        assert!((f.areas[0].value - 300.0).abs() < 1e-9);
        assert_eq!(f.areas[0].significance, Some(Significance::High0001));
        assert_eq!(f.areas[1].significance, Some(Significance::NotSignificant));
        // A ratio stays centred on 1.
        let f = funnel_from_rows(
            "q",
            period,
            Unit::Ratio,
            &[("A".to_string(), 12.0, 10.0, false)],
            FunnelLimitChoice::Unadjusted,
            Some(50.0),
        )
        .unwrap();
        assert_eq!((f.baseline, f.against), (1.0, Against::Place));
    }

    #[test]
    fn a_caterpillar_against_england_compares_with_its_value_or_not_at_all() {
        let mut w = illustrative_city();
        let ctx = MeasureContext::new(&w);
        let bowel = measure(&w, catalogue::CANCER_SCREENING_BOWEL).unwrap();
        let period = ctx.latest_period(&bowel).unwrap();
        {
            let observed = practice_observations(&w, &ctx, &bowel, period);
            let none = caterpillar_against(&w, &ctx, &bowel, period, &observed, Against::England);
            assert_eq!(none.benchmark, None);
            assert!(none
                .bars
                .iter()
                .all(|b| b.compared == Comparison::NotCompared));
        }
        w.series.push(crate::model::Series::one_value(
            &bowel.id,
            crate::aggregate::ENGLAND_CODE,
            period,
            0.0,
        ));
        let ctx = MeasureContext::new(&w);
        let observed = practice_observations(&w, &ctx, &bowel, period);
        let c = caterpillar_against(&w, &ctx, &bowel, period, &observed, Against::England);
        assert_eq!((c.against, c.benchmark), (Against::England, Some(0.0)));
        // Every practice's interval lies above 0%: better than England, as the
        // Scorecard's England column judges it.
        assert!(c.bars.iter().all(|b| b.compared == Comparison::Better));
        let sentence = caterpillar_sentence(&c);
        assert!(sentence.contains("against England (0.0)"), "{sentence}");
        assert!(sentence.contains("better than England"), "{sentence}");
        assert_eq!(caterpillar_table(&c).columns[5], "Compared with England");
    }

    #[test]
    fn funnel_of_hand_made_rows() {
        // Pooled 60 / 300 = 20%; at n = 100 the 95% limits are 20 ± 1.96·√(0.2·0.8/100)
        // = 20 ± 7.84%; 40/100 = 40% is above the 99.8% limit (20 + 12.36).
        let rows = vec![
            ("A".to_string(), 10.0, 100.0, false),
            ("B".to_string(), 10.0, 100.0, false),
            ("C".to_string(), 40.0, 100.0, false),
        ];
        let f = funnel_from_rows(
            "x",
            Period::parse("2023-Q1").unwrap(),
            Unit::Proportion,
            &rows,
            FunnelLimitChoice::Unadjusted,
            None,
        )
        .unwrap();
        assert!((f.baseline - 20.0).abs() < 1e-12);
        assert_eq!(f.areas[2].significance, Some(Significance::High0001));
        assert!((f.curve[0].limits_95.upper - 27.839_856).abs() < 1e-5);
        assert_eq!(f.curve.len(), 1);
    }

    #[test]
    fn default_funnel_caterpillar_and_spc() {
        let w = illustrative_city();
        let ctx = MeasureContext::new(&w);
        let bowel = measure(&w, catalogue::CANCER_SCREENING_BOWEL).unwrap();
        let period = ctx.latest_period(&bowel).unwrap();
        let f = funnel_data(&w, &ctx, &bowel, period, FunnelLimitChoice::Adjusted).unwrap();
        assert_eq!(f.areas.len(), 55);
        assert_eq!(f.curve.len(), CURVE_SAMPLES);
        let c = caterpillar_data(&w, &ctx, &bowel, period);
        assert_eq!(c.bars.len() + c.suppressed, 55);
        assert!(c.bars.windows(2).all(|b| b[0].value <= b[1].value));
        assert_eq!(funnel_table(&f).rows.len(), 55);
        assert_eq!(caterpillar_table(&c).rows.len(), c.bars.len());
        let rate = measure(&w, catalogue::APPOINTMENTS_PER_1000_WEEK).unwrap();
        let rate_period = ctx.latest_period(&rate).unwrap();
        let rf = funnel_data(&w, &ctx, &rate, rate_period, FunnelLimitChoice::Unadjusted).unwrap();
        let all: Vec<&Practice> = w.practices.iter().collect();
        let city = ctx.observe(&rate, &all, rate_period).unwrap();
        // The funnel's centre is the city's rate; each practice keeps its own rate.
        assert!((rf.baseline - city.value).abs() < 1e-9);
        let first = ctx.observe(&rate, &[&w.practices[0]], rate_period).unwrap();
        assert!((rf.areas[0].value - first.value).abs() < 1e-9);
        let fte = measure(&w, catalogue::GP_FTE_PER_10000).unwrap();
        assert!(matches!(
            funnel_data(&w, &ctx, &fte, rate_period, FunnelLimitChoice::Unadjusted),
            Err(VariationError::NotFunnelUnit(_))
        ));
        let spc = spc_data(&w, &ctx, &rate, CITY_CODE, None, false).unwrap();
        assert_eq!(spc.periods.len(), 48);
        assert_eq!(spc_table(&spc).rows.len(), 48);
        assert!(
            spc.sentence.starts_with("Special cause") || spc.sentence.starts_with("Common cause")
        );
    }

    #[test]
    fn funnel_and_caterpillar_sentences_count_their_areas() {
        let w = illustrative_city();
        let ctx = MeasureContext::new(&w);
        let bowel = measure(&w, catalogue::CANCER_SCREENING_BOWEL).unwrap();
        let period = ctx.latest_period(&bowel).unwrap();
        let mut f = funnel_data(&w, &ctx, &bowel, period, FunnelLimitChoice::Unadjusted).unwrap();
        f.areas.truncate(4);
        f.baseline = 60.0;
        let sig = [
            Significance::High0001,
            Significance::High0025,
            Significance::NotSignificant,
            Significance::Low0025,
        ];
        for (a, s) in f.areas.iter_mut().zip(sig) {
            a.significance = Some(s);
        }
        let text = funnel_sentence(&f);
        assert!(text.starts_with(&format!("Of 4 practices in {}, 2 are above the 95% limits (1 of them above 99.8%) and 1 below (none below 99.8%)", period.label())), "{text}");
        assert!(text.contains("around the city's 60.0. "), "{text}");
        // It says which limits it uses: here chance alone, though φ says otherwise.
        assert!(
            text.ends_with("These limits are for chance alone, though the practices vary more than chance would make them (overdispersion φ = 5.1): many fall outside for that reason."),
            "{text}"
        );
        let adjusted = funnel_data(&w, &ctx, &bowel, period, FunnelLimitChoice::Auto).unwrap();
        assert!(adjusted.adjusted);
        assert!(funnel_sentence(&adjusted).contains("so the limits are widened for it"));
        f.overdispersion = None;
        assert!(funnel_sentence(&f).ends_with(" The limits are for chance alone."));
        f.areas[3].significance = None;
        assert!(funnel_sentence(&f)
            .ends_with("1 practice is not shown (suppressed or without a valid denominator)."));

        let c = caterpillar_data(&w, &ctx, &bowel, period);
        let text = caterpillar_sentence(&c);
        let n = |w: Comparison| c.bars.iter().filter(|b| b.compared == w).count();
        assert!(
            text.starts_with(&format!("{} practices ranked", c.bars.len())),
            "{text}"
        );
        let better = n(Comparison::Better);
        assert!(
            better == 0 || text.contains(&format!("{better} better than the city")),
            "{text}"
        );
        assert!(
            text.contains(&format!("{} similar", n(Comparison::Similar)))
                || n(Comparison::Similar) == 0,
            "{text}"
        );
    }

    #[test]
    fn sentence_names_a_run_and_its_start() {
        // 1,3 alternating for 10 months, then 3,4 alternating for 8: mean 48/18 = 2.667,
        // MR̄ = (9×2 + 0 + 7×1)/17 = 1.47, UPL = 2.667 + 2.66×1.47 = 6.58 (nothing beyond),
        // and months 10–18 (the 3 in Oct 2021 and all after) sit above the mean: a run of 9.
        let values: Vec<f64> = [1.0, 3.0]
            .repeat(5)
            .into_iter()
            .chain([3.0, 4.0].repeat(4))
            .collect();
        let periods: Vec<Period> = (0..18)
            .map(|i| Period::parse("2021-01").unwrap().add_months(i))
            .collect();
        let series: Vec<(Period, f64)> = periods.iter().copied().zip(values).collect();
        let s = spc_from_series("A", "x", Polarity::HighIsGood, &series, None, false).unwrap();
        assert_eq!(
            s.sentence,
            "Special cause: a run of 9 months above the mean from Oct 2021 (improvement)."
        );
    }

    #[test]
    fn the_pandemic_months_can_be_set_apart() {
        let months: Vec<Period> = (0..48)
            .map(|i| Period::parse("2019-01").unwrap().add_months(i))
            .collect();
        // Apr 2020 is the 16th month, Apr 2021 the 28th.
        assert_eq!(pandemic_rebase(&months), vec![15, 27]);
        assert!(pandemic_rebase(&months[20..]).is_empty(), "nothing before");
        assert!(pandemic_rebase(&months[..20]).is_empty(), "nothing after");
        // Financial years: 2020/21 is the pandemic year.
        let years: Vec<Period> = ["2018/19", "2019/20", "2020/21", "2021/22"]
            .iter()
            .map(|p| Period::parse(p).unwrap())
            .collect();
        assert_eq!(pandemic_rebase(&years), vec![2, 3]);
        // The illustrative city's appointments rate spans them: three segments, the
        // limits after the pandemic from its own months, and the sentence says so.
        let w = illustrative_city();
        let ctx = MeasureContext::new(&w);
        let rate = scorecard_indicators(&w)
            .into_iter()
            .find(|i| i.id == catalogue::APPOINTMENTS_PER_1000_WEEK)
            .unwrap();
        let apart = spc_data(&w, &ctx, &rate, CITY_CODE, None, true).unwrap();
        let whole = spc_data(&w, &ctx, &rate, CITY_CODE, None, false).unwrap();
        assert!(apart.pandemic_apart && !whole.pandemic_apart);
        assert!(apart
            .sentence
            .contains("worked out separately for the pandemic months (Apr 2020 – Mar 2021)"));
        let after = apart
            .periods
            .iter()
            .position(|p| *p == Period::parse("2021-04").unwrap())
            .unwrap();
        let mean_after = apart.chart.points[after].mean;
        let values_after: Vec<f64> = apart.chart.points[after..]
            .iter()
            .map(|p| p.value)
            .collect();
        let expected = values_after.iter().sum::<f64>() / values_after.len() as f64;
        assert!(
            (mean_after - expected).abs() < 1e-9,
            "{mean_after} vs {expected}"
        );
        assert!((whole.chart.points[after].mean - mean_after).abs() > 1e-6);
    }

    #[test]
    fn a_special_cause_that_has_ended_is_not_the_verdict() {
        // The run of 9 above the mean, then 7 months at the mean's level without a rule:
        // the icon (from the latest point) says common cause, and so does the sentence,
        // with the run as history.
        let values: Vec<f64> = [1.0, 3.0]
            .repeat(5)
            .into_iter()
            .chain([3.0, 4.0].repeat(4))
            .chain([1.0, 4.0, 2.0, 3.0, 1.0, 4.0, 2.0])
            .collect();
        let periods: Vec<Period> = (0..values.len() as i32)
            .map(|i| Period::parse("2021-01").unwrap().add_months(i))
            .collect();
        let series: Vec<(Period, f64)> = periods.iter().copied().zip(values).collect();
        let s = spc_from_series("A", "x", Polarity::HighIsGood, &series, None, false).unwrap();
        let latest = s.chart.points.last().unwrap();
        assert_eq!(latest.point_type, PointType::CommonCause);
        assert_eq!(
            s.sentence,
            "Common cause variation in the latest month, Jan 2023. The last special cause was a run of 9 months above the mean from Oct 2021 (improvement), ending Jun 2022."
        );
    }

    #[test]
    fn spc_charts_are_judged_against_the_target_that_applies() {
        let mut w = illustrative_city();
        let measure = |id: &str| {
            scorecard_indicators(&w)
                .into_iter()
                .find(|i| i.id == id)
                .unwrap_or_else(|| panic!("{id} is a measure"))
        };
        // The paper's targets for the measures that are trajectories.
        let access = measure(catalogue::APPOINTMENTS_PER_1000_WEEK);
        assert_eq!(spc_target(&w, &access, CITY_CODE), Some(75.0));
        let face = measure(catalogue::FACE_TO_FACE_SHARE);
        assert_eq!(
            spc_target(&w, &face, &w.practices[0].code.clone()),
            Some(50.0)
        );
        // A PCN's own equity target, and none for the city (targets are per PCN).
        let equity = w
            .targets
            .iter()
            .find(|t| matches!(t.area, TargetArea::Area(_)))
            .cloned()
            .expect("the default has equity targets per PCN");
        let TargetArea::Area(pcn) = equity.area.clone() else {
            unreachable!()
        };
        let equity_measure = measure(&equity.indicator_id);
        assert_eq!(
            spc_target(&w, &equity_measure, &pcn),
            Some(equity.target_value)
        );
        assert_eq!(spc_target(&w, &equity_measure, CITY_CODE), None);
        // A target for all areas from a targets file is used where no area has its own.
        let mut all = equity.clone();
        all.area = TargetArea::All;
        all.target_value = 61.5;
        w.targets.push(all);
        assert_eq!(spc_target(&w, &equity_measure, CITY_CODE), Some(61.5));
        assert_eq!(
            spc_target(&w, &equity_measure, &pcn),
            Some(equity.target_value)
        );
        // With the target, the chart carries an assurance icon.
        let ctx = MeasureContext::new(&w);
        let settings = SpcSettings {
            target: spc_target(&w, &access, CITY_CODE),
            ..SpcSettings::default()
        };
        let chart = spc_data(&w, &ctx, &access, CITY_CODE, Some(settings), false).unwrap();
        assert!(chart.chart.assurance.is_some());
    }

    #[test]
    fn sentences_group_thousands() {
        use crate::england_sized::{synthetic_workspace, Shape};
        let w = synthetic_workspace(Shape {
            practices: 1_200,
            pcns: 10,
            months: 2,
            indicators: 1,
        });
        let ctx = MeasureContext::new(&w);
        let indicator = &w.indicators[0];
        let period = ctx.latest_period(indicator).unwrap();
        let funnel =
            funnel_data(&w, &ctx, indicator, period, FunnelLimitChoice::Unadjusted).unwrap();
        assert!(funnel_sentence(&funnel).starts_with("Of 1,200 practices in "));
        let ranked = caterpillar_data(&w, &ctx, indicator, period);
        assert!(caterpillar_sentence(&ranked).starts_with("1,200 practices ranked in "));
    }
}
