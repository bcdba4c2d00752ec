//! Loading the user's files: hands them to the ingest worker, follows its progress,
//! and puts the result in the workspace (and in browser storage). A large file is read
//! by several workers at once. Cancelling stops the workers outright; the workspace keeps
//! what it had. [`restore`] puts back the workspace browser storage kept.

use crate::state::{AtlasState, LoadStatus, LoadTimings};
use crate::storage;
use atlas_app::protocol::{self, attach, FromWorker, LoadWork, ToWorker, WORKER_SCRIPT};
use atlas_core::ingest::pieces::SPLIT_AT_BYTES;
use atlas_core::ingest::Loaded;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, MessageEvent, Worker};

/// Said when the browser would not pass a message to a worker.
const HAND_OVER_FAILED: &str = "Your browser could not hand the files to the reader.";

/// At most this many workers read one large file at once.
const MAX_WORKERS: usize = 4;

/// The running workers (worker 0 first), so that Cancel can stop them, and spare ones
/// started ahead (a worker's wasm takes a tenth of a second or more to start), each with
/// whether it has said it is ready. Browser handles are not `Send`, so they live in
/// Leptos's thread-local storage.
#[derive(Clone, Copy)]
pub struct RunningLoad(
    StoredValue<Vec<Worker>, LocalStorage>,
    StoredValue<Vec<Spare>, LocalStorage>,
    /// How many workers read a large file, when not one per core (`/data?workers=N`).
    StoredValue<Option<usize>>,
);

/// A worker started before it is needed.
struct Spare {
    worker: Worker,
    ready: Rc<Cell<bool>>,
}

impl RunningLoad {
    pub fn new() -> RunningLoad {
        RunningLoad(
            StoredValue::new_local(Vec::new()),
            StoredValue::new_local(Vec::new()),
            StoredValue::new(None),
        )
    }

    /// Reads large files with `workers` workers (1 to 8) rather than one per core: for
    /// benchmarks, and for anyone who wants to try.
    pub fn set_workers(&self, workers: Option<usize>) {
        self.2.set_value(workers.map(|n| n.clamp(1, 8)));
    }

    /// How many workers read a large file.
    fn workers(&self) -> usize {
        self.2.get_value().unwrap_or_else(cores)
    }

    /// Starts spare workers, one per core up to [`MAX_WORKERS`], so that the next load
    /// need not wait for them to start.
    pub fn warm_up(&self) {
        let wanted = self.workers();
        while self.1.with_value(Vec::len) < wanted {
            let Some(worker) = new_worker() else {
                return;
            };
            let ready = Rc::new(Cell::new(false));
            let heard = ready.clone();
            let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                if protocol::decode::<FromWorker>(&event.data()) == Ok(FromWorker::Ready) {
                    heard.set(true);
                }
            });
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            on_message.forget();
            self.1
                .update_value(|spares| spares.push(Spare { worker, ready }));
        }
    }

    /// A spare worker (and whether it is ready), or a new one.
    fn take_worker(&self) -> Option<(Worker, bool)> {
        match self.1.try_update_value(Vec::pop).flatten() {
            Some(spare) => Some((spare.worker, spare.ready.get())),
            None => new_worker().map(|worker| (worker, false)),
        }
    }

    /// Stops this load's workers and starts spares for the next.
    fn end(&self) {
        self.replace(Vec::new());
        self.warm_up();
    }

    /// Stops the workers there were and remembers `workers`.
    fn replace(&self, workers: Vec<Worker>) {
        let old = self
            .0
            .try_update_value(|slot| std::mem::replace(slot, workers))
            .unwrap_or_default();
        for worker in old {
            worker.terminate();
        }
    }
}

/// The cores the browser says it has, up to [`MAX_WORKERS`].
pub(crate) fn cores() -> usize {
    let reported = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .unwrap_or(1.0);
    (reported as usize).clamp(1, MAX_WORKERS)
}

