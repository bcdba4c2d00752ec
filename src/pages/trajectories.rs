//! Trajectories: the trajectories as cards (status in words and colour, the rule, the
//! month the target is expected to be met, a chart with its table), for the city, a
//! PCN or a practice (in the URL); and the access standard: appointments per 1,000 per
//! week against 75, by practice and over time, face to face against 50%, and volume
//! against 2019. Content: `atlas_pages::trajectories`.

use crate::components::area_select::AreaSelect;
use crate::components::chart_figure::PageFigure;
use crate::components::trajectory_card::TrajectoryCardView;
use crate::query::{page_query, show_view};
use crate::state::use_atlas;
use atlas_core::access::{ACCESS_PERIODS, BASELINE_2019_RULE};
use atlas_core::trajectory::{page_intro, trajectory_cards};
use atlas_pages::access::access_figures;
use atlas_pages::areas::{area_name, known_area};
use atlas_pages::trajectories::{card_figure, TrajectoriesQuery};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn TrajectoriesPage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let navigate = use_navigate();
    let view = Memo::new(move |_| TrajectoriesQuery::from_query(&page_query(&query.read())));
    let area = Memo::new(move |_| known_area(&state.workspace.read(), view.read().area.as_deref()));
    // The cards and the access figures are made apart: changing one control redraws one.
    let cards = Memo::new(move |_| {
        let ws = state.workspace.read();
        let code = area.get();
        let name = area_name(&ws, &code);
        let cards = trajectory_cards(&ws, &code);
        let figures: Vec<_> = cards
            .iter()
            .enumerate()
            .map(|(i, card)| card_figure(&ws, card, i, &name))
            .collect();
        (cards, figures, name, ws.illustrative)
    });
    let per = Memo::new(move |_| {
        view.read()
            .per
            .clone()
            .unwrap_or_else(|| "week".to_string())
    });
    let access =
        Memo::new(move |_| access_figures(&state.workspace.read(), &view.read().access_settings()));
    let set = move |change: &dyn Fn(&mut TrajectoriesQuery)| {
        let mut next = view.get_untracked();
        change(&mut next);
        show_view(
            &navigate,
            &query,
            "/trajectories",
            TrajectoriesQuery::KEYS,
            &next.to_query(),
        );
    };
    let set_per = {
        let set = set.clone();
        move |ev: leptos::ev::Event| set(&|q| q.per = Some(event_target_value(&ev)))
    };
    let set_area = Callback::new(move |code: String| set(&|q| q.area = Some(code.clone())));
    let cards_view = move || {
        let (cards, figures, _, illustrative) = cards.get();
        cards
            .into_iter()
            .zip(figures)
            .map(|(card, figure)| {
                view! { <li><TrajectoryCardView card=card figure=figure illustrative=illustrative/></li> }
            })
            .collect_view()
    };
    let access_view = move || {
        access
            .get()
            .into_iter()
            .map(|figure| view! { <PageFigure figure=figure/> })
            .collect_view()
    };
    let heading = move || format!("Trajectories for {}", cards.read().2);
    view! {
        <h1>{atlas_pages::trajectories::HEADING}</h1>
        <p class="nhsuk-lede-text">{move || page_intro(&state.workspace.read())}</p>
        <AreaSelect id="trajectories-area" label="Show trajectories for" selected=area on_change=set_area/>
        <h2 class="nhsuk-heading-m" id="trajectory-cards">{heading}</h2>
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
