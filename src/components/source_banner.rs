//! Says, on every page, whose data is shown and whether its values are illustrative.

use crate::state::use_atlas;
use atlas_core::model::DataSource;
use leptos::prelude::*;

#[component]
pub fn SourceBanner() -> impl IntoView {
    let state = use_atlas();
    let text = Memo::new(move |_| {
        let ws = state.workspace.read();
        match &ws.source {
            DataSource::EmbeddedDefault => format!(
                "{}: structure from the April 2022 Health and Wellbeing Board paper. Practice list sizes are estimates; indicator values are illustrative (synthetic), not real performance.",
                ws.place
            ),
            DataSource::Uploaded { files } => format!(
                "Your data ({} file{}), held only in this browser.",
                files.len(),
                if files.len() == 1 { "" } else { "s" }
            ),
        }
    });
    let illustrative = Memo::new(move |_| state.workspace.read().illustrative);
    view! {
        <div class="atlas-source" role="note">
            <strong class="nhsuk-tag" class:nhsuk-tag--yellow=illustrative class:nhsuk-tag--green=move || !illustrative.get()>
                {move || if illustrative.get() { "Illustrative data" } else { "Your data" }}
            </strong>
            " "
            <span>{text}</span>
        </div>
    }
}
