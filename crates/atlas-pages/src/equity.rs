//! Equity: for each screening, vaccination and SMI health check measure, every PCN's
//! baseline, target, latest value and gap to the best PCN, and the spread between PCNs
//! over time (`?indicator=`).

use crate::figure::{Figure, LazyTable};
use crate::query::Query;
use atlas_charts::workspace::equity_spread_chart;
use atlas_charts::{line_chart, Size};
use atlas_core::catalogue::EQUITY_INDICATORS;
use atlas_core::equity::{
    equity_rows, equity_rows_sentence, equity_spread, equity_spread_table, equity_table,
};
use atlas_core::model::Workspace;
use atlas_core::provenance::measure_source;
use atlas_core::table::Table;

const CHART: Size = Size::new(760, 440);

/// The measure shown, and its PCNs.
#[derive(Debug, Clone, PartialEq)]
pub struct EquityMeasure {
    pub id: String,
    pub name: String,
    /// Every PCN's baseline, target, latest and gap, and the sentence saying it.
    pub sentence: String,
    pub table: Table,
    pub caption: String,
    pub csv_name: String,
    /// The highest and lowest PCN in every period.
    pub spread: Figure,
}

/// Everything the Equity page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct EquityPage {
    /// The equity measures this workspace has: (id, name).
    pub measures: Vec<(String, String)>,
    /// `None` when it has none of them.
    pub shown: Option<EquityMeasure>,
    pub illustrative: bool,
}

/// The Equity page for the `indicator` the query names (the first the workspace has
/// when it names none it has).
pub fn equity_page(ws: &Workspace, query: &Query) -> EquityPage {
    let measures: Vec<(String, String)> = EQUITY_INDICATORS
        .iter()
        .filter_map(|id| ws.indicator(id).map(|i| (i.id.clone(), i.name.clone())))
        .collect();
    let chosen = query
        .get("indicator")
        .and_then(|wanted| measures.iter().find(|(id, _)| id == wanted))
        .or_else(|| measures.first())
        .cloned();
    let shown = chosen.map(|(id, name)| {
        let rows = equity_rows(ws, &id);
        let spread = equity_spread(ws, &id);
        let input = equity_spread_chart(&name, &spread);
        EquityMeasure {
            sentence: equity_rows_sentence(&name, &rows),
            table: equity_table(&rows),
            caption: format!("{name} by PCN: baseline, target, latest and gap to the best PCN"),
            csv_name: format!("equity-{id}.csv"),
            spread: Figure {
                id: "equity-chart".to_string(),
                file_stem: format!("equity-spread-{id}"),
                title: input.title.clone(),
                summary: input.summary.clone(),
                svg: line_chart(&input, CHART).svg,
                size: CHART,
                table: LazyTable::ready(equity_spread_table(&spread)),
                source: Some(measure_source(ws, &id)),
                ..Figure::default()
            }
            .defining_in(ws, &[&id]),
            id,
            name,
        }
    });
    EquityPage {
        measures,
        shown,
        illustrative: ws.illustrative,
    }
}
