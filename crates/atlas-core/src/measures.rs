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
use crate::model::{Domain, Indicator, Period, Polarity, Practice, Series, Unit, Workspace};
use crate::stats;
use crate::stats::ci::Estimate;
use std::collections::HashMap;

/// The disclosure-control rule of the public build.
pub const SUPPRESSION_RULE: &str = "Counts from 1 to 4, and any figure derived from them, are \
suppressed: the numerator of a proportion or rate between 1 and 4 hides the value, its \
intervals and its comparison.";

/// True when a numerator must be suppressed: 1 ≤ numerator ≤ 4 ([`SUPPRESSION_RULE`]).
pub fn is_suppressed(numerator: Option<f64>) -> bool {
    numerator.is_some_and(|n| (1.0..=4.0).contains(&n))
}

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

/// The derived measures' metadata.
pub fn derived_indicators() -> Vec<Indicator> {
    vec![
        Indicator {
            id: catalogue::APPOINTMENTS_PER_1000_WEEK.to_string(),
            name: "Appointments per 1,000 patients per week".to_string(),
            domain: Domain::Access,
            unit: Unit::Rate { per: 1000.0 },
            polarity: Polarity::HighIsGood,
        },
        Indicator {
            id: catalogue::FACE_TO_FACE_SHARE.to_string(),
            name: "Appointments face to face (% of all modes)".to_string(),
            domain: Domain::Access,
            unit: Unit::Proportion,
            polarity: Polarity::HighIsGood,
        },
        Indicator {
            id: catalogue::GP_FTE_PER_10000.to_string(),
            name: "GPs in post (FTE) per 10,000 patients".to_string(),
            domain: Domain::Workforce,
            unit: Unit::Mean,
            polarity: Polarity::HighIsGood,
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
            .filter(|i| matches!(i.unit, Unit::Proportion | Unit::Rate { .. } | Unit::Ratio))
            .filter(|i| i.id != catalogue::CPCS_PARTICIPATION)
            .cloned(),
    );
    list
}

/// The series indices a set of measures needs, built once (one pass per indicator).
pub struct MeasureContext<'a> {
    indices: HashMap<String, HashMap<&'a str, &'a Series>>,
}

impl<'a> MeasureContext<'a> {
    /// Indexes every series of the workspace by indicator and area, in one pass.
    pub fn new(workspace: &'a Workspace) -> MeasureContext<'a> {
        let mut indices: HashMap<String, HashMap<&'a str, &'a Series>> = HashMap::new();
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
            .map(|id| (id.to_string(), series_index(workspace, id)))
            .collect();
        MeasureContext { indices }
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
    /// the point's denominator when it carries one; else each practice's `list_size`
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
                    .filter(|_| catalogue::APPOINTMENT_MODES.contains(&id));
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
        self.indices
            .get(Self::source(indicator))?
            .values()
            .filter_map(|s| s.points.iter().map(|p| p.period).max())
            .max()
    }

    /// Every period any practice reports the measure for, in order.
    pub fn periods(&self, indicator: &Indicator) -> Vec<Period> {
        let set: std::collections::HashSet<Period> = self
            .indices
            .get(Self::source(indicator))
            .map(|index| {
                index
                    .values()
                    .flat_map(|s| s.points.iter().map(|p| p.period))
                    .collect()
            })
            .unwrap_or_default();
        let mut periods: Vec<Period> = set.into_iter().collect();
        periods.sort();
        periods
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
        let mut sums: HashMap<Period, (f64, f64)> = HashMap::new();
        for practice in practices {
            let Some(series) = index.get(practice.code.as_str()) else {
                continue;
            };
            for point in &series.points {
                if let Some(n) = point.numerator.or(point.value) {
                    let entry = sums.entry(point.period).or_insert((0.0, 0.0));
                    entry.0 += n;
                    entry.1 += point.denominator.unwrap_or(0.0);
                }
            }
        }
        let mut periods: Vec<Period> = sums.keys().copied().collect();
        periods.sort();
        periods
            .into_iter()
            .filter_map(|period| {
                let (n, d) = sums[&period];
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
                let (n, d, _) = self.sum(id, practices, period)?;
                (Some(n), (d > 0.0).then_some(d))
            }
        };
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
    use crate::default_data::leicester_city;

    #[test]
    fn suppression_covers_one_to_four() {
        assert!(!is_suppressed(Some(0.0)));
        assert!(is_suppressed(Some(1.0)) && is_suppressed(Some(4.0)));
        assert!(!is_suppressed(Some(5.0)) && !is_suppressed(None));
    }

    #[test]
    fn derived_rate_agrees_with_the_access_page() {
        let w = leicester_city();
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
    fn derived_measures_for_the_city() {
        let w = leicester_city();
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
