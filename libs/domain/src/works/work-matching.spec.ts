import type { NormalizedWork } from '../scholarly/index';
import { surnameKey, titleKey } from '../shared/text/index';
import { matchKeys, sameByTitle, sameRenamed, titleCoreKey } from './work-matching';
import { groupPage } from './works-ingest.service';

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

describe('a version renamed on publication', () => {
  const by = (...names: string[]) => names.map((name, i) => ({ position: i + 1, name, sourceAuthorId: null, orcid: null, affiliations: [] }));
  const OKAFOR = by('Tomás Okafor', 'Lena Brandt', 'Yuki Sato');
  const keys = (title: string, year: number, authors = OKAFOR) => matchKeys(record({ title, year, authors }));

  it('reads the core of a title: without a leading name, else without a trailing subtitle; none when too short to name a paper', () => {
    expect(titleCoreKey('Toolname: Doing Things with Tools')).toBe('doing things with tools');
    expect(titleCoreKey('GPT-4 Turbo — Doing Things with Tools')).toBe('doing things with tools');
    expect(titleCoreKey('Doing Things with Tools: A Study of Hammers')).toBe('doing things with tools');
    expect(titleCoreKey('Doing Things with Tools')).toBeNull();
    expect(titleCoreKey('BERT: Deep Transformers')).toBeNull();
    expect(titleCoreKey('Ratio 1:2 Mixtures for Pretraining')).toBeNull();
  });

  it('matches a leading "Name:" or a subtitle added or dropped, a year apart, same first author, most co-authors', () => {
    const preprint = keys('Toolname: Doing Things with Tools', 2023);
    expect(sameRenamed(preprint, keys('Doing things with tools', 2024))).toBe(true);
    expect(sameRenamed(keys('Doing things with tools', 2024), preprint)).toBe(true);
    expect(sameRenamed(keys('Doing Things with Tools', 2023), keys('Doing Things with Tools: A Study of Hammers', 2023))).toBe(true);
    // A co-author added on publication: still most of them.
    expect(sameRenamed(preprint, keys('Doing things with tools', 2024, by('T. Okafor', 'L. Brandt', 'Y. Sato', 'Ana Lima')))).toBe(true);
  });

  it('keeps apart papers sharing a long title prefix, other authors, other years', () => {
    // Two subtitles on one long title: two papers, whoever wrote them.
    expect(sameRenamed(keys('Scaling Laws for Tokenizers: A Study of Byte Models', 2024), keys('Scaling Laws for Tokenizers: A Study of Word Models', 2024))).toBe(false);
    // A longer title that is not the other plus a subtitle.
    expect(sameRenamed(keys('Scaling Laws for Tokenizers', 2024), keys('Scaling Laws for Tokenizers in Speech', 2024))).toBe(false);
    expect(sameRenamed(keys('Toolname: Doing Things with Tools', 2023), keys('Doing Things with Tools', 2025))).toBe(false);
    expect(sameRenamed(keys('Toolname: Doing Things with Tools', 2023), keys('Doing Things with Tools', 2023, by('Tomás Okafor', 'Hannah Vogel', 'Marco Ricci')))).toBe(false);
    expect(sameRenamed(keys('Toolname: Doing Things with Tools', 2023), keys('Doing Things with Tools', 2023, by('Lena Brandt', 'Tomás Okafor', 'Yuki Sato')))).toBe(false);
  });

  it('groups a page by renamed titles whatever the order, with a stored work too, and never fuses two ids', () => {
    const rec = (label: string, title: string, year: number, extra: Partial<NormalizedWork> = {}) => ({ label, keys: matchKeys(record({ title, year, authors: OKAFOR, ...extra })), workId: null });
    const page = [
      rec('arxiv\u00002311.00001', 'Toolname: Doing Things with Tools', 2023, { arxivId: '2311.00001' }),
      rec('crossref\u000010.5555/tools', 'Doing Things with Tools', 2024, { doi: '10.5555/tools' }),
      rec('arxiv\u00002402.00002', 'Scaling Laws for Tokenizers: A Study of Byte Models', 2024, { arxivId: '2402.00002' }),
      rec('crossref\u000010.5555/words', 'Scaling Laws for Tokenizers: A Study of Word Models', 2024, { doi: '10.5555/words' }),
    ];
    const sets = (records: typeof page) => groupPage(records, []).map((g) => g.indexes.map((i) => records[i].label).sort().join(' + ')).sort();
    expect(sets(page)).toEqual(['arxiv\u00002311.00001 + crossref\u000010.5555/tools', 'arxiv\u00002402.00002', 'crossref\u000010.5555/words']);
    expect(sets([...page].reverse())).toEqual(sets(page));

    // The published version stored already: the preprint joins it.
    const stored = { id: 'w1', doi: '10.5555/tools', arxiv_id: null, title_key: 'doing things with tools', title_keys: [], year: 2024, first_author_key: 'okafor', title_core_key: null, author_keys: ['okafor', 'brandt', 'sato'] };
    expect(groupPage([page[0]], [stored])).toEqual([expect.objectContaining({ indexes: [0], works: ['w1'] })]);
    // Not when the stored work is another preprint (two arXiv ids are two papers).
    expect(groupPage([page[0]], [{ ...stored, doi: null, arxiv_id: '2311.09999' }])).toEqual([expect.objectContaining({ indexes: [0], works: [] })]);
  });

  it('leaves a bare title that is the core of two papers with that prefix alone, whatever the order', () => {
    const rec = (label: string, title: string, extra: Partial<NormalizedWork> = {}) => ({ label, keys: matchKeys(record({ title, year: 2024, authors: OKAFOR, ...extra })), workId: null });
    const page = [
      rec('arxiv\u00002402.00003', 'Scaling Laws for Tokenizers', { arxivId: '2402.00003' }),
      rec('crossref\u000010.5555/bytes', 'Scaling Laws for Tokenizers: A Study of Byte Models', { doi: '10.5555/bytes' }),
      rec('crossref\u000010.5555/words', 'Scaling Laws for Tokenizers: A Study of Word Models', { doi: '10.5555/words' }),
    ];
    const sets = (records: typeof page) => groupPage(records, []).map((g) => g.indexes.map((i) => records[i].label).sort().join(' + ')).sort();
    expect(sets(page)).toEqual(['arxiv\u00002402.00003', 'crossref\u000010.5555/bytes', 'crossref\u000010.5555/words']);
    expect(sets([...page].reverse())).toEqual(sets(page));
    // With one of the two papers only, the preprint is its version.
    expect(sets(page.slice(0, 2))).toEqual(['arxiv\u00002402.00003 + crossref\u000010.5555/bytes']);
  });
});
