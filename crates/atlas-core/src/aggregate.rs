//! Rolling practice series up to PCNs, neighbourhoods and the whole place.
//!
//! The rule is one sum: for each period, numerators add up and denominators add up
//! over the member practices that report that period, and the aggregate's value is
//! derived from the sums by the indicator's unit. Series that carry only a value (GP
//! FTE) add their values: full-time equivalents add up. A series the workspace holds
//! for the area itself (an uploaded PCN figure) is used as it is.

use crate::catalogue;
use crate::model::{Indicator, Period, Point, Practice, Series, Unit, Workspace};
use std::collections::HashMap;

/// The area code that stands for the whole place (all practices of the workspace).
pub const CITY_CODE: &str = "CITY";

/// England's ONS code: a series with this area code gives England's values (a canonical
/// indicators file or a Fingertips export can carry them).
pub const ENGLAND_CODE: &str = "E92000001";

/// The practices an area covers: one practice, a PCN's members, a neighbourhood's
/// members (by [`neighbourhood_of`]), or every practice for [`CITY_CODE`]. Unknown
/// codes cover none.
pub fn practices_for<'a>(workspace: &'a Workspace, area_code: &str) -> Vec<&'a Practice> {
    if area_code == CITY_CODE {
        return workspace.practices.iter().collect();
    }
    if let Some(practice) = workspace.practice(area_code) {
        return vec![practice];
    }
    if workspace.pcn(area_code).is_some() {
        return workspace
            .practices
            .iter()
            .filter(|p| p.pcn_code == area_code)
            .collect();
    }
    let mut members = Vec::new();
    for practice in &workspace.practices {
        if neighbourhood_of(workspace, practice) == area_code {
            members.push(practice);
        }
    }
    members
}

/// A practice's neighbourhood: its `neighbourhood` when given, otherwise its PCN's name
/// (the PCN stands in for the neighbourhood).
pub fn neighbourhood_of(workspace: &Workspace, practice: &Practice) -> String {
    match &practice.neighbourhood {
        Some(name) if !name.trim().is_empty() => name.trim().to_string(),
        _ => workspace
            .pcn(&practice.pcn_code)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| practice.pcn_code.clone()),
    }
}

/// The series of one indicator, indexed by area code: one pass over the workspace,
/// so that looking up thousands of practices stays linear.
pub fn series_index<'a>(
    workspace: &'a Workspace,
    indicator_id: &str,
) -> HashMap<&'a str, &'a Series> {
    workspace
        .series
        .iter()
        .filter(|s| s.indicator_id == indicator_id)
        .map(|s| (s.area_code.as_str(), s))
        .collect()
}

/// The point of a series at `period`, if it has one.
///
/// Series are kept in period order, so a binary search finds it; a series that is not
/// in order falls back to a scan.
pub fn point_at(series: &Series, period: Period) -> Option<&Point> {
    match series.points.binary_search_by(|p| p.period.cmp(&period)) {
        Ok(i) => series.points.get(i),
        Err(_) => series.points.iter().rev().find(|p| p.period == period),
    }
}

/// A point's value: the stated value when given; otherwise derived from numerator and
/// denominator by the unit — proportion and ratio n/d, rate n/d × per, count n. A mean
/// has no value without a stated one.
pub fn point_value(point: &Point, unit: Unit) -> Option<f64> {
    if let Some(v) = point.value {
        return v.is_finite().then_some(v);
    }
    let n = point.numerator?;
    let value = match unit {
        Unit::Count => n,
        Unit::Proportion | Unit::Ratio => n / point.denominator.filter(|d| *d > 0.0)?,
        Unit::Rate { per } => n / point.denominator.filter(|d| *d > 0.0)? * per,
        // A mean is a total over a count (payments over patients); without a count the
        // numerator alone means nothing.
        Unit::Mean => n / point.denominator.filter(|d| *d > 0.0)?,
    };
    value.is_finite().then_some(value)
}

