import { parseBibtex } from '../../../../test/support/parse-bibtex';
import { citationKeys, cslName, toBibtex } from './reading-bibtex';

describe('BibTeX export', () => {
  const works = [
    { id: '1', title: 'Àttention & 50% of {Things} are_all: Straße', authors: ['José García-Pérez', 'Kaiser, Łukasz', 'Ludwig van Beethoven'], year: 2017, publicationDate: '2017-06-12', venue: 'NeurIPS & Co', type: 'conference-paper' as const, doi: '10.5555/a_b', arxivId: '1706.03762' },
    { id: '2', title: 'Àttention again', authors: ['José García-Pérez'], year: 2017, publicationDate: null, venue: null, type: 'preprint' as const, doi: null, arxivId: '1706.00001' },
  ];

  it('is read back by an independent parser with the same titles, authors, years and DOIs', () => {
    const { entries, errors } = parseBibtex(toBibtex(works));
    expect(errors).toEqual([]);
    // The parser gives accents as combining marks: the same text once composed.
    expect(entries.map((e) => e.fields.title.normalize('NFC'))).toEqual(['Àttention & 50% of {Things} are_all: Straße', 'Àttention again']);
    expect(JSON.parse(JSON.stringify(entries[0].fields.author).normalize('NFC'))).toEqual([
      { firstName: 'José', lastName: 'García-Pérez' },
      { firstName: 'Łukasz', lastName: 'Kaiser' },
      { firstName: 'Ludwig', prefix: 'van', lastName: 'Beethoven' },
    ]);
    expect(entries.map((e) => [e.type, e.fields.year, e.fields.doi])).toEqual([
      ['inproceedings', '2017', '10.5555/a_b'],
      [expect.any(String), '2017', undefined],
    ]);
    expect(entries.map((e) => e.key)).toEqual(['garciaperez2017attention', 'garciaperez2017attentiona']);
  });

  it('splits names as sources write them', () => {
    expect(cslName('Ashish Vaswani 0001')).toEqual({ family: 'Vaswani', given: 'Ashish' });
    expect(cslName('OpenAI')).toEqual({ literal: 'OpenAI' });
    expect(citationKeys([{ ...works[1], authors: [] }])).toEqual(['anon2017attention']);
  });

  it('writes nothing for an empty checklist', () => {
    expect(toBibtex([])).toBe('');
  });
});
