//! Where the figures of a page that shows many measures come from: each source once,
//! with the measures it gives ([`atlas_core::provenance::measure_sources`]).

use atlas_core::provenance::SourceGroup;
use leptos::prelude::*;

#[component]
pub fn MeasureSources(
    /// The sources, each with its measures.
    #[prop(into)]
    groups: Signal<Vec<SourceGroup>>,
    /// The section's id, for links and tests.
    id: &'static str,
) -> impl IntoView {
    view! {
        <section class="atlas-sources" id=id aria-labelledby=format!("{id}-heading")>
            <h2 id=format!("{id}-heading")>"Where these figures come from"</h2>
            <ul class="nhsuk-list nhsuk-list--bullet">
                {move || groups.get().into_iter().map(|g| view! {
                    <li class:atlas-figure__source--illustrative=g.source.illustrative>
                        {g.source.text}
                        <span class="atlas-sources__measures">{format!(" Gives: {}.", g.measures.join("; "))}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}
