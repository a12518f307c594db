// Writes an article's quotes as JSON or CSV. Pure: the caller reads the quote texts from the
// document and writes the file.

import type { SpeakerGroup } from './quotes';

export type ExportFormat = 'json' | 'csv';

export interface ExportedQuote {
  speaker: string | null;
  text: string;
  cue: string;
  /** 1-based, as people count lines. */
  line: number;
  /** 1-based, in characters (UTF-16 code units, as the editor counts). */
  column: number;
  endLine: number;
  endColumn: number;
}

export function exportRows(
  groups: readonly SpeakerGroup[],
  textOf: (range: SpeakerGroup['quotes'][number]['range']) => string,
): ExportedQuote[] {
  const rows: ExportedQuote[] = [];
  for (const group of groups) {
    for (const quote of group.quotes) {
      rows.push({
        speaker: group.attributed ? group.speaker : null,
        text: textOf(quote.range),
        cue: quote.cue,
        line: quote.range.start.line + 1,
        column: quote.range.start.character + 1,
        endLine: quote.range.end.line + 1,
        endColumn: quote.range.end.character + 1,
      });
    }
  }
  return rows;
}

export function formatQuotes(rows: readonly ExportedQuote[], format: ExportFormat): string {
  if (format === 'json') {
    return JSON.stringify({ quotes: rows }, null, 2) + '\n';
  }
  const header = ['speaker', 'text', 'cue', 'line', 'column', 'end_line', 'end_column'];
  const lines = [header.join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.speaker ?? '',
        row.text,
        row.cue,
        row.line,
        row.column,
        row.endLine,
        row.endColumn,
      ]
        .map(csvField)
        .join(','),
    );
  }
  // RFC 4180: CRLF between records.
  return lines.join('\r\n') + '\r\n';
}

/** RFC 4180 quoting: a field with a comma, quote or line break is wrapped in double quotes. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
