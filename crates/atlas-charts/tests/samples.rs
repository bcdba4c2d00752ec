//! Renders the Leicester City default's charts to `target/chart-samples/` for people to
//! look at (`rsvg-convert` turns them into PNGs), and checks them like any chart.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use atlas_charts::workspace::{pcn_list_sizes, practice_map_input};
use atlas_charts::{bar_chart, practice_map, Size};
use atlas_core::default_data::illustrative_city;
use atlas_core::summary::display_name;
use common::*;
use std::path::PathBuf;

fn samples_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("chart-samples");
    std::fs::create_dir_all(&dir).expect("create target/chart-samples");
    dir
}

#[test]
fn leicester_samples() {
    let workspace = illustrative_city();
    let dir = samples_dir();

    let bars = pcn_list_sizes(&workspace);
    let chart = bar_chart(&bars, Size::new(760, 440));
    std::fs::write(dir.join("pcn-list-sizes.svg"), &chart.svg).unwrap();
    check_well_formed(&chart.svg);
    assert_eq!(count(&chart.svg, "rect", "bar"), workspace.pcns.len());
    assert_eq!(chart.marks.len(), 10);
    let texts = texts(&chart.svg);
    for pcn in &workspace.pcns {
        // Every PCN name is written whole on one line at the default size.
        assert!(texts.contains(&display_name(&pcn.name)), "{}", pcn.name);
    }

    let input = practice_map_input(&workspace);
    let chart = practice_map(&input, Size::new(760, 620));
    std::fs::write(dir.join("practice-map.svg"), &chart.svg).unwrap();
    check_well_formed(&chart.svg);
    assert_eq!(count(&chart.svg, "circle", "marker"), 55);
    assert_eq!(chart.marks.len(), 55);
    assert_eq!(count(&chart.svg, "circle", "swatch"), 10);
    assert!(input
        .summary
        .starts_with("Map of 55 practices in 10 PCNs in Leicester City"));

    // One PCN, one practice: the sentence says so in the singular.
    let mut one = workspace.clone();
    one.practices.truncate(1);
    let pcn = one.practices[0].pcn_code.clone();
    one.pcns.retain(|p| p.code == pcn);
    let summary = practice_map_input(&one).summary;
    assert!(
        summary.starts_with("Map of 1 practice in 1 PCN in "),
        "{summary}"
    );
}
