//! Compare measures: any two measures across practices or PCNs as a scatter plot with
//! the least-squares line and the correlation (`?x=…&y=…&level=pcn&pcn=…`). Content:
//! `atlas_pages::compare`.

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
    // Every choice keeps the rest of the view as shown.
    let set = move |change: &dyn Fn(&mut CompareQuery)| {
        let mut next = {
            let p = page.read_untracked();
            CompareQuery {
                x: p.x.clone(),
                y: p.y.clone(),
                level: p.level,
                pcn: p.pcn.clone(),
            }
        };
        change(&mut next);
        show_view(
            &navigate,
            &query,
            "/compare",
            CompareQuery::KEYS,
            &next.to_query(),
        );
    };
    let figure = Signal::derive(move || page.read().figure.clone());
    let select = {
        let set = set.clone();
        move |across: bool| {
            let set = set.clone();
            let (id, label) = if across {
                ("compare-x", "Measure across (horizontal axis)")
            } else {
                ("compare-y", "Measure up (vertical axis)")
            };
            view! {
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for=id>{label}</label>
                    <select class="nhsuk-select" id=id on:change=move |ev| {
                        let id = event_target_value(&ev);
                        set(&|q| if across { q.x = Some(id.clone()) } else { q.y = Some(id.clone()) })
                    }>
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
        }
    };
    let set_points = {
        let set = set.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            set(&|q| *q = q.with_points(&value))
        }
    };
    view! {
        <h1>{move || page.read().heading.clone()}</h1>
        <p class="nhsuk-lede-text">{atlas_pages::compare::LEDE}</p>
        <div class="atlas-controls atlas-controls--pair">
            <Show when=move || page.read().measures.get(1).is_some()>
                {select(true)}
                {select(false)}
            </Show>
            <Show when=move || !page.read().points.is_empty()>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="compare-points">"Points"</label>
                    <select class="nhsuk-select" id="compare-points" on:change=set_points.clone()>
                        {move || {
                            let p = page.read();
                            p.points.iter().map(|(value, words)| view! {
                                <option value=value.clone() selected=*value == p.points_chosen>{words.clone()}</option>
                            }).collect_view()
                        }}
                    </select>
                </div>
            </Show>
        </div>
        <PageFigure figure=figure marks_label="Points on the chart: press Enter to open a practice's or PCN's profile"/>
    }
}
