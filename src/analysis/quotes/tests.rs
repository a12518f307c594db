//! Specification-style tests of the scanner: each test is an article with the expected
//! quotations drawn under it as caret lines.
//!
//! `^` marks the content of a quotation piece (`quote N (kind)`, with `piece i/k` when the
//! quotation has several), `~` the content of a quotation nested in quotation N, and `!` a
//! mark that does not pair up.

use expect_test::{Expect, expect, expect_file};
use proptest::prelude::*;

use super::*;
use crate::analysis::DocumentFormat;

fn scan_text(text: &str) -> Scan {
    let prose = Prose::new(text, DocumentFormat::PlainText);
    scan(&prose, &[])
}

/// One annotation: a range and how to draw it.
struct Annotation {
    range: TextRange,
    caret: char,
    label: String,
}

/// The text, each line followed by caret lines for the quotation pieces, nested quotations and
/// mark problems on it.
fn render(text: &str, scan: &Scan) -> String {
    let mut annotations = Vec::new();
    for (number, quote) in scan.quotes.iter().enumerate() {
        let count = quote.pieces.len();
        for (index, piece) in quote.pieces.iter().enumerate() {
            let mut label = format!("quote {}", number + 1);
            if count > 1 {
                label.push_str(&format!(" piece {}/{count}", index + 1));
            }
            label.push_str(&format!(" ({})", quote.kind.as_str()));
            annotations.push(Annotation {
                range: piece.content,
                caret: '^',
                label,
            });
        }
        for nested in &quote.nested {
            annotations.push(Annotation {
                range: *nested,
                caret: '~',
                label: format!("nested in quote {}", number + 1),
            });
        }
    }
    for problem in &scan.mark_problems {
        let label = match problem.kind {
            MarkProblemKind::NeverClosed => "mark never closed",
            MarkProblemKind::NeverOpened => "mark never opened",
        };
        annotations.push(Annotation {
            range: problem.range,
            caret: '!',
            label: label.to_owned(),
        });
    }
    annotations.sort_by_key(|annotation| (annotation.range.start, annotation.range.end));

    let mut out = String::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let shown = line.strip_suffix('\r').unwrap_or(line);
        let line_end = line_start + shown.len();
        out.push_str(shown.trim_end());
        out.push('\n');
        for annotation in &annotations {
            let start = annotation.range.start.max(line_start);
            let end = annotation.range.end.min(line_end);
            if start >= end || (annotation.range.start < line_start && start == end) {
                continue;
            }
            let column = display_width(&text[line_start..start]);
            let width = display_width(&text[start..end]);
            let continued = if annotation.range.start < line_start {
                " (continued)"
            } else {
                ""
            };
            out.push_str(&" ".repeat(column));
            out.push_str(&annotation.caret.to_string().repeat(width));
            out.push_str(&format!(" {}{continued}\n", annotation.label));
        }
        line_start += line.len() + 1;
    }
    out
}

/// Columns taken by `text` in a monospace font: CJK characters take two.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '\u{1100}'..='\u{115F}'
            | '\u{2E80}'..='\u{A4CF}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FF60}'
            | '\u{FFE0}'..='\u{FFE6}' => 2,
            _ => 1,
        })
        .sum()
}

fn check(text: &str, expected: Expect) {
    let scan = scan_text(text);
    expected.assert_eq(&render(text, &scan));
}

