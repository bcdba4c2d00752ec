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
mod files;
#[cfg(target_arch = "wasm32")]
mod load;
#[cfg(all(target_arch = "wasm32", feature = "risk"))]
mod risk;
#[cfg(target_arch = "wasm32")]
mod worker;

#[cfg(target_arch = "wasm32")]
fn main() {
    worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("ingest-worker runs only as a Web Worker in the browser");
}
