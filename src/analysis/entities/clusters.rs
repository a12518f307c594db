//! From mentions to entities: mentions that name the same person, organization or place are
//! joined by alias rules, and role nouns (`the Leader`) become mentions of the person they
//! introduced.

use std::collections::HashMap;

use super::candidates::{Evidence, Mention};
use super::tokens::Token;
use crate::analysis::gazetteer::Gazetteer;
use crate::analysis::{Entity, EntityKind};
use crate::text::TextRange;

#[derive(Debug, Default)]
struct Cluster {
    /// Indices into the mentions.
    members: Vec<usize>,
    /// Role noun mentions: (range, as written).
    roles: Vec<TextRange>,
}

fn words(name: &str) -> Vec<&str> {
    name.split(' ').collect()
}

/// The initials of a name's capitalized words: `World Health Organization` → `WHO`.
fn initials(name: &str) -> String {
    name.split(' ')
        .filter_map(|word| word.chars().next())
        .filter(|ch| ch.is_uppercase())
        .collect()
}

pub(super) struct Clusterer<'a> {
    pub text: &'a str,
    pub gazetteer: &'static Gazetteer,
    pub mentions: Vec<Mention>,
}

impl Clusterer<'_> {
    pub fn entities(self, paragraphs: &[Vec<Token<'_>>]) -> Vec<Entity> {
        let gazetteer = self.gazetteer;
        let mentions = &self.mentions;
        let mut order: Vec<usize> = (0..mentions.len()).collect();
        order.sort_by_key(|&index| (mentions[index].range.start, mentions[index].range.end));
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut assigned: Vec<Option<usize>> = vec![None; mentions.len()];
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let key_of = |mention: &Mention| -> String {
            gazetteer
                .alias_group(&mention.name)
                .and_then(|group| group.first())
                .map_or_else(|| mention.name.clone(), |canonical| (*canonical).to_owned())
        };
        let join = |clusters: &mut Vec<Cluster>,
                    assigned: &mut Vec<Option<usize>>,
                    by_key: &mut HashMap<String, usize>,
                    index: usize,
                    cluster: Option<usize>| {
            let cluster = cluster.unwrap_or_else(|| {
                clusters.push(Cluster::default());
                clusters.len() - 1
            });
            if let Some(entry) = clusters.get_mut(cluster) {
                entry.members.push(index);
            }
            assigned[index] = Some(cluster);
            by_key.entry(key_of(&mentions[index])).or_insert(cluster);
        };

        // Longer names first, so that shorter forms find the fullest one.
        let mut multiword: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&index| mentions[index].name.contains(' '))
            .collect();
        multiword.sort_by_key(|&index| std::cmp::Reverse(words(&mentions[index].name).len()));
        for index in multiword {
            let mention = &mentions[index];
            let target = by_key.get(&key_of(mention)).copied().or_else(|| {
                if mention.kind != EntityKind::Person {
                    return None;
                }
                let name = words(&mention.name);
                let matching: Vec<usize> = (0..clusters.len())
                    .filter(|&cluster| {
                        self.cluster_kind(&clusters[cluster]) == EntityKind::Person
                            && clusters[cluster].members.iter().any(|&member| {
                                let other = words(&mentions[member].name);
                                other.len() > name.len()
                                    && (other.ends_with(&name)
                                        || (other.first() == name.first()
                                            && other.last() == name.last()))
                            })
                    })
                    .collect();
                (matching.len() == 1).then(|| matching[0])
            });
            join(&mut clusters, &mut assigned, &mut by_key, index, target);
        }

        // Single words and acronyms, in text order.
        for &index in &order {
            if assigned[index].is_some() {
                continue;
            }
            let mention = &mentions[index];
            let key = key_of(mention);
            let target = if mention.acronym {
                mention
                    .abbreviates
                    .and_then(|named| assigned.get(named).copied().flatten())
                    .or_else(|| by_key.get(&key).copied())
                    .or_else(|| {
                        let letters: String =
                            mention.name.chars().filter(|ch| *ch != '.').collect();
                        unique((0..clusters.len()).filter(|&cluster| {
                            clusters[cluster].members.iter().any(|&member| {
                                let name = &mentions[member].name;
                                name.contains(' ')
                                    && mentions[member].kind != EntityKind::Person
                                    && initials(name) == letters
                            })
                        }))
                    })
            } else if gazetteer.kind_of(&mention.name).is_some() {
                // A gazetteer name is itself, never part of another: `Tehran`, not `Tehran Times`.
                by_key.get(&key).copied()
            } else {
                self.surname_match(&clusters, mentions, &assigned, index)
                    .or_else(|| {
                        // A given name alone: the one person with that first name.
                        if !gazetteer.is_given_name(&mention.name) {
                            return None;
                        }
                        unique((0..clusters.len()).filter(|&cluster| {
                            self.cluster_kind(&clusters[cluster]) == EntityKind::Person
                                && self.longest(&clusters[cluster]).split(' ').next()
                                    == Some(mention.name.as_str())
                                && self.longest(&clusters[cluster]).contains(' ')
                        }))
                    })
                    .or_else(|| by_key.get(&key).copied())
                    .or_else(|| {
                        // The first word of an organization or place: `Ford` for `Ford Motor Company`.
                        unique((0..clusters.len()).filter(|&cluster| {
                            let longest = self.longest(&clusters[cluster]);
                            self.cluster_kind(&clusters[cluster]) != EntityKind::Person
                                && longest.contains(' ')
                                && longest.split(' ').next() == Some(mention.name.as_str())
                        }))
                    })
            };
            join(&mut clusters, &mut assigned, &mut by_key, index, target);
        }

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

    fn unique_person_kind(&self, cluster: &Cluster) -> bool {
        self.cluster_kind(cluster) == EntityKind::Person
    }

    /// A surname alone (`Khamenei`, `Soleimani`) joins the person whose full name ends with it;
    /// among several (`Trump`), the one mentioned last before it, else the first after it.
    fn surname_match(
        &self,
        clusters: &[Cluster],
        mentions: &[Mention],
        _assigned: &[Option<usize>],
        index: usize,
    ) -> Option<usize> {
        let mention = &mentions[index];
        let offset = mention.range.start;
        let mut best: Option<(usize, bool, usize)> = None; // (cluster, before, distance)
        for (cluster_index, cluster) in clusters.iter().enumerate() {
            if !self.unique_person_kind(cluster) {
                continue;
            }
            let matches = cluster.members.iter().any(|&member| {
                let name = &mentions[member].name;
                name.contains(' ') && name.rsplit(' ').next() == Some(mention.name.as_str())
            });
            if !matches {
                continue;
            }
            for &member in &cluster.members {
                let start = mentions[member].range.start;
                let candidate = if start <= offset {
                    (cluster_index, true, offset - start)
                } else {
                    (cluster_index, false, start - offset)
                };
                best = match best {
                    None => Some(candidate),
                    Some(current) => {
                        let better = match (candidate.1, current.1) {
                            (true, false) => true,
                            (false, true) => false,
                            _ => candidate.2 < current.2,
                        };
                        Some(if better { candidate } else { current })
                    }
                };
            }
        }
        best.map(|(cluster, _, _)| cluster)
    }

    /// The kind with the strongest evidence among the cluster's mentions (the first on a tie).
    fn cluster_kind(&self, cluster: &Cluster) -> EntityKind {
        let mut best: Option<(Evidence, EntityKind)> = None;
        for &member in &cluster.members {
            let mention = &self.mentions[member];
            if best.is_none_or(|(evidence, _)| mention.evidence > evidence) {
                best = Some((mention.evidence, mention.kind));
            }
        }
        best.map_or(EntityKind::Organization, |(_, kind)| kind)
    }

    /// The longest name of the cluster, by words and then characters, acronyms last.
    fn longest<'m>(&'m self, cluster: &Cluster) -> &'m str {
        cluster
            .members
            .iter()
            .map(|&member| &self.mentions[member])
            .max_by_key(|mention| {
                (
                    !mention.acronym,
                    mention.name.split(' ').count(),
                    mention.name.len(),
                )
            })
            .map_or("", |mention| mention.name.as_str())
    }

    /// `the Leader`, `the spokesperson`, `the Defence Secretary`: a role noun after `the`,
    /// introduced earlier with a person's name, is a mention of that person.
    fn role_mentions(&self, clusters: &mut [Cluster], paragraphs: &[Vec<Token<'_>>]) {
        let mut introductions: Vec<(usize, &str, usize)> = Vec::new(); // (offset, role, cluster)
        for (cluster_index, cluster) in clusters.iter().enumerate() {
            if cluster.members.is_empty() || self.cluster_kind(cluster) != EntityKind::Person {
                continue;
            }
            for &member in &cluster.members {
                let mention = &self.mentions[member];
                for role in &mention.roles {
                    introductions.push((mention.range.start, role.as_str(), cluster_index));
                }
            }
        }
        if introductions.is_empty() {
            return;
        }
        introductions.sort_unstable();
        let mut found: Vec<(usize, TextRange)> = Vec::new();
        for tokens in paragraphs {
            for (index, token) in tokens.iter().enumerate() {
                if !token.text.eq_ignore_ascii_case("the") || !token.joined_to_next {
                    continue;
                }
                for last in index + 1..tokens.len().min(index + 4) {
                    let candidate = &tokens[last];
                    let lower = candidate.text.to_lowercase();
                    let introduced = introductions
                        .iter()
                        .rfind(|(offset, role, _)| *offset < token.range.start && *role == lower);
                    if let Some(&(_, _, cluster)) = introduced {
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
                    let modifier = candidate.capitalized && !candidate.acronym;
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

    fn build(&self, clusters: Vec<Cluster>) -> Vec<Entity> {
        let mut entities: Vec<(usize, Entity)> = Vec::new();
        for cluster in clusters {
            if cluster.members.is_empty() {
                continue;
            }
            let kind = self.cluster_kind(&cluster);
            let names: Vec<&str> = cluster
                .members
                .iter()
                .map(|&member| self.mentions[member].name.as_str())
                .collect();
            let canonical = names
                .iter()
                .find(|name| {
                    self.gazetteer
                        .alias_group(name)
                        .and_then(|group| group.first())
                        .is_some_and(|first| first == *name)
                })
                .copied()
                .unwrap_or_else(|| self.longest(&cluster))
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
                let written: String = range
                    .slice(self.text)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                if written != canonical && !written.is_empty() && !aliases.contains(&written) {
                    aliases.push(written);
                }
            }
            let first = mentions.first().map_or(usize::MAX, |range| range.start);
            entities.push((
                first,
                Entity {
                    name: canonical,
                    kind,
                    aliases,
                    mentions,
                },
            ));
        }
        entities.sort_by_key(|(first, _)| *first);
        entities.into_iter().map(|(_, entity)| entity).collect()
    }
}

/// The only item of an iterator, or `None` when it has none or several.
fn unique(mut items: impl Iterator<Item = usize>) -> Option<usize> {
    let first = items.next()?;
    items.next().is_none().then_some(first)
}
