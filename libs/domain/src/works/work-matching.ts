import { surnameKey, titleKey } from '../shared/text/index';
import type { NormalizedWork } from '../scholarly/index';

/**
 * When two records are one work. In order of trust: the same DOI; the same arXiv id (v1 and v2
 * are one work); a preprint and its published version (the preprint's DOI or journal reference,
 * Semantic Scholar's external ids give both ids on one record); otherwise the same title once
 * folded, a year within one, and the same first-author surname; or, for a version renamed on
 * publication (a leading "Toolname:" or a trailing subtitle added or dropped), one title is the
 * other's core, a year within one, the same first author and most of the co-authors.
 */

/** What a record is matched by. */
export interface MatchKeys {
  doi: string | null;
  arxivId: string | null;
  titleKey: string;
  year: number | null;
  firstAuthorKey: string | null;
  /** The title with a leading name or a trailing subtitle dropped (titleCoreKey), if it has one. */
  titleCoreKey?: string | null;
  /** Every author's surname, folded, in order (the first author's first). */
  authorKeys?: string[];
}

export function matchKeys(record: NormalizedWork): MatchKeys {
  // A DOI minted by arXiv (10.48550/arxiv.…) names the preprint, not a publication.
  const arxivDoi = record.doi?.startsWith('10.48550/arxiv.') ? record.doi : null;
  let authorKeys: string[] | undefined;
  return {
    doi: arxivDoi ? null : record.doi,
    arxivId: record.arxivId ?? (arxivDoi ? arxivDoi.slice('10.48550/arxiv.'.length) : null),
    titleKey: titleKey(record.title),
    year: record.year,
    firstAuthorKey: surnameKey(record.authors[0]?.name),
    titleCoreKey: titleCoreKey(record.title),
    // Only a renamed title's co-author check reads these: worked out on first read, not for every record of every page.
    get authorKeys(): string[] {
      authorKeys ??= record.authors.flatMap((a) => surnameKey(a.name) ?? []);
      return authorKeys;
    },
  };
}

/** True when two records without a shared id are still one work by title, year and first author. */
export function sameByTitle(a: MatchKeys, b: MatchKeys): boolean {
  if (!a.titleKey || a.titleKey !== b.titleKey) return false;
  if (a.year !== null && b.year !== null && Math.abs(a.year - b.year) > 1) return false;
  return a.firstAuthorKey !== null && a.firstAuthorKey === b.firstAuthorKey;
}

/** Words a title core must keep: shorter ones ("bert", "deep learning") name too many papers. */
const MIN_CORE_WORDS = 3;
/** A leading part this short is a name ("Toolname:", "GPT-4 Turbo:"), not a title with a subtitle. */
const MAX_NAME_WORDS = 3;
const TITLE_PARTS_RE = /\s*:\s+|\s+[—–]\s+/;

/**
 * The folded title without what publication often adds or drops: a leading name ("Toolname: Doing
 * things with tools" → "doing things with tools"), else a trailing subtitle ("Doing things with
 * tools: a study of X" → "doing things with tools"). Null when the title has neither, or what
 * would be left is too short to say which paper it is.
 */
export function titleCoreKey(title: string): string | null {
  const parts = title.split(TITLE_PARTS_RE);
  if (parts.length < 2) return null;
  const words = (text: string) => titleKey(text).split(' ').filter(Boolean);
  const head = words(parts[0]);
  const core = head.length <= MAX_NAME_WORDS ? words(parts.slice(1).join(' ')) : head;
  return core.length >= MIN_CORE_WORDS ? core.join(' ') : null;
}

/**
 * True when two records without a shared id are one work renamed on the way to publication: one
 * title is the other's core (never two cores alike: "X: a study of A" and "X: a study of B" are
 * two papers), both years known and within one, the same first author, and most co-authors shared
 * (more than half of each side's, by surname).
 */
export function sameRenamed(a: MatchKeys, b: MatchKeys): boolean {
  const renamed = (!!a.titleCoreKey && a.titleCoreKey === b.titleKey) || (!!b.titleCoreKey && b.titleCoreKey === a.titleKey);
  if (!renamed || a.year === null || b.year === null || Math.abs(a.year - b.year) > 1) return false;
  if (a.firstAuthorKey === null || a.firstAuthorKey !== b.firstAuthorKey) return false;
  return mostCoauthors(a.authorKeys ?? [], b.authorKeys ?? []);
}

function mostCoauthors(a: string[], b: string[]): boolean {
  const [x, y] = [new Set(a.slice(1)), new Set(b.slice(1))];
  if (x.size === 0 && y.size === 0) return a.length > 0 && b.length > 0;
  const shared = [...x].filter((k) => y.has(k)).length;
  return shared * 2 > Math.max(x.size, y.size);
}
