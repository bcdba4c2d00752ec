//! Map: every practice at its postcode, coloured by PCN, sized by list size, with
//! focusable markers laid over the chart's own geometry, and a table of the same data.
//! Content: `atlas_pages::map`.

use crate::components::chart_figure::PageFigure;
use crate::query::{page_query, show_view};
use crate::state::use_atlas;
use atlas_pages::map::{map_page, MapQuery};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn MapPage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let navigate = use_navigate();
    let view = Memo::new(move |_| MapQuery::from_query(&page_query(&query.read())));
    let page = Memo::new(move |_| map_page(&state.workspace.read(), &view.read()));
    let choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let next = MapQuery {
            measure: (!value.is_empty()).then_some(value),
        };
        show_view(&navigate, &query, "/map", MapQuery::KEYS, &next.to_query());
    };
    let unplaced = Memo::new(move |_| page.read().unplaced.clone());

    view! {
        <h1>{atlas_pages::map::HEADING}</h1>
        <p class="nhsuk-lede-text">{atlas_pages::map::LEDE}</p>
        <div class="nhsuk-form-group atlas-controls">
            <label class="nhsuk-label" for="map-measure">"Mark practices by"</label>
            <select class="nhsuk-select" id="map-measure" on:change=choose>
                <option value="" selected=move || page.read().measure.is_none()>"Their PCN"</option>
                {move || {
                    let p = page.read();
                    p.measures.iter().map(|(id, name)| view! {
                        <option value=id.clone() selected=p.measure.as_deref() == Some(id.as_str())>{format!("{name}, against the city")}</option>
                    }).collect_view()
                }}
            </select>
        </div>
        <p><a href="#map-table">"Skip the map to its table"</a></p>
        <PageFigure figure=Signal::derive(move || page.read().map.clone())
            marks_label="Practices on the map: press Enter to open a practice's profile"/>
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
