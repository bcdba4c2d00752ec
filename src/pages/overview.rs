//! Overview: the headline figures, PCN list sizes, and every practice.

use crate::components::chart_figure::PageFigure;
use crate::components::data_table::DataTable;
use crate::download::save_text;
use crate::state::use_atlas;
use atlas_core::summary::{thousands, Headline};
use atlas_pages::overview::overview_page;
use leptos::prelude::*;

#[component]
pub fn OverviewPage() -> impl IntoView {
    let state = use_atlas();
    let page = Memo::new(move |_| overview_page(&state.workspace.read()));
    let headline = Memo::new(move |_| page.read().headline.clone());
    let registers = Memo::new(move |_| page.read().registers.clone());
    let figure = Signal::derive(move || page.read().pcn_sizes.clone());
    let practices = Signal::derive(move || page.read().practices.clone());
    let download_practices = move |_| {
        page.with_untracked(|p| {
            save_text(
                "practices.csv",
                "text/csv;charset=utf-8",
                &p.practices.to_csv(),
            )
        });
    };

    view! {
        <h1>{move || page.read().heading.clone()}</h1>
        <p class="nhsuk-lede-text">{atlas_pages::overview::LEDE}</p>
        <HeadlineFigures headline=headline/>
        <PageFigure figure=figure/>
        <Reconciliation headline=headline registers=registers/>
        <h2 id="practices">"Practices"</h2>
        <p>{move || page.read().practices_note.clone()}</p>
        <DataTable table=practices caption="Practices, their PCN and list size" id="practice-table"/>
        <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=download_practices>
            "Download practices (CSV)"
        </button>
    }
}

#[component]
fn HeadlineFigures(headline: Memo<Headline>) -> impl IntoView {
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
    }
}

/// Where the stated population and the published registers differ, and why: below the
/// chart, so that the chart starts on the first screen.
#[component]
fn Reconciliation(
    headline: Memo<Headline>,
    /// The published registers beside the stated figures.
    registers: Memo<Option<String>>,
) -> impl IntoView {
    view! {
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
