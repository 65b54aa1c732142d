import { partialDate } from '../dates';
import { arxivVersion, normalizeArxivId, normalizeDoi, normalizeOrcid, parseOrcid } from './identifiers';

describe('scholarly identifiers', () => {
  it('normalizes a DOI from any of its written forms', () => {
    expect(normalizeDoi('https://doi.org/10.48550/ARXIV.1706.03762')).toBe('10.48550/arxiv.1706.03762');
    expect(normalizeDoi('doi:10.1371/journal.pone.0033693.')).toBe('10.1371/journal.pone.0033693');
    expect(normalizeDoi('https://doi.org/10.1002%2F%28SICI%291097-4636')).toBe('10.1002/(sici)1097-4636');
    expect(normalizeDoi('not a doi')).toBeNull();
    expect(normalizeDoi(null)).toBeNull();
  });

  it('normalizes arXiv ids of both schemes, dropping the version', () => {
    expect(normalizeArxivId('arXiv:1706.03762v5')).toBe('1706.03762');
    expect(normalizeArxivId('http://arxiv.org/abs/2104.12255v1')).toBe('2104.12255');
    expect(normalizeArxivId('10.48550/arXiv.1706.03762')).toBe('1706.03762');
    expect(normalizeArxivId('http://arxiv.org/abs/hep-th/9901001v2')).toBe('hep-th/9901001');
    expect(normalizeArxivId('quant-ph/0201082v1')).toBe('quant-ph/0201082');
    expect(normalizeArxivId('astro-ph/0601001')).toBe('astro-ph/0601001');
    expect(normalizeArxivId('math.GT/0309136')).toBe('math/0309136');
    expect(normalizeArxivId('10.1371/journal.pone.0033693')).toBeNull();
    expect(arxivVersion('1706.03762v5')).toBe(5);
    expect(arxivVersion('1706.03762')).toBeNull();
  });

  it('normalizes an ORCID iD and refuses a bad checksum', () => {
    expect(normalizeOrcid('https://orcid.org/0000-0002-1825-0097')).toBe('0000-0002-1825-0097');
    expect(normalizeOrcid('0000-0002-1694-233x')).toBe('0000-0002-1694-233X');
    expect(normalizeOrcid('0000-0002-1825-0098')).toBeNull();
  });

  it('reads an ORCID iD whole: nothing is cut out of a longer string', () => {
    for (const good of ['0000-0002-1825-0097', ' https://orcid.org/0000-0002-1825-0097/ ', 'http://www.orcid.org/0000-0002-1825-0097', 'orcid.org/0000-0002-1825-0097', 'orcid:0000-0002-1825-0097', '0000000218250097', '0000 0002 1825 0097']) {
      expect([good, normalizeOrcid(good)]).toEqual([good, '0000-0002-1825-0097']);
    }
    for (const bad of ['00000-0002-1825-0097', '10000-0002-1825-0097', '0000-0002-1825-00975', '0000-0002-1825-0097-1', 'https://orcid.org/00000-0002-1825-0097', 'https://orcid.org/0000-0002-1825-00975', 'https://example.org/0000-0002-1825-0097', 'https://orcid.org.evil.example/0000-0002-1825-0097', 'ID 0000-0002-1825-0097', '0000-00021-825-0097', '0000-0002 1825-0097', '']) {
      expect([bad, normalizeOrcid(bad)]).toEqual([bad, null]);
    }
    expect(parseOrcid('00000-0002-1825-0097')).toEqual({ ok: false, problem: 'shape' });
    expect(parseOrcid('https://example.org/0000-0002-1825-0097')).toEqual({ ok: false, problem: 'not-orcid-url' });
    expect(parseOrcid('0000-0002-1825-0098')).toEqual({ ok: false, problem: 'checksum' });
    expect(parseOrcid('https://orcid.org/0000-0002-1694-233x')).toEqual({ ok: true, orcid: '0000-0002-1694-233X' });
  });

  it('writes dates as precisely as the source gives them', () => {
    expect(partialDate(2017, 6, 12)).toBe('2017-06-12');
    expect(partialDate(2017, 6)).toBe('2017-06');
    expect(partialDate(2017)).toBe('2017');
    expect(partialDate(null)).toBeNull();
  });
});
