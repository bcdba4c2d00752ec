//! Chart inputs from the statistics engine (`atlas_core::stats`): the only place the
//! charts know the engine's types, so the chart inputs stay plain data.

use crate::funnel::{FunnelArea, FunnelInput, FunnelLimitRow};
use crate::plot::Significance;
use crate::timeseries::{SpcInput, SpcLimits, SpcPointInput, SpcPointKind};
use atlas_core::stats::funnel::{
    self as engine_funnel, FunnelLimits, FunnelPlot, Significance as EngineSignificance,
};
use atlas_core::stats::spc::{Assurance, PointType, ProcessLimits, SpcChart, Variation};

/// The words of a chart that the statistics do not supply.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Labels {
    /// A page-unique id for the SVG.
    pub id: String,
    /// The chart title.
    pub title: String,
    /// A one-sentence plain-English summary.
    pub summary: String,
    /// The horizontal axis label with units (unused by SPC charts).
    pub x_label: String,
    /// The vertical axis label with units.
    pub y_label: String,
}

impl From<EngineSignificance> for Significance {
    fn from(s: EngineSignificance) -> Significance {
        match s {
            EngineSignificance::High0001 => Significance::High99_8,
            EngineSignificance::High0025 => Significance::High95,
            EngineSignificance::NotSignificant => Significance::NotSignificant,
            EngineSignificance::Low0025 => Significance::Low95,
            EngineSignificance::Low0001 => Significance::Low99_8,
        }
    }
}

impl From<PointType> for SpcPointKind {
    fn from(p: PointType) -> SpcPointKind {
        match p {
            PointType::CommonCause => SpcPointKind::CommonCause,
            PointType::SpecialCauseImprovement => SpcPointKind::Improvement,
            PointType::SpecialCauseConcern => SpcPointKind::Concern,
            PointType::SpecialCauseNeutralHigh => SpcPointKind::NeutralHigh,
            PointType::SpecialCauseNeutralLow => SpcPointKind::NeutralLow,
        }
    }
}

impl From<ProcessLimits> for SpcLimits {
    fn from(l: ProcessLimits) -> SpcLimits {
        SpcLimits {
            lower: l.lpl,
            upper: l.upl,
            near_lower: l.near_lpl,
            near_upper: l.near_upl,
        }
    }
}

/// The variation icon in words: "Variation: common cause",
/// "Variation: special cause — improvement (high)", and so on.
pub fn variation_text(v: Variation) -> String {
    let what = match v {
        Variation::CommonCause => "common cause",
        Variation::ImprovementHigh => "special cause — improvement (high)",
        Variation::ImprovementLow => "special cause — improvement (low)",
        Variation::ConcernHigh => "special cause — concern (high)",
        Variation::ConcernLow => "special cause — concern (low)",
        Variation::NeutralHigh => "special cause — neutral (high)",
        Variation::NeutralLow => "special cause — neutral (low)",
    };
    format!("Variation: {what}")
}

/// The assurance icon in words: "Assurance: pass", "Assurance: fail",
/// "Assurance: hit and miss".
pub fn assurance_text(a: Assurance) -> String {
    let what = match a {
        Assurance::Pass => "pass",
        Assurance::Fail => "fail",
        Assurance::HitAndMiss => "hit and miss",
    };
    format!("Assurance: {what}")
}

fn limit_row(denominator: f64, limits: &FunnelLimits, scale: f64) -> FunnelLimitRow {
    FunnelLimitRow {
        denominator,
        lower_95: limits.limits_95.lower * scale,
        upper_95: limits.limits_95.upper * scale,
        lower_99_8: limits.limits_99_8.lower * scale,
        upper_99_8: limits.limits_99_8.upper * scale,
    }
}

/// `count` denominators spaced evenly on a log scale from `lo` to `hi` (both > 0).
fn log_spaced(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    if !(lo > 0.0 && hi >= lo) {
        return Vec::new();
    }
    (0..count)
        .map(|i| lo * (hi / lo).powf(i as f64 / (count - 1).max(1) as f64))
        .collect()
}

