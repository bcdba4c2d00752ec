//! Ingest throughput: writes a deterministic 2,000,000-row practice-level
//! appointments-style CSV to a temporary folder, then reads, validates and combines it
//! as the dashboard would, and prints the throughput and peak memory; then reads it again
//! in pieces on 2 and 4 threads (as the browser's ingest workers do), checking that the
//! pieces put together equal the file read whole.
//!
//! Run with `cargo run --profile worker-release -p atlas-core --example ingest_bench
//! [KEEP.csv]` (the ingest worker's profile, built for speed; `--release` is built for
//! size, as the app is); with a path, the generated file is written there and kept (the
//! browser benchmark uses it).
//! `INGEST_BENCH_ROWS=200000` writes fewer rows (for profiling under callgrind).

use atlas_core::ingest::pieces::{self, Piece};
use atlas_core::ingest::{combine, read_file, ReadFile};
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::time::Instant;

mod common;
use common::peak_memory;

const DEFAULT_ROWS: u64 = 2_000_000;
const PRACTICES: u64 = 1_000;
const MONTHS: u64 = 12;

const HCP: [&str; 3] = ["GP", "Other Practice staff", "Unknown"];
const MODES: [&str; 5] = [
    "Face-to-Face",
    "Telephone",
    "Video Conference/Online",
    "Home Visit",
    "Unknown",
];
const STATUS: [&str; 3] = ["Attended", "DNA", "Unknown"];
const WAITS: [&str; 8] = [
    "Same Day",
    "1 Day",
    "2 to 7 Days",
    "8  to 14 Days",
    "15  to 21 Days",
    "22  to 28 Days",
    "More than 28 Days",
    "Unknown / Data Issue",
];
const MONTH_NAMES: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

/// Writes the CSV, one row at a time, and returns its size in bytes.
fn write_csv(path: &std::path::Path, rows: u64) -> std::io::Result<u64> {
    let mut out = BufWriter::new(File::create(path)?);
    writeln!(
        out,
        "APPOINTMENT_MONTH_START_DATE,GP_CODE,GP_NAME,SUPPLIER,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,HCP_TYPE,APPT_MODE,NATIONAL_CATEGORY,TIME_BETWEEN_BOOK_AND_APPT,COUNT_OF_APPOINTMENTS,APPT_STATUS\r"
    )?;
    // Rows per practice and month, rounded up; writing stops at ROWS.
    let per_cell = rows.div_ceil(PRACTICES * MONTHS);
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut written = 0;
    'all: for month in 0..MONTHS {
        for practice in 0..PRACTICES {
            for combo in 0..per_cell {
                if written == rows {
                    break 'all;
                }
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let count = 1 + (seed >> 33) % 400;
                let c = combo as usize;
                let pcn = practice / 8;
                writeln!(
                    out,
                    "01{}2024,C{:05},\"PRACTICE {practice}, LEICESTER\",EMIS,U{:05},PCN {pcn},04C,\"NHS Leicester, Leicestershire and Rutland ICB - 04C\",{},{},General Consultation Routine,{},{count},{}\r",
                    MONTH_NAMES[month as usize],
                    10_000 + practice,
                    10_000 + pcn,
                    HCP[c % 3],
                    MODES[(c / 3) % 5],
                    WAITS[(c / 15) % 8],
                    STATUS[(c / 120) % 3],
                )?;
                written += 1;
            }
        }
    }
    out.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

