//! A hash table for the word lookups the analysis makes for nearly every word of a text: the
//! attribution lexicon, the gazetteer's word flags and the words an article writes in lower
//! case.
//!
//! A word of up to sixteen bytes is held in the table itself as two numbers and its length,
//! read as overlapping halves of the word, so that a lookup compares three integers: no
//! pointer to follow to a heap string and no call to `memcmp`, which together took a tenth of
//! the analysis in the general-purpose map. Longer words, rare in prose, go to a map beside it.

use crate::analysis::gazetteer::WordMap;

/// A word of at most sixteen bytes, packed: every byte counts, given the length.
#[derive(Clone, Copy, PartialEq, Eq)]
struct ShortWord {
    low: u64,
    high: u64,
    length: usize,
}

impl ShortWord {
    const MAX_BYTES: usize = 16;

    fn new(word: &[u8]) -> Option<Self> {
        let length = word.len();
        let (low, high) = if let (Some(first), Some(last)) =
            (word.first_chunk::<8>(), word.last_chunk::<8>())
        {
            if length > Self::MAX_BYTES {
                return None;
            }
            (u64::from_le_bytes(*first), u64::from_le_bytes(*last))
        } else if let (Some(first), Some(last)) = (word.first_chunk::<4>(), word.last_chunk::<4>())
        {
            (
                u64::from(u32::from_le_bytes(*first)),
                u64::from(u32::from_le_bytes(*last)),
            )
        } else {
            let byte = |index: usize| u64::from(word.get(index).copied().unwrap_or(0));
            (
                byte(0) | (byte(length / 2) << 8) | (byte(length.saturating_sub(1)) << 16),
                0,
            )
        };
        Some(ShortWord { low, high, length })
    }

    /// The word with its ASCII capitals lowered, eight bytes at a time.
    fn ascii_lowercase(self) -> Self {
        ShortWord {
            low: ascii_lowercase(self.low),
            high: ascii_lowercase(self.high),
            length: self.length,
        }
    }

    fn hash(self) -> u64 {
        const SEED: u64 = 0x9e37_79b9_7f4a_7c15;
        let mixed = (self.low ^ (self.length as u64).rotate_right(8)).wrapping_mul(SEED);
        (mixed.rotate_left(29) ^ self.high).wrapping_mul(SEED)
    }
}

/// `bytes` with each ASCII capital lowered, all eight at once: a byte's high bit is set in
/// `upper` when the byte is from `A` to `Z`, and moved to the bit that makes it lowercase.
fn ascii_lowercase(bytes: u64) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let low_seven = bytes & !HIGHS;
    let from_a = low_seven + ONES * u64::from(0x80 - b'A');
    let after_z = low_seven + ONES * u64::from(0x80 - b'Z' - 1);
    let upper = from_a & !after_z & !bytes & HIGHS;
    bytes | (upper >> 2)
}

/// Words to small `Copy` values.
#[derive(Clone)]
pub(crate) struct WordTable<V> {
    /// Open addressing with linear probing; a length that is a power of two, at most half full.
    slots: Vec<Option<(ShortWord, V)>>,
    short_count: usize,
    long: WordMap<String, V>,
}

impl<V: Copy> Default for WordTable<V> {
    fn default() -> Self {
        WordTable::with_capacity(0)
    }
}

impl<V: Copy> WordTable<V> {
    pub(crate) fn with_capacity(words: usize) -> Self {
        WordTable {
            slots: vec![None; (words * 2).next_power_of_two().max(16)],
            short_count: 0,
            long: WordMap::default(),
        }
    }

    pub(crate) fn get(&self, word: &str) -> Option<V> {
        let Some(key) = ShortWord::new(word.as_bytes()) else {
            return self.long.get(word).copied();
        };
        match self.slots.get(self.find(key)) {
            Some(Some((_, value))) => Some(*value),
            _ => None,
        }
    }

    /// The value of `word` with its ASCII capitals lowered, without lowering it into a copy.
    pub(crate) fn get_ascii_lowercase(&self, word: &str) -> Option<V> {
        let Some(key) = ShortWord::new(word.as_bytes()) else {
            return self.long.get(word.to_ascii_lowercase().as_str()).copied();
        };
        match self.slots.get(self.find(key.ascii_lowercase())) {
            Some(Some((_, value))) => Some(*value),
            _ => None,
        }
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        self.get(word).is_some()
    }

