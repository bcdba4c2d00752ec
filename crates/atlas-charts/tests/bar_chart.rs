//! Native tests of the bar chart.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use atlas_charts::{bar_chart, MarkShape, Size};
use common::*;

const BAR_SIZE: Size = Size::new(760, 440);

#[test]
fn bar_chart_draws_one_labelled_bar_per_item() {
    let input = bars(&[
        ("LEICESTER CITY & UNIVERSITY PCN", 47_548.0),
        ("Aegis PCN", 31_003.0),
        ("Millennium PCN", 1_200.0),
    ]);
    let chart = bar_chart(&input, BAR_SIZE);
    check_well_formed(&chart.svg);
    assert_accessible(
        &chart,
        "test-bars",
        "Registered patients by PCN",
        "A test chart.",
    );
    assert_eq!(count(&chart.svg, "rect", "bar"), 3);
    assert_eq!(chart.marks.len(), 3);
    for (i, mark) in chart.marks.iter().enumerate() {
        assert_eq!(mark.index, i);
        assert_eq!(mark.shape, MarkShape::Rect);
    }
    let texts = texts(&chart.svg);
    for expected in [
        "Registered patients by PCN",
        "LEICESTER CITY & UNIVERSITY PCN",
        "47,548",
        "31,003",
        "1,200",
        "Registered patients",
        "50,000",
        "0",
    ] {
        assert!(
            texts.iter().any(|t| t == expected),
            "{expected} in {texts:?}"
        );
    }
    assert!(texts.iter().all(|t| !t.trim().is_empty()));
}

#[test]
fn bars_are_in_input_order_with_lengths_proportional_to_values() {
    let chart = bar_chart(
        &bars(&[("a", 10_000.0), ("b", 40_000.0), ("c", 0.0)]),
        BAR_SIZE,
    );
    let m = &chart.marks;
    assert!(m[0].y < m[1].y && m[1].y < m[2].y);
    assert!((m[1].width / m[0].width - 4.0).abs() < 1e-9);
    assert_eq!(m[2].width, 0.0);
    // Bars start at the same x (zero).
    assert_eq!(m[0].x, m[1].x);
    assert_marks_inside(&chart, BAR_SIZE);
}

#[test]
fn long_names_are_never_cut_at_the_default_size() {
    let long = "LEICESTER CITY & UNIVERSITY PCN";
    let chart = bar_chart(&bars(&[(long, 47_548.0), ("Short", 10.0)]), BAR_SIZE);
    let texts = texts(&chart.svg);
    assert!(texts.iter().any(|t| t == long), "{texts:?}");
    // The plot starts right of the whole name (at about 7 px a character).
    let min_x = chart.marks.iter().map(|m| m.x).fold(f64::MAX, f64::min);
    assert!(min_x >= 12.0 + 7.0 * long.len() as f64, "{min_x}");
}

#[test]
fn very_long_names_wrap_and_keep_the_full_name_in_a_title() {
    let long = "The Very Long Named Primary Care Network Of Leicester City Centre And The University Quarter";
    let chart = bar_chart(&bars(&[(long, 100.0)]), BAR_SIZE);
    check_well_formed(&chart.svg);
    assert!(chart.svg.contains(&format!("<title>{long}</title>")));
    let texts = texts(&chart.svg);
    assert!(!texts.iter().any(|t| t == long), "wrapped, not one line");
    // The plot keeps most of the width.
    assert!(chart.marks[0].x < 760.0 * 0.5);
}

#[test]
fn empty_and_missing_values_are_handled() {
    let chart = bar_chart(&bars(&[]), BAR_SIZE);
    check_well_formed(&chart.svg);
    assert!(chart.marks.is_empty());
    assert!(texts(&chart.svg).iter().any(|t| t.contains("No data")));

    let chart = bar_chart(&bars(&[("a", f64::NAN), ("b", 3.0)]), BAR_SIZE);
    check_well_formed(&chart.svg);
    assert_eq!(chart.marks.len(), 2);
    assert_eq!(chart.marks[0].width, 0.0);
    assert!(texts(&chart.svg).iter().any(|t| t == "no data"));
    assert!(!chart.svg.contains("NaN"));
}

#[test]
fn negative_values_extend_left_of_zero() {
    let chart = bar_chart(&bars(&[("up", 12.0), ("down", -8.0)]), BAR_SIZE);
    check_well_formed(&chart.svg);
    let (up, down) = (&chart.marks[0], &chart.marks[1]);
    assert!(
        (down.x + down.width - up.x).abs() < 1e-9,
        "both start at zero"
    );
    assert!((up.width / down.width - 1.5).abs() < 1e-9);
    assert!(texts(&chart.svg).iter().any(|t| t == "-8"));
    assert_marks_inside(&chart, BAR_SIZE);
}

#[test]
fn markup_in_names_is_text_never_markup() {
    let mut input = bars(&[(MALICIOUS, 5.0)]);
    input.title = MALICIOUS.to_string();
    input.summary = MALICIOUS.to_string();
    input.value_label = MALICIOUS.to_string();
    input.id = "\"><script>alert(1)</script>".to_string();
    let chart = bar_chart(&input, BAR_SIZE);
    let names = check_well_formed(&chart.svg);
    assert!(
        !names.iter().any(|n| n == "img" || n == "script"),
        "{names:?}"
    );
    assert!(!chart.svg.contains("<img"));
    assert!(chart.svg.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(texts(&chart.svg).iter().any(|t| t == MALICIOUS));
}

#[test]
fn bar_output_is_deterministic() {
    let input = bars(&[("a", 1.0), ("b", 2.0)]);
    assert_eq!(bar_chart(&input, BAR_SIZE), bar_chart(&input, BAR_SIZE));
}
