//! The area choice, when the files cover several sub-ICB locations (England-wide
//! registrations): the pages show one area at a time, and the address says which
//! (`?area=`), so that a link opens the same area.

use crate::query::set_query;
use crate::state::use_atlas;
use atlas_core::areas::{area_choices, ENGLAND_WIDE_PRACTICES};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

#[component]
pub fn PlaceSelect() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let navigate = use_navigate();
    let location = use_location();
    // The address's area wins, so a shared link opens the same area.
    Effect::new(move |_| {
        let asked = query.read().get("area");
        if asked.is_some() && asked != state.area.get_untracked() {
            state.area.set(asked);
        }
    });
    let choices = Memo::new(move |_| area_choices(&state.whole.read()));
    // England is beside the area only where there are measures to compare.
    let england = Memo::new(move |_| {
        let whole = state.whole.read();
        whole.practices.len() > ENGLAND_WIDE_PRACTICES && !whole.indicators.is_empty()
    });
    let shown = Memo::new(move |_| state.workspace.read().place_code.clone());
    let choose = move |ev| {
        let code = event_target_value(&ev);
        state.area.set(Some(code.clone()));
        set_query(
            &navigate,
            &query,
            &location.pathname.get_untracked(),
            "area",
            code,
        );
    };
    move || {
        let list = choices.get();
        (!list.is_empty()).then(|| {
            let hint = format!(
                "Your files cover {} areas (sub-ICB locations or CCGs). The pages show one at a time{}.",
                list.len(),
                if england.get() { ", with England beside it" } else { "" }
            );
            view! {
                <div class="nhsuk-form-group atlas-place-select">
                    <label class="nhsuk-label" for="place-area">"Area shown"</label>
                    <div class="nhsuk-hint" id="place-area-hint">{hint}</div>
                    <select class="nhsuk-select" id="place-area" aria-describedby="place-area-hint" on:change=choose.clone()>
                        {list.into_iter().map(|choice| {
                            let selected = shown.get().as_deref() == Some(choice.code.as_str());
                            view! {
                                <option value=choice.code.clone() selected=selected>
                                    {format!("{} ({} practices)", choice.name, choice.practices)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
            }
        })
    }
}