/// Starts loading `files`. Progress and the outcome arrive in `state.load`. Files large
/// enough to be worth cutting are read by one worker per core at once
/// (`atlas_core::ingest::pieces`); worker 0 puts the pieces together.
pub fn start(state: AtlasState, running: RunningLoad, files: Vec<File>) {
    if files.is_empty() {
        return;
    }
    // Beyond the limits, said before a byte is read; what is loaded stays.
    let sizes: Vec<(String, u64)> = files.iter().map(|f| (f.name(), f.size() as u64)).collect();
    if let Err(reason) = atlas_core::ingest::limits::check_files(&sizes) {
        state.load.set(LoadStatus::Failed(reason));
        return;
    }
    let started = js_sys::Date::now();
    let names: Vec<String> = files.iter().map(File::name).collect();
    let total: f64 = files.iter().map(|f| f.size()).sum();
    let largest = files.iter().map(|f| f.size()).fold(0.0, f64::max);
    let count = if largest >= SPLIT_AT_BYTES as f64 {
        running.workers()
    } else {
        1
    };
    let Some(workers) = (0..count)
        .map(|_| running.take_worker())
        .collect::<Option<Vec<_>>>()
    else {
        state.load.set(LoadStatus::Failed(
            "Your browser could not start the file reader.".into(),
        ));
        return;
    };
    state.load.set(LoadStatus::Reading {
        file: names.first().cloned().unwrap_or_default(),
        done: 0.0,
        total: total.max(1.0),
    });
    running.replace(workers.iter().map(|(w, _)| w.clone()).collect());
    let first = workers[0].0.clone();
    // Other workers' pieces that arrive before worker 0 has its files (it may still be
    // starting, and would lose them): held here until it has.
    let held: Rc<RefCell<Option<Vec<JsValue>>>> = Rc::new(RefCell::new(Some(Vec::new())));
    let done_by = Rc::new(RefCell::new(vec![0.0; count]));
    let array = js_sys::Array::new();
    for file in &files {
        array.push(file);
    }
    for (piece, (worker, ready)) in workers.into_iter().enumerate() {
        let message = protocol::encode(
            &ToWorker::Load {
                piece,
                pieces: count,
            },
            &[(attach::FILES, &array.clone().into())],
        );
        let sender = worker.clone();
        let held_here = Rc::clone(&held);
        let hand_over = move || {
            let mut sent = sender.post_message(&message).is_ok();
            if piece == 0 {
                for pieces in held_here.borrow_mut().take().unwrap_or_default() {
                    sent &= sender.post_message(&pieces).is_ok();
                }
            }
            if !sent {
                state.load.set(LoadStatus::Failed(HAND_OVER_FAILED.into()));
                running.end();
            }
        };
        // A spare that started ahead has already said it is ready: hand the files over now.
        if ready {
            hand_over();
        }
        let first = first.clone();
        let held = Rc::clone(&held);
        let done_by = Rc::clone(&done_by);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            let payload = || protocol::beside(&data, attach::PAYLOAD);
            match protocol::decode::<FromWorker>(&data) {
                // The worker listens now: hand it the files.
                Ok(FromWorker::Ready) => hand_over(),
                Ok(FromWorker::Progress { done, file, .. }) => {
                    done_by.borrow_mut()[piece] = done;
                    let done: f64 = done_by.borrow().iter().sum();
                    state.load.set(LoadStatus::Reading {
                        file: file.unwrap_or_default(),
                        done: done.min(total),
                        total: total.max(1.0),
                    });
                }
                // Another worker's pieces, for worker 0 to put together.
                Ok(FromWorker::Pieces { piece }) => {
                    let pieces = protocol::encode(
                        &ToWorker::Pieces { piece },
                        &[(attach::PAYLOAD, &payload())],
                    );
                    if let Some(waiting) = held.borrow_mut().as_mut() {
                        waiting.push(pieces.into());
                    } else if first.post_message(&pieces).is_err() {
                        state.load.set(LoadStatus::Failed(HAND_OVER_FAILED.into()));
                        running.end();
                    }
                }
                Ok(FromWorker::Done(work)) => {
                    let payload = payload().as_string().unwrap_or_default();
                    finished(state, payload, work, started, count);
                    running.end();
                }
                Ok(FromWorker::Error { message }) => {
                    state.load.set(LoadStatus::Failed(message));
                    running.end();
                }
                Ok(other) => {
                    let message = format!("The file reader answered out of turn: {other:?}.");
                    state.load.set(LoadStatus::Failed(message));
                    running.end();
                }
                Err(message) => {
                    state.load.set(LoadStatus::Failed(format!(
                        "The file reader sent {message}."
                    )));
                    running.end();
                }
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        // A worker that fails outright (out of memory, a crash) sends no message: without
        // this the page would wait for ever.
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            state.load.set(LoadStatus::Failed(
                "The file reader stopped unexpectedly (the browser may have run out of memory). The data shown has not changed.".into(),
            ));
            running.end();
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
    }
}

/// Takes worker 0's result into the workspace (and browser storage).
fn finished(state: AtlasState, payload: String, work: LoadWork, started: f64, workers: usize) {
    let handed = js_sys::Date::now();
    let parsed = serde_json::from_str::<Loaded>(&payload);
    let now = js_sys::Date::now();
    let timings = LoadTimings {
        total_ms: now - started,
        workers,
        parts: work.parts.max(1),
        reading_ms: work.reading_ms,
        parsing_ms: work.parsing_ms,
        waiting_ms: work.waiting_ms,
        combining_ms: work.combining_ms,
        handing_over_ms: now - handed,
    };
    match parsed {
        Ok(loaded) => {
            let usable =
                !loaded.workspace.practices.is_empty() || !loaded.workspace.series.is_empty();
            // A patient-level file's report quotes its values: those are never stored.
            let stored = match loaded.for_storage() {
                Some(keepable) => serde_json::to_string(&keepable).ok(),
                None => Some(payload),
            };
            let only_patients = loaded.only_patient_files();
            state.reports.set(loaded.reports);
            if usable {
                state.whole.set(Arc::new(loaded.workspace));
                if let Some(json) = stored {
                    leptos::task::spawn_local(async move {
                        let kept = storage::save(json).await;
                        state.kept.set(kept);
                    });
                }
                state.load.set(LoadStatus::Loaded(Some(timings)));
            } else if only_patients {
                state.load.set(LoadStatus::PatientFilesChecked);
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
}

/// A new ingest worker, or `None` when the browser cannot start one.
fn new_worker() -> Option<Worker> {
    let options = web_sys::WorkerOptions::new();
    options.set_name("ingest");
    Worker::new_with_options(WORKER_SCRIPT, &options).ok()
}

/// Stops a load in progress; the workspace is unchanged.
pub fn cancel(state: AtlasState, running: RunningLoad) {
    running.end();
    state.load.set(LoadStatus::Cancelled);
}

/// Puts back the workspace the user loaded before, if this browser kept one. `asked`:
/// the user asked for it (rather than the app starting), so say when it is not there.
pub fn restore(state: AtlasState, running: RunningLoad, asked: bool) {
    if asked {
        running.end();
    }
    state.load.set(LoadStatus::Restoring);
    leptos::task::spawn_local(async move {
        let saved = storage::load().await;
        // A load the user started meanwhile wins over the saved workspace.
        if state.load.get_untracked() != LoadStatus::Restoring {
            return;
        }
        let not_restored = |message: &str| {
            state.kept.set(false);
            state.load.set(if asked || !message.is_empty() {
                LoadStatus::Failed(if message.is_empty() {
                    "Your data is no longer kept in this browser (it may have been cleared in another tab, or by the browser): load your files again.".into()
                } else {
                    message.into()
                })
            } else {
                LoadStatus::Idle
            });
        };
        match saved {
            storage::Restored::Kept(loaded) => {
                let loaded = *loaded;
                state.whole.set(Arc::new(loaded.workspace));
                state.reports.set(loaded.reports);
                state.kept.set(true);
                state.load.set(LoadStatus::Loaded(None));
            }
            storage::Restored::Nothing => not_restored(""),
            storage::Restored::Stale => not_restored("The data kept in this browser was saved by an earlier version of the atlas in a form this version cannot read, so it has been removed: load your files again."),
            // At start, with storage off, there may never have been data: say nothing.
            storage::Restored::Unavailable if asked => not_restored("This browser's storage could not be read, so your data was not restored (private browsing, or storage turned off, can do this): load your files again."),
            storage::Restored::Unavailable => not_restored(""),
        }
    });
}
