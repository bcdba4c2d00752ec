//! Practices: the list (each row leading to its profile) and a practice's profile: its
//! facts, a spine chart of every measure against a chosen comparator (the city, its PCN
//! or its similar practices, `?against=`), its trajectories, and an SPC chart of a
//! chosen measure (`?indicator=`).

use crate::areas::practice_link;
use crate::comparators::{comparator_choices, ComparatorChoice};
use crate::figure::{no_measure, Figure, LazyTable};
use crate::variation::{observe, of, over_time_as, spread_as};
use atlas_charts::from_core::spine_input;
use atlas_charts::from_stats::Labels;
use atlas_charts::{spine_chart, Size};
use atlas_core::comparator::{comparator_for, Against};
use atlas_core::measures::SeriesPositions;
use atlas_core::model::{Indicator, ListSizeSource, Practice, Workspace, NO_PCN_CODE};
use atlas_core::profile::{practice_profile_against, profile_sentence, profile_table};
use atlas_core::similar::{similar_practices, similar_rule};
use atlas_core::summary::{
    display_name, former_practice_table, practice_table, registered_by_date, thousands,
};
use atlas_core::table::{Cell, Table};
use atlas_core::trajectory::{trajectory_cards, TrajectoryCard};
use atlas_core::words::first_upper;

/// The page's heading.
pub const HEADING: &str = "Practices";

/// The sentence under the page's heading: what the page is for.
pub const LEDE: &str = "Every GP practice, its PCN and list size. Select a practice's name to open its profile; select a column heading to sort.";

/// Every practice, and where each row leads (its profile).
pub fn practice_list(ws: &Workspace) -> (Table, Vec<String>) {
    let links = ws
        .practices
        .iter()
        .map(|p| practice_link(&p.code))
        .collect();
    (practice_table(ws), links)
}

/// The practices the files know of that are not open now, and where each row leads;
/// `None` when there are none.
pub fn former_practice_list(ws: &Workspace) -> Option<(Table, Vec<String>)> {
    if ws.former_practices.is_empty() {
        return None;
    }
    let links = ws
        .former_practices
        .iter()
        .map(|f| practice_link(&f.practice.code))
        .collect();
    Some((former_practice_table(ws), links))
}

/// The practices open and their patients on each date the files give list sizes for;
/// `None` when no file gives a dated list size.
pub fn practices_by_date(ws: &Workspace) -> Option<Table> {
    let table = registered_by_date(ws);
    (!table.rows.is_empty()).then_some(table)
}

/// What the page of a practice that is no longer open shows: who it was and why it is
/// not counted.
#[derive(Debug, Clone, PartialEq)]
pub struct FormerPracticeFacts {
    pub code: String,
    pub name: String,
    /// The PCN it was last in, when a file says.
    pub pcn: Option<String>,
    /// "Closed 30 Nov 2018".
    pub status: String,
    /// "8,907 patients on 1 Jan 2021", or words saying there is no count.
    pub last_list_size: String,
}

/// The facts of former practice `code`; `None` when the workspace has none by that code.
pub fn former_practice_page(ws: &Workspace, code: &str) -> Option<FormerPracticeFacts> {
    let former = ws.former_practice(code)?;
    let practice = &former.practice;
    Some(FormerPracticeFacts {
        code: practice.code.clone(),
        name: display_name(&practice.name),
        pcn: match ws.pcn(&practice.pcn_code) {
            Some(pcn) => Some(display_name(&pcn.name)),
            None => (practice.pcn_code != NO_PCN_CODE).then(|| practice.pcn_code.clone()),
        },
        status: former.status.describe(),
        last_list_size: match practice.list_sizes.last() {
            Some(l) => format!("{} patients on {}", thousands(l.patients), l.date.label()),
            None => "No list size in these files".to_string(),
        },
    })
}

/// What a practice's profile shows (the chart over time is [`profile_over_time`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeProfile {
    pub code: String,
    pub name: String,
    pub pcn: String,
    /// "6,158 patients", "(estimated)" when it is.
    pub list_size: String,
    /// Every measure against the comparator and the range of practices.
    pub spine: Figure,
    /// The comparator the spine judges against, and the choices: (id, words).
    pub against: Against,
    pub comparators: Vec<ComparatorChoice>,
    /// The similar practices and the rule that chose them, when the comparator is
    /// similar practices: the rule in words and a table of the neighbours.
    pub similar: Option<(String, Table, Vec<String>)>,
    pub cards: Vec<TrajectoryCard>,
    pub illustrative: bool,
}

/// The spine chart's height: a row per measure.
fn spine_size(rows: usize) -> Size {
    Size::new(760, (150 + 34 * rows as u32).max(260))
}

