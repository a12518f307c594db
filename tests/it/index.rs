//! The workspace index (issue 5): articles added, changed and removed; one speaker across
//! articles; references, counts, symbol search ranking; misquotes between articles.

use newsls::analysis::{Config, EntityKind, analyze};
use newsls::index::{ArticleSummary, Index, MatchClass, SymbolKind};

const LEADER: &str = "Leader speaks in Tehran

TEHRAN — Ayatollah Ali Khamenei spoke in Qom on Wednesday.

“A slap was delivered last night to the Americans in the region,” Ali Khamenei said.

“We should not make mistake in knowing the enemy,” he added.

Qassem Soleimani was praised by the crowd.
";

/// Names the speaker by surname only (which the analysis takes for an organization), and
/// changes one word of his first quotation: a misquote of `LEADER`.
const SURNAME_ONLY: &str = "Iran's leader responds

Khamenei addressed a crowd on Thursday.

“A blow was delivered last night to the Americans in the region,” Khamenei said.

“Our people will never forget this day,” he said.
";

const OTHER_STORY: &str = "Officials meet in Baghdad

Jane Doe met officials in Baghdad.

“We will rebuild the bridge before the winter comes,” Jane Doe said.
";

fn summary(text: &str) -> ArticleSummary {
    ArticleSummary::new(text, &analyze(text, &Config::default()))
}

fn workspace() -> Index {
    let mut index = Index::new();
    index.insert("a.txt", summary(LEADER));
    index.insert("b.txt", summary(SURNAME_ONLY));
    index.insert("c.txt", summary(OTHER_STORY));
    index
}

#[test]
fn a_one_word_name_joins_the_one_person_it_can_be() {
    let index = workspace();
    let Some(full) = index.identity(EntityKind::Person, "Ali Khamenei") else {
        panic!("Ali Khamenei is indexed");
    };
    // The analysis takes the lone “Khamenei” of b.txt for an organization; it joins anyway.
    let short = index
        .identity(EntityKind::Organization, "Khamenei")
        .or_else(|| index.identity(EntityKind::Person, "Khamenei"));
    assert_eq!(short, Some(full));
    // Case and accents do not make another person.
    assert_eq!(
        index.identity(EntityKind::Person, "ALI KHAMENEÏ"),
        Some(full)
    );
    assert_eq!(index.display_name(full), Some("Ali Khamenei"));
}

#[test]
fn a_one_word_name_stays_alone_when_two_people_share_it() {
    let mut index = workspace();
    index.insert(
        "d.txt",
        summary("Mojtaba Khamenei met officials.\n\n“We will talk again soon,” Mojtaba Khamenei said.\n"),
    );
    let full = index.identity(EntityKind::Person, "Ali Khamenei");
    let short = index
        .identity(EntityKind::Organization, "Khamenei")
        .or_else(|| index.identity(EntityKind::Person, "Khamenei"));
    assert!(full.is_some());
    assert_ne!(short, full, "“Khamenei” could be either of two people");
    // Removing the second Khamenei makes the short name unambiguous again.
    assert!(index.remove("d.txt"));
    let short = index
        .identity(EntityKind::Organization, "Khamenei")
        .or_else(|| index.identity(EntityKind::Person, "Khamenei"));
    assert_eq!(short, full);
}

#[test]
fn counts_and_references_span_articles() {
    let index = workspace();
    let Some(id) = index.identity(EntityKind::Person, "Ali Khamenei") else {
        panic!("Ali Khamenei is indexed");
    };
    let counts = index.counts(id);
    assert_eq!(counts.quotes, 4, "{counts:?}");
    assert_eq!(counts.quoted_in, 2);
    assert_eq!(counts.describe_quotes(), "4 quotes in 2 articles");
    let occurrences = index.occurrences(id);
    let articles: Vec<&str> = occurrences.iter().map(|found| found.article).collect();
    assert_eq!(articles, ["a.txt", "b.txt"]);
    // b.txt names him twice and quotes him twice; its places are on its own lines.
    let b = &occurrences[1];
    assert_eq!(b.mentions.len(), 2);
    assert_eq!(b.quotes.len(), 2);
    assert_eq!(b.mentions[0].start.line, 2);
    assert_eq!(b.quotes[0].start.line, 4);
    // Jane Doe is someone else, in one article.
    let Some(jane) = index.identity(EntityKind::Person, "Jane Doe") else {
        panic!("Jane Doe is indexed");
    };
    assert_eq!(index.counts(jane).describe_quotes(), "1 quote in 1 article");
}

