//! Native tests of the statistical charts, on realistic sample data (55 practices,
//! list sizes 900–22,000, appointments per 1,000 patients per week 55–110). Each test
//! also saves its chart to `target/chart-samples/` for people to look at.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use atlas_charts::*;
use atlas_core::stats::benchmark::Comparison;
use common::*;
use std::path::PathBuf;

const SIZE: Size = Size::new(860, 520);

fn save(name: &str, svg: &str) {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("chart-samples");
    std::fs::create_dir_all(&dir).expect("create target/chart-samples");
    std::fs::write(dir.join(format!("{name}.svg")), svg).unwrap();
}

/// A small deterministic generator (64-bit LCG), uniform in 0–1.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Approximately standard normal (sum of 12 uniforms).
    fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.next()).sum::<f64>() - 6.0
    }
}

const NAMES: [&str; 11] = [
    "The Willows Medical Centre",
    "Highfields Surgery",
    "St Peter's Health Centre",
    "Spinney Hill Medical Centre",
    "Dr Kapur & Partners",
    "Westcotes Health Centre",
    "Humberstone Medical Centre",
    "Beaumont Leys Health Centre",
    "Charnwood Practice",
    "Clarendon Park Surgery",
    "Evington Medical Centre",
];

/// 55 practices: (name, list size, appointments per 1,000 patients per week).
fn practices() -> Vec<(String, f64, f64)> {
    let mut rng = Lcg(42);
    (0..55)
        .map(|i| {
            let name = format!("{} {}", NAMES[i % NAMES.len()], i / NAMES.len() + 1);
            let list = (900.0 + 21_100.0 * rng.next().powf(1.6)).round();
            let rate =
                (80.0 + 6.5 * rng.normal() + 240.0 / (list / 1000.0).sqrt() * rng.normal() * 0.2)
                    .clamp(55.0, 110.0);
            (name, list, (rate * 10.0).round() / 10.0)
        })
        .collect()
}

const BENCH: f64 = 80.0;

/// Funnel limits for a weekly rate per 1,000 around [`BENCH`] (normal approximation
/// to Poisson), inflated for overdispersion.
fn rate_limits(list: f64) -> FunnelLimitRow {
    let sd = (BENCH * 1000.0 / list + 40.0).sqrt();
    FunnelLimitRow {
        denominator: list,
        lower_95: BENCH - 1.96 * sd,
        upper_95: BENCH + 1.96 * sd,
        lower_99_8: BENCH - 3.09 * sd,
        upper_99_8: BENCH + 3.09 * sd,
    }
}

fn significance(value: f64, l: &FunnelLimitRow) -> Significance {
    if value > l.upper_99_8 {
        Significance::High99_8
    } else if value > l.upper_95 {
        Significance::High95
    } else if value < l.lower_99_8 {
        Significance::Low99_8
    } else if value < l.lower_95 {
        Significance::Low95
    } else {
        Significance::NotSignificant
    }
}

pub fn funnel_input() -> FunnelInput {
    let areas = practices()
        .into_iter()
        .map(|(label, list, value)| FunnelArea {
            significance: significance(value, &rate_limits(list)),
            label,
            denominator: list,
            value,
        })
        .collect();
    FunnelInput {
        id: "funnel".to_string(),
        title: "GP appointments per 1,000 patients per week, by practice list size".to_string(),
        summary: "Funnel plot of 55 practices.".to_string(),
        x_label: "Registered patients".to_string(),
        y_label: "Appointments per 1,000 patients per week".to_string(),
        areas,
        benchmark: BENCH,
        benchmark_label: "Leicester City average".to_string(),
        limits: (0..=80)
            .map(|i| rate_limits(800.0 * (30.0f64).powf(i as f64 / 80.0)))
            .collect(),
        decimals: 1,
        widened: false,
    }
}

