//! A measure by deprivation: the place's practices ranked by the deprivation of the
//! people registered with them (IMD 2019 score, from the Fingertips export of indicator
//! 93553), cut into fifths, the measure pooled in each fifth with its 95% interval, and
//! the slope and relative indices of inequality across them ([`crate::stats::inequality`],
//! as PHE's `phe_sii`).

use crate::aggregate::{latest_period, point_at, series_index};
use crate::measures::estimate_for;
use crate::model::{Period, Series, Unit, Workspace};
use crate::stats::ci::Estimate;
use crate::stats::inequality::{slope_index, Inequality, QuantileFigure, REPETITIONS, SEED};
use crate::table::{Cell, Table};
use crate::words::{grouped, thousands};
use std::collections::HashMap;

/// The series id of the practices' IMD 2019 score, as the Fingertips reader names it.
pub const IMD_2019: &str = "fingertips_93553";

/// Why no measure can be shown by deprivation, when the practices have no scores.
pub const NO_DEPRIVATION: &str = "these data have no deprivation score for at least five practices: load the Fingertips data export of \"Deprivation score (IMD 2019)\" (indicator 93553) for GP practices";

/// How many groups the practices are cut into.
pub const FIFTHS: usize = 5;

/// One fifth of the practices by deprivation: 1 the most deprived.
#[derive(Debug, Clone, PartialEq)]
pub struct Fifth {
    pub number: usize,
    pub practice_codes: Vec<String>,
    /// The lowest and highest IMD score among them.
    pub scores: (f64, f64),
}

/// The practices with an IMD 2019 score, most deprived first, cut into fifths of (as
/// near as can be) equal numbers of practices; with the period of the scores. `None`
/// with fewer than five practices scored.
pub fn deprivation_fifths(workspace: &Workspace) -> Option<(Period, Vec<Fifth>)> {
    let period = latest_period(workspace, IMD_2019)?;
    let index = series_index(workspace, IMD_2019);
    let mut scored: Vec<(&str, f64)> = workspace
        .practices
        .iter()
        .filter_map(|p| {
            let point = point_at(index.get(p.code.as_str())?, period)?;
            Some((p.code.as_str(), point.value.filter(|v| v.is_finite())?))
        })
        .collect();
    if scored.len() < FIFTHS {
        return None;
    }
    // A higher score is more deprived; ties by code, so the cut does not depend on order.
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let n = scored.len();
    let fifths = (0..FIFTHS)
        .map(|k| {
            let members = &scored[k * n / FIFTHS..(k + 1) * n / FIFTHS];
            let scores = members
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &(_, s)| {
                    (lo.min(s), hi.max(s))
                });
            Fifth {
                number: k + 1,
                practice_codes: members.iter().map(|(c, _)| c.to_string()).collect(),
                scores,
            }
        })
        .collect();
    Some((period, fifths))
}

/// A measure pooled over one fifth of the practices.
#[derive(Debug, Clone, PartialEq)]
pub struct FifthFigure {
    pub fifth: Fifth,
    /// Practices of the fifth with a figure for the period.
    pub reporting: usize,
    /// Their registered patients.
    pub patients: u64,
    pub numerator: f64,
    pub denominator: f64,
    /// Value and intervals in the measure's display unit; `None` with no figures.
    pub estimate: Option<Estimate>,
}

/// A measure by deprivation fifth, with the SII and RII across the fifths.
#[derive(Debug, Clone, PartialEq)]
pub struct ByDeprivation {
    pub indicator_id: String,
    pub indicator_name: String,
    pub period: Period,
    /// The period of the IMD scores the fifths come from.
    pub deprivation_period: Period,
    pub fifths: Vec<FifthFigure>,
    /// The indices, or why they cannot be calculated.
    pub inequality: Result<Inequality, String>,
}

/// The latest period at which some practice gives `indicator_id` with its numerator and
/// denominator: the latest a fifth's figure can be pooled for (a later period given
/// only as published percentages cannot).
pub fn pooled_period(workspace: &Workspace, indicator_id: &str) -> Option<Period> {
    workspace
        .series
        .iter()
        .filter(|s| s.indicator_id == indicator_id && workspace.practice(&s.area_code).is_some())
        .flat_map(|s| s.points.iter())
        .filter(|p| p.numerator.is_some() && p.denominator.is_some())
        .map(|p| p.period)
        .max()
}

