//! One NHS.UK small checkbox with its hint, checked as a signal says.

use leptos::prelude::*;

#[component]
pub fn Checkbox(
    /// The input's id; its hint's is `{id}-hint`.
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    #[prop(into)] checked: Signal<bool>,
    on_change: Callback<bool>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="nhsuk-form-group">
            <div class="nhsuk-checkboxes nhsuk-checkboxes--small">
                <div class="nhsuk-checkboxes__item">
                    <input class="nhsuk-checkboxes__input" id=id type="checkbox" prop:checked=checked
                        on:change=move |ev| on_change.run(event_target_checked(&ev))
                        aria-describedby=hint_id.clone()/>
                    <label class="nhsuk-label nhsuk-checkboxes__label" for=id>{label}</label>
                    <div class="nhsuk-hint nhsuk-checkboxes__hint" id=hint_id>{hint}</div>
                </div>
            </div>
        </div>
    }
}