#[test]
fn funnel_plot_draws_every_area_with_limits_and_a_legend() {
    let input = funnel_input();
    let chart = funnel_plot(&input, SIZE);
    save("funnel", &chart.svg);
    check_well_formed(&chart.svg);
    assert_labelled(&chart, "funnel");
    assert_eq!(chart.marks.len(), 55);
    assert_eq!(count_any(&chart.svg, "point"), 55);
    assert_eq!(count(&chart.svg, "g", "limit"), 2, "two dashed 95% curves");
    assert_eq!(
        count(&chart.svg, "polyline", "limit"),
        2,
        "two solid 99.8% curves"
    );
    assert_eq!(count(&chart.svg, "polyline", "benchmark"), 1);
    let texts = texts(&chart.svg);
    for s in Significance::ALL {
        assert!(texts.iter().any(|t| t == s.label()), "{}", s.label());
    }
    for expected in [
        "95% limits",
        "99.8% limits",
        "Leicester City average (80.0)",
    ] {
        assert!(texts.iter().any(|t| t == expected), "{expected}");
    }
    assert_marks_inside(&chart, SIZE);
    // Larger lists sit further right.
    let (a, b) = (&input.areas[0], &input.areas[1]);
    assert_eq!(
        a.denominator < b.denominator,
        chart.marks[0].x < chart.marks[1].x
    );
    assert_eq!(funnel_plot(&input, SIZE), chart, "deterministic");
}

#[test]
fn a_funnel_of_thousands_draws_each_kind_of_point_as_one_path() {
    let one = funnel_input();
    let mut input = one.clone();
    input.areas = (0..CROWDED_POINTS * 3)
        .map(|i| one.areas[i % one.areas.len()].clone())
        .collect();
    let chart = funnel_plot(&input, SIZE);
    check_well_formed(&chart.svg);
    assert_labelled(&chart, "funnel");
    assert_eq!(chart.marks.len(), CROWDED_POINTS * 3);
    assert_marks_inside(&chart, SIZE);
    // No element (or tooltip) per point: one path per kind of point drawn.
    assert_eq!(count_any(&chart.svg, "point"), 0);
    let kinds: std::collections::HashSet<_> = input.areas.iter().map(|a| a.significance).collect();
    assert_eq!(count(&chart.svg, "path", "points"), kinds.len());
    assert_eq!(chart.svg.matches(" Z").count(), CROWDED_POINTS * 3);
}

#[test]
fn funnel_names_are_escaped_and_empty_input_is_handled() {
    let mut input = funnel_input();
    input.areas[0].label = MALICIOUS.to_string();
    input.title = MALICIOUS.to_string();
    let chart = funnel_plot(&input, SIZE);
    let names = check_well_formed(&chart.svg);
    assert!(!names.iter().any(|n| n == "img"));
    assert!(chart.svg.contains("&lt;img src=x onerror=alert(1)&gt;"));

    input.areas.clear();
    let chart = funnel_plot(&input, SIZE);
    check_well_formed(&chart.svg);
    assert!(chart.marks.is_empty());
    assert!(texts(&chart.svg).iter().any(|t| t.contains("No data")));
}

/// `count` month labels from April 2019: "Apr 2019", "May 2019", …
fn months(count: usize) -> Vec<String> {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    (0..count)
        .map(|i| {
            let m = 3 + i;
            format!("{} {}", NAMES[m % 12], 2019 + m / 12)
        })
        .collect()
}

fn spc_input() -> SpcInput {
    use atlas_charts::from_stats::{spc_from_chart, Labels};
    use atlas_core::stats::spc::{xmr, SpcSettings};
    let mut rng = Lcg(7);
    let values: Vec<f64> = (0..36)
        .map(|i| {
            let level = if i < 24 { 78.0 } else { 86.0 };
            ((level + 3.0 * rng.normal()) * 10.0).round() / 10.0
        })
        .collect();
    let settings = SpcSettings {
        target: Some(85.0),
        ..SpcSettings::default()
    };
    let chart = xmr(&values, &settings).unwrap();
    spc_from_chart(
        &chart,
        months(36),
        Some(85.0),
        Labels {
            id: "spc".to_string(),
            title: "Appointments per 1,000 patients per week, Leicester City".to_string(),
            summary: "XmR chart of 36 months.".to_string(),
            x_label: String::new(),
            y_label: "Appointments per 1,000 per week".to_string(),
        },
        1,
    )
}

