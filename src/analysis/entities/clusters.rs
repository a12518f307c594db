//! From mentions to entities: mentions that name the same person, organization or place are
//! joined by alias rules, and role nouns (`the Leader`) become mentions of the person they
//! introduced.
//!
//! Every rule looks its candidates up in a hash index (by whole name, last word, first word,
//! initials, role noun), so the work grows with the number of mentions, not its square.

use std::borrow::Cow;

use super::candidates::{Evidence, Mention};
use super::tokens::Token;
use crate::analysis::gazetteer::{Gazetteer, WordFlags, WordMap};
use crate::analysis::{Entity, EntityKind};
use crate::text::TextRange;

#[derive(Debug)]
struct Cluster {
    /// Indices into the mentions.
    members: Vec<usize>,
    /// One member for each distinct name of the cluster.
    names: Vec<usize>,
    /// The starts of the members with names of several words, sorted once they are all in.
    full_name_starts: Vec<usize>,
    /// Role noun mentions: `the Leader`.
    roles: Vec<TextRange>,
    kind: EntityKind,
    evidence: Evidence,
}

/// Writes the initials of a name's capitalized words into `out`: `World Health Organization`
/// → `WHO`.
fn write_initials(out: &mut String, name: &str) {
    out.clear();
    out.extend(
        name.split(' ')
            .filter_map(|word| word.chars().next())
            .filter(|ch| ch.is_uppercase()),
    );
}

fn first_word(name: &str) -> &str {
    name.split(' ').next().unwrap_or(name)
}

fn last_word(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// The cluster of the singular of a plural name: `Houthis` → `Houthi`.
fn plural_of(by_key: &WordMap<&str, usize>, key: &str) -> Option<usize> {
    let stem = key.strip_suffix('s').filter(|stem| stem.len() > 2)?;
    by_key.get(stem).copied()
}

/// The only item, or `None` when there is none or several.
fn unique(items: Option<&Vec<usize>>) -> Option<usize> {
    match items.map(Vec::as_slice) {
        Some([only]) => Some(*only),
        _ => None,
    }
}

/// Adds `cluster` to the list under `key` unless it is there already.
fn index_under<'m>(index: &mut WordMap<&'m str, Vec<usize>>, key: &'m str, cluster: usize) {
    let list = index.entry(key).or_default();
    if !list.contains(&cluster) {
        list.push(cluster);
    }
}

pub(super) struct Clusterer<'a> {
    pub text: &'a str,
    pub gazetteer: &'static Gazetteer,
    pub mentions: Vec<Mention<'a>>,
}

/// The clusters and the indexes that find them.
struct Clusters<'m> {
    mentions: &'m [Mention<'m>],
    clusters: Vec<Cluster>,
    assigned: Vec<Option<usize>>,
    by_key: WordMap<&'m str, usize>,
    /// People by the last word of a name of several words: `Khamenei` → Ali Khamenei.
    people_by_last_word: WordMap<&'m str, Vec<usize>>,
    people_by_first_word: WordMap<&'m str, Vec<usize>>,
    /// Organizations and places by the first word of a name of several words.
    others_by_first_word: WordMap<&'m str, Vec<usize>>,
    others_by_initials: WordMap<String, Vec<usize>>,
    /// A buffer for the initials of a name, kept to save an allocation per name.
    initials: String,
    /// Each mention's key: its alias group's canonical name, or its name.
    keys: Vec<&'m str>,
}

/// The name that identifies a mention: its alias group's canonical name, or itself.
fn key_of<'m>(gazetteer: &'static Gazetteer, mention: &'m Mention<'_>) -> &'m str {
    match gazetteer
        .alias_group(&mention.name)
        .and_then(|group| group.first())
    {
        Some(canonical) => canonical,
        None => mention.match_name(),
    }
}

