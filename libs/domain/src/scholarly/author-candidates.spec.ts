import { preferAffiliation } from './author-candidates';
import type { AuthorCandidate } from './scholarly.types';

function candidate(sourceAuthorId: string, affiliations: string[]): AuthorCandidate {
  return {
    source: 'openalex', sourceAuthorId, name: 'Ada Lovelace', alternativeNames: [], affiliations, orcid: null,
    worksCount: null, citationCount: null, topics: [], sourceUrl: `https://openalex.org/${sourceAuthorId}`,
  };
}

describe('preferAffiliation', () => {
  const list = [candidate('A1', ['ETH Zürich']), candidate('A2', ['Københavns Universitet']), candidate('A3', ['École Normale Supérieure'])];

  it('puts candidates whose affiliation contains the wanted one first, case and accents aside, order kept', () => {
    expect(preferAffiliation(list, 'ecole normale').map((c) => c.sourceAuthorId)).toEqual(['A3', 'A1', 'A2']);
    expect(preferAffiliation(list, 'ZURICH').map((c) => c.sourceAuthorId)).toEqual(['A1', 'A2', 'A3']);
  });

  it('folds letters without a decomposition as names are folded everywhere', () => {
    expect(preferAffiliation(list, 'Kobenhavn').map((c) => c.sourceAuthorId)).toEqual(['A2', 'A1', 'A3']);
  });

  it('keeps the order when no affiliation is wanted', () => {
    expect(preferAffiliation(list, null)).toBe(list);
    expect(preferAffiliation(list, '  ')).toBe(list);
  });
});
