//! Loading the user's files: hands them to the ingest worker, follows its progress,
//! and puts the result in the workspace (and in browser storage). Cancelling stops the
//! worker outright; the workspace keeps what it had.

use crate::state::{AtlasState, LoadStatus, LoadTimings};
use crate::storage;
use atlas_core::ingest::Loaded;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, MessageEvent, Worker};

/// The worker's loader script, written by Trunk next to index.html.
const WORKER_SCRIPT: &str = "/ingest-worker_loader.js";

/// The running worker, so that Cancel can stop it, and a spare one started ahead (its
/// wasm takes a tenth of a second or more to start), with whether it has said it is
/// ready. Browser handles are not `Send`, so they live in Leptos's thread-local storage.
#[derive(Clone, Copy)]
pub struct RunningLoad(
    StoredValue<Option<Worker>, LocalStorage>,
    StoredValue<Option<Spare>, LocalStorage>,
);

/// A worker started before it is needed.
struct Spare {
    worker: Worker,
    ready: Rc<Cell<bool>>,
}

impl RunningLoad {
    pub fn new() -> RunningLoad {
        RunningLoad(StoredValue::new_local(None), StoredValue::new_local(None))
    }

    /// Starts a spare worker if there is none, so that the next load need not wait for
    /// one to start.
    pub fn warm_up(&self) {
        if self.1.with_value(Option::is_some) {
            return;
        }
        let Some(worker) = new_worker() else {
            return;
        };
        let ready = Rc::new(Cell::new(false));
        let heard = ready.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let kind = js_sys::Reflect::get(&event.data(), &"kind".into()).ok();
            if kind.and_then(|k| k.as_string()).as_deref() == Some("ready") {
                heard.set(true);
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        self.1.set_value(Some(Spare { worker, ready }));
    }

    /// The spare worker (and whether it is ready), or a new one.
    fn take_worker(&self) -> Option<(Worker, bool)> {
        match self.1.try_update_value(Option::take).flatten() {
            Some(spare) => Some((spare.worker, spare.ready.get())),
            None => new_worker().map(|worker| (worker, false)),
        }
    }

    /// Stops the worker there was (if any) and remembers `worker`.
    fn replace(&self, worker: Option<Worker>) {
        if let Some(old) = self
            .0
            .try_update_value(|slot| std::mem::replace(slot, worker))
            .flatten()
        {
            old.terminate();
        }
    }
}

/// Starts loading `files`. Progress and the outcome arrive in `state.load`.
pub fn start(state: AtlasState, running: RunningLoad, files: Vec<File>) {
    if files.is_empty() {
        return;
    }
    let names: Vec<String> = files.iter().map(File::name).collect();
    let Some((worker, ready)) = running.take_worker() else {
        state.load.set(LoadStatus::Failed(
            "Your browser could not start the file reader.".into(),
        ));
        return;
    };
    let total: f64 = files.iter().map(|f| f.size()).sum();
    state.load.set(LoadStatus::Reading {
        file: names.first().cloned().unwrap_or_default(),
        done: 0.0,
        total: total.max(1.0),
    });

    running.replace(Some(worker.clone()));
    let finished = running;
    let array = js_sys::Array::new();
    for file in &files {
        array.push(file);
    }
    let hand_over = move || {
        let sent = finished
            .0
            .with_value(|worker| worker.as_ref().map(|w| w.post_message(&array).is_ok()));
        if sent != Some(true) {
            state.load.set(LoadStatus::Failed(
                "Your browser could not hand the files to the reader.".into(),
            ));
            finished.replace(None);
        }
    };
    // A spare that started ahead has already said it is ready: hand the files over now.
    if ready {
        hand_over();
    }
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let field =
            |key: &str| js_sys::Reflect::get(&data, &key.into()).unwrap_or(JsValue::UNDEFINED);
        match field("kind").as_string().as_deref() {
            // The worker listens now: hand it the files.
            Some("ready") => hand_over(),
            Some("progress") => state.load.set(LoadStatus::Reading {
                file: field("file").as_string().unwrap_or_default(),
                done: field("done").as_f64().unwrap_or(0.0),
                total: field("total").as_f64().unwrap_or(1.0).max(1.0),
            }),
            Some("done") => {
                let payload = field("payload").as_string().unwrap_or_default();
                let handed = js_sys::Date::now();
                let parsed = serde_json::from_str::<Loaded>(&payload);
                let timings = LoadTimings {
                    reading_ms: field("reading_ms").as_f64().unwrap_or(0.0),
                    parsing_ms: field("parsing_ms").as_f64().unwrap_or(0.0),
                    combining_ms: field("combining_ms").as_f64().unwrap_or(0.0),
                    handing_over_ms: js_sys::Date::now() - handed,
                };
                match parsed {
                    Ok(loaded) => {
                        let usable = !loaded.workspace.practices.is_empty()
                            || !loaded.workspace.series.is_empty();
                        state.reports.set(loaded.reports);
                        if usable {
                            state.workspace.set(Arc::new(loaded.workspace));
                            leptos::task::spawn_local(storage::save(payload));
                            state.load.set(LoadStatus::Loaded(Some(timings)));
                        } else {
                            state.load.set(LoadStatus::Failed(
                                "Nothing in these files could be used; the data shown has not changed. The report below says why.".into(),
                            ));
                        }
                    }
                    Err(_) => state.load.set(LoadStatus::Failed(
                        "The file reader returned something unexpected.".into(),
                    )),
                }
                finished.replace(None);
                finished.warm_up();
            }
            _ => {
                let message = field("message")
                    .as_string()
                    .unwrap_or_else(|| "The file reader stopped.".into());
                state.load.set(LoadStatus::Failed(message));
                finished.replace(None);
                finished.warm_up();
            }
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}

/// A new ingest worker, or `None` when the browser cannot start one.
fn new_worker() -> Option<Worker> {
    let options = web_sys::WorkerOptions::new();
    options.set_name("ingest");
    Worker::new_with_options(WORKER_SCRIPT, &options).ok()
}

/// Stops a load in progress; the workspace is unchanged.
pub fn cancel(state: AtlasState, running: RunningLoad) {
    running.replace(None);
    state.load.set(LoadStatus::Cancelled);
    running.warm_up();
}
