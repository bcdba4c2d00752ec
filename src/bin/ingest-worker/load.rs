//! A load of the user's files: worker 0 reads every file and its own piece of a large
//! appointments crosstab, workers 1 and up read their pieces and send them on, and worker 0
//! puts them together, combines the files and hands the workspace to the page.

use crate::files::{buffer_bytes, read_at, reader, BlobStream};
use crate::worker::send;
use atlas_app::protocol::{attach, FromWorker, LoadWork};
use atlas_core::ingest::pieces::{self, Piece, Plan};
use atlas_core::ingest::{self, Loaded, ReadFile};
use std::cell::RefCell;
use std::io::Read;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync};

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
pub(crate) fn begin_load(
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
pub(crate) fn take_pieces(scope: &DedicatedWorkerGlobalScope, payload: &str) -> Result<(), String> {
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
pub(crate) fn read_pieces(
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

/// How `file` is cut among `pieces` workers, when it is (the same in every worker).
fn plan(reader: &FileReaderSync, file: &File, pieces: usize) -> Option<Plan> {
    let mut read_at = read_at(reader, file);
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
