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

#[test]
fn profiles_equity_and_trajectories_lead_to_their_measures_definitions() {
    use atlas_pages::equity::equity_page;
    use atlas_pages::practices::practice_profile_page;
    use atlas_pages::trajectories::{trajectories_page, TrajectoriesQuery};
    for (label, ws) in workspaces() {
        // The profile's table: each measure's row leads to its definition.
        let profile = practice_profile_page(
            &ws,
            &ws.practices[0].code,
            atlas_core::comparator::Against::Place,
        )
        .unwrap();
        let rows = profile.spine.table.table().rows.len();
        assert_eq!(profile.spine.row_links.len(), rows, "{label}");
        for link in &profile.spine.row_links {
            let id = link
                .strip_prefix("/definitions/")
                .expect("a definition link");
            assert!(
                atlas_core::definitions::definition(&ws, id).is_some(),
                "{label}: {link}"
            );
        }
        if let Some(shown) = equity_page(&ws, &Query::default()).shown {
            assert_eq!(
                shown.spread.definitions,
                vec![(shown.name.clone(), format!("/definitions/{}", shown.id))],
                "{label}"
            );
        }
        let trajectories = trajectories_page(&ws, &TrajectoriesQuery::default());
        // A drawn card of a measure the workspace has links to its definition.
        for (card, figure) in trajectories.cards.iter().zip(&trajectories.card_figures) {
            let known = atlas_core::definitions::definition(&ws, &card.id).is_some();
            if figure.problem.is_none() && known {
                assert_eq!(figure.definitions.len(), 1, "{label}: {}", card.id);
            } else {
                assert!(figure.definitions.is_empty(), "{label}: {}", card.id);
            }
        }
    }
}