#[test]
fn places_are_lines_and_utf8_columns() {
    let mut index = Index::new();
    index.insert(
        "u.txt",
        summary("“Ça va très bien aujourd’hui,” said Zoë Müller.\n"),
    );
    let Some(id) = index.identity(EntityKind::Person, "Zoe Muller") else {
        panic!("Zoë Müller is indexed under her folded name");
    };
    let occurrences = index.occurrences(id);
    let mention = occurrences[0].mentions[0];
    let text = "“Ça va très bien aujourd’hui,” said ";
    assert_eq!(mention.start.line, 0);
    assert_eq!(mention.start.column as usize, text.len(), "a UTF-8 column");
}

#[test]
fn changing_an_article_replaces_its_entry() {
    let mut index = workspace();
    let Some(jane) = index.identity(EntityKind::Person, "Jane Doe") else {
        panic!("Jane Doe is indexed");
    };
    assert_eq!(index.counts(jane).quotes, 1);
    index.insert(
        "c.txt",
        summary(
            "Jane Doe met officials.\n\n“We will rebuild,” Jane Doe said.\n\n“And soon,” Jane Doe added.\n",
        ),
    );
    assert_eq!(index.len(), 3);
    let Some(jane) = index.identity(EntityKind::Person, "Jane Doe") else {
        panic!("Jane Doe is still indexed");
    };
    assert_eq!(index.counts(jane).quotes, 2);
    // The old quotation is no longer found; the new one is.
    assert!(index.symbols("winter", 10).is_empty());
    assert_eq!(index.symbols("soon", 10).len(), 1);
}

#[test]
fn removing_an_article_forgets_it() {
    let mut index = workspace();
    assert!(index.remove("c.txt"));
    assert!(!index.remove("c.txt"), "removed once");
    assert_eq!(index.len(), 2);
    assert!(!index.contains("c.txt"));
    assert!(
        index
            .identity(EntityKind::Person, "Jane Doe")
            .is_none_or(|id| { index.counts(id).articles == 0 })
    );
    assert!(index.symbols("jane", 10).is_empty());
    assert!(index.symbols("rebuild", 10).is_empty());
}

#[test]
fn symbol_search_ranks_names_then_quotes() {
    let index = workspace();
    let hits = index.symbols("khamenei", 10);
    let Some(first) = hits.first() else {
        panic!("a hit for khamenei");
    };
    assert_eq!(first.name, "Ali Khamenei");
    assert_eq!(first.class, MatchClass::WordPrefix);
    assert_eq!(first.kind, SymbolKind::Entity(EntityKind::Person));
    assert_eq!(first.article, "a.txt");
    assert!(first.detail.contains("2 articles"), "{}", first.detail);
    // The one-word “Khamenei” joined him, so it is not listed on its own.
    assert_eq!(hits.iter().filter(|hit| hit.name == "Khamenei").count(), 0);

    // Quotations by their words: “slap” is a whole word of one, and the start of none else.
    let hits = index.symbols("SLAP", 10);
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].kind, SymbolKind::Quote);
    assert_eq!(hits[0].detail, "Ali Khamenei");
    assert!(hits[0].name.starts_with("“A slap was delivered"));

    // Exact before prefix before word prefix before subsequence.
    let hits = index.symbols("qom", 10);
    assert_eq!(hits[0].name, "Qom");
    assert_eq!(hits[0].class, MatchClass::Exact);
    let hits = index.symbols("jdoe", 10);
    assert_eq!(
        hits.first().map(|hit| hit.class),
        Some(MatchClass::Subsequence)
    );

    // Words of several: every one must start a word of the quotation.
    let hits = index.symbols("deliver americ", 10);
    let quotes: Vec<&str> = hits
        .iter()
        .filter(|hit| hit.kind == SymbolKind::Quote)
        .map(|hit| hit.article)
        .collect();
    assert_eq!(quotes, ["a.txt", "b.txt"]);
    // One letter matches the starts of names and words only, shortest first; the limit
    // holds; an empty query finds nothing.
    let names: Vec<String> = index
        .symbols("q", 100)
        .into_iter()
        .map(|hit| hit.name)
        .collect();
    assert_eq!(names, ["Qom", "Qassem Soleimani"]);
    let names: Vec<String> = index
        .symbols("q", 1)
        .into_iter()
        .map(|hit| hit.name)
        .collect();
    assert_eq!(names, ["Qom"]);
    assert!(index.symbols("", 10).is_empty());
}

