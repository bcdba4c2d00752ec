//! Equity: for each screening, vaccination and SMI health check measure, every PCN's
//! baseline, target, latest value and gap to the best PCN with its deprivation beside
//! it and the slope index of inequality across the PCNs, and the spread between PCNs
//! over time. The measure lives in the URL (`?indicator=<id>`). Content:
//! `atlas_pages::equity`.

use crate::components::chart_figure::PageFigure;
use crate::components::data_table::DataTable;
use crate::download::save_text;
use crate::query::{page_query, set_query};
use crate::state::use_atlas;
use atlas_core::equity::EQUITY_TARGET_RULE;
use atlas_pages::equity::equity_page;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn EquityPage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let page = Memo::new(move |_| equity_page(&state.workspace.read(), &page_query(&query.read())));
    let selected = Memo::new(move |_| page.read().shown.as_ref().map(|m| m.id.clone()));
    let navigate = use_navigate();
    let choose = move |ev: leptos::ev::Event| {
        set_query(
            &navigate,
            &query,
            "/equity",
            "indicator",
            event_target_value(&ev),
        )
    };
    let download_rows = move |_| {
        page.with_untracked(|p| {
            if let Some(m) = &p.shown {
                save_text(&m.csv_name, "text/csv;charset=utf-8", &m.table.to_csv());
            }
        });
    };
    let shown = move || page.read().shown.clone();

    view! {
        <h1>{atlas_pages::equity::HEADING}</h1>
        <p class="nhsuk-lede-text">{atlas_pages::equity::LEDE}</p>
        <Show when=move || page.read().illustrative>
            <p class="nhsuk-body-s atlas-illustrative" id="equity-illustrative">
                <strong class="nhsuk-tag nhsuk-tag--yellow">"Illustrative"</strong>
                " These coverage figures are illustrative, not published figures."
            </p>
        </Show>
        <div class="nhsuk-inset-text">
            <span class="nhsuk-u-visually-hidden">"Information: "</span>
            <p id="equity-target-rule">{EQUITY_TARGET_RULE}</p>
        </div>
        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="equity-indicator">"Measure"</label>
            <select class="nhsuk-select" id="equity-indicator" on:change=choose
                prop:value=move || selected.get().unwrap_or_default()>
                {move || page.read().measures.iter().map(|(id, name)| view! {
                    <option value=id.clone() selected=selected.get().as_deref() == Some(id.as_str())>{name.clone()}</option>
                }).collect_view()}
            </select>
        </div>
        <Show when=move || selected.read().is_some()
            fallback=|| view! { <p>"This workspace has none of the equity measures (cancer screening, vaccination, SMI health checks)."</p> }>
            <h2 id="equity-table-title">{move || shown().map(|m| m.name)}</h2>
            <p id="equity-sentence">{move || shown().map(|m| m.sentence)}</p>
            <p id="equity-sii">{move || shown().map(|m| m.by_deprivation)}</p>
            <DataTable table=Signal::derive(move || shown().map(|m| m.table).unwrap_or_default())
                caption=Signal::derive(move || shown().map(|m| m.caption).unwrap_or_default()) id="equity-table"/>
            <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" id="equity-download" on:click=download_rows>
                "Download this table (CSV)"
            </button>
            <PageFigure figure=Signal::derive(move || shown().map(|m| m.spread).unwrap_or_default())/>
        </Show>
    }
}
