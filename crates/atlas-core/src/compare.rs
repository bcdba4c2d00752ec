//! Two measures across the place's practices: each practice's latest value of one
//! against the other, the least-squares line and the correlation with its 95% interval
//! ([`crate::stats::correlation`]), and each practice's verdict on the second measure
//! against the place, as the Variation page judges it.

use crate::inequalities::IMD_2019;
use crate::measures::{scorecard_indicators, value_text, MeasureContext, Observation};
use crate::model::Practice;
use crate::model::{Indicator, Period, Workspace};
use crate::scoring::AreaLevel;
use crate::stats::benchmark::Comparison;
use crate::stats::correlation::{correlate, strength_words, Correlation};
use crate::stats::StatsError;
use crate::table::{Cell, Table};
use crate::variation::{judged, place_value, practice_observations};
use crate::words::grouped;
use std::collections::HashMap;

/// One area (a practice, or a PCN) with a value of both measures.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaPair {
    pub area_code: String,
    /// The first measure's value (across).
    pub x: f64,
    /// The second measure's value (up).
    pub y: f64,
    /// The area's value of the second measure against the place's.
    pub verdict: Comparison,
}

/// Two measures across the place's practices or PCNs, each at its latest period.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasurePair {
    pub level: AreaLevel,
    pub x: Indicator,
    pub x_period: Period,
    pub y: Indicator,
    pub y_period: Period,
    /// Areas with an unsuppressed value of both, in workspace order.
    pub areas: Vec<AreaPair>,
    /// Areas with a value of only one measure, or a suppressed one.
    pub left_out: usize,
    /// The line and correlation, or why there are none.
    pub correlation: Result<Correlation, StatsError>,
}

impl MeasurePair {
    /// What the points are, in the plural: "practices" or "PCNs".
    pub fn areas_word(&self) -> &'static str {
        areas_word(self.level)
    }
}

/// "practices" or "PCNs".
pub fn areas_word(level: AreaLevel) -> &'static str {
    match level {
        AreaLevel::Practice => "practices",
        AreaLevel::Pcn => "PCNs",
    }
}

/// A count of areas in words: "1 practice has", "3 PCNs have".
pub fn areas_have(level: AreaLevel, n: usize) -> String {
    match (level, n) {
        (AreaLevel::Practice, 1) => "1 practice has".to_string(),
        (AreaLevel::Pcn, 1) => "1 PCN has".to_string(),
        _ => format!("{n} {} have", areas_word(level)),
    }
}

/// The measures that can be compared across practices: the deprivation score of the
/// practices' populations where the data have it, then every measure the Scorecard and
/// Variation pages offer.
pub fn comparable_measures(workspace: &Workspace) -> Vec<Indicator> {
    let mut measures: Vec<Indicator> = workspace
        .indicator(IMD_2019)
        .filter(|_| workspace.series.iter().any(|s| s.indicator_id == IMD_2019))
        .cloned()
        .into_iter()
        .collect();
    measures.extend(scorecard_indicators(workspace));
    measures
}

/// The measures that can be compared at `level`. Across PCNs, only those that can be
/// pooled over the practices of at least two PCNs: a measure published only as each
/// practice's percentage (no numerator and denominator) or score has no PCN value (but
/// for a PCN of one practice, whose value is its practice's).
pub fn comparable_measures_at(workspace: &Workspace, level: AreaLevel) -> Vec<Indicator> {
    let measures = comparable_measures(workspace);
    if level == AreaLevel::Practice {
        return measures;
    }
    let context = MeasureContext::new(workspace);
    let pcns: Vec<Vec<&Practice>> = workspace
        .pcns
        .iter()
        .map(|pcn| workspace.practices_in(&pcn.code).collect())
        .collect();
    measures
        .into_iter()
        .filter(|i| {
            context.latest_period(i).is_some_and(|period| {
                pcns.iter()
                    .filter(|members| context.observe(i, members, period).is_some())
                    .nth(1)
                    .is_some()
            })
        })
        .collect()
}

/// The two measures across practices, each at its latest period.
pub fn compare_measures(
    workspace: &Workspace,
    x_id: &str,
    y_id: &str,
) -> Result<MeasurePair, String> {
    compare_measures_at(workspace, AreaLevel::Practice, x_id, y_id)
}

