//! Map: every practice at its postcode, coloured by PCN, sized by list size, with
//! focusable markers laid over the chart's own geometry, and a table of the same data.
//! Content: `atlas_pages::map`.

use crate::components::chart_figure::ChartFigure;
use crate::components::chart_overlay::ChartOverlay;
use crate::state::use_atlas;
use atlas_pages::map::map_page;
use leptos::prelude::*;

#[component]
pub fn MapPage() -> impl IntoView {
    let state = use_atlas();
    let page = Memo::new(move |_| map_page(&state.workspace.read()));
    let svg = Memo::new(move |_| page.read().map.svg.clone());
    let marks = Memo::new(move |_| page.read().map.marks.clone());
    let size = page.with_untracked(|p| p.map.size);
    let unplaced = Memo::new(move |_| page.read().unplaced.clone());

    view! {
        <h1>"Map of practices"</h1>
        <p class="nhsuk-lede-text">
            "Each circle is a practice at its postcode. Its colour shows the PCN and its area the number of registered patients. Move the pointer over a circle, or press Tab to step through them, to read its details."
        </p>
        <p><a href="#map-table">"Skip the map to its table"</a></p>
        <ChartFigure
            title=Signal::derive(move || page.read().map.title.clone())
            summary=Signal::derive(move || page.read().map.summary.clone())
            svg=svg
            table=Signal::derive(move || page.read().map.table.table())
            file_stem="practice-map".to_string()
        >
            <ChartOverlay id="map-figure" tooltip_id="map-tooltip" svg=svg size=size marks=marks
                group_label="Practices on the map"/>
        </ChartFigure>
        <Show when=move || page.read().unplaced_heading.is_some()>
            <h2 id="map-unplaced-heading">{move || page.read().unplaced_heading.clone()}</h2>
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
        <p class="nhsuk-body-s atlas-attribution" id="map-attribution">{move || page.read().attribution.clone()}</p>
    }
}
