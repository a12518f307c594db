//! Annotations, as the writer would see their effect: the quotations with their speakers, the
//! entities and the findings.

use expect_test::{Expect, expect};

use super::edit;
use crate::analysis::fixture::render;
use crate::analysis::{
    AliasDeclaration, Check, Config, DocumentFormat, WorkspaceAnnotations, analyze_in_workspace,
};

fn report(text: &str, format: DocumentFormat, workspace: &WorkspaceAnnotations) -> String {
    let analysis = analyze_in_workspace(text, &Config { format }, workspace);
    let mut out = render(text, &analysis);
    for entity in &analysis.entities {
        out.push_str(&format!(
            "entity {} ({}): {}\n",
            entity.name,
            entity.kind.as_str(),
            entity
                .mentions
                .iter()
                .map(|mention| mention.slice(text))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for finding in &analysis.findings {
        out.push_str(&format!(
            "{} {} at “{}”: {}\n",
            finding.severity.as_str(),
            finding.check.code(),
            finding.range.slice(text),
            finding.message
        ));
    }
    out
}

fn check_plain(text: &str, expected: Expect) {
    expected.assert_eq(&report(
        text,
        DocumentFormat::PlainText,
        &WorkspaceAnnotations::default(),
    ));
}

fn check_markdown(text: &str, expected: Expect) {
    expected.assert_eq(&report(
        text,
        DocumentFormat::Markdown,
        &WorkspaceAnnotations::default(),
    ));
}

const UNATTRIBUTED: &str = "The council met on Monday.\n\n“We will rebuild the bridge by spring.”\n\n“Nobody asked us,” Jane Doe said.\n";

#[test]
fn without_annotations_the_first_quote_has_no_speaker() {
    check_plain(
        UNATTRIBUTED,
        expect![[r#"
            The council met on Monday.

            “We will rebuild the bridge by spring.”
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: no speaker

            “Nobody asked us,” Jane Doe said.
             ^^^^^^^^^^^^^^^^ direct: Jane Doe (speech-verb, name “Jane Doe”)
            entity Jane Doe (person): Jane Doe
            warning unattributed-quote at ““We will rebuild the bridge by spring.””: quotation has no speaker
        "#]],
    );
}

#[test]
fn front_matter_pins_a_quote_by_its_opening_words_and_is_not_prose() {
    let text = format!(
        "---\ntitle: “Bridge” story\nnewsls:\n  speakers:\n    \"We will rebuild\": Mayor Ann Lee\n---\n{UNATTRIBUTED}"
    );
    check_plain(
        &text,
        expect![[r#"
            ---
            title: “Bridge” story
            newsls:
              speakers:
                "We will rebuild": Mayor Ann Lee
            ---
            The council met on Monday.

            “We will rebuild the bridge by spring.”
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Mayor Ann Lee (annotation, name “Mayor Ann Lee”)

            “Nobody asked us,” Jane Doe said.
             ^^^^^^^^^^^^^^^^ direct: Jane Doe (speech-verb, name “Jane Doe”)
            entity Jane Doe (person): Jane Doe
        "#]],
    );
}

#[test]
fn the_hover_of_a_pinned_quote_says_so() {
    let text = format!(
        "---\nnewsls:\n  speakers:\n    \"We will rebuild\": Jane Doe\n---\n{UNATTRIBUTED}"
    );
    let analysis = crate::analysis::analyze(&text, &Config::default());
    let offset = text.find("“We will").unwrap_or(0) + 3;
    let hover = crate::analysis::hover::hover(&analysis, &text, offset);
    let markdown = hover.map(|hover| hover.markdown).unwrap_or_default();
    assert!(markdown.contains("**Jane Doe**"), "{markdown}");
    assert!(markdown.contains("pinned by annotation"), "{markdown}");
    let outline = crate::analysis::outline::outline(&analysis, &text);
    assert_eq!(outline[0].label, "Jane Doe", "{outline:#?}");
    assert_eq!(outline[0].children.len(), 2, "{outline:#?}");
    assert_eq!(
        outline[0].children[0].detail.as_deref(),
        Some("pinned by annotation")
    );
}

#[test]
fn a_stale_pin_is_information_on_the_pin_and_nothing_else_breaks() {
    let text =
        format!("---\nnewsls:\n  speakers:\n    \"Deleted words\": Jane Doe\n---\n{UNATTRIBUTED}");
    check_plain(
        &text,
        expect![[r#"
            ---
            newsls:
              speakers:
                "Deleted words": Jane Doe
            ---
            The council met on Monday.

            “We will rebuild the bridge by spring.”
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: no speaker

            “Nobody asked us,” Jane Doe said.
             ^^^^^^^^^^^^^^^^ direct: Jane Doe (speech-verb, name “Jane Doe”)
            entity Jane Doe (person): Jane Doe
            info stale-annotation at “"Deleted words": Jane Doe”: no quotation begins with “Deleted words”: this pin has no effect
            warning unattributed-quote at ““We will rebuild the bridge by spring.””: quotation has no speaker
        "#]],
    );
}

#[test]
fn malformed_front_matter_is_one_finding_and_the_article_is_still_analysed() {
    let text = format!(
        "---\nnewsls:\n  speakers: [oops\n  ignore: [unattributed-quote]\n---\n{UNATTRIBUTED}"
    );
    check_plain(
        &text,
        expect![[r#"
            ---
            newsls:
              speakers: [oops
              ignore: [unattributed-quote]
            ---
            The council met on Monday.

            “We will rebuild the bridge by spring.”
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: no speaker

            “Nobody asked us,” Jane Doe said.
             ^^^^^^^^^^^^^^^^ direct: Jane Doe (speech-verb, name “Jane Doe”)
            entity Jane Doe (person): Jane Doe
            warning malformed-annotation at “[oops”: annotation not applied: list opened with `[` is not closed by `]`
            warning unattributed-quote at ““We will rebuild the bridge by spring.””: quotation has no speaker
        "#]],
    );
}

#[test]
fn malformed_front_matter_messages_name_the_problem() {
    let cases = [
        ("newsls:\n  speakers:\n    - a\n", "`speakers` holds"),
        ("newsls:\n  colour: red\n", "unknown key `colour`"),
        (
            "newsls:\n  ignore: [no-such-check]\n",
            "unknown check `no-such-check`",
        ),
        ("newsls:\n  aliases:\n    A: {b: c}\n", "flow maps"),
        ("newsls:\n  aliases:\n    A: [b\n", "not closed"),
        ("newsls:\n  speakers:\n    \"open: x\n", "not closed"),
        (
            "newsls:\n  speakers:\n     \"a\": b\n    \"c\": d\n",
            "indentation",
        ),
        ("newsls:\n\tignore: []\n", "tabs"),
    ];
    for (body, expected) in cases {
        let text = format!("---\n{body}---\n“Hi,” she said.\n");
        let annotations = super::parse(&text, DocumentFormat::PlainText);
        let messages: Vec<&str> = annotations
            .errors
            .iter()
            .map(|error| error.message.as_str())
            .collect();
        assert!(
            messages.iter().any(|message| message.contains(expected)),
            "{body:?}: {messages:?}"
        );
    }
}

#[test]
fn an_unclosed_front_matter_is_reported_on_its_opening_line() {
    let text = "---\nnewsls:\n“Hi,” she said.\n";
    let analysis = crate::analysis::analyze(text, &Config::default());
    let malformed: Vec<_> = analysis
        .findings
        .iter()
        .filter(|finding| finding.check == Check::MalformedAnnotation)
        .map(|finding| finding.range.slice(text))
        .collect();
    assert_eq!(malformed, ["---"]);
    assert_eq!(analysis.quotes.len(), 1);
}

#[test]
fn document_ignore_drops_the_warning() {
    let text = format!("---\nnewsls:\n  ignore: [unattributed-quote]\n---\n{UNATTRIBUTED}");
    let analysis = crate::analysis::analyze(&text, &Config::default());
    assert!(analysis.findings.is_empty(), "{:?}", analysis.findings);
}

#[test]
fn plain_text_inline_annotations_apply_to_the_next_paragraph_only() {
    let text = "%% newsls: ignore unattributed-quote\n“First, unattributed.”\n\n“Second, unattributed.”\n\n%% newsls: speaker \"Ann Lee\"\n“Third.”\n";
    check_plain(
        text,
        expect![[r#"
            %% newsls: ignore unattributed-quote
            “First, unattributed.”
             ^^^^^^^^^^^^^^^^^^^^ direct: no speaker

            “Second, unattributed.”
             ^^^^^^^^^^^^^^^^^^^^^ direct: no speaker

            %% newsls: speaker "Ann Lee"
            “Third.”
             ^^^^^^ direct: Ann Lee (annotation, name “"Ann Lee"”)
            entity First (organization): First
            warning unattributed-quote at ““Second, unattributed.””: quotation has no speaker
        "#]],
    );
}

#[test]
fn a_pin_by_opening_words_overrides_a_paragraph_pin() {
    let text = "---\nnewsls:\n  speakers:\n    \"Second\": Bo Li\n---\n%% newsls: speaker Ann Lee\n“First,” and “Second.”\n";
    let analysis = crate::analysis::analyze(text, &Config::default());
    let speakers: Vec<Option<&str>> = analysis
        .quotes
        .iter()
        .map(|quote| quote.speaker())
        .collect();
    assert_eq!(speakers, [Some("Ann Lee"), Some("Bo Li")]);
}

#[test]
fn markdown_code_blocks_hold_no_annotations() {
    let text = "```\n<!-- newsls: ignore unattributed-quote -->\n```\n\n“Unclaimed.”\n";
    let annotations = super::parse(text, DocumentFormat::Markdown);
    assert!(annotations.ignores.is_empty(), "{annotations:?}");
}

#[test]
fn editorial_brackets_are_not_annotations() {
    let text =
        "“[The U.S.] will act,” she said.\n\n[newsls: ignore unattributed-quote]\n“Alone.”\n";
    let annotations = super::parse(text, DocumentFormat::PlainText);
    assert_eq!(annotations, super::Annotations::default());
}

#[test]
fn markdown_comments_pin_and_ignore_and_plain_markers_do_nothing_there() {
    let text = "<!-- newsls: speaker \"Ann Lee\"; ignore unbalanced-quote-mark -->\n“Pinned.”\n\n<!-- newsls: ignore unattributed-quote -->\n“Ignored.”\n\n%% newsls: ignore unattributed-quote\n“Still warned.”\n";
    check_markdown(
        text,
        expect![[r#"
            <!-- newsls: speaker "Ann Lee"; ignore unbalanced-quote-mark -->
            “Pinned.”
             ^^^^^^^ direct: Ann Lee (annotation, name “"Ann Lee"”)

            <!-- newsls: ignore unattributed-quote -->
            “Ignored.”
             ^^^^^^^^ direct: no speaker

            %% newsls: ignore unattributed-quote
            “Still warned.”
             ^^^^^^^^^^^^^ direct: no speaker
            warning unattributed-quote at ““Still warned.””: quotation has no speaker
        "#]],
    );
}

#[test]
fn aliases_merge_entities_and_rename_their_speakers() {
    let text = "---\nnewsls:\n  aliases:\n    Robert Smith: [Bobby Smith, the Boss]\n---\nRobert Smith arrived in Leeds.\n\n“We will not yield,” Bobby Smith said.\n\nThe Boss smiled.\n";
    check_plain(
        text,
        expect![[r#"
            ---
            newsls:
              aliases:
                Robert Smith: [Bobby Smith, the Boss]
            ---
            Robert Smith arrived in Leeds.

            “We will not yield,” Bobby Smith said.
             ^^^^^^^^^^^^^^^^^^ direct: Robert Smith (speech-verb, name “Bobby Smith”)

            The Boss smiled.
            entity Robert Smith (person): Robert Smith, Bobby Smith, Boss
            entity Leeds (place): Leeds
        "#]],
    );
    // Without the declaration, the two names are two people.
    let body = text.split("---\n").nth(2).unwrap_or("");
    let plain = crate::analysis::analyze(body, &Config::default());
    assert_eq!(plain.quotes[0].speaker(), Some("Bobby Smith"));
}

#[test]
fn workspace_aliases_and_ignores_apply_like_front_matter_ones() {
    let workspace = WorkspaceAnnotations {
        aliases: vec![AliasDeclaration {
            name: "Jane Doe".to_owned(),
            aliases: vec!["the mayor".to_owned()],
        }],
        ignore: vec![Check::UnattributedQuote],
    };
    let text = "“Unclaimed.”\n\nJane Doe opened the bridge.\n\n“It is done,” the mayor said.\n";
    expect![[r#"
        “Unclaimed.”
         ^^^^^^^^^^ direct: no speaker

        Jane Doe opened the bridge.

        “It is done,” the mayor said.
         ^^^^^^^^^^^ direct: Jane Doe (speech-verb, role “the mayor”)
        entity Jane Doe (person): Jane Doe, the mayor
    "#]]
    .assert_eq(&report(text, DocumentFormat::PlainText, &workspace));
}

/// Applies an edit to `text`.
fn applied(text: &str, edit: &edit::TextEdit) -> String {
    let mut out = text.to_owned();
    out.replace_range(edit.range.as_range(), &edit.new_text);
    out
}

#[test]
fn pin_edits_create_extend_and_update_the_front_matter() {
    let analysis = crate::analysis::analyze(UNATTRIBUTED, &Config::default());
    let quote = &analysis.quotes[0];
    let key = edit::pin_key(quote, &analysis.quotes, UNATTRIBUTED);
    assert_eq!(key, "We will rebuild the");

    // No front matter: one is inserted at the top, and nothing else changes.
    let annotations = super::parse(UNATTRIBUTED, DocumentFormat::PlainText);
    let Some(created) = edit::pin_speaker(UNATTRIBUTED, &annotations, &key, "Ann Lee") else {
        panic!("a front matter can always be created");
    };
    assert!(created.range.is_empty() && created.range.start == 0);
    let once = applied(UNATTRIBUTED, &created);
    expect![[r#"
        ---
        newsls:
          speakers:
            "We will rebuild the": Ann Lee
        ---
        The council met on Monday.

        “We will rebuild the bridge by spring.”

        “Nobody asked us,” Jane Doe said.
    "#]]
    .assert_eq(&once);
    let reanalysed = crate::analysis::analyze(&once, &Config::default());
    assert_eq!(reanalysed.quotes[0].speaker(), Some("Ann Lee"));
    assert!(reanalysed.findings.is_empty(), "{:?}", reanalysed.findings);

    // The same pin again: only the speaker's name is replaced.
    let annotations = super::parse(&once, DocumentFormat::PlainText);
    let Some(updated) = edit::pin_speaker(&once, &annotations, &key, "Jane Doe") else {
        panic!("an existing pin can be updated");
    };
    assert_eq!(updated.range.slice(&once), "Ann Lee");
    let twice = applied(&once, &updated);
    let reanalysed = crate::analysis::analyze(&twice, &Config::default());
    assert_eq!(reanalysed.quotes[0].speaker(), Some("Jane Doe"));

    // Another quotation: a line is added under `speakers`.
    let annotations = super::parse(&twice, DocumentFormat::PlainText);
    let Some(added) = edit::pin_speaker(&twice, &annotations, "Nobody asked", "Ann Lee") else {
        panic!("a pin can be added");
    };
    assert_eq!(added.new_text, "    \"Nobody asked\": Ann Lee\n");
    let thrice = applied(&twice, &added);
    let reanalysed = crate::analysis::analyze(&thrice, &Config::default());
    assert_eq!(reanalysed.quotes[1].speaker(), Some("Ann Lee"));
}

#[test]
fn ignore_edits_extend_flow_and_block_lists_and_add_the_key() {
    let cases = [
        (
            "---\ntitle: x\n---\n",
            "---\ntitle: x\nnewsls:\n  ignore: [unattributed-quote]\n---\n",
        ),
        (
            "---\nnewsls:\n    speakers: {}\n---\n",
            "---\nnewsls:\n    speakers: {}\n    ignore: [unattributed-quote]\n---\n",
        ),
        (
            "---\nnewsls:\n  ignore: [unbalanced-quote-mark]\n---\n",
            "---\nnewsls:\n  ignore: [unbalanced-quote-mark, unattributed-quote]\n---\n",
        ),
        (
            "---\nnewsls:\n  ignore: []\n---\n",
            "---\nnewsls:\n  ignore: [unattributed-quote]\n---\n",
        ),
        (
            "---\nnewsls:\n  ignore:\n    - unbalanced-quote-mark\n---\n",
            "---\nnewsls:\n  ignore:\n    - unbalanced-quote-mark\n    - unattributed-quote\n---\n",
        ),
        (
            "---\nnewsls:\n  ignore: unbalanced-quote-mark\n---\n",
            "---\nnewsls:\n  ignore: [unbalanced-quote-mark, unattributed-quote]\n---\n",
        ),
    ];
    for (before, after) in cases {
        let annotations = super::parse(before, DocumentFormat::PlainText);
        assert!(
            annotations.errors.is_empty(),
            "{before:?}: {:?}",
            annotations.errors
        );
        let Some(edit) = edit::ignore_in_document(before, &annotations, Check::UnattributedQuote)
        else {
            panic!("{before:?}: no edit");
        };
        let result = applied(before, &edit);
        assert_eq!(result, after);
        let reparsed = super::parse(&result, DocumentFormat::PlainText);
        assert!(
            reparsed.errors.is_empty(),
            "{result:?}: {:?}",
            reparsed.errors
        );
        assert!(
            reparsed
                .ignores
                .iter()
                .any(|ignore| ignore.check == Check::UnattributedQuote)
        );
    }
}

#[test]
fn paragraph_ignore_edits_insert_one_line_in_the_syntax_of_the_format() {
    let text = "Intro.\n\n“Unclaimed.”\n";
    let start = text.find('“').unwrap_or(0);
    for format in [DocumentFormat::PlainText, DocumentFormat::Markdown] {
        let edit = edit::ignore_in_paragraph(text, format, start, Check::UnattributedQuote);
        let result = applied(text, &edit);
        let analysis = analyze_in_workspace(
            &result,
            &Config { format },
            &WorkspaceAnnotations::default(),
        );
        assert!(
            analysis.findings.is_empty(),
            "{result}: {:?}",
            analysis.findings
        );
        assert_eq!(analysis.quotes.len(), 1);
    }
}

#[test]
fn crlf_front_matter_is_read_and_extended_with_crlf() {
    let text = "---\r\nnewsls:\r\n  ignore: [unbalanced-quote-mark]\r\n---\r\n“Unclaimed.”\r\n";
    let annotations = super::parse(text, DocumentFormat::PlainText);
    assert!(annotations.errors.is_empty(), "{:?}", annotations.errors);
    let Some(edit) = edit::pin_speaker(text, &annotations, "Unclaimed", "Ann Lee") else {
        panic!("no edit");
    };
    assert_eq!(
        edit.new_text,
        "  speakers:\r\n    \"Unclaimed\": Ann Lee\r\n"
    );
    let result = applied(text, &edit);
    let analysis = crate::analysis::analyze(&result, &Config::default());
    assert_eq!(analysis.quotes[0].speaker(), Some("Ann Lee"));
}

mod never_panics {
    use proptest::prelude::*;

    use crate::analysis::{Config, DocumentFormat, analyze};

    /// Pieces of annotation syntax, valid and broken, to shuffle into articles.
    const PIECES: &[&str] = &[
        "---\n",
        "newsls:\n",
        "  speakers:\n",
        "    \"We will\": Ann Lee\n",
        "  ignore: [",
        "]\n",
        "unattributed-quote",
        ", ",
        "  aliases:\n",
        "    Ann: [the mayor, \"A, B\"]\n",
        "- x\n",
        "\t",
        "'it''s'",
        "\"open",
        "{a: b}",
        "“We will win,” she said.\n",
        "\n",
        "é😀",
        "%% newsls: speaker \"Ann\"\n",
        "<!-- newsls: ignore nope -->\n",
        "\r\n",
        "#",
        ":",
    ];

    proptest! {
        #[test]
        fn any_mix_of_annotation_syntax_is_analysed_without_panic(
            indexes in proptest::collection::vec(0..PIECES.len(), 0..40),
            markdown in any::<bool>(),
        ) {
            let text: String = indexes.iter().map(|&index| PIECES[index]).collect();
            let format = if markdown { DocumentFormat::Markdown } else { DocumentFormat::PlainText };
            let analysis = analyze(&text, &Config { format });
            for finding in &analysis.findings {
                prop_assert!(text.get(finding.range.as_range()).is_some());
            }
            let annotations = super::super::parse(&text, format);
            for pin in &annotations.pins {
                if let super::super::PinTarget::Opening(key) = &pin.target {
                    if let Some(edit) = super::super::edit::pin_speaker(&text, &annotations, key, "X Y") {
                        prop_assert!(text.get(edit.range.as_range()).is_some());
                    }
                }
            }
            if let Some(edit) = super::super::edit::ignore_in_document(
                &text,
                &annotations,
                crate::analysis::Check::UnattributedQuote,
            ) {
                prop_assert!(text.get(edit.range.as_range()).is_some());
                // On a readable front matter (or none), the edit keeps it readable and works.
                if !annotations.front_matter_broken {
                    let mut edited = text.clone();
                    edited.replace_range(edit.range.as_range(), &edit.new_text);
                    let reparsed = super::super::parse(&edited, format);
                    prop_assert!(!reparsed.front_matter_broken, "{edited:?}: {:?}", reparsed.errors);
                    prop_assert!(reparsed.ignores.iter().any(|ignore| {
                        ignore.check == crate::analysis::Check::UnattributedQuote
                            && ignore.scope == super::super::Scope::Document
                    }), "{edited:?}");
                }
            }
        }
    }
}