/// The profile of practice `code` against the comparator `against` (`?against=`);
/// `None` when the workspace has no such practice.
pub fn practice_profile_page(
    ws: &Workspace,
    code: &str,
    against: Against,
) -> Option<PracticeProfile> {
    let practice = ws.practice(code)?;
    let name = display_name(&practice.name);
    let comparators = comparator_choices(ws, |a| match a {
        Against::Place => format!("{} (every practice)", ws.place),
        Against::Pcn => "Its PCN".to_string(),
        Against::Similar => {
            "Similar practices (nearest on the characteristics the data give)".to_string()
        }
        Against::England => "England".to_string(),
    });
    let comparator = match comparator_for(ws, code, against) {
        Ok(c) => c,
        Err(reason) => {
            return Some(PracticeProfile {
                spine: Figure::missing(
                    "profile-spine",
                    format!("profile-{code}"),
                    format!(
                        "{name} against {}",
                        match against {
                            Against::Similar => "similar practices",
                            Against::Pcn => "its PCN",
                            Against::Place => "the city",
                            Against::England => "England",
                        }
                    ),
                    format!("{}.", first_upper(&reason)),
                ),
                ..profile_facts(ws, practice, name, against, comparators)
            })
        }
    };
    let rows = practice_profile_against(ws, code, &comparator);
    let title = format!("{name} against {}", comparator.name);
    let summary = profile_sentence(&rows, &comparator.name);
    let mut input = spine_input(
        &rows,
        Labels {
            id: "profile-spine-chart".into(),
            title: title.clone(),
            summary: summary.clone(),
            x_label: String::new(),
            y_label: String::new(),
        },
    );
    // The centre line is the comparator's value, and says which.
    input.benchmark_label = comparator.against.short().to_string();
    let size = spine_size(input.rows.len());
    let spine = Figure {
        id: "profile-spine".to_string(),
        file_stem: format!("profile-{code}"),
        title,
        summary,
        svg: spine_chart(&input, size).svg,
        size,
        table: LazyTable::ready(profile_table(&rows, &comparator)),
        // Each measure's row in the table view leads to its definition.
        row_links: rows
            .iter()
            .map(|r| atlas_core::definitions::definition_link(&r.indicator_id))
            .collect(),
        ..Figure::default()
    };
    let similar = (against == Against::Similar)
        .then(|| similar_practices(ws, code).ok())
        .flatten()
        .map(|similar| {
            let mut columns = vec!["Practice", "Code"];
            let names: Vec<String> = similar
                .characteristics
                .iter()
                .map(|c| c.short().to_string())
                .collect();
            columns.extend(names.iter().map(String::as_str));
            columns.push("Distance");
            let mut table = Table::new(&columns);
            let mut links = Vec::new();
            for n in &similar.neighbours {
                let mut row = vec![
                    Cell::text(
                        ws.practice(&n.practice_code)
                            .map_or(n.practice_code.clone(), |p| display_name(&p.name)),
                    ),
                    Cell::text(n.practice_code.clone()),
                ];
                for (c, v) in similar.characteristics.iter().zip(&n.values) {
                    row.push(Cell::number(*v, c.value_words(*v)));
                }
                row.push(Cell::value(n.distance, 2));
                table.rows.push(row);
                links.push(practice_link(&n.practice_code));
            }
            let own: Vec<String> = similar
                .characteristics
                .iter()
                .zip(&similar.own)
                .map(|(c, v)| {
                    let short = c.short();
                    let lower = short[..1].to_lowercase() + &short[1..];
                    format!("{lower} {}", c.value_words(*v))
                })
                .collect();
            let rule = format!("{} {name}: {}.", similar_rule(&similar), own.join("; "));
            (rule, table, links)
        });
    Some(PracticeProfile {
        spine,
        similar,
        ..profile_facts(ws, practice, name, against, comparators)
    })
}

/// The profile's facts without its spine chart.
fn profile_facts(
    ws: &Workspace,
    practice: &Practice,
    name: String,
    against: Against,
    comparators: Vec<ComparatorChoice>,
) -> PracticeProfile {
    let code = practice.code.as_str();
    let estimated = practice.list_size_source == ListSizeSource::Estimated;
    PracticeProfile {
        code: code.to_string(),
        pcn: ws
            .pcn(&practice.pcn_code)
            .map(|p| display_name(&p.name))
            .unwrap_or_else(|| practice.pcn_code.clone()),
        list_size: format!(
            "{} patients{}",
            thousands(practice.list_size),
            if estimated { " (estimated)" } else { "" }
        ),
        spine: Figure::default(),
        against,
        comparators,
        similar: None,
        cards: trajectory_cards(ws, code),
        illustrative: ws.illustrative,
        name,
    }
}

/// The SPC chart of `indicator` for practice `code`, the pandemic months set apart.
pub fn profile_over_time(
    ws: &Workspace,
    positions: &SeriesPositions,
    indicator: Option<&Indicator>,
    code: &str,
) -> Figure {
    match indicator {
        Some(ind) => {
            let file_stem = format!("profile-{code}-spc");
            over_time_as(ws, positions, ind, code, true, ("profile-spc", &file_stem)).figure
        }
        None => no_measure("profile-spc", "profile-spc"),
    }
}

/// The spread of `indicator` across practices at its latest period, practice `code`
/// marked on it.
pub fn profile_spread(
    ws: &Workspace,
    positions: &SeriesPositions,
    indicator: Option<&Indicator>,
    code: &str,
) -> Figure {
    let Some(ind) = indicator else {
        return no_measure("profile-spread", "profile-spread");
    };
    let context = atlas_core::measures::MeasureContext::for_measure_in(ws, positions, ind);
    let Some(period) = context.latest_period(ind) else {
        return no_measure("profile-spread", "profile-spread");
    };
    let observed = observe(ws, positions, ind, period);
    let file_stem = format!("profile-{code}-spread");
    spread_as(
        ws,
        positions,
        &of(ws, &observed),
        ind,
        period,
        code,
        ("profile-spread", &file_stem),
    )
}
