//! Scorecard: every practice (or PCN) against the city on every measure, grouped by
//! domain, with the transparent composite, its components, and a compact tartan rug.
//! The level (`?level=pcn`) and the cell style (`?view=rug`) live in the URL. Content:
//! `atlas_pages::scorecard`.

use crate::components::measure_sources::MeasureSources;
use crate::download::save_text;
use crate::query::{page_query, show_view};
use crate::state::use_atlas;
use atlas_core::disclosure::SUPPRESSION_RULE;
use atlas_core::provenance::indicator_sources;
use atlas_core::scoring::{self, england_key, AreaLevel, Rating, COMPARISON_KEY, COMPOSITE_METHOD};
use atlas_pages::scorecard::{scorecard_layout, AreaRow, ScorecardLayout, ScorecardQuery};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::sync::Arc;

/// Sort keys of the scorecard table: a column of the layout's sort table, ascending.
type Sort = Option<(usize, bool)>;

#[component]
pub fn ScorecardPage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let view = Memo::new(move |_| ScorecardQuery::from_query(&page_query(&query.read())));
    let level = Memo::new(move |_| view.read().level);
    let rug = Memo::new(move |_| view.read().rug);
    let card = Memo::new(move |_| Arc::new(scoring::scorecard(&state.workspace.read())));
    let layout = Memo::new(move |_| scorecard_layout(&card.read(), level.get()));
    let sources =
        Memo::new(move |_| indicator_sources(&state.workspace.read(), &card.read().indicators));
    let illustrative = Memo::new(move |_| state.workspace.read().illustrative);
    let sort = RwSignal::new(None::<(usize, bool)>);
    Effect::new(move |_| {
        level.track();
        sort.set(None);
    });

    let navigate = use_navigate();
    let set = move |change: &dyn Fn(&mut ScorecardQuery)| {
        let mut next = view.get_untracked();
        change(&mut next);
        show_view(
            &navigate,
            &query,
            "/scorecard",
            ScorecardQuery::KEYS,
            &next.to_query(),
        );
    };
    let set_level = {
        let set = set.clone();
        move |ev: leptos::ev::Event| {
            let pcn = event_target_value(&ev) == "pcn";
            set(&|q| {
                q.level = if pcn {
                    AreaLevel::Pcn
                } else {
                    AreaLevel::Practice
                }
            })
        }
    };
    let set_view = move |ev: leptos::ev::Event| {
        let rug = event_target_value(&ev) == "rug";
        set(&|q| q.rug = rug)
    };
    let download = move |_| {
        layout.with_untracked(|l| {
            save_text(l.csv_name, "text/csv;charset=utf-8", &l.download.to_csv())
        });
    };

    view! {
        <h1>"Balanced scorecard"</h1>
        <p class="nhsuk-lede-text">
            "Every " {move || layout.read().area_word} " compared with the city on every measure, grouped by domain, with a composite score that shows its workings."
        </p>
        <Show when=move || illustrative.get()>
            <p class="nhsuk-body-s atlas-illustrative" id="scorecard-illustrative">
                <strong class="nhsuk-tag nhsuk-tag--yellow">"Illustrative"</strong>
                " These values are illustrative, not published figures."
            </p>
        </Show>
        <div class="atlas-controls">
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="scorecard-level">"Show"</label>
                <select class="nhsuk-select" id="scorecard-level" on:change=set_level
                    prop:value=move || if level.get() == AreaLevel::Pcn { "pcn" } else { "practice" }>
                    <option value="practice">"Practices"</option>
                    <option value="pcn">"PCNs"</option>
                </select>
            </div>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="scorecard-view">"Cells as"</label>
                <select class="nhsuk-select" id="scorecard-view" on:change=set_view
                    prop:value=move || if rug.get() { "rug" } else { "words" }>
                    <option value="words">"Words and values"</option>
                    <option value="rug">"Compact codes (tartan rug)"</option>
                </select>
            </div>
        </div>
        <section class="atlas-key" aria-labelledby="scorecard-key-title">
            <h2 class="nhsuk-heading-s" id="scorecard-key-title">"Key: compared with the city"</h2>
            <ul class="atlas-key__list">
                {Rating::ALL
                    .iter()
                    .map(|r| view! {
                        <li class="atlas-key__item">
                            <span class=format!("atlas-rating atlas-rating--{}", r.colour()) aria-hidden="true">{r.code()}</span>
                            " " {r.meaning()}
                        </li>
                    })
                    .collect_view()}
            </ul>
            <p class="nhsuk-body-s" id="comparison-methods">{COMPARISON_KEY}</p>
            <p class="nhsuk-body-s" id="england-comparison">{move || england_key(&card.read())}</p>
        </section>
        <ScoreGrid layout=layout rug=rug sort=sort/>
        <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" id="scorecard-download" on:click=download>
            "Download the scorecard (CSV)"
        </button>
        <MeasureSources groups=sources id="scorecard-sources"/>
        <h2 id="method">"How the composite is worked out"</h2>
        <p id="composite-method">{COMPOSITE_METHOD}</p>
        <h2>"Small numbers"</h2>
        <p id="suppression-rule">{SUPPRESSION_RULE}</p>
    }
}

/// The scorecard table: rank, area (with its components), overall score, then each
/// domain's measures and the domain score.
#[component]
fn ScoreGrid(
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
                <caption class="nhsuk-table__caption">{move || layout.read().caption}</caption>
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
