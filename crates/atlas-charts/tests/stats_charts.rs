//! Native tests of the statistical charts, on realistic sample data (55 practices,
//! list sizes 900–22,000, appointments per 1,000 patients per week 55–110). Each test
//! also saves its chart to `target/chart-samples/` for people to look at.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use atlas_charts::*;
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
    }
}

fn assert_accessible(chart: &Chart, id: &str) {
    let head = &chart.svg[..chart.svg.find('>').unwrap()];
    assert!(head.contains("role=\"img\""), "{head}");
    assert!(head.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")));
    assert!(chart.svg.contains(&format!("<title id=\"{id}-title\">")));
    assert!(chart.svg.contains(&format!("<desc id=\"{id}-desc\">")));
}

fn assert_marks_inside(chart: &Chart, size: Size) {
    for mark in &chart.marks {
        let (left, top, width, height) = mark.bounds();
        assert!(left >= 0.0 && top >= 0.0, "{mark:?}");
        assert!(left + width <= f64::from(size.width), "{mark:?}");
        assert!(top + height <= f64::from(size.height), "{mark:?}");
    }
}

#[test]
fn funnel_plot_draws_every_area_with_limits_and_a_legend() {
    let input = funnel_input();
    let chart = funnel_plot(&input, SIZE);
    save("funnel", &chart.svg);
    check_well_formed(&chart.svg);
    assert_accessible(&chart, "funnel");
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
