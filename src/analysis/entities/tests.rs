//! Specification tests: an article, and under its lines carets marking each mention with the
//! entity it belongs to.

use expect_test::{Expect, expect};

use crate::analysis::{Config, DocumentFormat, analyze};

/// The text with, under each line, carets for every mention on it labelled with its entity.
fn annotated(text: &str) -> String {
    let analysis = analyze(
        text,
        &Config {
            format: DocumentFormat::PlainText,
        },
    );
    let mut out = String::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        out.push_str(line.trim_end_matches(['\n', '\r']));
        out.push('\n');
        let mut marks: Vec<(usize, usize, String)> = Vec::new();
        for entity in &analysis.entities {
            for mention in &entity.mentions {
                if mention.start >= line_start && mention.start < line_end {
                    let column = text[line_start..mention.start].chars().count();
                    let width = text[mention.start..mention.end.min(line_end)]
                        .chars()
                        .count()
                        .max(1);
                    marks.push((
                        column,
                        width,
                        format!("{} ({})", entity.name, entity.kind.as_str()),
                    ));
                }
            }
        }
        marks.sort();
        for (column, width, label) in marks {
            out.push_str(&" ".repeat(column));
            out.push_str(&"^".repeat(width));
            out.push(' ');
            out.push_str(&label);
            out.push('\n');
        }
        line_start = line_end;
    }
    out
}

/// Every entity with its kind and aliases, one a line.
fn listed(text: &str) -> String {
    let analysis = analyze(
        text,
        &Config {
            format: DocumentFormat::PlainText,
        },
    );
    analysis
        .entities
        .iter()
        .map(|entity| {
            format!(
                "{} ({}) {:?} x{}\n",
                entity.name,
                entity.kind.as_str(),
                entity.aliases,
                entity.mentions.len()
            )
        })
        .collect()
}

fn check(text: &str, expected: Expect) {
    expected.assert_eq(&annotated(text));
}