#[test]
fn spc_chart_marks_special_causes_by_shape_and_writes_the_icons() {
    let input = spc_input();
    let chart = spc_chart(&input, SIZE);
    save("spc", &chart.svg);
    check_well_formed(&chart.svg);
    assert_labelled(&chart, "spc");
    assert_eq!(chart.marks.len(), 36);
    assert_eq!(count_any(&chart.svg, "point"), 36);
    assert!(count(&chart.svg, "polyline", "mean") >= 1);
    assert!(count(&chart.svg, "g", "process-limit") >= 2);
    assert!(count(&chart.svg, "g", "two-sigma") >= 2);
    assert_eq!(count(&chart.svg, "polyline", "target"), 1);
    let texts = texts(&chart.svg);
    assert!(
        texts.iter().any(|t| t.starts_with("Variation: ")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.starts_with("Assurance: ")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t == "Mar 2022"), "last month labelled");
    assert!(texts.iter().any(|t| t == "Process limits"));
    // Thinned: fewer month labels than months, never overlapping.
    let month_labels: Vec<&String> = texts.iter().filter(|t| t.contains(" 20")).collect();
    assert!(
        month_labels.len() < 36 && month_labels.len() >= 6,
        "{month_labels:?}"
    );
    // Special-cause points exist and are not drawn as common-cause circles.
    assert!(input
        .points
        .iter()
        .any(|p| p.kind != SpcPointKind::CommonCause));
    assert_marks_inside(&chart, SIZE);
    assert_eq!(spc_chart(&input, SIZE), chart);
}

fn trajectory_input() -> TrajectoryInput {
    let n = 30;
    let actual_months = 20;
    let mut rng = Lcg(11);
    let actual: Vec<Option<f64>> = (0..actual_months)
        .map(|i| Some(((70.0 + 0.4 * i as f64 + 2.0 * rng.normal()) * 10.0).round() / 10.0))
        .collect();
    let glide_path = (0..n)
        .map(|i| Some(70.0 + 15.0 * i as f64 / (n - 1) as f64))
        .collect();
    let forecast = (0..n)
        .map(|i| {
            (i + 1 >= actual_months).then(|| {
                let h = (i + 1 - actual_months) as f64;
                let value = 78.0 + 0.4 * h;
                ForecastValue {
                    value,
                    lower: value - 1.5 - 0.6 * h,
                    upper: value + 1.5 + 0.6 * h,
                }
            })
        })
        .collect();
    TrajectoryInput {
        id: "trajectory".to_string(),
        title: "Appointments per 1,000 patients per week: trajectory to March 2022".to_string(),
        summary: "Actuals, glide path and forecast.".to_string(),
        y_label: "Appointments per 1,000 per week".to_string(),
        months: months(n),
        actual,
        glide_path,
        forecast,
        target: Some(TrajectoryTarget {
            month: n - 1,
            value: 85.0,
            label: "Target: 85 by Sep 2021".to_string(),
        }),
        decimals: 1,
        join_within: 1,
        source_changes: Vec::new(),
    }
}

#[test]
fn trajectory_chart_draws_actuals_glide_path_forecast_and_target() {
    let input = trajectory_input();
    let chart = trajectory_chart(&input, SIZE);
    save("trajectory", &chart.svg);
    check_well_formed(&chart.svg);
    assert_labelled(&chart, "trajectory");
    assert_eq!(chart.marks.len(), 30);
    assert_eq!(count_any(&chart.svg, "point"), 20, "one point per actual");
    assert_eq!(count(&chart.svg, "polyline", "actual"), 1);
    assert_eq!(count(&chart.svg, "g", "glide-path"), 1);
    assert_eq!(count(&chart.svg, "g", "forecast"), 1);
    assert_eq!(count(&chart.svg, "polygon", "forecast-interval"), 1);
    assert_eq!(count(&chart.svg, "polyline", "latest"), 1);
    assert_eq!(count(&chart.svg, "polygon", "target"), 1);
    let texts = texts(&chart.svg);
    for expected in [
        "Actual",
        "Glide path",
        "Forecast",
        "Forecast interval",
        "Target: 85 by Sep 2021",
        "Latest: Nov 2020",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected} in {texts:?}"
        );
    }
    assert_marks_inside(&chart, SIZE);
    assert_eq!(trajectory_chart(&input, SIZE), chart);
}

