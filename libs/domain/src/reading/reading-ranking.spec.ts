import { ageInYears, DEFAULT_WEIGHTS, matchTerms, rankWorks, RankableWork } from './reading-ranking';
import { contextTerms, nameWords, stem } from './reading-terms';

const NOW = new Date('2026-07-01T00:00:00Z');

function work(id: string, overrides: Partial<RankableWork> = {}): RankableWork {
  return { id, title: `Work ${id}`, venue: null, abstract: null, year: 2020, publicationDate: null, citationCount: 0, authorship: { position: 1, authorCount: 3 }, ...overrides };
}

describe('reading ranking', () => {
  it('normalizes citations for age: a young paper with fewer citations can beat an old one with more', () => {
    // Exactly two years (of 365.25 days) after the young paper.
    const NOW = new Date(Date.UTC(2024, 6, 1) + 2 * 365.25 * 24 * 3600 * 1000);
    const young = work('young', { year: 2024, publicationDate: '2024-07-01', citationCount: 200 }); // 100 a year
    const old = work('old', { year: 1996, publicationDate: '1996-07-01', citationCount: 1500 }); // 50 a year
    const ranked = rankWorks([old, young], { citations: 1, authorship: 0, recency: 0, relevance: 0 }, null, NOW);
    expect(ranked.map((r) => r.work.id)).toEqual(['young', 'old']);
    const [best, other] = ranked.map((r) => r.reasons.find((x) => x.kind === 'citations')!);
    expect(best).toMatchObject({ value: 1, citationsPerYear: 100, bestPerYear: 100, text: '200 citations, 100 a year (their best: 100 a year)' });
    // Log-scaled: half the rate is well above half the value.
    expect(other.value).toBeCloseTo(Math.log1p(50) / Math.log1p(100), 3);
    expect(ranked[0].score).toBe(100);
  });

  it('counts a paper of the first year as one year old, and a missing count as nothing', () => {
    const fresh = work('fresh', { year: 2026, publicationDate: '2026-06-01', citationCount: 10 });
    const none = work('none', { citationCount: null });
    const [a, b] = rankWorks([none, fresh], DEFAULT_WEIGHTS, null, NOW);
    expect(a.reasons[0]).toMatchObject({ kind: 'citations', citationsPerYear: 10 });
    expect(b.reasons[0]).toMatchObject({ kind: 'citations', value: 0, citationCount: null, text: 'no citation count from any source' });
  });

  it('values first and sole authors most, last authors next, middle authors not', () => {
    const roles = rankWorks(
      [work('middle', { authorship: { position: 2, authorCount: 3 } }), work('last', { authorship: { position: 3, authorCount: 3 } }), work('sole', { authorship: { position: 1, authorCount: 1 } }), work('first')],
      { citations: 0, authorship: 1, recency: 0, relevance: 0 },
      null,
      NOW,
    );
    expect(roles.map((r) => [r.work.id, r.score])).toEqual([
      ['first', 100],
      ['sole', 100],
      ['last', 75],
      ['middle', 0],
    ]);
  });

  it('halves recency every three years and leaves relevance out without a context', () => {
    const [r] = rankWorks([work('a', { year: 2023, publicationDate: '2023-07-01' })], DEFAULT_WEIGHTS, null, NOW);
    expect(r.reasons.map((x) => x.kind)).toEqual(['citations', 'authorship', 'recency']);
    expect(r.reasons[2].value).toBeCloseTo(0.5, 2);
    expect(ageInYears({ year: 2020, publicationDate: null }, NOW)).toBeCloseTo(6, 1);
    expect(ageInYears({ year: null, publicationDate: null }, NOW)).toBeNull();
  });

  it('matches context terms folded for case and accents, by stem, in the title, venue or abstract', () => {
    const terms = contextTerms({
      application: { keywords: ['Réseaux de Neurones', 'World Models'] },
      team: { name: 'Agents', description: null, researchNotes: 'The team cares about robustness.' },
      organization: { tags: [], researchNotes: 'Mission: safe agents.' },
    });
    expect(terms).toEqual(
      expect.arrayContaining([
        { term: 'reseaux de neurones', from: ['application'] },
        { term: 'world models', from: ['application'] },
        { term: 'agents', from: ['team', 'organization'] },
        { term: 'robustness', from: ['team'] },
        { term: 'safe', from: ['organization'] },
      ]),
    );
    // Words every lab's notes share say nothing about topics.
    expect(terms.map((t) => t.term)).not.toContain('team');
    expect(terms.map((t) => t.term)).not.toContain('mission');
    const matches = matchTerms({ title: 'RÉSEAUX DE NEURONES for an Agent', venue: 'Workshop on World Model Learning', abstract: 'Robustness matters.' }, terms);
    expect(matches).toEqual([
      { term: 'reseaux de neurones', from: ['application'], in: ['title'] },
      { term: 'world models', from: ['application'], in: ['venue'] },
      { term: 'agents', from: ['team', 'organization'], in: ['title'] },
      { term: 'robustness', from: ['team'], in: ['abstract'] },
    ]);
    const [ranked] = rankWorks([work('x', { title: 'RÉSEAUX DE NEURONES for an Agent' })], { citations: 0, authorship: 0, recency: 0, relevance: 1 }, terms, NOW);
    expect(ranked.reasons[3]).toMatchObject({ kind: 'relevance', value: 1, text: 'matches "reseaux de neurones" (title), "agents" (title)' });
  });

  it('takes no names of contacts and no words of hiring for topics, not from notes, tags or keywords, and nothing from the application notes', () => {
    const names = nameWords(['Petar Veličković', "Siobhan O'Connor"]);
    const terms = contextTerms(
      {
        application: { keywords: ['Graph Neural Networks', 'Petar', 'target'] },
        team: { name: 'Reasoning', description: null, researchNotes: 'Petar referred me; the target team works on algorithmic reasoning. Interview with O’Connor.' },
        organization: { tags: ['lab', 'target', 'Reinforcement Learning'], researchNotes: 'Strong lab; recruiters want referred candidates for the role.' },
      },
      names,
    );
    expect(terms.map((t) => t.term).sort()).toEqual(['algorithmic', 'graph neural networks', 'reasoning', 'reinforcement learning']);
    // And a work mentioning the noise words is not relevant for them.
    expect(matchTerms({ title: 'Petar: a target for the lab, referred by a team role interview', venue: null, abstract: null }, terms)).toEqual([]);
    expect(matchTerms({ title: 'Neural Algorithmic Reasoning', venue: null, abstract: null }, terms).map((m) => m.term)).toEqual(['algorithmic', 'reasoning']);
  });

  it('does not count the words of a matched phrase again', () => {
    const terms = contextTerms({ application: { keywords: ['world models'] }, team: null, organization: { tags: [], researchNotes: 'world' } });
    expect(matchTerms({ title: 'World Models', venue: null, abstract: null }, terms).map((m) => m.term)).toEqual(['world models']);
  });

  it('stems plurals without merging different words', () => {
    expect(['agents', 'policies', 'boxes', 'class', 'corpus', 'analysis'].map(stem)).toEqual(['agent', 'policy', 'box', 'class', 'corpus', 'analysis']);
  });

  it('breaks ties by citations, then year, then id', () => {
    const ranked = rankWorks([work('b', { citationCount: 5 }), work('a', { citationCount: 5 }), work('c', { citationCount: 9 })], { citations: 0, authorship: 1, recency: 0, relevance: 0 }, null, NOW);
    expect(ranked.map((r) => r.work.id)).toEqual(['c', 'a', 'b']);
  });
});