#[test]
fn titles_stay_out_of_names_and_surnames_join_the_person() {
    check(
        "Leader of the Islamic Revolution Ayatollah Ali Khamenei spoke in Qom on Wednesday.\nHowever, Ayatollah Khamenei said the U.S. must leave. Khamenei added more.\n",
        expect![[r#"
            Leader of the Islamic Revolution Ayatollah Ali Khamenei spoke in Qom on Wednesday.
                                             ^^^^^^^^^^^^^^^^^^^^^^ Ali Khamenei (person)
                                                                             ^^^ Qom (place)
            However, Ayatollah Khamenei said the U.S. must leave. Khamenei added more.
                     ^^^^^^^^^^^^^^^^^^ Ali Khamenei (person)
                                                 ^^^^ U.S. (place)
                                                                  ^^^^^^^^ Ali Khamenei (person)
        "#]],
    );
}

#[test]
fn role_nouns_become_mentions_of_the_person_they_introduced() {
    check(
        "Houthi military spokesperson Yahya Sarea claimed the attack. Later the spokesperson said more.\nUS Secretary of State Mike Pompeo blamed Iran. The Secretary spoke in Riyadh.\n",
        expect![[r#"
            Houthi military spokesperson Yahya Sarea claimed the attack. Later the spokesperson said more.
                                         ^^^^^^^^^^^ Yahya Sarea (person)
                                                                               ^^^^^^^^^^^^^^^^ Yahya Sarea (person)
            US Secretary of State Mike Pompeo blamed Iran. The Secretary spoke in Riyadh.
            ^^ US (place)
               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ Mike Pompeo (person)
                                                     ^^^^ Iran (place)
                                                           ^^^^^^^^^^^^^ Mike Pompeo (person)
                                                                                  ^^^^^^ Riyadh (place)
        "#]],
    );
}

#[test]
fn sentence_initial_capitals_and_demonyms_are_not_names() {
    check(
        "Enemy is global arrogance. Americans must leave. Martyrdom shows it. His words were clear.\n",
        expect![[r#"
            Enemy is global arrogance. Americans must leave. Martyrdom shows it. His words were clear.
        "#]],
    );
}

#[test]
fn acronyms_join_their_names() {
    check(
        "The World Health Organization (WHO) met. WHO said Daesh (ISIS) was active in the United States. The US agreed, and U.S. forces left.\n",
        expect![[r#"
            The World Health Organization (WHO) met. WHO said Daesh (ISIS) was active in the United States. The US agreed, and U.S. forces left.
                ^^^^^^^^^^^^^^^^^^^^^^^^^ World Health Organization (organization)
                                           ^^^ World Health Organization (organization)
                                                     ^^^ World Health Organization (organization)
                                                              ^^^^^ Daesh (organization)
                                                                     ^^^^ Daesh (organization)
                                                                                             ^^^^^^^^^^^^^ United States (place)
                                                                                                                ^^ United States (place)
                                                                                                                               ^^^^ United States (place)
        "#]],
    );
}

#[test]
fn organizations_by_organization_words_and_places_by_context() {
    check(
        "Source: Tehran Times\n\nThe Department of Justice sued Ford Motor Company in Magnitogorsk. Ford denied it, the Interior Ministry said.\n",
        expect![[r#"
            Source: Tehran Times
                    ^^^^^^^^^^^^ Tehran Times (organization)

            The Department of Justice sued Ford Motor Company in Magnitogorsk. Ford denied it, the Interior Ministry said.
                ^^^^^^^^^^^^^^^^^^^^^ Department of Justice (organization)
                                           ^^^^^^^^^^^^^^^^^^ Ford Motor Company (organization)
                                                                 ^^^^^^^^^^^^ Magnitogorsk (place)
                                                                               ^^^^ Ford (organization)
                                                                                                   ^^^^^^^^^^^^^^^^^ Interior Ministry (organization)
        "#]],
    );
}

#[test]
fn possessives_are_stripped() {
    check(
        "Iran’s army honoured Qassem Soleimani. Soleimani's funeral was in Kerman.\n",
        expect![[r#"
            Iran’s army honoured Qassem Soleimani. Soleimani's funeral was in Kerman.
            ^^^^ Iran (place)
                                 ^^^^^^^^^^^^^^^^ Qassem Soleimani (person)
                                                   ^^^^^^^^^ Qassem Soleimani (person)
                                                                              ^^^^^^ Kerman (place)
        "#]],
    );
}

#[test]
fn sample_article_entities() {
    let text = include_str!("../../../seeds/000_2c8c7d61181d0d35.txt");
    expect![[r#"
        Ali Khamenei (person) ["Ayatollah Khamenei", "Ayatollah Ali Khamenei", "the Leader", "The Leader"] x14
        United States (place) ["U.S."] x10
        Qom (place) [] x2
        Iran (place) [] x3
        Iraq (place) [] x2
        Qassem Soleimani (person) ["General Soleimani", "Gen. Soleimani", "Soleimani", "the general"] x9
        Baghdad (place) [] x1
        Daesh (organization) ["ISIS"] x2
        Syria (place) [] x1
        Tehran (place) [] x2
        Ahvaz (place) [] x1
        Mashhad (place) [] x1
        Kerman (place) [] x3
        Tehran Times (organization) [] x1
    "#]].assert_eq(&listed(text));
}

#[test]
fn sample_article_mentions() {
    let text = include_str!("../../../seeds/000_2c8c7d61181d0d35.txt");
    expect![[r#"
        Ayatollah Khamenei: Americans must leave the region
        ^^^^^^^^^^^^^^^^^^ Ali Khamenei (person)

        Leader of the Islamic Revolution Ayatollah Ali Khamenei said on Wednesday that the United States’ “corruptive presence” in the region must come to an end.
                                         ^^^^^^^^^^^^^^^^^^^^^^ Ali Khamenei (person)
                                                                                           ^^^^^^^^^^^^^ United States (place)

        “This region does not accept presence of the United States. The people in the region and the regional governments rising from the people do not accept this issue,” he said during a speech in Qom.
                                                     ^^^^^^^^^^^^^ United States (place)
                                                                                                                                                                                                       ^^^ Qom (place)

        The remarks by the Leader came a few hours after Iran fired dozens of ballistic missiles at two U.S. military bases in Iraq in retaliation to the U.S. assassination of top Iranian military commander Qassem Soleimani in Baghdad on January 3.
                       ^^^^^^^^^^ Ali Khamenei (person)
                                                         ^^^^ Iran (place)
                                                                                                        ^^^^ United States (place)
                                                                                                                               ^^^^ Iraq (place)
                                                                                                                                                          ^^^^ United States (place)
                                                                                                                                                                                                               ^^^^^^^^^^^^^^^^ Qassem Soleimani (person)
                                                                                                                                                                                                                                   ^^^^^^^ Baghdad (place)

        Top Iranian political and military figures had vowed “harsh revenge” for the martyrdom of General Soleimani.
                                                                                                  ^^^^^^^^^^^^^^^^^ Qassem Soleimani (person)

        “A slap was delivered last night,” the Leader remarked.
                                           ^^^^^^^^^^ Ali Khamenei (person)

        However, Ayatollah Khamenei said, such military actions are not enough and the U.S. forces must leave the region.
                 ^^^^^^^^^^^^^^^^^^ Ali Khamenei (person)
                                                                                       ^^^^ United States (place)

        “The issue of revenge is another issue. They were slapped last night which is another issue. Such military actions will not be enough. The United States’ corruptive presence in the region must come to an end. They have brought war, sedition, destruction, and also destruction of infrastructures to the region.”
                                                                                                                                                   ^^^^^^^^^^^^^ United States (place)

        He added that the U.S. has acted in this way wherever it has entered.
                          ^^^^ United States (place)

        “They insist on extending this corruption and destruction to Iran. Their insistence on negotiations is preliminary to such presence and interference,” the Leader pointed out.
                                                                     ^^^^ Iran (place)
                                                                                                                                                               ^^^^^^^^^^ Ali Khamenei (person)

        Ayatollah Khamenei added that the people are duty bound to know the enemy.
        ^^^^^^^^^^^^^^^^^^ Ali Khamenei (person)

        “We should not make mistake in knowing the enemy. Do not say that we all know. Enemy is global arrogance and the United States. However, comprehensive efforts are being made to change the people’s opinion through complicated methods of propaganda,” the Leader stated.
                                                                                                                         ^^^^^^^^^^^^^ United States (place)
                                                                                                                                                                                                                                                                 ^^^^^^^^^^ Ali Khamenei (person)

        Ayatollah Khamenei noted that animosity of the enemies is not something temporary.
        ^^^^^^^^^^^^^^^^^^ Ali Khamenei (person)

        “This animosity is inherent and constant and they hit us whenever they can. To counter them, we have to empower ourselves. We have to be empowered in areas of military, security, politics and economy to prevent enemy from hitting us,” he said.

        He noted, “It is wrong to think that they leave animosity when we back down.”

        ‘Martyrdom of Gen. Soleimani shows Islamic Revolution is alive’
                      ^^^^^^^^^^^^^^ Qassem Soleimani (person)

        Ayatollah Khamenei also said that martyrdom of General Soleimani showed that the Islamic Revolution is alive.
        ^^^^^^^^^^^^^^^^^^ Ali Khamenei (person)
                                                       ^^^^^^^^^^^^^^^^^ Qassem Soleimani (person)

        “His martyrdom showed the world that the revolution is alive,” he said.

        He said, “They wanted to pretend that the revolution in Iran is dead… However, his martyrdom showed that the revolution is alive.”
                                                                ^^^^ Iran (place)

        The Leader added the enemies tried to portray General Soleimani as a terrorist.
        ^^^^^^^^^^ Ali Khamenei (person)
                                                      ^^^^^^^^^^^^^^^^^ Qassem Soleimani (person)

        Soleimani was considered a legendary commander against terrorist groups, including Daesh (ISIS), in Iraq and Syria.
        ^^^^^^^^^ Qassem Soleimani (person)
                                                                                           ^^^^^ Daesh (organization)
                                                                                                  ^^^^ Daesh (organization)
                                                                                                            ^^^^ Iraq (place)
                                                                                                                     ^^^^^ Syria (place)

        Elsewhere in his remarks, Ayatollah Khamenei said, “The United States is unfair and liar and we cannot attach value to its words.”
                                  ^^^^^^^^^^^^^^^^^^ Ali Khamenei (person)
                                                                ^^^^^^^^^^^^^ United States (place)

        Pointing to mass participation of the people in funeral procession of General Soleimani in various cities, the Leader said, “The people slapped them
                                                                              ^^^^^^^^^^^^^^^^^ Qassem Soleimani (person)
                                                                                                                   ^^^^^^^^^^ Ali Khamenei (person)

        [the U.S.]
             ^^^^ United States (place)

        in the mouth.”

        “You saw what happened in Tehran and other cities.” 
                                  ^^^^^^ Tehran (place)

        The huge participation of people in the funeral processions for Soleimani in the cities of Ahvaz, Mashhad, Tehran, Qom and Kerman were highly surprising.
                                                                        ^^^^^^^^^ Qassem Soleimani (person)
                                                                                                   ^^^^^ Ahvaz (place)
                                                                                                          ^^^^^^^ Mashhad (place)
                                                                                                                   ^^^^^^ Tehran (place)
                                                                                                                           ^^^ Qom (place)
                                                                                                                                   ^^^^^^ Kerman (place)

        The massive crowding during the funeral procession in Kerman, the general’s hometown, 59 people were killed and many more injured in a stampede.
                                                              ^^^^^^ Kerman (place)
                                                                      ^^^^^^^^^^^ Qassem Soleimani (person)

        “I am upset about that bitter incident in Kerman and I express condolences to the families of the victims,” the Leader remarked.
                                                  ^^^^^^ Kerman (place)
                                                                                                                    ^^^^^^^^^^ Ali Khamenei (person)

        Source: Tehran Times
                ^^^^^^^^^^^^ Tehran Times (organization)
    "#]].assert_eq(&annotated(text));
}

#[test]
fn never_panics_on_odd_text() {
    for text in [
        "",
        "’s",
        "A.",
        "U.S.’s",
        "(ISIS)",
        "al-",
        "The the The",
        "Dr. ",
        "“",
        "É́ (X) Y’",
        "\u{200d}A",
    ] {
        let _ = analyze(text, &Config::default());
    }
}
