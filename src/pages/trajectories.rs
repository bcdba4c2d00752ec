//! Trajectories: the paper's eight trajectories as cards (status in words and colour,
//! the rule, the month the target is expected to be met, a chart with its table), for
//! the city, a PCN or a practice (in the URL); and the access standard: appointments
//! per 1,000 per week against 75, by practice and over time, face to face against
//! 50%, and volume against 2019.

use crate::components::area_select::{area_name, known_area, AreaSelect};
use crate::components::chart_figure::ChartFigure;
use crate::query::{query_value, set_query};
use crate::state::use_atlas;
use atlas_charts::from_core::{against_standard, monthly_lines, trajectory_input};
use atlas_charts::from_stats::Labels;
use atlas_charts::{caterpillar_plot, line_chart, trajectory_chart, Size};
use atlas_core::access::{
    access_over_time, access_snapshot, access_table, appointments_by_month, face_to_face_snapshot,
    face_to_face_table, latest_access_period, over_time_sentence, over_time_table,
    volume_against_2019, volume_sentence, volume_table, AccessSettings, ACCESS_PERIODS,
    BASELINE_2019_RULE, FACE_TO_FACE_STANDARD,
};
use atlas_core::aggregate::CITY_CODE;
use atlas_core::model::Workspace;
use atlas_core::summary::practice_display_names;
use atlas_core::table::Table;
use atlas_core::trajectory::{trajectory_cards, trajectory_table, Status, TrajectoryCard};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

const CARD_CHART: Size = Size {
    width: 760,
    height: 380,
};
const LINE_CHART: Size = Size {
    width: 760,
    height: 400,
};

/// The NHS tag class and the words of a status: never colour alone.
pub fn status_tag(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::OnTrack => ("nhsuk-tag nhsuk-tag--green", "On track"),
        Status::AtRisk => ("nhsuk-tag nhsuk-tag--yellow", "At risk"),
        Status::OffTrack => ("nhsuk-tag nhsuk-tag--red", "Off track"),
        Status::NoData => ("nhsuk-tag nhsuk-tag--grey", "No data"),
    }
}

/// A card's chart and table.
fn card_chart(card: &TrajectoryCard, index: usize, area: &str) -> (String, Table) {
    let labels = Labels {
        id: format!("trajectory-{index}"),
        title: format!("{} — {area}", card.title),
        summary: card.sentence.clone(),
        x_label: String::new(),
        y_label: capitalise(&card.unit_label),
    };
    let svg = trajectory_chart(&trajectory_input(card, labels), CARD_CHART).svg;
    (svg, trajectory_table(card))
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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
    let expected = match card.expected_met {
        Some(p) => format!("Target expected to be met: {}", p.label()),
        None => "Target not expected to be met within the forecast".to_string(),
    };
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
    let svg = Signal::stored(svg);
    view! {
        <div class="nhsuk-card atlas-card">
            <div class="nhsuk-card__content">
                <ChartFigure title=title summary=card.sentence.clone() svg=svg table=Signal::stored(table) file_stem=stem>
                    {meta}
                    <p class="nhsuk-body-s">{card.description.clone()}</p>
                    <p class="atlas-card__rule"><strong>"How the status is set: "</strong>{card.rule.clone()}</p>
                    <div class="atlas-chart" inner_html=svg></div>
                </ChartFigure>
            </div>
        </div>
    }
    .into_any()
}

