//! Trajectories: the paper's eight trajectories as cards (status in words and colour,
//! the rule, the month the target is expected to be met, a chart with its table), for
//! the city, a PCN or a practice (in the URL); and the access standard: appointments
//! per 1,000 per week against 75, by practice and over time, face to face against
//! 50%, and volume against 2019.

use crate::components::area_select::AreaSelect;
use crate::components::chart_figure::ChartFigure;
use crate::components::chart_figure::FigureView;
use crate::query::{query_value, set_query};
use crate::state::use_atlas;
use atlas_charts::from_core::trajectory_input;
use atlas_charts::from_stats::Labels;
use atlas_charts::{access, trajectory_chart, Figure, Size};
use atlas_core::access::{
    access_over_time, access_snapshot, appointments_by_month, face_to_face_snapshot,
    latest_access_period, volume_against_2019, AccessSettings, ACCESS_PERIODS, BASELINE_2019_RULE,
};
use atlas_core::aggregate::CITY_CODE;
use atlas_core::catalogue::APPOINTMENTS_PER_1000_WEEK;
use atlas_core::model::Workspace;
use atlas_core::provenance::measure_source;
use atlas_core::summary::first_upper;
use atlas_core::table::Table;
use atlas_core::trajectory::{trajectory_cards, trajectory_table, Status, TrajectoryCard};
use atlas_pages::areas::{area_name, known_area};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

const CARD_CHART: Size = Size {
    width: 760,
    height: 380,
};

/// The NHS tag class and the words of a status: never colour alone.
pub fn status_tag(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::OnTrack => ("nhsuk-tag nhsuk-tag--green", "On track"),
        Status::AtRisk => ("nhsuk-tag nhsuk-tag--yellow", "At risk"),
        Status::OffTrack => ("nhsuk-tag nhsuk-tag--red", "Off track"),
        Status::NoData => ("nhsuk-tag nhsuk-tag--grey", "No data"),
        Status::Met => ("nhsuk-tag nhsuk-tag--green", "Met by its date"),
        Status::Missed => ("nhsuk-tag nhsuk-tag--red", "Missed its date"),
        Status::NoTarget => ("nhsuk-tag nhsuk-tag--white", "No target"),
    }
}

/// A card's chart and table.
fn card_chart(card: &TrajectoryCard, index: usize, area: &str) -> (String, Table) {
    let labels = Labels {
        id: format!("trajectory-{index}"),
        title: format!("{} — {area}", card.title),
        summary: card.sentence.clone(),
        x_label: String::new(),
        y_label: first_upper(&card.unit_label),
    };
    let svg = trajectory_chart(&trajectory_input(card, labels), CARD_CHART).svg;
    (svg, trajectory_table(card))
}

/// One trajectory as a card: title, status, expected month, rule, chart.
#[component]
pub fn TrajectoryCardView(
    card: TrajectoryCard,
    index: usize,
    /// The area's name.
    area: String,
    illustrative: bool,
    /// Leave out the chart and the rule (profile pages list cards compactly).
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let (tag_class, tag_words) = status_tag(card.status);
    let expected = card.expectation();
    let (svg, table) = card_chart(&card, index, &area);
    let title = card.title.clone();
    let stem = format!("trajectory-{}", card.id.replace('_', "-"));
    let meta = view! {
        <div class="atlas-card__meta">
            <strong class=tag_class>{tag_words}</strong>
            <span>{expected}</span>
            {illustrative.then(|| view! { <span class="nhsuk-tag nhsuk-tag--white atlas-card__illustrative">"Illustrative"</span> })}
        </div>
    };
    if compact {
        return view! {
            <div class="nhsuk-card atlas-card atlas-card--compact">
                <div class="nhsuk-card__content">
                    <h3 class="nhsuk-card__heading nhsuk-heading-s">{title}</h3>
                    {meta}
                    <p class="nhsuk-body-s">{card.sentence.clone()}</p>
                </div>
            </div>
        }
        .into_any();
    }
    let basis = card.basis.clone().map(|basis| {
        view! { <p class="nhsuk-body-s atlas-card__basis"><strong>"Where the figures come from: "</strong>{basis}</p> }
    });
    if card.actual.is_empty() {
        // No series: say so in words, with no empty chart or lone target to misread.
        return view! {
            <div class="nhsuk-card atlas-card atlas-card--no-data">
                <div class="nhsuk-card__content">
                    <h2 class="atlas-figure__title">{title}</h2>
                    {meta}
                    <p class="nhsuk-body-s">{card.description.clone()}</p>
                    <div class="nhsuk-inset-text atlas-no-chart"><p>"No chart: "{card.sentence.clone()}</p></div>
                </div>
            </div>
        }
        .into_any();
    }
    let svg = Signal::stored(svg);
    // Where the card's figures come from, for beside its chart and in its CSV.
    let source = Signal::stored(measure_source(
        &use_atlas().workspace.read_untracked(),
        &card.id,
    ));
    view! {
        <div class="nhsuk-card atlas-card">
            <div class="nhsuk-card__content">
                <ChartFigure title=title summary=card.sentence.clone() svg=svg table=Signal::stored(table) file_stem=stem source=source>
                    {meta}
                    <p class="nhsuk-body-s">{card.description.clone()}</p>
                    {basis}
                    <p class="atlas-card__rule"><strong>"How the status is set: "</strong>{card.rule.clone()}</p>
                    <div class="atlas-chart" inner_html=svg></div>
                </ChartFigure>
            </div>
        </div>
    }
    .into_any()
}

