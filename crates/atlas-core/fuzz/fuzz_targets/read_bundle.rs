//! Any text, read as a published bundle: a bundle or an error in words, never a panic.
#![no_main]

use atlas_core::bundle::read;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = read(text);
    }
});
