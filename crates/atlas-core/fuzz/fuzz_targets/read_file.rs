//! Any bytes, read as a file the Data page was given and combined into a workspace: no
//! panic, no overflow, and every row counted once. The first byte chooses the file's
//! name among the fixtures' (some formats are told by their name), so that seeds from
//! `seed.sh` start as the real files.
#![no_main]

use atlas_core::ingest::{load, read_file};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &include!("../names.in");

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(choice) % NAMES.len()];
    let file = read_file(name, bytes);
    let report = &file.report;
    // A refused file keeps none of its rows (only how many were read before it was).
    if !report.refused() {
        assert_eq!(report.rows_read, report.rows_accepted + report.rows_rejected);
    }
    let loaded = load(vec![file]);
    for practice in &loaded.workspace.practices {
        assert!(practice.list_size <= atlas_core::ingest::values::MAX_LIST_SIZE);
    }
});