#[test]
fn curly_double_quote_with_attribution() {
    check(
        "“We will rebuild,” the mayor said.",
        expect![[r#"
            “We will rebuild,” the mayor said.
             ^^^^^^^^^^^^^^^^ quote 1 (direct)
        "#]],
    );
}

#[test]
fn straight_double_quotes_only() {
    check(
        "\"It was complete,\" he said. The group vowed \"harsh revenge\" and left.\n\nShe said: \"Yes.\"",
        expect![[r#"
            "It was complete," he said. The group vowed "harsh revenge" and left.
             ^^^^^^^^^^^^^^^^ quote 1 (direct)
                                                         ^^^^^^^^^^^^^ quote 2 (partial)

            She said: "Yes."
                       ^^^^ quote 3 (direct)
        "#]],
    );
}

#[test]
fn guillemets_with_and_without_inner_spaces() {
    check(
        "« Nous allons reconstruire », a dit le maire.\n\nEr sagte «Nein» und ging.\n\n»Danish style« and ›single‹, ‹also› fine.",
        expect![[r#"
            « Nous allons reconstruire », a dit le maire.
              ^^^^^^^^^^^^^^^^^^^^^^^^ quote 1 (direct)

            Er sagte «Nein» und ging.
                      ^^^^ quote 2 (direct)

            »Danish style« and ›single‹, ‹also› fine.
             ^^^^^^^^^^^^ quote 3 (direct)
                                ^^^^^^ quote 4 (partial)
                                          ^^^^ quote 5 (partial)
        "#]],
    );
}

#[test]
fn german_low_nine_marks_with_a_nested_quote() {
    check(
        "„Er sagte ‚nein‘ zweimal“, berichtete sie.",
        expect![[r#"
            „Er sagte ‚nein‘ zweimal“, berichtete sie.
             ^^^^^^^^^^^^^^^^^^^^^^^ quote 1 (direct)
                       ~~~~ nested in quote 1
        "#]],
    );
}

#[test]
fn corner_brackets_with_a_nested_quote() {
    check(
        "彼は「私は『はい』と言った」と述べた。",
        expect![[r#"
        彼は「私は『はい』と言った」と述べた。
              ^^^^^^^^^^^^^^^^^^^^ quote 1 (direct)
                    ~~~~ nested in quote 1
    "#]],
    );
}

#[test]
fn single_quoted_headline_is_a_headline() {
    check(
        "He noted, “It is wrong.”\n\n‘Martyrdom of Gen. Soleimani shows Islamic Revolution is alive’\n\n'A straight single-quoted subheading'\n\n“You saw what happened in Tehran and other cities.”",
        expect![[r#"
            He noted, “It is wrong.”
                       ^^^^^^^^^^^^ quote 1 (direct)

            ‘Martyrdom of Gen. Soleimani shows Islamic Revolution is alive’
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 2 (headline)

            'A straight single-quoted subheading'
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 3 (headline)

            “You saw what happened in Tehran and other cities.”
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 4 (direct)
        "#]],
    );
}

#[test]
fn markdown_heading_quoted_is_a_headline() {
    let text = "## “Rebuild the town”\n\n> **‘We will not leave’**\n\n- “a listed phrase”";
    let prose = Prose::new(text, DocumentFormat::Markdown);
    let scan = scan(&prose, &[]);
    expect![[r#"
        ## “Rebuild the town”
            ^^^^^^^^^^^^^^^^ quote 1 (headline)

        > **‘We will not leave’**
             ^^^^^^^^^^^^^^^^^ quote 2 (headline)

        - “a listed phrase”
           ^^^^^^^^^^^^^^^ quote 3 (partial)
    "#]]
    .assert_eq(&render(text, &scan));
}

#[test]
fn news_styles_with_apostrophes_inside_quotes() {
    check(
        "\"We're the players' union,\" said Smith. \"It's the fans' game.\"\n\n‘I don’t think it’s fair,’ said the judge. ‘The defendants’ lawyers were late.’\n\n'I don't think it's fair,' said the judge, 'and the Joneses' case is weak.'\n\n\"Yes.\" \"No.\" He said\"Hello\"to all. \"The end.\"[1]",
        expect![[r#"
            "We're the players' union," said Smith. "It's the fans' game."
             ^^^^^^^^^^^^^^^^^^^^^^^^^ quote 1 (direct)
                                                     ^^^^^^^^^^^^^^^^^^^^ quote 2 (direct)

            ‘I don’t think it’s fair,’ said the judge. ‘The defendants’ lawyers were late.’
             ^^^^^^^^^^^^^^^^^^^^^^^^ quote 3 (direct)
                                                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 4 (direct)

            'I don't think it's fair,' said the judge, 'and the Joneses' case is weak.'
             ^^^^^^^^^^^^^^^^^^^^^^^^ quote 5 (direct)
                                                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 6 (partial)

            "Yes." "No." He said"Hello"to all. "The end."[1]
             ^^^^ quote 7 (direct)
                    ^^^ quote 8 (direct)
                                 ^^^^^ quote 9 (direct)
                                                ^^^^^^^^ quote 10 (direct)
        "#]],
    );
}

#[test]
fn apostrophes_are_not_quotes() {
    check(
        "Don’t blame the United States’ allies for the ’90s, rock ’n’ roll or five o’clock.\n\nThe general’s hometown and the people’s opinion; the players’ union.\n\nDon't blame the States' allies for the '90s, rock 'n' roll or five o'clock, y'all.",
        expect![[r#"
            Don’t blame the United States’ allies for the ’90s, rock ’n’ roll or five o’clock.

            The general’s hometown and the people’s opinion; the players’ union.

            Don't blame the States' allies for the '90s, rock 'n' roll or five o'clock, y'all.
        "#]],
    );
}

#[test]
fn possessive_inside_a_single_quoted_quote_does_not_end_it() {
    check(
        "‘The players’ bags were lost,’ the coach said.\n\nHe called it ‘the Smiths’ house’ twice.",
        expect![[r#"
            ‘The players’ bags were lost,’ the coach said.
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 1 (direct)

            He called it ‘the Smiths’ house’ twice.
                          ^^^^^^^^^^^^^^^^^ quote 2 (partial)
        "#]],
    );
}

#[test]
fn apostrophes_inside_double_quotes_stay_inside() {
    check(
        "“The United States’ corruptive presence must end. We’re sure,” he said of the ’90s.",
        expect![[r#"
            “The United States’ corruptive presence must end. We’re sure,” he said of the ’90s.
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 1 (direct)
        "#]],
    );
}

#[test]
fn quote_inside_a_quote_is_nested() {
    check(
        "“He said ‘no’ twice,” she said. \"They called it 'fake' and \"rigged\",\" he said.",
        expect![[r#"
            “He said ‘no’ twice,” she said. "They called it 'fake' and "rigged"," he said.
             ^^^^^^^^^^^^^^^^^^^ quote 1 (direct)
                      ~~ nested in quote 1
                                             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 2 (direct)
                                                             ~~~~ nested in quote 2
                                                                        ~~~~~~ nested in quote 2
        "#]],
    );
}

#[test]
fn british_style_single_quotes_with_nested_double() {
    check(
        "‘We will rebuild,’ the mayor said, ‘and the “new town” will stand.’",
        expect![[r#"
            ‘We will rebuild,’ the mayor said, ‘and the “new town” will stand.’
             ^^^^^^^^^^^^^^^^ quote 1 (direct)
                                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 2 (partial)
                                                         ~~~~~~~~ nested in quote 2
        "#]],
    );
}

#[test]
fn quotation_over_several_paragraphs_is_one_quote() {
    check(
        "He wrote:\n\n“The first paragraph of the letter.\n\n“The second one, with ‘a term’ inside.\n\n“The last paragraph.” He signed it.\n\n“A new quote.”",
        expect![[r#"
            He wrote:

            “The first paragraph of the letter.
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 1 piece 1/3 (direct)

            “The second one, with ‘a term’ inside.
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 1 piece 2/3 (direct)
                                   ~~~~~~ nested in quote 1

            “The last paragraph.” He signed it.
             ^^^^^^^^^^^^^^^^^^^ quote 1 piece 3/3 (direct)

            “A new quote.”
             ^^^^^^^^^^^^ quote 2 (direct)
        "#]],
    );
}

#[test]
fn quotation_over_paragraphs_in_every_family() {
    check(
        "\"Straight one.\n\n\"Straight two.\"\n\n„Deutsch eins.\n\n„Deutsch zwei.“\n\n« Français un.\n\n» Français deux. »\n\n«Encore un.\n\n«Encore deux.»\n\n「一。\n\n「二。」",
        expect![[r#"
            "Straight one.
             ^^^^^^^^^^^^^ quote 1 piece 1/2 (direct)

            "Straight two."
             ^^^^^^^^^^^^^ quote 1 piece 2/2 (direct)

            „Deutsch eins.
             ^^^^^^^^^^^^^ quote 2 piece 1/2 (direct)

            „Deutsch zwei.“
             ^^^^^^^^^^^^^ quote 2 piece 2/2 (direct)

            « Français un.
              ^^^^^^^^^^^^ quote 3 piece 1/2 (direct)

            » Français deux. »
              ^^^^^^^^^^^^^^ quote 3 piece 2/2 (direct)

            «Encore un.
             ^^^^^^^^^^ quote 4 piece 1/2 (direct)

            «Encore deux.»
             ^^^^^^^^^^^^ quote 4 piece 2/2 (direct)

            「一。
              ^^^^ quote 5 piece 1/2 (direct)

            「二。」
              ^^^^ quote 5 piece 2/2 (direct)
        "#]],
    );
}

#[test]
fn thin_space_before_a_closing_mark() {
    check(
        "She said \"[i]t felt like 'am I going to live or am I going to die?'\u{2009}\".",
        expect![[r#"
            She said "[i]t felt like 'am I going to live or am I going to die?' ".
                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 1 (direct)
                                      ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~ nested in quote 1
        "#]],
    );
}

#[test]
fn quote_broken_around_an_editorial_insertion_is_one_quote() {
    check(
        "Pointing to the crowds, the Leader said, “The people slapped them\n\n[the U.S.]\n\nin the mouth.”\n\n“You saw what happened in Tehran and other cities.”",
        expect![[r#"
            Pointing to the crowds, the Leader said, “The people slapped them
                                                      ^^^^^^^^^^^^^^^^^^^^^^^ quote 1 piece 1/3 (direct)

            [the U.S.]
            ^^^^^^^^^^ quote 1 piece 2/3 (direct)

            in the mouth.”
            ^^^^^^^^^^^^^ quote 1 piece 3/3 (direct)

            “You saw what happened in Tehran and other cities.”
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 2 (direct)
        "#]],
    );
}

#[test]
fn brackets_and_ellipses_inside_a_quote_belong_to_it() {
    check(
        "She said \"[i]t was ... over\" and \"they [the police] left…\"",
        expect![[r#"
            She said "[i]t was ... over" and "they [the police] left…"
                      ^^^^^^^^^^^^^^^^^ quote 1 (direct)
                                              ^^^^^^^^^^^^^^^^^^^^^^^ quote 2 (partial)
        "#]],
    );
}

#[test]
fn quote_interrupted_by_its_attribution_is_two_quotes() {
    check(
        "“The issue of revenge is another issue,” he said, “and such actions will not be enough.”",
        expect![[r#"
            “The issue of revenge is another issue,” he said, “and such actions will not be enough.”
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 1 (direct)
                                                               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 2 (partial)
        "#]],
    );
}

#[test]
fn unclosed_opening_mark_is_contained_in_its_paragraph() {
    check(
        "“This quote is never closed, although “this one” is.\n\nThe next paragraph is fine, “he said.”\n\n\"Straight and unclosed\n\nStill \"fine\" here.",
        expect![[r#"
            “This quote is never closed, although “this one” is.
            ! mark never closed
                                                   ^^^^^^^^ quote 1 (partial)

            The next paragraph is fine, “he said.”
                                         ^^^^^^^^ quote 2 (partial)

            "Straight and unclosed
            ! mark never closed

            Still "fine" here.
                   ^^^^ quote 3 (partial)
        "#]],
    );
}

#[test]
fn quotation_over_paragraphs_never_closed_is_a_problem_at_its_last_opening() {
    check(
        "“First paragraph.\n\n“Second, with “inner” words.\n\nAfter it, “fine.”",
        expect![[r#"
            “First paragraph.

            “Second, with “inner” words.
            ! mark never closed
                           ^^^^^ quote 1 (partial)

            After it, “fine.”
                       ^^^^^ quote 2 (partial)
        "#]],
    );
}

#[test]
fn stray_closing_marks_are_problems_but_apostrophes_are_not() {
    check(
        "He left.” Then «this» and this» but not the States’ or 'em.\n\nA lone ’ and a lone ' make no problem.",
        expect![[r#"
            He left.” Then «this» and this» but not the States’ or 'em.
                    ! mark never opened
                            ^^^^ quote 1 (partial)
                                          ! mark never opened

            A lone ’ and a lone ' make no problem.
        "#]],
    );
}

#[test]
fn unclosed_curly_single_before_a_word_is_a_problem_but_straight_is_not() {
    check(
        "They chanted ‘never again for hours.\n\nThey chanted 'never again for hours.",
        expect![[r#"
            They chanted ‘never again for hours.
                         ! mark never closed

            They chanted 'never again for hours.
        "#]],
    );
}

#[test]
fn inch_marks_and_breadcrumbs_are_not_quotes() {
    check(
        "A 12\" pipe and a 6'2\" man.\n\nHome » News » World",
        expect![[r#"
            A 12" pipe and a 6'2" man.

            Home » News » World
        "#]],
    );
}

#[test]
fn crossing_marks_keep_the_outer_pair() {
    check(
        "“a ‘b” c’ and «d “e» f”.",
        expect![[r#"
        “a ‘b” c’ and «d “e» f”.
         ^^^^ quote 1 (partial)
                       ^^^^ quote 2 (partial)
                         ! mark never closed
                              ! mark never opened
    "#]],
    );
}

#[test]
fn crlf_text() {
    check(
        "“We will rebuild,” the mayor said.\r\n\r\n“It is long.\r\n\r\n“It goes on,” she added.\r\n",
        expect![[r#"
            “We will rebuild,” the mayor said.
             ^^^^^^^^^^^^^^^^ quote 1 (direct)

            “It is long.
             ^^^^^^^^^^^ quote 2 piece 1/2 (direct)

            “It goes on,” she added.
             ^^^^^^^^^^^ quote 2 piece 2/2 (direct)

        "#]],
    );
}

#[test]
fn non_breaking_space_after_a_closing_mark() {
    check(
        "“You saw what happened in Tehran and other cities.”\u{a0}\n\nHe said \"no.\"\u{a0}Then \u{a0}“yes”\u{202f}.",
        expect![[r#"
            “You saw what happened in Tehran and other cities.”
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 1 (direct)

            He said "no." Then  “yes” .
                     ^^^ quote 2 (partial)
                                 ^^^ quote 3 (partial)
        "#]],
    );
}

#[test]
fn initial_kinds() {
    check(
        "He said “Direct words.” and “partial words” and “2020 was hard.” and “…and more” and “[o]ther than that, no.”\n\n“A whole paragraph that ends a sentence.”\n\n“A whole-paragraph title”",
        expect![[r#"
            He said “Direct words.” and “partial words” and “2020 was hard.” and “…and more” and “[o]ther than that, no.”
                     ^^^^^^^^^^^^^ quote 1 (direct)
                                         ^^^^^^^^^^^^^ quote 2 (partial)
                                                             ^^^^^^^^^^^^^^ quote 3 (direct)
                                                                                  ^^^^^^^^^ quote 4 (partial)
                                                                                                  ^^^^^^^^^^^^^^^^^^^^^^ quote 5 (direct)

            “A whole paragraph that ends a sentence.”
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ quote 6 (direct)

            “A whole-paragraph title”
             ^^^^^^^^^^^^^^^^^^^^^^^ quote 7 (headline)
        "#]],
    );
}

#[test]
fn empty_quotes_are_not_quotations() {
    check(
        "He said “” and \"\" and “ ”.",
        expect![[r#"
        He said “” and "" and “ ”.
    "#]],
    );
}

#[test]
fn single_quoted_words_next_to_possessives() {
    check(
        "The girls’ ‘best’ friend and the boys' 'worst' enemy.",
        expect![[r#"
            The girls’ ‘best’ friend and the boys' 'worst' enemy.
                        ^^^^ quote 1 (partial)
                                                    ^^^^^ quote 2 (partial)
        "#]],
    );
}

#[test]
fn markdown_code_is_not_scanned() {
    let text = "He said “yes” in `“code”` and [“link”](http://x/“y”).";
    let prose = Prose::new(text, DocumentFormat::Markdown);
    let scan = scan(&prose, &[]);
    expect![[r#"
        He said “yes” in `“code”` and [“link”](http://x/“y”).
                 ^^^ quote 1 (partial)
                                        ^^^^ quote 2 (partial)
    "#]]
    .assert_eq(&render(text, &scan));
}

#[test]
fn the_sample_article() {
    let text = include_str!("../../../seeds/000_2c8c7d61181d0d35.txt");
    let scan = scan_text(text);
    expect_file!["sample_article.scan.txt"].assert_eq(&render(text, &scan));
}

#[test]
fn ten_thousand_levels_of_nesting() {
    let depth = 10_000;
    let text = format!("{}x{}", "“".repeat(depth), "”".repeat(depth));
    let scan = scan_text(&text);
    assert_eq!(scan.quotes.len(), 1);
    assert_eq!(scan.quotes[0].nested.len(), depth - 1);
    assert!(scan.mark_problems.is_empty());

    let text = format!("{}x{}", "«„\"".repeat(depth), "\"“»".repeat(depth));
    let scan = scan_text(&text);
    assert_eq!(scan.quotes.len(), 1);
    assert_eq!(scan.quotes[0].nested.len(), 3 * depth - 1);
    assert!(
        scan.mark_problems.is_empty(),
        "{}",
        scan.mark_problems.len()
    );
}

#[test]
fn nothing_but_opening_marks() {
    let text = "“".repeat(100_000);
    let scan = scan_text(&text);
    assert!(scan.quotes.is_empty());
    assert_eq!(scan.mark_problems.len(), 100_000);
    assert!(
        scan.mark_problems
            .iter()
            .all(|problem| problem.kind == MarkProblemKind::NeverClosed)
    );
}

#[test]
fn nothing_but_quotation_marks_of_every_kind() {
    let text = "\"'“”„‘’‚«»‹›「」『』\n\n".repeat(10_000) + &"\"".repeat(100_001);
    let scan = scan_text(&text);
    assert_ranges_are_valid(&text, &scan);
}

#[test]
fn nul_bytes_and_a_long_single_line() {
    let text = "He said \u{0}“a\u{0}b” and ‘c’ \0".repeat(50_000);
    let scan = scan_text(&text);
    assert_eq!(scan.quotes.len(), 100_000);
    assert_ranges_are_valid(&text, &scan);
}

/// Every range of the scan lies on `char` boundaries inside the text, pieces inside their
/// quotation, and quotations in text order without overlapping.
fn assert_ranges_are_valid(text: &str, scan: &Scan) {
    let valid = |range: TextRange| {
        range.start <= range.end
            && range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end)
    };
    let mut previous_end = 0;
    for quote in &scan.quotes {
        assert!(valid(quote.range), "{quote:?}");
        assert!(quote.range.start >= previous_end, "{quote:?}");
        previous_end = quote.range.end;
        assert!(!quote.pieces.is_empty());
        for piece in &quote.pieces {
            assert!(valid(piece.range) && valid(piece.content), "{piece:?}");
            assert!(quote.range.contains_range(piece.range), "{piece:?}");
            assert!(piece.range.contains_range(piece.content), "{piece:?}");
            for mark in piece.opening_mark.iter().chain(&piece.closing_mark) {
                assert!(
                    valid(*mark) && piece.range.contains_range(*mark),
                    "{piece:?}"
                );
            }
        }
        for nested in &quote.nested {
            assert!(valid(*nested) && quote.range.contains_range(*nested));
        }
    }
    for problem in &scan.mark_problems {
        assert!(valid(problem.range) && !problem.range.is_empty());
    }
}

/// Text made mostly of quotation marks, apostrophes, white space, brackets and a few letters,
/// with the odd arbitrary character.
fn markish_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        8 => prop::sample::select(vec![
            "\"", "'", "“", "”", "„", "‘", "’", "‚", "«", "»", "‹", "›", "「", "」", "『", "』",
            " ", "\n", "\n\n", "\r\n", "\u{a0}", "[", "]", "[x]", ".", ",", "s", "a", "A", "9",
            "\0", "—",
        ])
        .prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 0..80).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn scan_never_panics_and_ranges_are_valid(text in markish_text()) {
        let scan = scan_text(&text);
        assert_ranges_are_valid(&text, &scan);
    }

    #[test]
    fn scan_of_arbitrary_text_is_valid(text in any::<String>()) {
        let scan = scan_text(&text);
        assert_ranges_are_valid(&text, &scan);
    }
}