describe('reading ranking with a limit', () => {
  // A small deterministic generator, so a failure can be replayed.
  function random(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return state / 2 ** 31;
    };
  }
  const WORDS = ['world', 'models', 'planning', 'agents', 'benchmark', 'robust', 'vision', 'language', 'scaling', 'offline', 'policy', 'graph'];
  const terms = contextTerms({ application: { keywords: ['World Models', 'offline policy'] }, team: null, organization: { tags: ['benchmark'], researchNotes: 'planning and agents' } });

  it('returns exactly the first works of the full ranking, reasons and all, while matching terms for fewer works', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed);
      const pick = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
      const works = Array.from({ length: 20 + Math.floor(next() * 200) }, (_, i) =>
        work(`w${i}`, {
          title: pick(1 + Math.floor(next() * 5)),
          abstract: next() < 0.8 ? pick(30) : null,
          year: 2005 + Math.floor(next() * 21),
          // Many ties on purpose: equal counts and years.
          citationCount: next() < 0.1 ? null : Math.floor(next() * 5) * 10,
          authorship: { position: 1 + Math.floor(next() * 3), authorCount: 3 },
        }),
      );
      const weights = { citations: Math.floor(next() * 4), authorship: Math.floor(next() * 4), recency: Math.floor(next() * 3), relevance: 1 + Math.floor(next() * 5) };
      const limit = 1 + Math.floor(next() * 15);
      expect(rankWorks(works, weights, terms, NOW, limit)).toEqual(rankWorks(works, weights, terms, NOW).slice(0, limit));
    }
  });

  it('skips the term matching of works that cannot reach the list', () => {
    // One cited work with no terms; many uncited ones: with relevance weighed lightly, none of them can catch up.
    const works = [work('cited', { citationCount: 500, year: 2025 }), ...Array.from({ length: 50 }, (_, i) => work(`u${i}`, { citationCount: 0, year: 2005, authorship: { position: 2, authorCount: 3 }, abstract: 'world models' }))];
    let read = 0;
    const counted = works.map((w) => ({
      ...w,
      get abstract() {
        read += 1;
        return w.abstract;
      },
    }));
    const [top] = rankWorks(counted, { citations: 5, authorship: 1, recency: 1, relevance: 1 }, terms, NOW, 1);
    expect(top.work.id).toBe('cited');
    expect(read).toBeLessThan(5);
  });
});