/// The two measures across practices or PCNs (each PCN's figures pooled over its
/// practices), each at its latest period; `Err` in words when either measure is not
/// in the data at that level or has no period.
pub fn compare_measures_at(
    workspace: &Workspace,
    level: AreaLevel,
    x_id: &str,
    y_id: &str,
) -> Result<MeasurePair, String> {
    let measures = comparable_measures(workspace);
    let find = |id: &str| {
        measures
            .iter()
            .find(|i| i.id == id)
            .cloned()
            .ok_or_else(|| format!("the measure \"{id}\" is not in these data"))
    };
    let (x, y) = (find(x_id)?, find(y_id)?);
    let context = MeasureContext::new(workspace);
    let period = |i: &Indicator| {
        context
            .latest_period(i)
            .ok_or_else(|| format!("{} has no period with figures", i.name))
    };
    let (x_period, y_period) = (period(&x)?, period(&y)?);
    let place = place_value(workspace, &context, &y, y_period);
    // Each area's observation of a measure: a practice's own, a PCN's pooled.
    let observe = |i: &Indicator, period: Period| -> Vec<(String, Observation)> {
        match level {
            AreaLevel::Practice => practice_observations(workspace, &context, i, period)
                .into_iter()
                .map(|(p, o)| (p.code.clone(), o))
                .collect(),
            AreaLevel::Pcn => workspace
                .pcns
                .iter()
                .filter_map(|pcn| {
                    let members: Vec<&Practice> = workspace.practices_in(&pcn.code).collect();
                    context
                        .observe(i, &members, period)
                        .map(|o| (pcn.code.clone(), o))
                })
                .collect(),
        }
    };
    let (xs, ys) = (observe(&x, x_period), observe(&y, y_period));
    if level == AreaLevel::Pcn && (xs.is_empty() || ys.is_empty()) {
        let missing = if xs.is_empty() { &x } else { &y };
        return Err(format!(
            "{} cannot be pooled over a PCN's practices: it is published only as each practice's figure",
            missing.name
        ));
    }
    // Looked up by code, not searched, so that an England-sized place stays fast.
    let y_of: HashMap<&str, &Observation> = ys
        .iter()
        .filter(|(_, o)| !o.suppressed)
        .map(|(code, o)| (code.as_str(), o))
        .collect();
    let mut areas = Vec::new();
    for (code, ox) in xs.iter().filter(|(_, o)| !o.suppressed) {
        let Some(oy) = y_of.get(code.as_str()) else {
            continue;
        };
        if ox.value.is_finite() && oy.value.is_finite() {
            areas.push(AreaPair {
                area_code: code.clone(),
                x: ox.value,
                y: oy.value,
                verdict: judged(&y, oy, place),
            });
        }
    }
    let mut either: Vec<&str> = xs.iter().chain(&ys).map(|(c, _)| c.as_str()).collect();
    either.sort_unstable();
    either.dedup();
    let left_out = either.len() - areas.len();
    let pairs: Vec<(f64, f64)> = areas.iter().map(|p| (p.x, p.y)).collect();
    Ok(MeasurePair {
        level,
        correlation: correlate(&pairs),
        x,
        x_period,
        y,
        y_period,
        areas,
        left_out,
    })
}

/// A measure's name with its period, as axis labels and table headings write it.
pub fn measure_with_period(indicator: &Indicator, period: Period) -> String {
    format!("{} ({})", indicator.name, period.label())
}

/// The comparison in words: how the two go together, how strongly, how sure, and that
/// going together is not causing.
pub fn compare_sentence(pair: &MeasurePair, place: &str) -> String {
    let x = measure_with_period(&pair.x, pair.x_period);
    let y = measure_with_period(&pair.y, pair.y_period);
    let n = pair.areas.len();
    let areas = pair.areas_word();
    match &pair.correlation {
        Err(reason) => format!(
            "{n} {areas} in {place} have a value of both {x} and {y}; no line is fitted: {reason}."
        ),
        Ok(c) => {
            let interval = format!(
                "r {}, 95% interval {} to {}",
                grouped(c.r, 2),
                grouped(c.r_interval.lower, 2),
                grouped(c.r_interval.upper, 2)
            );
            let how = if c.r_interval.contains(0.0) {
                format!("there is no clear correlation between them ({interval}, which includes no correlation at all)")
            } else {
                let direction = if c.r > 0.0 { "higher" } else { "lower" };
                format!(
                    "{areas} with a higher {} tend to have a {direction} {}: a {} correlation ({interval}); the line accounts for {}% of the variation in the second (R² {})",
                    pair.x.name,
                    pair.y.name,
                    strength_words(c.r),
                    grouped(100.0 * c.r_squared, 0),
                    grouped(c.r_squared, 2)
                )
            };
            format!(
                "Across {n} {areas} in {place} with a value of both {x} and {y}, {how}. Measures that go together across {areas} need not cause one another: both may follow a third thing, such as the age or deprivation of the people registered."
            )
        }
    }
}

