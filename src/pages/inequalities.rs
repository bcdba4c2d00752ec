//! Inequalities: a measure across fifths of the practices by deprivation, with the slope
//! and relative indices of inequality (`?measure=`). Content: `atlas_pages::inequalities`.

use crate::components::chart_figure::PageFigure;
use crate::query::{page_query, show_view};
use crate::state::use_atlas;
use atlas_pages::inequalities::{inequalities_page, InequalitiesQuery};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn InequalitiesPage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let navigate = use_navigate();
    let view = Memo::new(move |_| InequalitiesQuery::from_query(&page_query(&query.read())));
    let page = Memo::new(move |_| inequalities_page(&state.workspace.read(), &view.read()));
    let choose = move |ev: leptos::ev::Event| {
        let next = InequalitiesQuery {
            measure: Some(event_target_value(&ev)),
        };
        show_view(
            &navigate,
            &query,
            "/inequalities",
            InequalitiesQuery::KEYS,
            &next.to_query(),
        );
    };
    let figure = Signal::derive(move || page.read().figure.clone());
    view! {
        <h1>{move || page.read().heading.clone()}</h1>
        <p class="nhsuk-lede-text">{atlas_pages::inequalities::LEDE}</p>
        <Show when=move || !page.read().measures.is_empty()>
            <div class="nhsuk-form-group atlas-controls">
                <label class="nhsuk-label" for="inequalities-measure">"Measure"</label>
                <select class="nhsuk-select" id="inequalities-measure" on:change=choose.clone()>
                    {move || {
                        let p = page.read();
                        p.measures.iter().map(|(id, name)| view! {
                            <option value=id.clone() selected=p.measure.as_deref() == Some(id.as_str())>{name.clone()}</option>
                        }).collect_view()
                    }}
                </select>
            </div>
        </Show>
        <PageFigure figure=figure/>
        {move || page.read().indices.clone().map(|text| view! { <p id="inequalities-indices">{text}</p> })}
    }
}