/// Sums points of one period: numerators and denominators add when every point has
/// them; values add when the points carry values only (FTE). `None` for no points.
pub fn sum_points(period: Period, points: &[&Point]) -> Option<Point> {
    if points.is_empty() {
        return None;
    }
    let all = |f: fn(&Point) -> Option<f64>| -> Option<f64> {
        points.iter().map(|p| f(p)).sum::<Option<f64>>()
    };
    let numerator = all(|p| p.numerator);
    let denominator = all(|p| p.denominator);
    let value = if numerator.is_none() {
        all(|p| p.value)
    } else {
        None
    };
    Some(Point {
        period,
        numerator,
        denominator,
        value,
    })
}

/// One indicator's series for an area: the workspace's own series for that code when
/// it has one, otherwise the per-period sum over the area's practices
/// ([`practices_for`], [`sum_points`]). `None` when no practice reports it.
pub fn area_series(workspace: &Workspace, indicator_id: &str, area_code: &str) -> Option<Series> {
    if let Some(own) = workspace.series_for(indicator_id, area_code) {
        return Some(own.clone());
    }
    let index = series_index(workspace, indicator_id);
    let practices = practices_for(workspace, area_code);
    let points = sum_over(&index, &practices)?;
    Some(Series {
        indicator_id: indicator_id.to_string(),
        area_code: area_code.to_string(),
        points,
    })
}

/// The per-period sums of the practices' series in `index`, in period order.
pub fn sum_over(index: &HashMap<&str, &Series>, practices: &[&Practice]) -> Option<Vec<Point>> {
    let mut by_period: HashMap<Period, Vec<&Point>> = HashMap::new();
    for practice in practices {
        if let Some(series) = index.get(practice.code.as_str()) {
            for point in &series.points {
                by_period.entry(point.period).or_default().push(point);
            }
        }
    }
    if by_period.is_empty() {
        return None;
    }
    let mut periods: Vec<Period> = by_period.keys().copied().collect();
    periods.sort();
    Some(
        periods
            .into_iter()
            .filter_map(|period| sum_points(period, &by_period[&period]))
            .collect(),
    )
}

/// An area's values of one indicator over time, `(period, value)` by [`point_value`].
pub fn area_values(
    workspace: &Workspace,
    indicator: &Indicator,
    area_code: &str,
) -> Vec<(Period, f64)> {
    area_series(workspace, &indicator.id, area_code)
        .map(|s| {
            s.points
                .iter()
                .filter_map(|p| point_value(p, indicator.unit).map(|v| (p.period, v)))
                .collect()
        })
        .unwrap_or_default()
}

/// The latest period any series of the indicator reports.
pub fn latest_period(workspace: &Workspace, indicator_id: &str) -> Option<Period> {
    workspace
        .series
        .iter()
        .filter(|s| s.indicator_id == indicator_id)
        .filter_map(|s| s.points.iter().map(|p| p.period).max())
        .max()
}

/// Every period any series of the indicator reports, in order.
pub fn periods_of(workspace: &Workspace, indicator_id: &str) -> Vec<Period> {
    let mut periods: Vec<Period> = workspace
        .series
        .iter()
        .filter(|s| s.indicator_id == indicator_id)
        .flat_map(|s| s.points.iter().map(|p| p.period))
        .collect();
    periods.sort();
    periods.dedup();
    periods
}

/// A practice's list size at `period`: the `list_size` series' value (or numerator)
/// for that period when the workspace has one, otherwise the practice's `list_size`.
pub fn practice_list_size(workspace: &Workspace, practice: &Practice, period: Period) -> f64 {
    workspace
        .series_for(catalogue::LIST_SIZE, &practice.code)
        .and_then(|s| point_at(s, period))
        .and_then(|p| p.value.or(p.numerator))
        .filter(|v| v.is_finite() && *v > 0.0)
        .unwrap_or(practice.list_size as f64)
}

