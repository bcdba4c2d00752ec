//! The Risk page's workers: the scorer, which reads and scores a patient file and keeps
//! it (never the page, never storage), and helpers that read the other parts of a large
//! file and send them straight to the scorer on a `MessageChannel` of their own. They
//! speak `atlas_app::protocol`; what they answer arrives as [`Answer`]s.

use atlas_app::protocol::{self, attach, FromWorker, RiskWork, Structure, ToWorker, WORKER_SCRIPT};
use atlas_core::ingest::pieces::SPLIT_AT_BYTES;
use atlas_core::ingest::FileReport;
use atlas_core::risk::cohort::CohortRule;
use atlas_core::risk::view::RiskView;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, MessageChannel, MessageEvent, Worker, WorkerOptions};

/// What the workers say, for the page to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Bytes read of part `piece`, of a file of `total` bytes.
    Progress {
        piece: usize,
        done: f64,
        total: f64,
    },
    Scored(Box<RiskView>, RiskWork),
    /// Columns are missing: the words name them.
    Missing(String),
    Refused(Box<FileReport>),
    Failed(String),
}

/// One worker and the message waiting for it to be ready.
#[derive(Clone, Copy)]
struct PageWorker {
    worker: StoredValue<Option<Worker>, LocalStorage>,
    ready: StoredValue<bool>,
    pending: StoredValue<Option<(js_sys::Object, js_sys::Array)>, LocalStorage>,
}

impl PageWorker {
    /// Starts a worker whose messages (other than "ready") go to `on_message`; `None`
    /// when the browser would not start it.
    fn start(
        name: &str,
        on_message: impl Fn(FromWorker, &JsValue) + 'static,
    ) -> Option<PageWorker> {
        let options = WorkerOptions::new();
        options.set_name(name);
        let worker = Worker::new_with_options(WORKER_SCRIPT, &options).ok()?;
        let this = PageWorker {
            worker: StoredValue::new_local(None),
            ready: StoredValue::new(false),
            pending: StoredValue::new_local(None),
        };
        let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            match protocol::decode::<FromWorker>(&data) {
                Ok(FromWorker::Ready) => {
                    this.ready.set_value(true);
                    if let Some((message, transfer)) =
                        this.pending.try_update_value(Option::take).flatten()
                    {
                        this.send(message, transfer);
                    }
                }
                Ok(message) => on_message(message, &data),
                Err(error) => on_message(
                    FromWorker::Error {
                        message: format!("The scorer sent {error}."),
                    },
                    &data,
                ),
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

/// The scorer and its helpers, for as long as the page that started them.
#[derive(Clone, Copy)]
pub struct Scorer {
    scorer: Option<PageWorker>,
    helpers: StoredValue<Vec<PageWorker>, LocalStorage>,
}

impl Scorer {
    /// Starts the scorer and `workers - 1` helpers (started now, so that they are ready
    /// when a file is chosen); every answer goes to `answer`. They end with the page.
    pub fn start(workers: usize, answer: impl Fn(Answer) + Copy + 'static) -> Scorer {
        let scorer = PageWorker::start("risk", move |message, data| {
            answer(scorer_answer(message, data))
        });
        let helpers: Vec<PageWorker> = (1..workers)
            .filter_map(|k| {
                PageWorker::start(&format!("risk-part-{k}"), move |message, _| {
                    answer(match message {
                        FromWorker::Progress { .. } => scorer_answer(message, &JsValue::NULL),
                        FromWorker::Error { message } => Answer::Failed(message),
                        other => Answer::Failed(format!(
                            "A file reader answered out of turn: {other:?}."
                        )),
                    })
                })
            })
            .collect();
        let this = Scorer {
            scorer,
            helpers: StoredValue::new_local(helpers),
        };
        on_cleanup(move || {
            if let Some(scorer) = this.scorer {
                scorer.terminate();
            }
            this.helpers
                .with_value(|helpers| helpers.iter().for_each(PageWorker::terminate));
        });
        this
    }

    /// Whether the browser started the scorer.
    pub fn started(&self) -> bool {
        self.scorer.is_some()
    }

    /// Reads and scores `file`. A large file is read in parts: each helper gets a part
    /// and a port straight to the scorer, which puts the parts together (the scorer
    /// decides whether the file is cut; the helpers decide the same from the same bytes).
    pub fn score(&self, file: File, request: ToWorker) {
        let Some(scorer) = self.scorer else {
            return;
        };
        let ports = js_sys::Array::new();
        if file.size() >= SPLIT_AT_BYTES as f64 {
            self.helpers.with_value(|helpers| {
                for (k, helper) in helpers.iter().enumerate() {
                    let Ok(channel) = MessageChannel::new() else {
                        continue;
                    };
                    ports.push(&channel.port1());
                    let port: JsValue = channel.port2().into();
                    let piece = ToWorker::RiskPiece {
                        piece: k + 1,
                        pieces: helpers.len() + 1,
                    };
                    let message = protocol::encode(
                        &piece,
                        &[(attach::FILE, &file.clone().into()), (attach::PORT, &port)],
                    );
                    helper.send(message, js_sys::Array::of1(&port));
                }
            });
        }
        let message = protocol::encode(
            &request,
            &[
                (attach::FILE, &file.into()),
                (attach::PORTS, &ports.clone().into()),
            ],
        );
        scorer.send(message, ports);
    }

    /// Rebuilds the cohort from the file the scorer keeps.
    pub fn recohort(&self, top: f64, rule: CohortRule) {
        if let Some(scorer) = self.scorer {
            let message = protocol::encode(&ToWorker::RiskCohort { top, rule }, &[]);
            scorer.send(message, js_sys::Array::new());
        }
    }
}

/// The request to score a file, with the page's practices and PCNs.
pub fn request(top: f64, rule: CohortRule, accept_missing: bool, structure: Structure) -> ToWorker {
    ToWorker::Risk {
        top,
        rule,
        accept_missing,
        structure,
    }
}

fn scorer_answer(message: FromWorker, data: &JsValue) -> Answer {
    let payload = || {
        protocol::beside(data, attach::PAYLOAD)
            .as_string()
            .unwrap_or_default()
    };
    match message {
        FromWorker::Progress {
            done, piece, total, ..
        } => Answer::Progress {
            piece: piece.unwrap_or(0),
            done,
            total: total.unwrap_or(0.0),
        },
        FromWorker::Risk(work) => match serde_json::from_str::<RiskView>(&payload()) {
            Ok(view) => Answer::Scored(Box::new(view), work),
            Err(_) => Answer::Failed("The scorer returned something unexpected.".into()),
        },
        FromWorker::RiskRefused => match serde_json::from_str::<FileReport>(&payload()) {
            Ok(report) => Answer::Refused(Box::new(report)),
            Err(_) => Answer::Failed("The file could not be used.".into()),
        },
        FromWorker::RiskMissing { message } => Answer::Missing(message),
        FromWorker::Error { message } => Answer::Failed(message),
        other => Answer::Failed(format!("The scorer answered out of turn: {other:?}.")),
    }
}
