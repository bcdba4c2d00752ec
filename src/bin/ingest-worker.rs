//! The ingest worker: reads the user's files off the main thread, so the page stays
//! responsive and can show progress and cancel.
//!
//! Protocol (messages are plain JS objects):
//! - out: `{ kind: "ready" }` once the worker listens (its wasm starts asynchronously, so
//!   anything sent before this would be lost).
//! - in:  an array of `File`s.
//! - out: `{ kind: "progress", file, done, total }` after every chunk (bytes of all files),
//!   then `{ kind: "done", payload, reading_ms, parsing_ms, combining_ms }` where
//!   `payload` is the JSON of [`atlas_core::ingest::Loaded`] and the times say where the
//!   work went (the browser reading the file; parsing and validating; combining the
//!   files and writing the JSON), or `{ kind: "error", message }`.
//!
//! With the `risk` feature it also scores a patient-level file for the Risk page:
//! - in:  `{ kind: "risk", file, top, rule, accept_missing, structure }` reads and scores
//!   the file and keeps it here (never in the page, never in storage);
//!   `{ kind: "risk-cohort", top, rule }` rebuilds the cohort from what is kept.
//! - out: `{ kind: "risk", payload }` (the JSON of `atlas_core::risk::view::RiskView`), or
//!   `{ kind: "risk-refused", payload }` (the JSON of the file's report), or
//!   `{ kind: "error", message }` (including missing columns not yet accepted).
//!
//! Files are read with `FileReaderSync` in slices of up to 64 MB straight into the streaming
//! reader: a file is never copied whole across the JS/WASM boundary.

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ingest-worker runs only as a Web Worker in the browser");
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use atlas_core::ingest::{self, Loaded};
    use std::io::Read;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

    /// The largest slice read at once: in Chromium, 64 MB slices read a 395 MB file in
    /// about 0.65 s where 4 MB slices took 1.3 s (tests/bench/browser.mjs).
    const CHUNK: usize = 64 * 1024 * 1024;

    pub fn start() {
        console_error_panic_hook::set_once();
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
            #[cfg(feature = "risk")]
            if !js_sys::Array::is_array(&event.data()) {
                super::risk::handle(&scope, &event.data());
                return;
            }
            let files: Vec<File> = js_sys::Array::from(&event.data())
                .iter()
                .filter_map(|f| f.dyn_into::<File>().ok())
                .collect();
            match load(&scope, &files) {
                Ok((payload, times)) => post(
                    &scope,
                    &[
                        ("kind", "done".into()),
                        ("payload", payload.into()),
                        ("reading_ms", times.reading_ms.into()),
                        ("parsing_ms", times.parsing_ms.into()),
                        ("combining_ms", times.combining_ms.into()),
                    ],
                ),
                Err(message) => post(
                    &scope,
                    &[("kind", "error".into()), ("message", message.into())],
                ),
            }
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        post(&scope, &[("kind", "ready".into())]);
    }

    /// Where a load's time went, in milliseconds.
    struct Times {
        reading_ms: f64,
        parsing_ms: f64,
        combining_ms: f64,
    }

    fn load(scope: &DedicatedWorkerGlobalScope, files: &[File]) -> Result<(String, Times), String> {
        let reader = FileReaderSync::new()
            .map_err(|_| "this browser cannot read files in a worker".to_string())?;
        let total: f64 = files.iter().map(|f| f.size()).sum();
        let mut done_before = 0.0;
        let mut reading_ms = 0.0;
        let started = js_sys::Date::now();
        let mut read = Vec::with_capacity(files.len());
        for file in files {
            let name = file.name();
            let stream = BlobStream {
                file,
                reader: &reader,
                offset: 0.0,
                reading_ms: &mut reading_ms,
                on_chunk: &mut |offset| {
                    post(
                        scope,
                        &[
                            ("kind", "progress".into()),
                            ("file", name.as_str().into()),
                            ("done", (done_before + offset).into()),
                            ("total", total.into()),
                        ],
                    )
                },
            };
            read.push(ingest::read_file(
                &name,
                std::io::BufReader::with_capacity(buffer_bytes(file), stream),
            ));
            done_before += file.size();
        }
        let parsed = js_sys::Date::now();
        let loaded: Loaded = ingest::load(read);
        let payload = serde_json::to_string(&loaded)
            .map_err(|e| format!("the result could not be passed back: {e}"))?;
        let times = Times {
            reading_ms,
            parsing_ms: parsed - started - reading_ms,
            combining_ms: js_sys::Date::now() - parsed,
        };
        Ok((payload, times))
    }

    /// How much of a file to ask the browser for at a time: every request has a fixed
    /// cost, so large files are read in large slices, small ones in one.
    pub(crate) fn buffer_bytes(file: &File) -> usize {
        (file.size() as usize).clamp(64 * 1024, CHUNK)
    }

    /// A `File` as a byte stream, read slice by slice with `FileReaderSync`.
    pub(crate) struct BlobStream<'a> {
        pub(crate) file: &'a File,
        pub(crate) reader: &'a FileReaderSync,
        pub(crate) offset: f64,
        /// Time spent waiting for the browser to hand over slices, added to.
        pub(crate) reading_ms: &'a mut f64,
        pub(crate) on_chunk: &'a mut dyn FnMut(f64),
    }

    impl Read for BlobStream<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let size = self.file.size();
            if self.offset >= size || buf.is_empty() {
                return Ok(0);
            }
            let asked = js_sys::Date::now();
            let end = (self.offset + buf.len() as f64).min(size);
            let bytes = self
                .file
                .slice_with_f64_and_f64(self.offset, end)
                .and_then(|slice| self.reader.read_as_array_buffer(&slice))
                .map_err(|_| {
                    std::io::Error::other("the browser could not read this part of the file")
                })?;
            let array = js_sys::Uint8Array::new(&bytes);
            let n = array.length() as usize;
            array.copy_to(&mut buf[..n]);
            self.offset += n as f64;
            *self.reading_ms += js_sys::Date::now() - asked;
            (self.on_chunk)(self.offset);
            Ok(n)
        }
    }

    pub(crate) fn post(scope: &DedicatedWorkerGlobalScope, fields: &[(&str, JsValue)]) {
        let message = js_sys::Object::new();
        for (key, value) in fields {
            let _ = js_sys::Reflect::set(&message, &(*key).into(), value);
        }
        let _ = scope.post_message(&message);
    }
}

