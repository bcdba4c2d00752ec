//! The ingest worker: reads the user's files off the main thread, so the page stays
//! responsive and can show progress and cancel.
//!
//! The messages in and out are `atlas_app::protocol`'s: worker 0 of a load reads every
//! file and its own piece of a large appointments crosstab (`atlas_core::ingest::pieces`),
//! workers 1 and up read their pieces and answer with them, which the page hands on to
//! worker 0; with the `risk` feature a worker also scores a patient-level file for the
//! Risk page and keeps it here (never in the page, never in storage), helped by workers
//! that read the other parts of a large one and send them straight here on a
//! `MessagePort` of their own.
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
    use atlas_app::protocol::{self, attach, FromWorker, LoadWork, ToWorker};
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
            match protocol::decode::<ToWorker>(&data) {
                Ok(ToWorker::Load { piece, pieces }) => {
                    let files: Vec<File> =
                        js_sys::Array::from(&protocol::beside(&data, attach::FILES))
                            .iter()
                            .filter_map(|f| f.dyn_into::<File>().ok())
                            .collect();
                    let pieces = pieces.max(1);
                    let outcome = if piece == 0 {
                        begin_load(&scope, files, pieces)
                    } else {
                        read_pieces(&scope, &files, piece, pieces)
                    };
                    if let Err(message) = outcome {
                        fail(&scope, &message);
                    }
                }
                Ok(ToWorker::Pieces { .. }) => {
                    let payload = protocol::beside(&data, attach::PAYLOAD)
                        .as_string()
                        .unwrap_or_default();
                    if let Err(message) = take_pieces(&scope, &payload) {
                        fail(&scope, &message);
                    }
                }
                #[cfg(feature = "risk")]
                Ok(message) => super::risk::handle(&scope, message, &data),
                Err(message) => fail(&scope, &format!("the file reader was sent {message}")),
            }
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        send(&scope, &FromWorker::Ready, &[]);
    }

    pub(crate) fn fail(scope: &DedicatedWorkerGlobalScope, message: &str) {
        let message = message.to_string();
        send(scope, &FromWorker::Error { message }, &[]);
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
        let work = LoadWork {
            reading_ms: t.reading_ms,
            parsing_ms: t.parsing_ms,
            waiting_ms: t.waiting_ms,
            combining_ms: js_sys::Date::now() - started,
            parts,
        };
        send(
            scope,
            &FromWorker::Done(work),
            &[(attach::PAYLOAD, &payload.into())],
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
        send(
            scope,
            &FromWorker::Pieces { piece: index },
            &[(attach::PAYLOAD, &payload.into())],
        );
        Ok(())
    }

    pub(crate) fn reader() -> Result<FileReaderSync, String> {
        FileReaderSync::new().map_err(|_| "this browser cannot read files in a worker".to_string())
    }

    /// How `file` is cut among `pieces` workers, when it is (the same in every worker).
    fn plan(reader: &FileReaderSync, file: &File, pieces: usize) -> Option<Plan> {
        let mut read_at = read_at(reader, file);
        let head = read_at(0, pieces::CUT_WINDOW_BYTES)?;
        pieces::plan(&head, file.size() as u64, pieces, read_at)
    }

    /// `read_at(offset, length)`: up to `length` bytes of `file` from `offset`, for
    /// planning cuts.
    pub(crate) fn read_at<'a>(
        reader: &'a FileReaderSync,
        file: &'a File,
    ) -> impl FnMut(u64, usize) -> Option<Vec<u8>> + 'a {
        move |offset: u64, length: usize| -> Option<Vec<u8>> {
            let end = (offset as f64 + length as f64).min(file.size());
            let slice = file.slice_with_f64_and_f64(offset as f64, end).ok()?;
            let bytes = reader.read_as_array_buffer(&slice).ok()?;
            Some(js_sys::Uint8Array::new(&bytes).to_vec())
        }
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
                let progress = FromWorker::Progress {
                    done: done_before + offset - from,
                    file: Some(name.clone()),
                    piece: None,
                    total: None,
                };
                send(scope, &progress, &[])
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

    /// Posts `message` to the page, with what goes beside it.
    pub(crate) fn send(
        scope: &DedicatedWorkerGlobalScope,
        message: &FromWorker,
        beside: &[(&str, &JsValue)],
    ) {
        let _ = scope.post_message(&protocol::encode(message, beside));
    }
}

