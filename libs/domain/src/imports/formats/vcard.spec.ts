import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ICAL from 'ical.js';
import type { PersonDraft } from './person-draft';
import { parseVCards, serializeVCards, type VCardPerson } from './vcard';

// Fixture files live in test/fixtures/imports at the repository root.
const readFixture = (name: string) => readFileSync(resolve(__dirname, '../../../../../test/fixtures/imports', name));

const draftOf = (result: ReturnType<typeof parseVCards>, fullName: string) =>
  result.rows.find((r) => r.draft.fullName === fullName)?.draft;

describe('parseVCards', () => {
  describe('vCard 3.0 fixture (Apple, Google and Android style cards)', () => {
    const result = parseVCards(readFixture('contacts-v3.vcf'));

    it('reports each card at the line of its BEGIN:VCARD', () => {
      expect(result.rows.map((r) => [r.line, r.draft.fullName])).toEqual([
        [1, 'Ada Lovelace'],
        [26, 'Софья Ковалевская'],
        [40, '华罗庚'],
        [50, 'Charles Babbage, FRS'],
      ]);
      expect(result.skipped).toEqual([{ line: 59, reason: 'vCard has no name (FN and N are empty)' }]);
    });

    it('reads an Apple Contacts card: item-grouped URLs, social profiles, folded note', () => {
      expect(draftOf(result, 'Ada Lovelace')).toEqual({
        fullName: 'Ada Lovelace',
        givenName: 'Ada',
        familyName: 'Lovelace',
        headline: 'Research Engineer',
        organizationName: 'Analytical Engines Ltd',
        teamName: 'Research',
        emails: ['ada@example.org', 'ada.lovelace@example.com'],
        phones: ['+44 20 7946 0018'],
        links: {
          homepage: 'https://ada.example.org/',
          github: 'https://github.com/ada-example',
          googleScholar: 'https://scholar.google.co.uk/citations?user=AdA1815xAAAAJ',
          linkedin: 'http://www.linkedin.com/in/ada-lovelace-1815',
          x: 'https://x.com/ada_engines',
        },
        tags: ['Conference', 'Mentors'],
        notes:
          'Met at the NeurIPS 2024 poster session (Bernoulli numbers, note G). Offered to review my draft on program synthesis; follow up in January.',
        externalId: '5C3B2F0E-8B9A-4B11-9D57-0A1B2C3D4E5F',
      } satisfies PersonDraft);
    });

    it('reads a Google Contacts card with Cyrillic names and host-classified links', () => {
      expect(draftOf(result, 'Софья Ковалевская')).toEqual({
        fullName: 'Софья Ковалевская',
        givenName: 'Софья',
        familyName: 'Ковалевская',
        headline: 'Professor of Mathematics, Analysis',
        organizationName: 'Stockholms högskola',
        emails: ['sofia@example.se'],
        links: { orcid: 'https://orcid.org/0000-0002-1825-0097', dblp: 'https://dblp.org/pid/00/0000.html' },
        tags: ['myContacts', 'Stockholm'],
        notes: 'Prix Bordin 1888; ask about the Kovalevskaya top.',
      } satisfies PersonDraft);
    });

    it('decodes CHARSET/ENCODING=QUOTED-PRINTABLE fields, including soft line breaks', () => {
      expect(draftOf(result, '华罗庚')).toEqual({
        fullName: '华罗庚',
        givenName: '罗庚',
        familyName: '华',
        organizationName: '中国科学院',
        teamName: '数学研究所',
        emails: ['hua.luogeng@example.com'],
        links: { semanticScholar: 'https://www.semanticscholar.org/author/Hua-Luogeng/0000000' },
        tags: [],
        notes: 'Number theory; 堆垒素数论.\nIntroduced by Émilie at ICML.',
      } satisfies PersonDraft);
    });

    it('builds the full name from N when FN is missing and ignores the inline photo', () => {
      expect(draftOf(result, 'Charles Babbage, FRS')).toEqual({
        fullName: 'Charles Babbage, FRS',
        givenName: 'Charles',
        familyName: 'Babbage',
        organizationName: 'Analytical Engines Ltd',
        emails: [],
        links: { x: 'http://www.twitter.com/cbabbage' },
        tags: [],
      } satisfies PersonDraft);
    });
  });

  describe('vCard 4.0 fixture', () => {
    const result = parseVCards(readFixture('contacts-v4.vcf'));

    it('reads all cards', () => {
      expect(result.skipped).toEqual([]);
      expect(result.rows.map((r) => [r.line, r.draft.fullName])).toEqual([
        [1, 'Emmy Noether'],
        [22, 'مریم میرزاخانی'],
        [32, 'Grace Hopper'],
      ]);
    });

    it('classifies URLs by host, keeps the first homepage and unescapes text', () => {
      expect(draftOf(result, 'Emmy Noether')).toEqual({
        fullName: 'Emmy Noether',
        givenName: 'Amalie Emmy',
        familyName: 'Noether',
        headline: 'Privatdozentin',
        role: 'Invariant theory reviewer',
        organizationName: 'Universität Göttingen',
        teamName: 'Mathematisches Institut',
        emails: ['emmy@example.de', 'emmy.noether@example.org'],
        links: {
          homepage: 'https://emmy.example.de/',
          orcid: 'https://orcid.org/0000-0001-2345-6789',
          openalex: 'https://openalex.org/A5000000001',
          dblp: 'https://dblp.uni-trier.de/pers/hd/n/Noether:Emmy',
          semanticScholar: 'https://www.semanticscholar.org/author/1234567',
        },
        tags: ['Algebra', 'Referrals, pending'],
        notes:
          "Talked at the Göttingen colloquium, 1915. Topics: symmetries; conservation laws.\nFollow up: send the draft on Noether's theorem in ML.",
        externalId: 'urn:uuid:0d5b7a52-8c1e-4f5b-9f2e-3b6f1c2d7e80',
      } satisfies PersonDraft);
    });

    it('uses TYPE kinds and http(s) IMPP handles, ignoring other IM schemes', () => {
      expect(draftOf(result, 'مریم میرزاخانی')?.links).toEqual({
        linkedin: 'https://www.linkedin.com/in/maryam-mirzakhani',
        x: 'https://x.com/maryam_example',
      });
      expect(draftOf(result, 'Grace Hopper')).toMatchObject({
        givenName: 'Grace',
        familyName: 'Hopper',
        organizationName: 'Harvard Computation Lab',
        teamName: 'Mark I',
        headline: 'Rear Admiral, "Amazing Grace"',
        links: { x: 'https://twitter.com/grace_example', github: 'https://github.com/grace-example' },
        tags: ['Compilers'],
      });
    });
  });

  it('reports a file without cards once', () => {
    expect(parseVCards('Name,Email\nAda,ada@example.org\n')).toEqual({
      rows: [],
      skipped: [{ line: 1, reason: 'no vCard found (no BEGIN:VCARD line)' }],
    });
    expect(parseVCards('').skipped).toHaveLength(1);
  });

  it('tolerates LF endings, vCard 2.1 bare parameters, junk lines and a missing final END', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Hypatia;;;;',
      'EMAIL;INTERNET;PREF:hypatia@example.org',
      'TEL;WORK;VOICE:+20 3 000 0000',
      'this line is not a property',
      'NOTE;ENCODING=QUOTED-PRINTABLE:Alexandria=',
      'END:VCARD',
      '',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Al-Khwarizmi',
    ].join('\n');
    const { rows, skipped } = parseVCards(text);
    expect(skipped).toEqual([]);
    expect(rows).toEqual([
      {
        line: 1,
        draft: { fullName: 'Hypatia', familyName: 'Hypatia', emails: ['hypatia@example.org'], phones: ['+20 3 000 0000'], links: {}, tags: [], notes: 'Alexandria' },
      },
      { line: 10, draft: { fullName: 'Al-Khwarizmi', emails: [], links: {}, tags: [] } },
    ]);
  });

  it('trusts an explicit kind from repeated TYPE parameters or a custom label over the host', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Ada Lovelace',
      'URL;type=WORK;type=pref,GitHub:https://code.example.org/ada',
      'item1.URL:https://ada.example.org/pubs',
      'item1.X-ABLabel:Google Scholar',
      'URL;TYPE=x-linkedin:https://profiles.example.org/ada',
      'END:VCARD',
    ].join('\r\n');
    expect(parseVCards(text).rows[0].draft.links).toEqual({
      github: 'https://code.example.org/ada',
      googleScholar: 'https://ada.example.org/pubs',
      linkedin: 'https://profiles.example.org/ada',
    });
  });

  it('decodes Windows-1252 files', () => {
    const text = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Émilie du Châtelet\r\nEND:VCARD\r\n';
    const { rows } = parseVCards(Buffer.from(text, 'latin1'));
    expect(rows[0].draft.fullName).toBe('Émilie du Châtelet');
  });

  it('skips a card ical.js rejects without losing its neighbours', () => {
    const text = ['A', 'B', 'C'].map((n) => `BEGIN:VCARD\r\nVERSION:4.0\r\nFN:${n}\r\nEND:VCARD`).join('\r\n');
    const real = ICAL.parse.bind(ICAL);
    const spy = jest.spyOn(ICAL, 'parse').mockImplementation((input: string) => {
      if (input.includes('FN:B')) throw new Error('boom');
      return real(input);
    });
    try {
      const { rows, skipped } = parseVCards(text);
      expect(rows.map((r) => [r.line, r.draft.fullName])).toEqual([
        [1, 'A'],
        [9, 'C'],
      ]);
      expect(skipped).toEqual([{ line: 5, reason: 'invalid vCard: boom' }]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('serializeVCards', () => {
  const people: VCardPerson[] = [
    {
      id: '6f1c0c9e-2a9b-4c52-9f0e-1d2e3f405162',
      fullName: 'Émilie du Châtelet',
      givenName: 'Émilie',
      familyName: 'du Châtelet',
      headline: 'Principal Scientist, Optics',
      role: 'Referrer; mentor',
      organizationName: 'Cirey Physics, Optics & Fire',
      teamName: 'Fire; Light',
      emails: ['emilie@example.org', 'e.chatelet@example.com'],
      phones: ['+33 1 23 45 67 89', '(555) 010-0199 ext. 12'],
      links: {
        linkedin: 'https://www.linkedin.com/in/emilie-du-chatelet',
        x: 'https://x.com/emilie_example',
        github: 'https://github.com/emilie-example',
        homepage: 'https://emilie.example.org/papers?sort=year,desc;lang=fr',
        googleScholar: 'https://scholar.google.com/citations?user=EdC1706AAAAJ',
        orcid: 'https://orcid.org/0000-0002-1825-0097',
        openalex: 'https://openalex.org/A5000000002',
        semanticScholar: 'https://www.semanticscholar.org/author/7654321',
        dblp: 'https://dblp.org/pid/00/0001.html',
      },
      tags: ['Physics', 'Referrals, pending', 'a;b'],
      notes:
        'Translated Newton; added commentary, with care.\nSecond line: énergie = mv², 日本語も大丈夫です。 A long sentence that certainly needs folding at seventy-five octets.',
    },
    {
      id: 'c2d1e0f9-0000-4000-8000-000000000002',
      fullName: '华罗庚',
      givenName: '罗庚',
      familyName: '华',
      organizationName: '中国科学院',
      teamName: '数学研究所',
      emails: [],
      links: { homepage: 'https://github.com/hua-example' }, // explicit kind beats the host
      tags: ['数论'],
      notes: 'مریم میرزاخانی; Софья Ковалевская, and others. Path: C:\\notes\\;draft',
    },
    { id: 'c2d1e0f9-0000-4000-8000-000000000003', fullName: 'Hypatia', emails: [], links: {}, tags: [] },
  ];
  const expected = people.map(({ id, ...draft }) => ({ ...draft, externalId: `urn:uuid:${id}` }));

  it.each(['3.0', '4.0'] as const)('round-trips through parseVCards (vCard %s)', (version) => {
    const text = serializeVCards(people, version);
    const parsed = parseVCards(text);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.rows.map((r) => r.draft)).toEqual(expected);
    expect(parseVCards(Buffer.from(text, 'utf8')).rows.map((r) => r.draft)).toEqual(expected);
  });

  it.each(['3.0', '4.0'] as const)('writes CRLF lines folded at 75 octets (vCard %s)', (version) => {
    const text = serializeVCards(people, version);
    expect(text.endsWith('END:VCARD\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(lines.filter((l) => l === 'BEGIN:VCARD')).toHaveLength(3);
    expect(lines.filter((l) => l === `VERSION:${version}`)).toHaveLength(3);
    expect(lines).toContain('UID:urn:uuid:6f1c0c9e-2a9b-4c52-9f0e-1d2e3f405162');
  });

  it('types links with TYPE in both versions, plus item groups and labels in 3.0', () => {
    const v4 = serializeVCards([people[0]], '4.0');
    expect(v4).toContain('URL;TYPE=github:https://github.com/emilie-example\r\n');
    expect(v4).toContain('URL;TYPE=orcid:https://orcid.org/0000-0002-1825-0097\r\n');
    const v3 = serializeVCards([people[0]], '3.0');
    expect(v3).toContain('ITEM3.URL;TYPE=github:https://github.com/emilie-example\r\nITEM3.X-ABLABEL:GitHub\r\n');
    expect(v3).toContain('ITEM6.URL;TYPE=orcid:https://orcid.org/0000-0002-1825-0097\r\nITEM6.X-ABLABEL:ORCID\r\n');
    expect(v3).toContain('EMAIL;TYPE=INTERNET:emilie@example.org\r\n');
    expect(v3).toContain('N:du Châtelet;Émilie;;;\r\n');
    expect(v3).toContain('ORG:Cirey Physics\\, Optics & Fire;Fire\\; Light\r\n');
  });

  it('writes phone numbers as TEL, as text in 4.0 (where a bare TEL would be read as a URI)', () => {
    expect(serializeVCards(people, '3.0')).toContain('\r\nTEL:+33 1 23 45 67 89\r\n');
    expect(serializeVCards(people, '4.0')).toContain('\r\nTEL;VALUE=TEXT:+33 1 23 45 67 89\r\n');
  });

  it('always writes N in 3.0 (mandatory there) but only when known in 4.0', () => {
    expect(serializeVCards([people[2]], '3.0')).toContain('\r\nN:;;;;\r\n');
    expect(serializeVCards([people[2]], '4.0')).not.toContain('\r\nN:');
  });
});
