//! Writes a synthetic, anonymised patient file in the canonical schema (see PATIENTS.md)
//! for tests, demonstrations and benchmarks. Deterministic for a given size and seed.
//!
//! `cargo run -p atlas-core --example synthetic_patients -- PATIENTS OUT.csv [SEED]`

use atlas_core::risk::synthetic::{practice_lists, write_population};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(patients), Some(out)) = (
        args.next().and_then(|n| n.parse::<usize>().ok()),
        args.next(),
    ) else {
        eprintln!("usage: synthetic_patients PATIENTS OUT.csv [SEED]");
        return ExitCode::from(2);
    };
    let seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(2026);
    let file = match std::fs::File::create(&out) {
        Ok(file) => std::io::BufWriter::new(file),
        Err(error) => {
            eprintln!("{out}: {error}");
            return ExitCode::from(2);
        }
    };
    match write_population(
        file,
        patients,
        &practice_lists(&atlas_core::default_data::leicester_city()),
        seed,
    ) {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(1)
        }
    }
}
