//! Where a file is cut so that several workers can read it at once.

/// Files smaller than this are read whole: starting more workers would cost more than
/// it saves.
pub const SPLIT_AT_BYTES: u64 = 32 * 1024 * 1024;

/// How many bytes are looked at around a cut for the line end to cut after.
pub const CUT_WINDOW_BYTES: usize = 64 * 1024;

/// Where a file is cut: the same in every worker, from the same bytes. Each piece but the
/// first starts just after a line feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Cuts {
    /// Where each piece starts: 0, then the byte after a line feed.
    starts: Vec<u64>,
    size: u64,
}

impl Cuts {
    /// Cuts a file of `size` bytes into `workers` pieces, each cut just after the first line
    /// feed at or after `size·k/workers` and beyond the first `head_len` bytes (which hold
    /// the header, so the first piece has it whole). `read_at(offset, length)` gives the
    /// file's bytes from `offset`. `None` means read the file whole: it is small, or a
    /// cut found no line feed nearby.
    pub fn find(
        head_len: usize,
        size: u64,
        workers: usize,
        mut read_at: impl FnMut(u64, usize) -> Option<Vec<u8>>,
    ) -> Option<Cuts> {
        if workers < 2 || size < SPLIT_AT_BYTES {
            return None;
        }
        let mut starts = vec![0];
        for k in 1..workers as u64 {
            let target = size / workers as u64 * k;
            let window = read_at(target, CUT_WINDOW_BYTES)?;
            let cut = target + memchr::memchr(b'\n', &window)? as u64 + 1;
            if cut <= *starts.last()? || cut >= size || cut <= head_len as u64 {
                return None;
            }
            starts.push(cut);
        }
        Some(Cuts { starts, size })
    }

    /// Cuts at `starts` (0 first, ascending), for tests and the fuzzer that choose where.
    pub(crate) fn at(starts: Vec<u64>, size: u64) -> Cuts {
        Cuts { starts, size }
    }

    /// The number of pieces.
    pub fn pieces(&self) -> usize {
        self.starts.len()
    }

    /// The bytes of piece `index`: from (inclusive) and to (exclusive).
    pub fn range(&self, index: usize) -> (u64, u64) {
        let from = self.starts[index];
        let to = self.starts.get(index + 1).copied().unwrap_or(self.size);
        (from, to)
    }
}