/// The table behind the scatter plot: a row per practice (with its PCN) or per PCN
/// (with its number of practices), in workspace order.
pub fn compare_table(pair: &MeasurePair, workspace: &Workspace, place: &str) -> Table {
    let x = measure_with_period(&pair.x, pair.x_period);
    let y = measure_with_period(&pair.y, pair.y_period);
    let verdict = format!("{} against {place}", pair.y.name);
    let values = |p: &AreaPair| {
        [
            Cell::number(p.x, value_text(pair.x.unit, p.x)),
            Cell::number(p.y, value_text(pair.y.unit, p.y)),
            Cell::text(verdict_words(p.verdict)),
        ]
    };
    match pair.level {
        AreaLevel::Practice => {
            let mut table = Table::new(&["Practice", "Code", "PCN", &x, &y, &verdict]);
            for p in &pair.areas {
                let practice = workspace.practice(&p.area_code);
                let pcn = practice
                    .and_then(|pr| workspace.pcn(&pr.pcn_code))
                    .map_or(String::new(), |pcn| pcn.name.clone());
                let mut row = vec![
                    Cell::text(practice.map_or(p.area_code.clone(), |pr| pr.name.clone())),
                    Cell::text(p.area_code.clone()),
                    Cell::text(pcn),
                ];
                row.extend(values(p));
                table.rows.push(row);
            }
            table
        }
        AreaLevel::Pcn => {
            let mut table = Table::new(&["PCN", "Code", "Practices", &x, &y, &verdict]);
            for p in &pair.areas {
                let name = workspace
                    .pcn(&p.area_code)
                    .map_or(p.area_code.clone(), |pcn| pcn.name.clone());
                let members = workspace.practices_in(&p.area_code).count();
                let mut row = vec![
                    Cell::text(name),
                    Cell::text(p.area_code.clone()),
                    Cell::number(members as f64, members.to_string()),
                ];
                row.extend(values(p));
                table.rows.push(row);
            }
            table
        }
    }
}

