import { foldText } from '../shared/text/index';
import type { AuthorCandidate } from './scholarly.types';

/**
 * Candidates with an affiliation containing `affiliation` first, order kept otherwise. Both sides
 * are folded as names are everywhere else (case, accents, letters such as ø and ß), so
 * "Kobenhavn" finds "Københavns Universitet".
 */
export function preferAffiliation(candidates: AuthorCandidate[], affiliation: string | null | undefined): AuthorCandidate[] {
  const wanted = foldText(affiliation ?? '');
  if (!wanted) return candidates;
  const matches = (c: AuthorCandidate) => c.affiliations.some((a) => foldText(a).includes(wanted));
  return [...candidates.filter(matches), ...candidates.filter((c) => !matches(c))];
}
