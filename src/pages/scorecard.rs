//! Scorecard: every practice (or PCN) against the city on every measure, grouped by
//! domain, with the transparent composite, its components, and a compact tartan rug.
//! The level (`?level=pcn`) and the cell style (`?view=rug`) live in the URL.

use crate::components::measure_sources::MeasureSources;
use crate::download::save_text;
use crate::state::use_atlas;
use atlas_core::disclosure::SUPPRESSION_RULE;
use atlas_core::model::Domain;
use atlas_core::provenance::indicator_sources;
use atlas_core::scoring::{
    self, cell_text, composite_table, domain_groups, england_key, scorecard_table, AreaLevel,
    AreaScorecard, Rating, Scorecard, COMPARISON_KEY, COMPOSITE_METHOD,
};
use atlas_core::summary::display_name;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::sync::Arc;

/// Sort keys of the scorecard table: a column of [`composite_table`].
type Sort = Option<(usize, bool)>;

#[component]
pub fn ScorecardPage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let level = Memo::new(move |_| match query.read().get("level").as_deref() {
        Some("pcn") => AreaLevel::Pcn,
        _ => AreaLevel::Practice,
    });
    let rug = Memo::new(move |_| query.read().get("view").as_deref() == Some("rug"));
    let card = Memo::new(move |_| Arc::new(scoring::scorecard(&state.workspace.read())));
    let composite = Memo::new(move |_| composite_table(&card.read(), level.get()));
    let sources =
        Memo::new(move |_| indicator_sources(&state.workspace.read(), &card.read().indicators));
    let illustrative = Memo::new(move |_| state.workspace.read().illustrative);
    let sort = RwSignal::new(None::<(usize, bool)>);
    Effect::new(move |_| {
        level.track();
        sort.set(None);
    });

    let navigate = use_navigate();
    let set_query = move |level: AreaLevel, rug: bool| {
        let mut parts = Vec::new();
        if level == AreaLevel::Pcn {
            parts.push("level=pcn");
        }
        if rug {
            parts.push("view=rug");
        }
        let href = if parts.is_empty() {
            "/scorecard".to_string()
        } else {
            format!("/scorecard?{}", parts.join("&"))
        };
        navigate(&href, Default::default());
    };
    let set_level = {
        let set_query = set_query.clone();
        move |ev: leptos::ev::Event| {
            let pcn = event_target_value(&ev) == "pcn";
            set_query(
                if pcn {
                    AreaLevel::Pcn
                } else {
                    AreaLevel::Practice
                },
                rug.get_untracked(),
            )
        }
    };
    let set_view = move |ev: leptos::ev::Event| {
        set_query(level.get_untracked(), event_target_value(&ev) == "rug")
    };

    let download = move |_| {
        let (name, table) = match level.get_untracked() {
            AreaLevel::Practice => (
                "scorecard-practices.csv",
                scorecard_table(&card.read_untracked(), AreaLevel::Practice),
            ),
            AreaLevel::Pcn => (
                "scorecard-pcns.csv",
                scorecard_table(&card.read_untracked(), AreaLevel::Pcn),
            ),
        };
        save_text(name, "text/csv;charset=utf-8", &table.to_csv());
    };
    let area_word = move || match level.get() {
        AreaLevel::Practice => "practice",
        AreaLevel::Pcn => "PCN",
    };

    view! {
        <h1>"Balanced scorecard"</h1>
        <p class="nhsuk-lede-text">
            "Every " {area_word} " compared with the city on every measure, grouped by domain, with a composite score that shows its workings."
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
        <Key card=card/>
        <ScoreGrid card=card composite=composite level=level rug=rug sort=sort/>
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

/// The key: every code with its colour and its words, and the England comparison.
#[component]
fn Key(card: Memo<Arc<Scorecard>>) -> impl IntoView {
    let england = move || england_key(&card.read());
    view! {
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
            <p class="nhsuk-body-s" id="england-comparison">{england}</p>
        </section>
    }
}

/// The scorecard table: rank, area (with its components), overall score, then each
/// domain's measures and the domain score.
#[component]
fn ScoreGrid(
    card: Memo<Arc<Scorecard>>,
    composite: Memo<atlas_core::table::Table>,
    level: Memo<AreaLevel>,
    rug: Memo<bool>,
    sort: RwSignal<Sort>,
) -> impl IntoView {
    let groups = Memo::new(move |_| domain_groups(&card.read()));
    let order = Memo::new(move |_| {
        let t = composite.read();
        match sort.get() {
            Some((column, ascending)) => t.order_by(column, ascending),
            None => (0..t.rows.len()).collect(),
        }
    });
    // Columns of the composite table: 0 code, 1 area, 2 rank, 3.. domains, last overall.
    let overall_column = move || 3 + groups.read().len();
    let sort_header = move |column: usize, label: String, rowspan: Option<u32>| {
        let aria_sort = move || match sort.get() {
            Some((c, true)) if c == column => "ascending",
            Some((c, false)) if c == column => "descending",
            _ => "none",
        };
        let toggle = move |_| {
            sort.update(|s| {
                *s = match *s {
                    Some((c, ascending)) if c == column => Some((column, !ascending)),
                    // Rank and names read best ascending, scores best first.
                    _ => Some((column, column <= 2)),
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
        let card = card.read();
        let groups = groups.get();
        let domain_row = groups
            .iter()
            .map(|(d, members)| {
                view! {
                    <th scope="colgroup" colspan=members.len() + 1 class="nhsuk-table__header atlas-scorecard__domain">
                        {d.label()}
                    </th>
                }
            })
            .collect_view();
        let measure_row = groups
            .iter()
            .enumerate()
            .map(|(g, (d, members))| {
                let measures = members
                    .iter()
                    .map(|&k| {
                        let name = card.indicators[k].name.clone();
                        let method = card.indicators[k].comparison;
                        view! {
                            <th scope="col" class="nhsuk-table__header atlas-scorecard__measure">
                                {name}
                                <span class="atlas-scorecard__method" title=method.words()>{method.short()}</span>
                            </th>
                        }
                    })
                    .collect_view();
                view! {
                    {measures}
                    {sort_header(3 + g, format!("{} score", d.label()), None)}
                }
            })
            .collect_view();
        view! {
            <tr class="nhsuk-table__row">
                {sort_header(2, "Rank".to_string(), Some(2))}
                {sort_header(1, "Area".to_string(), Some(2))}
                {sort_header(overall_column(), "Overall score".to_string(), Some(2))}
                {domain_row}
            </tr>
            <tr class="nhsuk-table__row">{measure_row}</tr>
        }
    };

    let body = move || {
        let card = card.get();
        let groups = groups.get();
        let areas: &[AreaScorecard] = match level.get() {
            AreaLevel::Practice => &card.practices,
            AreaLevel::Pcn => &card.pcns,
        };
        let compact = rug.get();
        order
            .get()
            .into_iter()
            .filter_map(|r| areas.get(r))
            .map(|area| area_row(&card, area, &groups, compact))
            .collect_view()
    };

    let caption = move || match level.get() {
        AreaLevel::Practice => "Scorecard: every practice against the city, by domain",
        AreaLevel::Pcn => "Scorecard: every PCN against the city, by domain",
    };

    view! {
        <div class="atlas-scroll" role="region" aria-label="Scorecard table (scrolls sideways)" tabindex="0">
            <table class="nhsuk-table atlas-scorecard" class:atlas-scorecard--rug=move || rug.get() id="scorecard-table">
                <caption class="nhsuk-table__caption">{caption}</caption>
                <thead class="nhsuk-table__head">{head}</thead>
                <tbody class="nhsuk-table__body">{body}</tbody>
            </table>
        </div>
    }
}

/// One area's row of the scorecard table.
fn area_row(
    card: &Scorecard,
    area: &AreaScorecard,
    groups: &[(Domain, Vec<usize>)],
    compact: bool,
) -> impl IntoView {
    let score_text = |x: Option<f64>| {
        x.map(|v| format!("{v:.2}"))
            .unwrap_or_else(|| "not scored".into())
    };
    let name = display_name(&area.name);
    let cells = groups
        .iter()
        .map(|(d, members)| {
            let measures = members
                .iter()
                .map(|&k| {
                    let indicator = &card.indicators[k];
                    let cell = &area.cells[k];
                    let rating = Rating::of(cell);
                    let mut words = match &cell.england {
                        Some(england) => format!("{}; against England: {england}", cell_text(indicator, cell)),
                        None => cell_text(indicator, cell),
                    };
                    if let Some(published) = &cell.published {
                        words = format!("{words}; {published}");
                    }
                    let class = format!("nhsuk-table__cell atlas-cell atlas-rating--{}", rating.colour());
                    if compact {
                        let label = format!("{}: {}", indicator.name, words);
                        let title = label.clone();
                        view! {
                            <td class=class title=title>
                                <span aria-hidden="true">{rating.code()}</span>
                                <span class="nhsuk-u-visually-hidden">{label}</span>
                            </td>
                        }
                        .into_any()
                    } else {
                        view! { <td class=class>{words}</td> }.into_any()
                    }
                })
                .collect_view();
            let domain = area.domain_scores.iter().find(|(x, _)| x == d).map(|x| x.1);
            view! {
                {measures}
                <td class="nhsuk-table__cell nhsuk-table__cell--numeric atlas-scorecard__score">{score_text(domain)}</td>
            }
        })
        .collect_view();
    view! {
        <tr class="nhsuk-table__row" data-area=area.area_code.clone()>
            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{area.rank.map(|r| r.to_string()).unwrap_or_default()}</td>
            <th scope="row" class="nhsuk-table__cell atlas-scorecard__area">
                {name.clone()}
                {components(card, area)}
            </th>
            <td class="nhsuk-table__cell nhsuk-table__cell--numeric atlas-scorecard__overall">{score_text(area.overall)}</td>
            {cells}
        </tr>
    }
}

/// The components of an area's composite: each domain's scored measures and scores.
fn components(card: &Scorecard, area: &AreaScorecard) -> impl IntoView {
    let lines = domain_groups(card)
        .into_iter()
        .map(|(d, members)| {
            let domain_score = area
                .domain_scores
                .iter()
                .find(|(x, _)| *x == d)
                .map(|x| format!("{:.2}", x.1))
                .unwrap_or_else(|| "not scored".into());
            let items = members
                .iter()
                .map(|&k| {
                    let cell = &area.cells[k];
                    let score = match cell.score {
                        Some(s) if s > 0 => format!("+{s}"),
                        Some(s) => s.to_string(),
                        None => "not scored".to_string(),
                    };
                    let england = cell
                        .england
                        .as_ref()
                        .map(|e| format!(" (against England: {e}, not scored)"))
                        .unwrap_or_default();
                    format!(
                        "{}: {} → {}{england}",
                        card.indicators[k].name, cell.label, score
                    )
                })
                .map(|t| view! { <li>{t}</li> })
                .collect_view();
            view! {
                <li>
                    <strong>{format!("{}: {}", d.label(), domain_score)}</strong>
                    <ul>{items}</ul>
                </li>
            }
        })
        .collect_view();
    let overall = area
        .overall
        .map(|v| format!("Overall score {v:.2} (the mean of the domain scores)"))
        .unwrap_or_else(|| "No overall score".into());
    view! {
        <details class="atlas-components">
            <summary>"Components"<span class="nhsuk-u-visually-hidden">{format!(" of {}", display_name(&area.name))}</span></summary>
            <p>{overall}</p>
            <ul class="atlas-components__list">{lines}</ul>
        </details>
    }
}
