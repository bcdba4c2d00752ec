//! Several files given at once and combined: the input is split at each `0xFF 0xFE 0xFD`,
//! the first byte of each part choosing its name among the fixtures'. No panic, and the
//! combined workspace holds each practice once.
#![no_main]

use atlas_core::ingest::{load, read_file};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &include!("../names.in");
const SEPARATOR: &[u8] = &[0xFF, 0xFE, 0xFD];

fuzz_target!(|data: &[u8]| {
    let mut files = Vec::new();
    let mut rest = data;
    while !rest.is_empty() && files.len() < 8 {
        let end = rest
            .windows(SEPARATOR.len())
            .position(|w| w == SEPARATOR)
            .unwrap_or(rest.len());
        if let Some((&choice, bytes)) = rest[..end].split_first() {
            files.push(read_file(NAMES[usize::from(choice) % NAMES.len()], bytes));
        }
        rest = &rest[(end + SEPARATOR.len()).min(rest.len())..];
    }
    let loaded = load(files);
    let mut codes: Vec<&str> = loaded.workspace.practices.iter().map(|p| p.code.as_str()).collect();
    let all = codes.len();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), all, "a practice twice");
    for former in &loaded.workspace.former_practices {
        assert!(loaded.workspace.practice(&former.practice.code).is_none());
    }
});
