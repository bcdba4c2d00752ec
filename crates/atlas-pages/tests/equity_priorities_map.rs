//! The Equity, Priorities and Map pages on every workspace.

mod common;

use atlas_pages::equity::equity_page;
use atlas_pages::map::map_page;
use atlas_pages::priorities::priorities_page;
use atlas_pages::Query;
use common::{assert_figure, workspaces};

#[test]
fn equity_shows_each_measure_it_has_or_says_it_has_none() {
    for (label, ws) in workspaces() {
        let page = equity_page(&ws, &Query::default());
        assert_eq!(page.shown.is_some(), !page.measures.is_empty(), "{label}");
        for (id, name) in &page.measures {
            let page = equity_page(&ws, &Query::from_pairs([("indicator", id.as_str())]));
            let shown = page.shown.expect("a measure");
            assert_eq!(&shown.name, name);
            assert_eq!(
                shown.table.rows.len(),
                ws.pcns.len(),
                "{label}: a row per PCN"
            );
            assert_figure(&ws, &shown.spread);
            assert!(
                shown.spread.source.is_some(),
                "{label}: {name} has no source"
            );
            assert!(shown.csv_name.contains(id.as_str()));
        }
    }
}

#[test]
fn every_neighbourhood_has_a_card_and_shared_priorities_are_marked() {
    for (label, ws) in workspaces() {
        let page = priorities_page(&ws);
        assert_eq!(page.cards.len(), page.found.neighbourhoods.len(), "{label}");
        for card in &page.cards {
            for (name, shared, words) in &card.items {
                assert!(!words.is_empty());
                let in_shared = page.found.shared.iter().any(|s| &s.name == name);
                assert_eq!(*shared, in_shared, "{label}: {name}");
            }
        }
        let no_neighbourhoods = ws.practices.iter().all(|p| p.neighbourhood.is_none());
        assert_eq!(
            page.neighbourhoods_from
                .starts_with("Neighbourhoods here are PCNs"),
            no_neighbourhoods
        );
    }
}

#[test]
fn the_map_names_every_marker_and_every_practice_left_off() {
    for (label, ws) in workspaces() {
        let page = map_page(&ws);
        let placed = ws.practices.iter().filter(|p| p.location.is_some()).count();
        assert_eq!(placed + page.unplaced.len(), ws.practices.len(), "{label}");
        assert_eq!(page.unplaced_heading.is_some(), !page.unplaced.is_empty());
        if placed > 0 {
            assert_figure(&ws, &page.map);
            assert_eq!(
                page.map.marks.len(),
                placed,
                "{label}: a mark per practice placed"
            );
            for mark in &page.map.marks {
                assert_eq!(mark.lines.len(), 2, "PCN and list size");
                assert!(mark.lines[1].contains("patients"));
            }
        }
        assert!(!page.attribution.is_empty());
        // Leicester's boundary and its 22 wards of 2013 are drawn under the default's
        // and the uploaded files' practices (all in sub-ICB 04C), with their licence.
        let outlines = page.map.svg.matches("class=\"outline\"").count();
        if label == "demonstration" {
            assert_eq!(outlines, 0, "{label}");
        } else {
            assert_eq!(outlines, 23, "{label}");
            assert!(page.attribution.contains("CC BY 4.0"), "{label}");
            assert!(page.map.summary.contains("wards as drawn in 2013"));
        }
    }
}
