//! Priorities: each neighbourhood's five measures where it compares worst with the
//! city, and the priorities three or more neighbourhoods share.

use atlas_core::aggregate::neighbourhoods_are_pcns;
use atlas_core::model::Workspace;
use atlas_core::priorities::{priorities, priorities_table, priority_words, Priorities};
use atlas_core::summary::display_name;
use atlas_core::table::Table;

/// One neighbourhood's card.
#[derive(Debug, Clone, PartialEq)]
pub struct NeighbourhoodCard {
    pub name: String,
    /// "1 practice", "7 practices".
    pub practices: String,
    /// Its priorities, worst first: the measure, whether three or more neighbourhoods
    /// share it, and the comparison in words.
    pub items: Vec<(String, bool, String)>,
}

/// Everything the Priorities page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PrioritiesPage {
    pub found: Priorities,
    pub cards: Vec<NeighbourhoodCard>,
    pub table: Table,
    /// Where the neighbourhoods come from, in words.
    pub neighbourhoods_from: &'static str,
    pub illustrative: bool,
}

/// The Priorities page of `ws`.
pub fn priorities_page(ws: &Workspace) -> PrioritiesPage {
    let found = priorities(ws);
    let cards = found
        .neighbourhoods
        .iter()
        .map(|n| NeighbourhoodCard {
            name: display_name(&n.neighbourhood),
            practices: match n.practices {
                1 => "1 practice".to_string(),
                k => format!("{k} practices"),
            },
            items: n
                .priorities
                .iter()
                .map(|item| {
                    let shared = found
                        .shared
                        .iter()
                        .any(|s| s.indicator_id == item.indicator_id);
                    (item.name.clone(), shared, priority_words(item))
                })
                .collect(),
        })
        .collect();
    PrioritiesPage {
        table: priorities_table(&found),
        cards,
        found,
        neighbourhoods_from: if neighbourhoods_are_pcns(ws) {
            "Neighbourhoods here are PCNs: this workspace gives no neighbourhood for its practices."
        } else {
            "Neighbourhoods come from the practices' neighbourhood column."
        },
        illustrative: ws.illustrative,
    }
}
