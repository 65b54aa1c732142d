/**
 * Small readers the source normalizers share: what an API answered, made into the values Dossier
 * keeps, whatever the source. A normalizer keeps only what is its source's own.
 */

/** A string with its runs of white space folded to one space and trimmed; null when empty or not a string. */
export function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.replace(/\s+/g, ' ').trim();
  return trimmed || null;
}

/** A finite number (a count, a citation total); null for anything else. */
export function finiteCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The cleaned strings among `values`, each once regardless of case, the first spelling kept, in order. */
export function uniqueTexts(values: unknown[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const text = cleanText(value);
    if (text && !seen.has(text.toLowerCase())) {
      seen.add(text.toLowerCase());
      out.push(text);
    }
  }
  return out;
}