#[test]
fn a_trajectory_breaks_its_line_across_a_gap_and_marks_a_change_of_source() {
    // Months 0–9 and 20–29 with nothing between: two lines, and the change of source
    // at month 20 drawn and named.
    let mut input = trajectory_input();
    input.actual = (0..30)
        .map(|i| (!(10..20).contains(&i)).then_some(70.0 + i as f64))
        .collect();
    input.forecast = vec![None; 30];
    input.source_changes = vec![20];
    let chart = trajectory_chart(&input, SIZE);
    save("trajectory-gap", &chart.svg);
    check_well_formed(&chart.svg);
    assert_eq!(
        count(&chart.svg, "polyline", "actual"),
        2,
        "broken at the gap"
    );
    assert_eq!(count(&chart.svg, "g", "source-change"), 1);
    let named = texts(&chart.svg);
    assert_eq!(
        named.iter().filter(|t| *t == "Change of source").count(),
        2,
        "label and legend"
    );
    // A quarterly series (every third month) is joined when join_within is 3.
    input.actual = (0..30).map(|i| (i % 3 == 0).then_some(70.0)).collect();
    input.source_changes = Vec::new();
    input.join_within = 3;
    let chart = trajectory_chart(&input, SIZE);
    assert_eq!(count(&chart.svg, "polyline", "actual"), 1);
    assert!(!texts(&chart.svg).iter().any(|t| t == "Change of source"));
    // Joined only month to month, every quarter stands alone: points, no line.
    input.join_within = 1;
    let chart = trajectory_chart(&input, SIZE);
    assert_eq!(count(&chart.svg, "polyline", "actual"), 0);
    assert_eq!(count_any(&chart.svg, "point"), 10);
}

fn line_input() -> LineChartInput {
    let mut rng = Lcg(3);
    let series = [
        "Most deprived fifth",
        "Middle fifth",
        "Least deprived fifth",
    ]
    .iter()
    .enumerate()
    .map(|(k, name)| LineSeries {
        name: name.to_string(),
        values: (0..24)
            .map(|i| {
                (k != 1 || i != 5).then(|| {
                    ((68.0 + 7.0 * k as f64 + 0.3 * i as f64 + 2.0 * rng.normal()) * 10.0).round()
                        / 10.0
                })
            })
            .collect(),
    })
    .collect();
    LineChartInput {
        id: "equity".to_string(),
        title: "Appointments per 1,000 patients per week by deprivation fifth".to_string(),
        summary: "Three series over 24 months.".to_string(),
        y_label: "Appointments per 1,000 per week".to_string(),
        months: months(24),
        series,
        reference: Some(ReferenceLine {
            value: 75.0,
            label: "Standard: 75 per 1,000 per week".to_string(),
        }),
        include_zero: false,
        decimals: 1,
    }
}

#[test]
fn line_chart_draws_each_series_with_a_legend_and_the_reference() {
    let input = line_input();
    let chart = line_chart(&input, SIZE);
    save("line", &chart.svg);
    check_well_formed(&chart.svg);
    assert_labelled(&chart, "equity");
    assert_eq!(chart.marks.len(), 72);
    assert_eq!(count_any(&chart.svg, "point"), 71, "one value missing");
    assert_eq!(chart.marks[24 + 5].width, 0.0);
    assert_eq!(count(&chart.svg, "g", "series"), 3);
    let labels = texts(&chart.svg);
    for s in &input.series {
        assert!(labels.contains(&s.name), "{}", s.name);
    }
    assert!(labels.iter().any(|t| t.starts_with("Standard: 75")));
    assert_marks_inside(&chart, SIZE);
    for (i, m) in chart.marks.iter().enumerate() {
        assert_eq!(m.index, i);
    }

    // One series: no legend.
    let mut one = input.clone();
    one.series.truncate(1);
    one.id = "access".to_string();
    one.title = "Appointments per 1,000 patients per week, Leicester City".to_string();
    one.series[0].name = "Leicester City".to_string();
    let chart = line_chart(&one, SIZE);
    save("line-single", &chart.svg);
    check_well_formed(&chart.svg);
    assert!(
        !texts(&chart.svg).iter().any(|t| t == "Leicester City"),
        "no legend"
    );
    assert_eq!(chart.marks.len(), 24);
}

