import type { AuthorCandidate, ScholarlySource } from '../scholarly/index';
import { AutoLinkInput, compareNames, decideAutoLinks, isPlausible, matchingTopics, nameTokens, sameOrganization, scoreCandidate, ScoringSubject } from './candidate-scoring';

const candidate = (over: Partial<AuthorCandidate> = {}): AuthorCandidate => ({
  source: 'openalex',
  sourceAuthorId: 'A1',
  name: 'Łukasz Kaiser',
  alternativeNames: [],
  affiliations: [],
  orcid: null,
  worksCount: null,
  citationCount: null,
  topics: [],
  sourceUrl: 'https://openalex.org/A1',
  ...over,
});

const subject = (over: Partial<ScoringSubject> = {}): ScoringSubject => ({
  names: ['Lukasz Kaiser'],
  organizations: [],
  orcid: null,
  profileIds: {},
  interests: [],
  ...over,
});

describe('names', () => {
  it('folds accents and case, drops homonym numbers and suffixes, turns "Family, Given" around', () => {
    expect(nameTokens('Łukasz KAISER')).toEqual(['lukasz', 'kaiser']);
    expect(nameTokens('Wei Wang 0001')).toEqual(['wei', 'wang']);
    expect(nameTokens('Kaiser, Ł.')).toEqual(['l', 'kaiser']);
    expect(nameTokens('Martin Luther King, Jr.')).toEqual(['martin', 'luther', 'king']);
    expect(nameTokens('Zoë Ñúñez-Łukasiewicz')).toEqual(['zoe', 'nunez', 'lukasiewicz']);
  });

  it.each([
    ['Lukasz Kaiser', 'Łukasz Kaiser', 'exact'],
    ['zoe angstrom', 'Zoë Ångström', 'exact'],
    ['Łukasz Kaiser', 'L. Kaiser', 'variant'],
    ['L. Kaiser', 'Łukasz Kaiser', 'variant'],
    ['Zoë Ñúñez-Łukasiewicz', 'Zoë Ñ. Łukasiewicz', 'variant'],
    ['Zoë Łukasiewicz', 'Zoë Anna Łukasiewicz', 'variant'],
    ['Kaiser Łukasz', 'Łukasz Kaiser', 'variant'],
    ['Łukasz Kaiser', 'Lukas Kaiser', 'similar'],
    ['Lukasz Kaiser', 'Lukasz Kaiser-Nowak', 'similar'],
    ['Zoe Angstrom', 'Zoe Angstroem', 'similar'],
    ['Łukasz Kaiser', 'Anna Kaiser', 'surname'],
    ['Łukasz Kaiser', 'Lukasz Kaiserling', 'none'],
    ['Łukasz Kaiser', 'Łukasz Wiśniewski', 'none'],
  ])('%s ~ %s: %s', (person, found, match) => {
    expect(compareNames(person, found)).toBe(match);
  });
});

describe('organizations', () => {
  it.each([
    ['OpenAI', 'OpenAI, San Francisco, CA, USA', true],
    ['DeepMind', 'Google DeepMind', true],
    ['KTH Royal Institute of Technology', 'KTH Royal Institute of Technology', true],
    ['MIT', 'Massachusetts Institute of Technology', true],
    ['Universität Wien', 'Universitat Wien & IST Austria', true],
    ['Google (United States)', 'Google', true],
    ['OpenAI', 'AGH University of Science and Technology, Kraków, Poland', false],
    ['Uppsala University', 'Stockholm University', false],
  ])('%s ~ %s: %s', (a, b, same) => {
    expect(sameOrganization(a, b)).toBe(same);
  });
});

describe('topics', () => {
  it('matches tags and headline phrases against topics as whole words, with short forms and arXiv categories spelled out', () => {
    expect(matchingTopics(['machine learning'], ['Machine Learning in Materials Science', 'Topic Modeling'])).toEqual(['Machine Learning in Materials Science']);
    expect(matchingTopics(['Research engineer working on graph neural networks'], ['Graph Neural Networks', 'Physics'])).toEqual(['Graph Neural Networks']);
    expect(matchingTopics(['nlp'], ['Natural Language Processing Techniques'])).toEqual(['Natural Language Processing Techniques']);
    expect(matchingTopics(['ml'], ['cs.LG', 'cs.CL'])).toEqual(['Machine Learning']);
    expect(matchingTopics(['learning'], ['Unlearning'])).toEqual([]);
    expect(matchingTopics([], ['Machine learning'])).toEqual([]);
  });
});

