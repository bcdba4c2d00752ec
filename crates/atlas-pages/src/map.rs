//! The map of practices: every practice at its postcode, coloured by PCN and sized by
//! list size, each marker named; the practices that are not on it, and why.

use crate::figure::{marks_with_text, Figure, LazyTable};
use atlas_charts::workspace::practice_map_input;
use atlas_charts::{practice_map, MapOutline, Size};
use atlas_core::boundaries::{outlines_for, OutlineKind, BOUNDARY_ATTRIBUTION};
use atlas_core::model::{ListSizeSource, Workspace};
use atlas_core::placement::{coordinates_note, unplaced};
use atlas_core::summary::{practice_table, thousands};

const MAP: Size = Size::new(760, 620);

/// Everything the Map page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPage {
    /// The map: a mark per practice on it (name; PCN and list size).
    pub map: Figure,
    /// "3 practices are not on the map", when any is not.
    pub unplaced_heading: Option<String>,
    /// Each practice not on the map: (code, name, why).
    pub unplaced: Vec<(String, String, String)>,
    /// Where the coordinates come from, with their attribution.
    pub attribution: String,
}

/// The Map page of `ws`.
pub fn map_page(ws: &Workspace) -> MapPage {
    let mut input = practice_map_input(ws);
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
        let pcn = input.groups.get(point.group).cloned().unwrap_or_default();
        let size = format!(
            "{} patients{}",
            thousands(point.size_value.max(0.0) as u64),
            if estimated { " (estimated)" } else { "" }
        );
        Some((point.label.clone(), vec![pcn, size]))
    });
    let unplaced = unplaced(&ws.practices);
    MapPage {
        map: Figure {
            id: "map-figure".to_string(),
            file_stem: "practice-map".to_string(),
            title: "GP practices by PCN and list size".to_string(),
            summary: input.summary.clone(),
            svg: chart.svg,
            size: MAP,
            marks,
            table: LazyTable::ready(practice_table(ws)),
            ..Figure::default()
        },
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