/// `indicator_id` by deprivation fifth at the latest period with counts to pool
/// ([`pooled_period`]); `Err` in words when the
/// workspace has no IMD scores for its practices, or the measure has no counts (a
/// pooled value and its interval need numerators and denominators).
pub fn by_deprivation(workspace: &Workspace, indicator_id: &str) -> Result<ByDeprivation, String> {
    let indicator = workspace
        .indicator(indicator_id)
        .ok_or_else(|| format!("there is no measure '{indicator_id}' in these data"))?;
    let (deprivation_period, fifths) =
        deprivation_fifths(workspace).ok_or_else(|| NO_DEPRIVATION.to_string())?;
    if matches!(indicator.unit, Unit::Count | Unit::Mean) {
        return Err(format!(
            "{} is a {} without a rate or share to pool: choose a measure given as a proportion or a rate",
            indicator.name,
            if indicator.unit == Unit::Count { "count" } else { "mean" }
        ));
    }
    latest_period(workspace, indicator_id)
        .ok_or_else(|| format!("{} has no figures for practices", indicator.name))?;
    let period = pooled_period(workspace, indicator_id).ok_or_else(|| {
        format!(
            "{} is given for practices only as values, without the numerators and denominators a fifth's figure is pooled from",
            indicator.name
        )
    })?;
    let index = series_index(workspace, indicator_id);
    let figures: Vec<FifthFigure> = fifths
        .into_iter()
        .map(|fifth| {
            let (mut reporting, mut patients, mut numerator, mut denominator) = (0, 0, 0.0, 0.0);
            for code in &fifth.practice_codes {
                let Some((n, d)) = counts_at(&index, code, period) else {
                    continue;
                };
                reporting += 1;
                numerator += n;
                denominator += d;
                patients += workspace.practice(code).map_or(0, |p| p.list_size);
            }
            let estimate = (reporting > 0)
                .then(|| estimate_for(indicator.unit, numerator, denominator))
                .flatten();
            FifthFigure {
                fifth,
                reporting,
                patients,
                numerator,
                denominator,
                estimate,
            }
        })
        .collect();
    let inequality = indices(&figures, &indicator.name);
    Ok(ByDeprivation {
        indicator_id: indicator.id.clone(),
        indicator_name: indicator.name.clone(),
        period,
        deprivation_period,
        fifths: figures,
        inequality,
    })
}

/// The SII and RII across the fifths, each fifth weighted by its registered patients.
fn indices(figures: &[FifthFigure], name: &str) -> Result<Inequality, String> {
    let quantiles = figures
        .iter()
        .map(|f| {
            let estimate = f
                .estimate
                .as_ref()
                .filter(|_| f.patients > 0)
                .ok_or_else(|| {
                    format!(
                    "fifth {} has no figure for {name}, so no index of inequality can be fitted",
                    f.fifth.number
                )
                })?;
            Ok((f.fifth.number as u32, f.patients as f64, *estimate))
        })
        .collect::<Result<Vec<_>, String>>()?;
    fit_indices(quantiles)
}

/// A practice's numerator and denominator at `period`, when its series gives both.
pub fn counts_at(index: &HashMap<&str, &Series>, code: &str, period: Period) -> Option<(f64, f64)> {
    let point = point_at(index.get(code)?, period)?;
    Some((point.numerator?, point.denominator?))
}

/// The SII and RII across groups given as (quantile, population, the measure's
/// estimate with its 95% interval), by PHE's simulation from the project's seed.
pub fn fit_indices(
    groups: impl IntoIterator<Item = (u32, f64, Estimate)>,
) -> Result<Inequality, String> {
    let quantiles: Vec<QuantileFigure> = groups
        .into_iter()
        .map(|(quantile, population, estimate)| QuantileFigure {
            quantile,
            population,
            value: estimate.value,
            standard_error: QuantileFigure::standard_error_of(estimate.ci_95),
        })
        .collect();
    slope_index(&quantiles, 0.95, REPETITIONS, SEED).map_err(|e| e.to_string())
}

