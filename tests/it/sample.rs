//! The sample article, `seeds/000_2c8c7d61181d0d35.txt` (Tehran Times, Ali Khamenei), must be
//! 100% right (issue #2): this is its specification, quotation by quotation.
//!
//! Each line below names a quotation by its opening words and says what the analysis must find:
//! its kind, its speaker and, where the article makes it a test of one rule, how the speaker was
//! found (a pronoun resolved to the previous speaker rather than to the last name mentioned, a
//! role noun resolved to the person introduced with that role, or continuation).

use newsls::analysis::{
    AttributionRule, Check, Config, Quote, QuoteKind, Severity, SpeakerReference, analyze,
};

use QuoteKind::{Direct, Headline, Partial};
use SpeakerReference::{Description, Name, Pronoun, RoleNoun};
use Via::{AnyRule, Reference, Rule};

const SAMPLE: &str = include_str!("../../seeds/000_2c8c7d61181d0d35.txt");
const KHAMENEI: &str = "Ali Khamenei";

/// How the speaker must have been found, when the sample tests a particular rule.
#[derive(Clone, Copy, Debug)]
enum Via {
    /// Any rule will do.
    AnyRule,
    /// The mention is of this kind (a name, a pronoun, a role noun, a description).
    Reference(SpeakerReference),
    /// This rule fired.
    Rule(AttributionRule),
}

struct Expected {
    opening_words: &'static str,
    kind: QuoteKind,
    /// `None` for a quotation that quotes nobody (a headline).
    speaker: Option<&'static str>,
    via: Via,
}

const fn quote(
    opening_words: &'static str,
    kind: QuoteKind,
    speaker: &'static str,
    via: Via,
) -> Expected {
    Expected {
        opening_words,
        kind,
        speaker: Some(speaker),
        via,
    }
}

/// Every quotation of the sample, in text order.
const SPECIFICATION: &[Expected] = &[
    // “…the United States’ “corruptive presence” …”: Khamenei is the subject of `said that`.
    quote("corruptive presence", Partial, KHAMENEI, AnyRule),
    quote(
        "This region does not accept",
        Direct,
        KHAMENEI,
        Reference(Pronoun),
    ),
    // The partial quote's speaker is the subject of its sentence, an unnamed group.
    quote(
        "harsh revenge",
        Partial,
        "Top Iranian political and military figures",
        Reference(Description),
    ),
    // `the Leader` was introduced as `Leader of the Islamic Revolution Ayatollah Ali Khamenei`.
    quote(
        "A slap was delivered",
        Direct,
        KHAMENEI,
        Reference(RoleNoun),
    ),
    // No cue of its own: it follows `However, Ayatollah Khamenei said, …` (reported speech).
    quote("The issue of revenge", Direct, KHAMENEI, AnyRule),
    quote(
        "They insist on extending",
        Direct,
        KHAMENEI,
        Reference(RoleNoun),
    ),
    quote(
        "We should not make mistake",
        Direct,
        KHAMENEI,
        Reference(RoleNoun),
    ),
    quote(
        "This animosity is inherent",
        Direct,
        KHAMENEI,
        Reference(Pronoun),
    ),
    quote("It is wrong to think", Direct, KHAMENEI, Reference(Pronoun)),
    // The single-quoted subheading is a headline: it quotes nobody and is not flagged.
    Expected {
        opening_words: "Martyrdom of Gen. Soleimani",
        kind: Headline,
        speaker: None,
        via: AnyRule,
    },
    // `he` follows a sentence about General Soleimani, but `he` is the speaker of that
    // sentence, Khamenei, not the last name mentioned.
    quote("His martyrdom showed", Direct, KHAMENEI, Reference(Pronoun)),
    quote(
        "They wanted to pretend",
        Direct,
        KHAMENEI,
        Reference(Pronoun),
    ),
    quote(
        "The United States is unfair",
        Direct,
        KHAMENEI,
        Reference(Name),
    ),
    // One quotation broken around the editorial insertion paragraph `[the U.S.]`.
    quote(
        "The people slapped them",
        Direct,
        KHAMENEI,
        Reference(RoleNoun),
    ),
    quote(
        "You saw what happened",
        Direct,
        KHAMENEI,
        Rule(AttributionRule::Continuation),
    ),
    quote("I am upset about", Direct, KHAMENEI, Reference(RoleNoun)),
];

