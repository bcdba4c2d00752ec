//! The gap between PCNs by deprivation: the place's PCNs ranked by the deprivation of
//! the people registered with them (each PCN's IMD 2019 score, its practices' scores
//! weighted by their registered patients), a measure pooled over each PCN, and the slope
//! and relative indices of inequality across the PCNs ([`crate::stats::inequality`], each
//! PCN a quantile weighted by its registered patients, the most deprived first).
//!
//! The Equity page sets this beside each PCN's gap to the best PCN: whether the gaps
//! between PCNs follow the deprivation of their populations.

use crate::aggregate::{latest_period, point_at, series_index};
use crate::inequalities::{counts_at, fit_indices, gradient_clause, pooled_period, IMD_2019};
use crate::measures::estimate_for;
use crate::model::{Period, Practice, Unit, Workspace};
use crate::stats::ci::Estimate;
use crate::stats::inequality::Inequality;
use crate::table::Cell;

/// The fewest PCNs an index of inequality is fitted across, as for quantiles in
/// `phe_sii`.
pub const FEWEST_PCNS: usize = 5;

/// Why there is no gradient between PCNs, when the practices have no scores.
pub const NO_PCN_DEPRIVATION: &str = "these data have no deprivation score for the practices: load the Fingertips data export of \"Deprivation score (IMD 2019)\" (indicator 93553) for GP practices";

/// One PCN's place in the ranking and its figure.
#[derive(Debug, Clone, PartialEq)]
pub struct PcnByDeprivation {
    pub pcn_code: String,
    /// The registered-patient-weighted mean of its practices' IMD 2019 scores.
    pub score: f64,
    /// 1 for the most deprived PCN.
    pub rank: usize,
    /// Registered patients of its practices with a score.
    pub patients: u64,
    /// The measure pooled over its practices, with its 95% interval.
    pub estimate: Estimate,
}

/// A measure across the place's PCNs ranked by deprivation, with the SII and RII.
#[derive(Debug, Clone, PartialEq)]
pub struct PcnGradient {
    pub indicator_name: String,
    pub unit: Unit,
    pub period: Period,
    /// The period of the IMD scores.
    pub deprivation_period: Period,
    /// The PCNs with a score and a figure, most deprived first.
    pub pcns: Vec<PcnByDeprivation>,
    /// The indices, or why they cannot be fitted.
    pub inequality: Result<Inequality, String>,
}

/// A PCN's deprivation score.
#[derive(Debug, Clone, PartialEq)]
pub struct PcnScore {
    pub pcn_code: String,
    /// Its practices' IMD 2019 scores weighted by their registered patients.
    pub score: f64,
    /// The registered patients of its practices with a score.
    pub patients: u64,
}

/// Each PCN's deprivation score, with the period of the scores: its practices' scores
/// weighted by their registered patients (practices without a score or a list left
/// out); PCNs with none left out. `None` when the data have no scores.
pub fn pcn_scores(workspace: &Workspace) -> Option<(Period, Vec<PcnScore>)> {
    let period = latest_period(workspace, IMD_2019)?;
    let index = series_index(workspace, IMD_2019);
    let score_of = |p: &Practice| {
        let point = point_at(index.get(p.code.as_str())?, period)?;
        point.value.filter(|v| v.is_finite())
    };
    let scores = workspace
        .pcns
        .iter()
        .filter_map(|pcn| {
            let (mut weighted, mut patients) = (0.0, 0u64);
            for practice in workspace.practices_in(&pcn.code) {
                if let Some(score) = score_of(practice).filter(|_| practice.list_size > 0) {
                    weighted += score * practice.list_size as f64;
                    patients += practice.list_size;
                }
            }
            (patients > 0).then(|| PcnScore {
                pcn_code: pcn.code.clone(),
                score: weighted / patients as f64,
                patients,
            })
        })
        .collect();
    Some((period, scores))
}