#[test]
fn a_misquote_is_seen_from_both_articles() {
    let index = workspace();
    let from_a = index.misquotes("a.txt");
    assert_eq!(from_a.len(), 1, "{from_a:?}");
    assert_eq!(from_a[0].other_article, "b.txt");
    assert_eq!(from_a[0].speaker, "Ali Khamenei");
    assert_eq!(from_a[0].describe_differences(), "“slap” → “blow”");
    assert_eq!(from_a[0].here.start.line, 4);
    let from_b = index.misquotes("b.txt");
    assert_eq!(from_b.len(), 1);
    assert_eq!(from_b[0].other_article, "a.txt");
    assert_eq!(from_b[0].describe_differences(), "“blow” → “slap”");
    assert!(index.misquotes("c.txt").is_empty());
    assert_eq!(index.articles_with_misquotes(), ["a.txt", "b.txt"]);
}

#[test]
fn an_honest_ellipsis_and_the_same_words_are_not_misquotes() {
    let mut index = Index::new();
    index.insert("a.txt", summary(LEADER));
    index.insert(
        "e.txt",
        summary(
            "Ali Khamenei spoke.\n\n“A slap was delivered last night … in the region,” Ali Khamenei said.\n\n“We should not make mistake in knowing the enemy,” he added.\n",
        ),
    );
    assert!(
        index.misquotes("a.txt").is_empty(),
        "{:?}",
        index.misquotes("a.txt")
    );
    assert!(index.articles_with_misquotes().is_empty());
}

#[test]
fn another_speaker_with_the_same_words_is_not_a_misquote() {
    let mut index = Index::new();
    index.insert("a.txt", summary(LEADER));
    index.insert(
        "f.txt",
        summary(
            "Jane Doe spoke.\n\n“A blow was delivered last night to the Americans in the region,” Jane Doe said.\n",
        ),
    );
    assert!(index.misquotes("a.txt").is_empty());
}

#[test]
fn the_index_takes_less_than_twice_the_size_of_its_articles() {
    let mut index = Index::new();
    let sample = include_str!("../../seeds/000_2c8c7d61181d0d35.txt");
    for number in 0..50 {
        index.insert(&format!("{number}.txt"), summary(sample));
    }
    let text_bytes = sample.len() * 50;
    assert!(
        index.heap_bytes() < text_bytes * 2,
        "{} bytes of index for {text_bytes} of text",
        index.heap_bytes()
    );
}

/// The server inserts an open article again at every pause in the typing: a day of editing
/// must not make the index grow. (Quotation serials were once never reused: about 27 KB more
/// per insert of a 1.1 MB article.)
#[test]
fn an_article_inserted_again_and_again_keeps_the_index_the_same_size() {
    let mut index = workspace();
    let text = "Jane Doe met officials.\n\n“We will rebuild,” Jane Doe said.\n\n“And soon,” Jane Doe added.\n\n“The bridge first,” she said.\n";
    let insert_again = |index: &mut Index, times: usize| {
        for _ in 0..times {
            index.insert("c.txt", summary(text));
        }
    };
    insert_again(&mut index, 3_000);
    let settled = index.heap_bytes();
    insert_again(&mut index, 3_000);
    assert!(
        index.heap_bytes() <= settled,
        "{} bytes after 6,000 inserts, {settled} after 3,000",
        index.heap_bytes()
    );
    // The quotations are still found, once each, and the other articles' too.
    assert_eq!(index.symbols("soon", 10).len(), 1);
    assert_eq!(index.symbols("bridge", 10).len(), 1);
    assert_eq!(index.symbols("slap", 10).len(), 1);
    assert_eq!(index.len(), 3);
}
