//! Chart inputs from the engine's page data (`atlas_core::{variation, trajectory,
//! profile, access}`): the funnel, caterpillar and SPC charts of a measure, a
//! trajectory card's chart, a practice's spine chart and the access standard's charts.
//! Names (practice names for codes) come from the caller, in the data's order.

use crate::from_stats::{spc_from_chart, Labels};
use crate::funnel::{FunnelArea, FunnelInput, FunnelLimitRow};
use crate::plot::Significance;
use crate::ranked::{CaterpillarArea, CaterpillarInput, SpineInput, SpineRow};
use crate::timeseries::{
    ForecastValue, LineChartInput, LineSeries, ReferenceLine, SpcInput, TrajectoryInput,
    TrajectoryTarget,
};
use atlas_core::model::{Indicator, Period, Unit};
use atlas_core::profile::{self, SpineRow as ProfileRow};
use atlas_core::stats::benchmark::Comparison;
use atlas_core::stats::ci::Estimate;
use atlas_core::stats::funnel::Significance as EngineSignificance;
use atlas_core::trajectory::{end_month, usual_step, TrajectoryCard};
use atlas_core::variation::{CaterpillarData, FunnelData, SpcData};

/// The reading scale of a measure's values, for an axis: "Percentage (%)",
/// "Rate per 1,000", "Ratio (observed / expected)", "Value".
pub fn value_label(indicator: &Indicator) -> String {
    match indicator.unit {
        Unit::Proportion => "Percentage (%)".to_string(),
        Unit::Rate { per } => format!("Rate per {}", crate::format::thousands(per, 0)),
        Unit::Ratio => "Ratio (observed / expected)".to_string(),
        Unit::Count => "Count".to_string(),
        Unit::Mean => "Value".to_string(),
    }
}

/// Decimal places a measure's values are written with: 2 for ratios, 1 otherwise.
pub fn decimals(indicator: &Indicator) -> usize {
    match indicator.unit {
        Unit::Ratio => 2,
        _ => 1,
    }
}

/// The funnel's denominator axis: patients for proportions, expected events for rates
/// and ratios (the funnel of a rate is drawn as observed over expected).
pub fn funnel_x_label(indicator: &Indicator) -> String {
    match indicator.unit {
        Unit::Proportion => "Denominator (patients)".to_string(),
        _ => "Denominator".to_string(),
    }
}

fn significance(s: Option<EngineSignificance>) -> Significance {
    match s {
        Some(EngineSignificance::High0001) => Significance::High99_8,
        Some(EngineSignificance::High0025) => Significance::High95,
        Some(EngineSignificance::Low0025) => Significance::Low95,
        Some(EngineSignificance::Low0001) => Significance::Low99_8,
        _ => Significance::NotSignificant,
    }
}

/// A funnel plot input from the engine's [`FunnelData`]: one area per practice in the
/// data's order (refused or suppressed rows without a value, so not drawn), the limit
/// curves as the engine sampled them, the benchmark the city's value or England's.
pub fn funnel_input(
    data: &FunnelData,
    indicator: &Indicator,
    names: &[String],
    labels: Labels,
) -> FunnelInput {
    FunnelInput {
        id: labels.id,
        title: labels.title,
        summary: labels.summary,
        x_label: labels.x_label,
        y_label: labels.y_label,
        areas: data
            .areas
            .iter()
            .enumerate()
            .map(|(i, a)| FunnelArea {
                label: names.get(i).cloned().unwrap_or_else(|| a.area_code.clone()),
                denominator: a.denominator,
                value: if a.significance.is_some() {
                    a.value
                } else {
                    f64::NAN
                },
                significance: significance(a.significance),
            })
            .collect(),
        benchmark: data.baseline,
        benchmark_label: data.against.short().to_string(),
        widened: data.adjusted,
        limits: data
            .curve
            .iter()
            .map(|c| FunnelLimitRow {
                denominator: c.denominator,
                lower_95: c.limits_95.lower,
                upper_95: c.limits_95.upper,
                lower_99_8: c.limits_99_8.lower,
                upper_99_8: c.limits_99_8.upper,
            })
            .collect(),
        decimals: decimals(indicator),
    }
}

/// A caterpillar plot input from the engine's [`CaterpillarData`], in its order. The
/// comparison with the city at 95% becomes the marker: above the city (better, worse
/// or higher) an up-triangle, below a down-triangle, similar a circle.
pub fn caterpillar_input(
    data: &CaterpillarData,
    indicator: &Indicator,
    names: &[String],
    labels: Labels,
) -> CaterpillarInput {
    let benchmark = data.benchmark.unwrap_or(f64::NAN);
    CaterpillarInput {
        id: labels.id,
        title: labels.title,
        summary: labels.summary,
        value_label: labels.y_label,
        areas: data
            .bars
            .iter()
            .enumerate()
            .map(|(i, b)| CaterpillarArea {
                label: names.get(i).cloned().unwrap_or_else(|| b.area_code.clone()),
                value: b.value,
                lower: b.interval_95.lower,
                upper: b.interval_95.upper,
                significance: match b.compared {
                    Comparison::Similar | Comparison::NotCompared => Significance::NotSignificant,
                    _ if b.value > benchmark => Significance::High95,
                    _ => Significance::Low95,
                },
            })
            .collect(),
        benchmark,
        benchmark_label: data.against.short().to_string(),
        decimals: decimals(indicator),
    }
}

