//! The map of practices: every practice at its postcode, coloured by PCN and sized by
//! list size, each marker named; the practices that are not on it, and why.

use crate::areas::practice_link;
use crate::figure::{marks_with_text, Figure, LazyTable};
use crate::query::Query;
use atlas_charts::scatter::verdict_against;
use atlas_charts::workspace::practice_map_input;
use atlas_charts::{practice_map, MapOutline, Size};
use atlas_core::boundaries::{outlines_for, OutlineKind, BOUNDARY_ATTRIBUTION};
use atlas_core::measures::{scorecard_indicators, value_text, MeasureContext};
use atlas_core::model::Indicator;
use atlas_core::model::{ListSizeSource, Workspace};
use atlas_core::placement::{coordinates_note, unplaced};
use atlas_core::provenance::measure_source;
use atlas_core::stats::benchmark::Comparison;
use atlas_core::summary::{practice_table, thousands};
use atlas_core::table::{Cell, Table};
use atlas_core::variation::caterpillar_data;
use atlas_core::words::display_name;
use std::collections::HashMap;

/// The page's heading.
pub const HEADING: &str = "Map of practices";

/// The sentence under the page's heading: what the page is for.
pub const LEDE: &str = "Each marker is a practice at its postcode, its area the number of registered patients. Its colour shows the PCN, or, when a measure is chosen, its shape, fill and colour show how the practice compares with the city on it. Move the pointer over a marker, or press Tab to step through them, to read its details; select it, or press Enter, to open the practice.";

const MAP: Size = Size::new(760, 620);

/// Each practice's value and verdict on a measure, by code.
type Verdicts = HashMap<String, (f64, Comparison)>;

/// The page's view as the URL holds it: `measure`, the measure the practices are
/// marked by (their PCN when none).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MapQuery {
    pub measure: Option<String>,
}

impl MapQuery {
    /// The query string's keys this page owns.
    pub const KEYS: &'static [&'static str] = &["measure"];

    /// The view a query string asks for.
    pub fn from_query(query: &Query) -> MapQuery {
        MapQuery {
            measure: query.get("measure").map(str::to_string),
        }
    }

    /// The query string's pairs for this view.
    pub fn to_query(&self) -> Query {
        Query::from_pairs(self.measure.iter().map(|m| ("measure", m.clone())))
    }
}

/// Everything the Map page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPage {
    /// The measures the practices can be marked by: (id, name).
    pub measures: Vec<(String, String)>,
    /// The measure they are marked by, if any (a known one).
    pub measure: Option<String>,
    /// The map: a mark per practice on it (name; PCN and list size).
    pub map: Figure,
    /// "3 practices are not on the map", when any is not.
    pub unplaced_heading: Option<String>,
    /// Each practice not on the map: (code, name, why).
    pub unplaced: Vec<(String, String, String)>,
    /// Where the coordinates come from, with their attribution.
    pub attribution: String,
}

