//! Rolling practice series up to PCNs, neighbourhoods and the whole place.
//!
//! The rule is one sum: for each period, numerators add up and denominators add up
//! over the member practices that report that period, and the aggregate's value is
//! derived from the sums by the indicator's unit. Series that carry only a value (GP
//! FTE) add their values: full-time equivalents add up. A figure the workspace holds
//! for the area itself (a PCN's, or the place's own under its sub-ICB code) is used
//! for its periods, and the sum of practices for the others ([`Basis`]).

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

/// The practices whose figures add up to an area's for past periods: [`practices_for`]
/// and the former practices of the place (or of the PCN they were last in). A closed
/// practice has no figures after it closed, so each period counts the practices open
/// then.
pub fn practices_reporting_for<'a>(workspace: &'a Workspace, area_code: &str) -> Vec<&'a Practice> {
    let mut practices = practices_for(workspace, area_code);
    let former = workspace.former_practices.iter().map(|f| &f.practice);
    if area_code == CITY_CODE {
        practices.extend(former);
    } else if workspace.pcn(area_code).is_some() {
        practices.extend(former.filter(|p| p.pcn_code == area_code));
    }
    practices
}

/// True when no practice names its neighbourhood, so that every neighbourhood is a PCN
/// ([`neighbourhood_of`]'s fallback).
pub fn neighbourhoods_are_pcns(workspace: &Workspace) -> bool {
    workspace.practices.iter().all(|p| {
        p.neighbourhood
            .as_deref()
            .is_none_or(|n| n.trim().is_empty())
    })
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
    // Most pages ask for the latest period: one point read, not a search through them
    // (an England-sized scorecard asks 195,000 times).
    if let Some(last) = series.points.last().filter(|p| p.period == period) {
        return Some(last);
    }
    match series.points.binary_search_by(|p| p.period.cmp(&period)) {
        Ok(i) => series.points.get(i),
        Err(_) => series.points.iter().rev().find(|p| p.period == period),
    }
}

/// A point's value: the stated value when given; otherwise derived from numerator and
/// denominator by the unit — proportion, ratio and mean n/d, rate n/d × per, count n.
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

/// Where an area's figure for a period comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// Published for the area as a whole (a sub-ICB's regional appointments file, a
    /// PCN's workforce).
    Published,
    /// The sum over the area's practices (or, for a practice, its own figure).
    SumOfPractices,
}

/// The code under which the workspace holds an area's own figures: the place's
/// sub-ICB code ([`Workspace::place_code`]) for [`CITY_CODE`], the code itself for
/// any other area. `None` when the place has no code.
pub fn own_code<'a>(workspace: &'a Workspace, area_code: &'a str) -> Option<&'a str> {
    if area_code == CITY_CODE {
        workspace.place_code.as_deref()
    } else {
        Some(area_code)
    }
}

/// One indicator's series for an area: for each period, the area's own figure when
/// the workspace has one ([`own_code`]), otherwise the sum over the area's practices
/// ([`practices_for`], [`sum_points`]). `None` when neither has any point.
pub fn area_series(workspace: &Workspace, indicator_id: &str, area_code: &str) -> Option<Series> {
    area_series_with_basis(workspace, indicator_id, area_code).map(|(series, _)| series)
}

/// [`area_series`] with the [`Basis`] of each of its points, in the same order.
pub fn area_series_with_basis(
    workspace: &Workspace,
    indicator_id: &str,
    area_code: &str,
) -> Option<(Series, Vec<Basis>)> {
    let own = own_code(workspace, area_code).and_then(|c| workspace.series_for(indicator_id, c));
    // A practice's own series is the practice's figure: nothing to add it up from.
    let is_practice = workspace.practice(area_code).is_some();
    let own_basis = if is_practice {
        Basis::SumOfPractices
    } else {
        Basis::Published
    };
    let mut points: Vec<(Point, Basis)> = own
        .map(|s| s.points.iter().map(|p| (*p, own_basis)).collect())
        .unwrap_or_default();
    if !is_practice {
        let index = series_index(workspace, indicator_id);
        let summed =
            sum_over(&index, &practices_reporting_for(workspace, area_code)).unwrap_or_default();
        for point in summed {
            if !points.iter().any(|(p, _)| p.period == point.period) {
                points.push((point, Basis::SumOfPractices));
            }
        }
    }
    if points.is_empty() {
        return None;
    }
    points.sort_by_key(|(p, _)| p.period);
    let (points, bases) = points.into_iter().unzip();
    Some((
        Series {
            indicator_id: indicator_id.to_string(),
            area_code: area_code.to_string(),
            points,
        },
        bases,
    ))
}

