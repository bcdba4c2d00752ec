//! Reading a `File` in a worker: slices of up to [`CHUNK`] bytes with `FileReaderSync`,
//! as a byte stream, for every job.

use std::io::Read;
use web_sys::{File, FileReaderSync};

/// The largest slice read at once: in Chromium, 64 MB slices read a 395 MB file in
/// about 0.65 s where 4 MB slices took 1.3 s (tests/bench/browser.mjs).
const CHUNK: usize = 64 * 1024 * 1024;

pub(crate) fn reader() -> Result<FileReaderSync, String> {
    FileReaderSync::new().map_err(|_| "this browser cannot read files in a worker".to_string())
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