/// An SPC chart input from the engine's [`SpcData`]: month labels from its periods,
/// the variation and assurance icons in words, and the target (drawn as a line) if any.
pub fn spc_input(
    data: &SpcData,
    indicator: &Indicator,
    target: Option<f64>,
    labels: Labels,
) -> SpcInput {
    let months = data.periods.iter().map(Period::label).collect();
    spc_from_chart(&data.chart, months, target, labels, decimals(indicator))
}

/// A trajectory chart input from a [`TrajectoryCard`]: every month of the actuals,
/// glide path and forecast in order, and the target at the end month of its period.
pub fn trajectory_input(card: &TrajectoryCard, labels: Labels) -> TrajectoryInput {
    // With no target the chart draws the actual series and forecast alone.
    let target_month = card
        .target
        .as_ref()
        .filter(|t| t.target_value.is_finite())
        .map(|t| (end_month(t.target_period), t.target_value));
    let mut months: Vec<Period> = card
        .actual
        .iter()
        .map(|a| a.0)
        .chain(card.glide_path.iter().map(|g| g.0))
        .chain(card.forecast.iter().map(|f| f.period))
        .chain(target_month.map(|(m, _)| m))
        .collect();
    months.sort();
    months.dedup();
    // Months on a time axis: every month from the first to the last, so that a gap
    // takes its width and the line breaks across it. Years and quarters as periods
    // (not months) are evenly spaced already.
    let monthly = months.iter().all(|p| matches!(p, Period::Month { .. }));
    if let (true, Some(&first), Some(&last)) = (monthly, months.first(), months.last()) {
        months = (0..=last.month_index() - first.month_index())
            .map(|i| first.add_months(i))
            .collect();
    }
    let join_within = if monthly {
        usual_step(&card.actual).unwrap_or(1).max(1) as usize
    } else {
        1
    };
    let source_changes = card
        .source_changes
        .iter()
        .filter_map(|c| months.iter().position(|m| m == c))
        .collect();
    let at = |series: &[(Period, f64)], m: Period| {
        series
            .iter()
            .find(|s| s.0 == m)
            .map(|s| s.1)
            .filter(|v| v.is_finite())
    };
    let target = target_month.map(|(month, value)| TrajectoryTarget {
        month: months.iter().position(|m| *m == month).unwrap_or(0),
        value,
        label: format!("Target: {} by {}", trim(value), month.label()),
    });
    TrajectoryInput {
        id: labels.id,
        title: labels.title,
        summary: labels.summary,
        y_label: labels.y_label,
        actual: months.iter().map(|&m| at(&card.actual, m)).collect(),
        glide_path: months.iter().map(|&m| at(&card.glide_path, m)).collect(),
        forecast: months
            .iter()
            .map(|&m| {
                card.forecast
                    .iter()
                    .find(|f| f.period == m)
                    .map(|f| ForecastValue {
                        value: f.value,
                        lower: f.lower,
                        upper: f.upper,
                    })
            })
            .collect(),
        months: months.iter().map(Period::label).collect(),
        target,
        decimals: 1,
        join_within,
        source_changes,
    }
}

fn trim(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round())
    } else {
        format!("{x:.1}")
    }
}

/// A spine chart input from a practice profile: rows with a practice value, against
/// the city, the range and quartiles of practices, the marker by the 95% comparison.
/// Rows without a value (suppressed, not reported) or a city value are left out.
pub fn spine_input(rows: &[ProfileRow], labels: Labels) -> SpineInput {
    SpineInput {
        id: labels.id,
        title: labels.title,
        summary: labels.summary,
        benchmark_label: "City".to_string(),
        ends: {
            let (left, right) = profile::spine_ends(rows);
            (left.to_string(), right.to_string())
        },
        rows: rows
            .iter()
            .filter_map(|r| {
                let value = r.practice_value?;
                Some(SpineRow {
                    indicator: r.name.clone(),
                    value,
                    value_text: profile::value_text(value, r.unit),
                    benchmark: r.city_value?,
                    worst: r.worst,
                    q25: r.worst_quartile,
                    q75: r.best_quartile,
                    best: r.best,
                    comparison: r.compared,
                })
            })
            .collect(),
    }
}

/// A caterpillar of practices' estimates with their 95% intervals against a standard
/// (the vertical line, named `standard_label`): significantly below (upper limit under
/// the standard) a down-triangle, significantly above an up-triangle, else a circle.
/// Used for the access rate against 75 per 1,000 and the face-to-face share against 50%.
pub fn against_standard(
    estimates: &[Estimate],
    names: &[String],
    standard: f64,
    standard_label: &str,
    labels: Labels,
) -> CaterpillarInput {
    CaterpillarInput {
        id: labels.id,
        title: labels.title,
        summary: labels.summary,
        value_label: labels.y_label,
        areas: estimates
            .iter()
            .enumerate()
            .map(|(i, e)| CaterpillarArea {
                label: names.get(i).cloned().unwrap_or_default(),
                value: e.value,
                lower: e.ci_95.lower,
                upper: e.ci_95.upper,
                significance: if e.ci_95.upper < standard {
                    Significance::Low95
                } else if e.ci_95.lower > standard {
                    Significance::High95
                } else {
                    Significance::NotSignificant
                },
            })
            .collect(),
        benchmark: standard,
        benchmark_label: standard_label.to_string(),
        decimals: 1,
    }
}

