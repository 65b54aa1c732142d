import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import type { WorkType } from '../scholarly/index';
import { surnameKey, titleKey } from '../shared/text/index';

/**
 * A checklist as BibTeX, written by citation-js from CSL-JSON: it escapes LaTeX's special
 * characters (& % _ { } …) and writes accents as LaTeX commands, so any BibTeX tool reads it back.
 */

export interface BibtexWork {
  id: string;
  title: string;
  authors: string[];
  year: number | null;
  publicationDate: string | null;
  venue: string | null;
  type: WorkType;
  doi: string | null;
  arxivId: string | null;
}

const CSL_TYPES: Record<WorkType, string> = {
  article: 'article-journal',
  preprint: 'article',
  'conference-paper': 'paper-conference',
  book: 'book',
  'book-chapter': 'chapter',
  thesis: 'thesis',
  dataset: 'dataset',
  review: 'article-journal',
  editorial: 'article-journal',
  other: 'document',
};

const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'dos', 'das', 'ter', 'ten', 'bin', 'al']);

/** A name as sources write it ("Kaiser, Łukasz", "Ludwig van Beethoven", "Ashish Vaswani 0001") as CSL. */
export function cslName(name: string): { family: string; given?: string } | { literal: string } {
  const cleaned = name.replace(/\s+\d{4}$/, '').trim();
  if (cleaned.includes(',')) {
    const [family, ...given] = cleaned.split(',');
    return { family: family.trim(), given: given.join(',').trim() || undefined };
  }
  const parts = cleaned.split(/\s+/);
  if (parts.length === 1) return { literal: cleaned };
  let start = parts.length - 1;
  while (start > 1 && PARTICLES.has(parts[start - 1].toLowerCase())) start--;
  return { family: parts.slice(start).join(' '), given: parts.slice(0, start).join(' ') };
}

/** Citation keys: first author's surname, year, first title word ("vaswani2017attention"), unique with a, b, c. */
export function citationKeys(works: BibtexWork[]): string[] {
  const used = new Map<string, number>();
  return works.map((w) => {
    const base = `${surnameKey(w.authors[0]) ?? 'anon'}${w.year ?? ''}${titleKey(w.title).split(' ').find((word) => word.length > 3) ?? ''}`.replace(/[^a-z0-9]/g, '') || 'work';
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return n === 0 ? base : `${base}${String.fromCharCode(96 + Math.min(n, 26))}${n > 26 ? n : ''}`;
  });
}

export function toBibtex(works: BibtexWork[]): string {
  if (works.length === 0) return '';
  const keys = citationKeys(works);
  const entries = works.map((w, i) => {
    const date = /^(\d{4})(?:-(\d{2}))?/.exec(w.publicationDate ?? '');
    const issued = date ? (date[2] ? [+date[1], +date[2]] : [+date[1]]) : w.year ? [w.year] : null;
    const entry: Record<string, unknown> = {
      id: keys[i],
      'citation-key': keys[i],
      type: CSL_TYPES[w.type] ?? 'document',
      title: w.title,
      author: w.authors.map(cslName),
    };
    if (issued) entry.issued = { 'date-parts': [issued] };
    if (w.venue) entry['container-title'] = w.venue;
    if (w.doi) entry.DOI = w.doi;
    // The preprint's link, also when a published version (the DOI) exists: both are the same work.
    if (w.arxivId) entry.URL = `https://arxiv.org/abs/${w.arxivId}`;
    else if (w.doi) entry.URL = `https://doi.org/${w.doi}`;
    return entry;
  });
  return new Cite(entries).format('bibtex', { format: 'text' });
}
