import {
  LINK_KINDS,
  LinkKind,
  normalizeEmail,
  normalizeLink,
  normalizeLinks,
} from './person-links';
import { isValidOrcid } from './identifiers';

function accepted(kind: LinkKind, input: string): string {
  const r = normalizeLink(kind, input);
  if (!r.ok) throw new Error(`${kind} ${JSON.stringify(input)} rejected: ${r.problem}`);
  return r.value;
}

function problem(kind: LinkKind, input: string): string {
  const r = normalizeLink(kind, input);
  if (r.ok) throw new Error(`${kind} ${JSON.stringify(input)} unexpectedly accepted as ${r.value}`);
  return r.problem;
}

describe('normalizeLink: linkedin', () => {
  const canonical = 'https://www.linkedin.com/in/geoffrey-hinton-1234ab';
  it.each([
    'https://www.linkedin.com/in/geoffrey-hinton-1234ab',
    'https://www.linkedin.com/in/geoffrey-hinton-1234ab/',
    'http://linkedin.com/in/Geoffrey-Hinton-1234AB',
    'www.linkedin.com/in/geoffrey-hinton-1234ab?originalSubdomain=uk',
    'linkedin.com/in/geoffrey-hinton-1234ab#experience',
    'https://m.linkedin.com/in/geoffrey-hinton-1234ab',
    'https://uk.linkedin.com/in/geoffrey-hinton-1234ab',
    'HTTPS://WWW.LINKEDIN.COM/IN/GEOFFREY-HINTON-1234AB/',
    'https://www.linkedin.com/in/geoffrey-hinton-1234ab/details/experience/',
    'geoffrey-hinton-1234ab',
    '  https://www.linkedin.com/in/geoffrey-hinton-1234ab  ',
  ])('accepts %j', (input) => {
    expect(accepted('linkedin', input)).toBe(canonical);
  });

  it('percent-decodes non-Latin slugs', () => {
    expect(accepted('linkedin', 'https://www.linkedin.com/in/%E6%9D%8E%E9%A3%9E%E9%A3%9E')).toBe(
      'https://www.linkedin.com/in/李飞飞',
    );
    expect(accepted('linkedin', 'https://www.linkedin.com/in/J%C3%BCrgen-Schmidhuber')).toBe(
      'https://www.linkedin.com/in/jürgen-schmidhuber',
    );
  });

  it('rejects company and school pages with a clear problem', () => {
    expect(problem('linkedin', 'https://www.linkedin.com/company/deepmind/')).toBe(
      "is a LinkedIn company page, not a person's profile (expected https://www.linkedin.com/in/<name>)",
    );
    expect(problem('linkedin', 'https://www.linkedin.com/school/stanford-university/')).toMatch(/school page/);
    expect(problem('linkedin', 'https://www.linkedin.com/pub/john-doe/12/345/678')).toMatch(/old LinkedIn \/pub\/ URL/);
  });

  it.each([
    'https://github.com/karpathy',
    'https://www.linkedin.com/',
    'https://linkedin.com.evil.example/in/someone',
    'https://www.linkedin.com/in/%E0%A4%A',
    'ab',
    'ftp://linkedin.com/in/someone',
  ])('rejects %j', (input) => {
    expect(problem('linkedin', input)).toMatch(/LinkedIn/);
  });

  it('names the expected form', () => {
    expect(problem('linkedin', 'https://example.com/in/someone')).toBe(
      'is not a LinkedIn profile URL (expected https://www.linkedin.com/in/<name>)',
    );
  });
});

