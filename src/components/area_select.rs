//! A labelled `<select>` of areas: the city, then every PCN, then every practice, by
//! name. The value is the area code.

use crate::state::use_atlas;
use atlas_core::aggregate::CITY_CODE;
use atlas_core::summary::display_name;
use leptos::prelude::*;

#[component]
pub fn AreaSelect(
    /// The select's id.
    #[prop(into)]
    id: String,
    /// The label's text.
    #[prop(into)]
    label: String,
    /// The selected area code.
    #[prop(into)]
    selected: Signal<String>,
    /// Called with the new area code.
    on_change: Callback<String>,
) -> impl IntoView {
    let state = use_atlas();
    let areas = Memo::new(move |_| {
        let ws = state.workspace.read();
        let mut pcns: Vec<(String, String)> = ws
            .pcns
            .iter()
            .map(|p| (p.code.clone(), p.name.clone()))
            .collect();
        pcns.sort_by(|a, b| a.1.cmp(&b.1));
        let mut practices: Vec<(String, String)> = ws
            .practices
            .iter()
            .map(|p| (p.code.clone(), display_name(&p.name)))
            .collect();
        practices.sort_by(|a, b| a.1.cmp(&b.1));
        (ws.place.clone(), pcns, practices)
    });
    let options = move || {
        let (place, pcns, practices) = areas.get();
        let current = selected.get();
        let option = move |code: String, name: String| {
            let is = code == current;
            view! { <option value=code selected=is>{name}</option> }
        };
        view! {
            {option(CITY_CODE.to_string(), place)}
            <optgroup label="PCNs">
                {pcns.into_iter().map(|(c, n)| option(c, n)).collect_view()}
            </optgroup>
            <optgroup label="Practices">
                {practices.into_iter().map(|(c, n)| option(c, n)).collect_view()}
            </optgroup>
        }
    };
    view! {
        <div class="nhsuk-form-group atlas-controls">
            <label class="nhsuk-label" for=id.clone()>{label}</label>
            <select class="nhsuk-select" id=id on:change=move |ev| on_change.run(event_target_value(&ev))>
                {options}
            </select>
        </div>
    }
}