/// Patient-level scoring for the Risk page. The patients stay in this worker's memory.
///
/// A large file is read in pieces: the page starts helper workers and joins each to this
/// one by a `MessageChannel` of its own, so that a helper's piece comes straight here,
/// never through the page.
#[cfg(all(target_arch = "wasm32", feature = "risk"))]
mod risk {
    use super::worker::{buffer_bytes, fail, read_at, reader, send, BlobStream};
    use atlas_app::protocol::{
        self, attach, FromHelper, FromWorker, RiskWork, Structure, ToWorker,
    };
    use atlas_core::ingest::pieces::CUT_WINDOW_BYTES;
    use atlas_core::ingest::FileReport;
    use atlas_core::model::{DataSource, Workspace};
    use atlas_core::risk::cohort::{
        score_patients, CohortRule, MissingColumns, Scores, TopPercent,
    };
    use atlas_core::risk::patients::{read_patients, PatientTable};
    use atlas_core::risk::pieces::{self, PatientPiece, PatientPlan};
    use atlas_core::risk::view::risk_view;
    use std::cell::{Cell, RefCell};
    use std::io::Read;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent, MessagePort};

    /// The scored file, kept so that moving the slider does not read it again.
    struct Kept {
        table: PatientTable,
        report: FileReport,
        scores: Scores,
        workspace: Option<Workspace>,
    }

    /// What the page asked of a file.
    struct Request {
        file: File,
        accept_missing: bool,
        workspace: Option<Workspace>,
        top: TopPercent,
        rule: CohortRule,
        /// When this worker was given the file.
        started: f64,
    }

    /// A file being read in pieces: this worker's piece is in, the helpers' to come.
    struct Pending {
        request: Request,
        plan: PatientPlan,
        pieces: Vec<PatientPiece>,
        /// Helpers still to send their piece.
        awaited: usize,
        /// A helper could not read its piece: the file is read whole here.
        read_whole: bool,
        reading_ms: f64,
        own_piece_done: f64,
    }

    /// Where the time went, in milliseconds (shown on the page, read by benchmarks).
    #[derive(Default, Clone, Copy)]
    struct Timings {
        /// From the file given to the table ready: reading, parsing, waiting for pieces.
        parse_ms: f64,
        /// Of `parse_ms`, the browser handing this worker its slices.
        reading_ms: f64,
        /// Of `parse_ms`, waiting for the helpers' pieces after this worker's.
        waiting_ms: f64,
        /// Of `parse_ms`, putting the pieces together (or reading the file whole when
        /// they did not fit).
        combining_ms: f64,
        score_ms: f64,
        parts: usize,
    }

    thread_local! {
        static KEPT: RefCell<Option<Kept>> = const { RefCell::new(None) };
        static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
        /// Counts the files given, so that a piece of an earlier one is not taken.
        static FILES_GIVEN: Cell<u32> = const { Cell::new(0) };
    }

    /// A risk message from the page (`data`: the message with what goes beside it).
    pub fn handle(scope: &DedicatedWorkerGlobalScope, message: ToWorker, data: &JsValue) {
        let (top, rule) = match message {
            ToWorker::RiskPiece { piece, pieces } => {
                return read_helper_piece(scope, data, piece, pieces)
            }
            ToWorker::Risk { top, rule, .. } | ToWorker::RiskCohort { top, rule } => (top, rule),
            ToWorker::Load { .. } | ToWorker::Pieces { .. } => return,
        };
        let top = match TopPercent::new(top) {
            Ok(top) => top,
            Err(error) => return fail(scope, &error.to_string()),
        };
        match message {
            ToWorker::Risk {
                accept_missing,
                structure,
                ..
            } => begin(scope, data, top, rule, accept_missing, structure),
            _ => post_view(scope, top, rule, Timings::default(), js_sys::Date::now()),
        }
    }

    /// Reads the file given: whole, or this worker's piece, then waits for the helpers'.
    fn begin(
        scope: &DedicatedWorkerGlobalScope,
        data: &JsValue,
        top: TopPercent,
        rule: CohortRule,
        accept_missing: bool,
        structure: Structure,
    ) {
        KEPT.with_borrow_mut(|kept| *kept = None);
        PENDING.with_borrow_mut(|pending| *pending = None);
        let given = FILES_GIVEN.get() + 1;
        FILES_GIVEN.set(given);
        let started = js_sys::Date::now();
        let Ok(file) = protocol::beside(data, attach::FILE).dyn_into::<File>() else {
            return fail(scope, "no file was given");
        };
        let workspace = Some(Workspace {
            place: "All patients in the file".to_string(),
            stated_population: None,
            stated_population_as_of: None,
            place_code: None,
            pcns: structure.pcns,
            practices: structure.practices,
            indicators: Vec::new(),
            series: Vec::new(),
            targets: Vec::new(),
            source: DataSource::Uploaded { files: Vec::new() },
            illustrative: false,
            provenance: Vec::new(),
            published_verdicts: Vec::new(),
        });
        let request = Request {
            file,
            accept_missing,
            workspace,
            top,
            rule,
            started,
        };
        let reader = match reader() {
            Ok(reader) => reader,
            Err(message) => return fail(scope, &message),
        };
        let ports: Vec<MessagePort> = js_sys::Array::from(&protocol::beside(data, attach::PORTS))
            .iter()
            .filter_map(|port| port.dyn_into().ok())
            .collect();
        let workers = ports.len() + 1;
        let mut reading_ms = 0.0;
        if let Some(plan) = plan(&reader, &request.file, workers) {
            let piece = read_piece(scope, &reader, &request.file, &plan, 0, &mut reading_ms);
            for port in ports {
                listen(scope, port, given);
            }
            PENDING.with_borrow_mut(|pending| {
                *pending = Some(Pending {
                    request,
                    plan,
                    pieces: vec![piece],
                    awaited: workers - 1,
                    read_whole: false,
                    reading_ms,
                    own_piece_done: js_sys::Date::now(),
                })
            });
            return;
        }
        let (table, report) = read_whole(scope, &reader, &request.file, &mut reading_ms);
        let timings = Timings {
            parse_ms: js_sys::Date::now() - started,
            reading_ms,
            parts: 1,
            ..Timings::default()
        };
        complete(scope, request, table, report, timings);
    }

    /// How `file` is cut among `workers`, when it is (the same in every worker).
    fn plan(reader: &FileReaderSync, file: &File, workers: usize) -> Option<PatientPlan> {
        if workers < 2 {
            return None;
        }
        let mut read_at = read_at(reader, file);
        let head = read_at(0, CUT_WINDOW_BYTES)?;
        pieces::plan(&head, file.size() as u64, workers, read_at)
    }

    /// Takes the pieces a helper sends on `port`, while the file is `given`.
    fn listen(scope: &DedicatedWorkerGlobalScope, port: MessagePort, given: u32) {
        let scope = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if FILES_GIVEN.get() == given {
                take_piece(&scope, &event.data());
            }
        });
        port.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
    }

    /// Takes a helper's piece (or word that it has none); finishes when all are in.
    fn take_piece(scope: &DedicatedWorkerGlobalScope, data: &JsValue) {
        if let Err(message) = protocol::decode::<FromHelper>(data) {
            return fail(scope, &format!("a file reader sent {message}"));
        }
        let piece = protocol::beside(data, attach::BYTES)
            .dyn_into::<js_sys::ArrayBuffer>()
            .ok()
            .and_then(|buffer| {
                PatientPiece::from_bytes(&js_sys::Uint8Array::new(&buffer).to_vec()).ok()
            });
        let all_in = PENDING.with_borrow_mut(|pending| {
            let Some(pending) = pending.as_mut() else {
                return false;
            };
            match piece {
                Some(piece) => pending.pieces.push(piece),
                None => pending.read_whole = true,
            }
            pending.awaited = pending.awaited.saturating_sub(1);
            pending.awaited == 0
        });
        if all_in {
            finish_pieces(scope);
        }
    }

    /// Puts the pieces together (or reads the file whole when they do not fit), then
    /// scores it.
    fn finish_pieces(scope: &DedicatedWorkerGlobalScope) {
        let Some(pending) = PENDING.with_borrow_mut(Option::take) else {
            return;
        };
        let mut timings = Timings {
            reading_ms: pending.reading_ms,
            waiting_ms: js_sys::Date::now() - pending.own_piece_done,
            parts: pending.plan.pieces(),
            ..Timings::default()
        };
        let name = pending.request.file.name();
        let combining_started = js_sys::Date::now();
        let merged = if pending.read_whole {
            None
        } else {
            pieces::merge(&name, &pending.plan, pending.pieces)
        };
        let (table, report) = match merged {
            Some(merged) => merged,
            None => {
                timings.parts = 1;
                let reader = match reader() {
                    Ok(reader) => reader,
                    Err(message) => return fail(scope, &message),
                };
                read_whole(
                    scope,
                    &reader,
                    &pending.request.file,
                    &mut timings.reading_ms,
                )
            }
        };
        let now = js_sys::Date::now();
        timings.combining_ms = now - combining_started;
        timings.parse_ms = now - pending.request.started;
        complete(scope, pending.request, table, report, timings);
    }

    /// Scores the file read and keeps it, then shows the page the view; or says why not.
    fn complete(
        scope: &DedicatedWorkerGlobalScope,
        request: Request,
        table: PatientTable,
        report: FileReport,
        mut timings: Timings,
    ) {
        if report.refused() {
            let json = serde_json::to_string(&report).unwrap_or_default();
            send(
                scope,
                &FromWorker::RiskRefused,
                &[(attach::PAYLOAD, &json.into())],
            );
            return;
        }
        let missing = if request.accept_missing {
            MissingColumns::Accept
        } else {
            MissingColumns::Refuse
        };
        let scoring_started = js_sys::Date::now();
        match score_patients(&table, missing) {
            Ok(scores) => {
                let scored = js_sys::Date::now();
                timings.score_ms = scored - scoring_started;
                KEPT.with_borrow_mut(|kept| {
                    *kept = Some(Kept {
                        table,
                        report,
                        scores,
                        workspace: request.workspace,
                    })
                });
                post_view(scope, request.top, request.rule, timings, scored);
            }
            Err(error) => send(
                scope,
                &FromWorker::RiskMissing {
                    message: error.to_string(),
                },
                &[],
            ),
        }
    }

    /// Builds the cohort and its summary from what is kept and posts them. `timings` are
    /// all 0 when only the cohort changed; `cohort_started` is when building it began.
    fn post_view(
        scope: &DedicatedWorkerGlobalScope,
        top: TopPercent,
        rule: CohortRule,
        timings: Timings,
        cohort_started: f64,
    ) {
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
            Some(Ok(json)) => {
                let work = RiskWork {
                    parse_ms: timings.parse_ms,
                    reading_ms: timings.reading_ms,
                    waiting_ms: timings.waiting_ms,
                    combining_ms: timings.combining_ms,
                    parts: timings.parts,
                    score_ms: timings.score_ms,
                    cohort_ms: js_sys::Date::now() - cohort_started,
                };
                send(
                    scope,
                    &FromWorker::Risk(work),
                    &[(attach::PAYLOAD, &json.into())],
                )
            }
            Some(Err(error)) => fail(
                scope,
                &format!("the result could not be passed back: {error}"),
            ),
            None => fail(scope, "choose a patient file first"),
        }
    }

    /// A helper: reads its piece of the file and sends it down its port as bytes (the
    /// buffer is handed over, not copied), or, when the file is not cut, says so.
    fn read_helper_piece(
        scope: &DedicatedWorkerGlobalScope,
        data: &JsValue,
        index: usize,
        workers: usize,
    ) {
        let Ok(port) = protocol::beside(data, attach::PORT).dyn_into::<MessagePort>() else {
            return fail(scope, "no way to hand on the piece was given");
        };
        let transfer = js_sys::Array::new();
        let file = protocol::beside(data, attach::FILE).dyn_into::<File>().ok();
        let buffer: Option<JsValue> = (|| {
            let (file, reader) = (file?, reader().ok()?);
            let plan = plan(&reader, &file, workers)?;
            let mut reading_ms = 0.0;
            let bytes = read_piece(scope, &reader, &file, &plan, index, &mut reading_ms).to_bytes();
            Some(js_sys::Uint8Array::from(&bytes[..]).buffer().into())
        })();
        let piece = FromHelper::Piece { piece: index };
        let message = match &buffer {
            Some(buffer) => {
                transfer.push(buffer);
                protocol::encode(&piece, &[(attach::BYTES, buffer)])
            }
            None => protocol::encode(&piece, &[]),
        };
        if port
            .post_message_with_transferable(&message, &transfer)
            .is_err()
        {
            fail(scope, "a piece of the file could not be handed on");
        }
        port.close();
    }

    /// Reads piece `index` of `file`.
    fn read_piece(
        scope: &DedicatedWorkerGlobalScope,
        reader: &FileReaderSync,
        file: &File,
        plan: &PatientPlan,
        index: usize,
        reading_ms: &mut f64,
    ) -> PatientPiece {
        let (from, to) = plan.range(index);
        let stream = slices(
            scope,
            reader,
            file,
            index,
            from as f64,
            to as f64,
            reading_ms,
            plan.pieces(),
        );
        pieces::read_piece(plan, index, stream)
    }

    fn read_whole(
        scope: &DedicatedWorkerGlobalScope,
        reader: &FileReaderSync,
        file: &File,
        reading_ms: &mut f64,
    ) -> (PatientTable, FileReport) {
        let stream = slices(scope, reader, file, 0, 0.0, file.size(), reading_ms, 1);
        read_patients(&file.name(), stream)
    }

    /// Bytes `from..to` of `file` as a buffered stream that tells the page how much of
    /// piece `piece` is read.
    #[allow(clippy::too_many_arguments)]
    fn slices<'a>(
        scope: &'a DedicatedWorkerGlobalScope,
        reader: &'a FileReaderSync,
        file: &'a File,
        piece: usize,
        from: f64,
        to: f64,
        reading_ms: &'a mut f64,
        workers: usize,
    ) -> impl Read + 'a {
        let total = file.size();
        let stream = BlobStream {
            file,
            reader,
            offset: from,
            end: to,
            reading_ms,
            on_chunk: Box::new(move |offset| {
                let progress = FromWorker::Progress {
                    done: offset - from,
                    file: None,
                    piece: Some(piece),
                    total: Some(total),
                };
                send(scope, &progress, &[])
            }),
        };
        std::io::BufReader::with_capacity(buffer_bytes(to - from, workers), stream)
    }
}