fn main() -> std::io::Result<()> {
    let keep = std::env::args().nth(1).map(std::path::PathBuf::from);
    let dir = std::env::temp_dir().join(format!("ingest-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = keep
        .clone()
        .unwrap_or_else(|| dir.join("Practice_Level_Crosstab_2024.csv"));
    let rows = std::env::var("INGEST_BENCH_ROWS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(DEFAULT_ROWS);
    let bytes = write_csv(&path, rows)?;
    let megabytes = bytes as f64 / 1e6;
    println!(
        "file: {rows} rows, {megabytes:.1} MB (peak memory after writing: {})",
        peak_memory()
    );

    let start = Instant::now();
    let read = read_file(
        "Practice_Level_Crosstab_2024.csv",
        BufReader::with_capacity(1 << 16, File::open(&path)?),
    );
    let parsed = start.elapsed().as_secs_f64();
    let report = read.report.clone();
    let whole = read.clone();
    let (workspace, _) = combine(vec![read]);
    let total = start.elapsed().as_secs_f64();
    let json_start = Instant::now();
    let json = serde_json::to_string(&workspace).map_err(std::io::Error::other)?;
    let json_seconds = json_start.elapsed().as_secs_f64();
    let in_pieces: Vec<String> = [2, 4]
        .into_iter()
        .map(|workers| read_in_pieces(&path, bytes, workers, &whole))
        .collect::<std::io::Result<_>>()?;
    std::fs::remove_dir_all(&dir)?;

    println!(
        "rows: {} read, {} accepted, {} rejected",
        report.rows_read, report.rows_accepted, report.rows_rejected
    );
    println!(
        "workspace: {} practices, {} PCNs, {} series",
        workspace.practices.len(),
        workspace.pcns.len(),
        workspace.series.len()
    );
    println!(
        "parse + validate: {parsed:.2} s, {:.1} MB/s",
        megabytes / parsed
    );
    println!(
        "parse + validate + load: {total:.2} s, {:.1} MB/s",
        megabytes / total
    );
    println!("peak memory (VmHWM): {}", peak_memory());
    println!(
        "the workspace as JSON (what the worker hands the page): {:.1} MB in {json_seconds:.3} s",
        json.len() as f64 / 1e6
    );
    for line in in_pieces {
        println!("{line}");
    }
    Ok(())
}

/// Reads the file in pieces on `workers` threads, as the browser's workers do, checks
/// the pieces put together give what reading it whole gave, and says how long it took.
fn read_in_pieces(
    path: &std::path::Path,
    size: u64,
    workers: usize,
    whole: &ReadFile,
) -> std::io::Result<String> {
    let start = Instant::now();
    let read_at = |offset: u64, length: usize| -> Option<Vec<u8>> {
        let mut file = File::open(path).ok()?;
        file.seek(SeekFrom::Start(offset)).ok()?;
        let mut bytes = Vec::with_capacity(length);
        file.take(length as u64).read_to_end(&mut bytes).ok()?;
        Some(bytes)
    };
    let head = read_at(0, pieces::CUT_WINDOW_BYTES).unwrap_or_default();
    let plan = pieces::plan(&head, size, workers, read_at)
        .ok_or_else(|| std::io::Error::other("the file was not cut"))?;
    let read: Vec<Piece> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..plan.pieces())
            .map(|index| {
                let plan = &plan;
                scope.spawn(move || -> std::io::Result<Piece> {
                    let (from, to) = plan.range(index);
                    let mut file = File::open(path)?;
                    file.seek(SeekFrom::Start(from))?;
                    let piece = BufReader::with_capacity(1 << 16, file.take(to - from));
                    Ok(pieces::read_piece(plan, index, piece))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a piece's thread panicked"))
            .collect::<std::io::Result<Vec<Piece>>>()
    })?;
    let pieces_read = start.elapsed().as_secs_f64();
    let merged = pieces::merge(&whole.file_name, &plan, read)
        .ok_or_else(|| std::io::Error::other("the pieces did not fit together"))?;
    let total = start.elapsed().as_secs_f64();
    assert_eq!(
        &merged, whole,
        "pieces put together must equal the file read whole"
    );
    let megabytes = size as f64 / 1e6;
    Ok(format!(
        "in {workers} pieces on {workers} threads: {total:.2} s, {:.1} MB/s (reading the pieces {pieces_read:.2} s, putting them together {:.3} s; equal to reading it whole)",
        megabytes / total,
        total - pieces_read
    ))
}