    /// The value of `word`, inserted as `V::default()` first if the word is new.
    pub(crate) fn entry(&mut self, word: &str) -> &mut V
    where
        V: Default,
    {
        let Some(key) = ShortWord::new(word.as_bytes()) else {
            return self.long.entry(word.to_owned()).or_default();
        };
        if (self.short_count + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let index = self.find(key);
        let Some(slot) = self.slots.get_mut(index) else {
            // `find` returns an index into `slots`: never taken.
            return self.long.entry(word.to_owned()).or_default();
        };
        if slot.is_none() {
            self.short_count += 1;
        }
        &mut slot.get_or_insert((key, V::default())).1
    }

    pub(crate) fn insert(&mut self, word: &str, value: V)
    where
        V: Default,
    {
        *self.entry(word) = value;
    }

    /// The slot holding `key`, or the empty slot where it would go.
    fn find(&self, key: ShortWord) -> usize {
        let mask = self.slots.len() - 1;
        let mut index = key.hash() as usize & mask;
        // At most half the slots are full, so the probe meets an empty slot.
        loop {
            match self.slots.get(index) {
                Some(Some((found, _))) if *found != key => index = (index + 1) & mask,
                _ => return index,
            }
        }
    }

    fn grow(&mut self) {
        let doubled = vec![None; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        for (key, value) in old.into_iter().flatten() {
            let index = self.find(key);
            if let Some(slot) = self.slots.get_mut(index) {
                *slot = Some((key, value));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WordTable;

    #[test]
    fn every_length_is_told_apart_from_its_neighbours() {
        let mut table = WordTable::default();
        let words: Vec<String> = (0..=40)
            .map(|length| "abcdefghijklmnopqrstuvwxyz0123456789ABCDEF"[..length].to_owned())
            .collect();
        for (index, word) in words.iter().enumerate() {
            table.insert(word, index);
        }
        for (index, word) in words.iter().enumerate() {
            assert_eq!(table.get(word), Some(index), "{word:?}");
        }
        assert_eq!(table.get("abcdefghijklmnopqrstuvwxyZ"), None);
        assert_eq!(table.get("abD"), None);
        assert_eq!(table.get("aXc"), None, "the middle byte of three counts");
        assert_eq!(
            table.get("abcdeXghi"),
            None,
            "a byte inside the halves counts"
        );
    }

    #[test]
    fn it_grows_and_keeps_what_it_holds() {
        let mut table = WordTable::with_capacity(1);
        for number in 0..5_000u32 {
            *table.entry(&format!("w{number}")) += number;
        }
        assert!((0..5_000u32).all(|number| table.get(&format!("w{number}")) == Some(number)));
        assert!(!table.contains("w5000"));
        assert!(table.contains("w4999"));
        assert!(!table.contains(""));
        table.insert("", 7);
        assert_eq!(table.get(""), Some(7));
    }

    #[test]
    fn a_word_is_found_in_any_ascii_case() {
        let mut table = WordTable::default();
        for word in [
            "said",
            "spokeswoman",
            "a",
            "ab",
            "abc",
            "abcdefghijklmnopqrstu",
            "école",
        ] {
            table.insert(word, word.len());
        }
        for word in ["SAID", "Said", "sAiD", "SpokesWoman", "A", "aB", "ABC"] {
            assert_eq!(table.get_ascii_lowercase(word), Some(word.len()), "{word}");
        }
        assert_eq!(table.get_ascii_lowercase("ABCDEFGHIJKLMNOPQRSTU"), Some(21));
        assert_eq!(table.get_ascii_lowercase("école"), Some(6));
        assert_eq!(
            table.get_ascii_lowercase("ÉCOLE"),
            None,
            "only ASCII capitals are lowered"
        );
        assert_eq!(table.get_ascii_lowercase("SAID!"), None);
        // Every byte around the letters stays as it is.
        for byte in 0u8..=255 {
            let lowered = super::ascii_lowercase(u64::from(byte));
            assert_eq!(lowered, u64::from(byte.to_ascii_lowercase()), "{byte}");
        }
    }

    #[test]
    fn non_ascii_words_are_bytes_like_any_other() {
        let mut table = WordTable::default();
        table.insert("Khamenei’s", 1);
        table.insert("東京", 2);
        assert_eq!(table.get("Khamenei’s"), Some(1));
        assert_eq!(table.get("東京"), Some(2));
        assert_eq!(table.get("Khamenei"), None);
    }
}