describe('normalizeLink: x', () => {
  it.each([
    'https://x.com/karpathy',
    'https://twitter.com/karpathy',
    'http://www.twitter.com/karpathy/',
    'twitter.com/karpathy?lang=en',
    'https://mobile.twitter.com/karpathy',
    'x.com/karpathy/status/1234567890',
    'https://twitter.com/#!/karpathy',
    'https://twitter.com/intent/user?screen_name=karpathy',
    'HTTPS://X.COM/karpathy',
    '@karpathy',
    'karpathy',
  ])('accepts %j', (input) => {
    expect(accepted('x', input)).toBe('https://x.com/karpathy');
  });

  it("keeps the handle's case", () => {
    expect(accepted('x', '@ylecun_AI')).toBe('https://x.com/ylecun_AI');
    expect(accepted('x', 'https://twitter.com/GoogleDeepMind')).toBe('https://x.com/GoogleDeepMind');
  });

  it.each([
    'this_handle_is_way_too_long',
    'bad-handle',
    '@',
    'https://x.com/home',
    'https://x.com/search?q=ml',
    'https://x.com/',
    'https://mastodon.social/@karpathy',
  ])('rejects %j', (input) => {
    expect(problem('x', input)).toMatch(/X (profile URL|handle)/);
  });
});

describe('normalizeLink: github', () => {
  it.each([
    'https://github.com/karpathy',
    'http://github.com/karpathy/',
    'https://www.github.com/karpathy?tab=repositories',
    'github.com/karpathy',
    'GITHUB.COM/karpathy',
    '@karpathy',
    'karpathy',
  ])('accepts %j', (input) => {
    expect(accepted('github', input)).toBe('https://github.com/karpathy');
  });

  it('accepts single inner hyphens and 39 characters', () => {
    expect(accepted('github', 'jane-doe-42')).toBe('https://github.com/jane-doe-42');
    expect(accepted('github', 'a'.repeat(39))).toBe(`https://github.com/${'a'.repeat(39)}`);
  });

  it('accepts a trailing hyphen, which GitHub allowed for older accounts', () => {
    expect(accepted('github', 'jane-')).toBe('https://github.com/jane-');
    expect(accepted('github', 'https://github.com/old-handle-/')).toBe('https://github.com/old-handle-');
    expect(accepted('github', `${'a'.repeat(38)}-`)).toBe(`https://github.com/${'a'.repeat(38)}-`);
  });

  it.each(['-jane', 'jane--', 'jane--doe', `${'a'.repeat(39)}-`, 'a'.repeat(40), 'jane_doe', 'https://gitlab.com/karpathy', 'https://github.com/'])(
    'rejects %j',
    (input) => {
      expect(problem('github', input)).toMatch(/GitHub/);
    },
  );

  it('rejects repository and site URLs', () => {
    expect(problem('github', 'https://github.com/karpathy/nanoGPT')).toMatch(/repository or page, not a user profile/);
    expect(problem('github', 'https://github.com/settings')).toMatch(/not a user profile/);
  });
});

describe('normalizeLink: homepage', () => {
  it.each([
    ['https://karpathy.ai/', 'https://karpathy.ai/'],
    ['https://karpathy.ai', 'https://karpathy.ai/'],
    ['karpathy.ai', 'https://karpathy.ai/'],
    ['HTTPS://Karpathy.AI:443/#top', 'https://karpathy.ai/'],
    ['http://www.cs.toronto.edu:80/~hinton/', 'http://www.cs.toronto.edu/~hinton/'],
    ['https://example.org:8443/me?lang=en#bio', 'https://example.org:8443/me?lang=en'],
    ['example.org:8080/me', 'https://example.org:8080/me'],
    ['https://münchen.de/', 'https://xn--mnchen-3ya.de/'],
    ['https://example.org./about', 'https://example.org/about'],
  ])('normalizes %j → %j', (input, expected) => {
    expect(accepted('homepage', input)).toBe(expected);
  });

  it.each([
    ['ftp://example.org/file', /http or https/],
    ['mailto:me@example.org', /http or https/],
    ['javascript:alert(1)', /http or https/],
    ['not a url', /web address/],
    ['https://', /web address/],
    ['https://localhost/', /host name/],
    ['hello', /host name/],
    ['https://user:secret@example.org/', /user name or password/],
  ])('rejects %j', (input, expected) => {
    expect(problem('homepage', input)).toMatch(expected);
  });
});

