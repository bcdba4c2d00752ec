//! The comparable measures behind the Scorecard, Variation, Profile and Priorities
//! pages: each stored indicator that can be compared between areas of different sizes
//! (proportions, rates, ratios), plus three derived from stored series —
//! appointments per 1,000 patients per week, the face-to-face share, and GP FTE per
//! 10,000 patients — observed for any set of practices in one period, on the scale
//! people read (proportions as percentages), with 95% and 99.8% intervals by unit
//! from [`crate::stats::ci`], and disclosure control.

use crate::access::{days_in_period, patient_time, AccessSettings};
use crate::aggregate::{point_at, series_index};
use crate::catalogue;
use crate::disclosure::is_suppressed;
use crate::model::{Domain, Indicator, Period, Point, Polarity, Practice, Series, Unit, Workspace};
use crate::quick_map::QuickMap;
use crate::stats;
use crate::stats::benchmark::AreaFigure;
use crate::stats::ci::Estimate;
use std::collections::HashMap;

/// One measure for one set of practices in one period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Observation {
    pub period: Period,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// On the reading scale: proportions as percentages, rates per their `per`.
    pub value: f64,
    /// Value and intervals on the same scale; `None` where the unit has no interval.
    pub estimate: Option<Estimate>,
    /// By [`is_suppressed`]: value, intervals and comparison must not be shown.
    pub suppressed: bool,
}

impl Observation {
    /// The standard error implied by the 95% interval, (upper − lower) / (2 × 1.959964),
    /// as Fingertips derives it; `None` without an interval or for a zero width.
    pub fn standard_error(&self) -> Option<f64> {
        let e = self.estimate?;
        let se = (e.ci_95.upper - e.ci_95.lower) / (2.0 * stats::Z_95);
        (se > 0.0 && se.is_finite()).then_some(se)
    }
}

/// A value of a measure as every page writes it: proportions with one decimal and "%",
/// ratios with two decimals, counts whole, anything else with one decimal; commas
/// between thousands throughout ("4,104", "1,276.5", "63.2%").
pub fn value_text(unit: Unit, value: f64) -> String {
    use crate::words::grouped;
    match unit {
        Unit::Proportion => format!("{}%", grouped(value, 1)),
        Unit::Ratio => grouped(value, 2),
        Unit::Count => grouped(value, 0),
        Unit::Rate { .. } | Unit::Mean => grouped(value, 1),
    }
}

/// An observation as a comparison needs it ([`crate::stats::benchmark::judge`]): its
/// value and intervals, and for a proportion its denominator on the percentage scale.
pub fn area_figure(
    unit: Unit,
    value: f64,
    estimate: Option<Estimate>,
    denominator: Option<f64>,
) -> AreaFigure {
    AreaFigure {
        value,
        interval_95: estimate.map(|e| e.ci_95),
        interval_99_8: estimate.map(|e| e.ci_99_8),
        base: denominator.and_then(|n| match unit {
            Unit::Proportion => Some((n, 100.0)),
            Unit::Rate { per } => Some((n, per)),
            Unit::Ratio => Some((n, 1.0)),
            Unit::Count | Unit::Mean => None,
        }),
    }
}

impl Observation {
    /// The observation as a comparison needs it ([`area_figure`]).
    pub fn figure(&self, unit: Unit) -> AreaFigure {
        area_figure(unit, self.value, self.estimate, self.denominator)
    }
}

/// An area's recent trend on a measure, as Fingertips computes it, over the last
/// [`stats::trend::RECENT_POINTS`] periods it reports unsuppressed: a measure compared
/// by SPC for proportions is tested on its counts
/// ([`stats::trend::recent_trend_of_proportion`]), any other on its 95% intervals
/// ([`stats::trend::recent_trend`]). An error says why none can be calculated.
pub fn recent_trend_of(
    context: &MeasureContext,
    indicator: &Indicator,
    practices: &[&Practice],
) -> Result<stats::trend::RecentTrend, stats::StatsError> {
    use stats::trend::{recent_trend, recent_trend_of_proportion, CountPoint, TrendPoint};
    let observations: Vec<Observation> = context
        .observe_over_time(indicator, practices)
        .into_iter()
        .filter(|o| !o.suppressed)
        .collect();
    let recent = &observations[observations
        .len()
        .saturating_sub(stats::trend::RECENT_POINTS)..];
    let counts: Option<Vec<CountPoint>> = recent
        .iter()
        .map(|o| {
            Some(CountPoint {
                count: o.numerator?,
                denominator: o.denominator?,
            })
        })
        .collect();
    match counts {
        Some(counts) if indicator.comparison.is_spc() => {
            recent_trend_of_proportion(&counts, indicator.polarity)
        }
        _ => {
            let points: Vec<TrendPoint> = recent
                .iter()
                .filter_map(|o| {
                    let e = o.estimate?;
                    Some(TrendPoint {
                        value: e.value,
                        lower_95: e.ci_95.lower,
                        upper_95: e.ci_95.upper,
                    })
                })
                .collect();
            recent_trend(&points, indicator.polarity)
        }
    }
}