impl<'m> Clusters<'m> {
    fn key(&self, index: usize) -> &'m str {
        self.keys.get(index).copied().unwrap_or_default()
    }

    fn join(&mut self, index: usize, cluster: Option<usize>) {
        let mentions = self.mentions;
        let mention = &mentions[index];
        let cluster = cluster.unwrap_or_else(|| {
            self.clusters.push(Cluster {
                members: Vec::new(),
                names: Vec::new(),
                full_name_starts: Vec::new(),
                roles: Vec::new(),
                kind: mention.kind,
                evidence: mention.evidence,
            });
            self.clusters.len() - 1
        });
        let Some(entry) = self.clusters.get_mut(cluster) else {
            return;
        };
        // A single word that joined a longer name (`Saadallah` after `Khairi Saadallah`) was
        // judged on its own with less to go on: only a gazetteer or a title changes the kind.
        let several_words = mention.words > 1;
        let joined_longer = !entry.members.is_empty() && !several_words;
        entry.members.push(index);
        let decisive = !joined_longer || mention.evidence == Evidence::Strong;
        if decisive && mention.evidence > entry.evidence {
            entry.evidence = mention.evidence;
            entry.kind = mention.kind;
        }
        if !entry
            .names
            .iter()
            .any(|&other| mentions[other].name == mention.name)
        {
            entry.names.push(index);
        }
        if several_words {
            entry.full_name_starts.push(mention.range.start);
        }
        self.assigned[index] = Some(cluster);
        let key = self.key(index);
        self.by_key.entry(key).or_insert(cluster);
        if several_words && !mention.acronym {
            let name = mention.match_name();
            if mention.kind == EntityKind::Person {
                index_under(&mut self.people_by_last_word, last_word(name), cluster);
                index_under(&mut self.people_by_first_word, first_word(name), cluster);
            } else {
                index_under(&mut self.others_by_first_word, first_word(name), cluster);
                write_initials(&mut self.initials, name);
                match self.others_by_initials.get_mut(self.initials.as_str()) {
                    Some(list) => {
                        if !list.contains(&cluster) {
                            list.push(cluster);
                        }
                    }
                    None => {
                        self.others_by_initials
                            .insert(self.initials.clone(), vec![cluster]);
                    }
                }
            }
        }
    }

    fn is_person(&self, cluster: usize) -> bool {
        self.clusters
            .get(cluster)
            .is_some_and(|entry| entry.kind == EntityKind::Person)
    }

    /// A shorter form of a person's name of several words: `Vice President Pence` → `Mike
    /// Pence`, `Robert Mugabe` → `Robert Gabriel Mugabe`.
    fn longer_person(&self, mention: &Mention<'_>) -> Option<usize> {
        let name = mention.match_name();
        let word_count = mention.words;
        let candidates = self.people_by_last_word.get(last_word(name))?;
        let mut found = None;
        for &cluster in candidates {
            let matches = self.clusters[cluster].names.iter().any(|&other| {
                let longer = self.mentions[other].words > word_count;
                let other = self.mentions[other].match_name();
                let suffix = other
                    .strip_suffix(name)
                    .is_some_and(|rest| rest.ends_with(' '));
                longer && (suffix || first_word(other) == first_word(name))
            });
            if matches && self.is_person(cluster) {
                if found.is_some() {
                    return None;
                }
                found = Some(cluster);
            }
        }
        found
    }

    /// A surname alone (`Khamenei`) joins the person whose full name ends with it; among
    /// several (`Trump`), the one introduced first (news names the main person first and
    /// calls the others by full name), else the first introduced after it.
    fn surname(&self, mention: &Mention<'_>) -> Option<usize> {
        self.nearest_person(&self.people_by_last_word, mention)
    }

    fn nearest_person(
        &self,
        index: &WordMap<&'m str, Vec<usize>>,
        mention: &Mention<'_>,
    ) -> Option<usize> {
        let candidates = index.get(mention.match_name())?;
        let offset = mention.range.start;
        // (introduced after the mention, first full-name mention, cluster): the least wins.
        let mut best: Option<(bool, usize, usize)> = None;
        for &cluster in candidates {
            if !self.is_person(cluster) {
                continue;
            }
            let Some(&first) = self.clusters[cluster].full_name_starts.first() else {
                continue;
            };
            let candidate = (first > offset, first, cluster);
            if best.is_none_or(|current| candidate < current) {
                best = Some(candidate);
            }
        }
        best.map(|(_, _, cluster)| cluster)
    }
}