/// `indicator_id` across the PCNs ranked by deprivation, pooled at its latest period
/// with numerators and denominators; `Err` in words when the data cannot say.
pub fn by_pcn_deprivation(
    workspace: &Workspace,
    indicator_id: &str,
) -> Result<PcnGradient, String> {
    let indicator = workspace
        .indicator(indicator_id)
        .ok_or_else(|| format!("there is no measure '{indicator_id}' in these data"))?;
    let (deprivation_period, scores) =
        pcn_scores(workspace).ok_or_else(|| NO_PCN_DEPRIVATION.to_string())?;
    let period = pooled_period(workspace, indicator_id).ok_or_else(|| {
        format!(
            "{} is not given with the numerators and denominators a PCN's figure is pooled from",
            indicator.name
        )
    })?;
    let index = series_index(workspace, indicator_id);
    let mut pcns: Vec<PcnByDeprivation> = scores
        .into_iter()
        .filter_map(
            |PcnScore {
                 pcn_code,
                 score,
                 patients,
             }| {
                let (n, d) = workspace
                    .practices_in(&pcn_code)
                    .filter_map(|p| counts_at(&index, &p.code, period))
                    .fold((0.0, 0.0), |(n, d), (pn, pd)| (n + pn, d + pd));
                let estimate = estimate_for(indicator.unit, n, (d > 0.0).then_some(d)?)?;
                Some(PcnByDeprivation {
                    pcn_code,
                    score,
                    rank: 0,
                    patients,
                    estimate,
                })
            },
        )
        .collect();
    // A higher score is more deprived; ties by code, so the order does not depend on
    // the workspace's.
    pcns.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.pcn_code.cmp(&b.pcn_code))
    });
    for (k, pcn) in pcns.iter_mut().enumerate() {
        pcn.rank = k + 1;
    }
    let inequality = if pcns.len() < FEWEST_PCNS {
        Err(format!(
            "only {} PCNs have both a deprivation score and a figure; an index of inequality needs at least {FEWEST_PCNS}",
            pcns.len()
        ))
    } else {
        fit_indices(
            pcns.iter()
                .map(|p| (p.rank as u32, p.patients as f64, p.estimate)),
        )
    };
    Ok(PcnGradient {
        indicator_name: indicator.name.clone(),
        unit: indicator.unit,
        period,
        deprivation_period,
        pcns,
        inequality,
    })
}

/// A PCN's deprivation score and rank as table cells (empty when it has none), for the
/// columns [`DEPRIVATION_COLUMNS`] beside its other figures.
pub fn deprivation_cells(gradient: &PcnGradient, pcn_code: &str) -> [Cell; 2] {
    match gradient.pcns.iter().find(|p| p.pcn_code == pcn_code) {
        Some(p) => [
            Cell::value(p.score, 1),
            Cell::number(p.rank as f64, p.rank.to_string()),
        ],
        None => [Cell::text(""), Cell::text("")],
    }
}

/// The headings of [`deprivation_cells`].
pub const DEPRIVATION_COLUMNS: [&str; 2] = [
    "Deprivation (IMD 2019 score)",
    "Deprivation rank (1 most deprived)",
];

