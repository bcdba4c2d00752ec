//! Compare measures: any two measures across practices as a scatter plot with the
//! least-squares line and the correlation (`?x=…&y=…`). Content: `atlas_pages::compare`.

use crate::components::chart_figure::PageFigure;
use crate::query::{page_query, show_view};
use crate::state::use_atlas;
use atlas_pages::compare::{compare_page, CompareQuery};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn ComparePage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let navigate = use_navigate();
    let view = Memo::new(move |_| CompareQuery::from_query(&page_query(&query.read())));
    let page = Memo::new(move |_| compare_page(&state.workspace.read(), &view.read()));
    // Choosing either measure keeps the other as shown.
    let choose = move |across: bool, id: String| {
        let p = page.read_untracked();
        let next = if across {
            CompareQuery {
                x: Some(id),
                y: p.y.clone(),
            }
        } else {
            CompareQuery {
                x: p.x.clone(),
                y: Some(id),
            }
        };
        show_view(
            &navigate,
            &query,
            "/compare",
            CompareQuery::KEYS,
            &next.to_query(),
        );
    };
    let figure = Signal::derive(move || page.read().figure.clone());
    let select = move |across: bool| {
        let choose = choose.clone();
        let (id, label) = if across {
            ("compare-x", "Measure across (horizontal axis)")
        } else {
            ("compare-y", "Measure up (vertical axis)")
        };
        view! {
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for=id>{label}</label>
                <select class="nhsuk-select" id=id on:change=move |ev| choose(across, event_target_value(&ev))>
                    {move || {
                        let p = page.read();
                        let chosen = if across { p.x.clone() } else { p.y.clone() };
                        p.measures.iter().map(|(id, name)| view! {
                            <option value=id.clone() selected=chosen.as_deref() == Some(id.as_str())>{name.clone()}</option>
                        }).collect_view()
                    }}
                </select>
            </div>
        }
    };
    view! {
        <h1>{move || page.read().heading.clone()}</h1>
        <p class="nhsuk-lede-text">
            "Whether two measures go together across practices: each practice a point, the line that fits them best, and how closely they follow it. Choose a point to open its practice."
        </p>
        <Show when=move || page.read().measures.get(1).is_some()>
            <div class="atlas-controls atlas-controls--pair">
                {select(true)}
                {select(false)}
            </div>
        </Show>
        <PageFigure figure=figure marks_label="Practices on the chart: press Enter to open a practice's profile"/>
    }
}
