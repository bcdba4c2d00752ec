//! Priorities: each neighbourhood's five measures where it compares worst with the
//! city (or England, `?against=england`), and the priorities three or more
//! neighbourhoods share, proposed for place or system level.

use crate::components::comparator_select::ComparatorSelect;
use crate::components::data_table::DataTable;
use crate::components::shared_priorities::SharedPriorities;
use crate::download::save_text;
use crate::query::{page_query, show_view};
use crate::state::use_atlas;
use atlas_core::comparator::Against;
use atlas_pages::priorities::{priorities_page, PrioritiesQuery};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn PrioritiesPage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let view = Memo::new(move |_| PrioritiesQuery::from_query(&page_query(&query.read())));
    let page = Memo::new(move |_| priorities_page(&state.workspace.read(), &view.read()));
    let navigate = use_navigate();
    let set_against = Callback::new(move |against: Against| {
        let next = PrioritiesQuery { against };
        show_view(
            &navigate,
            &query,
            "/priorities",
            PrioritiesQuery::KEYS,
            &next.to_query(),
        );
    });
    let choices = Signal::derive(move || page.read().comparators.clone());
    let chosen = Signal::derive(move || page.read().found.against);
    let found = Signal::derive(move || page.read().found.clone());
    let table = Signal::derive(move || page.read().table.clone());
    let download = move |_| {
        page.with_untracked(|p| {
            save_text(
                "priorities.csv",
                "text/csv;charset=utf-8",
                &p.table.to_csv(),
            )
        });
    };
    let cards = move || {
        page.read()
            .cards
            .iter()
            .map(|n| {
                let items = n
                    .items
                    .iter()
                    .map(|(name, shared, words)| view! {
                        <li class="atlas-priority">
                            <strong>{name.clone()}</strong>
                            {shared.then(|| view! { " " <strong class="nhsuk-tag nhsuk-tag--blue">"Shared"</strong> })}
                            <br/>
                            <span class="atlas-priority__words">{words.clone()}</span>
                        </li>
                    })
                    .collect_view();
                view! {
                    <div class="nhsuk-card atlas-neighbourhood">
                        <div class="nhsuk-card__content">
                            <h3 class="nhsuk-card__heading">{n.name.clone()}</h3>
                            <p class="nhsuk-body-s">{n.practices.clone()}</p>
                            {if n.items.is_empty() {
                                view! { <p>{page.read().none_worse.clone()}</p> }.into_any()
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
        <h1>{atlas_pages::priorities::HEADING}</h1>
        <p class="nhsuk-lede-text">{atlas_pages::priorities::LEDE}</p>
        <Show when=move || page.read().illustrative>
            <p class="nhsuk-body-s atlas-illustrative" id="priorities-illustrative">
                <strong class="nhsuk-tag nhsuk-tag--yellow">"Illustrative"</strong>
                " These priorities come from illustrative values, not published figures."
            </p>
        </Show>
        <p>
            {move || page.read().neighbourhoods_from}
        </p>
        <ComparatorSelect id="priorities-against" label="Compare each neighbourhood with" choices=choices chosen=chosen on_choose=set_against/>
        <h2 id="rule">"How priorities are chosen"</h2>
        <p id="priority-rule">{move || page.read().rule.clone()}</p>
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
