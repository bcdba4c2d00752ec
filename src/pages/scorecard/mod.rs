//! Scorecard: every practice (or PCN) against a comparator on every measure, grouped by
//! domain, with the transparent composite, its components, and a compact tartan rug.
//! The level (`?level=pcn`), the cell style (`?view=rug`) and the comparator
//! (`?against=`) live in the URL. Content: `atlas_pages::scorecard`.

use crate::components::comparator_select::ComparatorSelect;
use crate::components::measure_sources::MeasureSources;
use crate::download::save_text;
use crate::query::{page_query, show_view};
use crate::state::use_atlas;
use atlas_core::comparator::Against;
use atlas_core::disclosure::SUPPRESSION_RULE;
use atlas_core::provenance::indicator_sources;
use atlas_core::scoring::{self, AreaLevel};
use atlas_pages::scorecard::{scorecard_layout, ScorecardQuery};
use grid::ScoreGrid;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::sync::Arc;

mod grid;

#[component]
pub fn ScorecardPage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let view = Memo::new(move |_| ScorecardQuery::from_query(&page_query(&query.read())));
    let level = Memo::new(move |_| view.read().level);
    let rug = Memo::new(move |_| view.read().rug);
    let against = Memo::new(move |_| view.read().against);
    let card = Memo::new(move |_| {
        Arc::new(scoring::scorecard_against(
            &state.workspace.read(),
            against.get(),
        ))
    });
    let layout =
        Memo::new(move |_| scorecard_layout(&state.workspace.read(), &card.read(), level.get()));
    let sources =
        Memo::new(move |_| indicator_sources(&state.workspace.read(), &card.read().indicators));
    let illustrative = Memo::new(move |_| state.workspace.read().illustrative);
    let sort = RwSignal::new(None::<(usize, bool)>);
    Effect::new(move |_| {
        level.track();
        sort.set(None);
    });

    let navigate = use_navigate();
    let set = move |change: &dyn Fn(&mut ScorecardQuery)| {
        let mut next = view.get_untracked();
        change(&mut next);
        show_view(
            &navigate,
            &query,
            "/scorecard",
            ScorecardQuery::KEYS,
            &next.to_query(),
        );
    };
    let set_level = {
        let set = set.clone();
        move |ev: leptos::ev::Event| {
            let pcn = event_target_value(&ev) == "pcn";
            set(&|q| {
                q.level = if pcn {
                    AreaLevel::Pcn
                } else {
                    AreaLevel::Practice
                }
            })
        }
    };
    let set_view = {
        let set = set.clone();
        move |ev: leptos::ev::Event| {
            let rug = event_target_value(&ev) == "rug";
            set(&|q| q.rug = rug)
        }
    };
    let set_against = Callback::new(move |against: Against| set(&|q| q.against = against));
    let choices = Signal::derive(move || layout.read().comparators.clone());
    let download = move |_| {
        layout.with_untracked(|l| {
            save_text(l.csv_name, "text/csv;charset=utf-8", &l.download.to_csv())
        });
    };

    view! {
        <h1>{atlas_pages::scorecard::HEADING}</h1>
        <p class="nhsuk-lede-text">{move || layout.read().lede.clone()}</p>
        <Show when=move || illustrative.get()>
            <p class="nhsuk-body-s atlas-illustrative" id="scorecard-illustrative">
                <strong class="nhsuk-tag nhsuk-tag--yellow">"Illustrative"</strong>
                " These values are illustrative, not published figures."
            </p>
        </Show>
        <div class="atlas-controls">
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="scorecard-level">"Show"</label>
                <select class="nhsuk-select" id="scorecard-level" on:change=set_level
                    prop:value=move || if level.get() == AreaLevel::Pcn { "pcn" } else { "practice" }>
                    <option value="practice">"Practices"</option>
                    <option value="pcn">"PCNs"</option>
                </select>
            </div>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="scorecard-view">"Cells as"</label>
                <select class="nhsuk-select" id="scorecard-view" on:change=set_view
                    prop:value=move || if rug.get() { "rug" } else { "words" }>
                    <option value="words">"Words and values"</option>
                    <option value="rug">"Compact codes (tartan rug)"</option>
                </select>
            </div>
            <ComparatorSelect id="scorecard-against" label="Compare with" choices=choices chosen=against on_choose=set_against/>
        </div>
        {move || layout.read().against_note.clone().map(|note| view! {
            <p class="nhsuk-body-s" id="scorecard-against-note">{note}</p>
        })}
        {move || layout.read().uncompared_note.clone().map(|note| view! {
            <p class="nhsuk-body-s" id="scorecard-uncompared">{note}</p>
        })}
        {move || layout.read().similar_rule.clone().map(|rule| view! {
            <p class="nhsuk-body-s" id="scorecard-similar-rule"><strong>"Similar practices: "</strong>{rule}</p>
        })}
        <section class="atlas-key" aria-labelledby="scorecard-key-title">
            <h2 class="nhsuk-heading-s" id="scorecard-key-title">{move || layout.read().key_title.clone()}</h2>
            <ul class="atlas-key__list">
                {move || layout.read().key
                    .iter()
                    .map(|(code, colour, meaning)| view! {
                        <li class="atlas-key__item">
                            <span class=format!("atlas-rating atlas-rating--{colour}") aria-hidden="true">{*code}</span>
                            " " {meaning.clone()}
                        </li>
                    })
                    .collect_view()}
            </ul>
            <p class="nhsuk-body-s" id="comparison-methods">{move || layout.read().comparison_key.clone()}</p>
            <p class="nhsuk-body-s" id="england-comparison">{move || layout.read().england_key.clone()}</p>
        </section>
        <ScoreGrid layout=layout rug=rug sort=sort/>
        <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" id="scorecard-download" on:click=download>
            "Download the scorecard (CSV)"
        </button>
        <MeasureSources groups=sources id="scorecard-sources"/>
        <h2 id="method">"How the composite is worked out"</h2>
        <p id="composite-method">{move || layout.read().composite_method.clone()}</p>
        <h2>"Small numbers"</h2>
        <p id="suppression-rule">{SUPPRESSION_RULE}</p>
    }
}
