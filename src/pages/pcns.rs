//! PCNs: the list of primary care networks, and one PCN's profile — its practices,
//! their list sizes, its scorecard rows, its staff and its equity rows. Content:
//! `atlas_pages::pcns`.

use crate::components::chart_figure::PageFigure;
use crate::components::data_table::DataTable;
use crate::components::measure_sources::MeasureSources;
use crate::state::use_atlas;
use atlas_core::provenance::indicator_sources;
use atlas_core::scoring;
use atlas_pages::pcns::{pcn_list, pcn_profile, AreaLink};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// Table rows of areas: the name links to the area; the other cells follow, numbers
/// aligned right after the code.
fn link_rows(rows: Vec<AreaLink>) -> impl IntoView {
    rows.into_iter()
        .map(|row| {
            view! {
                <tr class="nhsuk-table__row">
                    <th scope="row" class="nhsuk-table__cell"><A href=row.link>{row.name}</A></th>
                    <td class="nhsuk-table__cell">{row.code}</td>
                    {row.cells.into_iter().map(|c| view! {
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{c}</td>
                    }).collect_view()}
                </tr>
            }
        })
        .collect_view()
}

/// `/pcns`: every PCN with its practices and list size, each linking to its profile.
#[component]
pub fn PcnsPage() -> impl IntoView {
    let state = use_atlas();
    let list = Memo::new(move |_| pcn_list(&state.workspace.read()));
    view! {
        <h1>{move || list.read().0.clone()}</h1>
        <p class="nhsuk-lede-text">{atlas_pages::pcns::LEDE}</p>
        <div class="atlas-scroll" role="region" aria-label="PCN table (scrolls sideways)" tabindex="0">
            <table class="nhsuk-table" id="pcn-list">
                <caption class="nhsuk-table__caption">"PCNs, their practices and list sizes"</caption>
                <thead class="nhsuk-table__head">
                    <tr class="nhsuk-table__row">
                        <th scope="col" class="nhsuk-table__header">"PCN"</th>
                        <th scope="col" class="nhsuk-table__header">"ODS code"</th>
                        <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">"Practices"</th>
                        <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">"List size"</th>
                    </tr>
                </thead>
                <tbody class="nhsuk-table__body">{move || link_rows(list.get().1)}</tbody>
            </table>
        </div>
    }
}

/// `/pcns/:code`: one PCN's profile, or a "not found" message for an unknown code.
#[component]
pub fn PcnProfilePage() -> impl IntoView {
    let state = use_atlas();
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let card = Memo::new(move |_| std::sync::Arc::new(scoring::scorecard(&state.workspace.read())));
    let profile =
        Memo::new(move |_| pcn_profile(&state.workspace.read(), &card.read(), &code.get()));
    let sources =
        Memo::new(move |_| indicator_sources(&state.workspace.read(), &card.read().indicators));
    move || {
        match profile.get() {
        Some(p) => {
            let figure = p.list_sizes.clone();
            let (score_table, equity) = (p.score_table.clone(), p.equity.clone());
            let has_scores = !score_table.rows.is_empty();
            let has_equity = !equity.rows.is_empty();
            view! {
                <p><A href="/pcns">"All PCNs"</A></p>
                <h1>{p.name.clone()}</h1>
                <p class="nhsuk-lede-text" id="pcn-facts">{p.facts.clone()}</p>
                {p.illustrative.then(|| view! {
                    <p class="nhsuk-body-s atlas-illustrative">
                        <strong class="nhsuk-tag nhsuk-tag--yellow">"Illustrative"</strong>
                        " Indicator values here are illustrative, not published figures."
                    </p>
                })}
                <PageFigure figure=figure/>
                <h2 id="practices">"Practices"</h2>
                <div class="atlas-scroll" role="region" aria-label="Practice table (scrolls sideways)" tabindex="0">
                    <table class="nhsuk-table" id="pcn-practices">
                        <caption class="nhsuk-table__caption">"Practices in this PCN, largest list first"</caption>
                        <thead class="nhsuk-table__head">
                            <tr class="nhsuk-table__row">
                                <th scope="col" class="nhsuk-table__header">"Practice"</th>
                                <th scope="col" class="nhsuk-table__header">"ODS code"</th>
                                <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">{p.size_heading.clone()}</th>
                            </tr>
                        </thead>
                        <tbody class="nhsuk-table__body">{link_rows(p.practices.clone())}</tbody>
                    </table>
                </div>
                <h2 id="scorecard">"Scorecard"</h2>
                <p>"How this PCN compares with the city on every measure. " <A href="/scorecard?level=pcn">"Compare all PCNs on the scorecard"</A></p>
                <p id="pcn-score">{p.score_sentence.clone()}</p>
                {if has_scores {
                    view! {
                        <DataTable table=Signal::stored(score_table) caption=p.score_caption.clone() id="pcn-scorecard"/>
                        <MeasureSources groups=sources id="pcn-sources"/>
                    }.into_any()
                } else {
                    view! { <p id="pcn-no-scorecard">"This workspace has no measures to compare for this PCN."</p> }.into_any()
                }}
                <h2 id="pcn-staff">"Staff employed by the PCN"</h2>
                {match p.roles.clone() {
                    Some((sentence, table, caption, source)) => view! {
                        <p id="pcn-roles-sentence">{sentence}</p>
                        <DataTable table=Signal::stored(table) caption=caption id="pcn-roles"/>
                        <p class="nhsuk-body-s atlas-figure__source">{source}</p>
                    }.into_any(),
                    None => view! { <p id="pcn-no-roles">"This workspace has no staff published for this PCN (the PCN workforce collection)."</p> }.into_any(),
                }}
                <h2 id="equity">"Equity"</h2>
                <p>"Cancer screening, vaccination and SMI health checks: this PCN's baseline, target and latest value. " <A href="/equity">"Compare all PCNs on the Equity page"</A></p>
                {if has_equity {
                    view! { <DataTable table=Signal::stored(equity) caption=p.equity_caption.clone() id="pcn-equity"/> }.into_any()
                } else {
                    view! { <p id="pcn-no-equity">"This workspace has none of the equity measures (cancer screening, vaccination, SMI health checks)."</p> }.into_any()
                }}
            }
            .into_any()
        }
        None => view! {
            <h1>"PCN not found"</h1>
            <p id="pcn-not-found">
                "There is no PCN with the code “" {code.get()} "” in this workspace. Check the web address, or choose a PCN from the list."
            </p>
            <p><A href="/pcns">"Go to the list of PCNs"</A></p>
        }
        .into_any(),
    }
    }
}