/// The access standard's four figures, in the latest month with appointment data.
pub(crate) fn access_figures(ws: &Workspace, settings: &AccessSettings) -> Vec<Figure> {
    let Some(period) = latest_access_period(ws) else {
        return Vec::new();
    };
    let monthly = appointments_by_month(ws, CITY_CODE);
    vec![
        access::access_by_practice(ws, &access_snapshot(ws, period, settings), settings),
        access::access_over_time(ws, &access_over_time(ws, settings), settings),
        access::face_to_face_by_practice(ws, &face_to_face_snapshot(ws, period)),
        access::against_2019(ws, &monthly, &volume_against_2019(&monthly)),
    ]
}

#[component]
pub fn TrajectoriesPage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let navigate = use_navigate();
    let area = Memo::new(move |_| {
        known_area(
            &state.workspace.read(),
            query_value(&query, "area").as_deref(),
        )
    });
    let cards = Memo::new(move |_| {
        let ws = state.workspace.read();
        let code = area.get();
        (
            trajectory_cards(&ws, &code),
            area_name(&ws, &code),
            ws.illustrative,
        )
    });
    // The period the access standard is expressed over, in the URL (`?per=`).
    let per = Memo::new(move |_| query_value(&query, "per").unwrap_or_else(|| "week".to_string()));
    let access = Memo::new(move |_| {
        access_figures(
            &state.workspace.read(),
            &AccessSettings::for_period(&per.get()),
        )
    });
    let navigate_per = use_navigate();
    let set_per = move |ev: leptos::ev::Event| {
        set_query(
            &navigate_per,
            &query,
            "/trajectories",
            "per",
            event_target_value(&ev),
        )
    };
    let set_area = Callback::new(move |code: String| {
        set_query(&navigate, &query, "/trajectories", "area", code)
    });
    let cards_view = move || {
        let (cards, name, illustrative) = cards.get();
        cards
            .into_iter()
            .enumerate()
            .map(|(i, card)| {
                view! { <li><TrajectoryCardView card=card index=i area=name.clone() illustrative=illustrative/></li> }
            })
            .collect_view()
    };
    let access_view = move || {
        access
            .get()
            .into_iter()
            .map(|figure| {
                let source = Signal::derive(move || {
                    measure_source(&state.workspace.read(), APPOINTMENTS_PER_1000_WEEK)
                });
                view! { <FigureView figure=figure source=source/> }
            })
            .collect_view()
    };
    let heading = move || format!("Trajectories for {}", cards.read().1);
    view! {
        <h1>"Trajectories"</h1>
        <p class="nhsuk-lede-text">{move || atlas_core::trajectory::page_intro(&state.workspace.read())}</p>
        <AreaSelect id="trajectories-area" label="Show trajectories for" selected=area on_change=set_area/>
        <h2 id="trajectory-cards">{heading}</h2>
        <ul class="atlas-cards" aria-labelledby="trajectory-cards">{cards_view}</ul>
        <h2 id="access">"The access standard"</h2>
        <p>
            "The paper benchmarks practices against a locally agreed minimum of 75 appointments per 1,000 registered patients per week, asks for 50% of appointments face to face, and for a return to 2019 appointment levels. "
            {BASELINE_2019_RULE}
        </p>
        <div class="nhsuk-form-group atlas-controls">
            <label class="nhsuk-label" for="access-per">"Express appointments per 1,000 patients per"</label>
            <select class="nhsuk-select" id="access-per" on:change=set_per>
                {ACCESS_PERIODS
                    .iter()
                    .map(|&(key, words, _)| view! { <option value=key selected=move || per.get() == key>{words}</option> })
                    .collect_view()}
            </select>
        </div>
        {access_view}
    }
}