#[test]
fn time_series_escape_names_and_handle_empty_input() {
    let mut input = line_input();
    input.series[0].name = MALICIOUS.to_string();
    input.months[0] = MALICIOUS.to_string();
    let chart = line_chart(&input, SIZE);
    let names = check_well_formed(&chart.svg);
    assert!(!names.iter().any(|n| n == "img"));

    let mut spc = spc_input();
    spc.variation = Some(MALICIOUS.to_string());
    let chart = spc_chart(&spc, SIZE);
    check_well_formed(&chart.svg);
    assert!(texts(&chart.svg).iter().any(|t| t == MALICIOUS));
    spc.points.clear();
    spc.months.clear();
    let chart = spc_chart(&spc, SIZE);
    check_well_formed(&chart.svg);
    assert!(chart.marks.is_empty());

    let mut t = trajectory_input();
    t.months.clear();
    let chart = trajectory_chart(&t, SIZE);
    check_well_formed(&chart.svg);
    assert!(chart.marks.is_empty());
}

fn caterpillar_input() -> CaterpillarInput {
    let areas = practices()
        .into_iter()
        .map(|(label, list, value)| {
            // A Poisson-style 95% interval for a weekly rate per 1,000.
            let half = 1.96 * (value * 1000.0 / list).sqrt();
            let (lower, upper) = (value - half, value + half);
            let significance = if lower > BENCH {
                Significance::High95
            } else if upper < BENCH {
                Significance::Low95
            } else {
                Significance::NotSignificant
            };
            CaterpillarArea {
                label,
                value,
                lower,
                upper,
                significance,
            }
        })
        .collect();
    CaterpillarInput {
        id: "caterpillar".to_string(),
        title: "GP appointments per 1,000 patients per week, practices ranked".to_string(),
        summary: "55 practices ranked with 95% confidence intervals.".to_string(),
        value_label: "Appointments per 1,000 patients per week".to_string(),
        areas,
        benchmark: BENCH,
        benchmark_label: "Leicester City average".to_string(),
        decimals: 1,
    }
}

const TALL: Size = Size::new(860, 1000);

#[test]
fn a_caterpillar_of_thousands_draws_a_band_without_names() {
    let one = caterpillar_input();
    let mut input = one.clone();
    input.areas = (0..2_000)
        .map(|i| {
            let mut area = one.areas[i % one.areas.len()].clone();
            area.label = format!("Practice {i}");
            area
        })
        .collect();
    let size = Size::new(760, 640);
    let chart = caterpillar_plot(&input, size);
    save("caterpillar-crowded", &chart.svg);
    check_well_formed(&chart.svg);
    assert_labelled(&chart, "caterpillar");
    assert_eq!(chart.marks.len(), 2_000);
    // Every interval in one path; one path per kind of point, one shape per row.
    assert_eq!(count(&chart.svg, "path", "interval"), 1);
    assert_eq!(chart.svg.matches("<path").count(), 1 + 3);
    let not_significant = input
        .areas
        .iter()
        .filter(|a| a.significance == Significance::NotSignificant)
        .count();
    assert_eq!(
        chart.svg.matches(" a11 11 0 1 0 22 0 ").count(),
        not_significant
    );
    assert_eq!(
        chart.svg.matches(" Z").count(),
        2_000,
        "one closed shape per row"
    );
    // No row is named (they could not be read); the axis says what the rows are.
    assert_eq!(count(&chart.svg, "g", "category"), 0);
    let labels = texts(&chart.svg);
    assert!(!labels.iter().any(|t| t == "Practice 7"));
    assert!(labels
        .iter()
        .any(|t| t == "2,000 areas, ranked highest first (named in the table view)"));
    assert_marks_inside(&chart, size);
    // The same rows with room to spare are named.
    input.areas.truncate(40);
    let named = caterpillar_plot(&input, size);
    assert_eq!(count(&named.svg, "g", "category"), 40);
}

