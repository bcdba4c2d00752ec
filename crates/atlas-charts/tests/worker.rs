//! The charts inside a dedicated Web Worker (wasm32): there is no `window` and no
//! DOM there, so any text measurement through the DOM (plotters' web font backend
//! calls `window().unwrap()`) would panic. Every chart kind is rendered here.
//!
//! Run with the other wasm tests:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p atlas-charts --target wasm32-unknown-unknown`

#![cfg(target_arch = "wasm32")]

use atlas_charts::workspace::{pcn_list_sizes, practice_map_input};
use atlas_charts::*;
use atlas_core::default_data::illustrative_city;
use wasm_bindgen_test::wasm_bindgen_test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_dedicated_worker);

const SIZE: Size = Size::new(760, 480);

fn months(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("M{i} 2020")).collect()
}

#[wasm_bindgen_test]
fn every_chart_kind_renders_in_a_worker() {
    let workspace = illustrative_city();
    let chart = bar_chart(&pcn_list_sizes(&workspace), SIZE);
    assert_eq!(chart.marks.len(), 10);
    assert_eq!(chart.svg.matches("class=\"bar\" data-index=").count(), 10);
    let chart = practice_map(&practice_map_input(&workspace), SIZE);
    assert_eq!(
        chart.svg.matches("class=\"marker\" data-index=").count(),
        55
    );

    let funnel = funnel_plot(
        &FunnelInput {
            id: "f".into(),
            title: "Funnel".into(),
            summary: "s".into(),
            x_label: "Registered patients".into(),
            y_label: "Rate".into(),
            areas: (0..5)
                .map(|i| FunnelArea {
                    label: format!("P{i}"),
                    denominator: 1000.0 + 4000.0 * i as f64,
                    value: 70.0 + 5.0 * i as f64,
                    significance: Significance::NotSignificant,
                })
                .collect(),
            benchmark: 80.0,
            benchmark_label: "Average".into(),
            limits: (1..30)
                .map(|i| FunnelLimitRow {
                    denominator: 1000.0 * i as f64,
                    lower_95: 70.0,
                    upper_95: 90.0,
                    lower_99_8: 65.0,
                    upper_99_8: 95.0,
                })
                .collect(),
            decimals: 1,
            widened: false,
        },
        SIZE,
    );
    assert_eq!(funnel.marks.len(), 5);

    let spc = spc_chart(
        &SpcInput {
            id: "s".into(),
            title: "SPC".into(),
            summary: "s".into(),
            y_label: "Rate".into(),
            months: months(20),
            points: (0..20)
                .map(|i| SpcPointInput {
                    value: 80.0 + (i % 4) as f64,
                    mean: 81.5,
                    limits: Some(SpcLimits {
                        lower: 75.0,
                        upper: 88.0,
                        near_lower: 77.0,
                        near_upper: 86.0,
                    }),
                    kind: SpcPointKind::CommonCause,
                })
                .collect(),
            target: Some(85.0),
            show_two_sigma: true,
            variation: Some("Variation: common cause".into()),
            assurance: Some("Assurance: hit and miss".into()),
            decimals: 1,
        },
        SIZE,
    );
    assert_eq!(spc.marks.len(), 20);
    assert!(spc.svg.contains("Assurance: hit and miss"));

    let line = line_chart(
        &LineChartInput {
            id: "l".into(),
            title: "Line".into(),
            summary: "s".into(),
            y_label: "Rate".into(),
            months: months(12),
            series: vec![LineSeries {
                name: "A".into(),
                values: (0..12).map(|i| Some(70.0 + i as f64)).collect(),
            }],
            reference: Some(ReferenceLine {
                value: 75.0,
                label: "Standard".into(),
            }),
            include_zero: false,
            decimals: 0,
        },
        SIZE,
    );
    assert_eq!(line.marks.len(), 12);
}
