//! The priorities three or more neighbourhoods share, each proposed for place or system
//! level: the Priorities page and the briefing.

use atlas_core::priorities::{shared_proposal, Priorities};
use atlas_core::summary::display_name;
use leptos::prelude::*;

/// A card for each priority three or more neighbourhoods share, proposing it at place
/// or system level, or a sentence saying there is none.
#[component]
pub fn SharedPriorities(#[prop(into)] found: Signal<Priorities>) -> impl IntoView {
    move || {
        let p = found.get();
        let total = p.neighbourhoods.len();
        if p.shared.is_empty() {
            return view! {
                <p id="no-shared">"No priority is shared by three or more neighbourhoods."</p>
            }
            .into_any();
        }
        p.shared
            .iter()
            .map(|s| {
                let names = s
                    .neighbourhoods
                    .iter()
                    .map(|n| display_name(n))
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    <div class="nhsuk-card nhsuk-card--feature atlas-shared">
                        <div class="nhsuk-card__content nhsuk-card__content--feature">
                            <h3 class="nhsuk-card__heading nhsuk-card__heading--feature">{s.name.clone()}</h3>
                            <p class="nhsuk-card__description atlas-shared__proposal">{shared_proposal(s, total)}</p>
                            <p class="nhsuk-body-s">"Shared by: " {names}</p>
                        </div>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    }
}