/// The figures in a sentence, saying which way the gradient runs and whether its
/// interval excludes none; it does not claim a cause.
pub fn by_deprivation_sentence(view: &ByDeprivation, place: &str, unit: Unit) -> String {
    match &view.inequality {
        Ok(i) => format!(
            "In {place}, {} ({}) {}. This describes a gradient, not its cause.",
            view.indicator_name,
            view.period.label(),
            gradient_clause(i, unit, "the practices' population", "the five fifths"),
        ),
        Err(reason) => format!(
            "{} ({}) by deprivation fifth of practices: {reason}.",
            view.indicator_name,
            view.period.label()
        ),
    }
}

/// The gradient in words: "is 4.2 percentage points lower at the least deprived end of
/// {population} than at the most deprived, on the line fitted across {across} (slope
/// index of inequality -4.2, 95% interval …; whether the interval includes zero)".
pub fn gradient_clause(i: &Inequality, unit: Unit, population: &str, across: &str) -> String {
    let decimals = decimals_for(&[i.sii, i.sii_interval.lower, i.sii_interval.upper]);
    let points = match unit {
        Unit::Proportion => " percentage points",
        _ => "",
    };
    let (direction, size) = if i.sii < 0.0 {
        ("lower", -i.sii)
    } else {
        ("higher", i.sii)
    };
    let certain = if i.sii_interval.contains(0.0) {
        "the interval includes zero, so the gradient may be chance"
    } else {
        "the interval does not include zero"
    };
    format!(
        "is {}{points} {direction} at the least deprived end of {population} than at the most deprived, on the line fitted across {across} (slope index of inequality {}, 95% interval {} to {}; {certain})",
        grouped(size, decimals),
        grouped(i.sii, decimals),
        grouped(i.sii_interval.lower, decimals),
        grouped(i.sii_interval.upper, decimals),
    )
}

/// Decimal places for the fifths' values: enough for the largest to have two
/// significant figures.
pub fn value_decimals(view: &ByDeprivation) -> usize {
    let values: Vec<f64> = view
        .fifths
        .iter()
        .filter_map(|f| f.estimate.map(|e| e.value))
        .collect();
    decimals_for(&values)
}

/// Decimal places that give the largest of `values` at least two significant figures
/// (a gap of 0.04 percentage points is not written "0.0"), from one to four.
pub fn decimals_for(values: &[f64]) -> usize {
    let largest = values
        .iter()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, |m, v| m.max(v.abs()));
    match largest {
        l if l >= 1.0 || l == 0.0 => 1,
        l if l >= 0.1 => 2,
        l if l >= 0.01 => 3,
        _ => 4,
    }
}

/// The table: fifth, IMD score range, practices, registered patients, numerator,
/// denominator, value and its 95% interval.
pub fn by_deprivation_table(view: &ByDeprivation) -> Table {
    let mut table = Table::new(&[
        "Deprivation fifth",
        "IMD 2019 score",
        "Practices",
        "Registered patients",
        "Numerator",
        "Denominator",
        "Value",
        "Lower 95%",
        "Upper 95%",
    ]);
    let decimals = value_decimals(view);
    for f in &view.fifths {
        let (lo, hi) = f.fifth.scores;
        let value = |x: Option<f64>| match x {
            Some(v) => Cell::value(v, decimals),
            None => Cell::text("No figure"),
        };
        table.rows.push(vec![
            Cell::number(f.fifth.number as f64, fifth_label(f.fifth.number)),
            Cell::text(format!("{} to {}", grouped(lo, 1), grouped(hi, 1))),
            Cell::number(
                f.reporting as f64,
                format!("{} of {}", f.reporting, f.fifth.practice_codes.len()),
            ),
            Cell::number(f.patients as f64, thousands(f.patients)),
            Cell::value(f.numerator, 0),
            Cell::value(f.denominator, 0),
            value(f.estimate.map(|e| e.value)),
            value(f.estimate.map(|e| e.ci_95.lower)),
            value(f.estimate.map(|e| e.ci_95.upper)),
        ]);
    }
    table
}

