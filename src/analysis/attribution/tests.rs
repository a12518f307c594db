//! The attribution rules, one specification each: a small article and, under each quotation,
//! the speaker the rules must find.

use expect_test::{Expect, expect};

use crate::analysis::fixture::render_quotes;

fn check(text: &str, expected: Expect) {
    expected.assert_eq(&render_quotes(text));
}

#[test]
fn speech_verb_after_the_quotation() {
    check(
        "Mayor Jane Doe visited the site on Monday.\n\n“We will rebuild every home,” Doe said.\n\n“Nobody will be left behind,” said Doe.\n",
        expect![[r#"
            Mayor Jane Doe visited the site on Monday.

            “We will rebuild every home,” Doe said.
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Jane Doe (speech-verb, name “Doe”)

            “Nobody will be left behind,” said Doe.
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Jane Doe (speech-verb, name “Doe”)
        "#]],
    );
}

#[test]
fn speech_verb_before_the_quotation_with_colon_or_comma() {
    check(
        "Police Chief Maria Lopez said: “The road stays closed.”\n\nLater, Lopez told reporters “We found nothing.”\n\nCouncillor Tom Reed added, “It will take weeks.”\n",
        expect![[r#"
            Police Chief Maria Lopez said: “The road stays closed.”
                                            ^^^^^^^^^^^^^^^^^^^^^^ direct: Maria Lopez (speech-verb, name “Chief Maria Lopez”)

            Later, Lopez told reporters “We found nothing.”
                                         ^^^^^^^^^^^^^^^^^ direct: Maria Lopez (speech-verb, name “Lopez”)

            Councillor Tom Reed added, “It will take weeks.”
                                        ^^^^^^^^^^^^^^^^^^^ direct: Tom Reed (speech-verb, name “Councillor Tom Reed”)
        "#]],
    );
}

#[test]
fn attribution_splitting_a_quotation_gives_both_pieces_one_speaker() {
    check(
        "“The water is rising,” Governor Paul Hart said, “and we are not ready.”\n",
        expect![[r#"
            “The water is rising,” Governor Paul Hart said, “and we are not ready.”
             ^^^^^^^^^^^^^^^^^^^^ direct: Paul Hart (speech-verb, name “Governor Paul Hart”)
                                                             ^^^^^^^^^^^^^^^^^^^^^ partial: Paul Hart (speech-verb, name “Governor Paul Hart”)
        "#]],
    );
}

#[test]
fn appositive_between_speaker_and_verb() {
    check(
        "Anna Berg, the head of the Red Cross in Oslo, said “We need blankets.”\n\n“Supplies are low,” Howard Rubel, a lawyer representing the families, told reporters.\n",
        expect![[r#"
            Anna Berg, the head of the Red Cross in Oslo, said “We need blankets.”
                                                                ^^^^^^^^^^^^^^^^^ direct: Anna Berg (speech-verb, name “Anna Berg”)

            “Supplies are low,” Howard Rubel, a lawyer representing the families, told reporters.
             ^^^^^^^^^^^^^^^^^ direct: Howard Rubel (speech-verb, name “Howard Rubel”)
        "#]],
    );
}

#[test]
fn according_to() {
    check(
        "The dam was “never designed for this,” according to engineer Lars Moe.\n\nAccording to Moe, the repairs are “at least a year away.”\n",
        expect![[r#"
            The dam was “never designed for this,” according to engineer Lars Moe.
                         ^^^^^^^^^^^^^^^^^^^^^^^^ partial: Lars Moe (according-to, name “Lars Moe”)

            According to Moe, the repairs are “at least a year away.”
                                               ^^^^^^^^^^^^^^^^^^^^^ partial: Lars Moe (according-to, name “Moe”)
        "#]],
    );
}

#[test]
fn partial_quote_takes_the_subject_of_the_reporting_clause() {
    check(
        "Top Iranian political and military figures had vowed “harsh revenge” for the killing.\n",
        expect![[r#"
            Top Iranian political and military figures had vowed “harsh revenge” for the killing.
                                                                  ^^^^^^^^^^^^^ partial: Top Iranian political and military figures (speech-verb, description “Top Iranian political and military figures”)
        "#]],
    );
}

#[test]
fn pronoun_resolves_to_the_speaker_not_the_last_name_mentioned() {
    check(
        "Ayatollah Ali Khamenei said the protests were over.\n\nKhamenei also said that the death of General Qassem Soleimani showed the revolution is alive.\n\n“His martyrdom showed the world that the revolution is alive,” he said.\n",
        expect![[r#"
            Ayatollah Ali Khamenei said the protests were over.

            Khamenei also said that the death of General Qassem Soleimani showed the revolution is alive.

            “His martyrdom showed the world that the revolution is alive,” he said.
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Ali Khamenei (speech-verb, pronoun “he”)
        "#]],
    );
}

#[test]
fn role_noun_resolves_to_the_person_introduced_with_that_role() {
    check(
        "Leader of the Islamic Revolution Ayatollah Ali Khamenei spoke in Qom.\n\n“A slap was delivered last night,” the Leader remarked.\n",
        expect![[r#"
            Leader of the Islamic Revolution Ayatollah Ali Khamenei spoke in Qom.

            “A slap was delivered last night,” the Leader remarked.
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Ali Khamenei (speech-verb, role “the Leader”)
        "#]],
    );
}

#[test]
fn continuation_in_the_same_paragraph_and_the_next() {
    check(
        "“We played well,” coach Matt Myers said. “The second half was ours.”\n\n“Next week will be harder.”\n",
        expect![[r#"
            “We played well,” coach Matt Myers said. “The second half was ours.”
             ^^^^^^^^^^^^^^^ direct: Matt Myers (speech-verb, name “Matt Myers”)
                                                      ^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Matt Myers (continuation, name “Matt Myers”)

            “Next week will be harder.”
             ^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Matt Myers (continuation, name “Matt Myers”)
        "#]],
    );
}

#[test]
fn reported_speech_makes_a_speaker_for_the_next_paragraph() {
    check(
        "However, Senator Ruth Ames said the bill would fail.\n\n“It has no votes. It has no friends.”\n",
        expect![[r#"
            However, Senator Ruth Ames said the bill would fail.

            “It has no votes. It has no friends.”
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Ruth Ames (continuation, name “Senator Ruth Ames”)
        "#]],
    );
}

#[test]
fn passive_agent_speaks() {
    check(
        "The delay was described by the Transport Minister Olga Brandt as “regrettable but necessary”.\n",
        expect![[r#"
            The delay was described by the Transport Minister Olga Brandt as “regrettable but necessary”.
                                                                              ^^^^^^^^^^^^^^^^^^^^^^^^^ partial: Olga Brandt (speech-verb, name “Minister Olga Brandt”)
        "#]],
    );
}

#[test]
fn unnamed_speakers_get_a_description() {
    check(
        "A fire service spokesman said “Two crews are still on site.”\n\nResidents said the smoke was “everywhere.”\n",
        expect![[r#"
            A fire service spokesman said “Two crews are still on site.”
                                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: A fire service spokesman (speech-verb, description “A fire service spokesman”)

            Residents said the smoke was “everywhere.”
                                          ^^^^^^^^^^^ partial: residents (speech-verb, description “Residents”)
        "#]],
    );
}

#[test]
fn titles_nicknames_and_scare_quotes_are_terms() {
    check(
        "The home, known as the “Blue House”, was sold. The so-called “reform” changed little, and the word “pandemic” only describes spread.\n",
        expect![[r#"
            The home, known as the “Blue House”, was sold. The so-called “reform” changed little, and the word “pandemic” only describes spread.
                                    ^^^^^^^^^^ term: no speaker
                                                                          ^^^^^^ term: no speaker
                                                                                                                ^^^^^^^^ term: no speaker
        "#]],
    );
}

#[test]
fn a_quotation_with_no_cue_and_no_previous_speaker_has_none() {
    check(
        "The report was published on Tuesday.\n\n“This cannot go on.”\n",
        expect![[r#"
        The report was published on Tuesday.

        “This cannot go on.”
         ^^^^^^^^^^^^^^^^^^ direct: no speaker
    "#]],
    );
}

#[test]
fn a_capitalized_noun_is_not_a_speech_verb() {
    check(
        "Khamenei said the United States’ “corruptive presence” must end.\n",
        expect![[r#"
            Khamenei said the United States’ “corruptive presence” must end.
                                              ^^^^^^^^^^^^^^^^^^^ partial: Khamenei (speech-verb, name “Khamenei”)
        "#]],
    );
}

#[test]
fn a_passive_subject_is_spoken_to_not_speaking() {
    check(
        "A fire service spokesman said crews were called at midnight and found the building “well alight.”\n",
        expect![[r#"
            A fire service spokesman said crews were called at midnight and found the building “well alight.”
                                                                                                ^^^^^^^^^^^^ partial: A fire service spokesman (speech-verb, description “A fire service spokesman”)
        "#]],
    );
}

#[test]
fn a_subject_pronoun_just_before_the_verb_is_the_subject() {
    check(
        "Kwame Asante joined the studio in May.\n\nIn his first week he told me, “I want to glaze everything black.”\n",
        expect![[r#"
            Kwame Asante joined the studio in May.

            In his first week he told me, “I want to glaze everything black.”
                                           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Kwame Asante (speech-verb, pronoun “he”)
        "#]],
    );
}

#[test]
fn an_organization_speaks_through_its_statement() {
    check(
        "Harbour Ferries Ltd said it would cut the timetable.\n\nHarbour Ferries Ltd responded within the hour. Its statement said: “Our offer remains on the table.”\n",
        expect![[r#"
            Harbour Ferries Ltd said it would cut the timetable.

            Harbour Ferries Ltd responded within the hour. Its statement said: “Our offer remains on the table.”
                                                                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Harbour Ferries Ltd (speech-verb, pronoun “Its”)
        "#]],
    );
}

#[test]
fn the_name_in_apposition_after_a_description_speaks() {
    check(
        "According to a spokeswoman for the mayor, Dana Ruiz, the bids will open “well before the first frost.”\n",
        expect![[r#"
            According to a spokeswoman for the mayor, Dana Ruiz, the bids will open “well before the first frost.”
                                                                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ partial: Dana Ruiz (according-to, name “Dana Ruiz”)
        "#]],
    );
}

#[test]
fn two_people_joined_by_and_speak_as_a_group() {
    check(
        "After the debate, Brit Hume and Chris Wallace described the speech as “flat”.\n",
        expect![[r#"
            After the debate, Brit Hume and Chris Wallace described the speech as “flat”.
                                                                                   ^^^^ partial: Brit Hume and Chris Wallace (speech-verb, name “Brit Hume and Chris Wallace”)
        "#]],
    );
}

#[test]
fn a_coordinated_verb_takes_the_subject_of_its_clause() {
    check(
        "Dorothea Quint taught him to throw pots.\n\nWhen I showed her my first bowl, she turned it over, looked at the foot and said, “Now make a hundred more.”\n",
        expect![[r#"
            Dorothea Quint taught him to throw pots.

            When I showed her my first bowl, she turned it over, looked at the foot and said, “Now make a hundred more.”
                                                                                               ^^^^^^^^^^^^^^^^^^^^^^^^ direct: Dorothea Quint (speech-verb, pronoun “she”)
        "#]],
    );
}

#[test]
fn called_before_a_name_names_rather_than_speaks() {
    check(
        "A woman called Dorothea Quint ran the pottery. She didn’t believe in praise.\n\n“Now make a hundred more,” she said.\n",
        expect![[r#"
            A woman called Dorothea Quint ran the pottery. She didn’t believe in praise.

            “Now make a hundred more,” she said.
             ^^^^^^^^^^^^^^^^^^^^^^^^ direct: A woman (speech-verb, pronoun “she”)
        "#]],
    );
}

#[test]
fn a_title_after_of_is_a_term() {
    check(
        "Anna Franowska of “Have no fear”, an abuse victim support charity, told Reuters “it almost appears staged”.\n",
        expect![[r#"
            Anna Franowska of “Have no fear”, an abuse victim support charity, told Reuters “it almost appears staged”.
                               ^^^^^^^^^^^^ term: no speaker
                                                                                             ^^^^^^^^^^^^^^^^^^^^^^^^ partial: Anna Franowska (speech-verb, name “Anna Franowska”)
        "#]],
    );
}

#[test]
fn the_headline_names_no_speaker_for_a_quotation_that_follows() {
    check(
        "Ayatollah Khamenei: Americans must leave the region\n\n“This cannot go on.”\n",
        expect![[r#"
            Ayatollah Khamenei: Americans must leave the region

            “This cannot go on.”
             ^^^^^^^^^^^^^^^^^^ direct: no speaker
        "#]],
    );
}

#[test]
fn name_words_tell_organizations_streets_and_titles_from_people() {
    // `Transit` makes an organization (its statement is `its`), `Close` a street (not the
    // speaker of a relative clause), `Councilmember` a title kept out of the name.
    check(
        "Fares to rise\n\nNorbury Transit said fares would rise. Its statement said: “Costs have gone up.”\n\nNeighbour Pat Gray, 70, who has lived on Elm Close for years, said she heard a bang.\n\n“It shook the windows,” she said.\n\n“We were not consulted,” said Ward 2 Councilmember Rita Moss.\n",
        expect![[r#"
            Fares to rise

            Norbury Transit said fares would rise. Its statement said: “Costs have gone up.”
                                                                        ^^^^^^^^^^^^^^^^^^^ direct: Norbury Transit (speech-verb, pronoun “Its”)

            Neighbour Pat Gray, 70, who has lived on Elm Close for years, said she heard a bang.

            “It shook the windows,” she said.
             ^^^^^^^^^^^^^^^^^^^^^ direct: Pat Gray (speech-verb, pronoun “she”)

            “We were not consulted,” said Ward 2 Councilmember Rita Moss.
             ^^^^^^^^^^^^^^^^^^^^^^ direct: Rita Moss (speech-verb, name “Councilmember Rita Moss”)
        "#]],
    );
}

#[test]
fn the_subject_is_found_across_ages_relative_clauses_and_appositions() {
    check(
        "Flood waters recede\n\nHer cousin, Marta Silva, 54, a retired postwoman, said the water rose fast.\n\n“It came through the door,” she said.\n\nA farmer who gave only his first name, Joaquim, said he lost his cattle. “All of them,” he said.\n\nA teacher with two sons, who did not give her name, said the school was gone. “Everything went,” she said.\n",
        expect![[r#"
            Flood waters recede

            Her cousin, Marta Silva, 54, a retired postwoman, said the water rose fast.

            “It came through the door,” she said.
             ^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Marta Silva (speech-verb, pronoun “she”)

            A farmer who gave only his first name, Joaquim, said he lost his cattle. “All of them,” he said.
                                                                                      ^^^^^^^^^^^^ direct: Joaquim (speech-verb, pronoun “he”)

            A teacher with two sons, who did not give her name, said the school was gone. “Everything went,” she said.
                                                                                           ^^^^^^^^^^^^^^^^ direct: A teacher with two sons (speech-verb, pronoun “she”)
        "#]],
    );
}

#[test]
fn an_unnamed_person_opening_the_sentence_is_the_speaker_a_pronoun_means() {
    check(
        "Flood waters recede\n\nMayor Ana Ruiz said the town would rebuild.\n\nAt the shelter, a volunteer who asked not to be named because he was not allowed to speak to reporters said supplies were short. “We need blankets,” he said.\n\nOn the pier, a man in a red coat had the last word. “Never again,” he said.\n",
        expect![[r#"
            Flood waters recede

            Mayor Ana Ruiz said the town would rebuild.

            At the shelter, a volunteer who asked not to be named because he was not allowed to speak to reporters said supplies were short. “We need blankets,” he said.
                                                                                                                                              ^^^^^^^^^^^^^^^^^ direct: a volunteer (speech-verb, pronoun “he”)

            On the pier, a man in a red coat had the last word. “Never again,” he said.
                                                                 ^^^^^^^^^^^^ direct: a man (speech-verb, pronoun “he”)
        "#]],
    );
}

#[test]
fn auditors_are_titled_people_and_a_company_that_did_not_respond_is_its() {
    // `City Auditor` is a title (the auditor is a woman `she` can mean, not an organization);
    // `Minerals` makes a company; `did not respond` still has its subject.
    check(
        "Salt contract criticised\n\nCity Auditor Mary Kole said the contract was never put out to bid.\n\n“Nobody asked why,” she wrote.\n\nHallam Minerals did not respond to requests for comment. According to its website, it has sold salt “to every town in the valley.”\n",
        expect![[r#"
            Salt contract criticised

            City Auditor Mary Kole said the contract was never put out to bid.

            “Nobody asked why,” she wrote.
             ^^^^^^^^^^^^^^^^^ direct: Mary Kole (speech-verb, pronoun “she”)

            Hallam Minerals did not respond to requests for comment. According to its website, it has sold salt “to every town in the valley.”
                                                                                                                 ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ partial: Hallam Minerals (according-to, pronoun “its”)
        "#]],
    );
}

#[test]
fn a_document_speaks_for_whoever_issued_it() {
    // `the statement` refers back to the sentence that mentioned it; `the report by X` is X's;
    // an adjective may stand between a possessor and the document (`His covering message`); a
    // company that `did not respond` is still the `its` of the next sentence.
    check(
        "Bakery closes\n\nIn a brief statement, the bakery’s founder, Olga Petrova, thanked her customers. “Forty years was enough,” the statement read.\n\nThe ovens were “old and unsafe,” according to the report by City Auditor Mary Kole.\n\nTom Vance sent a photograph. His covering message read: “This was the last loaf.”\n\nGrainco Ltd did not respond to requests for comment. According to its website, the firm sold flour “to every bakery in the valley.”\n",
        expect![[r#"
            Bakery closes

            In a brief statement, the bakery’s founder, Olga Petrova, thanked her customers. “Forty years was enough,” the statement read.
                                                                                              ^^^^^^^^^^^^^^^^^^^^^^^ direct: Olga Petrova (speech-verb, role “the statement”)

            The ovens were “old and unsafe,” according to the report by City Auditor Mary Kole.
                            ^^^^^^^^^^^^^^^ partial: Mary Kole (according-to, name “Auditor Mary Kole”)

            Tom Vance sent a photograph. His covering message read: “This was the last loaf.”
                                                                     ^^^^^^^^^^^^^^^^^^^^^^^ direct: Tom Vance (speech-verb, pronoun “His”)

            Grainco Ltd did not respond to requests for comment. According to its website, the firm sold flour “to every bakery in the valley.”
                                                                                                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ partial: Grainco Ltd (according-to, pronoun “its”)
        "#]],
    );
}

#[test]
fn a_pronoun_after_a_newly_introduced_person_means_them() {
    // The last speaker closed the previous paragraph; this one introduces someone new. (Names on
    // neither gender list, so that agreement cannot decide.)
    check(
        "Brewery saved\n\nOwner Kai Berger said the brewery would stay open. “We are staying,” she said.\n\nThe appeal was started by her granddaughter, Noor Berger, 24, a student. “I could not let it close,” she said.\n",
        expect![[r#"
            Brewery saved

            Owner Kai Berger said the brewery would stay open. “We are staying,” she said.
                                                                ^^^^^^^^^^^^^^^ direct: Kai Berger (speech-verb, pronoun “she”)

            The appeal was started by her granddaughter, Noor Berger, 24, a student. “I could not let it close,” she said.
                                                                                      ^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Noor Berger (speech-verb, pronoun “she”)
        "#]],
    );
}

#[test]
fn a_possessive_kin_noun_is_the_relative_the_article_introduced() {
    check(
        "Ferry captain dies\n\nHer death was confirmed by her son, Rafael Ortega, who said she died at home.\n\nShe was the first woman to command the ferry. “She never talked about it,” her son said.\n\nLuis Ortega, her nephew, said she loved the sea. “She knew every rock,” her nephew said.\n",
        expect![[r#"
            Ferry captain dies

            Her death was confirmed by her son, Rafael Ortega, who said she died at home.

            She was the first woman to command the ferry. “She never talked about it,” her son said.
                                                           ^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Rafael Ortega (speech-verb, role “her son”)

            Luis Ortega, her nephew, said she loved the sea. “She knew every rock,” her nephew said.
                                                              ^^^^^^^^^^^^^^^^^^^^ direct: Luis Ortega (speech-verb, role “her nephew”)
        "#]],
    );
}

#[test]
fn nicknames_and_titles_of_works_are_terms() {
    check(
        "Harbour pilot retires\n\nCaptain Luis Mora retired on Friday. Sailors called him “Old Reliable,” a name he laughed off. His deckhand, Pedro ‘Pepe’ Alves, took the wheel.\n\nMora wrote a memoir, “Fog Over the Bar,” in 2019. “I never lost a ship,” he said.\n\nHarbour master Ana Reis called it “a sad day for the port.”\n",
        expect![[r#"
            Harbour pilot retires

            Captain Luis Mora retired on Friday. Sailors called him “Old Reliable,” a name he laughed off. His deckhand, Pedro ‘Pepe’ Alves, took the wheel.
                                                                     ^^^^^^^^^^^^^ term: no speaker
                                                                                                                                ^^^^ term: no speaker

            Mora wrote a memoir, “Fog Over the Bar,” in 2019. “I never lost a ship,” he said.
                                  ^^^^^^^^^^^^^^^^^ term: no speaker
                                                               ^^^^^^^^^^^^^^^^^^^^ direct: Luis Mora (speech-verb, pronoun “he”)

            Harbour master Ana Reis called it “a sad day for the port.”
                                               ^^^^^^^^^^^^^^^^^^^^^^^ partial: Ana Reis (speech-verb, name “Ana Reis”)
        "#]],
    );
}

#[test]
fn a_question_then_a_name_and_a_speech_verb_is_a_tag_not_a_new_sentence() {
    check(
        "Violin lessons\n\nThe teacher, Rosa Ilves, hands back the bow. A pupil, Tom Hale, tries again.\n\n“Better?” Ilves asks.\n\n“Much!” Hale says.\n",
        expect![[r#"
            Violin lessons

            The teacher, Rosa Ilves, hands back the bow. A pupil, Tom Hale, tries again.

            “Better?” Ilves asks.
             ^^^^^^^ direct: Rosa Ilves (speech-verb, name “Ilves”)

            “Much!” Hale says.
             ^^^^^ direct: Tom Hale (speech-verb, name “Hale”)
        "#]],
    );
}

#[test]
fn texting_emailing_and_fuming_are_ways_of_saying() {
    check(
        "Festival flooded\n\nAt 6:10, organiser Ben Stroud texted his partner: “Gate 2 is under water.”\n\nSite manager Ada Kerr emailed the council: “We need pumps today.”\n\n“This is a shambles,” fumed councillor Rita Moss.\n",
        expect![[r#"
            Festival flooded

            At 6:10, organiser Ben Stroud texted his partner: “Gate 2 is under water.”
                                                               ^^^^^^^^^^^^^^^^^^^^^^ direct: Ben Stroud (speech-verb, name “Ben Stroud”)

            Site manager Ada Kerr emailed the council: “We need pumps today.”
                                                        ^^^^^^^^^^^^^^^^^^^^ direct: Ada Kerr (speech-verb, name “Ada Kerr”)

            “This is a shambles,” fumed councillor Rita Moss.
             ^^^^^^^^^^^^^^^^^^^ direct: Rita Moss (speech-verb, name “Rita Moss”)
        "#]],
    );
}

#[test]
fn it_and_the_paper_mean_the_publication_just_named() {
    // The last organization that spoke was the ministry; the paragraph then names a newspaper.
    check(
        "Border deal in the press\n\nThe Interior Ministry said the deal was final.\n\nThe Daily Courier was blunter. It called the deal “a surrender.” “Nobody voted for this,” the paper added.\n",
        expect![[r#"
            Border deal in the press

            The Interior Ministry said the deal was final.

            The Daily Courier was blunter. It called the deal “a surrender.” “Nobody voted for this,” the paper added.
                                                               ^^^^^^^^^^^^ partial: Daily Courier (speech-verb, pronoun “It”)
                                                                              ^^^^^^^^^^^^^^^^^^^^^^ direct: Daily Courier (speech-verb, role “the paper”)
        "#]],
    );
}

#[test]
fn a_colon_after_a_body_that_issued_something_introduces_its_words() {
    check(
        "Robbery suspect charged\n\nThe Harlow Police Service arrested a man on Monday.\n\nLate Wednesday, the police issued a statement: “The investigation is ongoing.”\n",
        expect![[r#"
            Robbery suspect charged

            The Harlow Police Service arrested a man on Monday.

            Late Wednesday, the police issued a statement: “The investigation is ongoing.”
                                                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Harlow Police Service (sentence-subject, role “the police”)
        "#]],
    );
}

#[test]
fn a_quoted_headline_belongs_to_whoever_says_it_in_the_body() {
    check(
        "‘WE WILL REBUILD THE MILL’: village vows to fight on\n\nThe mill burned down on Sunday.\n\n‘We will rebuild the mill, brick by brick,’ said owner Tessa Lund.\n",
        expect![[r#"
            ‘WE WILL REBUILD THE MILL’: village vows to fight on
             ^^^^^^^^^^^^^^^^^^^^^^^^ direct: Tessa Lund (continuation, name “Tessa Lund”)

            The mill burned down on Sunday.

            ‘We will rebuild the mill, brick by brick,’ said owner Tessa Lund.
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Tessa Lund (speech-verb, name “Tessa Lund”)
        "#]],
    );
}

#[test]
fn a_blog_post_is_a_noun_not_the_verb_of_the_sentence() {
    check(
        "Phone launch\n\nKim Ra wrote in a blog post: “We built it to last.” Later she wrote: “Repairs matter.”\n\nTom Ek posted on his page: “Great news.”\n",
        expect![[r#"
            Phone launch

            Kim Ra wrote in a blog post: “We built it to last.” Later she wrote: “Repairs matter.”
                                          ^^^^^^^^^^^^^^^^^^^^ direct: Kim Ra (speech-verb, name “Kim Ra”)
                                                                                  ^^^^^^^^^^^^^^^ direct: Kim Ra (speech-verb, pronoun “she”)

            Tom Ek posted on his page: “Great news.”
                                        ^^^^^^^^^^^ direct: Tom Ek (speech-verb, name “Tom Ek”)
        "#]],
    );
}

#[test]
fn a_given_name_on_the_gender_lists_opens_a_person_not_an_organization() {
    // `Ewan` is on the male list only; as a given name it keeps `of the …` out of the
    // person's name.
    check(
        "Park saved\n\n“We raised the money in a week,” said Ewan Gorrie of the Millbrook Residents Association.\n",
        expect![[r#"
            Park saved

            “We raised the money in a week,” said Ewan Gorrie of the Millbrook Residents Association.
             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ direct: Ewan Gorrie (speech-verb, name “Ewan Gorrie”)
        "#]],
    );
}

#[test]
fn the_short_partition_point_is_the_partition_point() {
    for length in 0..40 {
        let keys: Vec<usize> = (0..length).collect();
        for split in 0..=length + 1 {
            assert_eq!(
                super::short_partition_point(&keys, |&key| key < split),
                keys.partition_point(|&key| key < split),
                "{length} keys, split at {split}"
            );
        }
    }
}
