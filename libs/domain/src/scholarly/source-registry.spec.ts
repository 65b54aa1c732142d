import { SCHOLARLY_SOURCES, registerScholarlySource, scholarlySource, scholarlySourceNames, sourceDisplayName, sourcesByPriority } from './source-registry';
import type { ScholarlySourceDescriptor } from './source-descriptor';

describe('the scholarly source registry', () => {
  it('lists the six built-in sources in the order the API documents them', () => {
    expect(SCHOLARLY_SOURCES).toEqual(['openalex', 'semanticscholar', 'arxiv', 'dblp', 'crossref', 'orcid']);
    expect(scholarlySourceNames()).toEqual([...SCHOLARLY_SOURCES]);
  });

  it('ranks publishers first for metadata and the abstract-rich sources first for abstracts', () => {
    expect(sourcesByPriority('metadata')).toEqual(['crossref', 'openalex', 'semanticscholar', 'dblp', 'orcid', 'arxiv']);
    expect(sourcesByPriority('abstract')).toEqual(['openalex', 'semanticscholar', 'crossref', 'arxiv', 'dblp', 'orcid']);
  });

  it("reads each source's identity input its own way", () => {
    expect(scholarlySource('openalex').identity.parseInput('https://openalex.org/authors/A5023888391')).toEqual({ ok: true, sourceAuthorId: 'A5023888391' });
    expect(scholarlySource('crossref').identity.parseInput('0000-0002-1825-0097')).toEqual({ ok: true, sourceAuthorId: '0000-0002-1825-0097' });
    expect(scholarlySource('arxiv').identity.parseInput('Łukasz Kaiser')).toEqual({ ok: true, sourceAuthorId: 'au:"Lukasz Kaiser"' });
    expect(scholarlySource('arxiv').identity.parseInput('au:x AND ti:y')).toMatchObject({ ok: false });
  });

  it('refuses a source whose name cannot name a queue, and a second source under a taken name', () => {
    const fake = (name: string): ScholarlySourceDescriptor => ({ ...scholarlySource('dblp'), name, displayName: 'Fake' });
    expect(() => registerScholarlySource(fake('Bad-Name'))).toThrow(/lowercase letters and digits/);
    expect(() => registerScholarlySource(fake('dblp'))).toThrow(/registered already/);
    expect(scholarlySourceNames()).toHaveLength(6);
    expect(sourceDisplayName('dblp')).toBe('DBLP');
    expect(() => scholarlySource('nosuch')).toThrow(/unknown scholarly source: nosuch/);
  });
});
