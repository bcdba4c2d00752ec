//! The ingest worker: reads the user's files off the main thread, so the page stays
//! responsive and can show progress and cancel.
//!
//! Protocol (messages are plain JS objects):
//! - out: `{ kind: "ready" }` once the worker listens (its wasm starts asynchronously, so
//!   anything sent before this would be lost).
//! - in:  `{ kind: "load", files, piece, pieces }`: read `files` as one of `pieces`
//!   workers (numbered from 0). A large appointments crosstab is read in pieces, one per
//!   worker (`atlas_core::ingest::pieces`); every other file by worker 0 alone.
//! - out: `{ kind: "progress", file, done }` after every slice (`done`: bytes this worker
//!   has read; the page adds up its workers'), then, from worker 0,
//!   `{ kind: "done", payload, reading_ms, parsing_ms, waiting_ms, combining_ms, parts }` where
//!   `payload` is the JSON of [`atlas_core::ingest::Loaded`] and the times say where the
//!   work went (the browser reading the files; parsing and validating; waiting for the
//!   other workers' pieces; putting pieces together, combining the files and writing the
//!   JSON) and `parts` the most parts any file was read in, or `{ kind: "error", message }`.
//!   Workers 1 and up answer `{ kind: "pieces", piece, payload }` (the JSON of
//!   `[(file index, Piece)]`), which the page hands on to worker 0 as it is.
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
    use atlas_core::ingest::pieces::{self, Piece, Plan};
    use atlas_core::ingest::{self, Loaded, ReadFile};
    use std::cell::RefCell;
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
            let data = event.data();
            let field =
                |key: &str| js_sys::Reflect::get(&data, &key.into()).unwrap_or(JsValue::UNDEFINED);
            match field("kind").as_string().as_deref() {
                Some("load") => {
                    let files: Vec<File> = js_sys::Array::from(&field("files"))
                        .iter()
                        .filter_map(|f| f.dyn_into::<File>().ok())
                        .collect();
                    let piece = field("piece").as_f64().unwrap_or(0.0) as usize;
                    let pieces = field("pieces").as_f64().unwrap_or(1.0).max(1.0) as usize;
                    let outcome = if piece == 0 {
                        begin_load(&scope, files, pieces)
                    } else {
                        read_pieces(&scope, &files, piece, pieces)
                    };
                    if let Err(message) = outcome {
                        fail(&scope, &message);
                    }
                }
                Some("pieces") => {
                    let payload = field("payload").as_string().unwrap_or_default();
                    if let Err(message) = take_pieces(&scope, &payload) {
                        fail(&scope, &message);
                    }
                }
                #[cfg(feature = "risk")]
                Some("risk" | "risk-cohort") => super::risk::handle(&scope, &data),
                _ => fail(
                    &scope,
                    "the file reader was sent something it does not know",
                ),
            }
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        post(&scope, &[("kind", "ready".into())]);
    }

    pub(crate) fn fail(scope: &DedicatedWorkerGlobalScope, message: &str) {
        post(
            scope,
            &[("kind", "error".into()), ("message", message.into())],
        );
    }

    /// What worker 0 has of one file.
    enum Part {
        /// The file, read whole.
        Whole(ReadFile),
        /// How the file is cut, and the pieces in so far.
        Cut(Plan, Vec<Piece>),
    }

    /// A load in worker 0, waiting for the other workers' pieces.
    struct Pending {
        files: Vec<File>,
        /// Each file, in the order of `files`.
        parts: Vec<Part>,
        /// Workers whose pieces are still to come.
        awaited: usize,
        times: Times,
        /// When worker 0 finished its own part.
        own_part_done: f64,
    }

    thread_local! {
        static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
    }

    /// Where a load's time went, in milliseconds, and the bytes this worker has read.
    #[derive(Default)]
    struct Times {
        done_bytes: f64,
        reading_ms: f64,
        parsing_ms: f64,
        waiting_ms: f64,
    }

    /// Worker 0: reads every file that is not cut whole, and its own piece of those that
    /// are; finishes at once when no other worker has a piece to send.
    fn begin_load(
        scope: &DedicatedWorkerGlobalScope,
        files: Vec<File>,
        pieces: usize,
    ) -> Result<(), String> {
        let reader = reader()?;
        let started = js_sys::Date::now();
        let mut times = Times::default();
        let mut parts = Vec::with_capacity(files.len());
        for file in &files {
            parts.push(match plan(&reader, file, pieces) {
                Some(plan) => {
                    let piece = read_piece(scope, &reader, file, &plan, 0, &mut times)?;
                    Part::Cut(plan, vec![piece])
                }
                None => {
                    let stream = slices(scope, &reader, file, 0.0, file.size(), &mut times, 1);
                    Part::Whole(ingest::read_file(&file.name(), stream))
                }
            });
        }
        let now = js_sys::Date::now();
        times.parsing_ms = now - started - times.reading_ms;
        let awaited = if parts.iter().any(|p| matches!(p, Part::Cut(..))) {
            pieces - 1
        } else {
            0
        };
        PENDING.with_borrow_mut(|pending| {
            *pending = Some(Pending {
                files,
                parts,
                awaited,
                times,
                own_part_done: now,
            })
        });
        if awaited == 0 {
            finish(scope)?;
        }
        Ok(())
    }

    /// Worker 0: takes one other worker's pieces; finishes when all are in.
    fn take_pieces(scope: &DedicatedWorkerGlobalScope, payload: &str) -> Result<(), String> {
        let pieces: Vec<(usize, Piece)> = serde_json::from_str(payload)
            .map_err(|e| format!("a file reader's part could not be taken in: {e}"))?;
        let all_in = PENDING.with_borrow_mut(|pending| {
            let Some(pending) = pending.as_mut() else {
                return false;
            };
            for (index, piece) in pieces {
                if let Some(Part::Cut(_, kept)) = pending.parts.get_mut(index) {
                    kept.push(piece);
                }
            }
            pending.awaited = pending.awaited.saturating_sub(1);
            pending.awaited == 0
        });
        if all_in {
            finish(scope)?;
        }
        Ok(())
    }

    /// Worker 0: puts each cut file's pieces together (reading it whole when a cut fell
    /// inside a quoted value), combines the files and hands the result to the page.
    fn finish(scope: &DedicatedWorkerGlobalScope) -> Result<(), String> {
        let Some(mut pending) = PENDING.with_borrow_mut(Option::take) else {
            return Ok(());
        };
        let started = js_sys::Date::now();
        pending.times.waiting_ms = started - pending.own_part_done;
        let mut read = Vec::with_capacity(pending.files.len());
        // The most parts any file was read in (1 when none was cut), for the page to say.
        let mut parts = 1;
        for (file, part) in pending.files.iter().zip(pending.parts) {
            let merged = match part {
                Part::Whole(whole) => whole,
                Part::Cut(plan, pieces) => match pieces::merge(&file.name(), &plan, pieces) {
                    Some(merged) => {
                        parts = parts.max(plan.pieces());
                        merged
                    }
                    None => {
                        let reader = reader()?;
                        let stream = slices(
                            scope,
                            &reader,
                            file,
                            0.0,
                            file.size(),
                            &mut pending.times,
                            1,
                        );
                        ingest::read_file(&file.name(), stream)
                    }
                },
            };
            read.push(merged);
        }
        let loaded: Loaded = ingest::load(read);
        let payload = serde_json::to_string(&loaded)
            .map_err(|e| format!("the result could not be passed back: {e}"))?;
        let t = &pending.times;
        post(
            scope,
            &[
                ("kind", "done".into()),
                ("payload", payload.into()),
                ("reading_ms", t.reading_ms.into()),
                ("parsing_ms", t.parsing_ms.into()),
                ("waiting_ms", t.waiting_ms.into()),
                ("combining_ms", (js_sys::Date::now() - started).into()),
                ("parts", parts.into()),
            ],
        );
        Ok(())
    }

    /// Workers 1 and up: read their piece of every file that is cut and send them all.
    fn read_pieces(
        scope: &DedicatedWorkerGlobalScope,
        files: &[File],
        index: usize,
        pieces: usize,
    ) -> Result<(), String> {
        let reader = reader()?;
        let mut times = Times::default();
        let mut read = Vec::new();
        for (i, file) in files.iter().enumerate() {
            if let Some(plan) = plan(&reader, file, pieces) {
                read.push((
                    i,
                    read_piece(scope, &reader, file, &plan, index, &mut times)?,
                ));
            }
        }
        let payload = serde_json::to_string(&read)
            .map_err(|e| format!("a file reader's part could not be passed on: {e}"))?;
        post(
            scope,
            &[
                ("kind", "pieces".into()),
                ("piece", index.into()),
                ("payload", payload.into()),
            ],
        );
        Ok(())
    }

    fn reader() -> Result<FileReaderSync, String> {
        FileReaderSync::new().map_err(|_| "this browser cannot read files in a worker".to_string())
    }

    /// How `file` is cut among `pieces` workers, when it is (the same in every worker).
    fn plan(reader: &FileReaderSync, file: &File, pieces: usize) -> Option<Plan> {
        let read_at = |offset: u64, length: usize| -> Option<Vec<u8>> {
            let end = (offset as f64 + length as f64).min(file.size());
            let slice = file.slice_with_f64_and_f64(offset as f64, end).ok()?;
            let bytes = reader.read_as_array_buffer(&slice).ok()?;
            Some(js_sys::Uint8Array::new(&bytes).to_vec())
        };
        let head = read_at(0, pieces::CUT_WINDOW_BYTES)?;
        pieces::plan(&head, file.size() as u64, pieces, read_at)
    }

    /// Reads piece `index` of `file`.
    fn read_piece(
        scope: &DedicatedWorkerGlobalScope,
        reader: &FileReaderSync,
        file: &File,
        plan: &Plan,
        index: usize,
        times: &mut Times,
    ) -> Result<Piece, String> {
        let (from, to) = plan.range(index);
        let workers = plan.pieces();
        let stream = slices(scope, reader, file, from as f64, to as f64, times, workers);
        Ok(pieces::read_piece(plan, index, stream))
    }

    /// Bytes `from..to` of `file` as a buffered stream that reports progress.
    fn slices<'a>(
        scope: &'a DedicatedWorkerGlobalScope,
        reader: &'a FileReaderSync,
        file: &'a File,
        from: f64,
        to: f64,
        times: &'a mut Times,
        workers: usize,
    ) -> impl Read + 'a {
        let name = file.name();
        let done_before = times.done_bytes;
        times.done_bytes += to - from;
        let stream = BlobStream {
            file,
            reader,
            offset: from,
            end: to,
            reading_ms: &mut times.reading_ms,
            on_chunk: Box::new(move |offset| {
                post(
                    scope,
                    &[
                        ("kind", "progress".into()),
                        ("file", name.as_str().into()),
                        ("done", (done_before + offset - from).into()),
                    ],
                )
            }),
        };
        std::io::BufReader::with_capacity(buffer_bytes(to - from, workers), stream)
    }

    /// How much of a file to ask the browser for at a time: every request has a fixed
    /// cost, so large files are read in large slices, small ones in one. When `workers`
    /// read at once, each takes smaller slices, so that the slices held at once stay
    /// near [`CHUNK`] in all.
    pub(crate) fn buffer_bytes(bytes: f64, workers: usize) -> usize {
        let most = (CHUNK / workers.max(1)).max(16 * 1024 * 1024);
        (bytes as usize).clamp(64 * 1024, most)
    }

    /// Bytes `offset..end` of a `File` as a byte stream, read slice by slice with
    /// `FileReaderSync`.
    pub(crate) struct BlobStream<'a> {
        pub(crate) file: &'a File,
        pub(crate) reader: &'a FileReaderSync,
        pub(crate) offset: f64,
        pub(crate) end: f64,
        /// Time spent waiting for the browser to hand over slices, added to.
        pub(crate) reading_ms: &'a mut f64,
        pub(crate) on_chunk: Box<dyn FnMut(f64) + 'a>,
    }

    impl Read for BlobStream<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.offset >= self.end || buf.is_empty() {
                return Ok(0);
            }
            let asked = js_sys::Date::now();
            let end = (self.offset + buf.len() as f64).min(self.end);
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
    use super::worker::{buffer_bytes, fail, post, BlobStream};
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
        let (mut parse_ms, mut score_ms, mut reading_ms) = (0.0, 0.0, 0.0);
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
                Ok((parse, score, reading)) => {
                    (parse_ms, score_ms, reading_ms) = (parse, score, reading)
                }
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
                    // Of `parse_ms`, the browser handing over the file's slices.
                    ("reading_ms", reading_ms.into()),
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
    /// parsing, then scoring, and of the first the browser handing over slices; on failure
    /// tells the page and returns Err.
    fn read(
        scope: &DedicatedWorkerGlobalScope,
        file: &File,
        accept: bool,
        workspace: Option<Workspace>,
    ) -> Result<(f64, f64, f64), ()> {
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
            end: total,
            reading_ms: &mut reading_ms,
            on_chunk: Box::new(|done| {
                post(
                    scope,
                    &[
                        ("kind", "progress".into()),
                        ("file", name.as_str().into()),
                        ("done", done.into()),
                        ("total", total.into()),
                    ],
                )
            }),
        };
        let (table, report) = read_patients(
            &name,
            std::io::BufReader::with_capacity(buffer_bytes(total, 1), stream),
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
                Ok((parsed - started, scored - parsed, reading_ms))
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
}
