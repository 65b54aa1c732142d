import { DEFAULT_WEIGHTS, rankWorks } from '../reading/index';
import { toBriefingReading } from './briefing-reading';

const NOW = new Date('2026-07-01T00:00:00Z');

describe('a checklist in a briefing', () => {
  it('names the position as people say it and keeps only the reasons that added points', () => {
    const [ranked] = rankWorks([{ id: 'w', title: 'Work w', venue: null, abstract: null, year: 2024, publicationDate: null, citationCount: 0, authorship: { position: 2, authorCount: 12 } }], DEFAULT_WEIGHTS, null, NOW);
    const item = {
      work: { id: 'w', title: 'T', year: 2024, publicationDate: null, venue: null, type: 'article', doi: null, arxivId: null, citationCount: 0, openAccessUrl: null, pdfUrl: null },
      authors: [],
      records: [{ source: 'openalex', sourceId: 'W1', sourceUrl: 'https://openalex.org/W1', citationCount: 0, fetchedAt: NOW }],
      links: { doi: null, arxiv: null },
      score: ranked.score,
      reasons: ranked.reasons,
      interviewers: [{ id: 'p', fullName: 'Ada', rank: 1, score: ranked.score, authorship: { position: 2, authorCount: 12, first: false, last: false }, reasons: ranked.reasons }],
      reading: { status: 'read', notes: 'n', summary: null, questions: ['q'], updatedAt: null },
    } as const;
    const out = toBriefingReading({ settings: { size: 10, weights: DEFAULT_WEIGHTS, updatedAt: null }, context: null, items: [item as any], coverage: { read: 1, total: 1 }, perInterviewer: [{ id: 'p', fullName: 'Ada', read: 1, total: 1, worksTotal: 3 }] });
    expect(out.items[0].work.position).toBe('2nd of 12');
    expect(out.items[0].work.sources).toEqual([{ source: 'openalex', url: 'https://openalex.org/W1' }]);
    // Only recency added points: no citations, a middle author.
    expect(out.items[0].reasons).toEqual(['published 2024']);
    expect(out.items[0]).toMatchObject({ status: 'read', notes: 'n', questions: ['q'], interviewers: [{ id: 'p', fullName: 'Ada' }] });
    expect(out.perInterviewer).toEqual([{ id: 'p', fullName: 'Ada', read: 1, total: 1 }]);
  });
});
