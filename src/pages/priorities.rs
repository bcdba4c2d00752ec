//! Priorities: each neighbourhood's five measures where it compares worst with the
//! city, and the priorities three or more neighbourhoods share, proposed for place or
//! system level.

use crate::components::data_table::DataTable;
use crate::components::shared_priorities::SharedPriorities;
use crate::download::save_text;
use crate::state::use_atlas;
use atlas_core::priorities::{priorities, priorities_table, priority_words, PRIORITY_RULE};
use atlas_core::summary::display_name;
use leptos::prelude::*;

#[component]
pub fn PrioritiesPage() -> impl IntoView {
    let state = use_atlas();
    let found = Memo::new(move |_| priorities(&state.workspace.read()));
    let table = Memo::new(move |_| priorities_table(&found.read()));
    let illustrative = Memo::new(move |_| state.workspace.read().illustrative);
    let by_pcn = Memo::new(move |_| {
        state.workspace.read().practices.iter().all(|p| {
            p.neighbourhood
                .as_deref()
                .is_none_or(|n| n.trim().is_empty())
        })
    });
    let download = move |_| {
        save_text(
            "priorities.csv",
            "text/csv;charset=utf-8",
            &table.read_untracked().to_csv(),
        );
    };

    let cards = move || {
        let p = found.get();
        p.neighbourhoods
            .iter()
            .map(|n| {
                let shared_ids: Vec<&str> = p.shared.iter().map(|s| s.indicator_id.as_str()).collect();
                let name = display_name(&n.neighbourhood);
                let items = n
                    .priorities
                    .iter()
                    .map(|item| {
                        let shared = shared_ids.contains(&item.indicator_id.as_str());
                        view! {
                            <li class="atlas-priority">
                                <strong>{item.name.clone()}</strong>
                                {shared.then(|| view! { " " <strong class="nhsuk-tag nhsuk-tag--blue">"Shared"</strong> })}
                                <br/>
                                <span class="atlas-priority__words">{priority_words(item)}</span>
                            </li>
                        }
                    })
                    .collect_view();
                let practices = match n.practices {
                    1 => "1 practice".to_string(),
                    k => format!("{k} practices"),
                };
                view! {
                    <div class="nhsuk-card atlas-neighbourhood">
                        <div class="nhsuk-card__content">
                            <h3 class="nhsuk-card__heading">{name}</h3>
                            <p class="nhsuk-body-s">{practices}</p>
                            {if n.priorities.is_empty() {
                                view! { <p>"No measure is worse than the city at 95% here."</p> }.into_any()
                            } else {
                                view! { <ol class="nhsuk-list nhsuk-list--number">{items}</ol> }.into_any()
                            }}
                        </div>
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <h1>"Neighbourhood priorities"</h1>
        <p class="nhsuk-lede-text">
            "Each neighbourhood picks five priorities from its own data. Where three or more share one, it is better taken on at place or system level."
        </p>
        <Show when=move || illustrative.get()>
            <p class="nhsuk-body-s atlas-illustrative" id="priorities-illustrative">
                <strong class="nhsuk-tag nhsuk-tag--yellow">"Illustrative"</strong>
                " These priorities come from illustrative values, not published figures."
            </p>
        </Show>
        <p>
            {move || if by_pcn.get() {
                "Neighbourhoods here are PCNs: this workspace gives no neighbourhood for its practices."
            } else {
                "Neighbourhoods come from the practices' neighbourhood column."
            }}
        </p>
        <h2 id="rule">"How priorities are chosen"</h2>
        <p id="priority-rule">{PRIORITY_RULE}</p>
        <section class="atlas-callouts" aria-labelledby="shared-title">
            <h2 id="shared-title">"Shared priorities"</h2>
            <SharedPriorities found=found/>
        </section>
        <section class="atlas-priorities" aria-labelledby="each-title">
            <h2 id="each-title">"Each neighbourhood's five priorities"</h2>
            <div class="atlas-priorities__grid">{cards}</div>
        </section>
        <h2 id="all-title">"All priorities as a table"</h2>
        <DataTable table=table caption="Priorities by neighbourhood, worst first" id="priorities-table"/>
        <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" id="priorities-download" on:click=download>
            "Download priorities (CSV)"
        </button>
    }
}