describe('scoreCandidate', () => {
  it('adds one reason per piece of evidence, with its points, and clamps to 0..1', () => {
    const score = scoreCandidate(
      subject({ organizations: [{ name: 'OpenAI', current: true }], interests: ['machine learning'], orcid: '0000-0002-1825-0097' }),
      candidate({ affiliations: ['OpenAI, San Francisco', 'Google Brain'], orcid: '0000-0002-1825-0097', topics: ['Machine learning', 'Artificial intelligence'] }),
      [{ personId: 'p1', name: 'Noam Shazeer', works: 3 }],
    );
    expect(score).toEqual({
      score: 1,
      nameMatch: 'exact',
      orcid: 'same',
      profileLink: false,
      reasons: [
        { kind: 'name', points: 0.45, detail: '"Łukasz Kaiser" matches the name exactly (accents and case aside)' },
        { kind: 'affiliation', points: 0.25, detail: 'Current affiliation "OpenAI, San Francisco" is the person\'s organization (OpenAI)' },
        { kind: 'orcid', points: 0.5, detail: "ORCID iD 0000-0002-1825-0097 is the person's" },
        { kind: 'coauthors', points: 0.08, detail: 'Co-authored 3 works with your contact Noam Shazeer' },
        { kind: 'topics', points: 0.05, detail: "Topics match the person's tags or headline: Machine learning" },
      ],
    });
  });

  it('scores a past affiliation lower than the current one, and initials lower than the full name', () => {
    const score = scoreCandidate(subject({ organizations: [{ name: 'Google Brain', current: true }] }), candidate({ name: 'L. Kaiser', affiliations: ['OpenAI', 'Google Brain'] }));
    expect(score.score).toBe(0.47);
    expect(score.reasons).toEqual([
      { kind: 'name', points: 0.35, detail: '"L. Kaiser" matches the name with initials or a middle name left out' },
      { kind: 'affiliation', points: 0.12, detail: 'Past affiliation "Google Brain" matches the person\'s organization (Google Brain)' },
    ]);
  });

  it('uses the best of the alternative names and names it', () => {
    const score = scoreCandidate(subject(), candidate({ name: 'Kaiser Ł.', alternativeNames: ['Lukasz Kaiser'] }));
    expect(score.reasons[0]).toEqual({ kind: 'name', points: 0.45, detail: 'Alternative name "Lukasz Kaiser" matches the name exactly (accents and case aside)' });
  });

  it('counts another ORCID iD against the candidate, and a profile link as decisive', () => {
    const other = scoreCandidate(subject({ orcid: '0000-0002-1825-0097' }), candidate({ orcid: '0000-0001-5109-3700' }));
    expect(other).toMatchObject({ score: 0.15, orcid: 'different' });
    expect(other.reasons[1]).toEqual({ kind: 'orcid', points: -0.3, detail: "ORCID iD 0000-0001-5109-3700 is not the person's (0000-0002-1825-0097)" });

    const linked = scoreCandidate(subject({ names: ['Someone Else'], profileIds: { dblp: '39/1762' } }), candidate({ source: 'dblp', sourceAuthorId: '39/1762' }));
    expect(linked).toMatchObject({ score: 0.5, nameMatch: 'none', profileLink: true });
    expect(isPlausible(linked)).toBe(true);
    expect(isPlausible(scoreCandidate(subject({ names: ['Someone Else'] }), candidate()))).toBe(false);
  });

  it('caps co-authors and topics', () => {
    const contacts = ['A', 'B', 'C', 'D'].map((name, i) => ({ personId: `p${i}`, name, works: 1 }));
    const score = scoreCandidate(subject({ interests: ['a b c', 'machine learning', 'graph neural networks', 'robotics'] }), candidate({ topics: ['Machine learning', 'Graph neural networks', 'Robotics'] }), contacts);
    expect(score.reasons.find((r) => r.kind === 'coauthors')).toEqual({ kind: 'coauthors', points: 0.2, detail: 'Co-authored 4 works with 4 of your contacts: A, B, C, D' });
    expect(score.reasons.find((r) => r.kind === 'topics')?.points).toBe(0.1);
  });
});

