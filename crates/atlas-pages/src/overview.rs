//! The Overview: the headline figures, PCN list sizes, and every practice.

use crate::figure::{Figure, LazyTable};
use atlas_charts::workspace::pcn_list_sizes;
use atlas_charts::{bar_chart, Size};
use atlas_core::model::Workspace;
use atlas_core::summary::{
    list_size_note, pcn_rows_by_list_size, pcn_table, practice_table, register_reconciliation,
    Headline,
};
use atlas_core::table::Table;

/// The sentence under the page's heading: what the page is for.
pub const LEDE: &str = "How the GP practices and primary care networks (PCNs) are organised, and how many patients each one serves.";

const CHART: Size = Size::new(760, 440);

/// Everything the Overview shows.
#[derive(Debug, Clone, PartialEq)]
pub struct OverviewPage {
    pub heading: String,
    pub headline: Headline,
    /// The published registers beside the stated population, when there are both.
    pub registers: Option<String>,
    /// Registered patients by PCN, largest first (ties by name, as its table).
    pub pcn_sizes: Figure,
    /// Every practice, its PCN and list size.
    pub practices: Table,
    /// How the list sizes were arrived at, and how to sort the table.
    pub practices_note: String,
}

/// The Overview of `ws`.
pub fn overview_page(ws: &Workspace) -> OverviewPage {
    let headline = Headline::of(ws);
    let input = pcn_list_sizes(ws);
    let practices_note = if headline.list_sizes_estimated {
        "List sizes are estimates: each PCN's published total shared between its practices in proportion to their January 2021 registered lists. Select a column heading to sort.".to_string()
    } else {
        match list_size_note(ws) {
            Some(note) => format!("{note} Select a column heading to sort."),
            None => "Select a column heading to sort.".to_string(),
        }
    };
    // Closed practices are not counted here; say where they are.
    let practices_note = match ws.former_practices.len() {
        0 => practices_note,
        1 => format!("{practices_note} One practice in these files has closed or is no longer listed: it is not counted here, and the Practices page lists it with its date."),
        n => format!("{practices_note} {n} practices in these files have closed or are no longer listed: they are not counted here, and the Practices page lists them with their dates."),
    };
    OverviewPage {
        heading: format!("Primary care in {}", ws.place),
        registers: register_reconciliation(ws),
        pcn_sizes: Figure {
            id: "pcn-chart".to_string(),
            file_stem: "pcn-list-sizes".to_string(),
            title: input.title.clone(),
            summary: input.summary.clone(),
            svg: bar_chart(&input, CHART).svg,
            size: CHART,
            table: LazyTable::ready(pcn_table(&pcn_rows_by_list_size(ws))),
            ..Figure::default()
        },
        headline,
        practices: practice_table(ws),
        practices_note,
    }
}
