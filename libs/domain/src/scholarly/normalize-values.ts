/**
 * Small readers the source normalizers share: what an API answered, made into the values Dossier
 * keeps, whatever the source. A normalizer keeps only what is its source's own.
 */
import { storableText } from '#platform';

/** The text with its runs of white space folded to one space, and trimmed. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A string with its runs of white space folded to one space and trimmed; null when empty or not a string. */
export function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return collapseSpace(value) || null;
}

/** A count (citations, works, a year): a whole number, not negative; null for anything else. */
export function finiteCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null;
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

/**
 * JSON may write a NUL or a lone surrogate as an escape (`\u0000`, `\ud800`), and PostgreSQL keeps
 * neither: left in, one in one record fails the whole page, and every retry of it. An escaped pair
 * is harmless but rare enough to check too.
 */
const UNSTORABLE_ESCAPE_RE = /\\u0000|\\u[dD][89a-fA-F]/;

/** A source's body with its raw NUL characters dropped (they are never part of JSON or XML text). */
export function withoutNul(body: string): string {
  return body.includes('\u0000') ? body.replaceAll('\u0000', '') : body;
}

/**
 * A source's JSON, parsed, with every string storableText. The walk runs only when the text holds
 * an escape that may need it, so a clean body (nearly all) costs one scan.
 */
export function parseSourceJson(text: string): unknown {
  const parsed: unknown = JSON.parse(text);
  return UNSTORABLE_ESCAPE_RE.test(text) ? storableValue(parsed) : parsed;
}

function storableValue(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storableValue);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableValue(v)]));
  return value;
}
