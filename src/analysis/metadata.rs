//! Lines that describe the article rather than tell it: headline, byline, dateline, source line.

use super::prose::Prose;
use super::{MetadataKind, MetadataLine};

/// Finds the article's metadata lines.
pub fn detect(prose: &Prose<'_>) -> Vec<MetadataLine> {
    let mut lines = Vec::new();
    for (index, &paragraph) in prose.paragraphs().iter().enumerate() {
        let text = prose.slice(paragraph);
        let kind = if text.starts_with("Source:") || text.starts_with("Sources:") {
            Some(MetadataKind::SourceLine)
        } else if text.starts_with("By ") && text.split_whitespace().count() <= 8 {
            Some(MetadataKind::Byline)
        } else if index == 0 && !text.contains('\n') && !text.ends_with(['.', '”', '"']) {
            Some(MetadataKind::Headline)
        } else {
            None
        };
        if let Some(kind) = kind {
            lines.push(MetadataLine {
                kind,
                range: paragraph,
            });
        }
    }
    lines
}
