//! The Trajectories page's content on every workspace.

mod common;

use atlas_pages::trajectories::{trajectories_page, TrajectoriesQuery};
use atlas_pages::Query;
use common::{assert_figure, workspaces};

#[test]
fn every_card_and_access_figure_agrees_with_its_table_on_every_workspace() {
    for (label, ws) in workspaces() {
        for per in ["week", "4-weeks"] {
            let query = TrajectoriesQuery::from_query(&Query::from_pairs([("per", per)]));
            let page = trajectories_page(&ws, &query);
            assert_eq!(page.cards.len(), page.card_figures.len(), "{label}");
            for (card, figure) in page.cards.iter().zip(&page.card_figures) {
                assert_figure(&ws, figure);
                // A card with no series says so instead of drawing an empty chart.
                assert_eq!(figure.problem.is_some(), card.actual.is_empty(), "{label}");
                if figure.problem.is_none() {
                    assert!(figure.table.table().rows.len() >= card.actual.len());
                    assert!(
                        figure.source.is_some(),
                        "{label}: {} has no source",
                        card.title
                    );
                }
            }
            for figure in &page.access {
                assert_figure(&ws, figure);
                assert!(figure.source.is_some(), "{label}: {}", figure.title);
            }
        }
    }
}

#[test]
fn the_access_standard_is_expressed_over_the_period_asked_for() {
    let ws = atlas_core::default_data::leicester_city();
    let week = trajectories_page(&ws, &TrajectoriesQuery::default());
    let four = trajectories_page(
        &ws,
        &TrajectoriesQuery::from_query(&Query::from_pairs([("per", "4-weeks")])),
    );
    assert_eq!(week.access.len(), 4, "the default has appointments");
    assert!(
        week.access[0].title.contains("per week"),
        "{}",
        week.access[0].title
    );
    assert!(
        four.access[0].title.contains("per 28 days"),
        "{}",
        four.access[0].title
    );
    assert!(
        four.access[0].svg.contains("300"),
        "the standard scales to 300 per 4 weeks"
    );
}

#[test]
fn an_unknown_area_shows_the_place() {
    let ws = atlas_core::default_data::leicester_city();
    let query = TrajectoriesQuery::from_query(&Query::from_pairs([("area", "NOPE")]));
    let page = trajectories_page(&ws, &query);
    assert_eq!(page.area_name, ws.place);
    let back = TrajectoriesQuery::from_query(&query.to_query());
    assert_eq!(back, query);
}
