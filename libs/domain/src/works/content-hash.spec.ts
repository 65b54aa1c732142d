import type { NormalizedWork } from '../scholarly/index';
import { contentHash, hashedJson } from './works-ingest.service';

// A record of every kind of value the hash text meets: nested objects and arrays, non-ASCII and
// escaped characters, nulls and undefined values (hashed as null).
const record = {
  source: 'arxiv',
  sourceId: '2101.00001',
  sourceUrl: 'https://arxiv.org/abs/2101.00001',
  title: 'Ünïcode "quoted" title\u2028',
  publicationDate: '2021-01',
  year: 2021,
  venue: null,
  type: 'preprint',
  doi: null,
  arxivId: '2101.00001',
  externalIds: { arxiv: '2101.00001', doi: undefined },
  authors: [
    { position: 1, name: 'Zoë Ångström', sourceAuthorId: null, orcid: '0000-0002-1825-0097', affiliations: ['ETH Zürich'] },
    { position: 2, name: 'B. Author', sourceAuthorId: undefined, orcid: null, affiliations: [] },
  ],
  citationCount: 0,
  abstract: 'Line one.\nLine two.',
  openAccessUrl: null,
  pdfUrl: undefined,
  sourceUpdatedAt: null,
  categories: ['cs.LG', 'stat.ML'],
} as unknown as NormalizedWork;

describe('contentHash', () => {
  it('is the hash earlier versions stored, so an upgrade does not see every stored record as changed', () => {
    // Taken with the first implementation (sorted-key JSON, SHA-256, base64url).
    expect(contentHash(record)).toBe('CDk28UWOjhbhG7heubFT5Kibfqz8DQ68-EKSYCYx-zg');
  });

  it('does not depend on the order of keys, at any depth', () => {
    const reordered = Object.fromEntries(Object.entries(record).reverse()) as unknown as NormalizedWork;
    reordered.authors = record.authors.map((a) => Object.fromEntries(Object.entries(a).reverse()) as unknown as NormalizedWork['authors'][number]);
    expect(contentHash(reordered)).toBe(contentHash(record));
    // Many shapes in a row (more than the shapes it remembers) still hash by content.
    for (let i = 0; i < 100; i++) contentHash({ ...record, externalIds: { [`id${i}`]: String(i) } });
    expect(contentHash(reordered)).toBe(contentHash(record));
  });

  it('changes when any value changes, nested ones included', () => {
    const hashes = new Set([
      contentHash(record),
      contentHash({ ...record, citationCount: 1 }),
      contentHash({ ...record, venue: '' }),
      contentHash({ ...record, authors: [{ ...record.authors[0], affiliations: ['ETH Zurich'] }, record.authors[1]] }),
      contentHash({ ...record, authors: [record.authors[1], record.authors[0]] }),
      contentHash({ ...record, externalIds: { arxiv: '2101.00001', doi: '10.1/x' } }),
    ]);
    expect(hashes.size).toBe(6);
  });
});

describe('hashedJson', () => {
  // What the tables must receive: the record as JSON.stringify writes it (jsonb does not keep key order).
  const asStringified = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
  const plain = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as unknown as NormalizedWork;
  plain.externalIds = { arxiv: '2101.00001' };
  plain.authors = [record.authors[0], { ...record.authors[1], sourceAuthorId: null }];

  it('gives the content hash, and the record as JSON for the tables', () => {
    for (const r of [record, plain]) {
      const { hash, json } = hashedJson(r);
      expect(hash).toBe(contentHash(r));
      expect(JSON.parse(json)).toEqual(asStringified(r));
    }
  });

  it('leaves out undefined values as JSON.stringify does, where the hash text writes them as null', () => {
    const { json } = hashedJson(record);
    expect(JSON.parse(json)).not.toHaveProperty('pdfUrl');
    expect((JSON.parse(json) as NormalizedWork).externalIds).toEqual({ arxiv: '2101.00001' });
    // A record without any gives the hash text itself, keys sorted.
    expect(hashedJson(plain).json.startsWith('{"abstract":')).toBe(true);
  });

  it('writes a value with toJSON (a date) as JSON.stringify does', () => {
    const dated = { ...plain, sourceUpdatedAt: new Date('2024-05-01T00:00:00Z') } as unknown as NormalizedWork;
    expect((JSON.parse(hashedJson(dated).json) as { sourceUpdatedAt: string }).sourceUpdatedAt).toBe('2024-05-01T00:00:00.000Z');
  });
});
