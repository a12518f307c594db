//! The server's incremental path in process: edits applied through the document store give the
//! same text, and the same analysis, as opening the final text afresh.

use newsls::analysis::{Config, DocumentFormat, analyze};
use newsls::lsp::documents::DocumentStore;
use newsls::text::{LineColumn, PositionEncoding, TextChange};
use proptest::prelude::*;
use tower_lsp_server::ls_types::Uri;

fn uri() -> Uri {
    "file:///article.txt".parse().expect("a valid uri")
}

/// Pieces that make positions differ between encodings and lines break in every way.
fn piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("a"),
        Just("said "),
        Just("é"),
        Just("e\u{301}"),
        Just("日本"),
        Just("😀"),
        Just("\n"),
        Just("\n\n"),
        Just("\r\n"),
        Just("\r"),
        Just("\u{2028}"),
        Just("“"),
        Just("”"),
        Just("\""),
        Just(" "),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..30).prop_map(|pieces| pieces.concat())
}

/// An edit chosen before the text is known: fractions of the text for the two ends.
#[derive(Clone, Debug)]
enum Edit {
    Range { from: u16, to: u16, text: String },
    Full(String),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        9 => (any::<u16>(), any::<u16>(), text()).prop_map(|(from, to, text)| Edit::Range { from, to, text }),
        1 => text().prop_map(Edit::Full),
    ]
}

/// The offsets a position can name: char boundaries, except between the CR and LF of a CRLF.
fn addressable_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(offset, _)| offset)
        .chain([text.len()])
        .filter(|&offset| !(text[..offset].ends_with('\r') && text[offset..].starts_with('\n')))
        .collect()
}

/// The position of `offset`, computed here independently of the server's converter. Lines
/// break at LF, CR and CRLF only.
fn position_of(text: &str, offset: usize, encoding: PositionEncoding) -> LineColumn {
    let (mut line, mut column) = (0u32, 0u32);
    let mut chars = text[..offset].chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if ch == '\n' || ch == '\r' {
            line += 1;
            column = 0;
            continue;
        }
        column += match encoding {
            PositionEncoding::Utf8 => ch.len_utf8(),
            PositionEncoding::Utf16 => ch.len_utf16(),
            PositionEncoding::Utf32 => 1,
        } as u32;
    }
    LineColumn::new(line, column)
}

fn encoding() -> impl Strategy<Value = PositionEncoding> {
    prop_oneof![
        Just(PositionEncoding::Utf8),
        Just(PositionEncoding::Utf16),
        Just(PositionEncoding::Utf32),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn incremental_edits_give_the_text_and_analysis_of_a_fresh_open(
        initial in text(),
        edits in proptest::collection::vec(edit(), 1..12),
        encoding in encoding(),
        markdown in any::<bool>(),
    ) {
        let language_id = if markdown { "markdown" } else { "plaintext" };
        let store = DocumentStore::new();
        store.open(uri(), &initial, 1, language_id);
        let mut model = initial.clone();
        for (index, edit) in edits.iter().enumerate() {
            let change = match edit {
                Edit::Full(text) => {
                    model = text.clone();
                    TextChange { range: None, text: text.clone() }
                }
                Edit::Range { from, to, text } => {
                    let offsets = addressable_offsets(&model);
                    let pick = |fraction: u16| offsets[usize::from(fraction) % offsets.len()];
                    let (start, end) = {
                        let (a, b) = (pick(*from), pick(*to));
                        (a.min(b), a.max(b))
                    };
                    let range = (
                        position_of(&model, start, encoding),
                        position_of(&model, end, encoding),
                    );
                    model.replace_range(start..end, text);
                    TextChange { range: Some(range), text: text.clone() }
                }
            };
            let version = i32::try_from(index).unwrap_or(i32::MAX) + 2;
            prop_assert!(store.change(&uri(), version, &[change], encoding).is_some());
            let snapshot = store.snapshot(&uri()).expect("the document is open");
            prop_assert_eq!(snapshot.rope.to_string(), model.clone());
            prop_assert_eq!(snapshot.version, version);
        }
        let incremental = store.snapshot(&uri()).expect("the document is open").analyze();
        let fresh_store = DocumentStore::new();
        fresh_store.open(uri(), &model, 1, language_id);
        let fresh = fresh_store.snapshot(&uri()).expect("the document is open").analyze();
        prop_assert_eq!(&incremental.text, &fresh.text);
        prop_assert_eq!(&incremental.analysis, &fresh.analysis);
        let format = if markdown { DocumentFormat::Markdown } else { DocumentFormat::PlainText };
        prop_assert_eq!(&incremental.analysis, &analyze(&model, &Config { format }));
    }
}

#[test]
fn an_analysis_is_current_only_until_the_next_change() {
    let store = DocumentStore::new();
    store.open(uri(), "“One.”", 1, "plaintext");
    let snapshot = store.snapshot(&uri()).expect("the document is open");
    let analyzed = std::sync::Arc::new(snapshot.analyze());
    assert!(store.install(&uri(), &analyzed));
    assert!(store.claim_publication(&uri(), analyzed.revision));
    assert!(
        !store.claim_publication(&uri(), analyzed.revision),
        "published once"
    );
    store.change(
        &uri(),
        2,
        &[TextChange {
            range: None,
            text: "“Two.”".to_owned(),
        }],
        PositionEncoding::Utf16,
    );
    assert!(store.current_analysis(&uri()).is_none());
    assert!(
        !store.claim_publication(&uri(), analyzed.revision),
        "a stale revision is never published"
    );
    assert!(
        !store.install(&uri(), &analyzed),
        "a stale analysis is not current"
    );
}