/// The gradient between PCNs in a sentence; it does not claim a cause.
pub fn by_pcn_deprivation_sentence(gradient: &PcnGradient, place: &str) -> String {
    let n = gradient.pcns.len();
    match &gradient.inequality {
        Ok(i) => format!(
            "Across the {n} PCNs of {place} ranked by the deprivation of their registered patients (IMD 2019), {} ({}) {}. This describes a gradient between PCNs, not its cause.",
            gradient.indicator_name,
            gradient.period.label(),
            gradient_clause(i, gradient.unit, "the PCNs' population", "the PCNs"),
        ),
        Err(reason) => format!(
            "{} ({}) by the deprivation of each PCN's patients: {reason}.",
            gradient.indicator_name,
            gradient.period.label()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Domain, Indicator, Point, Polarity, Series};

    /// The demonstration city's PCNs, every practice of the k-th PCN scored 60 − k (so
    /// the first is the most deprived), and a share whose PCN value is exactly
    /// `40 + 20 b` for the PCN's cumulative population midpoint `b`: a gradient of 20
    /// percentage points from the most deprived end to the least.
    fn linear_in_deprivation() -> (Workspace, Vec<f64>) {
        let mut w = crate::default_data::illustrative_city();
        let period = Period::month(2024, 3).unwrap();
        w.series.retain(|s| s.indicator_id != IMD_2019);
        let patients: Vec<u64> = w
            .pcns
            .iter()
            .map(|pcn| w.practices_in(&pcn.code).map(|p| p.list_size).sum())
            .collect();
        let total: u64 = patients.iter().sum();
        let mut cumulative = 0.0;
        let mut values = Vec::new();
        for &p in &patients {
            let a = p as f64 / total as f64;
            cumulative += a;
            values.push(40.0 + 20.0 * (cumulative - a / 2.0));
        }
        let mut series = Vec::new();
        for (k, pcn) in w.pcns.iter().enumerate() {
            for practice in w.practices_in(&pcn.code) {
                let point = |numerator, value| Point {
                    period,
                    numerator,
                    denominator: numerator.map(|_| 1_000.0),
                    value,
                };
                series.push(Series {
                    indicator_id: IMD_2019.into(),
                    area_code: practice.code.clone(),
                    points: vec![point(None, Some(60.0 - k as f64))],
                });
                series.push(Series {
                    indicator_id: "share".into(),
                    area_code: practice.code.clone(),
                    points: vec![point(Some(10.0 * values[k]), None)],
                });
            }
        }
        w.series.extend(series);
        for (id, unit) in [(IMD_2019, Unit::Mean), ("share", Unit::Proportion)] {
            w.indicators.push(Indicator {
                id: id.into(),
                name: format!("Measure {id}"),
                domain: Domain::Equity,
                unit,
                polarity: Polarity::HighIsGood,
                comparison: Default::default(),
            });
        }
        (w, values)
    }

    #[test]
    fn a_pcns_score_is_its_practices_weighted_by_their_patients() {
        let (mut w, _) = linear_in_deprivation();
        // Give the first PCN's practices different scores: 10, 20, 30, ...
        let code = w.pcns[0].code.clone();
        let members: Vec<(String, u64)> = w
            .practices_in(&code)
            .map(|p| (p.code.clone(), p.list_size))
            .collect();
        for (j, (practice, _)) in members.iter().enumerate() {
            let s = w
                .series
                .iter_mut()
                .find(|s| s.indicator_id == IMD_2019 && s.area_code == *practice)
                .unwrap();
            s.points[0].value = Some(10.0 * (j + 1) as f64);
        }
        let expected = members
            .iter()
            .enumerate()
            .map(|(j, (_, n))| 10.0 * (j + 1) as f64 * *n as f64)
            .sum::<f64>()
            / members.iter().map(|(_, n)| *n as f64).sum::<f64>();
        let (_, scores) = pcn_scores(&w).unwrap();
        let score = scores.iter().find(|s| s.pcn_code == code).unwrap().score;
        assert!((score - expected).abs() < 1e-9, "{score} {expected}");
    }

    #[test]
    fn a_gradient_exactly_linear_in_deprivation_has_that_slope() {
        let (w, values) = linear_in_deprivation();
        let g = by_pcn_deprivation(&w, "share").unwrap();
        assert_eq!(g.pcns.len(), w.pcns.len());
        // Most deprived first: the workspace's first PCN, then the second, ...
        for (k, p) in g.pcns.iter().enumerate() {
            assert_eq!(p.pcn_code, w.pcns[k].code);
            assert_eq!(p.rank, k + 1);
            assert!((p.estimate.value - values[k]).abs() < 1e-9);
        }
        let i = g.inequality.as_ref().unwrap();
        assert!((i.sii - 20.0).abs() < 1e-6, "{}", i.sii);
        assert!((i.intercept - 40.0).abs() < 1e-6, "{}", i.intercept);
        assert!((i.rii - 60.0 / 40.0).abs() < 1e-6, "{}", i.rii);
        let sentence = by_pcn_deprivation_sentence(&g, "Testshire");
        assert!(
            sentence.starts_with(&format!(
                "Across the {} PCNs of Testshire ranked by the deprivation of their registered patients (IMD 2019), Measure share (Mar 2024) is 20.0 percentage points higher at the least deprived end of the PCNs' population than at the most deprived",
                w.pcns.len()
            )),
            "{sentence}"
        );
        assert!(sentence.ends_with("not its cause."));
    }

    #[test]
    fn says_why_when_the_data_cannot_answer() {
        let demo = crate::default_data::illustrative_city();
        let id = demo.indicators[0].id.clone();
        assert_eq!(
            by_pcn_deprivation(&demo, &id).unwrap_err(),
            NO_PCN_DEPRIVATION
        );
        let (mut w, _) = linear_in_deprivation();
        // Four PCNs with a figure are too few.
        let keep: Vec<String> = w.pcns.iter().take(4).map(|p| p.code.clone()).collect();
        let kept: Vec<String> = w
            .practices
            .iter()
            .filter(|p| keep.contains(&p.pcn_code))
            .map(|p| p.code.clone())
            .collect();
        w.series
            .retain(|s| s.indicator_id != "share" || kept.contains(&s.area_code));
        let g = by_pcn_deprivation(&w, "share").unwrap();
        assert_eq!(g.pcns.len(), 4);
        assert!(g.inequality.unwrap_err().contains("only 4 PCNs"));
        assert!(by_pcn_deprivation(&w, IMD_2019)
            .unwrap_err()
            .contains("numerators and denominators"));
    }
}
