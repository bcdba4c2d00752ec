//! Priorities: each neighbourhood's five measures where it compares worst with the
//! city (or with England, `?against=england`, where the data give it), and the
//! priorities three or more neighbourhoods share.

use crate::comparators::{city_or_england, ComparatorChoice};
use crate::query::Query;
use atlas_core::aggregate::neighbourhoods_are_pcns;
use atlas_core::comparator::Against;
use atlas_core::model::Workspace;
use atlas_core::priorities::{
    priorities_against, priorities_table, priority_rule, priority_words, Priorities,
};
use atlas_core::summary::display_name;
use atlas_core::table::Table;

/// The page's heading.
pub const HEADING: &str = "Neighbourhood priorities";

/// The sentence under the page's heading: what the page is for.
pub const LEDE: &str = "Each neighbourhood picks five priorities from its own data. Where three or more share one, it is better taken on at place or system level.";

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

/// The page's view as the URL holds it: `against=england` to compare with England
/// (the city otherwise: a neighbourhood has no PCN or similar practices of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PrioritiesQuery {
    pub against: Against,
}

impl PrioritiesQuery {
    /// The query string's keys this page owns.
    pub const KEYS: &'static [&'static str] = &["against"];

    /// The view a query string asks for.
    pub fn from_query(query: &Query) -> PrioritiesQuery {
        PrioritiesQuery {
            against: match Against::parse(query.get("against").unwrap_or_default()) {
                Against::England => Against::England,
                _ => Against::Place,
            },
        }
    }

    /// The query string's pairs for this view (defaults left out).
    pub fn to_query(&self) -> Query {
        match self.against {
            Against::Place => Query::default(),
            a => Query::from_pairs([("against", a.id())]),
        }
    }
}

/// Everything the Priorities page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PrioritiesPage {
    pub found: Priorities,
    /// The comparators a neighbourhood can be compared with (the city, England), and
    /// the rule against the one chosen.
    pub comparators: Vec<ComparatorChoice>,
    pub rule: String,
    /// What a card says when nothing is worse than the comparator.
    pub none_worse: String,
    pub cards: Vec<NeighbourhoodCard>,
    pub table: Table,
    /// Where the neighbourhoods come from, in words.
    pub neighbourhoods_from: &'static str,
    pub illustrative: bool,
}

/// The Priorities page of `ws` as `query` asks for it.
pub fn priorities_page(ws: &Workspace, query: &PrioritiesQuery) -> PrioritiesPage {
    let found = priorities_against(ws, query.against);
    let against = found.against;
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
                    (item.name.clone(), shared, priority_words(item, against))
                })
                .collect(),
        })
        .collect();
    PrioritiesPage {
        comparators: city_or_england(ws, "The city (every practice)"),
        rule: priority_rule(against),
        none_worse: format!("No measure is worse than {} at 95% here.", against.whom()),
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
