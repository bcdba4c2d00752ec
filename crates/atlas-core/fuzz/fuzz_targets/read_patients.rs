//! Any bytes, read as a patient-level file on the Risk page: no panic, and every row
//! counted once.
#![no_main]

use atlas_core::risk::read_patients;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (table, report) = read_patients("patients.csv", data);
    assert_eq!(report.rows_read, report.rows_accepted + report.rows_rejected);
    assert!(table.len() as u64 <= report.rows_accepted);
});
