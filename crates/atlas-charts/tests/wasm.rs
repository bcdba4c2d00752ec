//! The charts in a browser (wasm32): the same SVG as natively, with every bar, marker
//! and text present. Text layout must not depend on the DOM or on font metrics.
//!
//! Run with `wasm-bindgen-test-runner` and ChromeDriver:
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test -p atlas-charts --target wasm32-unknown-unknown`

#![cfg(target_arch = "wasm32")]

use atlas_charts::workspace::{pcn_list_sizes, practice_map_input};
use atlas_charts::{bar_chart, practice_map, Size};
use atlas_core::default_data::illustrative_city;
use atlas_core::summary::display_name;
use wasm_bindgen_test::wasm_bindgen_test;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Number of `<element ...>` tags with `class="class"`.
fn count(svg: &str, element: &str, class: &str) -> usize {
    let open = format!("<{element} ");
    let class_attr = format!("class=\"{class}\"");
    svg.match_indices(&open)
        .filter(|(at, _)| {
            let end = svg[*at..].find('>').unwrap();
            svg[*at..*at + end].contains(&class_attr)
        })
        .count()
}

/// Contents of every `<text>` element.
fn texts(svg: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(at) = rest.find("<text ") {
        rest = &rest[at..];
        let start = rest.find('>').unwrap() + 1;
        let end = rest.find("</text>").unwrap();
        out.push(rest[start..end].replace("&amp;", "&"));
        rest = &rest[end..];
    }
    out
}

#[wasm_bindgen_test]
fn bar_chart_renders_in_the_browser() {
    let workspace = illustrative_city();
    let chart = bar_chart(&pcn_list_sizes(&workspace), Size::new(760, 440));
    assert_eq!(count(&chart.svg, "rect", "bar"), 10);
    assert_eq!(chart.marks.len(), 10);
    let texts = texts(&chart.svg);
    assert!(texts.iter().all(|t| !t.trim().is_empty()));
    for pcn in &workspace.pcns {
        assert!(texts.contains(&display_name(&pcn.name)), "{}", pcn.name);
    }
    assert!(texts.iter().any(|t| t == "Registered patients"));
    for mark in &chart.marks {
        assert!(mark.width > 0.0 && mark.height > 0.0, "{mark:?}");
    }
}

#[wasm_bindgen_test]
fn practice_map_renders_in_the_browser() {
    let workspace = illustrative_city();
    let chart = practice_map(&practice_map_input(&workspace), Size::new(760, 620));
    assert_eq!(count(&chart.svg, "circle", "marker"), 55);
    assert_eq!(count(&chart.svg, "circle", "swatch"), 10);
    assert_eq!(chart.marks.len(), 55);
    let texts = texts(&chart.svg);
    assert!(texts.iter().all(|t| !t.trim().is_empty()));
    assert!(texts.iter().any(|t| t.ends_with(" km")));
    for pcn in &workspace.pcns {
        assert!(texts.contains(&display_name(&pcn.name)), "{}", pcn.name);
    }
    for mark in &chart.marks {
        assert!(mark.x > 0.0 && mark.x < 760.0 && mark.y > 0.0 && mark.y < 620.0);
    }
}

#[wasm_bindgen_test]
fn wasm_output_matches_a_second_render() {
    let workspace = illustrative_city();
    let input = practice_map_input(&workspace);
    let size = Size::new(760, 620);
    assert_eq!(practice_map(&input, size), practice_map(&input, size));
}
