import { foldText } from '../people/name-folding';
import type { NormalizedWork } from '../scholarly/scholarly.types';

/**
 * When two records are one work. In order of trust: the same DOI; the same arXiv id (v1 and v2
 * are one work); a preprint and its published version (the preprint's DOI or journal reference,
 * Semantic Scholar's external ids give both ids on one record); otherwise the same title once
 * folded, a year within one, and the same first-author surname.
 */

/** Common LaTeX in titles: commands dropped, their text kept (`\emph{Deep}` → `Deep`, `$\alpha$` → `alpha`). */
function stripLatex(title: string): string {
  return title
    .replace(/\\(?:emph|textit|textbf|mathrm|mathbf|mathcal|text|mbox)\s*\{([^}]*)\}/g, '$1')
    .replace(/\\([a-zA-Z]+)/g, '$1')
    .replace(/[{}$^_~]/g, ' ');
}

/** The title folded for matching: LaTeX, case, accents, punctuation and spacing removed. */
export function titleKey(title: string): string {
  const folded = foldText(stripLatex(title));
  // Folded ASCII has no capitals, so its letters and digits are a-z and 0-9. The Unicode classes
  // cost far more, most of all on text that came through the slow path of folding.
  return (FOLDED_ASCII_RE.test(folded) ? folded.replace(/[^a-z0-9]+/g, ' ') : folded.replace(/[^\p{L}\p{N}]+/gu, ' ')).trim();
}

const FOLDED_ASCII_RE = /^[\x00-\x7F]*$/;

/** The surname of an author as written by any source ("Kaiser, Łukasz", "Ł. Kaiser", "Lukasz Kaiser 0001") folded. */
export function surnameKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const cleaned = name.replace(/\s+\d{4}$/, '').trim(); // DBLP's homonym number
  const surname = cleaned.includes(',') ? cleaned.split(',')[0] : (cleaned.split(/\s+/).pop() ?? '');
  const key = foldText(surname).replace(/[^\p{L}\p{N}]+/gu, '');
  return key || null;
}

/** What a record is matched by. */
export interface MatchKeys {
  doi: string | null;
  arxivId: string | null;
  titleKey: string;
  year: number | null;
  firstAuthorKey: string | null;
}

export function matchKeys(record: NormalizedWork): MatchKeys {
  // A DOI minted by arXiv (10.48550/arxiv.…) names the preprint, not a publication.
  const arxivDoi = record.doi?.startsWith('10.48550/arxiv.') ? record.doi : null;
  return {
    doi: arxivDoi ? null : record.doi,
    arxivId: record.arxivId ?? (arxivDoi ? arxivDoi.slice('10.48550/arxiv.'.length) : null),
    titleKey: titleKey(record.title),
    year: record.year,
    firstAuthorKey: surnameKey(record.authors[0]?.name),
  };
}

/** True when two records without a shared id are still one work by title, year and first author. */
export function sameByTitle(a: MatchKeys, b: MatchKeys): boolean {
  if (!a.titleKey || a.titleKey !== b.titleKey) return false;
  if (a.year !== null && b.year !== null && Math.abs(a.year - b.year) > 1) return false;
  return a.firstAuthorKey !== null && a.firstAuthorKey === b.firstAuthorKey;
}
