//! Says, on every page, whose data is shown and whether its values are illustrative;
//! on a published site, also whether its published data could be loaded.

use crate::state::{use_atlas, Published};
use atlas_core::model::DataSource;
use leptos::prelude::*;

/// "3 files" or "1 file".
fn files_count(files: &[String]) -> String {
    format!(
        "{} file{}",
        files.len(),
        if files.len() == 1 { "" } else { "s" }
    )
}

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
                "Your data ({}), held only in this browser.",
                files_count(files)
            ),
            DataSource::Published { files } => format!(
                "{}: published by this site from {} of public data ({}), with counts from 1 to 4 suppressed.",
                ws.place,
                files_count(files),
                files.join(", ")
            ),
        }
    });
    let tag = Memo::new(move |_| {
        let ws = state.workspace.read();
        match (&ws.source, ws.illustrative) {
            (_, true) => "Illustrative data",
            (DataSource::Published { .. }, false) => "Published data",
            _ => "Your data",
        }
    });
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
                <p>"The pages show the built-in Leicester City example instead."</p>
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