/// Everything the access section draws.
#[derive(Clone, PartialEq, Default)]
struct AccessCharts {
    figures: Vec<(String, String, String, Table, &'static str)>,
}

fn access_charts(ws: &Workspace, settings: AccessSettings) -> AccessCharts {
    let Some(period) = latest_access_period(ws) else {
        return AccessCharts::default();
    };
    let mut figures = Vec::new();
    let unit = settings.rate_unit();

    let snapshot = access_snapshot(ws, period, &settings);
    let names = practice_display_names(ws, snapshot.practices.iter().map(|r| r.area_code.as_str()));
    let estimates: Vec<_> = snapshot.practices.iter().map(|r| r.estimate).collect();
    let title = format!("{unit} by practice, {}", period.label());
    let input = against_standard(
        &estimates,
        &names,
        settings.standard,
        &format!("Standard ({})", settings.label()),
        Labels {
            id: "access-practices".into(),
            title: title.clone(),
            summary: snapshot.sentence.clone(),
            x_label: String::new(),
            y_label: unit.clone(),
        },
    );
    let size = Size {
        width: 760,
        height: (160 + 16 * estimates.len() as u32).max(320),
    };
    figures.push((
        title,
        snapshot.sentence.clone(),
        caterpillar_plot(&input, size).svg,
        access_table(&snapshot),
        "access-by-practice",
    ));

    let months = access_over_time(ws, &settings);
    let sentence = over_time_sentence(&months, &settings);
    let title = format!("{unit}, city, by month");
    let periods: Vec<_> = months.iter().map(|m| m.period).collect();
    let input = monthly_lines(
        &periods,
        vec![(
            ws.place.clone(),
            months.iter().map(|m| m.city_rate).collect(),
        )],
        Some((settings.standard, format!("Standard: {}", settings.label()))),
        Labels {
            id: "access-over-time-chart".into(),
            title: title.clone(),
            summary: sentence.clone(),
            x_label: String::new(),
            y_label: unit,
        },
    );
    figures.push((
        title,
        sentence,
        line_chart(&input, LINE_CHART).svg,
        over_time_table(&months),
        "access-over-time",
    ));

    let f2f = face_to_face_snapshot(ws, period);
    let names = practice_display_names(ws, f2f.practices.iter().map(|(c, _)| c.as_str()));
    let estimates: Vec<_> = f2f.practices.iter().map(|(_, e)| *e).collect();
    let title = format!("Appointments face to face by practice, {}", period.label());
    let input = against_standard(
        &estimates,
        &names,
        FACE_TO_FACE_STANDARD,
        "Standard (50%)",
        Labels {
            id: "access-face-to-face".into(),
            title: title.clone(),
            summary: f2f.sentence.clone(),
            x_label: String::new(),
            y_label: "Face to face (% of appointments)".into(),
        },
    );
    let size = Size {
        width: 760,
        height: (160 + 16 * estimates.len() as u32).max(320),
    };
    figures.push((
        title,
        f2f.sentence.clone(),
        caterpillar_plot(&input, size).svg,
        face_to_face_table(&f2f),
        "face-to-face-by-practice",
    ));

    let monthly = appointments_by_month(ws, CITY_CODE);
    let volume = volume_against_2019(&monthly);
    let sentence = volume_sentence(&volume);
    let title = "Appointments against the same month of 2019, city".to_string();
    let periods: Vec<_> = volume.iter().map(|v| v.0).collect();
    let input = monthly_lines(
        &periods,
        vec![(
            "Appointments (% of 2019)".to_string(),
            volume.iter().map(|v| Some(v.1)).collect(),
        )],
        Some((100.0, "2019 level (100%)".to_string())),
        Labels {
            id: "access-vs-2019".into(),
            title: title.clone(),
            summary: sentence.clone(),
            x_label: String::new(),
            y_label: "% of the 2019 level".into(),
        },
    );
    figures.push((
        title,
        sentence,
        line_chart(&input, LINE_CHART).svg,
        volume_table(&monthly, &volume),
        "appointments-vs-2019",
    ));
    AccessCharts { figures }
}

#[component]
pub fn TrajectoriesPage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let navigate = use_navigate();
    let area = Memo::new(move |_| known_area(&state.workspace.read(), query_value(&query, "area")));
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
        access_charts(
            &state.workspace.read(),
            AccessSettings::for_period(&per.get()),
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
            .figures
            .into_iter()
            .map(|(title, summary, svg, table, stem)| {
                let svg = Signal::stored(svg);
                view! {
                    <ChartFigure title=title summary=summary svg=svg table=Signal::stored(table) file_stem=stem>
                        <div class="atlas-chart" id=stem inner_html=svg></div>
                    </ChartFigure>
                }
            })
            .collect_view()
    };
    let heading = move || format!("Trajectories for {}", cards.read().1);
    view! {
        <h1>"Trajectories"</h1>
        <p class="nhsuk-lede-text">
            "The primary care trajectories in the April 2022 paper: where each stands against its glide path to the target, and when the forecast expects the target to be met."
        </p>
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
