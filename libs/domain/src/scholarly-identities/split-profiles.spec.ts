import { matchSplitProfile, ProfileEvidence } from './split-profiles';

const linked = (evidence: ProfileEvidence) => ({ identityId: 'id-1', sourceAuthorId: 'A1', evidence });
const later: ProfileEvidence = { years: [2016, 2019, 2023], coauthors: ['Jonas Lindqvist', 'Priya Raman'], topics: ['Graph Neural Networks', 'Drug Discovery'] };

describe('matchSplitProfile', () => {
  it('suggests a same-name record with co-authors in common whose works come before, saying why', () => {
    const match = matchSplitProfile('exact', { years: [2011, 2014], coauthors: ['jonas lindqvist', 'Elena Sokolova'], topics: ['Kernel Methods'] }, linked(later));
    expect(match).toEqual({
      identityId: 'id-1',
      sourceAuthorId: 'A1',
      reasons: [
        { kind: 'split-profile', points: 0.05, detail: 'Shares a co-author with the linked record A1: jonas lindqvist' },
        { kind: 'split-profile', points: 0.1, detail: 'Its works (2011–2014) come before those of the linked record A1' },
      ],
    });
  });

  it('takes topics and later years as evidence too, names written with initials as the same name', () => {
    const match = matchSplitProfile('variant', { years: [2024], coauthors: [], topics: ['graph neural networks', 'Drug Discovery'] }, linked(later));
    expect(match?.reasons.map((r) => r.detail)).toEqual([
      'Shares 2 topics with the linked record A1: Drug Discovery, graph neural networks',
      'Its works (2024) come after those of the linked record A1',
    ]);
  });

  it('does not suggest on one kind of evidence, on overlapping years alone, or without the same name', () => {
    // Co-authors only; the years overlap.
    expect(matchSplitProfile('exact', { years: [2015, 2020], coauthors: ['Priya Raman'], topics: [] }, linked(later))).toBeNull();
    // Everything in common but the name agrees only on the family name.
    expect(matchSplitProfile('surname', { years: [2010], coauthors: ['Priya Raman'], topics: ['Drug Discovery'] }, linked(later))).toBeNull();
    // Nothing synced on the linked side: nothing to compare.
    expect(matchSplitProfile('exact', { years: [2010], coauthors: ['Priya Raman'], topics: ['Drug Discovery'] }, linked({ years: [], coauthors: [], topics: [] }))).toBeNull();
  });
});
