//! Times the risk engine on a synthetic population of 1,000,000 patients spread over the
//! Leicester City practices: generating the CSV, parsing it, scoring, building the
//! cohort, summarising, and writing the cohort CSV, each separately; then reading it in
//! pieces on 2 and 4 threads, as the Risk page's workers do (checked equal to reading it
//! whole).
//!
//! `cargo run --profile worker-release -p atlas-core --example risk_bench [patients]` (the
//! ingest worker's profile, built for speed, as the Risk page's parsing is)

use atlas_core::ingest::pieces::CUT_WINDOW_BYTES;
use atlas_core::ingest::FileReport;
use atlas_core::risk::cohort::{
    cms_cohort, cohort_csv, cohort_members, score_patients, summarise, CohortRule, MissingColumns,
    TopPercent,
};
use atlas_core::risk::patients::{read_patients, PatientTable};
use atlas_core::risk::pieces::{self, PatientPiece};
use atlas_core::risk::synthetic::{population_csv, practice_lists};
use std::time::Instant;

mod common;
use common::peak_memory;

fn main() {
    let patients: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let practices = practice_lists(&atlas_core::default_data::leicester_city());
    let workspace = atlas_core::default_data::leicester_city();

    let clock = Instant::now();
    let csv = match population_csv(patients, &practices, 2026) {
        Ok(csv) => csv,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    };
    let generate = clock.elapsed();

    let clock = Instant::now();
    let (table, report) = read_patients("synthetic.csv", csv.as_bytes());
    let parse = clock.elapsed();

    let clock = Instant::now();
    let scores = match score_patients(&table, MissingColumns::Refuse) {
        Ok(scores) => scores,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    };
    let score = clock.elapsed();

    let clock = Instant::now();
    let top = TopPercent::new(3.0).expect("3% is a valid share");
    let cohort = cms_cohort(&table, &scores, top).expect("scores match the table");
    let build = clock.elapsed();

    let clock = Instant::now();
    let summary = summarise(
        &table,
        &scores,
        &cohort,
        CohortRule::Either,
        Some(&workspace),
    );
    let summarised = clock.elapsed();

    let clock = Instant::now();
    let members = cohort_members(&cohort, &scores, CohortRule::Either);
    let download = cohort_csv(&table, &scores, &cohort, &members);
    let export = clock.elapsed();

    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!("patients:              {patients}");
    println!("csv size:              {:.1} MB", csv.len() as f64 / 1e6);
    println!(
        "rows accepted:         {} (problems: {})",
        report.rows_accepted,
        report.problems.len()
    );
    println!("generate csv:          {:>8.1} ms", ms(generate));
    println!("parse (read_patients): {:>8.1} ms", ms(parse));
    println!("score (CMS + eFI):     {:>8.1} ms", ms(score));
    println!("cohort (top 3% CMS):   {:>8.1} ms", ms(build));
    println!("summarise:             {:>8.1} ms", ms(summarised));
    println!(
        "peak memory (VmHWM):   {} (the {:.0} MB CSV is held in memory too)",
        peak_memory(),
        csv.len() as f64 / 1e6
    );
    println!(
        "cohort csv:            {:>8.1} ms ({:.1} MB)",
        ms(export),
        download.len() as f64 / 1e6
    );
    println!(
        "cohort: top 3% = {} patients, CMS cut-off {}, {} of {} tied at the cut-off admitted; either rule = {} patients",
        cohort.size(),
        summary.cms_cut_off,
        cohort.tied_admitted,
        cohort.tied_at_cut_off,
        summary.cohort_size
    );
    println!(
        "overlap (CMS top & frail, CMS only, frail only): {:?}, {:?}, {:?}",
        summary.overlap.cms_and_frail, summary.overlap.cms_only, summary.overlap.frail_only
    );
    println!(
        "eFI categories (65+): {:?}",
        summary.distribution.efi_categories
    );
    println!("CMS bands: {:?}", summary.distribution.cms_bands);
    for workers in [2, 4] {
        println!(
            "{}",
            read_in_pieces(csv.as_bytes(), workers, &(table.clone(), report.clone()))
        );
    }
}

/// Reads the file in pieces on `workers` threads, as the Risk page's workers do, each
/// piece passed on as bytes; checks the pieces put together give what reading it whole
/// gave, and says how long it took.
fn read_in_pieces(bytes: &[u8], workers: usize, whole: &(PatientTable, FileReport)) -> String {
    let start = Instant::now();
    let read_at = |offset: u64, length: usize| {
        let end = (offset as usize + length).min(bytes.len());
        Some(bytes[offset as usize..end].to_vec())
    };
    let head = &bytes[..CUT_WINDOW_BYTES.min(bytes.len())];
    let Some(plan) = pieces::plan(head, bytes.len() as u64, workers, read_at) else {
        return format!("in {workers} pieces: the file was not cut");
    };
    let passed: Vec<Vec<u8>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..plan.pieces())
            .map(|index| {
                let plan = &plan;
                scope.spawn(move || {
                    let (from, to) = plan.range(index);
                    pieces::read_piece(plan, index, &bytes[from as usize..to as usize]).to_bytes()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a piece's thread panicked"))
            .collect()
    });
    let pieces_read = start.elapsed().as_secs_f64();
    let read: Vec<PatientPiece> = passed
        .iter()
        .map(|b| PatientPiece::from_bytes(b).expect("a piece reads back"))
        .collect();
    let merged = pieces::merge("synthetic.csv", &plan, read).expect("the pieces fit together");
    let total = start.elapsed().as_secs_f64();
    assert!(
        &merged == whole,
        "pieces put together must equal the file read whole"
    );
    let megabytes = passed.iter().skip(1).map(Vec::len).sum::<usize>() as f64 / 1e6;
    format!(
        "in {workers} pieces on {workers} threads: {:.1} ms (reading the pieces and writing them as bytes {:.1} ms; {megabytes:.1} MB of bytes from the other pieces; reading those back and putting all together {:.1} ms; equal to reading it whole)",
        total * 1000.0,
        pieces_read * 1000.0,
        (total - pieces_read) * 1000.0
    )
}
