//! Practices: the list (each name links to its profile) and a practice's profile — its
//! PCN and list size, a spine chart of every measure against the city, its trajectory
//! cards, and an SPC chart of a chosen measure (in the URL). Content:
//! `atlas_pages::practices`.

use crate::components::chart_figure::PageFigure;
use crate::components::data_table::DataTable;
use crate::components::measure_select::{measure_from_query, MeasureOptions};
use crate::components::measure_sources::MeasureSources;
use crate::components::trajectory_card::TrajectoryCardView;
use crate::query::set_query;
use crate::state::use_atlas;
use atlas_core::measures::{scorecard_indicators, SeriesPositions};
use atlas_core::provenance::indicator_sources;
use atlas_pages::areas::practice_link;
use atlas_pages::practices::{practice_list, practice_profile_page, profile_over_time};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

#[component]
pub fn PracticesPage() -> impl IntoView {
    let state = use_atlas();
    let list = Memo::new(move |_| practice_list(&state.workspace.read()));
    let table = Signal::derive(move || list.read().0.clone());
    let row_link = Callback::new(move |row: usize| list.with_untracked(|l| l.1.get(row).cloned()));
    view! {
        <h1>"Practices"</h1>
        <p class="nhsuk-lede-text">
            "Every GP practice, its PCN and list size. Select a practice's name to open its profile; select a column heading to sort."
        </p>
        <DataTable table=table caption="Practices: select a name to open its profile" id="practices-table" row_link=row_link/>
    }
}

#[component]
pub fn PracticeProfilePage() -> impl IntoView {
    let state = use_atlas();
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let profile = Memo::new(move |_| practice_profile_page(&state.workspace.read(), &code.get()));
    move || {
        match profile.get() {
        None => view! {
            <h1>"Practice not found"</h1>
            <p>"There is no practice with the code " <strong>{code.get()}</strong> " in this workspace."</p>
            <p><A href="/practices">"See all practices"</A></p>
        }
        .into_any(),
        Some(p) => {
            let illustrative = p.illustrative;
            view! {
                <p class="nhsuk-body-s"><A href="/practices">"All practices"</A></p>
                <h1>{p.name.clone()}</h1>
                <dl class="atlas-facts">
                    <div><dt>"ODS code"</dt><dd>{p.code.clone()}</dd></div>
                    <div><dt>"PCN"</dt><dd>{p.pcn.clone()}</dd></div>
                    <div><dt>"List size"</dt><dd>{p.list_size.clone()}</dd></div>
                </dl>
                <PageFigure figure=p.spine.clone()/>
                <MeasureSourcesOfProfile/>
                <h2 id="profile-trajectories">"Trajectories"</h2>
                <ul class="atlas-cards atlas-cards--compact" aria-labelledby="profile-trajectories">
                    {p.cards.into_iter().map(|card| view! {
                        <li><TrajectoryCardView card=card illustrative=illustrative/></li>
                    }).collect_view()}
                </ul>
                <OverTime code=p.code/>
            }
            .into_any()
        }
    }
    }
}

/// Where each measure of the profile comes from.
#[component]
fn MeasureSourcesOfProfile() -> impl IntoView {
    let state = use_atlas();
    let sources = Memo::new(move |_| {
        let ws = state.workspace.read();
        indicator_sources(&ws, &scorecard_indicators(&ws))
    });
    view! { <MeasureSources groups=sources id="profile-sources"/> }
}

/// The chosen measure over time for the practice, and the choice.
#[component]
fn OverTime(code: String) -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let navigate = use_navigate();
    let code = StoredValue::new(code);
    let indicators = Memo::new(move |_| scorecard_indicators(&state.workspace.read()));
    let indicator = measure_from_query(indicators, query);
    let spc = Memo::new(move |_| {
        let ws = state.workspace.read();
        profile_over_time(
            &ws,
            &SeriesPositions::new(&ws),
            indicator.read().as_ref(),
            &code.get_value(),
        )
    });
    let set_indicator = move |ev| {
        let path = practice_link(&code.get_value());
        set_query(
            &navigate,
            &query,
            &path,
            "indicator",
            event_target_value(&ev),
        )
    };
    view! {
        <div class="nhsuk-form-group atlas-controls">
            <label class="nhsuk-label" for="profile-indicator">"Measure over time"</label>
            <select class="nhsuk-select" id="profile-indicator" on:change=set_indicator>
                <MeasureOptions measures=indicators selected=indicator/>
            </select>
        </div>
        <PageFigure figure=spc/>
    }
}