/// The derived measures' metadata.
pub fn derived_indicators() -> Vec<Indicator> {
    vec![
        Indicator {
            id: catalogue::APPOINTMENTS_PER_1000_WEEK.to_string(),
            name: "Appointments per 1,000 patients per week".to_string(),
            domain: Domain::Access,
            unit: Unit::Rate { per: 1000.0 },
            polarity: Polarity::HighIsGood,
            comparison: Default::default(),
        },
        Indicator {
            id: catalogue::FACE_TO_FACE_SHARE.to_string(),
            name: "Appointments face to face (% of all modes)".to_string(),
            domain: Domain::Access,
            unit: Unit::Proportion,
            polarity: Polarity::HighIsGood,
            comparison: Default::default(),
        },
        Indicator {
            id: catalogue::GP_FTE_PER_10000.to_string(),
            name: "GPs in post (FTE) per 10,000 patients".to_string(),
            domain: Domain::Workforce,
            unit: Unit::Mean,
            polarity: Polarity::HighIsGood,
            comparison: Default::default(),
        },
    ]
}

/// The measures of the scorecard: the derived ones first (when the workspace has their
/// inputs), then every stored proportion, rate or ratio except CPCS participation
/// (a yes/no flag per practice, shown on the Trajectories page).
pub fn scorecard_indicators(workspace: &Workspace) -> Vec<Indicator> {
    let has = |id: &str| workspace.indicator(id).is_some();
    let mut list: Vec<Indicator> = derived_indicators()
        .into_iter()
        .filter(|i| match i.id.as_str() {
            catalogue::GP_FTE_PER_10000 => has(catalogue::GP_FTE),
            _ => catalogue::APPOINTMENT_MODES.iter().all(|m| has(m)),
        })
        .collect();
    list.extend(
        workspace
            .indicators
            .iter()
            // Payments per registered patient is a mean with no interval: shown beside
            // the staff it pays for, not scored. A measure compared by quintiles needs
            // no interval either.
            .filter(|i| {
                matches!(i.unit, Unit::Proportion | Unit::Rate { .. } | Unit::Ratio)
                    || i.id == catalogue::PAYMENTS_PER_PATIENT
                    || i.comparison == stats::benchmark::ComparisonMethod::Quintiles
            })
            .filter(|i| i.id != catalogue::CPCS_PARTICIPATION)
            .cloned(),
    );
    list
}

/// The stored series a measure is made from: itself, or a derived measure's inputs and
/// list sizes.
fn measure_inputs(indicator: &Indicator) -> Vec<&str> {
    match indicator.id.as_str() {
        catalogue::APPOINTMENTS_PER_1000_WEEK | catalogue::FACE_TO_FACE_SHARE => {
            let mut ids = catalogue::APPOINTMENT_MODES.to_vec();
            ids.push(catalogue::LIST_SIZE);
            ids
        }
        catalogue::GP_FTE_PER_10000 => vec![catalogue::GP_FTE, catalogue::LIST_SIZE],
        id => vec![id],
    }
}

/// Where each indicator's series are in a workspace's list of series: one pass, made
/// once per workspace, for [`MeasureContext::for_measure_in`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeriesPositions {
    by_indicator: HashMap<String, Vec<usize>>,
    /// How many series the workspace had (a check that they are its positions).
    series: usize,
}

