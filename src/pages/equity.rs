//! Equity: for each screening, vaccination and SMI health check measure, every PCN's
//! baseline, target, latest value and gap to the best PCN, and the spread between PCNs
//! over time. The measure lives in the URL (`?indicator=<id>`).

use crate::components::chart_figure::ChartFigure;
use crate::components::data_table::DataTable;
use crate::download::save_text;
use crate::state::use_atlas;
use atlas_charts::{line_chart, workspace::equity_spread_chart, Size};
use atlas_core::catalogue::EQUITY_INDICATORS;
use atlas_core::equity::{
    equity_rows, equity_rows_sentence, equity_spread, equity_spread_table, equity_table,
    EQUITY_TARGET_RULE,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

const CHART_SIZE: Size = Size {
    width: 760,
    height: 440,
};

#[component]
pub fn EquityPage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    // The equity measures this workspace has: (id, name).
    let available = Memo::new(move |_| {
        let w = state.workspace.read();
        EQUITY_INDICATORS
            .iter()
            .filter_map(|id| w.indicator(id).map(|i| (i.id.clone(), i.name.clone())))
            .collect::<Vec<(String, String)>>()
    });
    let selected = Memo::new(move |_| {
        let wanted = query.read().get("indicator");
        let list = available.read();
        wanted
            .filter(|w| list.iter().any(|(id, _)| id == w))
            .or_else(|| list.first().map(|(id, _)| id.clone()))
    });
    let name = Memo::new(move |_| {
        let id = selected.get();
        available
            .read()
            .iter()
            .find(|(i, _)| Some(i) == id.as_ref())
            .map(|(_, n)| n.clone())
            .unwrap_or_default()
    });
    let rows = Memo::new(move |_| match selected.get() {
        Some(id) => equity_rows(&state.workspace.read(), &id),
        None => Vec::new(),
    });
    let rows_table = Memo::new(move |_| equity_table(&rows.read()));
    let rows_sentence = Memo::new(move |_| equity_rows_sentence(&name.get(), &rows.read()));
    let spread = Memo::new(move |_| match selected.get() {
        Some(id) => equity_spread(&state.workspace.read(), &id),
        None => Vec::new(),
    });
    let chart_input = Memo::new(move |_| equity_spread_chart(&name.get(), &spread.read()));
    let chart_title = Memo::new(move |_| chart_input.read().title.clone());
    let chart_sentence = Memo::new(move |_| chart_input.read().summary.clone());
    let svg = Memo::new(move |_| line_chart(&chart_input.read(), CHART_SIZE).svg);
    let spread_table = Memo::new(move |_| equity_spread_table(&spread.read()));
    let illustrative = Memo::new(move |_| state.workspace.read().illustrative);
    let file_stem =
        Memo::new(move |_| format!("equity-spread-{}", selected.get().unwrap_or_default()));

    let navigate = use_navigate();
    let choose = move |ev: leptos::ev::Event| {
        navigate(
            &format!("/equity?indicator={}", event_target_value(&ev)),
            Default::default(),
        )
    };
    let download_rows = move |_| {
        save_text(
            &format!(
                "equity-{}.csv",
                selected.get_untracked().unwrap_or_default()
            ),
            "text/csv;charset=utf-8",
            &rows_table.read_untracked().to_csv(),
        );
    };
    let caption = Signal::derive(move || {
        format!(
            "{} by PCN: baseline, target, latest and gap to the best PCN",
            name.get()
        )
    });

    view! {
        <h1>"Equity plans by PCN"</h1>
        <p class="nhsuk-lede-text">
            "Cancer screening, vaccination and mental health checks: where each PCN started, where it aims to be, where it is now, and how far it is from the best PCN."
        </p>
        <Show when=move || illustrative.get()>
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
                {move || available.get().into_iter().map(|(id, name)| view! {
                    <option value=id.clone() selected=selected.get().as_deref() == Some(id.as_str())>{name}</option>
                }).collect_view()}
            </select>
        </div>
        <Show when=move || selected.read().is_some()
            fallback=|| view! { <p>"This workspace has none of the equity measures (cancer screening, vaccination, SMI health checks)."</p> }>
            <h2 id="equity-table-title">{name}</h2>
            <p id="equity-sentence">{rows_sentence}</p>
            <DataTable table=rows_table caption=caption id="equity-table"/>
            <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" id="equity-download" on:click=download_rows>
                "Download this table (CSV)"
            </button>
            {move || view! {
                <ChartFigure title=chart_title summary=chart_sentence svg=svg table=spread_table file_stem=file_stem.get()>
                    <div class="atlas-chart" id="equity-chart" inner_html=svg></div>
                </ChartFigure>
            }}
        </Show>
    }
}
