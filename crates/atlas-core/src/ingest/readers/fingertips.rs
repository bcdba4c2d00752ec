//! A Fingertips data export: one row per indicator, area, sex, age, category and
//! period. Rows for an inequality breakdown (a category) are left out; the rest become
//! series with the id `fingertips_<indicator id>` (and the sex, when not persons).
//!
//! The export's own verdict against England ("Compared to England value or
//! percentiles") is kept as published ([`PublishedVerdict`]), and settles what the
//! export does not state: the unit (the value against count / denominator: a
//! percentage, or a rate per 1,000, 10,000 or 100,000), the polarity (which side
//! Fingertips calls better) and the comparison method (the one of Fingertips' methods
//! that reproduces most of its published verdicts, said in the file's report).

use super::{expect, required};
use crate::ingest::extract::{Extract, SeriesBuilder};
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{CsvRows, ReportBuilder};
use crate::ingest::text::normalise_value;
use crate::ingest::values::{
    parse_code, parse_fingertips_period, parse_name, parse_non_negative, parse_number,
};
use crate::measures::estimate_for;
use crate::model::{Domain, Indicator, Period, Point, Polarity, PublishedVerdict, Unit};
use crate::stats::benchmark::{judge, AreaFigure, Comparison, ComparisonMethod};
use std::collections::{HashMap, HashSet};
use std::io::Read;

/// An area code without the `n` prefix some exports put before codes.
pub fn strip_area_prefix(code: &str) -> &str {
    match code.strip_prefix('n') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()) => {
            rest
        }
        _ => code,
    }
}

/// Reads a Fingertips export.
pub(crate) fn read<R: Read>(table: &mut CsvRows<R>, report: &mut ReportBuilder) -> Extract {
    let Some(cols) = required(
        table,
        report,
        &[
            &["indicator_id"],
            &["area_code"],
            &["time_period"],
            &["value"],
        ],
    ) else {
        return Extract::default();
    };
    let [id_col, area_col, period_col, value_col] = cols[..] else {
        return Extract::default();
    };
    let name_col = table.header.find(&["indicator_name"]);
    let sex_col = table.header.find(&["sex"]);
    let category_type_col = table.header.find(&["category_type"]);
    let count_col = table.header.find(&["count"]);
    let denominator_col = table.header.find(&["denominator"]);
    let verdict_col = table
        .header
        .find(&["compared_to_england_value_or_percentiles"]);
    let mut builder = SeriesBuilder::default();
    let mut extract = Extract::default();
    let mut indicators_seen = HashSet::new();
    let mut calendar_years = 0u64;
    let mut verdicts: Vec<PublishedVerdict> = Vec::new();
    table.for_each_row(report, |row, _| {
        if row.optional(category_type_col).is_some() {
            return Ok(()); // an inequality breakdown: not a series of its own here
        }
        let source_id = row.get(id_col, |t| parse_code(t, "a Fingertips indicator id, like 93553"))?;
        let area = row.get(area_col, |t| parse_code(t, expect::AREA_CODE))?;
        let area = strip_area_prefix(&area).to_string();
        let (period, approximated) = row.get(period_col, |t| {
            parse_fingertips_period(t).ok_or_else(|| "not a period; expected a time period like 2019/20, 2019/20 Q1 or 2019".to_string())
        })?;
        let value = row.get_optional(Some(value_col), |t| parse_number(t, "a value, like 21.72"))?;
        let count = row.get_optional(count_col, |t| parse_non_negative(t, "a count, like 42"))?;
        let denominator = row.get_optional(denominator_col, |t| parse_non_negative(t, "a denominator, like 1200"))?;
        if value.is_none() && count.is_none() {
            return Ok(()); // Fingertips lists areas with no value; nothing to keep
        }
        calendar_years += u64::from(approximated);
        let sex = row.optional(sex_col).map(|s| normalise_value(&s)).filter(|s| s != "persons");
        let id = match sex {
            Some(sex) => format!("fingertips_{source_id}_{}", sex.replace(' ', "_")),
            None => format!("fingertips_{source_id}"),
        };
        if indicators_seen.insert(id.clone()) {
            let name = row.optional(name_col).and_then(|n| parse_name(&n, "an indicator name").ok()).unwrap_or_else(|| id.clone());
            extract.indicators.push(Indicator {
                id: id.clone(),
                name,
                domain: Domain::Outcomes,
                unit: Unit::Mean,
                polarity: Polarity::NoJudgement,
                comparison: Default::default(),
            });
        }
        if let Some(verdict) = row.optional(verdict_col).and_then(|v| published_word(&v)) {
            verdicts.push(PublishedVerdict {
                indicator_id: id.clone(),
                area_code: area.clone(),
                period,
                publisher: "Fingertips".to_string(),
                comparator: "England".to_string(),
                verdict: verdict.to_string(),
            });
        }
        let point = Point { period, numerator: count, denominator, value };
        match builder.insert(&id, &area, point, row.line) {
            Ok(()) => Ok(()),
            // England is listed once per parent: the same value twice is not a conflict.
            Err(_) if builder.get(&id, &area, period) == Some(&point) => Ok(()),
            Err(first) => Err(row.row_problem(
                Severity::RowRejected,
                format!("indicator {source_id} for area {area} in {period} is already on line {first} with another value; expected one value"),
            )),
        }
    });
    if calendar_years > 0 {
        report.push(Problem::file(
            Severity::Warning,
            format!("{calendar_years} values are for a calendar year (like 2019); each is shown as the financial year starting in it (2019/20)"),
        ));
    }
    extract.series = builder.finish();
    // England is compared with itself only in name: its verdicts are not verdicts.
    verdicts.retain(|v| v.area_code != ENGLAND && !v.area_code.is_empty());
    verdicts.dedup();
    for indicator in &mut extract.indicators {
        if let Some(note) = settle(indicator, &extract.series, &verdicts) {
            report.push(Problem::file(Severity::Warning, note));
        }
    }
    extract.published_verdicts = verdicts;
    extract
}