describe('normalizeLink: googleScholar', () => {
  const canonical = 'https://scholar.google.com/citations?user=JicYPdAAAAAJ';
  it.each([
    'https://scholar.google.com/citations?user=JicYPdAAAAAJ',
    'https://scholar.google.com/citations?user=JicYPdAAAAAJ&hl=en',
    'https://scholar.google.com/citations?hl=en&user=JicYPdAAAAAJ&view_op=list_works&sortby=pubdate',
    'http://scholar.google.de/citations?user=JicYPdAAAAAJ',
    'scholar.google.co.uk/citations?user=JicYPdAAAAAJ',
    'https://scholar.google.com.au/citations?user=JicYPdAAAAAJ#d=gsc_md_cod',
    'JicYPdAAAAAJ',
  ])('accepts %j', (input) => {
    expect(accepted('googleScholar', input)).toBe(canonical);
  });

  it.each([
    'https://scholar.google.com/citations?hl=en',
    'https://scholar.google.com/scholar?q=hinton',
    'https://google.com/citations?user=JicYPdAAAAAJ',
    'JicYPdAAAAA',
    'https://scholar.google.com/citations?user=short',
  ])('rejects %j', (input) => {
    expect(problem('googleScholar', input)).toMatch(/Google Scholar/);
  });
});

describe('isValidOrcid', () => {
  it.each(['0000-0002-1825-0097', '0000-0001-5109-3700', '0000-0002-1694-233X', '0000-0002-1694-233x', '0000000218250097'])(
    'accepts %j',
    (id) => {
      expect(isValidOrcid(id)).toBe(true);
    },
  );

  it.each([
    '0000-0002-1825-0098', // wrong check digit
    '0000-0002-1694-2339', // X replaced by a digit
    '0000-0001-5109-3701',
    '0000-0002-1825-009',
    '0000-00021825-0097',
    'https://orcid.org/0000-0002-1825-0097',
    '',
  ])('rejects %j', (id) => {
    expect(isValidOrcid(id)).toBe(false);
  });
});

describe('normalizeLink: orcid', () => {
  it.each([
    '0000-0002-1825-0097',
    '0000000218250097',
    'https://orcid.org/0000-0002-1825-0097',
    'http://orcid.org/0000-0002-1825-0097/',
    'orcid.org/0000-0002-1825-0097',
    'https://www.orcid.org/0000-0002-1825-0097',
    'HTTPS://ORCID.ORG/0000-0002-1825-0097',
    'orcid:0000-0002-1825-0097',
    '0000 0002 1825 0097',
  ])('accepts %j', (input) => {
    expect(accepted('orcid', input)).toBe('https://orcid.org/0000-0002-1825-0097');
  });

  it('accepts the other valid examples', () => {
    expect(accepted('orcid', '0000-0001-5109-3700')).toBe('https://orcid.org/0000-0001-5109-3700');
    expect(accepted('orcid', 'https://orcid.org/0000-0002-1694-233x')).toBe('https://orcid.org/0000-0002-1694-233X');
    expect(accepted('orcid', '000000021694233X')).toBe('https://orcid.org/0000-0002-1694-233X');
  });

  it('says the checksum is wrong', () => {
    expect(problem('orcid', '0000-0002-1825-0098')).toBe('ORCID iD checksum is wrong');
    expect(problem('orcid', 'https://orcid.org/0000-0002-1694-2339')).toBe('ORCID iD checksum is wrong');
  });

  it.each(['00000-0002-1825-0097', '10000-0002-1825-0097', '0000-0002-1825-00975', 'https://orcid.org/00000-0002-1825-0097', '0000-00021-825-0097'])('refuses %j whole, not the valid iD inside it', (input) => {
    expect(problem('orcid', input)).toBe('is not an ORCID iD: 16 characters in four blocks of four, the last a digit or X (expected 0000-0000-0000-0000 or https://orcid.org/0000-0000-0000-0000)');
  });

  it.each(['0000-0002-1825', 'ABCD-0002-1825-0097', 'https://example.org/0000-0002-1825-0097', 'https://orcid.org/'])(
    'rejects malformed %j',
    (input) => {
      expect(problem('orcid', input)).toMatch(/is not an ORCID iD/);
    },
  );
});

