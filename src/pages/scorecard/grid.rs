//! The scorecard table: sortable by rank, area and scores, cells in words or as codes.

use atlas_pages::scorecard::{AreaRow, ScorecardLayout};
use leptos::prelude::*;

/// Sort keys of the scorecard table: a column of the layout's sort table, ascending.
pub(super) type Sort = Option<(usize, bool)>;

/// The scorecard table: rank, area (with its components), overall score, then each
/// domain's measures and the domain score.
#[component]
pub(super) fn ScoreGrid(
    layout: Memo<ScorecardLayout>,
    rug: Memo<bool>,
    sort: RwSignal<Sort>,
) -> impl IntoView {
    let order = Memo::new(move |_| {
        let l = layout.read();
        match sort.get() {
            Some((column, ascending)) => l.sort_table.order_by(column, ascending),
            None => (0..l.rows.len()).collect(),
        }
    });
    let sort_header = move |column: usize, label: String, rowspan: Option<u32>| {
        let aria_sort = move || match sort.get() {
            Some((c, true)) if c == column => "ascending",
            Some((c, false)) if c == column => "descending",
            _ => "none",
        };
        // Rank and names read best ascending, scores best first.
        let ascending_first = {
            let l = layout.read_untracked();
            column == l.rank_column || column == l.area_column
        };
        let toggle = move |_| {
            sort.update(|s| {
                *s = match *s {
                    Some((c, ascending)) if c == column => Some((column, !ascending)),
                    _ => Some((column, ascending_first)),
                }
            })
        };
        view! {
            <th scope="col" class="nhsuk-table__header atlas-scorecard__sortable" rowspan=rowspan aria-sort=aria_sort>
                <button type="button" class="atlas-sort" on:click=toggle>
                    {label}
                    <span class="atlas-sort__icon" aria-hidden="true">
                        {move || match sort.get() {
                            Some((c, true)) if c == column => "▲",
                            Some((c, false)) if c == column => "▼",
                            _ => "↕",
                        }}
                    </span>
                </button>
            </th>
        }
    };
    let head = move || {
        let l = layout.read();
        let domain_row = l
            .domains
            .iter()
            .map(|d| view! {
                <th scope="colgroup" colspan=d.measures.len() + 1 class="nhsuk-table__header atlas-scorecard__domain">
                    {d.label}
                </th>
            })
            .collect_view();
        let measure_row = l
            .domains
            .iter()
            .map(|d| {
                let measures = d
                    .measures
                    .iter()
                    .map(|m| view! {
                        <th scope="col" class="nhsuk-table__header atlas-scorecard__measure">
                            {m.name.clone()}
                            <span class="atlas-scorecard__method" title=m.method_words>{m.method_short}</span>
                        </th>
                    })
                    .collect_view();
                view! { {measures} {sort_header(d.score_column, format!("{} score", d.label), None)} }
            })
            .collect_view();
        view! {
            <tr class="nhsuk-table__row">
                {sort_header(l.rank_column, "Rank".to_string(), Some(2))}
                {sort_header(l.area_column, "Area".to_string(), Some(2))}
                {sort_header(l.overall_column, "Overall score".to_string(), Some(2))}
                {domain_row}
            </tr>
            <tr class="nhsuk-table__row">{measure_row}</tr>
        }
    };
    let body = move || {
        let l = layout.read();
        let compact = rug.get();
        order
            .get()
            .into_iter()
            .filter_map(|r| l.rows.get(r))
            .map(|row| area_row(row, compact))
            .collect_view()
    };
    view! {
        <div class="atlas-scroll" role="region" aria-label="Scorecard table (scrolls sideways)" tabindex="0">
            <table class="nhsuk-table atlas-scorecard" class:atlas-scorecard--rug=move || rug.get() id="scorecard-table">
                <caption class="nhsuk-table__caption">{move || layout.read().caption.clone()}</caption>
                <thead class="nhsuk-table__head">{head}</thead>
                <tbody class="nhsuk-table__body">{body}</tbody>
            </table>
        </div>
    }
}

/// One area's row of the scorecard table, its cells in words or as codes.
fn area_row(row: &AreaRow, compact: bool) -> impl IntoView {
    let cells = row
        .domains
        .iter()
        .map(|(cells, score)| {
            let measures = cells
                .iter()
                .map(|cell| {
                    let class = format!("nhsuk-table__cell atlas-cell atlas-rating--{}", cell.colour);
                    if compact {
                        view! {
                            <td class=class title=cell.label.clone()>
                                <span aria-hidden="true">{cell.code}</span>
                                <span class="nhsuk-u-visually-hidden">{cell.label.clone()}</span>
                            </td>
                        }
                        .into_any()
                    } else {
                        view! { <td class=class>{cell.words.clone()}</td> }.into_any()
                    }
                })
                .collect_view();
            view! {
                {measures}
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric atlas-scorecard__score">{score.clone()}</td>
            }
        })
        .collect_view();
    let (overall, workings) = row.components.clone();
    let workings = workings
        .into_iter()
        .map(|(heading, items)| {
            view! {
                <li>
                    <strong>{heading}</strong>
                    <ul>{items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <tr class="nhsuk-table__row" data-area=row.area_code.clone()>
            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{row.rank.clone()}</td>
            <th scope="row" class="nhsuk-table__cell atlas-scorecard__area">
                {row.name.clone()}
                <details class="atlas-components">
                    <summary>"Components"<span class="nhsuk-u-visually-hidden">{format!(" of {}", row.name)}</span></summary>
                    <p>{overall}</p>
                    <ul class="atlas-components__list">{workings}</ul>
                </details>
            </th>
            <td class="nhsuk-table__cell nhsuk-table__cell--numeric atlas-scorecard__overall">{row.overall.clone()}</td>
            {cells}
        </tr>
    }
}