impl Clusterer<'_> {
    pub fn entities(self, paragraphs: &[&[Token<'_>]]) -> Vec<Entity> {
        let gazetteer = self.gazetteer;
        let mentions = self.mentions.as_slice();
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&index| (mentions[index].range.start, mentions[index].range.end));
        let mut state = Clusters {
            mentions,
            clusters: Vec::new(),
            assigned: vec![None; mentions.len()],
            by_key: WordMap::default(),
            people_by_last_word: WordMap::default(),
            people_by_first_word: WordMap::default(),
            others_by_first_word: WordMap::default(),
            others_by_initials: WordMap::default(),
            initials: String::new(),
            keys: mentions
                .iter()
                .map(|mention| key_of(gazetteer, mention))
                .collect(),
        };

        // Names of several words, longest first, so that shorter forms find the fullest one.
        let mut multiword: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&index| mentions[index].words > 1)
            .collect();
        multiword.sort_by_key(|&index| std::cmp::Reverse(mentions[index].words));
        for index in multiword {
            let mention = &mentions[index];
            let target = state.by_key.get(state.key(index)).copied().or_else(|| {
                (mention.kind == EntityKind::Person)
                    .then(|| state.longer_person(mention))
                    .flatten()
            });
            state.join(index, target);
        }
        for cluster in &mut state.clusters {
            cluster.full_name_starts.sort_unstable();
        }

        // Single words and acronyms, in text order.
        for &index in &order {
            if state.assigned[index].is_some() {
                continue;
            }
            let mention = &mentions[index];
            // A given name alone shared by several people (`Mike` with Mike Pence and Mike
            // Pompeo) cannot be resolved, and is no entity of its own either.
            let shared_given_name = mention.kind == EntityKind::Person
                && mention.evidence < Evidence::Strong
                && gazetteer.is_given_name(&mention.name)
                && state
                    .people_by_first_word
                    .get(mention.match_name())
                    .is_some_and(|people| people.len() > 1)
                && !state.people_by_last_word.contains_key(mention.match_name());
            if shared_given_name {
                continue;
            }
            let key = state.key(index);
            let target = if mention.acronym {
                mention
                    .abbreviates
                    .and_then(|named| state.assigned.get(named).copied().flatten())
                    .or_else(|| state.by_key.get(key).copied())
                    .or_else(|| {
                        let letters: String =
                            mention.name.chars().filter(|ch| *ch != '.').collect();
                        unique(state.others_by_initials.get(&letters))
                    })
            } else if gazetteer.kind_of(&mention.name).is_some() {
                // A gazetteer name is itself, never part of another: `Tehran`, not `Tehran Times`;
                // but a place that is a person's surname (`Austin`) after that person names them.
                state
                    .surname(mention)
                    .or_else(|| state.by_key.get(key).copied())
                    .or_else(|| plural_of(&state.by_key, key))
            } else {
                let name = mention.match_name();
                state
                    .surname(mention)
                    .or_else(|| {
                        // A given name alone: the one person with that first name.
                        gazetteer
                            .is_given_name(name)
                            .then(|| unique(state.people_by_first_word.get(name)))
                            .flatten()
                    })
                    .or_else(|| state.by_key.get(key).copied())
                    // A first name alone, when one person has it and nobody has it as a
                    // surname: `Xavi` after `Xavi Hernandez`.
                    .or_else(|| {
                        if mention.evidence == Evidence::Strong {
                            return None;
                        }
                        unique(state.people_by_first_word.get(name))
                    })
                    // A plural of a name: `Houthis` after `Houthi`.
                    .or_else(|| plural_of(&state.by_key, key))
                    // The first word of an organization or place: `Ford` for `Ford Motor Company`.
                    .or_else(|| unique(state.others_by_first_word.get(name)))
            };
            state.join(index, target);
        }

        let mut clusters = state.clusters;
        // Clusters only of unsupported sentence-initial words are no names.
        for cluster in &mut clusters {
            if cluster
                .members
                .iter()
                .all(|&member| mentions[member].needs_support)
            {
                cluster.members.clear();
            }
        }
        self.role_mentions(&mut clusters, paragraphs);
        self.build(clusters)
    }

    /// `the Leader`, `the spokesperson`, `the Defence Secretary`: a role noun after `the`,
    /// introduced earlier with a person's name, is a mention of that person.
    fn role_mentions(&self, clusters: &mut [Cluster], paragraphs: &[&[Token<'_>]]) {
        let mut introductions: WordMap<&str, Vec<(usize, usize)>> = WordMap::default();
        for (cluster_index, cluster) in clusters.iter().enumerate() {
            if cluster.kind != EntityKind::Person {
                continue;
            }
            for &member in &cluster.members {
                let mention = &self.mentions[member];
                for role in &mention.roles {
                    introductions
                        .entry(role.as_str())
                        .or_default()
                        .push((mention.range.start, cluster_index));
                }
            }
        }
        let mut found: Vec<(usize, TextRange)> = Vec::new();
        let appositives = self.appositive_roles(clusters, paragraphs);
        for (offset, role, cluster, phrase) in &appositives {
            introductions
                .entry(role.as_str())
                .or_default()
                .push((*offset, *cluster));
            found.extend(phrase.map(|range| (*cluster, range)));
        }
        if introductions.is_empty() {
            return;
        }
        for list in introductions.values_mut() {
            list.sort_unstable();
        }
        let mut lowercase = String::new();
        for tokens in paragraphs {
            for (index, token) in tokens.iter().enumerate() {
                if !token.joined_to_next || !token.text.eq_ignore_ascii_case("the") {
                    continue;
                }
                for last in index + 1..tokens.len().min(index + 4) {
                    let candidate = &tokens[last];
                    lowercase.clear();
                    if candidate.text.is_ascii() {
                        lowercase.push_str(candidate.text);
                        lowercase.make_ascii_lowercase();
                    } else {
                        lowercase.extend(candidate.text.chars().flat_map(char::to_lowercase));
                    }
                    let introduced = introductions.get(lowercase.as_str()).and_then(|list| {
                        let before =
                            list.partition_point(|&(offset, _)| offset < token.range.start);
                        before.checked_sub(1).and_then(|index| list.get(index))
                    });
                    if let Some(&(_, cluster)) = introduced {
                        let followed_by_name = candidate.joined_to_next
                            && tokens.get(last + 1).is_some_and(|next| next.capitalized);
                        if !followed_by_name {
                            found.push((
                                cluster,
                                TextRange::new(token.range.start, candidate.range.end),
                            ));
                        }
                        break;
                    }
                    // `the Defence Secretary`, but not `the California Secretary`, which names
                    // another office.
                    let named = WordFlags::PLACE
                        .union(WordFlags::DEMONYM)
                        .union(WordFlags::ORGANIZATION)
                        .union(WordFlags::ALIAS);
                    let modifier =
                        candidate.capitalized && !candidate.acronym && !candidate.is(named);
                    if !modifier || !candidate.joined_to_next {
                        break;
                    }
                }
            }
        }
        for (cluster, range) in found {
            if let Some(entry) = clusters.get_mut(cluster) {
                entry.roles.push(range);
            }
        }
    }

    /// Roles given to a person in apposition: `The town's mayor, Ruaridh Baillie,` and `Delfin
    /// Lorenzana, the Defence Secretary,`: (mention start, role noun, cluster, and the `the …`
    /// phrase when it follows the name, itself a mention of the person).
    fn appositive_roles(
        &self,
        clusters: &[Cluster],
        paragraphs: &[&[Token<'_>]],
    ) -> Vec<(usize, String, usize, Option<TextRange>)> {
        let firsts: Vec<usize> = paragraphs
            .iter()
            .map(|tokens| tokens.first().map_or(usize::MAX, |token| token.range.start))
            .collect();
        let is_role = |token: &Token<'_>| {
            let lower = token.text.to_lowercase();
            self.gazetteer.is_title(&lower)
                && !matches!(lower.as_str(), "mr" | "mrs" | "ms" | "dr" | "sir")
        };
        let mut roles = Vec::new();
        for (cluster_index, cluster) in clusters.iter().enumerate() {
            if cluster.kind != EntityKind::Person {
                continue;
            }
            for &member in &cluster.members {
                let range = self.mentions[member].range;
                let paragraph = firsts.partition_point(|&start| start <= range.start);
                let Some(tokens) = paragraph
                    .checked_sub(1)
                    .and_then(|index| paragraphs.get(index))
                else {
                    continue;
                };
                let first = tokens.partition_point(|token| token.range.start < range.start);
                let after = tokens.partition_point(|token| token.range.end <= range.end);
                if after <= first {
                    continue;
                }
                // Before: `mayor, Ruaridh Baillie`.
                if let (Some(name), Some(role)) = (
                    tokens.get(first),
                    first.checked_sub(1).and_then(|index| tokens.get(index)),
                ) {
                    if name.gap(self.text).trim() == "," && role.is_lowercase() && is_role(role) {
                        roles.push((range.start, role.text.to_lowercase(), cluster_index, None));
                    }
                }
                // After: `Delfin Lorenzana, the Defence Secretary`.
                let Some(the) = tokens.get(after) else {
                    continue;
                };
                if the.gap(self.text).trim() != "," || !the.text.eq_ignore_ascii_case("the") {
                    continue;
                }
                let mut previous = the;
                for candidate in tokens.iter().skip(after + 1).take(4) {
                    if !previous.joined_to_next {
                        break;
                    }
                    if is_role(candidate) {
                        let phrase = TextRange::new(the.range.start, candidate.range.end);
                        roles.push((
                            range.start,
                            candidate.text.to_lowercase(),
                            cluster_index,
                            Some(phrase),
                        ));
                        break;
                    }
                    previous = candidate;
                }
            }
        }
        roles
    }

    fn build(&self, clusters: Vec<Cluster>) -> Vec<Entity> {
        let mut entities: Vec<(usize, Entity)> = Vec::new();
        for cluster in clusters {
            if cluster.members.is_empty() {
                continue;
            }
            let names = cluster.names.iter().map(|&member| &self.mentions[member]);
            // The canonical name of an alias group when the text uses it, else the longest.
            let canonical = names
                .clone()
                .map(|mention| mention.name.as_ref())
                .find(|name| {
                    self.gazetteer
                        .alias_group(name)
                        .and_then(|group| group.first())
                        .is_some_and(|first| first == name)
                })
                .or_else(|| {
                    names
                        .max_by_key(|mention| (!mention.acronym, mention.words, mention.name.len()))
                        .map(|mention| mention.name.as_ref())
                })
                .unwrap_or_default()
                .to_owned();
            let mut mentions: Vec<TextRange> = cluster
                .members
                .iter()
                .map(|&member| self.mentions[member].range)
                .chain(cluster.roles.iter().copied())
                .collect();
            mentions.sort_unstable();
            mentions.dedup();
            let mut aliases: Vec<String> = Vec::new();
            for range in &mentions {
                let written = range.slice(self.text);
                // `The Leader` opening a sentence is the same alias as `the Leader`.
                let known = |aliases: &[String], form: &str| {
                    aliases
                        .iter()
                        .any(|alias| same_but_first_letter_case(alias, form))
                };
                if written.contains(char::is_whitespace) {
                    let normalized = if is_single_spaced(written) {
                        Cow::Borrowed(written)
                    } else {
                        Cow::Owned(written.split_whitespace().collect::<Vec<_>>().join(" "))
                    };
                    if *normalized != *canonical && !known(&aliases, &normalized) {
                        aliases.push(normalized.into_owned());
                    }
                } else if !written.is_empty() && written != canonical && !known(&aliases, written) {
                    aliases.push(written.to_owned());
                }
            }
            let first = mentions.first().map_or(usize::MAX, |range| range.start);
            entities.push((
                first,
                Entity {
                    name: canonical,
                    kind: cluster.kind,
                    aliases,
                    mentions,
                },
            ));
        }
        entities.sort_by_key(|(first, _)| *first);
        entities.into_iter().map(|(_, entity)| entity).collect()
    }
}

/// Whether `a` and `b` differ at most in the case of their first letter.
fn same_but_first_letter_case(a: &str, b: &str) -> bool {
    let mut a_chars = a.chars();
    let mut b_chars = b.chars();
    match (a_chars.next(), b_chars.next()) {
        // The rest first: it tells most forms apart by their length alone.
        (Some(x), Some(y)) => {
            a_chars.as_str() == b_chars.as_str() && x.to_lowercase().eq(y.to_lowercase())
        }
        (None, None) => true,
        _ => false,
    }
}

/// Whether `text` is words separated by single spaces, as `split_whitespace` and `join(" ")`
/// would write it.
fn is_single_spaced(text: &str) -> bool {
    // A space at the start counts as a doubled one.
    let mut after_space = true;
    for ch in text.chars() {
        if ch == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if ch.is_whitespace() {
            return false;
        } else {
            after_space = false;
        }
    }
    !after_space
}

#[cfg(test)]
mod tests {
    use super::{is_single_spaced, same_but_first_letter_case};

    #[test]
    fn single_spacing_is_what_split_whitespace_and_join_write() {
        for text in [
            "Ali Khamenei",
            "Ali  Khamenei",
            " Ali",
            "Ali ",
            "Ali\nKhamenei",
            "Ali\u{a0}Khamenei",
            "Jarosław Kaczyński",
            "the\u{2028}Leader",
            "Tehran",
            "",
        ] {
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(
                is_single_spaced(text),
                !text.is_empty() && joined == text,
                "{text:?}"
            );
        }
    }

    #[test]
    fn aliases_differ_only_in_their_first_letter_case() {
        assert!(same_but_first_letter_case("the Leader", "The Leader"));
        assert!(!same_but_first_letter_case("the Leader", "the leader"));
        assert!(!same_but_first_letter_case("Leader", "Leaders"));
        assert!(same_but_first_letter_case("", ""));
    }
}
