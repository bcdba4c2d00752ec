//! Map: every practice at its postcode, coloured by PCN, sized by list size, with
//! focusable markers laid over the chart's own geometry, and a table of the same data.

use crate::components::chart_figure::ChartFigure;
use crate::components::chart_overlay::ChartOverlay;
use crate::state::use_atlas;
use atlas_charts::{practice_map, workspace::practice_map_input, MapInput, Size};
use atlas_core::model::ListSizeSource;
use atlas_core::placement::{coordinates_note, unplaced};
use atlas_core::summary::{self, thousands};
use atlas_pages::figure::marks_with_text;
use leptos::prelude::*;

const MAP_SIZE: Size = Size {
    width: 760,
    height: 620,
};

/// A practice as its marker shows it.
#[derive(Clone, PartialEq)]
struct MarkerText {
    name: String,
    pcn: String,
    list_size: String,
}

/// Each plotted practice's text, in the map input's order.
fn marker_texts(input: &MapInput, estimated: bool) -> Vec<MarkerText> {
    input
        .points
        .iter()
        .map(|point| MarkerText {
            name: point.label.clone(),
            pcn: input.groups.get(point.group).cloned().unwrap_or_default(),
            list_size: format!(
                "{} patients{}",
                thousands(point.size_value.max(0.0) as u64),
                if estimated { " (estimated)" } else { "" }
            ),
        })
        .collect()
}

#[component]
pub fn MapPage() -> impl IntoView {
    let state = use_atlas();
    let input = Memo::new(move |_| {
        let ws = state.workspace.read();
        let input = practice_map_input(&ws);
        let estimated = ws
            .practices
            .iter()
            .any(|p| p.list_size_source == ListSizeSource::Estimated);
        let texts = marker_texts(&input, estimated);
        let chart = practice_map(&input, MAP_SIZE);
        (input.summary, chart.svg, chart.marks, texts)
    });
    let summary_text = Memo::new(move |_| input.read().0.clone());
    let svg = Memo::new(move |_| input.read().1.clone());
    let table = Memo::new(move |_| summary::practice_table(&state.workspace.read()));
    let unplaced = Memo::new(move |_| unplaced(&state.workspace.read().practices));
    let coordinates = Memo::new(move |_| coordinates_note(&state.workspace.read().practices));
    let marks = Memo::new(move |_| {
        let (_, _, marks, texts) = input.get();
        marks_with_text(&marks, |i| {
            let text = texts.get(i)?.clone();
            Some((text.name, vec![text.pcn, text.list_size]))
        })
    });

    view! {
        <h1>"Map of practices"</h1>
        <p class="nhsuk-lede-text">
            "Each circle is a practice at its postcode. Its colour shows the PCN and its area the number of registered patients. Move the pointer over a circle, or press Tab to step through them, to read its details."
        </p>
        <p><a href="#map-table">"Skip the map to its table"</a></p>
        <ChartFigure
            title=Signal::stored("GP practices by PCN and list size".to_string())
            summary=summary_text
            svg=svg
            table=table
            file_stem="practice-map"
        >
            <ChartOverlay id="map-figure" tooltip_id="map-tooltip" svg=svg size=MAP_SIZE marks=marks
                group_label="Practices on the map"/>
        </ChartFigure>
        <Show when=move || { !unplaced.read().is_empty() }>
            <h2 id="map-unplaced-heading">{move || match unplaced.read().len() {
                1 => "1 practice is not on the map".to_string(),
                n => format!("{n} practices are not on the map"),
            }}</h2>
            <table class="nhsuk-table" id="map-unplaced" aria-labelledby="map-unplaced-heading">
                <thead class="nhsuk-table__head"><tr class="nhsuk-table__row">
                    <th scope="col" class="nhsuk-table__header">"Practice"</th>
                    <th scope="col" class="nhsuk-table__header">"Why it is not on the map"</th>
                </tr></thead>
                <tbody class="nhsuk-table__body">
                    {move || unplaced.get().into_iter().map(|(code, name, reason)| view! {
                        <tr class="nhsuk-table__row">
                            <td class="nhsuk-table__cell">{name}" ("{code}")"</td>
                            <td class="nhsuk-table__cell">{reason}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </Show>
        <span id="map-table"></span>
        <p class="nhsuk-body-s atlas-attribution" id="map-attribution">{move || coordinates.get().unwrap_or_else(|| "No practice has coordinates yet.".to_string())}</p>
    }
}
