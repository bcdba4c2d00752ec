//! Reading users' files: canonical CSVs and national NHS publications as downloaded.
//!
//! Validation problems are data ([`report::FileReport`]), never panics: a bad row is
//! listed with its file, line, column and reason, and never takes good rows down.

pub mod report;
