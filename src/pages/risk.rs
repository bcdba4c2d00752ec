//! Risk: find the most vulnerable patients in an anonymised patient-level file with open,
//! published scores (Cambridge Multimorbidity Score, electronic Frailty Index), for
//! proactive care planning. The file is read and scored in a worker that this page owns;
//! it is never stored, and leaving the page ends the worker and the data with it.

use crate::components::chart_figure::ChartFigure;
use crate::components::data_table::DataTable;
use crate::components::file_report::FileReportView;
use crate::download::save_text;
use crate::state::use_atlas;
use atlas_charts::{bar_chart, Bar, BarChartInput, Size};
use atlas_core::ingest::pieces::SPLIT_AT_BYTES;
use atlas_core::ingest::FileReport;
use atlas_core::risk::view::RiskView;
use atlas_core::risk::ON_DEVICE_STATEMENT;
use atlas_core::summary::thousands;
use atlas_core::table::Table;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, HtmlInputElement, MessageChannel, MessageEvent, Worker, WorkerOptions};

const WORKER_SCRIPT: &str = "/ingest-worker_loader.js";

/// What the page is showing.
#[derive(Clone, PartialEq)]
enum RiskStatus {
    Empty,
    Reading {
        done: f64,
        total: f64,
    },
    /// Scored, with where the worker's time went.
    Scored(Box<RiskView>, Timings),
    /// Columns are missing; the user may accept scoring from what is present.
    Missing(String),
    Refused(Box<FileReport>),
    Failed(String),
}

/// Where the worker's time went, in milliseconds, as it reports them.
#[derive(Clone, Copy, Default, PartialEq)]
struct Timings {
    /// Reading and parsing the file (in all its parts), to the table ready.
    parse: f64,
    /// Of `parse`, the browser handing worker 0 its part of the file.
    reading: f64,
    /// Of `parse`, worker 0 waiting for the other parts after its own.
    waiting: f64,
    /// Of `parse`, putting the parts together.
    combining: f64,
    /// The parts the file was read in at once (1: whole).
    parts: usize,
    score: f64,
    cohort: f64,
}

/// One of the page's workers (the scorer, or a helper reading a part of a large file)
/// and the message waiting for it to be ready.
#[derive(Clone, Copy)]
struct RiskWorker {
    worker: StoredValue<Option<Worker>, LocalStorage>,
    ready: StoredValue<bool>,
    pending: StoredValue<Option<(js_sys::Object, js_sys::Array)>, LocalStorage>,
}

impl RiskWorker {
    /// Starts a worker whose messages go to `on_message`; `None` when the browser
    /// would not start it. The worker's "ready" is handled here.
    fn start(name: &str, mut on_message: impl FnMut(&JsValue) + 'static) -> Option<RiskWorker> {
        let options = WorkerOptions::new();
        options.set_name(name);
        let worker = Worker::new_with_options(WORKER_SCRIPT, &options).ok()?;
        let this = RiskWorker {
            worker: StoredValue::new_local(None),
            ready: StoredValue::new(false),
            pending: StoredValue::new_local(None),
        };
        let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if field(&data, "kind").as_string().as_deref() == Some("ready") {
                this.ready.set_value(true);
                if let Some((message, transfer)) =
                    this.pending.try_update_value(Option::take).flatten()
                {
                    this.send(message, transfer);
                }
            } else {
                on_message(&data);
            }
        });
        worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
        handler.forget();
        this.worker.set_value(Some(worker));
        Some(this)
    }

    /// Sends `message`, handing over the objects in `transfer`; held until the worker
    /// is ready.
    fn send(&self, message: js_sys::Object, transfer: js_sys::Array) {
        if self.ready.get_value() {
            self.worker.with_value(|w| {
                if let Some(w) = w {
                    let _ = w.post_message_with_transfer(&message, &transfer);
                }
            });
        } else {
            self.pending.set_value(Some((message, transfer)));
        }
    }

    fn terminate(&self) {
        self.worker.with_value(|w| {
            if let Some(w) = w {
                w.terminate();
            }
        })
    }
}