const ENGLAND: &str = "E92000001";

/// A verdict cell as Fingertips words it, or `None` for "Not compared" and blanks.
fn published_word(cell: &str) -> Option<&'static str> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "better" => Some("Better"),
        "worse" => Some("Worse"),
        "similar" => Some("Similar"),
        "higher" => Some("Higher"),
        "lower" => Some("Lower"),
        _ => None,
    }
}

/// A published verdict as a [`Comparison`].
pub fn verdict_comparison(word: &str) -> Option<Comparison> {
    match word {
        "Better" => Some(Comparison::Better),
        "Worse" => Some(Comparison::Worse),
        "Similar" => Some(Comparison::Similar),
        "Higher" => Some(Comparison::Higher),
        "Lower" => Some(Comparison::Lower),
        _ => None,
    }
}

/// The unit the values show: value ≈ count / denominator × k for k = 100 (a
/// percentage, when no count exceeds its denominator) or 1,000, 10,000, 100,000 (a
/// rate). `None` when the points give no count and denominator, or no k fits all.
fn unit_of(points: &[&Point]) -> Option<Unit> {
    let ratios: Vec<(f64, bool)> = points
        .iter()
        .filter_map(|p| {
            let (r, n, v) = (p.numerator?, p.denominator?, p.value?);
            (r > 0.0 && n > 0.0 && v > 0.0).then(|| (v / (r / n), r <= n))
        })
        .collect();
    if ratios.is_empty() {
        return None;
    }
    let k = [100.0, 1_000.0, 10_000.0, 100_000.0]
        .into_iter()
        .find(|k| {
            ratios
                .iter()
                .all(|(ratio, _)| (ratio / k - 1.0).abs() < 0.01)
        })?;
    if k == 100.0 && ratios.iter().all(|r| r.1) {
        Some(Unit::Proportion)
    } else {
        Some(Unit::Rate { per: k })
    }
}

