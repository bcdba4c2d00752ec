//! Data: load your own files (picker or drag and drop), see what was read and every
//! problem, download templates, and clear your data. Files are read in a worker, in this
//! browser; nothing is sent anywhere.

use crate::components::file_report::FileReportView;
use crate::download::save_text;
use crate::loader::{self, RunningLoad};
use crate::state::{use_atlas, LoadStatus};
use crate::storage;
use atlas_core::ingest::format::READABLE_PUBLICATIONS;
use atlas_core::model::DataSource;
use atlas_pages::data::{load_outcome, problem_summary, TEMPLATES};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, File, FileList, HtmlInputElement};

fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[component]
pub fn DataPage() -> impl IntoView {
    let state = use_atlas();
    let running = use_context::<RunningLoad>().unwrap_or_else(RunningLoad::new);
    let query = leptos_router::hooks::use_query_map();
    running.set_workers(
        query
            .get_untracked()
            .get("workers")
            .and_then(|n| n.parse().ok()),
    );
    // Start the file readers now, so that they are ready when files are chosen.
    running.warm_up();
    let dragging = RwSignal::new(false);

    let on_pick = move |event: web_sys::Event| {
        let input: Option<HtmlInputElement> = event.target().and_then(|t| t.dyn_into().ok());
        if let Some(input) = input {
            loader::start(state, running, files_of(input.files()));
            input.set_value("");
        }
    };
    let on_drop = move |event: DragEvent| {
        event.prevent_default();
        dragging.set(false);
        let files = files_of(event.data_transfer().and_then(|t| t.files()));
        loader::start(state, running, files);
    };
    let clear = move |_| {
        loader::cancel(state, running);
        state.reset_to_default();
        leptos::task::spawn_local(async move {
            let cleared = storage::clear().await;
            state.kept.set(!cleared);
            // Say so once the browser has forgotten it, unless a new load has begun.
            if state.load.get_untracked() == LoadStatus::Idle {
                state.load.set(LoadStatus::Cleared(cleared));
            }
        });
    };
    let show_default = move |_| {
        loader::cancel(state, running);
        state.reset_to_default();
        state.load.set(LoadStatus::ShowingDefault);
    };
    let show_mine = move |_| loader::restore(state, running, true);
    // The user's own data is on the pages, kept in this browser: it can be set aside.
    let can_set_aside = move || {
        matches!(state.workspace.read().source, DataSource::Uploaded { .. }) && state.kept.get()
    };

    let problem_files = Memo::new(move |_| problem_summary(&state.reports.read()));

    view! {
        <h1>"Your data"</h1>
        <p class="nhsuk-lede-text">{atlas_pages::data::LEDE}</p>

        <Show when=move || !problem_files.read().is_empty()>
            <div class="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1">
                <h2 class="nhsuk-error-summary__title" id="error-summary-title">"There is a problem"</h2>
                <div class="nhsuk-error-summary__body">
                    <p>"Some rows or files could not be used. Everything else was loaded."</p>
                    <ul class="nhsuk-list nhsuk-error-summary__list">
                        {move || problem_files.get().into_iter().map(|(i, text)| {
                            view! { <li><a href=format!("#file-{i}")>{text}</a></li> }
                        }).collect_view()}
                    </ul>
                </div>
            </div>
        </Show>

        <h2>"Load files"</h2>
        <div
            class="atlas-drop"
            class:atlas-drop--active=move || dragging.get()
            on:dragover=move |e: DragEvent| { e.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="data-files">"Choose CSV files, or drop them here"</label>
                <div class="nhsuk-hint" id="data-files-hint">
                    "Our templates (below), or the national publications listed below, as you downloaded them. You can choose several at once; they are combined."
                </div>
                <input class="nhsuk-file-upload" id="data-files" type="file" multiple accept=".csv,text/csv"
                    aria-describedby="data-files-hint" on:change=on_pick/>
            </div>
        </div>
        <LoadProgress running=running/>

        <Reports/>

        <h2 id="publications">"Publications the atlas reads as downloaded"</h2>
        <p>"Load these unchanged: the atlas knows each by its columns, in every year's layout."</p>
        <ul class="nhsuk-list nhsuk-list--bullet" id="publication-list">
            {READABLE_PUBLICATIONS.iter().map(|p| view! {
                <li>
                    <a href=p.url rel="noopener noreferrer external">{p.title}</a>
                    {format!(" ({}): {}.", p.publisher, p.files)}
                </li>
            }).collect_view()}
        </ul>

        <h2 id="templates">"Templates"</h2>
        <p>"Each template has the columns the atlas reads, with an example row. Column names are not case-sensitive."</p>
        <ul class="nhsuk-list atlas-templates">
            {TEMPLATES.iter().map(|t| view! {
                <li>
                    <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                        on:click=move |_| { save_text(t.file_name, "text/csv;charset=utf-8", t.contents); }>
                        {format!("Download {}", t.file_name)}
                    </button>
                    " " {t.holds}
                </li>
            }).collect_view()}
        </ul>

        <h2>"Your data in this browser"</h2>
        <p>{move || format!("Your data is kept in this browser so it is still here after a reload. You can look at the {} default and come back to your data, or clear your data: that removes it from this browser and shows the default again.", state.default_place())}</p>
        <div class="nhsuk-button-group">
            {move || if can_set_aside() {
                view! {
                    <button type="button" class="nhsuk-button nhsuk-button--secondary" id="show-default" on:click=show_default>
                        {move || format!("Show the {} default", state.default_place())}
                    </button>
                }.into_any()
            } else if state.kept.get() {
                view! {
                    <button type="button" class="nhsuk-button nhsuk-button--secondary" id="show-mine" on:click=show_mine>
                        "Show my data again"
                    </button>
                }.into_any()
            } else {
                ().into_any()
            }}
            <button type="button" class="nhsuk-button nhsuk-button--warning" id="clear-data" on:click=clear>
                "Clear my data and return to the default"
            </button>
        </div>
    }
}

#[component]
fn LoadProgress(running: RunningLoad) -> impl IntoView {
    let state = use_atlas();
    move || {
        match state.load.get() {
        LoadStatus::Reading { file, done, total } => {
            let percent = (100.0 * done / total).clamp(0.0, 100.0);
            let mb = |bytes: f64| format!("{:.1} MB", bytes / 1_048_576.0);
            view! {
                <div class="atlas-progress" role="status">
                    <label for="load-progress">{format!("Reading {file}: {} of {} ({percent:.0}%)", mb(done), mb(total))}</label>
                    <progress id="load-progress" max="100" value=percent></progress>
                    <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=move |_| loader::cancel(state, running)>
                        "Cancel"
                    </button>
                </div>
            }
            .into_any()
        }
        LoadStatus::Restoring => view! { <p role="status">"Restoring your data from this browser…"</p> }.into_any(),
        LoadStatus::Loaded(None) => view! { <p role="status" class="atlas-status atlas-status--ok">"Loaded. Every page now shows your data."</p> }.into_any(),
        LoadStatus::Loaded(Some(t)) => {
            view! {
                <p role="status" class="atlas-status atlas-status--ok" id="load-outcome"
                    data-total-ms=t.total_ms data-workers=t.workers data-parts=t.parts
                    data-reading-ms=t.reading_ms data-parsing-ms=t.parsing_ms data-waiting-ms=t.waiting_ms
                    data-combining-ms=t.combining_ms data-handing-over-ms=t.handing_over_ms>
                    {load_outcome(t.total_ms, t.parts)}
                </p>
            }
            .into_any()
        }
        LoadStatus::Cancelled => view! { <p role="status">"Cancelled. The data shown has not changed."</p> }.into_any(),
        LoadStatus::Cleared(true) => view! { <p role="status" id="data-cleared">{format!("Your data is cleared from this browser. The pages show the {} default again.", state.default_place())}</p> }.into_any(),
        LoadStatus::Cleared(false) => view! { <p role="alert" class="nhsuk-error-message">"The pages show the default again, but this browser did not confirm that your stored data was removed: clear this site's data in the browser's settings to be sure."</p> }.into_any(),
        LoadStatus::PatientFilesChecked => view! { <p role="status" id="patients-checked">"Checked. Patient-level files are not added to these pages: score them on the Risk page. The data shown has not changed."</p> }.into_any(),
        LoadStatus::ShowingDefault => view! { <p role="status" id="showing-default">{format!("The pages show the {} default. Your data is still kept in this browser: \"Show my data again\" (or a reload) brings it back.", state.default_place())}</p> }.into_any(),
        LoadStatus::Failed(message) => view! { <p role="alert" class="nhsuk-error-message">{message}</p> }.into_any(),
        LoadStatus::Idle => ().into_any(),
    }
    }
}

#[component]
fn Reports() -> impl IntoView {
    let state = use_atlas();
    move || {
        let reports = state.reports.get();
        if reports.is_empty() {
            return ().into_any();
        }
        view! {
            <h2 id="report">"What was read"</h2>
            {reports.into_iter().enumerate().map(|(i, report)| view! { <FileReportView index=i report=report/> }).collect_view()}
        }
        .into_any()
    }
}