/// Where an area's figures over time come from, in words, or `None` when every figure
/// is the sum of its practices (or the area is one practice): "Published for Leicester
/// City as a whole, Mar 2019 – Aug 2021; the sum of its practices' figures, Mar 2023 –
/// May 2026."
pub fn basis_note(
    workspace: &Workspace,
    area_code: &str,
    bases: &[(Period, Basis)],
) -> Option<String> {
    let published = bases.iter().any(|(_, b)| *b == Basis::Published);
    if workspace.practice(area_code).is_some() || !published {
        return None;
    }
    let whole = if area_code == CITY_CODE {
        workspace.place.clone()
    } else {
        workspace
            .pcn(area_code)
            .map(|p| crate::words::display_name(&p.name))
            .unwrap_or_else(|| area_code.to_string())
    };
    // Consecutive runs of one basis, as "first – last".
    let mut runs: Vec<(Basis, Period, Period)> = Vec::new();
    for &(period, basis) in bases {
        match runs.last_mut() {
            Some((b, _, last)) if *b == basis => *last = period,
            _ => runs.push((basis, period, period)),
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|(basis, first, last)| {
            let span = if first == last {
                first.label()
            } else {
                format!("{} – {}", first.label(), last.label())
            };
            match basis {
                Basis::Published => format!("published for {whole} as a whole, {span}"),
                Basis::SumOfPractices => format!("the sum of its practices' figures, {span}"),
            }
        })
        .collect();
    Some(format!("{}.", crate::words::first_upper(&parts.join("; "))))
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
/// for that period when the workspace has one, else the count a file gives for the
/// period's first month ([`Practice::list_size_in`]), otherwise the practice's latest
/// `list_size`.
pub fn practice_list_size(workspace: &Workspace, practice: &Practice, period: Period) -> f64 {
    workspace
        .series_for(catalogue::LIST_SIZE, &practice.code)
        .and_then(|s| point_at(s, period))
        .and_then(|p| p.value.or(p.numerator))
        .filter(|v| v.is_finite() && *v > 0.0)
        .or_else(|| {
            practice
                .list_size_in(period)
                .filter(|&n| n > 0)
                .map(|n| n as f64)
        })
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

/// An area's appointments (the modes in `indices`) at `period`, the list they were
/// counted against, and where they come from: the area's own published figures when
/// the workspace has any for that period ([`own_code`]; the list is then the area's
/// own list-size figure, or the sum of its practices' lists), otherwise
/// [`appointments_and_list`] over its practices. A practice is always its own sum.
pub fn area_appointments_and_list(
    workspace: &Workspace,
    indices: &[HashMap<&str, &Series>],
    area_code: &str,
    period: Period,
) -> Option<(f64, f64, Basis)> {
    let practices = practices_for(workspace, area_code);
    let own = own_code(workspace, area_code).filter(|c| workspace.practice(c).is_none());
    if let Some(own) = own {
        let counts: Vec<f64> = indices
            .iter()
            .filter_map(|index| index.get(own))
            .filter_map(|s| point_at(s, period))
            .filter_map(|p| p.numerator.or(p.value))
            .collect();
        if !counts.is_empty() {
            // The patients at the practices the figures cover (the coverage file), as
            // NHS England counts an area's rate; else the area's own list size.
            let list = [
                catalogue::APPOINTMENTS_COVERAGE_PATIENTS,
                catalogue::LIST_SIZE,
            ]
            .iter()
            .find_map(|id| {
                workspace
                    .series_for(id, own)
                    .and_then(|s| point_at(s, period))
                    .and_then(|p| p.value.or(p.numerator))
                    .filter(|v| v.is_finite() && *v > 0.0)
            })
            .unwrap_or_else(|| {
                practices
                    .iter()
                    .map(|p| practice_list_size(workspace, p, period))
                    .sum()
            });
            return Some((counts.iter().sum(), list, Basis::Published));
        }
    }
    appointments_and_list(workspace, indices, &practices, period)
        .map(|(a, l)| (a, l, Basis::SumOfPractices))
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
    use crate::default_data::illustrative_city;

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
        let w = illustrative_city();
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

    #[test]
    fn the_place_own_figure_wins_in_its_months_and_practices_fill_the_rest() {
        let mut w = illustrative_city();
        let march_2022 = Period::parse("2022-03").unwrap();
        let before = Period::parse("2019-03").unwrap();
        // The place's own face-to-face count for a month the practices lack, and for
        // one they have.
        w.series.push(Series {
            indicator_id: catalogue::APPOINTMENTS_FACE_TO_FACE.into(),
            area_code: "04C".into(),
            points: vec![
                point(before, Some(100_000.0), None, None),
                point(march_2022, Some(7.0), None, None),
            ],
        });
        let indices = mode_indices(&w);
        let (count, list, basis) =
            area_appointments_and_list(&w, &indices[..1], CITY_CODE, march_2022).unwrap();
        assert_eq!((count, basis), (7.0, Basis::Published));
        let lists: f64 = w
            .practices
            .iter()
            .map(|p| practice_list_size(&w, p, march_2022))
            .sum();
        assert_eq!(list, lists);
        // A PCN has no figure of its own: its practices add up.
        let pcn = w.pcns[0].code.clone();
        let (_, _, basis) = area_appointments_and_list(&w, &indices, &pcn, march_2022).unwrap();
        assert_eq!(basis, Basis::SumOfPractices);

        let (series, bases) =
            area_series_with_basis(&w, catalogue::APPOINTMENTS_FACE_TO_FACE, CITY_CODE).unwrap();
        assert_eq!(series.points[0].period, before);
        assert_eq!(bases[0], Basis::Published);
        assert!(bases[1..].contains(&Basis::SumOfPractices));
        let at: Vec<(Period, Basis)> = series.points.iter().map(|p| p.period).zip(bases).collect();
        let note = basis_note(&w, CITY_CODE, &at).unwrap();
        assert!(note.starts_with("Published for Leicester City as a whole, Mar 2019; the sum of its practices' figures, "), "{note}");
        assert!(note.contains("Mar 2022; the sum"), "{note}");
        // All sums, or a practice: nothing to say.
        let practice = w.practices[0].code.clone();
        assert_eq!(basis_note(&w, &practice, &at), None);
        let sums: Vec<(Period, Basis)> = at
            .iter()
            .map(|(p, _)| (*p, Basis::SumOfPractices))
            .collect();
        assert_eq!(basis_note(&w, CITY_CODE, &sums), None);
    }

    #[test]
    fn a_practice_list_size_is_the_one_of_its_period_when_a_file_gives_it() {
        use crate::model::{Date, ListSizeAt};
        let mut w = illustrative_city();
        w.series.retain(|s| s.indicator_id != catalogue::LIST_SIZE);
        let practice = &mut w.practices[0];
        practice.list_size = 9_000;
        practice.list_sizes = vec![
            ListSizeAt {
                date: Date::new(2021, 1, 1).unwrap(),
                patients: 8_000,
            },
            ListSizeAt {
                date: Date::new(2023, 4, 1).unwrap(),
                patients: 8_500,
            },
        ];
        let practice = w.practices[0].clone();
        let at = |text: &str| practice_list_size(&w, &practice, Period::parse(text).unwrap());
        assert_eq!(at("2021-01"), 8_000.0);
        // A quarter and a financial year take their first month's count.
        assert_eq!(at("2021-Q1"), 8_000.0);
        assert_eq!(at("2023/24"), 8_500.0);
        // A month with no count of its own takes the latest list, not a neighbour's.
        assert_eq!(at("2022-06"), 9_000.0);
    }
}
