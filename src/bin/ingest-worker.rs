//! The ingest worker: reads the user's files off the main thread, so the page stays
//! responsive and can show progress and cancel.
//!
//! Protocol (messages are plain JS objects):
//! - out: `{ kind: "ready" }` once the worker listens (its wasm starts asynchronously, so
//!   anything sent before this would be lost).
//! - in:  an array of `File`s.
//! - out: `{ kind: "progress", file, done, total }` after every chunk (bytes of all files),
//!   then `{ kind: "done", payload }` where `payload` is the JSON of
//!   [`atlas_core::ingest::Loaded`], or `{ kind: "error", message }`.
//!
//! Files are read with `FileReaderSync` in 4 MB slices straight into the streaming
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

    const CHUNK: usize = 4 * 1024 * 1024;

    pub fn start() {
        console_error_panic_hook::set_once();
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
            let files: Vec<File> = js_sys::Array::from(&event.data())
                .iter()
                .filter_map(|f| f.dyn_into::<File>().ok())
                .collect();
            match load(&scope, &files) {
                Ok(payload) => post(
                    &scope,
                    &[("kind", "done".into()), ("payload", payload.into())],
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

    fn load(scope: &DedicatedWorkerGlobalScope, files: &[File]) -> Result<String, String> {
        let reader = FileReaderSync::new()
            .map_err(|_| "this browser cannot read files in a worker".to_string())?;
        let total: f64 = files.iter().map(|f| f.size()).sum();
        let mut done_before = 0.0;
        let mut read = Vec::with_capacity(files.len());
        for file in files {
            let name = file.name();
            let stream = BlobStream {
                file,
                reader: &reader,
                offset: 0.0,
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
                std::io::BufReader::with_capacity(CHUNK, stream),
            ));
            done_before += file.size();
        }
        let loaded: Loaded = ingest::load(read);
        serde_json::to_string(&loaded)
            .map_err(|e| format!("the result could not be passed back: {e}"))
    }

    /// A `File` as a byte stream, read slice by slice with `FileReaderSync`.
    struct BlobStream<'a> {
        file: &'a File,
        reader: &'a FileReaderSync,
        offset: f64,
        on_chunk: &'a mut dyn FnMut(f64),
    }

    impl Read for BlobStream<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let size = self.file.size();
            if self.offset >= size || buf.is_empty() {
                return Ok(0);
            }
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
            (self.on_chunk)(self.offset);
            Ok(n)
        }
    }

    fn post(scope: &DedicatedWorkerGlobalScope, fields: &[(&str, JsValue)]) {
        let message = js_sys::Object::new();
        for (key, value) in fields {
            let _ = js_sys::Reflect::set(&message, &(*key).into(), value);
        }
        let _ = scope.post_message(&message);
    }
}
