//! A hash map for the short keys looked up many times (practice codes, indicator ids):
//! ingest, the measures and the patient reader index by them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for the short keys ingest looks up many times (codes, indicator ids): a
/// multiply and a rotate per 8 bytes (the "Fx" hash of rustc) and a final mix, much quicker than the
/// standard SipHash on such keys. Not resistant to crafted collisions, which cannot
/// matter here: a user's own file is read in their own browser, and only ever slowed.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct QuickHasher(u64);

impl Hasher for QuickHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }

    fn finish(&self) -> u64 {
        // The multiply carries each byte's bits only upwards, and a hash table picks its
        // bucket from the low bits: fold the high bits down (as MurmurHash3 finishes), or
        // keys that differ only early on (S00000001, S00000002, …) all share buckets.
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^ (x >> 33)
    }
}

/// A hash map with [`QuickHasher`].
pub(crate) type QuickMap<K, V> = HashMap<K, V, BuildHasherDefault<QuickHasher>>;