/// A funnel plot input from the engine's funnel of proportions.
///
/// `rows` are the `(numerator, denominator)` rows the plot was made from and `names`
/// the areas' names, in the same order. Values and limits are multiplied by `scale`
/// (100 for percentages). The limit curves are recomputed at 80 denominators spanning
/// the areas', with the plot's overdispersion when it has one. Rows the engine could
/// not place keep their place with a missing value (not drawn).
pub fn funnel_from_proportions(
    plot: &FunnelPlot,
    rows: &[(f64, f64)],
    names: &[String],
    scale: f64,
    labels: Labels,
    benchmark_label: &str,
    decimals: usize,
) -> FunnelInput {
    let limits_at = |n: f64| match plot.overdispersion {
        Some(od) => {
            engine_funnel::proportion_limits_overdispersed(plot.baseline, n, od.tau_squared)
        }
        None => engine_funnel::proportion_limits(plot.baseline, n),
    };
    funnel_input(
        plot,
        rows,
        names,
        scale,
        labels,
        benchmark_label,
        decimals,
        limits_at,
    )
}

/// A funnel plot input from the engine's funnel of ratios (observed / expected):
/// x is the expected count. See [`funnel_from_proportions`].
pub fn funnel_from_ratios(
    plot: &FunnelPlot,
    rows: &[(f64, f64)],
    names: &[String],
    labels: Labels,
    benchmark_label: &str,
    decimals: usize,
) -> FunnelInput {
    let limits_at = |e: f64| match plot.overdispersion {
        Some(od) => engine_funnel::ratio_limits_overdispersed(e, od.tau_squared),
        None => engine_funnel::ratio_limits(e),
    };
    funnel_input(
        plot,
        rows,
        names,
        1.0,
        labels,
        benchmark_label,
        decimals,
        limits_at,
    )
}

#[allow(clippy::too_many_arguments)]
fn funnel_input<E>(
    plot: &FunnelPlot,
    rows: &[(f64, f64)],
    names: &[String],
    scale: f64,
    labels: Labels,
    benchmark_label: &str,
    decimals: usize,
    limits_at: impl Fn(f64) -> Result<FunnelLimits, E>,
) -> FunnelInput {
    let areas: Vec<FunnelArea> = plot
        .points
        .iter()
        .enumerate()
        .map(|(i, point)| {
            let denominator = rows.get(i).map(|r| r.1).unwrap_or(f64::NAN);
            let label = names
                .get(i)
                .cloned()
                .unwrap_or_else(|| format!("Area {}", i + 1));
            match point {
                Ok(p) => FunnelArea {
                    label,
                    denominator,
                    value: p.value * scale,
                    significance: p.significance.into(),
                },
                Err(_) => FunnelArea {
                    label,
                    denominator,
                    value: f64::NAN,
                    significance: Significance::NotSignificant,
                },
            }
        })
        .collect();
    let placed = || {
        areas
            .iter()
            .filter(|a| a.value.is_finite() && a.denominator > 0.0)
            .map(|a| a.denominator)
    };
    let lo = placed().fold(f64::INFINITY, f64::min);
    let hi = placed().fold(0.0, f64::max);
    let limits = log_spaced(lo, hi * 1.25, 80)
        .into_iter()
        .filter_map(|n| limits_at(n).ok().map(|l| limit_row(n, &l, scale)))
        .collect();
    FunnelInput {
        id: labels.id,
        title: labels.title,
        summary: labels.summary,
        x_label: labels.x_label,
        y_label: labels.y_label,
        areas,
        benchmark: plot.baseline * scale,
        benchmark_label: benchmark_label.to_string(),
        limits,
        decimals,
        widened: plot.overdispersion.is_some_and(|o| o.tau_squared > 0.0),
    }
}

