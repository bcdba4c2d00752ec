//! Risk: find the most vulnerable patients in an anonymised patient-level file with open,
//! published scores (Cambridge Multimorbidity Score, electronic Frailty Index), for
//! proactive care planning. The file is read and scored in a worker that this page owns;
//! it is never stored, and leaving the page ends the worker and the data with it.

use crate::scorer::{request, Answer, Scorer};
use crate::state::use_atlas;
use atlas_app::protocol::{RiskWork, Structure};
use atlas_core::ingest::FileReport;
use atlas_core::risk::cohort::{CohortRule, DEFAULT_TOP_PERCENT};
use atlas_core::risk::view::RiskView;
use atlas_core::risk::ON_DEVICE_STATEMENT;
use leptos::prelude::*;
use results::results;
use wasm_bindgen::JsCast;
use web_sys::{File, HtmlInputElement};

mod results;

/// What the page is showing.
#[derive(Clone, PartialEq)]
enum RiskStatus {
    Empty,
    Reading {
        done: f64,
        total: f64,
    },
    /// Scored, with where the worker's time went.
    Scored(Box<RiskView>, RiskWork),
    /// Columns are missing; the user may accept scoring from what is present.
    Missing(String),
    Refused(Box<FileReport>),
    Failed(String),
}

#[component]
pub fn RiskPage() -> impl IntoView {
    let state = use_atlas();
    let status = RwSignal::new(RiskStatus::Empty);
    let top = RwSignal::new(DEFAULT_TOP_PERCENT);
    let rule = RwSignal::new(CohortRule::TopCms);
    let accept_missing = RwSignal::new(false);
    let chosen: StoredValue<Option<File>, LocalStorage> = StoredValue::new_local(None);
    // Bytes read of each part of the file, added up for the progress bar.
    let parts_done: StoredValue<Vec<f64>> = StoredValue::new(Vec::new());
    let answer = move |answer: Answer| match answer {
        Answer::Progress { piece, done, .. } => {
            if let RiskStatus::Reading { total, .. } = status.get_untracked() {
                parts_done.update_value(|parts| {
                    if parts.len() <= piece {
                        parts.resize(piece + 1, 0.0);
                    }
                    parts[piece] = done;
                });
                let done = parts_done.with_value(|parts| parts.iter().sum());
                status.set(RiskStatus::Reading { done, total });
            }
        }
        Answer::Scored(view, work) => {
            // A cohort change keeps the timings of the first reading.
            let work = match status.get_untracked() {
                RiskStatus::Scored(_, before) if work.parse_ms == 0.0 => RiskWork {
                    cohort_ms: work.cohort_ms,
                    ..before
                },
                _ => work,
            };
            status.set(RiskStatus::Scored(view, work))
        }
        Answer::Missing(text) => status.set(RiskStatus::Missing(text)),
        Answer::Refused(report) => status.set(RiskStatus::Refused(report)),
        Answer::Failed(text) => status.set(RiskStatus::Failed(text)),
    };
    // This page's workers (`/risk?workers=N` chooses how many in all, for benchmarks);
    // they end, and the patients they hold with them, when the page goes.
    let workers = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("workers")
        .and_then(|n| n.parse::<usize>().ok())
        .map_or_else(crate::loader::cores, |n| n.clamp(1, 8));
    let scorer = Scorer::start(workers, answer);
    if !scorer.started() {
        status.set(RiskStatus::Failed(
            "Your browser could not start the scorer.".into(),
        ));
    }
    let score_file = move || {
        let Some(file) = chosen.get_value() else {
            return;
        };
        status.set(RiskStatus::Reading {
            done: 0.0,
            total: file.size().max(1.0),
        });
        parts_done.set_value(Vec::new());
        let structure = state.workspace.with_untracked(|ws| Structure {
            pcns: ws.pcns.clone(),
            practices: ws.practices.clone(),
        });
        let ask = request(
            top.get_untracked(),
            rule.get_untracked(),
            accept_missing.get_untracked(),
            structure,
        );
        scorer.score(file, ask);
    };
    let recohort = move || {
        if let RiskStatus::Scored(..) = status.get_untracked() {
            scorer.recohort(top.get_untracked(), rule.get_untracked());
        }
    };
    let on_pick = move |event: web_sys::Event| {
        let input: Option<HtmlInputElement> = event.target().and_then(|t| t.dyn_into().ok());
        let file = input.and_then(|i| i.files()).and_then(|f| f.get(0));
        chosen.set_value(file);
        accept_missing.set(false);
        score_file();
    };

    view! {
        <h1>"Find the most vulnerable patients"</h1>
        <p class="nhsuk-lede-text">
            "Score an anonymised patient list with two open, published measures — the Cambridge Multimorbidity Score (CMS) for disease burden and the electronic Frailty Index (eFI) — and list the top few per cent for longer care-planning appointments and care navigation."
        </p>
        <div class="nhsuk-inset-text" id="on-device">
            <span class="nhsuk-u-visually-hidden">"Information: "</span>
            <p><strong>"Your data stays on this device. "</strong>{ON_DEVICE_STATEMENT}</p>
        </div>
        <p>
            "For clinical use. The file must be anonymised: one row per patient with a pseudonymous id, practice code, age, sex and 0/1 columns for conditions and deficits. A file with NHS numbers, names, dates of birth or full postcodes is refused. Download the template from the "
            <a href="/data#templates">"Your data"</a>
            " page."
        </p>

        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for="patient-file">"Choose an anonymised patient file (CSV)"</label>
            <input class="nhsuk-file-upload" id="patient-file" type="file" accept=".csv,text/csv" on:change=on_pick/>
        </div>

        {move || match status.get() {
            RiskStatus::Reading { done, total } => view! {
                <div class="atlas-progress" role="status">
                    <label for="risk-progress">{format!("Reading and scoring: {:.0}%", 100.0 * done / total)}</label>
                    <progress id="risk-progress" max="100" value=(100.0 * done / total).clamp(0.0, 100.0)></progress>
                </div>
            }.into_any(),
            RiskStatus::Missing(text) => view! {
                <div class="nhsuk-warning-callout" id="missing-columns">
                    <h2 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"Some columns are missing"</span></h2>
                    <p>{format!("{}.", text)}</p>
                    <button type="button" class="nhsuk-button nhsuk-button--secondary" id="accept-missing"
                        on:click=move |_| { accept_missing.set(true); score_file(); }>
                        "Score from the columns present"
                    </button>
                </div>
            }.into_any(),
            RiskStatus::Refused(report) => view! {
                <div class="nhsuk-error-summary" role="alert" tabindex="-1" id="risk-refused">
                    <h2 class="nhsuk-error-summary__title">"This file was not used"</h2>
                    <div class="nhsuk-error-summary__body">
                        <ul class="nhsuk-list nhsuk-error-summary__list">
                            {report.problems.iter().map(|p| view! { <li>{format!("{}: {p}", report.file_name)}</li> }).collect_view()}
                        </ul>
                        <p>"Nothing of it was kept."</p>
                    </div>
                </div>
            }.into_any(),
            RiskStatus::Failed(text) => view! { <p class="nhsuk-error-message" role="alert">{text}</p> }.into_any(),
            RiskStatus::Empty => ().into_any(),
            RiskStatus::Scored(..) => ().into_any(),
        }}

        <Show when=move || matches!(status.get(), RiskStatus::Scored(..))>
            <h2>"Choose the cohort"</h2>
            <div class="nhsuk-form-group atlas-risk-controls">
                <label class="nhsuk-label" for="top-percent">
                    {move || format!("Top {}% of patients by CMS", top.get())}
                </label>
                <input type="range" id="top-percent" min="1" max="10" step="0.5" prop:value=move || top.get().to_string()
                    aria-valuetext=move || format!("{} per cent", top.get())
                    on:change=move |e| {
                        if let Some(v) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()).and_then(|i| i.value().parse().ok()) {
                            top.set(v);
                            recohort();
                        }
                    }/>
            </div>
            <fieldset class="nhsuk-fieldset">
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">"Who is in the cohort"</legend>
                <div class="nhsuk-radios nhsuk-radios--small">
                    {CohortRule::ALL
                        .into_iter()
                        .map(|choice| {
                            let id = format!("rule-{}", choice.key());
                            view! {
                                <div class="nhsuk-radios__item">
                                    <input class="nhsuk-radios__input" id=id.clone() name="rule" type="radio" value=choice.key()
                                        prop:checked=move || rule.get() == choice
                                        on:change=move |_| { rule.set(choice); recohort(); }/>
                                    <label class="nhsuk-label nhsuk-radios__label" for=id>{choice.choice()}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </Show>

        {move || match status.get() {
            RiskStatus::Scored(view, timings) => results(*view, timings).into_any(),
            _ => ().into_any(),
        }}
    }
}
