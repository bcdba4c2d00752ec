//! The Equity page: screening, vaccination and SMI health check coverage by PCN
//! ([`catalogue::EQUITY_INDICATORS`]) — each PCN's 2021/22 baseline, its target for
//! 2023/24, its latest value, its gap to the best PCN, and the spread between PCNs
//! over time.
//!
//! Values are pooled over the PCN's practices (Σnumerator / Σdenominator × 100); a
//! baseline over a year pools its four quarters the same way.

use crate::catalogue;
use crate::measures::MeasureContext;
use crate::model::{Indicator, Period, Polarity, Practice, Target, TargetArea, Workspace};
use crate::words::in_sentence;

/// The year equity baselines are taken in: 2021/22.
pub const BASELINE_YEAR: i32 = 2021;
/// The year equity targets are set for: 2023/24.
pub const TARGET_YEAR: i32 = 2023;

/// The default target rule, as the page states it.
pub const EQUITY_TARGET_RULE: &str = "Each PCN's target for 2023/24 closes half the gap between \
its 2021/22 baseline and the best PCN's 2021/22 baseline: target = baseline + (best − \
baseline) / 2. The best PCN keeps its baseline as its target. A target in the workspace for \
the PCN replaces the default.";

/// The default target: `baseline + (best − baseline) / 2` ([`EQUITY_TARGET_RULE`]).
pub fn close_half_the_gap(baseline: f64, best: f64) -> f64 {
    baseline + (best - baseline) / 2.0
}

/// The best of some values by polarity: the highest where higher is better, the lowest
/// where lower is better (and the highest with no judgement).
pub fn best_of(values: impl Iterator<Item = f64>, polarity: Polarity) -> Option<f64> {
    values.fold(None, |best, v| match best {
        None => Some(v),
        Some(b) => Some(match polarity {
            Polarity::LowIsGood => b.min(v),
            _ => b.max(v),
        }),
    })
}

/// The pooled value (%) of the practices over every period that lies within the
/// financial year `year`: `100 × Σnumerator / Σdenominator` over periods and practices.
pub fn pooled_in_year(
    context: &MeasureContext,
    indicator: &Indicator,
    practices: &[&Practice],
    year: i32,
) -> Option<f64> {
    let (mut n, mut d) = (0.0, 0.0);
    for period in context.periods(indicator) {
        if period.financial_year() != year || period.months() > 12 {
            continue;
        }
        if let Some(o) = context.observe(indicator, practices, period) {
            n += o.numerator?;
            d += o.denominator?;
        }
    }
    (d > 0.0).then(|| 100.0 * n / d)
}

/// One PCN's line on the Equity page for one indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct EquityRow {
    pub pcn_code: String,
    pub pcn_name: String,
    pub indicator_id: String,
    /// Pooled over 2021/22 (%).
    pub baseline: Option<f64>,
    /// For 2023/24 (%): the workspace's target for the PCN, else [`EQUITY_TARGET_RULE`].
    pub target: Option<f64>,
    pub latest_period: Option<Period>,
    pub latest: Option<f64>,
    /// Percentage points between the best PCN's latest value and this one's (≥ 0).
    pub gap_to_best: Option<f64>,
}

/// The spread between PCNs in one period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EquitySpread {
    pub period: Period,
    pub min: f64,
    pub max: f64,
    /// max − min, percentage points.
    pub range: f64,
    /// max / min (`None` when min is 0).
    pub ratio: Option<f64>,
}

fn pcn_members<'a>(workspace: &'a Workspace, pcn_code: &str) -> Vec<&'a Practice> {
    workspace
        .practices
        .iter()
        .filter(|p| p.pcn_code == pcn_code)
        .collect()
}

/// The default 2023/24 targets for every PCN and equity indicator, by
/// [`EQUITY_TARGET_RULE`], as [`Target`]s (baseline 2021/22, target 2023/24).
pub fn default_equity_targets(workspace: &Workspace) -> Vec<Target> {
    let context = MeasureContext::new(workspace);
    let mut targets = Vec::new();
    for id in catalogue::EQUITY_INDICATORS {
        let Some(indicator) = workspace.indicator(id) else {
            continue;
        };
        let baselines: Vec<(String, f64)> = workspace
            .pcns
            .iter()
            .filter_map(|pcn| {
                let members = pcn_members(workspace, &pcn.code);
                pooled_in_year(&context, indicator, &members, BASELINE_YEAR)
                    .map(|b| (pcn.code.clone(), b))
            })
            .collect();
        let Some(best) = best_of(baselines.iter().map(|b| b.1), indicator.polarity) else {
            continue;
        };
        targets.extend(baselines.into_iter().map(|(code, baseline)| Target {
            indicator_id: id.to_string(),
            area: TargetArea::Area(code),
            baseline_period: Period::FinancialYear {
                start_year: BASELINE_YEAR,
            },
            baseline_value: Some(baseline),
            target_value: close_half_the_gap(baseline, best),
            target_period: Period::FinancialYear {
                start_year: TARGET_YEAR,
            },
        }));
    }
    targets
}

