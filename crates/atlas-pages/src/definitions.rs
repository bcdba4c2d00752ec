//! Definitions: every measure of the workspace listed with its unit and direction, and
//! each measure's definition on its own page (`/definitions/:measure`).

use atlas_core::definitions::{defined_measures, definition, definition_link, Definition};
use atlas_core::model::Workspace;

/// The sentence under the page's heading: what the page is for.
pub const LEDE: &str = "What each measure counts, how its figures are made, how areas are compared on it, and what to bear in mind when reading it.";

/// One measure in the list.
#[derive(Debug, Clone, PartialEq)]
pub struct DefinitionRow {
    pub name: String,
    pub link: String,
    pub domain: String,
    pub unit: String,
    pub polarity: String,
}

/// Everything the list of definitions shows.
#[derive(Debug, Clone, PartialEq)]
pub struct DefinitionsPage {
    pub heading: String,
    pub rows: Vec<DefinitionRow>,
}

/// The list of every measure of the workspace, by domain as the Scorecard orders them.
pub fn definitions_page(ws: &Workspace) -> DefinitionsPage {
    let rows = defined_measures(ws)
        .into_iter()
        .filter_map(|i| {
            let d = definition(ws, &i.id)?;
            Some(DefinitionRow {
                link: definition_link(&i.id),
                domain: i.domain.label().to_string(),
                unit: d.unit,
                polarity: d.polarity,
                name: i.name,
            })
        })
        .collect();
    DefinitionsPage {
        heading: format!("Definitions of the measures for {}", ws.place),
        rows,
    }
}

/// One measure's definition, or why there is none, in words.
pub fn definition_page(ws: &Workspace, id: &str) -> Result<Definition, String> {
    definition(ws, id).ok_or_else(|| {
        format!("These data have no measure \"{id}\". The list of definitions shows every measure they have.")
    })
}

/// A definition's fields as (label, words) pairs, in the order the page shows them.
pub fn definition_fields(d: &Definition) -> Vec<(&'static str, String)> {
    vec![
        ("Definition", d.definition.clone()),
        ("Numerator", d.numerator.clone()),
        ("Denominator", d.denominator.clone()),
        ("Unit", d.unit.clone()),
        ("Direction", d.polarity.clone()),
        ("Periods", d.periods.clone()),
        (
            "Source",
            d.source
                .text
                .strip_prefix("Source: ")
                .unwrap_or(&d.source.text)
                .to_string(),
        ),
        ("Confidence intervals", d.interval.clone()),
        ("Benchmarking", d.benchmark.clone()),
    ]
}

/// The Variation page of the measure, when it is one practices are compared on.
pub fn variation_link(ws: &Workspace, id: &str) -> Option<String> {
    atlas_core::measures::scorecard_indicators(ws)
        .iter()
        .any(|i| i.id == id)
        .then(|| format!("/variation?indicator={id}"))
}
