import { surnameKey, titleKey } from '../shared/text/index';
import type { NormalizedWork } from '../scholarly/index';

/**
 * When two records are one work. In order of trust: the same DOI; the same arXiv id (v1 and v2
 * are one work); a preprint and its published version (the preprint's DOI or journal reference,
 * Semantic Scholar's external ids give both ids on one record); otherwise the same title once
 * folded, a year within one, and the same first-author surname.
 */

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