/// Total appointments (all four modes) for the practices at `period`, and the list
/// size of the practices that reported any mode: a point's denominator when the
/// appointment series carries one (the registered list it was counted against), else
/// [`practice_list_size`]. Practices with no appointment data are left out, list and
/// all. `None` when no practice reported.
pub fn appointments_and_list(
    workspace: &Workspace,
    indices: &[HashMap<&str, &Series>],
    practices: &[&Practice],
    period: Period,
) -> Option<(f64, f64)> {
    let mut appointments = 0.0;
    let mut list = 0.0;
    let mut any = false;
    for practice in practices {
        let points: Vec<&Point> = indices
            .iter()
            .filter_map(|index| index.get(practice.code.as_str()))
            .filter_map(|s| point_at(s, period))
            .collect();
        let counts: Vec<f64> = points
            .iter()
            .filter_map(|p| p.numerator.or(p.value))
            .collect();
        if counts.is_empty() {
            continue;
        }
        any = true;
        appointments += counts.iter().sum::<f64>();
        list += points
            .iter()
            .find_map(|p| p.denominator.filter(|d| *d > 0.0 && d.is_finite()))
            .unwrap_or_else(|| practice_list_size(workspace, practice, period));
    }
    any.then_some((appointments, list))
}

/// The four appointment-mode indices ([`catalogue::APPOINTMENT_MODES`]).
pub fn mode_indices(workspace: &Workspace) -> Vec<HashMap<&str, &Series>> {
    catalogue::APPOINTMENT_MODES
        .iter()
        .map(|id| series_index(workspace, id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_data::leicester_city;

    fn point(period: Period, n: Option<f64>, d: Option<f64>, v: Option<f64>) -> Point {
        Point {
            period,
            numerator: n,
            denominator: d,
            value: v,
        }
    }

    #[test]
    fn sums_numerators_denominators_and_values() {
        let p = Period::parse("2022-03").unwrap();
        let a = point(p, Some(3.0), Some(10.0), None);
        let b = point(p, Some(5.0), Some(30.0), None);
        let sum = sum_points(p, &[&a, &b]).unwrap();
        // (3 + 5) / (10 + 30) = 0.2
        assert_eq!(point_value(&sum, Unit::Proportion), Some(0.2));
        let f1 = point(p, None, None, Some(2.5));
        let f2 = point(p, None, None, Some(1.25));
        assert_eq!(sum_points(p, &[&f1, &f2]).unwrap().value, Some(3.75));
    }

    #[test]
    fn a_summed_mean_is_total_over_count() {
        let p = Period::parse("2022-03").unwrap();
        // Payments per patient: £1,000 over 10 patients and £3,000 over 30.
        let a = point(p, Some(1000.0), Some(10.0), Some(100.0));
        let b = point(p, Some(3000.0), Some(30.0), Some(100.0));
        let sum = sum_points(p, &[&a, &b]).unwrap();
        assert_eq!(point_value(&sum, Unit::Mean), Some(100.0));
        let c = point(p, Some(500.0), Some(40.0), None);
        let sum = sum_points(p, &[&a, &c]).unwrap();
        assert_eq!(point_value(&sum, Unit::Mean), Some(30.0));
        // A total with no count is no mean.
        assert_eq!(
            point_value(&point(p, Some(5.0), None, None), Unit::Mean),
            None
        );
    }

    #[test]
    fn city_and_pcn_add_up_to_their_practices() {
        let w = leicester_city();
        let pcn = &w.pcns[0].code;
        let month = Period::parse("2022-03").unwrap();
        let pcn_series = area_series(&w, catalogue::APPOINTMENTS_GP, pcn).unwrap();
        let by_hand: f64 = w
            .practices_in(pcn)
            .filter_map(|p| w.series_for(catalogue::APPOINTMENTS_GP, &p.code))
            .filter_map(|s| point_at(s, month))
            .filter_map(|p| p.numerator)
            .sum();
        assert_eq!(
            point_at(&pcn_series, month).unwrap().numerator,
            Some(by_hand)
        );
        let city = area_series(&w, catalogue::GP_FTE, CITY_CODE).unwrap();
        assert_eq!(city.points.len(), 48);
        assert_eq!(practices_for(&w, CITY_CODE).len(), 55);
        assert_eq!(
            latest_period(&w, catalogue::GP_FTE),
            Period::parse("2023-03").ok()
        );
    }
}