/// A line chart of one or more monthly series with a reference line (a standard).
pub fn monthly_lines(
    months: &[Period],
    series: Vec<(String, Vec<Option<f64>>)>,
    reference: Option<(f64, String)>,
    labels: Labels,
) -> LineChartInput {
    LineChartInput {
        id: labels.id,
        title: labels.title,
        summary: labels.summary,
        y_label: labels.y_label,
        months: months.iter().map(Period::label).collect(),
        series: series
            .into_iter()
            .map(|(name, values)| LineSeries { name, values })
            .collect(),
        reference: reference.map(|(value, label)| ReferenceLine { value, label }),
        include_zero: false,
        decimals: 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_core::catalogue;
    use atlas_core::default_data::illustrative_city;
    use atlas_core::measures::MeasureContext;
    use atlas_core::variation::{caterpillar_data, funnel_data, measure, spc_data};

    #[test]
    fn variation_charts_keep_one_mark_per_practice() {
        let w = illustrative_city();
        let ctx = MeasureContext::new(&w);
        let bowel = measure(&w, catalogue::CANCER_SCREENING_BOWEL).unwrap();
        let period = ctx.latest_period(&bowel).unwrap();
        let f = funnel_data(
            &w,
            &ctx,
            &bowel,
            period,
            atlas_core::variation::FunnelLimitChoice::Unadjusted,
        )
        .unwrap();
        let names: Vec<String> = f.areas.iter().map(|a| a.area_code.clone()).collect();
        let input = funnel_input(&f, &bowel, &names, Labels::default());
        assert_eq!(input.areas.len(), 55);
        assert_eq!(input.limits.len(), f.curve.len());
        let chart = crate::funnel_plot(&input, crate::Size::new(700, 440));
        assert_eq!(chart.marks.len(), 55);
        let c = caterpillar_data(&w, &ctx, &bowel, period);
        let input = caterpillar_input(&c, &bowel, &names, Labels::default());
        assert_eq!(input.areas.len(), c.bars.len());
        // The legend says where intervals lie against the line, not "limits".
        let svg = crate::caterpillar_plot(&input, crate::Size::new(760, 1000)).svg;
        assert!(svg.contains("Similar (95% interval crosses the line)"));
        assert!(!svg.contains("limit"));
        let spc = spc_data(&w, &ctx, &bowel, "CITY", None, false).unwrap();
        assert_eq!(
            spc_input(&spc, &bowel, None, Labels::default())
                .points
                .len(),
            spc.periods.len()
        );
    }

    #[test]
    fn a_trajectory_legend_names_only_what_is_drawn() {
        // The published record has no figure for the paper's baseline month (April
        // 2022), so the access standard has a target but no glide path.
        let w = atlas_core::default_data::leicester_city();
        let card = atlas_core::trajectory::trajectory_cards(&w, "CITY")
            .into_iter()
            .find(|c| c.id == catalogue::APPOINTMENTS_PER_1000_WEEK)
            .unwrap();
        assert!(card.glide_path.is_empty() && card.target.is_some());
        let size = crate::Size {
            width: 760,
            height: 380,
        };
        let svg =
            crate::timeseries::trajectory_chart(&trajectory_input(&card, Labels::default()), size)
                .svg;
        assert!(!svg.contains("Glide path"));
        assert!(svg.contains(">Target<"), "the target is in the legend");
        let demo = atlas_core::trajectory::trajectory_cards(&illustrative_city(), "CITY");
        let drawn = crate::timeseries::trajectory_chart(
            &trajectory_input(&demo[1], Labels::default()),
            size,
        )
        .svg;
        assert!(drawn.contains("Glide path"));
    }

    #[test]
    fn trajectory_input_puts_the_target_on_its_month() {
        let w = illustrative_city();
        for card in atlas_core::trajectory::trajectory_cards(&w, "CITY") {
            let input = trajectory_input(&card, Labels::default());
            assert_eq!(input.actual.len(), input.months.len());
            assert_eq!(input.forecast.len(), input.months.len());
            if let Some(t) = &input.target {
                let target = card.target.as_ref().expect("a drawn target is the card's");
                assert_eq!(
                    input.months[t.month],
                    end_month(target.target_period).label()
                );
            }
        }
        // A place without targets: the series alone, no target drawn.
        let mut untargeted = w.clone();
        untargeted.targets.clear();
        for card in atlas_core::trajectory::trajectory_cards(&untargeted, "CITY") {
            assert!(trajectory_input(&card, Labels::default()).target.is_none());
        }
    }
}
