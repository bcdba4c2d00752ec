//! The Risk page's figures of a scored synthetic patient file: each chart's bars are
//! its table's rows (suppressed ones left out), titled the same inside and out.
#![cfg(feature = "risk")]

mod common;

use atlas_core::risk::cohort::{score_patients, CohortRule, MissingColumns, TopPercent};
use atlas_core::risk::patients::read_patients;
use atlas_core::risk::synthetic::{population_csv, practice_lists};
use atlas_core::risk::view::risk_view;
use atlas_pages::risk::{risk_figures, timings_sentence, MIX_SHOWN};
use common::assert_figure;

#[test]
fn each_figure_draws_its_table_and_says_how_much_of_it() {
    let ws = atlas_core::default_data::leicester_city();
    let csv = population_csv(
        5_000,
        &practice_lists(&atlas_core::default_data::leicester_city()),
        7,
    )
    .unwrap();
    let (table, report) = read_patients("patients.csv", csv.as_bytes());
    let scores = score_patients(&table, MissingColumns::Refuse).unwrap();
    let top = TopPercent::new(3.0).unwrap();
    let view = risk_view(&table, &report, &scores, top, CohortRule::TopCms, Some(&ws));
    let figures = risk_figures(&view);
    for figure in &figures {
        assert_figure(&ws, figure);
        // The chart's own title is the heading above it.
        let title = format!(
            "<title id=\"{}-chart-title\">{}</title>",
            figure.id,
            figure.title.replace('\'', "&#39;")
        );
        assert!(figure.svg.contains(&title), "{}", figure.title);
    }
    let drawn = |i: usize, value: usize| {
        figures[i]
            .table
            .table()
            .rows
            .iter()
            .filter(|r| r[value].number.is_some())
            .count()
    };
    let bars = |i: usize| figures[i].svg.matches("<rect").count();
    assert!(bars(0) >= drawn(0, 1), "one bar per unsuppressed CMS band");
    let mix = drawn(2, 3);
    // No two bars of the condition mix read the same.
    assert!(
        !figures[2].svg.contains(">Hypertension<"),
        "two bars named Hypertension"
    );
    assert!(
        figures[2].svg.contains("Hypertension (CMS)")
            || figures[2].svg.contains("Hypertension (eFI)")
    );
    if mix > MIX_SHOWN {
        assert!(figures[2]
            .summary
            .contains(&format!("{MIX_SHOWN} most common of {mix}")));
    }
    assert_eq!(
        timings_sentence(1_500.0, 2, 250.0, 10.0),
        "Read in 1.5 s (2 parts at once), scored in 0.25 s, cohort built in 0.01 s, all on this device."
    );
}
