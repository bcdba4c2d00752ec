//! Workforce: each PCN's staff in additional roles per 10,000 patients, and one PCN's
//! staff by role (`?pcn=`). Content: `atlas_pages::workforce`.

use crate::components::chart_figure::PageFigure;
use crate::query::{page_query, show_view};
use crate::state::use_atlas;
use atlas_pages::workforce::{workforce_page, WorkforceQuery};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn WorkforcePage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let navigate = use_navigate();
    let view = Memo::new(move |_| WorkforceQuery::from_query(&page_query(&query.read())));
    let page = Memo::new(move |_| workforce_page(&state.workspace.read(), &view.read()));
    let choose = move |ev: leptos::ev::Event| {
        let next = WorkforceQuery {
            pcn: Some(event_target_value(&ev)),
        };
        show_view(
            &navigate,
            &query,
            "/workforce",
            WorkforceQuery::KEYS,
            &next.to_query(),
        );
    };
    let by_pcn = Signal::derive(move || page.read().by_pcn.clone());
    let roles = Signal::derive(move || page.read().roles.clone());
    view! {
        <h1>{move || page.read().heading.clone()}</h1>
        <p class="nhsuk-lede-text">{atlas_pages::workforce::LEDE}</p>
        <PageFigure figure=by_pcn/>
        {move || page.read().without_staff.clone().map(|text| view! { <p id="workforce-without-staff">{text}</p> })}
        <Show when=move || !page.read().pcns.is_empty()>
            <h2 id="workforce-pcn-heading">"One PCN's staff by role"</h2>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="workforce-pcn">"PCN"</label>
                <select class="nhsuk-select" id="workforce-pcn" on:change=choose.clone()>
                    {move || {
                        let p = page.read();
                        p.pcns.iter().map(|(code, name)| view! {
                            <option value=code.clone() selected=p.pcn.as_deref() == Some(code.as_str())>{name.clone()}</option>
                        }).collect_view()
                    }}
                </select>
            </div>
            <PageFigure figure=roles/>
        </Show>
        {move || page.read().gps.clone().map(|(name, link)| view! {
            <h2>"GPs"</h2>
            <p id="workforce-gps">
                "GPs are employed by practices, not PCNs: see "
                <a href=link>{name}</a>
                " practice by practice, with its funnel plot and its trend, on the Variation page."
            </p>
        })}
    }
}