impl SeriesPositions {
    pub fn new(workspace: &Workspace) -> SeriesPositions {
        let mut by_indicator: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, s) in workspace.series.iter().enumerate() {
            match by_indicator.get_mut(&s.indicator_id) {
                Some(positions) => positions.push(i),
                None => {
                    by_indicator.insert(s.indicator_id.clone(), vec![i]);
                }
            }
        }
        SeriesPositions {
            by_indicator,
            series: workspace.series.len(),
        }
    }

    /// The positions of an indicator's series (none when it has none).
    fn of(&self, indicator_id: &str) -> &[usize] {
        self.by_indicator
            .get(indicator_id)
            .map_or(&[], Vec::as_slice)
    }
}

/// The series indices a set of measures needs, built once (one pass per indicator).
pub struct MeasureContext<'a> {
    /// By indicator, each area's series (the quick hash: thousands of practice codes are
    /// looked up per redraw).
    indices: QuickMap<String, QuickMap<&'a str, &'a Series>>,
}

impl<'a> MeasureContext<'a> {
    /// Indexes every series of the workspace by indicator and area, in one pass.
    pub fn new(workspace: &'a Workspace) -> MeasureContext<'a> {
        let mut indices: QuickMap<String, QuickMap<&'a str, &'a Series>> = QuickMap::default();
        for s in &workspace.series {
            indices
                .entry(s.indicator_id.clone())
                .or_default()
                .insert(s.area_code.as_str(), s);
        }
        MeasureContext { indices }
    }

    /// Indexes the series of the given indicators only (add `list_size` to the ids
    /// for list sizes by period).
    pub fn for_indicators(workspace: &'a Workspace, ids: &[&str]) -> MeasureContext<'a> {
        let indices = ids
            .iter()
            .map(|id| {
                let index = series_index(workspace, id).into_iter().collect();
                (id.to_string(), index)
            })
            .collect();
        MeasureContext { indices }
    }

    /// As [`MeasureContext::for_measure`], from the series' positions found once for
    /// the workspace (a page switching between measures on a large workspace then never
    /// walks all its series again).
    pub fn for_measure_in(
        workspace: &'a Workspace,
        positions: &SeriesPositions,
        indicator: &Indicator,
    ) -> MeasureContext<'a> {
        if positions.series != workspace.series.len() {
            // Found for another workspace: find the series again.
            return MeasureContext::for_measure(workspace, indicator);
        }
        let indices = measure_inputs(indicator)
            .into_iter()
            .map(|id| {
                let index = positions
                    .of(id)
                    .iter()
                    .filter_map(|&i| workspace.series.get(i))
                    .map(|s| (s.area_code.as_str(), s))
                    .collect();
                (id.to_string(), index)
            })
            .collect();
        MeasureContext { indices }
    }

    /// Indexes only the series `indicator` is made from (for a derived measure, its
    /// inputs and list sizes): one pass over the series, comparing ids, instead of
    /// indexing every series as [`MeasureContext::new`] does. For pages showing one
    /// measure at a time on a large workspace.
    pub fn for_measure(workspace: &'a Workspace, indicator: &Indicator) -> MeasureContext<'a> {
        MeasureContext::for_indicators(workspace, &measure_inputs(indicator))
    }

    fn sum(&self, id: &str, practices: &[&Practice], period: Period) -> Option<(f64, f64, usize)> {
        let index = self.indices.get(id)?;
        let mut numerator = 0.0;
        let mut denominator = 0.0;
        let mut reporting = 0;
        for practice in practices {
            let Some(point) = index
                .get(practice.code.as_str())
                .and_then(|s| point_at(s, period))
            else {
                continue;
            };
            let Some(n) = point.numerator.or(point.value) else {
                continue;
            };
            numerator += n;
            denominator += point.denominator.unwrap_or(0.0);
            reporting += 1;
        }
        (reporting > 0).then_some((numerator, denominator, reporting))
    }

    /// The list size of the practices that report `id` in `period`: for appointments
    /// and GP FTE the point's denominator when it carries one (the list counted against); else each practice's `list_size`
    /// series value for the period when the workspace has one; else its `list_size`
    /// (the rule of [`crate::aggregate::appointments_and_list`], indexed).
    fn list_size(&self, practices: &[&Practice], period: Period, id: &str) -> f64 {
        let index = self.indices.get(id);
        let lists = self.indices.get(catalogue::LIST_SIZE);
        practices
            .iter()
            .filter(|p| {
                index.is_some_and(|i| {
                    i.get(p.code.as_str())
                        .is_some_and(|s| point_at(s, period).is_some())
                })
            })
            .map(|p| {
                let counted_against = index
                    .and_then(|i| i.get(p.code.as_str()))
                    .and_then(|s| point_at(s, period))
                    .and_then(|pt| pt.denominator)
                    .filter(|_| {
                        catalogue::APPOINTMENT_MODES.contains(&id) || id == catalogue::GP_FTE
                    });
                counted_against
                    .or_else(|| {
                        lists
                            .and_then(|l| l.get(p.code.as_str()))
                            .and_then(|s| point_at(s, period))
                            .and_then(|pt| pt.value.or(pt.numerator))
                    })
                    .filter(|v| v.is_finite() && *v > 0.0)
                    .unwrap_or(p.list_size as f64)
            })
            .sum()
    }

    /// The stored indicator a measure's periods come from (itself, or a derived
    /// measure's input).
    fn source(indicator: &Indicator) -> &str {
        match indicator.id.as_str() {
            catalogue::APPOINTMENTS_PER_1000_WEEK | catalogue::FACE_TO_FACE_SHARE => {
                catalogue::APPOINTMENTS_FACE_TO_FACE
            }
            catalogue::GP_FTE_PER_10000 => catalogue::GP_FTE,
            id => id,
        }
    }

    /// The latest period of a measure (for derived ones, of its inputs).
    pub fn latest_period(&self, indicator: &Indicator) -> Option<Period> {
        // A series' points are sorted by period ([`crate::model::Series`]; ingest and
        // bundles keep them so), so its last point is its latest: one point per series
        // is read, not every point of every series (a memory-bound scan of 650 MB on an
        // England-sized workspace).
        self.indices
            .get(Self::source(indicator))?
            .values()
            .filter_map(|s| s.points.last().map(|p| p.period))
            .max()
    }

    /// Every period any practice reports the measure for, in order.
    pub fn periods(&self, indicator: &Indicator) -> Vec<Period> {
        let mut set: std::collections::BTreeSet<Period> = std::collections::BTreeSet::new();
        // Most series of a measure report the same periods: one like the last adds none.
        let mut last: &[Point] = &[];
        for series in self
            .indices
            .get(Self::source(indicator))
            .into_iter()
            .flat_map(|index| index.values())
        {
            let same = series.points.len() == last.len()
                && series
                    .points
                    .iter()
                    .zip(last)
                    .all(|(a, b)| a.period == b.period);
            if !same {
                set.extend(series.points.iter().map(|p| p.period));
                last = &series.points;
            }
        }
        set.into_iter().collect()
    }

    /// The measure for the practices in every period any of them reports, in period
    /// order: the same figures as [`MeasureContext::observe`] period by period, made in
    /// one pass over the practices' series for a stored measure.
    pub fn observe_over_time(
        &self,
        indicator: &Indicator,
        practices: &[&Practice],
    ) -> Vec<Observation> {
        let stored = Self::source(indicator) == indicator.id;
        let Some(index) = self.indices.get(indicator.id.as_str()).filter(|_| stored) else {
            return self
                .periods(indicator)
                .into_iter()
                .filter_map(|p| self.observe(indicator, practices, p))
                .collect();
        };
        // Sums by period, kept in period order. Series are in period order and mostly
        // report the same periods, so the next point usually belongs in the slot after
        // the last one: checked first, then a binary search (6,500 practices × 60 months
        // for a country, without hashing).
        let mut sums: Vec<(Period, f64, f64)> = Vec::new();
        for practice in practices {
            let Some(series) = index.get(practice.code.as_str()) else {
                continue;
            };
            let mut next = 0;
            for point in &series.points {
                let Some(n) = point.numerator.or(point.value) else {
                    continue;
                };
                let d = point.denominator.unwrap_or(0.0);
                let slot = match sums.get(next) {
                    Some(s) if s.0 == point.period => Ok(next),
                    _ => sums.binary_search_by(|s| s.0.cmp(&point.period)),
                };
                next = match slot {
                    Ok(i) => {
                        sums[i].1 += n;
                        sums[i].2 += d;
                        i + 1
                    }
                    Err(i) => {
                        sums.insert(i, (point.period, n, d));
                        i + 1
                    }
                };
            }
        }
        sums.into_iter()
            .filter_map(|(period, n, d)| {
                let estimate = estimate_for(indicator.unit, n, (d > 0.0).then_some(d)?)?;
                Some(Observation {
                    period,
                    numerator: Some(n),
                    denominator: Some(d),
                    value: estimate.value,
                    estimate: Some(estimate),
                    suppressed: is_suppressed(Some(n)),
                })
            })
            .collect()
    }

    /// The measure for the practices in `period`: numerators and denominators summed
    /// over the practices that report it, the value by the unit, the intervals by
    /// [`estimate_for`], and [`is_suppressed`]. `None` when no practice reports it.
    pub fn observe(
        &self,
        indicator: &Indicator,
        practices: &[&Practice],
        period: Period,
    ) -> Option<Observation> {
        let (numerator, denominator) = match indicator.id.as_str() {
            catalogue::APPOINTMENTS_PER_1000_WEEK => {
                let mut appointments = 0.0;
                for mode in catalogue::APPOINTMENT_MODES {
                    appointments += self.sum(mode, practices, period).map_or(0.0, |s| s.0);
                }
                let list = self.list_size(practices, period, catalogue::APPOINTMENTS_FACE_TO_FACE);
                let time = patient_time(
                    list,
                    f64::from(days_in_period(period)),
                    &AccessSettings::default(),
                );
                (Some(appointments), Some(time))
            }
            catalogue::FACE_TO_FACE_SHARE => {
                let face = self
                    .sum(catalogue::APPOINTMENTS_FACE_TO_FACE, practices, period)?
                    .0;
                let all: f64 = catalogue::APPOINTMENT_MODES
                    .iter()
                    .filter_map(|m| self.sum(m, practices, period).map(|s| s.0))
                    .sum();
                (Some(face), Some(all))
            }
            catalogue::GP_FTE_PER_10000 => {
                let fte = self.sum(catalogue::GP_FTE, practices, period)?.0;
                let list = self.list_size(practices, period, catalogue::GP_FTE);
                if list <= 0.0 {
                    return None;
                }
                return Some(Observation {
                    period,
                    numerator: None,
                    denominator: Some(list),
                    value: fte / list * 10_000.0,
                    estimate: None,
                    suppressed: false,
                });
            }
            id => {
                // A figure published as a value only (a survey's percentage, QOF
                // prevalence from 2024/25) is one practice's own: shown as given, with
                // no interval; practices' values cannot be added into an area's.
                if let [practice] = practices {
                    let point = self
                        .indices
                        .get(id)
                        .and_then(|index| index.get(practice.code.as_str()))
                        .and_then(|s| point_at(s, period));
                    if let Some(point) = point.filter(|p| p.numerator.is_none()) {
                        return point
                            .value
                            .filter(|v| v.is_finite())
                            .map(|value| Observation {
                                period,
                                numerator: None,
                                denominator: point.denominator,
                                value,
                                estimate: None,
                                suppressed: false,
                            });
                    }
                }
                let (n, d, _) = self.sum(id, practices, period)?;
                (Some(n), (d > 0.0).then_some(d))
            }
        };
        if indicator.unit == Unit::Mean {
            // A summed mean is the total over the count (payments over patients): a
            // value with no interval, shown but never compared.
            let (n, d) = (numerator?, denominator.filter(|d| *d > 0.0)?);
            return Some(Observation {
                period,
                numerator,
                denominator,
                value: n / d,
                estimate: None,
                suppressed: false,
            });
        }
        let estimate = estimate_for(indicator.unit, numerator?, denominator?)?;
        Some(Observation {
            period,
            numerator,
            denominator,
            value: estimate.value,
            estimate: Some(estimate),
            suppressed: is_suppressed(numerator),
        })
    }
}

/// A measure's value and intervals from its numerator and denominator, by unit:
/// proportion — Wilson, as a percentage ([`stats::ci::proportion`] × 100); rate —
/// Byar's/exact Poisson per `per` ([`stats::ci::rate`]); ratio — the observed count's
/// Poisson interval over the expected ([`stats::ci::rate`] with multiplier 1). Counts
/// and means have no interval here (`None`).
pub fn estimate_for(unit: Unit, numerator: f64, denominator: f64) -> Option<Estimate> {
    match unit {
        Unit::Proportion => stats::ci::proportion(numerator, denominator)
            .ok()
            .map(|e| e.scaled(100.0)),
        Unit::Rate { per } => stats::ci::rate(numerator, denominator, per)
            .ok()
            .map(|r| r.0),
        Unit::Ratio => stats::ci::rate(numerator, denominator, 1.0)
            .ok()
            .map(|r| r.0),
        Unit::Count | Unit::Mean => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_data::illustrative_city;

    #[test]
    fn suppression_covers_one_to_four() {
        assert!(!is_suppressed(Some(0.0)));
        assert!(is_suppressed(Some(1.0)) && is_suppressed(Some(4.0)));
        assert!(!is_suppressed(Some(5.0)) && !is_suppressed(None));
    }

    #[test]
    fn derived_rate_agrees_with_the_access_page() {
        let w = illustrative_city();
        let ctx = MeasureContext::new(&w);
        let rate = &derived_indicators()[0];
        let period = ctx.latest_period(rate).unwrap();
        for practice in w.practices.iter().take(5) {
            let here = ctx.observe(rate, &[practice], period).unwrap().value;
            let access =
                crate::access::area_access_rate(&w, &practice.code, period, &Default::default())
                    .unwrap()
                    .estimate
                    .value;
            assert!((here - access).abs() < 1e-9, "{here} {access}");
        }
    }

    #[test]
    fn indexing_one_measure_gives_the_figures_indexing_all_gives() {
        let w = illustrative_city();
        let all_series = MeasureContext::new(&w);
        let practices: Vec<_> = w.practices.iter().collect();
        let positions = SeriesPositions::new(&w);
        for indicator in scorecard_indicators(&w) {
            let found_again = MeasureContext::for_measure(&w, &indicator);
            let one = MeasureContext::for_measure_in(&w, &positions, &indicator);
            assert_eq!(one.indices, found_again.indices, "{}", indicator.id);
            let period = all_series.latest_period(&indicator);
            assert_eq!(one.latest_period(&indicator), period, "{}", indicator.id);
            assert_eq!(one.periods(&indicator), all_series.periods(&indicator));
            let period = period.expect("every scorecard measure has a period");
            for group in [&practices[..], &practices[3..4]] {
                assert_eq!(
                    one.observe(&indicator, group, period),
                    all_series.observe(&indicator, group, period),
                    "{}",
                    indicator.id
                );
            }
        }
    }

    #[test]
    fn periods_are_every_period_any_practice_reports_once_in_order() {
        use crate::england_sized::{synthetic_workspace, Shape};
        let shape = Shape {
            practices: 6,
            pcns: 2,
            months: 4,
            indicators: 1,
        };
        let mut w = synthetic_workspace(shape);
        // Practice 2 reports a month before the rest; practice 4 misses two months.
        let earlier = w.series[2].points[0].period.add_months(-1);
        let mut first = w.series[2].points[0];
        first.period = earlier;
        w.series[2].points.insert(0, first);
        w.series[4].points.truncate(2);
        let indicator = w.indicators[0].clone();
        let months: Vec<String> = MeasureContext::new(&w)
            .periods(&indicator)
            .iter()
            .map(|p| p.label())
            .collect();
        assert_eq!(
            months,
            ["Mar 2019", "Apr 2019", "May 2019", "Jun 2019", "Jul 2019"]
        );
    }

    #[test]
    fn derived_measures_for_the_city() {
        let w = illustrative_city();
        let ctx = MeasureContext::new(&w);
        let all: Vec<_> = w.practices.iter().collect();
        let list = scorecard_indicators(&w);
        assert_eq!(list[0].id, catalogue::APPOINTMENTS_PER_1000_WEEK);
        assert!(list.iter().all(|i| i.id != catalogue::CPCS_PARTICIPATION));
        let rate = ctx
            .latest_period(&list[0])
            .and_then(|p| ctx.observe(&list[0], &all, p))
            .unwrap();
        assert!(rate.value > 50.0 && rate.value < 150.0, "{}", rate.value);
        let share = ctx.observe(&list[1], &all, rate.period).unwrap();
        assert!(share.value > 30.0 && share.value < 90.0);
        let fte = ctx.observe(&list[2], &all, rate.period).unwrap();
        assert!(fte.value > 3.0 && fte.value < 8.0, "{}", fte.value);
        // One pass over time gives what period-by-period observation gives.
        let bowel = w.indicator(catalogue::CANCER_SCREENING_BOWEL).unwrap();
        let over_time = ctx.observe_over_time(bowel, &all);
        assert_eq!(over_time.len(), 16);
        for o in &over_time {
            assert_eq!(ctx.observe(bowel, &all, o.period).as_ref(), Some(o));
        }
    }
}
