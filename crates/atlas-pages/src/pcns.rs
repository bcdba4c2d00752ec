//! PCNs: the list of primary care networks, and one PCN's profile: its practices and
//! their list sizes, its scorecard rows, the staff it employs and its equity rows.

use crate::areas::{pcn_link, practice_link};
use crate::figure::{Figure, LazyTable};
use atlas_charts::workspace::practice_list_sizes;
use atlas_charts::{bar_chart, Size};
use atlas_core::catalogue::PCN_STAFF_FTE_TOTAL;
use atlas_core::equity::pcn_equity_table;
use atlas_core::model::Workspace;
use atlas_core::provenance::measure_source;
use atlas_core::scoring::{area_score_sentence, area_scorecard_table, AreaLevel, Scorecard};
use atlas_core::summary::{display_name, pcn_practice_table, pcn_rows, thousands};
use atlas_core::table::Table;

/// The sentence under the PCN list's heading.
pub const LEDE: &str = "Each PCN, how many practices it has and how many patients they serve. Choose a PCN to see its profile.";

const CHART: Size = Size::new(760, 440);

/// One row of a list of areas: its name, code, link and figures in words.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaLink {
    pub name: String,
    pub code: String,
    pub link: String,
    /// The row's other cells, as shown.
    pub cells: Vec<String>,
}

/// `/pcns`: every PCN with its practices and list size, each leading to its profile.
pub fn pcn_list(ws: &Workspace) -> (String, Vec<AreaLink>) {
    let rows = pcn_rows(ws)
        .into_iter()
        .map(|row| AreaLink {
            name: display_name(&row.name),
            link: pcn_link(&row.code),
            cells: vec![row.practices.to_string(), thousands(row.list_size)],
            code: row.code,
        })
        .collect();
    (format!("Primary care networks in {}", ws.place), rows)
}

/// What a PCN's profile shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PcnProfile {
    pub code: String,
    pub name: String,
    /// "ODS code …: N practices serving M registered patients."
    pub facts: String,
    pub illustrative: bool,
    /// Its practices, largest list first, each leading to its profile; the heading of
    /// the list size column (which says when the sizes are estimated).
    pub practices: Vec<AreaLink>,
    pub size_heading: String,
    /// The same practices as a bar chart, rows leading to the practices.
    pub list_sizes: Figure,
    pub score_sentence: String,
    pub score_table: Table,
    pub score_caption: String,
    /// The staff it employs (sentence, table, caption, source), when published.
    pub roles: Option<(String, Table, String, String)>,
    pub equity: Table,
    pub equity_caption: String,
}

/// The profile of PCN `code` (`None` when the workspace has no such PCN), its
/// scorecard rows from `card` (the workspace's scorecard, made once).
pub fn pcn_profile(ws: &Workspace, card: &Scorecard, code: &str) -> Option<PcnProfile> {
    let pcn = ws.pcn(code)?;
    let name = display_name(&pcn.name);
    // The practices' own lists, as the chart below adds them; a figure stated for the
    // PCN at another date (the default's paper) is set beside them, not in their place.
    let members: Vec<_> = ws.practices_in(code).collect();
    let sum: u64 = members.iter().map(|p| p.list_size).sum();
    let stated = pcn
        .published_list_size
        .filter(|p| *p != sum)
        .map_or(String::new(), |p| {
            format!(" (the PCN's stated figure is {})", thousands(p))
        });
    let facts = format!(
        "ODS code {code}: {} practices serving {} registered patients{stated}.",
        members.len(),
        thousands(sum)
    );
    let table = pcn_practice_table(ws, code);
    let practices: Vec<AreaLink> = table
        .rows
        .iter()
        .map(|row| {
            let cell = |i: usize| row.get(i).map(|c| c.text.clone()).unwrap_or_default();
            AreaLink {
                name: cell(0),
                link: practice_link(&cell(1)),
                code: cell(1),
                cells: vec![cell(2)],
            }
        })
        .collect();
    let input = practice_list_sizes(ws, code);
    let list_sizes = Figure {
        id: "practice-chart".to_string(),
        file_stem: format!("practice-list-sizes-{code}"),
        title: input.title.clone(),
        summary: input.summary.clone(),
        svg: bar_chart(&input, CHART).svg,
        size: CHART,
        row_links: practices.iter().map(|p| p.link.clone()).collect(),
        table: LazyTable::ready(table.clone()),
        ..Figure::default()
    };
    let roles = atlas_core::workforce::pcn_roles(ws, code).map(|roles| {
        (
            roles.sentence(&name),
            roles.table(),
            format!("Staff employed by {name} by role, {}", roles.period.label()),
            measure_source(ws, PCN_STAFF_FTE_TOTAL).text,
        )
    });
    Some(PcnProfile {
        code: code.to_string(),
        facts,
        illustrative: ws.illustrative,
        size_heading: table.columns.get(2).cloned().unwrap_or_default(),
        practices,
        list_sizes,
        score_sentence: area_score_sentence(card, AreaLevel::Pcn, code),
        score_table: area_scorecard_table(card, AreaLevel::Pcn, code),
        score_caption: format!("Scorecard for {name}: every measure against the city"),
        roles,
        equity: pcn_equity_table(ws, code),
        equity_caption: format!(
            "Equity measures for {name}: baseline, target, latest and gap to the best PCN"
        ),
        name,
    })
}