describe('decideAutoLinks', () => {
  const input = (over: Partial<AuthorCandidate>, subjectOver: Partial<ScoringSubject> = {}, extra: Partial<AutoLinkInput> = {}): AutoLinkInput => {
    const c = candidate(over);
    return { candidate: c, score: scoreCandidate(subject(subjectOver), c), status: null, linkedElsewhere: false, ...extra };
  };
  const atOpenAI = { organizations: [{ name: 'OpenAI', current: true }] };
  const sources: ScholarlySource[] = ['openalex', 'dblp'];

  it('links every candidate with the person\'s ORCID iD, and never one with another iD', () => {
    const withOrcid = { orcid: '0000-0002-1825-0097' };
    const plan = decideAutoLinks(
      [input({ sourceAuthorId: 'A1', orcid: '0000-0002-1825-0097' }, withOrcid), input({ sourceAuthorId: 'A2', orcid: '0000-0002-1825-0097' }, withOrcid), input({ sourceAuthorId: 'A3', orcid: '0000-0001-5109-3700', affiliations: ['OpenAI'] }, { ...withOrcid, ...atOpenAI })],
      new Set(),
      ['openalex'],
    );
    expect(plan.link.map((d) => [d.candidate.sourceAuthorId, d.rule])).toEqual([
      ['A1', 'orcid'],
      ['A2', 'orcid'],
    ]);
  });

  it('links a clear winner per source, not two close candidates, and not below the minimum score', () => {
    const plan = decideAutoLinks(
      [
        input({ sourceAuthorId: 'A1', affiliations: ['OpenAI'] }, atOpenAI), // 0.70
        input({ sourceAuthorId: 'A2', name: 'L. Kaiser' }, atOpenAI), // 0.35
        input({ source: 'dblp', sourceAuthorId: '1/1', affiliations: ['OpenAI'] }, atOpenAI), // 0.70
        input({ source: 'dblp', sourceAuthorId: '1/2', name: 'L. Kaiser', affiliations: ['OpenAI'] }, atOpenAI), // 0.60
      ],
      new Set(),
      sources,
    );
    expect(plan.link).toEqual([{ candidate: expect.objectContaining({ sourceAuthorId: 'A1' }), score: 0.7, rule: 'clear-winner', why: 'Scores 0.70, 0.35 above the next OpenAlex candidate, "L. Kaiser" (0.35)' }]);
    expect(plan.undecided).toEqual([{ source: 'dblp', message: '"Łukasz Kaiser" (0.70) and "L. Kaiser" (0.60) are too close: a lead of 0.25 is needed' }]);

    const low = decideAutoLinks([input({ sourceAuthorId: 'A1' })], new Set(), ['openalex']);
    expect(low).toEqual({ link: [], undecided: [{ source: 'openalex', message: 'The best candidate, "Łukasz Kaiser", scores 0.45, below 0.60' }] });
  });

  it('leaves out rejected candidates and those linked to another person, and keeps to one identity per source', () => {
    const winner = input({ sourceAuthorId: 'A1', affiliations: ['OpenAI'] }, atOpenAI);
    expect(decideAutoLinks([{ ...winner, status: 'rejected' }], new Set(), ['openalex']).link).toEqual([]);
    expect(decideAutoLinks([{ ...winner, linkedElsewhere: true }], new Set(), ['openalex']).link).toEqual([]);
    expect(decideAutoLinks([winner], new Set<ScholarlySource>(['openalex']), ['openalex'])).toEqual({
      link: [],
      undecided: [{ source: 'openalex', message: 'The person already has a linked OpenAlex identity; only a profile link or an ORCID iD adds another' }],
    });
  });

  it('needs the name to match closely, not only the family name', () => {
    const plan = decideAutoLinks([input({ name: 'Anna Kaiser', affiliations: ['OpenAI'], topics: ['Machine learning'] }, { ...atOpenAI, interests: ['machine learning'] })], new Set(), ['openalex']);
    expect(plan.undecided[0].message).toBe('The best candidate, "Anna Kaiser" (0.40), does not match the name closely enough');
  });
});
