//! An appointments crosstab read in pieces, as the browser's workers read a large one,
//! then put together: whenever the pieces can be put together, they give exactly what
//! reading the file whole gives. The first byte is how many cuts; the next bytes choose
//! which line ends to cut after.
#![no_main]

use atlas_core::ingest::pieces::{merge, plan_at, read_piece};
use atlas_core::ingest::read_file;
use libfuzzer_sys::fuzz_target;

const NAME: &str = "Practice_Level_Crosstab_Mar_24.csv";

fuzz_target!(|data: &[u8]| {
    let Some((&cuts, rest)) = data.split_first() else {
        return;
    };
    let cuts = usize::from(cuts % 6) + 1;
    if rest.len() < cuts {
        return;
    }
    let (picks, bytes) = rest.split_at(cuts);
    let line_ends: Vec<u64> = bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .map(|(i, _)| i as u64 + 1)
        .collect();
    if line_ends.is_empty() {
        return;
    }
    let starts: Vec<u64> = picks
        .iter()
        .map(|&p| line_ends[usize::from(p) % line_ends.len()])
        .collect();
    let Some(plan) = plan_at(bytes, &starts) else {
        return;
    };
    let pieces = (0..plan.pieces())
        .map(|i| {
            let (from, to) = plan.range(i);
            read_piece(&plan, i, &bytes[from as usize..to as usize])
        })
        .collect();
    if let Some(pieced) = merge(NAME, &plan, pieces) {
        assert_eq!(pieced, read_file(NAME, bytes));
    }
});
