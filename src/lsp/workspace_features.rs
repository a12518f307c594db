//! The features that look across the workspace: workspace symbols, references in other
//! articles, the workspace line of a hover, and the code lens above each speaker. Each asks
//! the index one question and converts the answer; the answers come from `crate::index`.

use tower_lsp_server::ls_types::{
    CodeLens, Command, Location, SymbolInformation, SymbolKind as LspSymbolKind, Uri,
};

use super::convert;
use super::documents::Analyzed;
use super::indexing::{Locator, WorkspaceIndex};
use crate::analysis::{EntityId, EntityKind};
use crate::index::{Counts, Place, SymbolKind, plural};
use crate::text::PositionEncoding;

/// The workspace symbols matching `query`, at most `limit`.
#[allow(deprecated)] // `deprecated` is a required field of the struct, superseded by `tags`.
pub fn workspace_symbols(
    index: &WorkspaceIndex,
    query: &str,
    limit: usize,
    locator: &mut Locator<'_>,
) -> Vec<SymbolInformation> {
    // Copied out so that the index is not locked while files are read for positions.
    let hits: Vec<(String, SymbolKind, String, String, Place)> = index
        .lock()
        .symbols(query, limit)
        .into_iter()
        .map(|hit| {
            (
                hit.name,
                hit.kind,
                hit.detail,
                hit.article.to_owned(),
                hit.place,
            )
        })
        .collect();
    hits.into_iter()
        .filter_map(|(name, kind, detail, article, place)| {
            Some(SymbolInformation {
                name,
                kind: symbol_kind(kind),
                tags: None,
                deprecated: None,
                location: locator.location(&article, place)?,
                container_name: Some(detail),
            })
        })
        .collect()
}

fn symbol_kind(kind: SymbolKind) -> LspSymbolKind {
    match kind {
        SymbolKind::Entity(EntityKind::Person) => LspSymbolKind::OBJECT,
        SymbolKind::Entity(EntityKind::Organization) => LspSymbolKind::MODULE,
        SymbolKind::Entity(EntityKind::Place) => LspSymbolKind::ENUM_MEMBER,
        SymbolKind::Quote => LspSymbolKind::STRING,
    }
}

/// The workspace counts of an entity of the document.
fn counts(index: &WorkspaceIndex, analyzed: &Analyzed, entity: EntityId) -> Option<Counts> {
    let entity = analyzed.analysis.entity(entity)?;
    let index = index.lock();
    let id = index.identity(entity.kind, &entity.name)?;
    Some(index.counts(id))
}

/// The line a hover on an entity gets: `In the workspace: 12 quotes in 5 articles; named in 7.`
pub fn hover_line(index: &WorkspaceIndex, analyzed: &Analyzed, entity: EntityId) -> Option<String> {
    let counts = counts(index, analyzed, entity)?;
    if counts.articles == 0 {
        return None;
    }
    Some(format!(
        "In the workspace: {}; named in {} {}.",
        counts.describe_quotes(),
        counts.articles,
        plural(counts.articles, "article", "articles")
    ))
}

/// The mentions of and quotations by `entity` in the other articles of the workspace.
pub fn references_elsewhere(
    index: &WorkspaceIndex,
    uri: &Uri,
    analyzed: &Analyzed,
    entity: EntityId,
    locator: &mut Locator<'_>,
) -> Vec<Location> {
    let Some(entity) = analyzed.analysis.entity(entity) else {
        return Vec::new();
    };
    let places: Vec<(String, Place)> = {
        let index = index.lock();
        let Some(id) = index.identity(entity.kind, &entity.name) else {
            return Vec::new();
        };
        index
            .occurrences(id)
            .into_iter()
            .filter(|found| found.article != uri.as_str())
            .flat_map(|found| {
                let article = found.article.to_owned();
                let mut places: Vec<Place> =
                    found.mentions.into_iter().chain(found.quotes).collect();
                places.sort();
                places.dedup();
                places
                    .into_iter()
                    .map(move |place| (article.clone(), place))
            })
            .collect()
    };
    places
        .into_iter()
        .filter_map(|(article, place)| locator.location(&article, place))
        .collect()
}

/// Above each speaker's first mention: `3 quotes here · 12 in the workspace`.
pub fn code_lenses(
    index: &WorkspaceIndex,
    analyzed: &Analyzed,
    encoding: PositionEncoding,
) -> Vec<CodeLens> {
    let analysis = &analyzed.analysis;
    let mut lenses = Vec::new();
    for (number, entity) in analysis.entities.iter().enumerate() {
        let id = EntityId(number);
        let here = analysis.quotes_of(id).count();
        if here == 0 {
            continue;
        }
        let Some(first) = entity.mentions.first() else {
            continue;
        };
        let workspace = counts(index, analyzed, id)
            .map_or(here, |counts| counts.quotes)
            .max(here);
        let title = format!(
            "{here} {} here · {workspace} in the workspace",
            plural(here, "quote", "quotes")
        );
        lenses.push(CodeLens {
            range: convert::range(&analyzed.rope, *first, encoding),
            command: Some(Command {
                title,
                // No command: the lens is information, not an action.
                command: String::new(),
                arguments: None,
            }),
            data: None,
        });
    }
    lenses
}
