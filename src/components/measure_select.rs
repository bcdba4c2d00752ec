//! Choosing a measure: the one the URL's `indicator` names (or the first), and the
//! `<option>`s of its `<select>`. Used wherever a page shows one measure at a time.

use crate::query::query_value;
use crate::state::use_atlas;
use atlas_core::model::Indicator;
use atlas_core::provenance::{measure_source, MeasureSource};
use leptos::prelude::*;
use leptos_router::params::ParamsMap;

/// Where the chosen measure's figures come from ([`measure_source`]), for beside its
/// charts and in their CSV.
pub fn measure_source_of(indicator: Memo<Option<Indicator>>) -> Memo<MeasureSource> {
    let state = use_atlas();
    Memo::new(move |_| {
        let id = indicator
            .read()
            .as_ref()
            .map(|i| i.id.clone())
            .unwrap_or_default();
        measure_source(&state.workspace.read(), &id)
    })
}

/// The measure the query string's `indicator` names, or the first when it names none
/// (or one this workspace does not have).
pub fn measure_from_query(
    measures: Memo<Vec<Indicator>>,
    query: Memo<ParamsMap>,
) -> Memo<Option<Indicator>> {
    Memo::new(move |_| {
        let list = measures.read();
        query_value(&query, "indicator")
            .and_then(|id| list.iter().find(|i| i.id == id).cloned())
            .or_else(|| list.first().cloned())
    })
}

/// Every measure as an `<option>`, the selected one marked.
#[component]
pub fn MeasureOptions(
    measures: Memo<Vec<Indicator>>,
    selected: Memo<Option<Indicator>>,
) -> impl IntoView {
    move || {
        let selected = selected.get().map(|i| i.id);
        measures
            .get()
            .into_iter()
            .map(|i| {
                let is = selected.as_deref() == Some(i.id.as_str());
                view! { <option value=i.id.clone() selected=is>{i.name.clone()}</option> }
            })
            .collect_view()
    }
}
