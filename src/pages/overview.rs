//! Overview: the headline figures, PCN list sizes, and every practice.

use crate::components::chart_figure::ChartFigure;
use crate::components::data_table::DataTable;
use crate::download::save_text;
use crate::state::use_atlas;
use atlas_charts::{bar_chart, workspace::pcn_list_sizes, Size};
use atlas_core::summary::{self, thousands, Headline};
use leptos::prelude::*;

const CHART_SIZE: Size = Size {
    width: 760,
    height: 440,
};

#[component]
pub fn OverviewPage() -> impl IntoView {
    let state = use_atlas();
    let headline = Memo::new(move |_| Headline::of(&state.workspace.read()));
    let chart_input = Memo::new(move |_| pcn_list_sizes(&state.workspace.read()));
    let sentence = Memo::new(move |_| chart_input.read().summary.clone());
    let title = Memo::new(move |_| chart_input.read().title.clone());
    let svg = Memo::new(move |_| bar_chart(&chart_input.read(), CHART_SIZE).svg);
    let pcn_table = Memo::new(move |_| {
        summary::pcn_table(&summary::pcn_rows_by_list_size(&state.workspace.read()))
    });
    let practice_table = Memo::new(move |_| summary::practice_table(&state.workspace.read()));
    let place = Memo::new(move |_| state.workspace.read().place.clone());
    let registers = Memo::new(move |_| summary::register_reconciliation(&state.workspace.read()));

    let download_practices = move |_| {
        save_text(
            "practices.csv",
            "text/csv;charset=utf-8",
            &practice_table.read().to_csv(),
        );
    };

    view! {
        <h1>"Primary care in " {place}</h1>
        <p class="nhsuk-lede-text">
            "How the GP practices and primary care networks (PCNs) are organised, and how many patients each one serves."
        </p>
        <HeadlineFigures headline=headline registers=registers/>
        <ChartFigure title=title summary=sentence svg=svg table=pcn_table file_stem="pcn-list-sizes">
            <div class="atlas-chart" id="pcn-chart" inner_html=svg></div>
        </ChartFigure>
        <h2 id="practices">"Practices"</h2>
        <p>
            {move || {
                if headline.read().list_sizes_estimated {
                    "List sizes are estimates: each PCN's published total shared between its practices in proportion to their January 2021 registered lists. Select a column heading to sort.".to_string()
                } else {
                    match summary::list_size_note(&state.workspace.read()) {
                        Some(note) => format!("{note} Select a column heading to sort."),
                        None => "Select a column heading to sort.".to_string(),
                    }
                }
            }}
        </p>
        <DataTable table=practice_table caption="Practices, their PCN and list size" id="practice-table"/>
        <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=download_practices>
            "Download practices (CSV)"
        </button>
    }
}

#[component]
fn HeadlineFigures(
    headline: Memo<Headline>,
    /// The published registers beside the stated figures ([`summary::register_reconciliation`]).
    registers: Memo<Option<String>>,
) -> impl IntoView {
    let figure = |value: String, label: &'static str| {
        view! {
            <div class="atlas-headline__item">
                <p class="atlas-headline__value">{value}</p>
                <p class="atlas-headline__label">{label}</p>
            </div>
        }
    };
    view! {
        <section class="atlas-headline" aria-label="Headline figures">
            {move || {
                let h = headline.get();
                let population = h.published_pcn_total.unwrap_or(h.registered_population);
                view! {
                    {figure(h.pcns.to_string(), "primary care networks (PCNs)")}
                    {figure(h.practices.to_string(), "practices")}
                    {figure(thousands(population), "registered patients (sum of PCN lists)")}
                    {h.stated_population.map(|stated| figure(thousands(stated), "registered patients (as the paper states)"))}
                }
            }}
        </section>
        {move || headline.get().reconciliation().map(|text| view! {
            <div class="nhsuk-inset-text" id="population-reconciliation">
                <span class="nhsuk-u-visually-hidden">"Information: "</span>
                <p>{text}</p>
                {registers.get().map(|registers| view! {
                    <p id="register-reconciliation">
                        {registers}
                        " Source: NHS England, General Practice Workforce (practice-level census), registered patients. Open Government Licence v3.0."
                    </p>
                })}
            </div>
        })}
    }
}
