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
        let words: Vec<String> = folded_words("“A slap was delivered,” don’t … U.S.").collect();
        assert_eq!(words, ["a", "slap", "was", "delivered", "dont", "us"]);
    }
}
