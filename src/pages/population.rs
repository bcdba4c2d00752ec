//! Population: an area's registered patients by age and sex (a pyramid beside the place
//! or England, with the shares aged 65+ and 85+) and its list size over time, for the
//! place, a PCN or a practice (`?area=…&against=…`). Content: `atlas_pages::population`.

use crate::components::area_select::AreaSelect;
use crate::components::chart_figure::PageFigure;
use crate::components::comparator_select::ComparatorSelect;
use crate::query::{page_query, show_view};
use crate::state::use_atlas;
use atlas_core::comparator::Against;
use atlas_pages::population::{population_page, PopulationQuery};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn PopulationPage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let navigate = use_navigate();
    let view = Memo::new(move |_| PopulationQuery::from_query(&page_query(&query.read())));
    let page = Memo::new(move |_| population_page(&state.workspace.read(), &view.read()));
    let set = move |change: &dyn Fn(&mut PopulationQuery)| {
        let mut next = view.get_untracked();
        change(&mut next);
        show_view(
            &navigate,
            &query,
            "/population",
            PopulationQuery::KEYS,
            &next.to_query(),
        );
    };
    let set_area = {
        let set = set.clone();
        Callback::new(move |code: String| set(&|q| q.area = Some(code.clone())))
    };
    let set_against =
        Callback::new(move |against: Against| set(&|q| q.against = Some(against.id().to_string())));
    let area = Signal::derive(move || page.read().area.clone());
    let against = Signal::derive(move || page.read().against);
    let choices = Signal::derive(move || page.read().choices.clone());
    let pyramid = Signal::derive(move || page.read().pyramid.clone());
    let trend = Signal::derive(move || page.read().trend.clone());
    let pyramid_first = Memo::new(move |_| page.read().pyramid.problem.is_none());
    view! {
        <h1>{move || page.read().heading.clone()}</h1>
        <p class="nhsuk-lede-text">{atlas_pages::population::LEDE}</p>
        <div class="atlas-controls">
            <AreaSelect id="population-area" label="Area" selected=area on_change=set_area/>
            <ComparatorSelect id="population-against" label="Compare with" choices=choices chosen=against on_choose=set_against/>
        </div>
        {move || page.read().headline.clone().map(|h| view! {
            <p class="nhsuk-body-l" id="population-headline"><strong>{h}</strong></p>
        })}
        // The chart the data give comes first: without ages, the list size over time.
        {move || if pyramid_first.get() {
            view! { <PageFigure figure=pyramid/> <PageFigure figure=trend/> }.into_any()
        } else {
            view! { <PageFigure figure=trend/> <PageFigure figure=pyramid/> }.into_any()
        }}
    }
}
