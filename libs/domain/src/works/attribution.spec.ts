import { coauthorKey, evaluateAttributions, fullNameKey, heldReason, NameQueryEntry, PersonEvidence, writtenFormKey } from './attribution';

const entry = (recordId: string, name: string, authors: string[], categories: string[], extra: Partial<NameQueryEntry> = {}): NameQueryEntry => ({
  recordId,
  workId: `w-${recordId}`,
  source: 'arxiv',
  query: 'au:"Pat Lee"',
  name,
  position: authors.indexOf(name) + 1,
  authorCount: authors.length,
  authors,
  categories,
  decision: null,
  ...extra,
});

const person = (over: Partial<PersonEvidence> = {}): PersonEvidence => ({ fullName: 'Pat Lee', identityWorks: new Map(), identityNames: [], records: [], ...over });

/** The evidence records of some entries, as the service loads them. */
const recordsOf = (entries: NameQueryEntry[]) => entries.map((e) => ({ recordId: e.recordId, workId: e.workId, authors: e.authors, categories: e.categories }));

describe('attribution of name-query matches', () => {
  it('reads a name in full only with a given name: middle initials and "Surname, Given" are the same name, an initial-only one is none', () => {
    expect(fullNameKey('Pat Q. Lee')).toBe('pat lee');
    expect(fullNameKey('Lee, Pat')).toBe('pat lee');
    expect(fullNameKey('PÁT LEE')).toBe('pat lee');
    expect(fullNameKey('P. Lee')).toBeNull();
    expect(fullNameKey('P Q Lee')).toBeNull();
    expect(fullNameKey('Lee')).toBeNull();
    expect(coauthorKey('Lena Brandt')).toBe(coauthorKey('L. Brandt'));
    expect(coauthorKey('Brandt, Lena')).toBe('l brandt');
    expect(writtenFormKey('P. Lee')).toBe(writtenFormKey('Lee, P'));
    expect(writtenFormKey('P. Lee')).not.toBe(writtenFormKey('P. Q. Lee'));
    expect(writtenFormKey('P. Lee')).not.toBe(writtenFormKey('Pat Lee'));
  });

  it("holds a namesake's initial-only entry in another field with strangers, and confirms the real person's by name, co-author, or category and the form they sign with", () => {
    const entries = [
      entry('full', 'Pat Lee', ['Pat Lee', 'Lena Brandt'], ['cs.CL']),
      entry('coauthor', 'P. Lee', ['Lena Brandt', 'P. Lee', 'Ana Lima'], ['cs.LG']),
      entry('field', 'P. Lee', ['P. Lee'], ['cs.CL']),
      entry('namesake', 'P. Lee', ['Hannah Vogel', 'P. Lee'], ['astro-ph.GA']),
    ];
    const verdicts = evaluateAttributions(person({ records: recordsOf(entries) }), entries);
    expect(verdicts.map((v) => [v.recordId, v.status, v.evidence.map((e) => e.kind)])).toEqual([
      ['full', 'confirmed', ['name']],
      ['coauthor', 'confirmed', ['coauthors']],
      // Their co-authored entry writes them "P. Lee": in their field, that form is theirs.
      ['field', 'confirmed', ['fields', 'name-form']],
      ['namesake', 'unconfirmed', []],
    ]);
    expect(verdicts[1].evidence[0].detail).toBe('Shares co-author Lena Brandt with their confirmed works');
    expect(verdicts[2].evidence[1].detail).toBe('Written "P. Lee", as their arXiv entries write them');
  });

  it("holds a namesake in the person's own field: a shared category alone is not evidence", () => {
    const entries = [
      entry('own', 'Ada Okafor', ['Ada Okafor', 'Pieter de Vries'], ['cs.RO', 'cs.LG']),
      // A roboticist written with an initial only, with strangers: she never signs "A. Okafor".
      entry('namesake', 'A. Okafor', ['Kwame Mensah', 'A. Okafor', 'Li Wei'], ['cs.RO']),
      // Another given name in full, in her field: another person.
      entry('other-given-name', 'Amaka Okafor', ['Amaka Okafor'], ['cs.RO']),
      // Another middle initial than the form she signs with.
      entry('other-initials', 'A. B. Okafor', ['A. B. Okafor'], ['cs.RO']),
    ];
    const verdicts = evaluateAttributions(person({ fullName: 'Ada Okafor', records: recordsOf(entries) }), entries);
    expect(verdicts.map((v) => [v.recordId, v.status])).toEqual([
      ['own', 'confirmed'],
      ['namesake', 'unconfirmed'],
      ['other-given-name', 'unconfirmed'],
      ['other-initials', 'unconfirmed'],
    ]);
    // …until a linked source writes her that way.
    const signed = evaluateAttributions(person({ fullName: 'Ada Okafor', identityNames: ['A. Okafor'], records: recordsOf(entries) }), entries);
    expect(signed.map((v) => [v.recordId, v.status, v.evidence.map((e) => e.detail)])).toEqual([
      ['own', 'confirmed', ['Written "Ada Okafor", their name in full']],
      ['namesake', 'confirmed', ['Filed under cs.RO, like their confirmed works', 'Written "A. Okafor", as their linked records write them']],
      ['other-given-name', 'unconfirmed', []],
      ['other-initials', 'unconfirmed', []],
    ]);
  });

  it("takes no name form from a rejected entry, nor from one confirmed only by category and form", () => {
    const entries = [
      entry('own', 'Pat Lee', ['Pat Lee'], ['cs.CL']),
      entry('rejected', 'P. J. Lee', ['P. J. Lee', 'Ana Lima'], ['cs.CL'], { decision: 'rejected' }),
      entry('in-field', 'P. J. Lee', ['P. J. Lee'], ['cs.CL']),
    ];
    expect(evaluateAttributions(person({ records: recordsOf(entries) }), entries).map((v) => v.status)).toEqual(['confirmed', 'unconfirmed', 'unconfirmed']);
  });

  it('takes another identity and the names it writes as evidence, and never chains a namesake from an entry confirmed only by co-authors', () => {
    const entries = [
      entry('listed', 'P. Lee', ['P. Lee', 'Ana Lima'], ['q-bio.BM']),
      entry('as-openalex-writes', 'Patricia Lee', ['Patricia Lee'], []),
      // Shares Ana Lima with the listed work: confirmed by co-author…
      entry('via-ana', 'P. Lee', ['P. Lee', 'Ana Lima', 'Marco Ricci'], []),
      // …but Marco Ricci of that entry confirms nothing further.
      entry('via-marco', 'P. Lee', ['Marco Ricci', 'P. Lee'], []),
    ];
    const evidence = person({
      fullName: 'Pat Lee',
      identityWorks: new Map([['w-listed', ['openalex']]]),
      identityNames: ['Patricia Lee'],
      records: recordsOf(entries),
    });
    expect(evaluateAttributions(evidence, entries).map((v) => [v.recordId, v.status, v.evidence.map((e) => e.detail)])).toEqual([
      ['listed', 'confirmed', ['Also listed by their OpenAlex identity']],
      ['as-openalex-writes', 'confirmed', ['Written "Patricia Lee", their name in full']],
      ['via-ana', 'confirmed', ['Shares co-author Ana Lima with their confirmed works']],
      ['via-marco', 'unconfirmed', []],
    ]);
  });

  it("counts an accepted entry's co-authors as the person's, and not a rejected one's", () => {
    const accepted = entry('accepted', 'P. Lee', ['P. Lee', 'Hannah Vogel'], ['astro-ph.GA'], { decision: 'accepted' });
    const other = entry('other', 'P. Lee', ['Hannah Vogel', 'P. Lee'], []);
    expect(evaluateAttributions(person({ records: recordsOf([accepted, other]) }), [accepted, other]).map((v) => v.status)).toEqual(['unconfirmed', 'confirmed']);
    const rejected = { ...accepted, decision: 'rejected' as const };
    expect(evaluateAttributions(person({ records: recordsOf([rejected, other]) }), [rejected, other]).map((v) => v.status)).toEqual(['unconfirmed', 'unconfirmed']);
  });

  it('says why an entry is held', () => {
    expect(heldReason({ source: 'arxiv', query: 'au:"Pat Lee"', name: 'P. Lee', position: 2, authorCount: 3, categories: ['astro-ph.GA'] })).toBe(
      'Only the arXiv name query au:"Pat Lee" lists it, where the author is written "P. Lee" (2nd of 3) (filed under astro-ph.GA): no other identity of theirs lists it, the name is not written in full as they are known, it shares no co-author with their confirmed works, and it is not filed under their categories with their name written as they write it',
    );
  });
});
