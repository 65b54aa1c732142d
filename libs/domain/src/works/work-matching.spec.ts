import type { NormalizedWork } from '../scholarly/index';
import { surnameKey, titleKey } from '../shared/text/index';
import { matchKeys, sameByTitle } from './work-matching';

function record(overrides: Partial<NormalizedWork>): NormalizedWork {
  return {
    source: 'openalex',
    sourceId: 'W1',
    sourceUrl: 'https://openalex.org/W1',
    title: 'Attention Is All You Need',
    publicationDate: '2017',
    year: 2017,
    venue: null,
    type: 'article',
    doi: null,
    arxivId: null,
    externalIds: {},
    authors: [{ position: 1, name: 'Ashish Vaswani', sourceAuthorId: null, orcid: null, affiliations: [] }],
    citationCount: null,
    abstract: null,
    openAccessUrl: null,
    pdfUrl: null,
    sourceUpdatedAt: null,
    ...overrides,
  };
}

describe('work matching', () => {
  it('folds titles: case, accents, punctuation and LaTeX', () => {
    expect(titleKey('Attention Is All You Need.')).toBe('attention is all you need');
    expect(titleKey('\\emph{Déjà vu}: $\\alpha$-Divergence   Learning')).toBe('deja vu alpha divergence learning');
    expect(titleKey('BERT: Pre-training of Deep Bidirectional Transformers')).toBe(titleKey('Bert — pre-training of deep bidirectional transformers'));
  });

  it('reads the surname however the source writes the name', () => {
    expect(surnameKey('Kaiser, Łukasz')).toBe('kaiser');
    expect(surnameKey('Ł. Kaiser')).toBe('kaiser');
    expect(surnameKey('Lukasz Kaiser 0001')).toBe('kaiser');
    expect(surnameKey('')).toBeNull();
  });

  it("treats an arXiv-minted DOI as the preprint's arXiv id, not as a publication DOI", () => {
    expect(matchKeys(record({ doi: '10.48550/arxiv.1706.03762' }))).toMatchObject({ doi: null, arxivId: '1706.03762' });
    expect(matchKeys(record({ doi: '10.5555/3295222.3295349', arxivId: '1706.03762' }))).toMatchObject({ doi: '10.5555/3295222.3295349', arxivId: '1706.03762' });
  });

  it('matches by title only with a year within one and the same first author', () => {
    const a = matchKeys(record({}));
    expect(sameByTitle(a, matchKeys(record({ title: 'Attention is all you need', year: 2018, authors: [{ position: 1, name: 'Vaswani, A.', sourceAuthorId: null, orcid: null, affiliations: [] }] })))).toBe(true);
    expect(sameByTitle(a, matchKeys(record({ year: 2019 })))).toBe(false);
    expect(sameByTitle(a, matchKeys(record({ authors: [{ position: 1, name: 'Noam Shazeer', sourceAuthorId: null, orcid: null, affiliations: [] }] })))).toBe(false);
    expect(sameByTitle(a, matchKeys(record({ title: 'Attention is not all you need' })))).toBe(false);
  });
});