/// Every PCN's row for one equity indicator ([`EquityRow`]); empty for an unknown id.
pub fn equity_rows(workspace: &Workspace, indicator_id: &str) -> Vec<EquityRow> {
    let Some(indicator) = workspace.indicator(indicator_id) else {
        return Vec::new();
    };
    let context = MeasureContext::new(workspace);
    let latest_period = context.latest_period(indicator);
    let mut rows: Vec<EquityRow> = workspace
        .pcns
        .iter()
        .map(|pcn| {
            let members = pcn_members(workspace, &pcn.code);
            let baseline = pooled_in_year(&context, indicator, &members, BASELINE_YEAR);
            let latest = latest_period
                .and_then(|p| context.observe(indicator, &members, p))
                .map(|o| o.value);
            EquityRow {
                pcn_code: pcn.code.clone(),
                pcn_name: pcn.name.clone(),
                indicator_id: indicator_id.to_string(),
                baseline,
                target: None,
                latest_period,
                latest,
                gap_to_best: None,
            }
        })
        .collect();
    let best_baseline = best_of(rows.iter().filter_map(|r| r.baseline), indicator.polarity);
    let best_latest = best_of(rows.iter().filter_map(|r| r.latest), indicator.polarity);
    for row in &mut rows {
        let own = workspace.targets.iter().find(|t| {
            t.indicator_id == indicator_id && t.area == TargetArea::Area(row.pcn_code.clone())
        });
        row.target = own
            .map(|t| t.target_value)
            .or_else(|| Some(close_half_the_gap(row.baseline?, best_baseline?)));
        row.gap_to_best = match (row.latest, best_latest) {
            (Some(v), Some(b)) => Some((b - v).abs()),
            _ => None,
        };
    }
    rows
}

/// Equity rows as a table for the table view and CSV.
pub fn equity_table(rows: &[EquityRow]) -> crate::table::Table {
    use crate::table::{Cell, Table};
    let mut table = Table::new(&[
        "PCN code",
        "PCN",
        "Baseline 2021/22 (%)",
        "Target 2023/24 (%)",
        "Latest period",
        "Latest (%)",
        "Gap to best PCN (percentage points)",
    ]);
    let number = |x: Option<f64>| match x {
        Some(v) => Cell::value(v, 1),
        None => Cell::text(""),
    };
    for r in rows {
        table.rows.push(vec![
            Cell::text(r.pcn_code.clone()),
            Cell::text(crate::summary::display_name(&r.pcn_name)),
            number(r.baseline),
            number(r.target),
            Cell::text(r.latest_period.map(|p| p.label()).unwrap_or_default()),
            number(r.latest),
            number(r.gap_to_best),
        ]);
    }
    table
}

/// The spread between PCNs for each period of an equity indicator: min, max, range
/// (max − min, percentage points) and ratio (max / min).
pub fn equity_spread(workspace: &Workspace, indicator_id: &str) -> Vec<EquitySpread> {
    let Some(indicator) = workspace.indicator(indicator_id) else {
        return Vec::new();
    };
    let context = MeasureContext::new(workspace);
    let members: Vec<Vec<&Practice>> = workspace
        .pcns
        .iter()
        .map(|pcn| pcn_members(workspace, &pcn.code))
        .collect();
    context
        .periods(indicator)
        .into_iter()
        .filter_map(|period| {
            let values: Vec<f64> = members
                .iter()
                .filter_map(|m| context.observe(indicator, m, period))
                .map(|o| o.value)
                .collect();
            spread_of(period, &values)
        })
        .collect()
}

/// [`EquitySpread`] of some values; `None` without values.
pub fn spread_of(period: Period, values: &[f64]) -> Option<EquitySpread> {
    let min = values.iter().copied().reduce(f64::min)?;
    let max = values.iter().copied().reduce(f64::max)?;
    Some(EquitySpread {
        period,
        min,
        max,
        range: max - min,
        ratio: (min > 0.0).then(|| max / min),
    })
}

