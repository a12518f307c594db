//! Folding names and words for comparison: lower case, no accents, no punctuation.

use crate::analysis::misquote::fold_char;

/// `Ali Khamenei`, `ALI KHAMENEÏ` and `Ali  Khamenei.` all fold to `ali khamenei`: lower case,
/// Latin accents removed, full stops and apostrophes dropped (`U.S.` is `us`, `O’Brien` is
/// `obrien`), any other punctuation or white space a single space.
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for character in name.chars() {
        if character.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            fold_char(character, &mut out);
        } else if matches!(character, '.' | '\'' | '’' | '‘') || is_combining(character) {
            // Part of the word: `U.S.`, `O’Brien`, a combining accent.
        } else {
            pending_space = true;
        }
    }
    out
}

fn is_combining(character: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&character)
}

/// The folded words of a text (as [`fold_name`] folds them), in order.
pub fn folded_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|character: char| {
        !(character.is_alphanumeric()
            || matches!(character, '.' | '\'' | '’' | '‘')
            || is_combining(character))
    })
    .map(fold_name)
    .filter(|word| !word.is_empty())
}

/// Calls `visit` with each folded word of `text` (the words of [`folded_words`]), folding into
/// `buffer` so that no word is allocated.
pub fn for_each_folded_word(text: &str, buffer: &mut String, mut visit: impl FnMut(&str)) {
    buffer.clear();
    for character in text.chars() {
        if character.is_alphanumeric() {
            fold_char(character, buffer);
        } else if matches!(character, '.' | '\'' | '’' | '‘') || is_combining(character) {
            // Inside a word (`U.S.`, `don’t`), or between words: nothing to add either way.
        } else if !buffer.is_empty() {
            visit(buffer);
            buffer.clear();
        }
    }
    if !buffer.is_empty() {
        visit(buffer);
        buffer.clear();
    }
}

/// A set of the characters of a folded name (a bit per letter or digit, the rest sharing bits),
/// to rule out most names for a query before comparing them.
pub fn char_mask(folded: &str) -> u64 {
    folded.chars().fold(0, |mask, character| {
        let bit = match character {
            ' ' => return mask,
            'a'..='z' => u32::from(character) - u32::from('a'),
            '0'..='9' => 26 + u32::from(character) - u32::from('0'),
            _ => 36 + u32::from(character) % 28,
        };
        mask | (1u64 << bit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_case_accents_and_punctuation() {
        assert_eq!(fold_name("Ali Khamenei"), "ali khamenei");
        assert_eq!(fold_name("  ALI   KHAMENEÏ. "), "ali khamenei");
        assert_eq!(fold_name("U.S."), "us");
        assert_eq!(fold_name("O’Brien-Smith"), "obrien smith");
        assert_eq!(fold_name("José Martí"), "jose marti");
    }

    #[test]
    fn words_of_a_quote_are_folded_in_order() {
        let text = "“A slap was delivered,” don’t … U.S. Zoë";
        let words: Vec<String> = folded_words(text).collect();
        assert_eq!(
            words,
            ["a", "slap", "was", "delivered", "dont", "us", "zoe"]
        );
        let mut visited = Vec::new();
        for_each_folded_word(text, &mut String::new(), |word| {
            visited.push(word.to_owned())
        });
        assert_eq!(visited, words);
    }

    #[test]
    fn a_name_that_lacks_a_query_character_is_ruled_out_by_its_mask() {
        let name = char_mask("ali khamenei");
        assert_eq!(char_mask("akh") & !name, 0);
        assert_ne!(char_mask("zq") & !name, 0);
    }
}
