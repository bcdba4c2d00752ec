//! Definitions: every measure listed (`/definitions`) and each defined on its own page
//! (`/definitions/:measure`). Content: `atlas_pages::definitions`.

use crate::state::use_atlas;
use atlas_pages::definitions::{
    definition_fields, definition_page, definitions_page, variation_link,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn DefinitionsPage() -> impl IntoView {
    let state = use_atlas();
    let page = Memo::new(move |_| definitions_page(&state.workspace.read()));
    view! {
        <h1>{move || page.read().heading.clone()}</h1>
        <p class="nhsuk-lede-text">{atlas_pages::definitions::LEDE}</p>
        <div class="atlas-table-container" tabindex="0" role="region" aria-label="Every measure in these data">
        <table class="nhsuk-table atlas-definitions-table">
            <caption class="nhsuk-table__caption">"Every measure in these data"</caption>
            <thead class="nhsuk-table__head">
                <tr>
                    <th scope="col">"Measure"</th>
                    <th scope="col">"Domain"</th>
                    <th scope="col">"Unit"</th>
                    <th scope="col">"Direction"</th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {move || page.read().rows.iter().map(|row| view! {
                    <tr>
                        <td><a href=row.link.clone()>{row.name.clone()}</a></td>
                        <td>{row.domain.clone()}</td>
                        <td>{row.unit.clone()}</td>
                        <td>{row.polarity.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
}

#[component]
pub fn DefinitionPage() -> impl IntoView {
    let state = use_atlas();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("measure").unwrap_or_default());
    let page = Memo::new(move |_| definition_page(&state.workspace.read(), &id.read()));
    let variation = Memo::new(move |_| variation_link(&state.workspace.read(), &id.read()));
    move || {
        match page.get() {
        Err(reason) => view! {
            <h1>"No such measure"</h1>
            <p>{reason}</p>
            <p><a href="/definitions">"Every measure's definition"</a></p>
        }
        .into_any(),
        Ok(d) => view! {
            <h1>{d.name.clone()}</h1>
            <dl class="nhsuk-summary-list" id="definition">
                {definition_fields(&d).into_iter().map(|(key, words)| view! {
                    <div class="nhsuk-summary-list__row">
                        <dt class="nhsuk-summary-list__key">{key}</dt>
                        <dd class="nhsuk-summary-list__value">{words}</dd>
                    </div>
                }).collect_view()}
            </dl>
            <h2>"Caveats"</h2>
            {if d.caveats.is_empty() {
                view! { <p>"None known beyond those of its source."</p> }.into_any()
            } else {
                view! {
                    <ul id="definition-caveats">
                        {d.caveats.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <ul>
                {variation.get().map(|link| view! { <li><a href=link>"How practices vary on this measure"</a></li> })}
                <li><a href="/definitions">"Every measure's definition"</a></li>
                <li><a href="/methods">"The methods behind the figures"</a></li>
            </ul>
        }
        .into_any(),
    }
    }
}