/// A verdict as the table writes it.
pub fn verdict_words(verdict: Comparison) -> &'static str {
    match verdict {
        Comparison::NotCompared => "not compared",
        v => v.as_str(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Domain, Indicator, Point, Polarity, Series, Unit};

    /// The demonstration city's first twelve practices with three measures: A rises
    /// with the practice's position, B falls with it, C is the same everywhere; the
    /// twelfth has no value of B.
    fn workspace() -> Workspace {
        let mut ws = crate::default_data::illustrative_city();
        let period = Period::month(2024, 3).unwrap();
        let indicator = |id: &str| Indicator {
            id: id.into(),
            name: format!("Measure {id}"),
            domain: Domain::Outcomes,
            unit: Unit::Proportion,
            polarity: Polarity::HighIsGood,
            comparison: Default::default(),
        };
        ws.indicators = vec![indicator("a"), indicator("b"), indicator("c")];
        ws.series.clear();
        let codes: Vec<String> = ws
            .practices
            .iter()
            .take(12)
            .map(|p| p.code.clone())
            .collect();
        for (i, code) in codes.iter().enumerate() {
            let k = i as f64 + 1.0;
            let point = |n: f64| Point {
                period,
                numerator: Some(n),
                denominator: Some(1000.0),
                value: None,
            };
            let mut add = |id: &str, n: f64| {
                ws.series.push(Series {
                    indicator_id: id.into(),
                    area_code: code.clone(),
                    points: vec![point(n)],
                })
            };
            add("a", 100.0 + 40.0 * k);
            if i < 11 {
                add(
                    "b",
                    900.0 - 50.0 * k + if i % 2 == 0 { 10.0 } else { -10.0 },
                );
            }
            add("c", 500.0);
        }
        ws
    }

    #[test]
    fn pairs_practices_with_both_values_and_correlates_them() {
        let ws = workspace();
        let pair = compare_measures(&ws, "a", "b").unwrap();
        assert_eq!(pair.areas.len(), 11);
        assert_eq!(pair.left_out, 1);
        // A as a percentage: 14%, 18%, ...; B: 86%, 79%, ...
        assert!((pair.areas[0].x - 14.0).abs() < 1e-9);
        assert!((pair.areas[0].y - 86.0).abs() < 1e-9);
        let c = pair.correlation.as_ref().unwrap();
        assert!(c.r < -0.99, "{}", c.r);
        let sentence = compare_sentence(&pair, "Testshire");
        assert!(
            sentence.starts_with("Across 11 practices in Testshire with a value of both Measure a (Mar 2024) and Measure b (Mar 2024), practices with a higher Measure a tend to have a lower Measure b: a very strong correlation (r -1.00"),
            "{sentence}"
        );
        assert!(sentence.ends_with("need not cause one another: both may follow a third thing, such as the age or deprivation of the people registered."));
        // The best and worst B are better and worse than the place.
        let first = &pair.areas[0];
        let last = pair.areas.last().unwrap();
        assert_eq!(
            (first.verdict, last.verdict),
            (Comparison::Better, Comparison::Worse)
        );
        let table = compare_table(&pair, &ws, "Testshire");
        assert_eq!(table.rows.len(), 11);
        assert_eq!(table.columns[5], "Measure b against Testshire");
        assert_eq!(table.rows[0][3].text, "14.0%");
        assert_eq!(table.rows[0][5].text, "better");
    }

    #[test]
    fn says_why_there_is_no_line() {
        let ws = workspace();
        let flat = compare_measures(&ws, "a", "c").unwrap();
        assert!(flat.correlation.is_err());
        assert!(compare_sentence(&flat, "Testshire")
            .contains("no line is fitted: every area has the same value"));
        assert_eq!(
            compare_measures(&ws, "a", "zz").unwrap_err(),
            "the measure \"zz\" is not in these data"
        );
    }

    #[test]
    fn across_pcns_each_pcn_pools_its_practices() {
        let ws = workspace();
        let pair = compare_measures_at(&ws, AreaLevel::Pcn, "a", "b").unwrap();
        assert_eq!(pair.areas_word(), "PCNs");
        assert!(!pair.areas.is_empty());
        // Worked out apart: a PCN's A is its practices' numerators over their
        // denominators (1,000 each), as a percentage.
        for area in &pair.areas {
            let (mut n, mut d) = (0.0, 0.0);
            for practice in ws.practices_in(&area.area_code) {
                if let Some(s) = ws
                    .series
                    .iter()
                    .find(|s| s.indicator_id == "a" && s.area_code == practice.code)
                {
                    n += s.points[0].numerator.unwrap();
                    d += 1000.0;
                }
            }
            assert!((area.x - 100.0 * n / d).abs() < 1e-9, "{}", area.area_code);
        }
        let with_a = ws
            .pcns
            .iter()
            .filter(|pcn| {
                ws.practices_in(&pcn.code).any(|p| {
                    ws.series
                        .iter()
                        .any(|s| s.indicator_id == "a" && s.area_code == p.code)
                })
            })
            .count();
        assert_eq!(pair.areas.len() + pair.left_out, with_a);
        let table = compare_table(&pair, &ws, "Testshire");
        assert_eq!(table.columns[..3], ["PCN", "Code", "Practices"]);
        assert_eq!(table.rows.len(), pair.areas.len());
        assert!(compare_sentence(&pair, "Testshire").contains(" PCNs in Testshire "));
        // Both pool, so both are offered across PCNs.
        let offered: Vec<String> = comparable_measures_at(&ws, AreaLevel::Pcn)
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(offered, ["a", "b", "c"]);
    }

    #[test]
    fn a_measure_published_only_per_practice_is_not_offered_across_pcns() {
        let mut ws = workspace();
        for s in ws.series.iter_mut().filter(|s| s.indicator_id == "c") {
            for p in &mut s.points {
                p.value = Some(50.0);
                p.numerator = None;
                p.denominator = None;
            }
        }
        let offered: Vec<String> = comparable_measures_at(&ws, AreaLevel::Pcn)
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(offered, ["a", "b"]);
        assert_eq!(
            compare_measures_at(&ws, AreaLevel::Pcn, "a", "c").unwrap_err(),
            "Measure c cannot be pooled over a PCN's practices: it is published only as each practice's figure"
        );
        // Across practices it is still offered.
        assert!(compare_measures(&ws, "a", "c").is_ok());
    }
}
