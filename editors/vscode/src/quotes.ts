// Turns the server's outline (the `textDocument/documentSymbol` response) into quotes grouped by
// speaker, for the quick pick, the export and the status bar. Pure: no `vscode` import, so the
// unit tests run under plain Node.
//
// The server's outline is: one symbol per speaker (children: that speaker's quotes), an
// "Unattributed" group, then the entity groups "People", "Organizations" and "Places".

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** The parts of a protocol `DocumentSymbol` we read. */
export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: number;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

/** The parts of a protocol `SymbolInformation` (the flat form) we read. */
export interface SymbolInformation {
  name: string;
  kind: number;
  containerName?: string;
  location: { uri: string; range: Range };
}

export interface QuoteEntry {
  /** The quote's opening words, as the server names it. */
  name: string;
  /** How it was attributed, e.g. `said`, `he noted`, `continues`. */
  cue: string;
  range: Range;
  selectionRange: Range;
}

export interface SpeakerGroup {
  /** The speaker's name, or "Unattributed". */
  speaker: string;
  attributed: boolean;
  quotes: QuoteEntry[];
}

export const UNATTRIBUTED = 'Unattributed';
// Groups that are not speakers: the entities and the article's metadata lines.
const ENTITY_GROUPS = new Set(['People', 'Organizations', 'Places', 'Article']);

/** Quotes grouped by speaker, in the server's order (speakers by first quote, then unattributed). */
export function quotesBySpeaker(
  symbols: readonly (DocumentSymbol | SymbolInformation)[] | null | undefined,
): SpeakerGroup[] {
  if (!symbols || symbols.length === 0) {
    return [];
  }
  const groups: SpeakerGroup[] = [];
  const byName = new Map<string, SpeakerGroup>();
  const groupFor = (speaker: string): SpeakerGroup => {
    let group = byName.get(speaker);
    if (!group) {
      group = { speaker, attributed: speaker !== UNATTRIBUTED, quotes: [] };
      byName.set(speaker, group);
      groups.push(group);
    }
    return group;
  };

  for (const symbol of symbols) {
    if (isSymbolInformation(symbol)) {
      // Flat form: a quote names its speaker group as its container.
      const container = symbol.containerName;
      if (container && !ENTITY_GROUPS.has(container)) {
        groupFor(container).quotes.push({
          name: symbol.name,
          cue: '',
          range: symbol.location.range,
          selectionRange: symbol.location.range,
        });
      }
      continue;
    }
    if (ENTITY_GROUPS.has(symbol.name)) {
      continue;
    }
    if (symbol.children && symbol.children.length > 0) {
      const group = groupFor(symbol.name);
      for (const child of symbol.children) {
        group.quotes.push({
          name: child.name,
          cue: child.detail ?? '',
          range: child.range,
          selectionRange: child.selectionRange,
        });
      }
    } else if (symbol.detail !== undefined && !/^\d+ quotes?$/.test(symbol.detail)) {
      // Outline in document order: a quote at the top level, its detail naming the speaker.
      groupFor(symbol.detail || UNATTRIBUTED).quotes.push({
        name: symbol.name,
        cue: '',
        range: symbol.range,
        selectionRange: symbol.selectionRange,
      });
    }
  }
  return groups;
}

export interface QuoteCounts {
  quotes: number;
  unattributed: number;
  speakers: number;
}

export function countQuotes(groups: readonly SpeakerGroup[]): QuoteCounts {
  let quotes = 0;
  let unattributed = 0;
  let speakers = 0;
  for (const group of groups) {
    quotes += group.quotes.length;
    if (group.attributed) {
      speakers += 1;
    } else {
      unattributed += group.quotes.length;
    }
  }
  return { quotes, unattributed, speakers };
}

/** The status bar text, e.g. "14 quotes · 1 unattributed". */
export function describeCounts(counts: QuoteCounts): string {
  const quotes = `${counts.quotes} ${counts.quotes === 1 ? 'quote' : 'quotes'}`;
  return counts.unattributed > 0 ? `${quotes} · ${counts.unattributed} unattributed` : quotes;
}

function isSymbolInformation(
  symbol: DocumentSymbol | SymbolInformation,
): symbol is SymbolInformation {
  return (symbol as SymbolInformation).location !== undefined;
}