/// Settles an indicator's unit, polarity and comparison method from its points and
/// Fingertips' verdicts against England; a note for the report when the verdicts
/// chose them.
fn settle(
    indicator: &mut Indicator,
    series: &[crate::ingest::extract::ExtractedSeries],
    verdicts: &[PublishedVerdict],
) -> Option<String> {
    let mine: Vec<&crate::model::Series> = series
        .iter()
        .map(|s| &s.series)
        .filter(|s| s.indicator_id == indicator.id)
        .collect();
    let points: Vec<&Point> = mine.iter().flat_map(|s| s.points.iter()).collect();
    indicator.unit = unit_of(&points)?;
    let england: HashMap<Period, f64> = mine
        .iter()
        .filter(|s| s.area_code == ENGLAND)
        .flat_map(|s| s.points.iter())
        .filter_map(|p| Some((p.period, p.value?)))
        .collect();
    let point_of = |area: &str, period: Period| {
        mine.iter()
            .find(|s| s.area_code == area)
            .and_then(|s| s.points.iter().find(|p| p.period == period))
    };
    // Each published verdict with the area's point and England's value.
    let cases: Vec<(&Point, f64, Comparison)> = verdicts
        .iter()
        .filter(|v| v.indicator_id == indicator.id)
        .filter_map(|v| {
            Some((
                point_of(&v.area_code, v.period)?,
                *england.get(&v.period)?,
                verdict_comparison(&v.verdict)?,
            ))
        })
        .collect();
    if cases.is_empty() {
        return None;
    }
    // Fingertips calls the higher side better or worse: the polarity.
    let (mut high, mut low) = (0, 0);
    for (p, e, c) in &cases {
        let Some(v) = p.value else { continue };
        match (c, v > *e) {
            (Comparison::Better, true) | (Comparison::Worse, false) => high += 1,
            (Comparison::Better, false) | (Comparison::Worse, true) => low += 1,
            _ => {}
        }
    }
    indicator.polarity = if high > low {
        Polarity::HighIsGood
    } else if low > high {
        Polarity::LowIsGood
    } else {
        Polarity::NoJudgement
    };
    // The method that reproduces most verdicts (interval overlap at 95% first on a tie).
    let methods: &[ComparisonMethod] = if indicator.unit == Unit::Proportion {
        &[
            ComparisonMethod::Overlap95,
            ComparisonMethod::Overlap99_8,
            ComparisonMethod::Spc95,
            ComparisonMethod::Spc99_8,
        ]
    } else {
        &[
            ComparisonMethod::Overlap95,
            ComparisonMethod::Overlap99_8,
            ComparisonMethod::SpcRate95,
            ComparisonMethod::SpcRate99_8,
        ]
    };
    let agreeing = |method: ComparisonMethod| {
        cases
            .iter()
            .filter(|(p, e, c)| {
                let (Some(r), Some(n), Some(v)) = (p.numerator, p.denominator, p.value) else {
                    return false;
                };
                let figure = AreaFigure {
                    value: v,
                    base: crate::measures::area_figure(indicator.unit, v, None, Some(n)).base,
                    ..crate::measures::area_figure(
                        indicator.unit,
                        v,
                        estimate_for(indicator.unit, r, n),
                        None,
                    )
                };
                judge(method, &figure, *e, indicator.polarity).headline() == *c
            })
            .count()
    };
    let (best, agree) =
        methods
            .iter()
            .map(|&m| (m, agreeing(m)))
            .fold(
                (methods[0], 0),
                |best, m| if m.1 > best.1 { m } else { best },
            );
    indicator.comparison = best;
    Some(format!(
        "indicator {}: compared by {}, the Fingertips method that reproduces most of its published verdicts against England ({agree} of {}); {}",
        indicator.id,
        best.words(),
        cases.len(),
        match indicator.polarity {
            Polarity::HighIsGood => "higher is better, as Fingertips judges it",
            Polarity::LowIsGood => "lower is better, as Fingertips judges it",
            Polarity::NoJudgement => "no better or worse, as Fingertips judges it (higher or lower)",
        }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn n_prefixes_are_removed() {
        assert_eq!(strip_area_prefix("nE38000097"), "E38000097");
        assert_eq!(strip_area_prefix("C82005"), "C82005");
        assert_eq!(strip_area_prefix("north"), "north");
    }
}