/// The Map page of `ws`: practices by PCN, or by their verdict on the measure the
/// query names.
pub fn map_page(ws: &Workspace, query: &MapQuery) -> MapPage {
    let mut input = practice_map_input(ws);
    let indicators = scorecard_indicators(ws);
    let measures: Vec<(String, String)> = indicators
        .iter()
        .map(|i| (i.id.clone(), i.name.clone()))
        .collect();
    let indicator = query
        .measure
        .as_ref()
        .and_then(|id| indicators.iter().find(|i| &i.id == id));
    // Each practice's verdict and value on the measure, by code.
    let mut judged: Option<(String, Verdicts)> = None;
    if let Some(ind) = indicator {
        let context = MeasureContext::for_measure(ws, ind);
        if let Some(period) = context.latest_period(ind) {
            let data = caterpillar_data(ws, &context, ind, period);
            let by_code: Verdicts = data
                .bars
                .iter()
                .map(|b| (b.area_code.clone(), (b.value, b.compared)))
                .collect();
            let located: Vec<&str> = ws
                .practices
                .iter()
                .filter(|p| p.location.is_some())
                .map(|p| p.code.as_str())
                .collect();
            for (point, code) in input.points.iter_mut().zip(&located) {
                point.verdict = Some(by_code.get(*code).map_or(Comparison::NotCompared, |v| v.1));
            }
            input.verdict_against = Some(ws.place.clone());
            input.group_legend_label = format!("{} ({})", ind.name, period.label());
            let verdicts: Vec<String> = [
                (Comparison::Better, "better"),
                (Comparison::Similar, "similar"),
                (Comparison::Worse, "worse"),
                (Comparison::Higher, "higher"),
                (Comparison::Lower, "lower"),
                (Comparison::NotCompared, "not compared"),
            ]
            .into_iter()
            .filter_map(|(c, words)| {
                let n = input.points.iter().filter(|p| p.verdict == Some(c)).count();
                (n > 0).then(|| format!("{n} {words}"))
            })
            .collect();
            input.summary = format!(
                "Map of {} practices in {}, each marked by its {} ({}) against {}: {}; each sized by its registered patients.",
                input.points.len(),
                ws.place,
                ind.name,
                period.label(),
                ws.place,
                verdicts.join(", "),
            );
            judged = Some((ind.name.clone(), by_code));
        }
    }
    let outlines = outlines_for(ws);
    if !outlines.is_empty() {
        input.outlines = outlines
            .into_iter()
            .map(|o| MapOutline {
                place: o.kind == OutlineKind::Place,
                name: o.name,
                rings: o.rings,
            })
            .collect();
        input.summary.push_str(&format!(
            " Under them, the boundary of {} and its wards as drawn in 2013 (redrawn in 2015).",
            ws.place
        ));
        input.attribution = [input.attribution.as_str(), BOUNDARY_ATTRIBUTION]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
    }
    let estimated = ws
        .practices
        .iter()
        .any(|p| p.list_size_source == ListSizeSource::Estimated);
    let chart = practice_map(&input, MAP);
    let marks = marks_with_text(&chart.marks, |i| {
        let point = input.points.get(i)?;
        let pcn = match (&input.verdict_against, point.verdict) {
            (Some(against), Some(verdict)) => verdict_against(verdict, against),
            _ => input.groups.get(point.group).cloned().unwrap_or_default(),
        };
        let size = format!(
            "{} patients{}",
            thousands(point.size_value.max(0.0) as u64),
            if estimated { " (estimated)" } else { "" }
        );
        Some((point.label.clone(), vec![pcn, size]))
    });
    let unplaced = unplaced(&ws.practices);
    let table = match (&judged, indicator) {
        (Some((name, by_code)), Some(ind)) => {
            let verdict_column = format!("Compared with {}", ws.place);
            let mut table = Table::new(&["Practice", "ODS code", "PCN", name, &verdict_column]);
            for p in &ws.practices {
                let pcn = ws
                    .pcn(&p.pcn_code)
                    .map_or(String::new(), |x| x.name.clone());
                let (value, verdict) = match by_code.get(&p.code) {
                    Some(&(v, c)) => (Cell::number(v, value_text(ind.unit, v)), c),
                    None => (Cell::text("no figure"), Comparison::NotCompared),
                };
                table.rows.push(vec![
                    Cell::text(display_name(&p.name)),
                    Cell::text(p.code.clone()),
                    Cell::text(pcn),
                    value,
                    Cell::text(verdict_against(verdict, &ws.place)),
                ]);
            }
            table
        }
        _ => practice_table(ws),
    };
    let title = match &judged {
        Some((name, _)) => format!("GP practices by {name} against {}", ws.place),
        None => "GP practices by PCN and list size".to_string(),
    };
    let source = indicator.map(|ind| measure_source(ws, &ind.id));
    let definitions: Vec<&Indicator> = indicator.into_iter().collect();
    MapPage {
        measures,
        measure: indicator.map(|i| i.id.clone()),
        map: Figure {
            id: "map-figure".to_string(),
            file_stem: "practice-map".to_string(),
            title,
            summary: input.summary.clone(),
            svg: chart.svg,
            size: MAP,
            marks,
            table: LazyTable::ready(table),
            // Each marker and each table row (every practice, in workspace order)
            // leads to its practice.
            mark_links: ws
                .practices
                .iter()
                .filter(|p| p.location.is_some())
                .map(|p| practice_link(&p.code))
                .collect(),
            row_links: ws
                .practices
                .iter()
                .map(|p| practice_link(&p.code))
                .collect(),
            source,
            ..Figure::default()
        }
        .defining(&definitions),
        unplaced_heading: match unplaced.len() {
            0 => None,
            1 => Some("1 practice is not on the map".to_string()),
            n => Some(format!("{n} practices are not on the map")),
        },
        unplaced,
        attribution: {
            let coordinates = coordinates_note(&ws.practices)
                .unwrap_or_else(|| "No practice has coordinates yet.".to_string());
            if input.outlines.is_empty() {
                coordinates
            } else {
                format!("{coordinates} {BOUNDARY_ATTRIBUTION}")
            }
        },
    }
}
