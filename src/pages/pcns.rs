//! PCNs: the list of primary care networks, and one PCN's profile — its practices,
//! their list sizes, its scorecard rows and its equity rows.

use crate::components::chart_figure::ChartFigure;
use crate::components::data_table::DataTable;
use crate::components::measure_sources::MeasureSources;
use crate::state::use_atlas;
use atlas_charts::{bar_chart, workspace::practice_list_sizes, Size};
use atlas_core::equity::pcn_equity_table;
use atlas_core::provenance::indicator_sources;
use atlas_core::scoring::{self, area_score_sentence, area_scorecard_table, AreaLevel};
use atlas_core::summary::{self, display_name, thousands};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

const CHART_SIZE: Size = Size {
    width: 760,
    height: 440,
};

/// `/pcns`: every PCN with its practices and list size, each linking to its profile.
#[component]
pub fn PcnsPage() -> impl IntoView {
    let state = use_atlas();
    let rows = Memo::new(move |_| summary::pcn_rows(&state.workspace.read()));
    let place = Memo::new(move |_| state.workspace.read().place.clone());
    let body = move || {
        rows.get()
            .into_iter()
            .map(|row| {
                let href = format!("/pcns/{}", row.code);
                view! {
                    <tr class="nhsuk-table__row">
                        <th scope="row" class="nhsuk-table__cell"><A href=href>{display_name(&row.name)}</A></th>
                        <td class="nhsuk-table__cell">{row.code.clone()}</td>
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{row.practices}</td>
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{thousands(row.list_size)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <h1>"Primary care networks in " {place}</h1>
        <p class="nhsuk-lede-text">"Each PCN, how many practices it has and how many patients they serve. Choose a PCN to see its profile."</p>
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
                <tbody class="nhsuk-table__body">{body}</tbody>
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
    let pcn = Memo::new(move |_| state.workspace.read().pcn(&code.get()).cloned());
    view! {
        {move || match pcn.get() {
            Some(p) => view! { <PcnProfile code=p.code.clone() name=display_name(&p.name)/> }.into_any(),
            None => view! {
                <h1>"PCN not found"</h1>
                <p id="pcn-not-found">
                    "There is no PCN with the code “" {code.get()} "” in this workspace. Check the web address, or choose a PCN from the list."
                </p>
                <p><A href="/pcns">"Go to the list of PCNs"</A></p>
            }
            .into_any(),
        }}
    }
}

#[component]
fn PcnProfile(code: String, name: String) -> impl IntoView {
    let state = use_atlas();
    let code = StoredValue::new(code);
    let chart_input =
        Memo::new(move |_| practice_list_sizes(&state.workspace.read(), &code.get_value()));
    let title = Memo::new(move |_| chart_input.read().title.clone());
    let sentence = Memo::new(move |_| chart_input.read().summary.clone());
    let svg = Memo::new(move |_| bar_chart(&chart_input.read(), CHART_SIZE).svg);
    let practices =
        Memo::new(move |_| summary::pcn_practice_table(&state.workspace.read(), &code.get_value()));
    let card = Memo::new(move |_| std::sync::Arc::new(scoring::scorecard(&state.workspace.read())));
    let score_rows =
        Memo::new(move |_| area_scorecard_table(&card.read(), AreaLevel::Pcn, &code.get_value()));
    let score_sentence =
        Memo::new(move |_| area_score_sentence(&card.read(), AreaLevel::Pcn, &code.get_value()));
    let equity = Memo::new(move |_| pcn_equity_table(&state.workspace.read(), &code.get_value()));
    let roles = Memo::new(move |_| {
        atlas_core::workforce::pcn_roles(&state.workspace.read(), &code.get_value())
    });
    let roles_source = Memo::new(move |_| {
        atlas_core::provenance::measure_source(
            &state.workspace.read(),
            atlas_core::catalogue::PCN_STAFF_FTE_TOTAL,
        )
        .text
    });
    let roles_name = name.clone();
    let sources =
        Memo::new(move |_| indicator_sources(&state.workspace.read(), &card.read().indicators));
    let illustrative = Memo::new(move |_| state.workspace.read().illustrative);
    let facts = Memo::new(move |_| {
        summary::pcn_rows(&state.workspace.read())
            .into_iter()
            .find(|r| r.code == code.get_value())
    });
    let practice_links = move || {
        practices
            .get()
            .rows
            .into_iter()
            .map(|row| {
                let practice = row.first().map(|c| c.text.clone()).unwrap_or_default();
                let ods = row.get(1).map(|c| c.text.clone()).unwrap_or_default();
                let size = row.get(2).map(|c| c.text.clone()).unwrap_or_default();
                view! {
                    <tr class="nhsuk-table__row">
                        <th scope="row" class="nhsuk-table__cell"><A href=format!("/practices/{ods}")>{practice}</A></th>
                        <td class="nhsuk-table__cell">{ods}</td>
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{size}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let size_heading = move || practices.read().columns.get(2).cloned().unwrap_or_default();
    let score_caption = format!("Scorecard for {name}: every measure against the city");
    let equity_caption =
        format!("Equity measures for {name}: baseline, target, latest and gap to the best PCN");

    view! {
        <p><A href="/pcns">"All PCNs"</A></p>
        <h1>{name.clone()}</h1>
        <p class="nhsuk-lede-text" id="pcn-facts">
            {move || facts.get().map(|f| format!(
                "ODS code {}: {} practices serving {} registered patients.",
                f.code,
                f.practices,
                thousands(f.list_size)
            ))}
        </p>
        <Show when=move || illustrative.get()>
            <p class="nhsuk-body-s atlas-illustrative">
                <strong class="nhsuk-tag nhsuk-tag--yellow">"Illustrative"</strong>
                " Indicator values here are illustrative, not published figures."
            </p>
        </Show>
        <h2 id="practices">"Practices"</h2>
        <div class="atlas-scroll" role="region" aria-label="Practice table (scrolls sideways)" tabindex="0">
            <table class="nhsuk-table" id="pcn-practices">
                <caption class="nhsuk-table__caption">"Practices in this PCN, largest list first"</caption>
                <thead class="nhsuk-table__head">
                    <tr class="nhsuk-table__row">
                        <th scope="col" class="nhsuk-table__header">"Practice"</th>
                        <th scope="col" class="nhsuk-table__header">"ODS code"</th>
                        <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">{size_heading}</th>
                    </tr>
                </thead>
                <tbody class="nhsuk-table__body">{practice_links}</tbody>
            </table>
        </div>
        <ChartFigure title=title summary=sentence svg=svg table=practices file_stem=format!("practice-list-sizes-{}", code.get_value())>
            <div class="atlas-chart" id="practice-chart" inner_html=svg></div>
        </ChartFigure>
        <h2 id="scorecard">"Scorecard"</h2>
        <p>"How this PCN compares with the city on every measure. " <A href="/scorecard?level=pcn">"Compare all PCNs on the scorecard"</A></p>
        <p id="pcn-score">{score_sentence}</p>
        <Show when=move || !score_rows.read().rows.is_empty()
            fallback=|| view! { <p id="pcn-no-scorecard">"This workspace has no measures to compare for this PCN."</p> }>
            <DataTable table=score_rows caption=score_caption.clone() id="pcn-scorecard"/>
            <MeasureSources groups=sources id="pcn-sources"/>
        </Show>
        <h2 id="pcn-staff">"Staff employed by the PCN"</h2>
        {move || match roles.get() {
            Some(roles) => view! {
                <p id="pcn-roles-sentence">{roles.sentence(&roles_name)}</p>
                <DataTable table=Signal::stored(roles.table()) caption=format!("Staff employed by {roles_name} by role, {}", roles.period.label()) id="pcn-roles"/>
                <p class="nhsuk-body-s atlas-figure__source">{roles_source.get()}</p>
            }.into_any(),
            None => view! { <p id="pcn-no-roles">"This workspace has no staff published for this PCN (the PCN workforce collection)."</p> }.into_any(),
        }}
        <h2 id="equity">"Equity"</h2>
        <p>"Cancer screening, vaccination and SMI health checks: this PCN's baseline, target and latest value. " <A href="/equity">"Compare all PCNs on the Equity page"</A></p>
        <Show when=move || !equity.read().rows.is_empty()
            fallback=|| view! { <p id="pcn-no-equity">"This workspace has none of the equity measures (cancer screening, vaccination, SMI health checks)."</p> }>
            <DataTable table=equity caption=equity_caption.clone() id="pcn-equity"/>
        </Show>
    }
}
