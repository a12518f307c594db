//! `textDocument/documentSymbol`: the outline, hierarchical or flat.

use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolResponse, Location, SymbolInformation, SymbolKind, Uri,
};

use super::config::OutlineGrouping;
use super::convert;
use super::documents::Analyzed;
use crate::analysis::EntityKind;
use crate::analysis::outline::{self, OutlineItem, OutlineKind};
use crate::text::{PositionEncoding, TextRange};

/// How the client wants the symbols.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolShape {
    Hierarchical,
    Flat,
}

pub fn document_symbols(
    uri: &Uri,
    analyzed: &Analyzed,
    encoding: PositionEncoding,
    shape: SymbolShape,
    grouping: OutlineGrouping,
) -> DocumentSymbolResponse {
    let mut items = outline::outline(&analyzed.analysis, &analyzed.text);
    if grouping == OutlineGrouping::Document {
        items = in_document_order(items);
    }
    for item in &mut items {
        make_nested(item);
    }
    match shape {
        SymbolShape::Hierarchical => DocumentSymbolResponse::Nested(
            items
                .iter()
                .map(|item| nested_symbol(item, analyzed, encoding))
                .collect(),
        ),
        SymbolShape::Flat => {
            let mut symbols = Vec::new();
            for item in &items {
                flat_symbols(item, None, uri, analyzed, encoding, &mut symbols);
            }
            DocumentSymbolResponse::Flat(symbols)
        }
    }
}

/// The quotes in text order at the top level, each saying who spoke in its detail, followed by
/// the entity groups as they were.
fn in_document_order(items: Vec<OutlineItem>) -> Vec<OutlineItem> {
    let mut quotes = Vec::new();
    let mut rest = Vec::new();
    for item in items {
        if item.kind != OutlineKind::Speaker {
            rest.push(item);
            continue;
        }
        let speaker = item.label;
        for mut quote in item.children {
            quote.detail = Some(match quote.detail.take() {
                Some(cue) => format!("{speaker} · {cue}"),
                None => speaker.clone(),
            });
            quotes.push(quote);
        }
    }
    quotes.sort_by_key(|quote| (quote.range.start, quote.range.end));
    quotes.extend(rest);
    quotes
}

/// Makes the item obey the protocol whatever the outline gave: the range covers the selection
/// and every child.
fn make_nested(item: &mut OutlineItem) {
    for child in &mut item.children {
        make_nested(child);
        item.range = item.range.cover(child.range);
    }
    if !item.range.contains_range(item.selection) {
        item.selection = TextRange::empty_at(item.range.start);
    }
}

/// Clients reject symbols with empty names (VS Code drops the whole outline).
fn name(item: &OutlineItem) -> String {
    if item.label.trim().is_empty() {
        "“”".to_owned()
    } else {
        item.label.clone()
    }
}

fn kind(kind: OutlineKind) -> SymbolKind {
    match kind {
        OutlineKind::Speaker => SymbolKind::CLASS,
        OutlineKind::Quote => SymbolKind::STRING,
        OutlineKind::EntityGroup => SymbolKind::NAMESPACE,
        OutlineKind::Entity(EntityKind::Person) => SymbolKind::OBJECT,
        OutlineKind::Entity(EntityKind::Organization) => SymbolKind::MODULE,
        OutlineKind::Entity(EntityKind::Place) => SymbolKind::ENUM_MEMBER,
        OutlineKind::Mention => SymbolKind::KEY,
        OutlineKind::MetadataGroup => SymbolKind::NAMESPACE,
        OutlineKind::Metadata => SymbolKind::PROPERTY,
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the struct, superseded by `tags`.
fn nested_symbol(
    item: &OutlineItem,
    analyzed: &Analyzed,
    encoding: PositionEncoding,
) -> DocumentSymbol {
    let children: Vec<DocumentSymbol> = item
        .children
        .iter()
        .map(|child| nested_symbol(child, analyzed, encoding))
        .collect();
    DocumentSymbol {
        name: name(item),
        detail: item.detail.clone(),
        kind: kind(item.kind),
        tags: None,
        deprecated: None,
        range: convert::range(&analyzed.rope, item.range, encoding),
        selection_range: convert::range(&analyzed.rope, item.selection, encoding),
        children: (!children.is_empty()).then_some(children),
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the struct, superseded by `tags`.
fn flat_symbols(
    item: &OutlineItem,
    container: Option<&str>,
    uri: &Uri,
    analyzed: &Analyzed,
    encoding: PositionEncoding,
    out: &mut Vec<SymbolInformation>,
) {
    let name = name(item);
    out.push(SymbolInformation {
        name: name.clone(),
        kind: kind(item.kind),
        tags: None,
        deprecated: None,
        location: Location::new(
            uri.clone(),
            convert::range(&analyzed.rope, item.range, encoding),
        ),
        container_name: container.map(str::to_owned),
    });
    for child in &item.children {
        flat_symbols(child, Some(&name), uri, analyzed, encoding, out);
    }
}
