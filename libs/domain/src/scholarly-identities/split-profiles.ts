import { foldText } from '../shared/text/index';
import type { NameMatch, ScoreReason } from './candidate-scoring';
import { nameTokens } from './candidate-scoring';

/**
 * Split profiles: a source that holds one researcher as two author records (an old and a new
 * record, a name written two ways), so half of their works sit under the second. A candidate at a
 * source where the person already has a linked identity is suggested as the same person when the
 * two records look like one career cut in two: the same name, and at least two of: co-authors in
 * common, topics in common, and years that do not overlap (one record ending where the other
 * starts). Pure functions: the service gathers each side's evidence.
 */

/** What one author record shows of its career: years with works, co-authors' names, topics. */
export interface ProfileEvidence {
  years: number[];
  coauthors: string[];
  topics: string[];
}

export interface SplitProfileMatch {
  /** The linked identity the candidate looks like a second record of. */
  identityId: string;
  sourceAuthorId: string;
  reasons: ScoreReason[];
}

/** Points (in hundredths, as candidate-scoring counts them) each kind of evidence adds to the candidate's score. */
export const SPLIT_POINTS = { perCoauthor: 5, coauthorsMax: 15, perTopic: 5, topicsMax: 10, years: 10 } as const;

/** At least this many kinds of evidence (co-authors, topics, years) make a suggestion. */
const KINDS_NEEDED = 2;
const LISTED_MAX = 3;

export function matchSplitProfile(
  nameMatch: NameMatch,
  candidate: ProfileEvidence,
  linked: { identityId: string; sourceAuthorId: string; evidence: ProfileEvidence },
): SplitProfileMatch | null {
  if (nameMatch !== 'exact' && nameMatch !== 'variant') return null;
  const reasons: ScoreReason[] = [];
  const record = linked.sourceAuthorId;

  const coauthors = shared(candidate.coauthors, linked.evidence.coauthors, (n) => nameTokens(n).join(' '));
  if (coauthors.length > 0) {
    reasons.push({
      kind: 'split-profile',
      points: Math.min(SPLIT_POINTS.coauthorsMax, SPLIT_POINTS.perCoauthor * coauthors.length) / 100,
      detail: `Shares ${coauthors.length === 1 ? 'a co-author' : `${coauthors.length} co-authors`} with the linked record ${record}: ${listed(coauthors)}`,
    });
  }
  const topics = shared(candidate.topics, linked.evidence.topics, foldText);
  if (topics.length > 0) {
    reasons.push({
      kind: 'split-profile',
      points: Math.min(SPLIT_POINTS.topicsMax, SPLIT_POINTS.perTopic * topics.length) / 100,
      detail: `Shares ${topics.length === 1 ? 'a topic' : `${topics.length} topics`} with the linked record ${record}: ${listed(topics)}`,
    });
  }
  const years = yearsApart(candidate.years, linked.evidence.years);
  if (years) reasons.push({ kind: 'split-profile', points: SPLIT_POINTS.years / 100, detail: `${years} the linked record ${record}` });

  return reasons.length >= KINDS_NEEDED ? { identityId: linked.identityId, sourceAuthorId: record, reasons } : null;
}

/** How the candidate's years sit beside the linked record's, when they do not overlap. */
function yearsApart(candidate: number[], linked: number[]): string | null {
  if (candidate.length === 0 || linked.length === 0) return null;
  const [cFirst, cLast] = [Math.min(...candidate), Math.max(...candidate)];
  const [lFirst, lLast] = [Math.min(...linked), Math.max(...linked)];
  const span = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);
  if (cLast <= lFirst) return `Its works (${span(cFirst, cLast)}) come before those of`;
  if (cFirst >= lLast) return `Its works (${span(cFirst, cLast)}) come after those of`;
  return null;
}

/** The values of `a` that `b` has too (compared folded), as `a` writes them, each once. */
function shared(a: string[], b: string[], fold: (s: string) => string): string[] {
  const other = new Set(b.map(fold).filter((s) => s !== ''));
  const out = new Map<string, string>();
  for (const value of a) {
    const key = fold(value);
    if (key !== '' && other.has(key) && !out.has(key)) out.set(key, value);
  }
  return [...out.values()].sort((x, y) => x.localeCompare(y));
}

function listed(values: string[]): string {
  return values.length > LISTED_MAX ? `${values.slice(0, LISTED_MAX).join(', ')} and ${values.length - LISTED_MAX} more` : values.join(', ');
}
