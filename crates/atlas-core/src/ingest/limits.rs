//! What the Data page takes at once, stated and kept: beyond it, a message before any
//! byte is read, and whatever was loaded before stays on the page.

use crate::words::thousands;

/// The largest file read: twice the largest measured here (a 500 MB appointments
/// crosstab), within a browser tab's memory.
pub const MAX_FILE_BYTES: u64 = 1 << 30;
/// The most bytes read at once, all files together.
pub const MAX_TOTAL_BYTES: u64 = 2 << 30;
/// The most files read at once (a year of monthly files, and a margin).
pub const MAX_FILES: usize = 64;
/// The longest line read as a row; longer lines are skipped, each one rejected row.
pub use crate::csv_in::MAX_LINE_BYTES;

/// Sizes as people read them: "1.4 GB", "512 MB".
fn size_text(bytes: u64) -> String {
    if bytes >= 1 << 30 {
        format!("{:.1} GB", bytes as f64 / (1u64 << 30) as f64)
    } else {
        format!("{} MB", thousands(bytes.div_ceil(1 << 20)))
    }
}

/// `Err` with the reason, in words, when files of these names and sizes are more than
/// the Data page takes at once.
pub fn check_files(files: &[(String, u64)]) -> Result<(), String> {
    if files.len() > MAX_FILES {
        return Err(format!(
            "{} files were chosen: the Data page reads up to {MAX_FILES} at once. Load them in groups of {MAX_FILES} or fewer; each load replaces the one before, so choose together the files that make one picture.",
            thousands(files.len() as u64)
        ));
    }
    if let Some((name, size)) = files.iter().find(|(_, size)| *size > MAX_FILE_BYTES) {
        return Err(format!(
            "{name} is {}: the Data page reads files of up to {} each. Cut it to the area you need first (the national files have a sub-ICB or ICB code on every row).",
            size_text(*size),
            size_text(MAX_FILE_BYTES)
        ));
    }
    let total: u64 = files.iter().map(|(_, size)| size).sum();
    if total > MAX_TOTAL_BYTES {
        return Err(format!(
            "the files chosen come to {}: the Data page reads up to {} at once. Choose fewer, or cut the largest to the area you need.",
            size_text(total),
            size_text(MAX_TOTAL_BYTES)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(sizes: &[u64]) -> Vec<(String, u64)> {
        sizes
            .iter()
            .enumerate()
            .map(|(i, &s)| (format!("file{i}.csv"), s))
            .collect()
    }

    #[test]
    fn files_within_the_limits_pass_and_beyond_them_are_named() {
        assert!(check_files(&files(&[500 << 20, 400 << 20])).is_ok());
        let one = check_files(&files(&[10, (3 << 30) / 2])).unwrap_err();
        assert!(
            one.starts_with("file1.csv is 1.5 GB: the Data page reads files of up to 1.0 GB each"),
            "{one}"
        );
        let total = check_files(&files(&[1 << 30, 1 << 30, 1 << 20])).unwrap_err();
        assert!(
            total.starts_with("the files chosen come to 2.0 GB"),
            "{total}"
        );
        let many = check_files(&files(&[1; 65])).unwrap_err();
        assert!(
            many.starts_with("65 files were chosen: the Data page reads up to 64 at once"),
            "{many}"
        );
    }
}
