//! Native tests of the practice map.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use atlas_charts::map::{marker_radius, mercator, MAX_RADIUS, MIN_RADIUS};
use atlas_charts::{practice_map, MarkShape, Size};
use common::*;

const MAP_SIZE: Size = Size::new(760, 620);

#[test]
fn map_draws_one_marker_per_point_with_a_legend() {
    let input = map(&[
        ("North practice", 0, 52.66, -1.13, 20_000.0),
        ("South practice", 1, 52.60, -1.12, 5_000.0),
        ("Same postcode", 1, 52.60, -1.12, 8_000.0),
    ]);
    let chart = practice_map(&input, MAP_SIZE);
    check_well_formed(&chart.svg);
    assert_accessible(&chart, "test-map", "GP practices", "A test map.");
    assert_eq!(count(&chart.svg, "circle", "marker"), 3);
    assert_eq!(count(&chart.svg, "circle", "swatch"), 2);
    assert_eq!(chart.marks.len(), 3);
    let texts = texts(&chart.svg);
    for expected in [
        "GP practices",
        "North PCN",
        "South PCN",
        "Primary Care Network",
        "Registered patients",
        "N",
        "Contains OS data © Crown copyright",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected} in {texts:?}"
        );
    }
    assert!(texts
        .iter()
        .any(|t| t.ends_with(" km") || t.ends_with(" m")));
    assert!(chart
        .svg
        .contains("<title>North practice (North PCN): 20,000 registered patients</title>"));
    for mark in &chart.marks {
        assert_eq!(mark.shape, MarkShape::Circle);
    }
    assert_marks_inside(&chart, MAP_SIZE);
    // Markers are semi-transparent (plotters writes the fill's alpha as `opacity`),
    // with an opaque outline drawn as a second circle.
    assert!(chart.svg.contains("opacity=\"0.45\""));
}

#[test]
fn north_is_up_and_east_is_right() {
    let chart = practice_map(
        &map(&[
            ("north", 0, 52.70, -1.13, 1000.0),
            ("south", 0, 52.55, -1.13, 1000.0),
            ("east", 1, 52.62, -1.05, 1000.0),
            ("west", 1, 52.62, -1.20, 1000.0),
        ]),
        MAP_SIZE,
    );
    let m = &chart.marks;
    assert!(m[0].y < m[1].y, "north above south");
    assert!(m[2].x > m[3].x, "east right of west");
    assert!((m[0].x - m[1].x).abs() < 1e-9, "same longitude, same x");
}

#[test]
fn the_map_keeps_one_scale_for_x_and_y() {
    // Two points 0.1° apart in longitude and the matching Mercator distance in latitude.
    let (x0, y0) = mercator(52.6, -1.2);
    let (x1, _) = mercator(52.6, -1.1);
    let dx = x1 - x0;
    let lat1 = atlas_charts::map::inverse_mercator_lat(y0 + dx);
    let chart = practice_map(
        &map(&[
            ("a", 0, 52.6, -1.2, 1000.0),
            ("b", 0, 52.6, -1.1, 1000.0),
            ("c", 0, lat1, -1.2, 1000.0),
        ]),
        MAP_SIZE,
    );
    let m = &chart.marks;
    let px_x = m[1].x - m[0].x;
    let px_y = m[0].y - m[2].y;
    assert!((px_x - px_y).abs() < 0.02, "{px_x} vs {px_y}");
}

#[test]
fn marker_area_is_proportional_to_the_size_value() {
    let chart = practice_map(
        &map(&[
            ("big", 0, 52.66, -1.13, 16_000.0),
            ("small", 1, 52.60, -1.12, 4_000.0),
            ("tiny", 1, 52.61, -1.10, 1.0),
        ]),
        MAP_SIZE,
    );
    let (big, small) = (chart.marks[0].width, chart.marks[1].width);
    assert!((big / small - 2.0).abs() < 0.01, "{big} / {small}");
    assert_eq!(big, 2.0 * MAX_RADIUS);
    assert_eq!(chart.marks[2].width, 2.0 * MIN_RADIUS);
    // The radii written in the SVG (supersampled) match the marks.
    let radii = attribute_values(&chart.svg, "circle", "marker", "r");
    let k = atlas_charts::SUPERSAMPLE as f64;
    for (r, diameter) in [(14.0, big), (7.0, small)] {
        assert_eq!(diameter, 2.0 * r);
        assert!(radii.contains(&format!("{}", r * k)), "{radii:?}");
    }
    assert!((marker_radius(9.0, 36.0) * 2.0 - MAX_RADIUS).abs() < 1e-12);
}

#[test]
fn points_without_coordinates_are_not_drawn() {
    let chart = practice_map(
        &map(&[
            ("here", 0, 52.66, -1.13, 1000.0),
            ("nowhere", 0, f64::NAN, -1.13, 1000.0),
        ]),
        MAP_SIZE,
    );
    check_well_formed(&chart.svg);
    assert_eq!(count(&chart.svg, "circle", "marker"), 1);
    assert_eq!(chart.marks.len(), 2);
    assert_eq!(chart.marks[1].width, 0.0);
    assert!(!chart.svg.contains("NaN"));

    let chart = practice_map(&map(&[]), MAP_SIZE);
    check_well_formed(&chart.svg);
    assert!(chart.marks.is_empty());
}

#[test]
fn a_single_point_sits_in_the_middle_of_the_frame() {
    let chart = practice_map(&map(&[("only", 0, 52.63, -1.13, 1000.0)]), MAP_SIZE);
    assert_marks_inside(&chart, MAP_SIZE);
    assert!(!chart.svg.contains("NaN") && !chart.svg.contains("inf"));
}

#[test]
fn markup_in_map_names_is_text_never_markup() {
    let mut input = map(&[(MALICIOUS, 0, 52.63, -1.13, 9000.0)]);
    input.groups = vec![MALICIOUS.to_string()];
    input.title = MALICIOUS.to_string();
    input.summary = MALICIOUS.to_string();
    input.size_legend_label = MALICIOUS.to_string();
    input.group_legend_label = MALICIOUS.to_string();
    input.attribution = MALICIOUS.to_string();
    let chart = practice_map(&input, MAP_SIZE);
    let names = check_well_formed(&chart.svg);
    assert!(!names.iter().any(|n| n == "img"), "{names:?}");
    assert!(!chart.svg.contains("<img"));
    assert!(texts(&chart.svg).iter().any(|t| t == MALICIOUS));
}

#[test]
fn map_output_is_deterministic() {
    let input = map(&[
        ("a", 0, 52.66, -1.13, 20_000.0),
        ("b", 1, 52.60, -1.12, 5_000.0),
    ]);
    assert_eq!(
        practice_map(&input, MAP_SIZE),
        practice_map(&input, MAP_SIZE)
    );
}