/// "1 (most deprived)", "2", …, "5 (least deprived)".
pub fn fifth_label(number: usize) -> String {
    match number {
        1 => "1 (most deprived)".to_string(),
        FIFTHS => format!("{FIFTHS} (least deprived)"),
        n => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Domain, Indicator, Point, Polarity, Series};

    /// The demonstration city with an IMD score for every practice that falls with its
    /// position, and a proportion that rises with the score.
    fn with_scores() -> Workspace {
        let mut w = crate::default_data::illustrative_city();
        let period = Period::month(2019, 1).unwrap();
        let codes: Vec<String> = w.practices.iter().map(|p| p.code.clone()).collect();
        for (i, code) in codes.iter().enumerate() {
            w.series.push(Series {
                indicator_id: IMD_2019.into(),
                area_code: code.clone(),
                points: vec![Point {
                    period,
                    numerator: None,
                    denominator: None,
                    value: Some(60.0 - i as f64),
                }],
            });
            w.series.push(Series {
                indicator_id: "share".into(),
                area_code: code.clone(),
                points: vec![Point {
                    period,
                    numerator: Some(100.0 + 5.0 * (60.0 - i as f64)),
                    denominator: Some(1_000.0),
                    value: None,
                }],
            });
        }
        for (id, unit) in [(IMD_2019, Unit::Count), ("share", Unit::Proportion)] {
            w.indicators.push(Indicator {
                id: id.into(),
                name: id.into(),
                domain: Domain::Equity,
                unit,
                polarity: Polarity::LowIsGood,
                comparison: Default::default(),
            });
        }
        w
    }

    #[test]
    fn practices_are_cut_into_fifths_most_deprived_first() {
        let w = with_scores();
        let (_, fifths) = deprivation_fifths(&w).unwrap();
        let n = w.practices.len();
        assert_eq!(
            fifths.iter().map(|f| f.practice_codes.len()).sum::<usize>(),
            n
        );
        assert_eq!(fifths[0].practice_codes[0], w.practices[0].code);
        assert!(fifths[0].scores.0 > fifths[4].scores.1);
    }

    #[test]
    fn a_share_rising_with_deprivation_has_a_negative_slope_index() {
        let w = with_scores();
        let view = by_deprivation(&w, "share").unwrap();
        // Independently: each fifth's pooled share falls from the first to the fifth.
        let values: Vec<f64> = view
            .fifths
            .iter()
            .map(|f| f.estimate.unwrap().value)
            .collect();
        assert!(values.windows(2).all(|w| w[0] > w[1]), "{values:?}");
        let i = view.inequality.as_ref().unwrap();
        assert!(i.sii < 0.0 && i.sii_interval.upper < 0.0, "{i:?}");
        // The fitted line runs between the end fifths' values, a little beyond them.
        assert!(-i.sii > values[0] - values[4]);
        let sentence = by_deprivation_sentence(&view, "Leicester", Unit::Proportion);
        assert!(
            sentence.contains("percentage points lower at the least deprived end"),
            "{sentence}"
        );
        assert_eq!(by_deprivation_table(&view).rows.len(), 5);
    }

    #[test]
    fn without_scores_or_counts_it_says_why() {
        let w = crate::default_data::illustrative_city();
        let err = by_deprivation(&w, &w.indicators[0].id).unwrap_err();
        assert!(err.contains("no deprivation score"), "{err}");
        let w = with_scores();
        assert!(by_deprivation(&w, IMD_2019)
            .unwrap_err()
            .contains("is a count"));
    }

    #[test]
    fn small_gaps_keep_two_significant_figures() {
        assert_eq!(decimals_for(&[12.3, -4.0]), 1);
        assert_eq!(decimals_for(&[0.04, -0.12]), 2);
        assert_eq!(decimals_for(&[0.004, 0.03]), 3);
        assert_eq!(decimals_for(&[0.0004]), 4);
        assert_eq!(decimals_for(&[f64::NAN]), 1);
    }
}