/// An SPC chart input from the engine's XmR chart, with one month label per point and
/// the target the chart was assessed against. The variation and assurance icons are
/// written in words ([`variation_text`], [`assurance_text`]).
pub fn spc_from_chart(
    chart: &SpcChart,
    months: Vec<String>,
    target: Option<f64>,
    labels: Labels,
    decimals: usize,
) -> SpcInput {
    SpcInput {
        id: labels.id,
        title: labels.title,
        summary: labels.summary,
        y_label: labels.y_label,
        months,
        points: chart
            .points
            .iter()
            .map(|p| SpcPointInput {
                value: p.value,
                mean: p.mean,
                limits: p.limits.map(SpcLimits::from),
                kind: p.point_type.into(),
            })
            .collect(),
        target,
        show_two_sigma: true,
        variation: Some(variation_text(chart.variation)),
        assurance: chart.assurance.map(assurance_text),
        decimals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_core::stats::funnel::funnel_proportions;
    use atlas_core::stats::spc::{xmr, SpcSettings};

    #[test]
    fn funnel_of_proportions_keeps_rows_in_order_with_curves() {
        let rows = [
            (30.0, 1000.0),
            (200.0, 5000.0),
            (5.0, 0.0),
            (900.0, 20000.0),
        ];
        let plot = funnel_proportions(&rows, None, false).unwrap();
        let names: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
        let input =
            funnel_from_proportions(&plot, &rows, &names, 100.0, Labels::default(), "All", 1);
        assert_eq!(input.areas.len(), 4);
        assert!((input.areas[0].value - 3.0).abs() < 1e-9);
        assert!(input.areas[2].value.is_nan(), "invalid row kept, not drawn");
        assert_eq!(input.limits.len(), 80);
        assert!(input
            .limits
            .windows(2)
            .all(|w| w[0].denominator < w[1].denominator));
        for row in &input.limits {
            assert!(row.lower_99_8 <= row.lower_95 && row.upper_95 <= row.upper_99_8);
        }
        assert!((input.benchmark - plot.baseline * 100.0).abs() < 1e-12);
    }

    #[test]
    fn funnel_of_ratios_uses_expected_counts_and_draws() {
        use atlas_core::stats::funnel::funnel_ratios;
        let rows: Vec<(f64, f64)> = (1..=20)
            .map(|i| (10.0 * i as f64 + (i % 3) as f64 * 4.0, 10.0 * i as f64))
            .collect();
        let plot = funnel_ratios(&rows, true);
        let names: Vec<String> = (1..=20).map(|i| format!("Area {i}")).collect();
        let input = funnel_from_ratios(&plot, &rows, &names, Labels::default(), "Expected", 2);
        assert_eq!(input.areas.len(), 20);
        assert_eq!(input.benchmark, 1.0);
        assert!(!input.limits.is_empty());
        let chart = crate::funnel_plot(&input, crate::Size::new(700, 420));
        assert_eq!(chart.marks.len(), 20);
        assert!(chart.marks.iter().all(|m| m.width > 0.0));
    }

    #[test]
    fn spc_chart_maps_points_and_icons() {
        let values: Vec<f64> = (0..24)
            .map(|i| if i < 16 { 80.0 + (i % 3) as f64 } else { 95.0 })
            .collect();
        let settings = SpcSettings {
            target: Some(85.0),
            ..SpcSettings::default()
        };
        let chart = xmr(&values, &settings).unwrap();
        let months = (0..24).map(|i| format!("M{i}")).collect();
        let input = spc_from_chart(&chart, months, Some(85.0), Labels::default(), 0);
        assert_eq!(input.points.len(), 24);
        assert!(input
            .points
            .iter()
            .any(|p| p.kind == SpcPointKind::Improvement));
        assert!(input
            .variation
            .as_deref()
            .unwrap()
            .starts_with("Variation: "));
        assert_eq!(
            variation_text(Variation::ImprovementHigh),
            "Variation: special cause — improvement (high)"
        );
        assert_eq!(
            assurance_text(Assurance::HitAndMiss),
            "Assurance: hit and miss"
        );
    }
}
