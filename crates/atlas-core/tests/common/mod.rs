//! Shared by the tests that read the real NHS files in `shared/realdata` (beside the
//! repository); each skips, with a message, when that folder is absent.

#![allow(dead_code)] // each test binary uses its own part of this module

use atlas_core::ingest::{read_file, ReadFile};
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

pub const REALDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/realdata");

/// The path of a real file, or `None` (with a message) when the folder is absent.
pub fn real(relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(REALDATA).join(relative);
    if path.exists() {
        Some(path)
    } else {
        println!("skipped: {} is absent", path.display());
        None
    }
}

/// A real file read as the Data page reads it.
pub fn read(relative: &str) -> Option<ReadFile> {
    let path = real(relative)?;
    let name = path.file_name()?.to_string_lossy().into_owned();
    let file = File::open(&path).ok()?;
    Some(read_file(&name, BufReader::new(file)))
}