/// Patient-level scoring for the Risk page. The patients stay in this worker's memory.
#[cfg(all(target_arch = "wasm32", feature = "risk"))]
mod risk {
    use super::worker::{buffer_bytes, post, BlobStream};
    use atlas_core::ingest::FileReport;
    use atlas_core::model::{DataSource, Pcn, Practice, Workspace};
    use atlas_core::risk::cohort::{
        score_patients, CohortRule, MissingColumns, Scores, TopPercent,
    };
    use atlas_core::risk::patients::{read_patients, PatientTable};
    use atlas_core::risk::view::risk_view;
    use std::cell::RefCell;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync};

    /// The scored file, kept so that moving the slider does not read it again.
    struct Kept {
        table: PatientTable,
        report: FileReport,
        scores: Scores,
        workspace: Option<Workspace>,
    }

    thread_local! {
        static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
    }

    /// The practices and PCNs the page knows, so rates can be given by PCN.
    #[derive(serde::Deserialize)]
    struct Structure {
        pcns: Vec<Pcn>,
        practices: Vec<Practice>,
    }

    fn rule(name: Option<String>) -> CohortRule {
        match name.as_deref() {
            Some("frail") => CohortRule::ModerateOrSevereFrailty,
            Some("either") => CohortRule::Either,
            Some("both") => CohortRule::Both,
            _ => CohortRule::TopCms,
        }
    }

    pub fn handle(scope: &DedicatedWorkerGlobalScope, data: &JsValue) {
        let field =
            |key: &str| js_sys::Reflect::get(data, &key.into()).unwrap_or(JsValue::UNDEFINED);
        let top = match TopPercent::new(field("top").as_f64().unwrap_or(3.0)) {
            Ok(top) => top,
            Err(error) => return fail(scope, &error.to_string()),
        };
        let rule = rule(field("rule").as_string());
        let (mut parse_ms, mut score_ms) = (0.0, 0.0);
        if field("kind").as_string().as_deref() == Some("risk") {
            let Ok(file) = field("file").dyn_into::<File>() else {
                return fail(scope, "no file was given");
            };
            let accept = field("accept_missing").as_bool().unwrap_or(false);
            let workspace = field("structure")
                .as_string()
                .and_then(|json| serde_json::from_str::<Structure>(&json).ok())
                .map(|s| Workspace {
                    place: "All patients in the file".to_string(),
                    stated_population: None,
                    pcns: s.pcns,
                    practices: s.practices,
                    indicators: Vec::new(),
                    series: Vec::new(),
                    targets: Vec::new(),
                    source: DataSource::Uploaded { files: Vec::new() },
                    illustrative: false,
                });
            match read(scope, &file, accept, workspace) {
                Ok((parse, score)) => (parse_ms, score_ms) = (parse, score),
                Err(()) => return,
            }
        }
        let scoring_started = js_sys::Date::now();
        let view = KEPT.with_borrow(|kept| {
            kept.as_ref().map(|k| {
                risk_view(
                    &k.table,
                    &k.report,
                    &k.scores,
                    top,
                    rule,
                    k.workspace.as_ref(),
                )
            })
        });
        match view.map(|v| serde_json::to_string(&v)) {
            Some(Ok(json)) => post(
                scope,
                &[
                    ("kind", "risk".into()),
                    ("payload", json.into()),
                    // Reading and parsing, scoring (both 0 when only the cohort changed),
                    // then the cohort and its summary; shown on the page, read by benchmarks.
                    ("parse_ms", parse_ms.into()),
                    ("score_ms", score_ms.into()),
                    ("cohort_ms", (js_sys::Date::now() - scoring_started).into()),
                ],
            ),
            Some(Err(error)) => fail(
                scope,
                &format!("the result could not be passed back: {error}"),
            ),
            None => fail(scope, "choose a patient file first"),
        }
    }

    /// Reads and scores `file`, keeping it, and returns the milliseconds spent reading and
    /// parsing, then scoring; on failure tells the page and returns Err.
    fn read(
        scope: &DedicatedWorkerGlobalScope,
        file: &File,
        accept: bool,
        workspace: Option<Workspace>,
    ) -> Result<(f64, f64), ()> {
        KEPT.with_borrow_mut(|kept| *kept = None);
        let started = js_sys::Date::now();
        let Ok(reader) = FileReaderSync::new() else {
            fail(scope, "this browser cannot read files in a worker");
            return Err(());
        };
        let total = file.size();
        let name = file.name();
        let mut reading_ms = 0.0;
        let stream = BlobStream {
            file,
            reader: &reader,
            offset: 0.0,
            reading_ms: &mut reading_ms,
            on_chunk: &mut |done| {
                post(
                    scope,
                    &[
                        ("kind", "progress".into()),
                        ("file", name.as_str().into()),
                        ("done", done.into()),
                        ("total", total.into()),
                    ],
                )
            },
        };
        let (table, report) = read_patients(
            &name,
            std::io::BufReader::with_capacity(buffer_bytes(file), stream),
        );
        let parsed = js_sys::Date::now();
        if report.refused() {
            let json = serde_json::to_string(&report).unwrap_or_default();
            post(
                scope,
                &[("kind", "risk-refused".into()), ("payload", json.into())],
            );
            return Err(());
        }
        let missing = if accept {
            MissingColumns::Accept
        } else {
            MissingColumns::Refuse
        };
        match score_patients(&table, missing) {
            Ok(scores) => {
                let scored = js_sys::Date::now();
                KEPT.with_borrow_mut(|kept| {
                    *kept = Some(Kept {
                        table,
                        report,
                        scores,
                        workspace,
                    })
                });
                Ok((parsed - started, scored - parsed))
            }
            Err(error) => {
                post(
                    scope,
                    &[
                        ("kind", "risk-missing".into()),
                        ("message", error.to_string().into()),
                    ],
                );
                Err(())
            }
        }
    }

    fn fail(scope: &DedicatedWorkerGlobalScope, message: &str) {
        post(
            scope,
            &[("kind", "error".into()), ("message", message.into())],
        );
    }
}
