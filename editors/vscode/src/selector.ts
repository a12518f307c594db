// Which documents the server sees: the configured language ids, narrowed by a path glob.

export interface DocumentFilter {
  language: string;
  scheme: string;
  pattern?: string;
}

/** One filter per language and scheme; the glob applies to files only (untitled has no path). */
export function documentSelector(languages: readonly string[], glob: string): DocumentFilter[] {
  const filters: DocumentFilter[] = [];
  const pattern = glob.trim();
  const narrowed = pattern !== '' && pattern !== '**' && pattern !== '**/*';
  for (const language of new Set(languages.map((id) => id.trim()).filter((id) => id !== ''))) {
    filters.push(narrowed ? { language, scheme: 'file', pattern } : { language, scheme: 'file' });
    if (!narrowed) {
      filters.push({ language, scheme: 'untitled' });
    }
  }
  return filters;
}
