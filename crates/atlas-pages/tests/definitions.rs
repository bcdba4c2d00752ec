//! The Definitions pages: every measure of every workspace listed and defined, every
//! field in words, and every chart's definition link leading to one.

mod common;

use atlas_pages::compare::{compare_page, CompareQuery};
use atlas_pages::definitions::{definition_fields, definition_page, definitions_page};
use atlas_pages::variation::{variation_page, VariationQuery};
use atlas_pages::Query;
use common::workspaces;

#[test]
fn every_measure_is_listed_and_defined_on_every_workspace() {
    for (label, ws) in workspaces() {
        let page = definitions_page(&ws);
        assert!(page.rows.len() >= 3, "{label}");
        for row in &page.rows {
            let id = row.link.strip_prefix("/definitions/").unwrap();
            let d = definition_page(&ws, id).unwrap();
            assert_eq!(d.name, row.name);
            let fields = definition_fields(&d);
            assert_eq!(fields.len(), 9);
            for (field, words) in fields {
                assert!(!words.trim().is_empty(), "{label} {id}: no {field}");
            }
        }
        assert!(definition_page(&ws, "no_such")
            .unwrap_err()
            .contains("no measure \"no_such\""));
    }
}

#[test]
fn charts_link_to_the_definitions_of_the_measures_they_draw() {
    let ws = atlas_core::default_data::leicester_city();
    let variation = variation_page(&ws, &VariationQuery::from_query(&Query::default()));
    let ind = variation.indicator.clone().unwrap();
    for figure in [
        &variation.funnel.figure,
        &variation.caterpillar,
        &variation.spread,
    ] {
        assert_eq!(
            figure.definitions,
            vec![(ind.name.clone(), format!("/definitions/{}", ind.id))]
        );
    }
    let compare = compare_page(&ws, &CompareQuery::default());
    let links: Vec<&str> = compare
        .figure
        .definitions
        .iter()
        .map(|(_, l)| l.as_str())
        .collect();
    assert_eq!(
        links,
        vec![
            format!("/definitions/{}", compare.x.unwrap()),
            format!("/definitions/{}", compare.y.unwrap())
        ]
    );
}
