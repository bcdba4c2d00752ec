//! Equity: for each screening, vaccination and SMI health check measure, every PCN's
//! baseline, target, latest value and gap to the best PCN with its deprivation beside
//! it, the slope index of inequality across the PCNs, and the spread between PCNs over
//! time (`?indicator=`).

use crate::figure::{Figure, LazyTable};
use crate::query::Query;
use atlas_charts::workspace::equity_spread_chart;
use atlas_charts::{line_chart, Size};
use atlas_core::catalogue::EQUITY_INDICATORS;
use atlas_core::equity::{
    equity_rows, equity_rows_sentence, equity_spread, equity_spread_table, equity_table,
};
use atlas_core::model::Workspace;
use atlas_core::pcn_deprivation::{
    by_pcn_deprivation, by_pcn_deprivation_sentence, deprivation_cells, DEPRIVATION_COLUMNS,
};
use atlas_core::provenance::measure_source;
use atlas_core::table::Table;

/// The page's heading.
pub const HEADING: &str = "Equity plans by PCN";

/// The sentence under the page's heading: what the page is for.
pub const LEDE: &str = "Cancer screening, vaccination and mental health checks: where each PCN started, where it aims to be, where it is now, and how far it is from the best PCN.";

const CHART: Size = Size::new(760, 440);

/// The measure shown, and its PCNs.
#[derive(Debug, Clone, PartialEq)]
pub struct EquityMeasure {
    pub id: String,
    pub name: String,
    /// Every PCN's baseline, target, latest and gap (and its deprivation score and rank
    /// where the data have them), and the sentence saying it.
    pub sentence: String,
    /// Whether the gaps between PCNs follow their deprivation: the slope index of
    /// inequality across the PCNs in words, or why it cannot be given.
    pub by_deprivation: String,
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
        let mut table = equity_table(&rows);
        let gradient = by_pcn_deprivation(ws, &id);
        let by_deprivation = match &gradient {
            Ok(g) => {
                table.columns.extend(DEPRIVATION_COLUMNS.map(String::from));
                for (row, r) in table.rows.iter_mut().zip(&rows) {
                    row.extend(deprivation_cells(g, &r.pcn_code));
                }
                by_pcn_deprivation_sentence(g, &ws.place)
            }
            Err(why) => format!("No slope index of inequality across the PCNs: {why}."),
        };
        EquityMeasure {
            sentence: equity_rows_sentence(&name, &rows),
            by_deprivation,
            table,
            caption: if gradient.is_ok() {
                format!(
                    "{name} by PCN: baseline, target, latest, gap to the best PCN and deprivation"
                )
            } else {
                format!("{name} by PCN: baseline, target, latest and gap to the best PCN")
            },
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
