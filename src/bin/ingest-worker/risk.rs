//! Patient-level scoring for the Risk page. The patients stay in this worker's memory.
//!
//! A large file is read in pieces: the page starts helper workers and joins each to this
//! one by a `MessageChannel` of its own, so that a helper's piece comes straight here,
//! never through the page.

use crate::files::{buffer_bytes, read_at, reader, BlobStream};
use crate::worker::{fail, send};
use atlas_app::protocol::{self, attach, FromHelper, FromWorker, RiskWork, Structure, ToWorker};
use atlas_core::ingest::pieces::CUT_WINDOW_BYTES;
use atlas_core::ingest::FileReport;
use atlas_core::model::{DataSource, Workspace};
use atlas_core::risk::cohort::{score_patients, CohortRule, MissingColumns, Scores, TopPercent};
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
        former_practices: Vec::new(),
        areas: Vec::new(),
        published_verdicts: Vec::new(),
        registrations_by_age: Vec::new(),
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
