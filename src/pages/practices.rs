//! Practices: the list (each name links to its profile) and a practice's profile — its
//! PCN and list size, a spine chart of every measure against the city, its trajectory
//! cards, and an SPC chart of a chosen measure (in the URL).

use crate::components::chart_figure::{ChartFigure, PageFigure};
use crate::components::data_table::DataTable;
use crate::components::measure_select::{measure_from_query, MeasureOptions};
use crate::components::measure_sources::MeasureSources;
use crate::components::trajectory_card::TrajectoryCardView;
use crate::query::set_query;
use crate::state::use_atlas;
use atlas_charts::from_core::spine_input;
use atlas_charts::from_stats::Labels;
use atlas_charts::{spine_chart, Size};
use atlas_core::measures::{scorecard_indicators, SeriesPositions};
use atlas_core::model::ListSizeSource;
use atlas_core::profile::{practice_profile, profile_sentence, profile_table};
use atlas_core::provenance::indicator_sources;
use atlas_core::summary::{display_name, practice_table, thousands};
use atlas_core::trajectory::trajectory_cards;
use atlas_pages::figure::no_measure;
use atlas_pages::variation::over_time_as;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

#[component]
pub fn PracticesPage() -> impl IntoView {
    let state = use_atlas();
    let table = Memo::new(move |_| practice_table(&state.workspace.read()));
    let row_link = Callback::new(move |row: usize| {
        state.workspace.with_untracked(|ws| {
            ws.practices
                .get(row)
                .map(|p| format!("/practices/{}", p.code))
        })
    });
    view! {
        <h1>"Practices"</h1>
        <p class="nhsuk-lede-text">
            "Every GP practice, its PCN and list size. Select a practice's name to open its profile; select a column heading to sort."
        </p>
        <DataTable table=table caption="Practices: select a name to open its profile" id="practices-table" row_link=row_link/>
    }
}

/// The spine chart's height: a row per measure.
fn spine_size(rows: usize) -> Size {
    Size {
        width: 760,
        height: (150 + 34 * rows as u32).max(260),
    }
}

#[component]
pub fn PracticeProfilePage() -> impl IntoView {
    let state = use_atlas();
    let params = use_params_map();
    let code = Memo::new(move |_| params.read().get("code").unwrap_or_default());
    let practice = Memo::new(move |_| {
        let ws = state.workspace.read();
        let practice = ws.practice(&code.get())?.clone();
        let pcn = ws
            .pcn(&practice.pcn_code)
            .map(|p| display_name(&p.name))
            .unwrap_or_else(|| practice.pcn_code.clone());
        Some((practice, pcn))
    });
    move || {
        match practice.get() {
        None => view! {
            <h1>"Practice not found"</h1>
            <p>"There is no practice with the code " <strong>{code.get()}</strong> " in this workspace."</p>
            <p><A href="/practices">"See all practices"</A></p>
        }
        .into_any(),
        Some((p, pcn)) => {
            let list = format!(
                "{} patients{}",
                thousands(p.list_size),
                if p.list_size_source == ListSizeSource::Estimated {
                    " (estimated)"
                } else {
                    ""
                }
            );
            view! {
                <p class="nhsuk-body-s"><A href="/practices">"All practices"</A></p>
                <h1>{display_name(&p.name)}</h1>
                <dl class="atlas-facts">
                    <div><dt>"ODS code"</dt><dd>{p.code.clone()}</dd></div>
                    <div><dt>"PCN"</dt><dd>{pcn}</dd></div>
                    <div><dt>"List size"</dt><dd>{list}</dd></div>
                </dl>
                <ProfileCharts code=p.code.clone()/>
            }
            .into_any()
        }
    }
    }
}

#[component]
fn ProfileCharts(code: String) -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let navigate = use_navigate();
    let code = StoredValue::new(code);
    let spine = Memo::new(move |_| {
        let ws = state.workspace.read();
        let rows = practice_profile(&ws, &code.get_value());
        let name = ws
            .practice(&code.get_value())
            .map(|p| display_name(&p.name))
            .unwrap_or_default();
        let title = format!("{name} against the city");
        let summary = profile_sentence(&rows);
        let input = spine_input(
            &rows,
            Labels {
                id: "profile-spine-chart".into(),
                title: title.clone(),
                summary: summary.clone(),
                x_label: String::new(),
                y_label: String::new(),
            },
        );
        let svg = spine_chart(&input, spine_size(input.rows.len())).svg;
        (title, summary, svg, profile_table(&rows))
    });
    let cards = Memo::new(move |_| {
        let ws = state.workspace.read();
        (trajectory_cards(&ws, &code.get_value()), ws.illustrative)
    });
    let indicators = Memo::new(move |_| scorecard_indicators(&state.workspace.read()));
    let indicator = measure_from_query(indicators, query);
    let sources =
        Memo::new(move |_| indicator_sources(&state.workspace.read(), &indicators.read()));
    let spc = Memo::new(move |_| {
        let code = code.get_value();
        let file_stem = format!("profile-{code}-spc");
        match indicator.get() {
            Some(ind) => {
                let ws = state.workspace.read();
                over_time_as(
                    &ws,
                    &SeriesPositions::new(&ws),
                    &ind,
                    &code,
                    true,
                    ("profile-spc", &file_stem),
                )
                .figure
            }
            None => no_measure("profile-spc", "profile-spc"),
        }
    });
    let set_indicator = move |ev| {
        let path = format!("/practices/{}", code.get_value());
        set_query(
            &navigate,
            &query,
            &path,
            "indicator",
            event_target_value(&ev),
        )
    };

    let spine_svg = Signal::derive(move || spine.read().2.clone());
    let cards_view = move || {
        let (cards, illustrative) = cards.get();
        cards
            .into_iter()
            .map(|card| {
                view! { <li><TrajectoryCardView card=card illustrative=illustrative/></li> }
            })
            .collect_view()
    };
    view! {
        <ChartFigure
            title=Signal::derive(move || spine.read().0.clone())
            summary=Signal::derive(move || spine.read().1.clone())
            svg=spine_svg
            table=Signal::derive(move || spine.read().3.clone())
            file_stem=format!("profile-{}", code.get_value())
        >
            <div class="atlas-chart" id="profile-spine" inner_html=spine_svg></div>
        </ChartFigure>
        <MeasureSources groups=sources id="profile-sources"/>
        <h2 id="profile-trajectories">"Trajectories"</h2>
        <ul class="atlas-cards atlas-cards--compact" aria-labelledby="profile-trajectories">{cards_view}</ul>
        <div class="nhsuk-form-group atlas-controls">
            <label class="nhsuk-label" for="profile-indicator">"Measure over time"</label>
            <select class="nhsuk-select" id="profile-indicator" on:change=set_indicator>
                <MeasureOptions measures=indicators selected=indicator/>
            </select>
        </div>
        <PageFigure figure=spc/>
    }
}
