//! Choosing a measure: the one the URL's `indicator` names (or the first), and the
//! `<option>`s of its `<select>`. Used wherever a page shows one measure at a time.

use crate::query::query_value;
use atlas_core::model::Indicator;
use atlas_pages::measures::choose_measure;
use leptos::prelude::*;
use leptos_router::params::ParamsMap;

/// The measure the query string's `indicator` names, or the first when it names none
/// (or one this workspace does not have).
pub fn measure_from_query(
    measures: Memo<Vec<Indicator>>,
    query: Memo<ParamsMap>,
) -> Memo<Option<Indicator>> {
    Memo::new(move |_| {
        choose_measure(
            &measures.read(),
            query_value(&query, "indicator").as_deref(),
        )
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
