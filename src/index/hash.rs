//! A fast hasher for the index's string keys (the multiply-rotate hash of rustc's `FxHasher`),
//! written out here rather than added as a dependency. Not resistant to crafted collisions,
//! which for names and words of one's own articles is no concern.

use std::hash::{BuildHasherDefault, Hasher};

/// The hasher; see the module documentation.
#[derive(Clone, Copy, Debug, Default)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        // The length first, so that `a` and `a\0` (the same padded word) differ.
        self.add(bytes.len() as u64);
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let mut last = [0u8; 8];
        for (slot, byte) in last.iter_mut().zip(chunks.remainder()) {
            *slot = *byte;
        }
        self.add(u64::from_le_bytes(last));
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds [`FxHasher`]s for `HashMap::with_hasher`.
pub type FxBuildHasher = BuildHasherDefault<FxHasher>;

/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuildHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn different_strings_hash_differently_and_equal_ones_alike() {
        let build = FxBuildHasher::default();
        let hash = |text: &str| build.hash_one(text);
        assert_eq!(hash("ali khamenei"), hash("ali khamenei"));
        assert_ne!(hash("ali khamenei"), hash("ali khamenej"));
        assert_ne!(hash("a"), hash("a\0"));
    }
}
