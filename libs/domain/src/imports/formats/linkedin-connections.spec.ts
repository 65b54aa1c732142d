import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConnectedOn, parseLinkedInConnections } from './linkedin-connections';

// Fixture files live in test/fixtures/imports at the repository root.
const readFixture = (name: string) => readFileSync(resolve(__dirname, '../../../../../test/fixtures/imports', name));

const HEADER = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';

describe('parseLinkedInConnections', () => {
  describe('the realistic export fixture', () => {
    const result = parseLinkedInConnections(readFixture('linkedin-connections.csv'));
    const byName = (fullName: string) => result.rows.find((r) => r.draft.fullName === fullName);

    it('finds the header below the Notes preamble and reads every good row with its file line', () => {
      expect(result.rows.map((r) => r.line)).toEqual([5, 6, 7, 8, 9, 11, 12, 13, 15, 16]);
    });

    it('maps the columns onto a draft', () => {
      expect(byName('Ada Lovelace')).toEqual({
        line: 5,
        draft: {
          fullName: 'Ada Lovelace',
          givenName: 'Ada',
          familyName: 'Lovelace',
          headline: 'Research Engineer',
          organizationName: 'Analytical Engines Ltd',
          emails: [], // LinkedIn hides most addresses
          links: { linkedin: 'https://www.linkedin.com/in/ada-lovelace-1815' },
          tags: [],
          connectedOn: '2024-12-10',
        },
      });
    });

    it('handles quoted fields with commas and doubled quotes', () => {
      expect(byName('Émilie du Châtelet')?.draft).toMatchObject({
        organizationName: 'Cirey Physics, Optics & Fire',
        emails: ['emilie@example.org'],
        connectedOn: '2024-12-17',
      });
      expect(byName('Alan Turing')?.draft.organizationName).toBe('The "Bombe" Works, Bletchley');
      expect(byName('Grace Hopper')?.draft).toMatchObject({
        headline: 'Rear Admiral, "Amazing Grace"',
        connectedOn: '2023-12-09',
      });
    });

    it('keeps accents and non-Latin scripts intact', () => {
      expect(byName('Софья Ковалевская')?.draft).toMatchObject({
        givenName: 'Софья',
        familyName: 'Ковалевская',
        headline: 'Professor of Mathematics, Analysis',
      });
      expect(byName('羅庚 華')?.draft).toMatchObject({ organizationName: '數學研究所', headline: '所長' });
      expect(byName('مریم میرزاخانی')?.draft.links.linkedin).toBe('https://www.linkedin.com/in/maryam-mirzakhani');
      expect(byName('Emmy Noether')?.draft.organizationName).toBe('Universität Göttingen');
    });

    it('reads the numeric Connected On format too', () => {
      expect(byName('Kurt Gödel')?.draft.connectedOn).toBe('2024-03-03');
    });

    it('skips the nameless row and the short row with reasons', () => {
      expect(result.skipped).toEqual([
        { line: 10, reason: expect.stringMatching(/no name/) },
        { line: 14, reason: expect.stringMatching(/malformed row: expected 7 columns, found 6/) },
      ]);
    });

    it('gives the same result for a BOM-prefixed CRLF file and for a string', () => {
      const text = readFixture('linkedin-connections.csv').toString('utf8');
      const crlf = Buffer.from('\uFEFF' + text.replace(/\n/g, '\r\n'), 'utf8');
      expect(parseLinkedInConnections(crlf)).toEqual(result);
      expect(parseLinkedInConnections(text)).toEqual(result);
    });
  });

  it('accepts reordered columns and older exports without an Email column', () => {
    const csv = [
      'Connected On,Company,Position,URL,Last Name,First Name',
      '01 Feb 2019,Bell Labs,Researcher,https://www.linkedin.com/in/claude-shannon,Shannon,Claude',
    ].join('\n');
    const { rows, skipped } = parseLinkedInConnections(csv);
    expect(skipped).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        draft: {
          fullName: 'Claude Shannon',
          givenName: 'Claude',
          familyName: 'Shannon',
          headline: 'Researcher',
          organizationName: 'Bell Labs',
          emails: [],
          links: { linkedin: 'https://www.linkedin.com/in/claude-shannon' },
          tags: [],
          connectedOn: '2019-02-01',
        },
      },
    ]);
  });

  it('accepts a row with only one of the two names', () => {
    const { rows } = parseLinkedInConnections(`${HEADER}\nHypatia,,https://www.linkedin.com/in/hypatia,,,,`);
    expect(rows[0].draft).toMatchObject({ fullName: 'Hypatia', givenName: 'Hypatia' });
    expect(rows[0].draft.familyName).toBeUndefined();
    expect(rows[0].draft.connectedOn).toBeUndefined();
  });

  it('reports a file without the header once, naming the missing columns', () => {
    const csv = 'First Name,Last Name,URL,Email Address\nAda,Lovelace,https://www.linkedin.com/in/ada,\n';
    expect(parseLinkedInConnections(csv)).toEqual({
      rows: [],
      skipped: [{ line: 1, reason: 'no LinkedIn connections header found; missing columns: Company, Position, Connected On' }],
    });
    const other = parseLinkedInConnections('name;email\nAda;ada@example.org\n');
    expect(other.skipped).toHaveLength(1);
    expect(other.skipped[0].reason).toContain('First Name, Last Name, URL, Company, Position, Connected On');
    expect(parseLinkedInConnections('').skipped).toHaveLength(1);
  });

  it('keeps line numbers exact across multi-line quoted fields and survives an unclosed quote', () => {
    const csv = [
      HEADER, // 1
      'Ada,Lovelace,https://www.linkedin.com/in/ada,,Analytical Engines Ltd,"Research Engineer', // 2
      'Poet of Science",10 Dec 2024', // 3
      'Alan,Turing,https://www.linkedin.com/in/alan,,"Bletchley Park,Cryptanalyst,23 Jun 2024', // 4: unclosed
      'Grace,Hopper,https://www.linkedin.com/in/grace,,Harvard,Admiral,9 Dec 2023', // 5
      'Kurt,Gödel,https://www.linkedin.com/in/kurt,,IAS 5" scale,Member,3/3/2024,', // 6: stray quote and trailing comma
    ].join('\r\n');
    const { rows, skipped } = parseLinkedInConnections(csv);
    expect(rows.map((r) => [r.line, r.draft.fullName])).toEqual([
      [2, 'Ada Lovelace'],
      [5, 'Grace Hopper'],
      [6, 'Kurt Gödel'],
    ]);
    expect(rows[0].draft.headline).toBe('Research Engineer\nPoet of Science');
    expect(rows[2].draft.organizationName).toBe('IAS 5" scale');
    expect(skipped).toEqual([{ line: 4, reason: 'malformed row: quoted field is never closed' }]);
  });

  it('rejects rows with too many columns', () => {
    const { skipped } = parseLinkedInConnections(`${HEADER}\nAda,Lovelace,u,,Acme,Eng,10 Dec 2024,extra`);
    expect(skipped).toEqual([{ line: 2, reason: 'malformed row: expected 7 columns, found 8' }]);
  });
});

describe('parseConnectedOn', () => {
  it.each([
    ['10 Dec 2024', '2024-12-10'],
    ['03 Mar 2024', '2024-03-03'],
    ['3 march 2024', '2024-03-03'],
    ['3/3/2024', '2024-03-03'],
    ['12/10/2024', '2024-12-10'],
    ['12/10/24', '2024-12-10'],
    ['25/12/2024', '2024-12-25'],
    ['Mar 3, 2024', '2024-03-03'],
    ['2024-03-03', '2024-03-03'],
    ['29 Feb 2024', '2024-02-29'],
  ])('%s → %s', (input, expected) => {
    expect(parseConnectedOn(input)).toBe(expected);
  });

  it.each(['', 'yesterday', '31 Feb 2024', '13/13/2024', '10 Foo 2024'])('%j → undefined', (input) => {
    expect(parseConnectedOn(input)).toBeUndefined();
  });
});
