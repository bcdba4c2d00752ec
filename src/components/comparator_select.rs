//! "Compare with": a choice of comparator (`?against=`), each choice the page offers
//! listed, those the data cannot give (England without England's values) listed but
//! not offered; nothing at all when only one can be chosen (a choice of one is not a
//! choice, and the page's sentences name the comparator).

use atlas_core::comparator::Against;
use atlas_pages::comparators::ComparatorChoice;
use leptos::prelude::*;

#[component]
pub fn ComparatorSelect(
    /// The select's id, for its label and for tests.
    id: &'static str,
    #[prop(into)] label: String,
    #[prop(into)] choices: Signal<Vec<ComparatorChoice>>,
    #[prop(into)] chosen: Signal<Against>,
    on_choose: Callback<Against>,
) -> impl IntoView {
    let choice = move || choices.read().iter().filter(|c| c.offered).count() > 1;
    view! {
        <Show when=choice>
        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for=id>{label.clone()}</label>
            <select class="nhsuk-select" id=id
                on:change=move |ev| on_choose.run(Against::parse(&event_target_value(&ev)))>
                {move || {
                    let chosen = chosen.get().id();
                    choices.read().iter().map(|c| view! {
                        <option value=c.id selected=c.id == chosen disabled=!c.offered>{c.words.clone()}</option>
                    }).collect_view()
                }}
            </select>
        </div>
        </Show>
    }
}