fn field(data: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(data, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn message(fields: &[(&str, JsValue)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &(*key).into(), value);
    }
    object
}

/// Bars from a table's label column and count column; suppressed rows are left out (the
/// table view lists them).
fn bars(table: &Table, label: usize, value: usize) -> Vec<Bar> {
    table
        .rows
        .iter()
        .filter_map(|row| {
            Some(Bar {
                label: row.get(label)?.text.clone(),
                value: row.get(value)?.number?,
            })
        })
        .collect()
}

fn chart(
    id: &str,
    title: &str,
    summary: &str,
    value_label: &str,
    bars: Vec<Bar>,
    decimals: usize,
) -> String {
    // About 34 px a bar plus room for the title and axis, as the overview chart uses.
    let height = (34 * bars.len() as u32 + 100).max(220);
    bar_chart(
        &BarChartInput {
            id: id.to_string(),
            title: title.to_string(),
            summary: summary.to_string(),
            value_label: value_label.to_string(),
            bars,
            decimals,
            colour: None,
        },
        Size { width: 760, height },
    )
    .svg
}

#[component]
pub fn RiskPage() -> impl IntoView {
    let state = use_atlas();
    let status = RwSignal::new(RiskStatus::Empty);
    let top = RwSignal::new(3.0_f64);
    let rule = RwSignal::new("top".to_string());
    let accept_missing = RwSignal::new(false);
    let chosen: StoredValue<Option<File>, LocalStorage> = StoredValue::new_local(None);
    // Bytes read of each part of the file, added up for the progress bar.
    let parts_done: StoredValue<Vec<f64>> = StoredValue::new(Vec::new());
    let on_progress = move |data: &JsValue| {
        if let RiskStatus::Reading { total, .. } = status.get_untracked() {
            let piece = field(data, "piece").as_f64().unwrap_or(0.0) as usize;
            let done = field(data, "done").as_f64().unwrap_or(0.0);
            parts_done.update_value(|parts| {
                if parts.len() <= piece {
                    parts.resize(piece + 1, 0.0);
                }
                parts[piece] = done;
            });
            let done = parts_done.with_value(|parts| parts.iter().sum());
            status.set(RiskStatus::Reading { done, total });
        }
    };

    // Start this page's worker; end it (and the patients it holds) when the page goes.
    let worker = RiskWorker::start("risk", move |data| {
        let field = |key: &str| field(data, key);
        match field("kind").as_string().as_deref() {
            Some("progress") => on_progress(data),
            Some("risk") => match serde_json::from_str::<RiskView>(
                &field("payload").as_string().unwrap_or_default(),
            ) {
                Ok(view) => {
                    let ms = |key: &str| field(key).as_f64().unwrap_or(0.0);
                    let cohort = ms("cohort_ms");
                    // A cohort change keeps the timings of the first reading.
                    let timings = match status.get_untracked() {
                        RiskStatus::Scored(_, before) if ms("parse_ms") == 0.0 => {
                            Timings { cohort, ..before }
                        }
                        _ => Timings {
                            parse: ms("parse_ms"),
                            reading: ms("reading_ms"),
                            waiting: ms("waiting_ms"),
                            combining: ms("combining_ms"),
                            parts: ms("parts").max(1.0) as usize,
                            score: ms("score_ms"),
                            cohort,
                        },
                    };
                    status.set(RiskStatus::Scored(Box::new(view), timings))
                }
                Err(_) => status.set(RiskStatus::Failed(
                    "The scorer returned something unexpected.".into(),
                )),
            },
            Some("risk-refused") => match serde_json::from_str::<FileReport>(
                &field("payload").as_string().unwrap_or_default(),
            ) {
                Ok(report) => status.set(RiskStatus::Refused(Box::new(report))),
                Err(_) => status.set(RiskStatus::Failed("The file could not be used.".into())),
            },
            Some("risk-missing") => status.set(RiskStatus::Missing(
                field("message").as_string().unwrap_or_default(),
            )),
            _ => status.set(RiskStatus::Failed(
                field("message")
                    .as_string()
                    .unwrap_or_else(|| "The scorer stopped.".into()),
            )),
        }
    });
    if worker.is_none() {
        status.set(RiskStatus::Failed(
            "Your browser could not start the scorer.".into(),
        ));
    }
    // Helpers read the other parts of a large file at once, one per further core
    // (`/risk?workers=N` chooses how many workers in all, for benchmarks). Started now,
    // so that they are ready when a file is chosen.
    let workers = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("workers")
        .and_then(|n| n.parse::<usize>().ok())
        .map_or_else(crate::loader::cores, |n| n.clamp(1, 8));
    let helpers: Vec<RiskWorker> = (1..workers)
        .filter_map(|k| {
            RiskWorker::start(&format!("risk-part-{k}"), move |data| {
                match field(data, "kind").as_string().as_deref() {
                    Some("progress") => on_progress(data),
                    _ => status.set(RiskStatus::Failed(
                        field(data, "message")
                            .as_string()
                            .unwrap_or_else(|| "A file reader stopped.".into()),
                    )),
                }
            })
        })
        .collect();
    let helpers = StoredValue::new_local(helpers);
    on_cleanup(move || {
        if let Some(worker) = worker {
            worker.terminate();
        }
        helpers.with_value(|helpers| helpers.iter().for_each(RiskWorker::terminate));
    });

    let structure = move || {
        let ws = state.workspace.read();
        serde_json::json!({ "pcns": ws.pcns, "practices": ws.practices }).to_string()
    };
    let score_file = move || {
        let (Some(file), Some(worker)) = (chosen.get_value(), worker) else {
            return;
        };
        status.set(RiskStatus::Reading {
            done: 0.0,
            total: file.size().max(1.0),
        });
        parts_done.set_value(Vec::new());
        // A large file is read in parts: each helper gets a part and a port straight to
        // the scorer, which puts the parts together. The scorer decides whether the
        // file is cut (the helpers decide the same from the same bytes).
        let ports = js_sys::Array::new();
        if file.size() >= SPLIT_AT_BYTES as f64 {
            helpers.with_value(|helpers| {
                for (k, helper) in helpers.iter().enumerate() {
                    let Ok(channel) = MessageChannel::new() else {
                        continue;
                    };
                    ports.push(&channel.port1());
                    let port = channel.port2();
                    helper.send(
                        message(&[
                            ("kind", "risk-piece".into()),
                            ("file", file.clone().into()),
                            ("piece", (k + 1).into()),
                            ("pieces", (helpers.len() + 1).into()),
                            ("port", port.clone().into()),
                        ]),
                        js_sys::Array::of1(&port),
                    );
                }
            });
        }
        worker.send(
            message(&[
                ("kind", "risk".into()),
                ("file", file.into()),
                ("top", top.get_untracked().into()),
                ("rule", rule.get_untracked().into()),
                ("accept_missing", accept_missing.get_untracked().into()),
                ("structure", structure().into()),
                ("ports", ports.clone().into()),
            ]),
            ports,
        );
    };
    let recohort = move || {
        if let (RiskStatus::Scored(..), Some(worker)) = (status.get_untracked(), worker) {
            worker.send(
                message(&[
                    ("kind", "risk-cohort".into()),
                    ("top", top.get_untracked().into()),
                    ("rule", rule.get_untracked().into()),
                ]),
                js_sys::Array::new(),
            );
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
                    {[("top", "The top group by CMS"), ("frail", "Moderate or severe frailty (aged 65+)"), ("either", "Either"), ("both", "Both")]
                        .into_iter()
                        .map(|(value, label)| {
                            let id = format!("rule-{value}");
                            view! {
                                <div class="nhsuk-radios__item">
                                    <input class="nhsuk-radios__input" id=id.clone() name="rule" type="radio" value=value
                                        prop:checked=move || rule.get() == value
                                        on:change=move |_| { rule.set(value.to_string()); recohort(); }/>
                                    <label class="nhsuk-label nhsuk-radios__label" for=id>{label}</label>
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

/// The scored file's results, with where the time went.
fn results(view: RiskView, t: Timings) -> impl IntoView {
    let csv = view.cohort_csv.clone();
    let download = move |_| {
        save_text("cohort.csv", "text/csv;charset=utf-8", &csv);
    };
    let cms = Signal::stored(chart(
        "risk-cms",
        "Patients by Cambridge Multimorbidity Score",
        "How disease burden is spread across the whole file.",
        "Patients",
        bars(&view.cms_distribution, 0, 1),
        0,
    ));
    let efi = Signal::stored(chart(
        "risk-efi",
        "Patients aged 65 and over by frailty",
        "eFI categories: fit 0–4 deficits, mild 5–8, moderate 9–12, severe 13 or more.",
        "Patients",
        bars(&view.efi_distribution, 0, 1),
        0,
    ));
    // The table comes most common first.
    let mut mix = bars(&view.condition_mix, 0, 3);
    mix.truncate(15);
    let mix_chart = Signal::stored(chart(
        "risk-mix",
        "The cohort's most common conditions",
        "Share of the cohort with each condition or deficit (the 15 most common).",
        "Share of the cohort (%)",
        mix,
        1,
    ));
    view! {
        <h2 id="cohort">"The cohort"</h2>
        <p class="atlas-figure__summary" id="cohort-sentence">{view.sentence.clone()}</p>
        {view.caveat.clone().map(|c| view! { <div class="nhsuk-warning-callout"><h3 class="nhsuk-warning-callout__label">"Scores computed without some columns"</h3><p>{c}</p></div> })}
        <p class="nhsuk-body-s">{format!("Rule: {}. Ties at the cut-off: {}", view.rule, view.tie_rule)}</p>
        <p class="nhsuk-body-s" id="risk-timings" data-parse-ms=t.parse data-reading-ms=t.reading
            data-waiting-ms=t.waiting data-combining-ms=t.combining data-parts=t.parts data-score-ms=t.score data-cohort-ms=t.cohort>
            {format!(
                "Read in {:.1} s{}, scored in {:.2} s, cohort built in {:.2} s, all on this device.",
                t.parse / 1000.0,
                if t.parts > 1 { format!(" ({} parts at once)", t.parts) } else { String::new() },
                t.score / 1000.0,
                t.cohort / 1000.0
            )}
        </p>
        {(view.report.rows_rejected > 0).then(|| view! {
            <p class="nhsuk-body-s" id="risk-rejected">
                {format!("{} rows of the file were rejected and are not scored: ", thousands(view.report.rows_rejected))}
                <a href="#what-was-read">"see which, and why"</a>"."
            </p>
        })}
        <button type="button" class="nhsuk-button" id="download-cohort" on:click=download>
            "Download the cohort (pseudonymous ids and scores, CSV)"
        </button>
        <p class="nhsuk-body-s">"Counts from 1 to 4 are suppressed in every table and chart here, and so is any rate built on them. The download lists every patient in the cohort for your practice to re-identify in its own clinical system."</p>
        <h2>"By practice"</h2>
        <DataTable table=Signal::stored(view.practices.clone()) caption=Signal::stored("Cohort by practice, with 95% Wilson intervals, compared with the whole file".to_string()) id="risk-practices"/>
        <h2>"By PCN"</h2>
        <DataTable table=Signal::stored(view.pcns.clone()) caption=Signal::stored("Cohort by PCN".to_string()) id="risk-pcns"/>
        <h2>"Multimorbidity and frailty together"</h2>
        <DataTable table=Signal::stored(view.overlap.clone()) caption=Signal::stored("Overlap of the CMS top group and moderate or severe frailty".to_string()) id="risk-overlap"/>
        <ChartFigure title=Signal::stored("Patients by Cambridge Multimorbidity Score".to_string()) summary=Signal::stored("How disease burden is spread across the whole file.".to_string())
            svg=cms table=Signal::stored(view.cms_distribution.clone()) file_stem="cms-distribution">
            <div class="atlas-chart" inner_html=cms></div>
        </ChartFigure>
        <ChartFigure title=Signal::stored("Frailty among patients aged 65 and over".to_string()) summary=Signal::stored("eFI categories: fit 0–4 deficits, mild 5–8, moderate 9–12, severe 13 or more.".to_string())
            svg=efi table=Signal::stored(view.efi_distribution.clone()) file_stem="efi-categories">
            <div class="atlas-chart" inner_html=efi></div>
        </ChartFigure>
        <ChartFigure title=Signal::stored("The cohort's condition mix".to_string()) summary=Signal::stored("Share of the cohort with each condition or deficit, most common first.".to_string())
            svg=mix_chart table=Signal::stored(view.condition_mix.clone()) file_stem="condition-mix">
            <div class="atlas-chart" inner_html=mix_chart></div>
        </ChartFigure>
        <h2 id="what-was-read">"What was read"</h2>
        <FileReportView index=0 report=view.report.clone()/>
    }
}