describe('normalizeLink: openalex', () => {
  it.each([
    'A5023888391',
    'a5023888391',
    'https://openalex.org/A5023888391',
    'openalex.org/A5023888391',
    'https://openalex.org/authors/A5023888391',
    'https://openalex.org/authors/a5023888391/',
    'https://api.openalex.org/authors/A5023888391',
    'https://api.openalex.org/authors/A5023888391?mailto=me@example.org',
    'HTTPS://OPENALEX.ORG/A5023888391',
  ])('accepts %j', (input) => {
    expect(accepted('openalex', input)).toBe('https://openalex.org/A5023888391');
  });

  it('rejects non-author entities, naming what they are', () => {
    expect(problem('openalex', 'W2741809807')).toMatch(/OpenAlex work ID, not an author ID/);
    expect(problem('openalex', 'https://openalex.org/I136199984')).toMatch(/institution ID/);
  });

  it.each(['A', 'A12x', 'https://example.org/A5023888391', 'https://api.openalex.org/authors/orcid:0000-0002-1825-0097', 'https://openalex.org/'])(
    'rejects %j',
    (input) => {
      expect(problem('openalex', input)).toMatch(/OpenAlex/);
    },
  );
});

describe('normalizeLink: semanticScholar', () => {
  it.each([
    '1741101',
    'https://www.semanticscholar.org/author/1741101',
    'https://www.semanticscholar.org/author/Geoffrey-E.-Hinton/1741101',
    'semanticscholar.org/author/Geoffrey-E.-Hinton/1741101?sort=influence',
    'https://api.semanticscholar.org/graph/v1/author/1741101',
    'HTTPS://WWW.SEMANTICSCHOLAR.ORG/author/1741101/',
  ])('accepts %j', (input) => {
    expect(accepted('semanticScholar', input)).toBe('https://www.semanticscholar.org/author/1741101');
  });

  it('rejects paper URLs with a clear problem', () => {
    expect(problem('semanticScholar', 'https://www.semanticscholar.org/paper/Attention-is-All-you-Need/204e3073870fae3d05bcbc2f6a8e263d9b72e776')).toMatch(
      /paper URL, not an author page/,
    );
  });

  it.each(['Geoffrey-Hinton', 'https://www.semanticscholar.org/author/Geoffrey-E.-Hinton', 'https://example.org/author/1741101'])(
    'rejects %j',
    (input) => {
      expect(problem('semanticScholar', input)).toMatch(/Semantic Scholar/);
    },
  );
});

describe('normalizeLink: dblp', () => {
  it.each([
    '37/9131',
    'pid/37/9131',
    'https://dblp.org/pid/37/9131',
    'https://dblp.org/pid/37/9131.html',
    'http://dblp.org/pid/37/9131.xml',
    'dblp.org/pid/37/9131.html?view=by-type',
    'https://dblp.uni-trier.de/pid/37/9131.html',
    'https://dblp.dagstuhl.de/pid/37/9131',
    'HTTPS://DBLP.ORG/pid/37/9131.HTML',
  ])('accepts %j', (input) => {
    expect(accepted('dblp', input)).toBe('https://dblp.org/pid/37/9131');
  });

  it('accepts legacy name pids and disambiguation suffixes', () => {
    expect(accepted('dblp', 'm/TomMMitchell')).toBe('https://dblp.org/pid/m/TomMMitchell');
    expect(accepted('dblp', 'https://dblp.org/pid/h/GeoffreyEHinton.html')).toBe('https://dblp.org/pid/h/GeoffreyEHinton');
    expect(accepted('dblp', 'https://dblp.uni-trier.de/pid/181/2803-1.html')).toBe('https://dblp.org/pid/181/2803-1');
  });

  it.each([
    'https://dblp.org/search?q=hinton',
    'https://dblp.org/pers/hd/h/Hinton:Geoffrey_E=',
    'https://dblp.org/pid/37',
    'https://example.org/pid/37/9131',
    '37-9131',
    'GeoffreyEHinton',
  ])('rejects %j', (input) => {
    expect(problem('dblp', input)).toMatch(/dblp/);
  });
});

describe('normalizeLink: general', () => {
  it.each(LINK_KINDS)('rejects empty input for %s', (kind) => {
    expect(problem(kind, '   ')).toBe('is empty');
  });

  it('rejects absurdly long input', () => {
    expect(problem('homepage', `https://example.org/${'a'.repeat(3000)}`)).toMatch(/too long/);
  });
});