/// The spread chart's sentence, from the numbers: how far apart the PCNs were in the
/// first and latest periods, whether the gap narrowed, and the latest range, e.g.
/// "Between the highest and lowest PCN, cervical screening differed by 14.2 percentage
/// points in 2019 Q2 and 11.0 in 2023 Q1: the gap narrowed. In 2023 Q1 PCNs ranged
/// from 58.1% to 69.1%."
pub fn equity_spread_sentence(indicator_name: &str, spread: &[EquitySpread]) -> String {
    let indicator_name = &in_sentence(indicator_name);
    let (Some(first), Some(last)) = (spread.first(), spread.last()) else {
        return format!("There are no PCN values of {indicator_name} to compare.");
    };
    let latest = format!(
        "In {} PCNs ranged from {:.1}% to {:.1}%.",
        last.period.label(),
        last.min,
        last.max
    );
    if spread.len() == 1 {
        return format!(
            "Between the highest and lowest PCN, {indicator_name} differed by {:.1} percentage points. {latest}",
            last.range
        );
    }
    let change = last.range - first.range;
    let direction = if change.abs() < 0.05 {
        "the gap stayed the same"
    } else if change < 0.0 {
        "the gap narrowed"
    } else {
        "the gap widened"
    };
    format!(
        "Between the highest and lowest PCN, {indicator_name} differed by {:.1} percentage points in {} and {:.1} in {}: {direction}. {latest}",
        first.range,
        first.period.label(),
        last.range,
        last.period.label(),
    )
}

/// One PCN's line for every equity measure the workspace has: measure, baseline,
/// target, latest period, latest value and gap to the best PCN. The PCN profile's table.
pub fn pcn_equity_table(workspace: &Workspace, pcn_code: &str) -> crate::table::Table {
    use crate::table::{Cell, Table};
    let mut table = Table::new(&[
        "Measure",
        "Baseline 2021/22 (%)",
        "Target 2023/24 (%)",
        "Latest period",
        "Latest (%)",
        "Gap to best PCN (percentage points)",
    ]);
    let number = |x: Option<f64>| match x {
        Some(v) => Cell::value(v, 1),
        None => Cell::text(""),
    };
    for id in catalogue::EQUITY_INDICATORS {
        let Some(indicator) = workspace.indicator(id) else {
            continue;
        };
        let rows = equity_rows(workspace, id);
        if let Some(r) = rows.iter().find(|r| r.pcn_code == pcn_code) {
            table.rows.push(vec![
                Cell::text(indicator.name.clone()),
                number(r.baseline),
                number(r.target),
                Cell::text(r.latest_period.map(|p| p.label()).unwrap_or_default()),
                number(r.latest),
                number(r.gap_to_best),
            ]);
        }
    }
    table
}

/// The spread as a table for the chart's table view and CSV: period, lowest PCN,
/// highest PCN, range (percentage points).
pub fn equity_spread_table(spread: &[EquitySpread]) -> crate::table::Table {
    use crate::table::{Cell, Table};
    let mut table = Table::new(&[
        "Period",
        "Lowest PCN (%)",
        "Highest PCN (%)",
        "Range (percentage points)",
    ]);
    for s in spread {
        table.rows.push(vec![
            Cell::text(s.period.label()),
            Cell::value(s.min, 1),
            Cell::value(s.max, 1),
            Cell::value(s.range, 1),
        ]);
    }
    table
}

