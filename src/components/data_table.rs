//! A table view of an [`atlas_core::table::Table`], sortable by any column with the
//! keyboard or a pointer, announcing its order with `aria-sort`.

use atlas_core::table::Table;
use leptos::prelude::*;

#[component]
pub fn DataTable(
    /// The table to show.
    #[prop(into)]
    table: Signal<Table>,
    /// A caption saying what the table holds.
    #[prop(into)]
    caption: Signal<String>,
    /// An id for the `<table>` element (for tests and links).
    #[prop(into, optional)]
    id: Option<String>,
    /// A link for each row (by its index in the table), made of the row's first cell.
    #[prop(optional)]
    row_link: Option<Callback<usize, Option<String>>>,
) -> impl IntoView {
    // (column, ascending); None = the table's own order.
    let sort = RwSignal::new(None::<(usize, bool)>);
    let order = Memo::new(move |_| {
        let t = table.read();
        match sort.get() {
            Some((column, ascending)) => t.order_by(column, ascending),
            None => (0..t.rows.len()).collect(),
        }
    });
    let numeric = Memo::new(move |_| {
        let t = table.read();
        (0..t.columns.len())
            .map(|c| {
                !t.rows.is_empty()
                    && t.rows
                        .iter()
                        .all(|r| r.get(c).is_some_and(|cell| cell.number.is_some()))
            })
            .collect::<Vec<bool>>()
    });

    let headers = move || {
        let t = table.read();
        t.columns
            .iter()
            .enumerate()
            .map(|(c, name)| {
                let aria_sort = move || match sort.get() {
                    Some((col, true)) if col == c => "ascending",
                    Some((col, false)) if col == c => "descending",
                    _ => "none",
                };
                let toggle = move |_| {
                    sort.update(|s| {
                        *s = match *s {
                            Some((col, ascending)) if col == c => Some((c, !ascending)),
                            // Numbers first sort largest-first: what people usually want.
                            _ => Some((c, !numeric.get_untracked().get(c).copied().unwrap_or(false))),
                        }
                    })
                };
                let is_numeric = numeric.get().get(c).copied().unwrap_or(false);
                view! {
                    <th scope="col" class="nhsuk-table__header" class:nhsuk-table__header--numeric=is_numeric aria-sort=aria_sort>
                        <button type="button" class="atlas-sort" on:click=toggle>
                            {name.clone()}
                            <span class="atlas-sort__icon" aria-hidden="true">
                                {move || match sort.get() {
                                    Some((col, true)) if col == c => "▲",
                                    Some((col, false)) if col == c => "▼",
                                    _ => "↕",
                                }}
                            </span>
                        </button>
                    </th>
                }
            })
            .collect_view()
    };

    let rows = move || {
        let t = table.read();
        let numeric = numeric.get();
        order
            .get()
            .into_iter()
            .filter_map(|r| t.rows.get(r).cloned().map(|row| (r, row)))
            .map(|(r, row)| {
                let href = row_link.and_then(|link| link.run(r));
                let cells = row
                    .into_iter()
                    .enumerate()
                    .map(|(c, cell)| {
                        let is_numeric = numeric.get(c).copied().unwrap_or(false);
                        let text = match (c, href.clone()) {
                            (0, Some(href)) => view! { <a href=href>{cell.text}</a> }.into_any(),
                            _ => cell.text.into_any(),
                        };
                        view! { <td class="nhsuk-table__cell" class:nhsuk-table__cell--numeric=is_numeric>{text}</td> }
                    })
                    .collect_view();
                view! { <tr class="nhsuk-table__row">{cells}</tr> }
            })
            .collect_view()
    };

    // The container scrolls sideways on narrow screens: a labelled region that the
    // keyboard can reach, so that every column can be scrolled to without a mouse.
    let region_label = move || format!("{} (scrolls sideways)", caption.get());
    view! {
        <div class="nhsuk-table-container atlas-table-container" role="region" tabindex="0"
            aria-label=region_label>
            <table class="nhsuk-table atlas-table" id=id>
                <caption class="nhsuk-table__caption">{caption}</caption>
                <thead class="nhsuk-table__head">
                    <tr class="nhsuk-table__row">{headers}</tr>
                </thead>
                <tbody class="nhsuk-table__body">{rows}</tbody>
            </table>
        </div>
    }
}