describe('normalizeLinks', () => {
  it('normalizes every known kind at once', () => {
    const { links, problems } = normalizeLinks({
      linkedin: 'linkedin.com/in/Jane-Doe',
      x: '@jane_doe',
      github: 'github.com/jane-doe',
      homepage: 'Jane.example.org',
      googleScholar: 'JicYPdAAAAAJ',
      orcid: '0000-0001-5109-3700',
      openalex: 'a5023888391',
      semanticScholar: '1741101',
      dblp: 'dblp.org/pid/37/9131.html',
    });
    expect(problems).toEqual([]);
    expect(links).toEqual({
      linkedin: 'https://www.linkedin.com/in/jane-doe',
      x: 'https://x.com/jane_doe',
      github: 'https://github.com/jane-doe',
      homepage: 'https://jane.example.org/',
      googleScholar: 'https://scholar.google.com/citations?user=JicYPdAAAAAJ',
      orcid: 'https://orcid.org/0000-0001-5109-3700',
      openalex: 'https://openalex.org/A5023888391',
      semanticScholar: 'https://www.semanticscholar.org/author/1741101',
      dblp: 'https://dblp.org/pid/37/9131',
    });
  });

  it('reports invalid values and unknown kinds by field, keeping the valid ones', () => {
    const { links, problems } = normalizeLinks({
      orcid: '0000-0002-1825-0098',
      linkedin: 'https://www.linkedin.com/company/deepmind',
      github: 'karpathy',
      twitter: '@karpathy',
      mastodon: '@someone@mastodon.social',
    });
    expect(links).toEqual({ github: 'https://github.com/karpathy' });
    expect(problems).toEqual([
      { field: 'links.orcid', problem: 'ORCID iD checksum is wrong' },
      {
        field: 'links.linkedin',
        problem: "is a LinkedIn company page, not a person's profile (expected https://www.linkedin.com/in/<name>)",
      },
      { field: 'links.twitter', problem: 'is not a known link kind (did you mean x?)' },
      { field: 'links.mastodon', problem: expect.stringMatching(/^is not a known link kind \(expected one of linkedin, x, /) },
    ]);
  });

  it('treats null, undefined and blank values as absent', () => {
    expect(normalizeLinks({ x: null, github: undefined, homepage: '  ' })).toEqual({ links: {}, problems: [] });
  });

  it('rejects non-string values', () => {
    expect(normalizeLinks({ orcid: 18250097, github: ['karpathy'] }).problems).toEqual([
      { field: 'links.orcid', problem: 'must be a string' },
      { field: 'links.github', problem: 'must be a string' },
    ]);
  });

  it('rejects a links value that is not an object', () => {
    expect(normalizeLinks(['x'] as unknown as Record<string, unknown>).problems).toEqual([
      { field: 'links', problem: 'must be an object' },
    ]);
  });

  it('suggests the right casing for a mis-cased kind', () => {
    expect(normalizeLinks({ googlescholar: 'JicYPdAAAAAJ' }).problems[0].problem).toBe(
      'is not a known link kind (did you mean googleScholar?)',
    );
  });
});

describe('normalizeEmail', () => {
  it.each([
    ['Jane.Doe@Example.ORG', 'jane.doe@example.org'],
    ['  jane@deepmind.com \n', 'jane@deepmind.com'],
    ['mailto:Jane@Example.org', 'jane@example.org'],
    ['<jane+dossier@example.co.uk>', 'jane+dossier@example.co.uk'],
    ['jürgen@idsia.ch', 'jürgen@idsia.ch'],
  ])('normalizes %j → %j', (input, expected) => {
    expect(normalizeEmail(input)).toBe(expected);
  });

  it.each(['', 'jane', 'jane@', '@example.org', 'jane@example', 'jane@@example.org', 'ja ne@example.org', 'jane@exa_mple.org', '.jane@example.org', 'jane..doe@example.org', 'jane@-example.org', `${'a'.repeat(65)}@example.org`])(
    'rejects %j',
    (input) => {
      expect(normalizeEmail(input)).toBeNull();
    },
  );
});