/// A sentence on the PCN rows of one indicator: the best and furthest-behind PCN in
/// the latest period, and how many PCNs have reached their target.
pub fn equity_rows_sentence(indicator_name: &str, rows: &[EquityRow]) -> String {
    let indicator_name = &in_sentence(indicator_name);
    let with_latest: Vec<&EquityRow> = rows.iter().filter(|r| r.latest.is_some()).collect();
    let best = with_latest.iter().min_by(|a, b| {
        a.gap_to_best
            .unwrap_or(0.0)
            .total_cmp(&b.gap_to_best.unwrap_or(0.0))
    });
    let behind = with_latest.iter().max_by(|a, b| {
        a.gap_to_best
            .unwrap_or(0.0)
            .total_cmp(&b.gap_to_best.unwrap_or(0.0))
    });
    let (Some(best), Some(behind)) = (best, behind) else {
        return format!("No PCN has a latest value of {indicator_name}.");
    };
    let met = rows
        .iter()
        .filter(|r| matches!((r.latest, r.target), (Some(l), Some(t)) if l >= t - 1e-9))
        .count();
    let period = best.latest_period.map(|p| p.label()).unwrap_or_default();
    // A target needs a baseline: say so rather than count PCNs against none.
    let targeted = rows.iter().filter(|r| r.target.is_some()).count();
    let targets = match targeted {
        0 => {
            "No PCN has a 2021/22 baseline in these data, so none has a 2023/24 target.".to_string()
        }
        t if t == rows.len() => format!(
            "{met} of {} PCNs are already at or above their 2023/24 target.",
            rows.len()
        ),
        1 if met == 1 => "The one PCN with a 2023/24 target is already at or above it.".to_string(),
        1 => "The one PCN with a 2023/24 target is not yet at it.".to_string(),
        t => format!("{met} of the {t} PCNs with a 2023/24 target are already at or above it."),
    };
    format!(
        "In {period}, {} had the highest {indicator_name} ({:.1}%) and {} was furthest behind, {:.1} percentage points lower. {targets}",
        crate::summary::display_name(&best.pcn_name),
        best.latest.unwrap_or(0.0),
        crate::summary::display_name(&behind.pcn_name),
        behind.gap_to_best.unwrap_or(0.0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::default_data::illustrative_city;

    #[test]
    fn without_baselines_no_target_is_counted() {
        let row = |code: &str, latest: f64, gap: f64| EquityRow {
            pcn_code: code.into(),
            pcn_name: code.into(),
            indicator_id: "flu".into(),
            baseline: None,
            target: None,
            latest_period: Period::parse("2023/24").ok(),
            latest: Some(latest),
            gap_to_best: Some(gap),
        };
        let rows = [row("A", 80.0, 0.0), row("B", 60.0, 20.0)];
        let sentence = equity_rows_sentence("Flu", &rows);
        assert!(
            sentence.ends_with(
                "No PCN has a 2021/22 baseline in these data, so none has a 2023/24 target."
            ),
            "{sentence}"
        );
        let mut some = rows.clone();
        some[0].target = Some(75.0);
        assert!(equity_rows_sentence("Flu", &some)
            .ends_with("The one PCN with a 2023/24 target is already at or above it."));
        some[1].target = Some(70.0);
        assert!(equity_rows_sentence("Flu", &some)
            .ends_with("1 of 2 PCNs are already at or above their 2023/24 target."));
    }

    #[test]
    fn target_closes_half_the_gap() {
        // Baseline 60%, best PCN 70%: target 65%.
        assert_eq!(close_half_the_gap(60.0, 70.0), 65.0);
        assert_eq!(close_half_the_gap(70.0, 70.0), 70.0);
        assert_eq!(
            best_of([3.0, 9.0, 5.0].into_iter(), Polarity::HighIsGood),
            Some(9.0)
        );
        assert_eq!(
            best_of([3.0, 9.0, 5.0].into_iter(), Polarity::LowIsGood),
            Some(3.0)
        );
        let s = spread_of(Period::parse("2023-Q1").unwrap(), &[50.0, 62.5, 55.0]).unwrap();
        assert_eq!((s.range, s.ratio), (12.5, Some(1.25)));
    }

    #[test]
    fn default_equity_rows_and_targets() {
        let w = illustrative_city();
        let rows = equity_rows(&w, catalogue::CANCER_SCREENING_CERVICAL);
        assert_eq!(rows.len(), 10);
        assert!(rows.iter().any(|r| r.gap_to_best == Some(0.0)));
        for r in &rows {
            let (b, t) = (r.baseline.unwrap(), r.target.unwrap());
            assert!(t >= b - 1e-9, "{b} {t}");
        }
        assert_eq!(equity_table(&rows).rows.len(), 10);
        let targets = default_equity_targets(&w);
        assert_eq!(targets.len(), 60);
        let spread = equity_spread(&w, catalogue::SMI_HEALTH_CHECKS);
        assert_eq!(equity_spread_table(&spread).rows.len(), spread.len());
        let sentence = equity_spread_sentence("SMI health checks", &spread);
        assert!(sentence.contains("percentage points"), "{sentence}");
        assert!(
            sentence.contains("2023 Q1")
                || sentence.contains("2023-Q1")
                || sentence.contains("Jan"),
            "{sentence}"
        );
        assert_eq!(
            in_sentence("Bowel cancer screening"),
            "bowel cancer screening"
        );
        assert_eq!(in_sentence("SMI health checks"), "SMI health checks");
        let rows_sentence = equity_rows_sentence("cervical screening", &rows);
        assert!(rows_sentence.contains("of 10 PCNs"), "{rows_sentence}");
        assert_eq!(
            equity_spread(&w, catalogue::SMI_HEALTH_CHECKS)
                .last()
                .unwrap()
                .period
                .to_string(),
            "2023-Q1"
        );
    }
}