#[test]
fn caterpillar_ranks_areas_with_intervals_and_keeps_marks_in_input_order() {
    let input = caterpillar_input();
    let chart = caterpillar_plot(&input, TALL);
    save("caterpillar", &chart.svg);
    check_well_formed(&chart.svg);
    assert_labelled(&chart, "caterpillar");
    assert_eq!(chart.marks.len(), 55);
    assert_eq!(count_any(&chart.svg, "point"), 55);
    assert_eq!(count(&chart.svg, "polyline", "interval"), 55);
    assert_eq!(count(&chart.svg, "g", "category"), 55);
    for (i, m) in chart.marks.iter().enumerate() {
        assert_eq!(m.index, i);
    }
    // Higher values are drawn higher up (smaller y).
    let (a, b) = (&input.areas[0], &input.areas[1]);
    if a.value != b.value {
        assert_eq!(a.value > b.value, chart.marks[0].y < chart.marks[1].y);
    }
    let labels = texts(&chart.svg);
    assert!(labels.iter().any(|t| t == "95% confidence interval"));
    assert!(labels.iter().any(|t| t == &input.areas[0].label));
    assert_marks_inside(&chart, TALL);
    assert_eq!(caterpillar_plot(&input, TALL), chart);

    let mut bad = input.clone();
    bad.areas[3].label = MALICIOUS.to_string();
    bad.areas[4].value = f64::NAN;
    let chart = caterpillar_plot(&bad, TALL);
    check_well_formed(&chart.svg);
    assert!(chart.svg.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert_eq!(chart.marks[4].width, 0.0);
    assert!(!chart.svg.contains("NaN"));
}

fn spine_input() -> SpineInput {
    let rows = [
        (
            "GP appointments per 1,000 patients per week",
            82.4,
            80.0,
            55.0,
            72.0,
            88.0,
            110.0,
            Comparison::Similar,
        ),
        (
            "Appointments seen within two weeks of booking (%)",
            91.0,
            84.0,
            68.0,
            80.0,
            88.0,
            95.0,
            Comparison::Better,
        ),
        (
            "Did not attend (%)",
            6.8,
            4.9,
            9.5,
            6.0,
            4.0,
            2.1,
            Comparison::Worse,
        ),
        (
            "Face-to-face appointments (%)",
            66.0,
            70.0,
            48.0,
            63.0,
            75.0,
            86.0,
            Comparison::Similar,
        ),
        (
            "Patients with a named care coordinator, very long indicator name to wrap",
            40.0,
            40.0,
            10.0,
            30.0,
            50.0,
            70.0,
            Comparison::NotCompared,
        ),
    ];
    SpineInput {
        id: "spine".to_string(),
        title: "Highfields Surgery compared with Leicester City".to_string(),
        summary: "Five indicators against the city benchmark.".to_string(),
        benchmark_label: "Leicester City".to_string(),
        ends: ("Worst".to_string(), "Best".to_string()),
        rows: rows
            .iter()
            .map(
                |&(name, value, bench, worst, q25, q75, best, comparison)| SpineRow {
                    indicator: name.to_string(),
                    value,
                    value_text: format!("{value:.1}"),
                    benchmark: bench,
                    worst,
                    q25,
                    q75,
                    best,
                    comparison,
                },
            )
            .collect(),
    }
}

#[test]
fn spine_chart_draws_a_row_per_indicator() {
    let input = spine_input();
    let chart = spine_chart(&input, SIZE);
    save("spine", &chart.svg);
    check_well_formed(&chart.svg);
    assert_labelled(&chart, "spine");
    assert_eq!(chart.marks.len(), 5);
    assert_eq!(count_any(&chart.svg, "point"), 5);
    assert_eq!(count(&chart.svg, "rect", "range"), 5);
    assert_eq!(count(&chart.svg, "rect", "quartiles"), 5);
    assert_eq!(count(&chart.svg, "polyline", "benchmark"), 1);
    let labels = texts(&chart.svg);
    for expected in [
        "Worst",
        "Best",
        "Better than benchmark",
        "Worse than benchmark",
        "82.4",
    ] {
        assert!(
            labels.iter().any(|t| t == expected),
            "{expected} in {labels:?}"
        );
    }
    // "Did not attend": lower is better, so its lower-than-benchmark... worse value
    // (6.8 > 4.9) sits left of the centre line.
    let centre = chart.marks[0].x - (chart.marks[0].x - chart.marks[3].x) / 2.0;
    let _ = centre;
    assert!(chart.marks[1].x > chart.marks[2].x, "better right of worse");
    assert_marks_inside(&chart, SIZE);
    assert_eq!(spine_chart(&input, SIZE), chart);
}

#[test]
fn a_spine_of_prevalence_runs_lowest_to_highest_with_higher_and_lower_marked() {
    let mut input = spine_input();
    input.ends = ("Lowest".to_string(), "Highest".to_string());
    input.rows[0].comparison = Comparison::Higher;
    input.rows[1].comparison = Comparison::Lower;
    let chart = spine_chart(&input, SIZE);
    let labels = texts(&chart.svg);
    for expected in [
        "Lowest",
        "Highest",
        "Range: lowest to highest",
        "Higher than benchmark (no better or worse)",
        "Lower than benchmark (no better or worse)",
    ] {
        assert!(
            labels.iter().any(|t| t == expected),
            "{expected} in {labels:?}"
        );
    }
    assert!(!labels.iter().any(|t| t == "Worst" || t == "Best"));
}

#[test]
fn no_text_overlaps_at_common_sizes() {
    for (w, h) in [(640, 420), (860, 520), (1100, 700)] {
        let size = Size::new(w, h);
        let (wf, hf) = (f64::from(w), f64::from(h));
        let charts = [
            ("funnel", funnel_plot(&funnel_input(), size)),
            ("spc", spc_chart(&spc_input(), size)),
            ("trajectory", trajectory_chart(&trajectory_input(), size)),
            ("line", line_chart(&line_input(), size)),
            ("spine", spine_chart(&spine_input(), size)),
        ];
        for (name, chart) in charts {
            eprintln!("{name} at {w}x{h}");
            if w == 640 {
                save(&format!("small-{name}"), &chart.svg);
            }
            assert_no_text_overlap(&chart.svg, wf, hf);
        }
        let workspace = atlas_core::default_data::illustrative_city();
        let bars = bar_chart(&workspace::pcn_list_sizes(&workspace), size);
        assert_no_text_overlap(&bars.svg, wf, hf);
        let map = practice_map(&workspace::practice_map_input(&workspace), size);
        assert_no_text_overlap(&map.svg, wf, hf);
        let tall = Size::new(w, 1000);
        let chart = caterpillar_plot(&caterpillar_input(), tall);
        eprintln!("caterpillar at {w}x1000");
        assert_no_text_overlap(&chart.svg, wf, 1000.0);
    }
}

#[test]
fn the_overlap_check_finds_overlaps() {
    let k = SUPERSAMPLE;
    let text = |x: u32| {
        format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"{}\">Overlapping words</text>",
            x * k,
            20 * k,
            12 * k
        )
    };
    let svg = format!(
        "<svg>{}{}{}{}{}</svg>",
        text(10),
        text(40),
        text(300),
        text(500),
        text(700)
    );
    let caught = std::panic::catch_unwind(|| assert_no_text_overlap(&svg, 900.0, 100.0));
    assert!(caught.is_err());
}

#[test]
fn a_legend_too_tall_for_its_column_moves_to_the_foot() {
    let mut input = line_input();
    let base = input.series[0].clone();
    input.series = (0..10)
        .map(|k| LineSeries {
            name: format!("Primary Care Network number {}", k + 1),
            values: base
                .values
                .iter()
                .map(|v| v.map(|v| v + 2.0 * k as f64))
                .collect(),
        })
        .collect();
    let size = Size::new(640, 360);
    let chart = line_chart(&input, size);
    save("small-line-many", &chart.svg);
    check_well_formed(&chart.svg);
    assert_no_text_overlap(&chart.svg, 640.0, 360.0);
    assert_marks_inside(&chart, size);
    let labels = texts(&chart.svg);
    for k in 1..=10 {
        let name = format!("Primary Care Network number {k}");
        assert!(labels.contains(&name), "{name}");
    }
}
