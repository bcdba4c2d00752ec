//! Says, on every page, whose data is shown and whether its values are illustrative;
//! on a published site, also whether its published data could be loaded.

use crate::state::{use_atlas, Published};
use atlas_core::provenance;
use leptos::prelude::*;

#[component]
pub fn SourceBanner() -> impl IntoView {
    let state = use_atlas();
    let text = Memo::new(move |_| provenance::statement(&state.workspace.read()));
    let tag = Memo::new(move |_| provenance::source_tag(&state.workspace.read()));
    let illustrative = Memo::new(move |_| state.workspace.read().illustrative);
    let published = move || {
        match state.published.get() {
        Published::Loading => Some(view! {
            <p class="atlas-source__published" role="status">"Loading the published data…"</p>
        }.into_any()),
        Published::Failed(message) => Some(view! {
            <div class="nhsuk-error-summary atlas-source__error" role="alert" id="published-error">
                <h2 class="nhsuk-error-summary__title">"The published data could not be loaded"</h2>
                <p>{message}</p>
                <p>"The pages show the built-in Leicester City record instead."</p>
            </div>
        }.into_any()),
        Published::NoBundle | Published::Ready(_) => None,
    }
    };
    view! {
        {published}
        <div class="atlas-source" role="note">
            <strong class="nhsuk-tag" class:nhsuk-tag--yellow=illustrative class:nhsuk-tag--green=move || !illustrative.get()>
                {move || tag.get()}
            </strong>
            " "
            <span>{text}</span>
        </div>
    }
}