/// What is wrong with `quote` against `expected`, if anything.
fn mismatches(quote: &Quote, expected: &Expected) -> Vec<String> {
    let mut problems = Vec::new();
    if quote.kind != expected.kind {
        problems.push(format!(
            "kind {} (expected {})",
            quote.kind.as_str(),
            expected.kind.as_str()
        ));
    }
    if quote.speaker() != expected.speaker {
        problems.push(format!(
            "speaker {:?} (expected {:?})",
            quote.speaker(),
            expected.speaker
        ));
    }
    if let Some(attribution) = &quote.attribution {
        match expected.via {
            AnyRule => {}
            Reference(reference) if attribution.reference != reference => {
                problems.push(format!(
                    "speaker found by {} `{}` (expected by {})",
                    attribution.reference.as_str(),
                    attribution.mention.slice(SAMPLE),
                    reference.as_str()
                ));
            }
            Rule(rule) if attribution.rule != rule => problems.push(format!(
                "rule {} (expected {})",
                attribution.rule.as_str(),
                rule.as_str()
            )),
            Reference(_) | Rule(_) => {}
        }
    }
    problems
}

#[test]
fn sample_article_is_fully_right() {
    let analysis = analyze(SAMPLE, &Config::default());
    let mut problems = Vec::new();
    let mut claimed = vec![false; analysis.quotes.len()];
    for expected in SPECIFICATION {
        let found = analysis.quotes.iter().enumerate().find(|(index, quote)| {
            !claimed[*index] && quote.text(SAMPLE).starts_with(expected.opening_words)
        });
        let Some((index, quote)) = found else {
            problems.push(format!("“{}…”: not found", expected.opening_words));
            continue;
        };
        claimed[index] = true;
        for problem in mismatches(quote, expected) {
            problems.push(format!("“{}…”: {problem}", expected.opening_words));
        }
    }
    for (quote, _) in analysis
        .quotes
        .iter()
        .zip(&claimed)
        .filter(|(_, claimed)| !**claimed)
    {
        problems.push(format!(
            "“{}”: a quotation the specification does not have",
            quote.opening_words(SAMPLE, 40)
        ));
    }

    // The quote broken around `[the U.S.]` is one quotation whose quoted pieces are the two
    // parts; the insertion, if it is a piece at all, has no quotation mark.
    if let Some(broken) = analysis
        .quotes
        .iter()
        .find(|quote| quote.text(SAMPLE).starts_with("The people slapped them"))
    {
        let quoted: Vec<&str> = broken
            .pieces
            .iter()
            .filter(|piece| piece.opening_mark.is_some() || piece.closing_mark.is_some())
            .map(|piece| piece.content.slice(SAMPLE))
            .collect();
        if quoted != ["The people slapped them", "in the mouth."] {
            problems.push(format!(
                "“The people slapped them…”: quoted pieces {quoted:?} (expected \
                 [\"The people slapped them\", \"in the mouth.\"])"
            ));
        }
    }

    // `newsls check` on the sample shows no false warning: no unattributed quotation, no
    // unbalanced mark, no error.
    for finding in &analysis.findings {
        if finding.check == Check::UnattributedQuote
            || matches!(finding.severity, Severity::Error | Severity::Warning)
        {
            problems.push(format!(
                "{} at {}..{} (`{}`): {}",
                finding.check.code(),
                finding.range.start,
                finding.range.end,
                finding.range.slice(SAMPLE),
                finding.message
            ));
        }
    }

    assert!(
        problems.is_empty(),
        "the sample article is not fully right ({} problems):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}
