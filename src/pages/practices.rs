//! Practices: the list (each name links to its profile) and a practice's profile — its
//! PCN and list size, a spine chart of every measure against the city, its trajectory
//! cards, and an SPC chart of a chosen measure (in the URL). Content:
//! `atlas_pages::practices`.

use crate::components::chart_figure::PageFigure;
use crate::components::comparator_select::ComparatorSelect;
use crate::components::data_table::DataTable;
use crate::components::measure_select::{measure_from_query, MeasureOptions};
use crate::components::measure_sources::MeasureSources;
use crate::components::trajectory_card::TrajectoryCardView;
use crate::query::set_query;
use crate::state::use_atlas;
use atlas_core::comparator::Against;
use atlas_core::measures::{scorecard_indicators, SeriesPositions};
use atlas_core::provenance::indicator_sources;
use atlas_pages::areas::practice_link;
use atlas_pages::practices::{
    former_practice_list, former_practice_page, practice_list, practice_profile_page,
    practices_by_date, profile_over_time, profile_spread, FormerPracticeFacts,
};
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
        <h1>{atlas_pages::practices::HEADING}</h1>
        <p class="nhsuk-lede-text">{atlas_pages::practices::LEDE}</p>
        <DataTable table=table caption="Practices: select a name to open its profile" id="practices-table" row_link=row_link/>
        <FormerPractices/>
        <PracticesByDate/>
    }
}

/// Practices the files know of that are not open now: listed, never counted.
#[component]
fn FormerPractices() -> impl IntoView {
    let state = use_atlas();
    let list = Memo::new(move |_| former_practice_list(&state.workspace.read()));
    move || {
        list.get().map(|(table, links)| {
            let count = table.rows.len();
            let row_link = Callback::new(move |row: usize| links.get(row).cloned());
            view! {
                <h2 id="former-practices">"Closed practices"</h2>
                <p>
                    {format!("{count} {} that the files know of {} not open at the files' latest date: closed, dormant, or not in the latest registrations of their area. No page counts, ranks or judges {}; {} figures still count in the place's totals for the periods before {} closed.",
                        if count == 1 { "practice" } else { "practices" },
                        if count == 1 { "is" } else { "are" },
                        if count == 1 { "it" } else { "them" },
                        if count == 1 { "its" } else { "their" },
                        if count == 1 { "it" } else { "they" })}
                </p>
                <DataTable table=Signal::derive(move || table.clone()) caption="Closed practices: select a name for its details" id="former-practices-table" row_link=row_link/>
            }
        })
    }
}

/// How many practices were open, and their patients, on each date a file gives.
#[component]
fn PracticesByDate() -> impl IntoView {
    let state = use_atlas();
    let table = Memo::new(move |_| practices_by_date(&state.workspace.read()));
    move || {
        table.get().map(|table| view! {
            <h2 id="practices-by-date">"Practices and patients by date"</h2>
            <p>"On each date a file gives list sizes for (a registrations extract; QOF's, the appointments tables' or the workforce census's registered patients): the practices open that day — by their opening and closing dates where ODS gives them, otherwise every practice not known to have closed — and the patients registered with those that have a count for that month. Dates on which most practices have no count are left out."</p>
            <DataTable table=Signal::derive(move || table.clone()) caption="Practices open and registered patients by date" id="practices-by-date-table"/>
        })
    }
}

#[component]
pub fn PracticeProfilePage() -> impl IntoView {
    let state = use_atlas();
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let query = use_query_map();
    let navigate = use_navigate();
    let against =
        Memo::new(move |_| Against::parse(&query.read().get("against").unwrap_or_default()));
    let profile = Memo::new(move |_| {
        practice_profile_page(&state.workspace.read(), &code.get(), against.get())
    });
    let set_against = Callback::new(move |chosen: Against| {
        set_query(
            &navigate,
            &query,
            &practice_link(&code.get_untracked()),
            "against",
            chosen.id().to_string(),
        )
    });
    move || {
        match profile.get() {
        None => match former_practice_page(&state.workspace.read(), &code.get()) {
            Some(former) => view! { <FormerPracticePage former=former/> }.into_any(),
            None => view! {
            <h1>"Practice not found"</h1>
            <p>"There is no practice with the code " <strong>{code.get()}</strong> " in this workspace."</p>
            <p><A href="/practices">"See all practices"</A></p>
        }
        .into_any(),
        },
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
                <div class="atlas-controls">
                    <ComparatorSelect id="profile-against" label="Compare with" choices=p.comparators.clone() chosen=p.against on_choose=set_against/>
                </div>
                <PageFigure figure=p.spine.clone()/>
                {p.similar.clone().map(|(rule, table, links)| view! {
                    <h2 id="similar-practices">"Its similar practices"</h2>
                    <p id="similar-rule">{rule}</p>
                    <DataTable table=Signal::derive(move || table.clone()) caption="The similar practices, nearest first" id="similar-table"
                        row_link=Callback::new(move |row: usize| links.get(row).cloned())/>
                })}
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

/// A practice that is no longer open: who it was, since when, and why no figure is shown.
#[component]
fn FormerPracticePage(former: FormerPracticeFacts) -> impl IntoView {
    view! {
        <p class="nhsuk-body-s"><A href="/practices#former-practices">"All practices"</A></p>
        <h1>{former.name.clone()}</h1>
        <p class="nhsuk-lede-text">{format!("{}: not open at the files' latest date.", former.status)}</p>
        <dl class="atlas-facts">
            <div><dt>"ODS code"</dt><dd>{former.code.clone()}</dd></div>
            <div><dt>"Status"</dt><dd>{former.status.clone()}</dd></div>
            {former.pcn.clone().map(|pcn| view! { <div><dt>"Last PCN"</dt><dd>{pcn}</dd></div> })}
            <div><dt>"Last list size"</dt><dd>{former.last_list_size.clone()}</dd></div>
        </dl>
        <p>"A practice that is not open is not scored, ranked or judged on a trajectory; its figures count in the place's and its PCN's totals only for the periods before it closed."</p>
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
    // Found once per workspace for both charts.
    let positions = Memo::new(move |_| SeriesPositions::new(&state.workspace.read()));
    let spc = Memo::new(move |_| {
        let ws = state.workspace.read();
        profile_over_time(
            &ws,
            &positions.read(),
            indicator.read().as_ref(),
            &code.get_value(),
        )
    });
    let spread = Memo::new(move |_| {
        let ws = state.workspace.read();
        profile_spread(
            &ws,
            &positions.read(),
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
            <label class="nhsuk-label" for="profile-indicator">"Measure over time and its spread"</label>
            <select class="nhsuk-select" id="profile-indicator" on:change=set_indicator>
                <MeasureOptions measures=indicators selected=indicator/>
            </select>
        </div>
        <PageFigure figure=spc/>
        <PageFigure figure=spread/>
    }
}
