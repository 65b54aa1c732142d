// Validation and canonicalisation of the profile links a person record carries.
// Each kind has exactly one canonical form so that links can be compared and de-duplicated;
// inputs may be bare ids/handles or any of the URL variants people paste.
import { parseOrcid } from './identifiers';

export const LINK_KINDS = [
  'linkedin',
  'x',
  'github',
  'homepage',
  'googleScholar',
  'orcid',
  'openalex',
  'semanticScholar',
  'dblp',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export type PersonLinks = Partial<Record<LinkKind, string>>;
export type LinkResult = { ok: true; value: string } | { ok: false; problem: string };

const MAX_INPUT_LENGTH = 2048;

const ok = (value: string): LinkResult => ({ ok: true, value });
const fail = (problem: string): LinkResult => ({ ok: false, problem });

export function isLinkKind(kind: string): kind is LinkKind {
  return (LINK_KINDS as readonly string[]).includes(kind);
}

interface LooseUrl {
  /** Lower-case host without www./m./mobile. prefixes. */
  host: string;
  /** Non-empty path segments, still percent-encoded. */
  segments: string[];
  params: URLSearchParams;
  hash: string;
}

/** Parses an http(s) URL, tolerating a missing scheme. Returns null for anything else. */
function parseLooseUrl(input: string): LooseUrl | null {
  let text = input;
  if (text.startsWith('//')) text = `https:${text}`;
  else if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return {
    host: url.hostname.replace(/^(?:www|m|mobile)\./, ''),
    segments: url.pathname.split('/').filter((s) => s.length > 0),
    params: url.searchParams,
    hash: url.hash,
  };
}

/** Bare ids never contain '/' or '.', URLs (even scheme-less ones) always do. */
function looksLikeUrl(input: string): boolean {
  return /[/.]/.test(input) || /^https?:/i.test(input);
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- LinkedIn

const LINKEDIN_EXPECTED = 'expected https://www.linkedin.com/in/<name>';
// LinkedIn allows 3–100 letters (any script), digits and hyphens in a public profile slug.
const LINKEDIN_SLUG_RE = /^[\p{L}\p{N}\p{M}_-]{3,100}$/u;
const LINKEDIN_NON_PROFILE: Readonly<Record<string, string>> = {
  company: 'company page',
  school: 'school page',
  showcase: 'showcase page',
  groups: 'group',
  jobs: 'job posting',
  posts: 'post',
  feed: 'feed URL',
};

function normalizeLinkedin(input: string): LinkResult {
  let slug: string | null;
  if (!looksLikeUrl(input)) {
    slug = input;
  } else {
    const url = parseLooseUrl(input);
    if (!url || !(url.host === 'linkedin.com' || url.host.endsWith('.linkedin.com'))) {
      return fail(`is not a LinkedIn profile URL (${LINKEDIN_EXPECTED})`);
    }
    const [section, rawSlug] = url.segments;
    if (section?.toLowerCase() === 'pub') {
      // Pre-2013 /pub/ URLs redirect to an /in/ slug that cannot be derived offline.
      return fail(`is an old LinkedIn /pub/ URL; open it and copy the /in/ profile link (${LINKEDIN_EXPECTED})`);
    }
    if (section?.toLowerCase() !== 'in' || rawSlug === undefined) {
      const what = section ? LINKEDIN_NON_PROFILE[section.toLowerCase()] : undefined;
      return fail(
        what
          ? `is a LinkedIn ${what}, not a person's profile (${LINKEDIN_EXPECTED})`
          : `is not a LinkedIn profile URL (${LINKEDIN_EXPECTED})`,
      );
    }
    slug = safeDecode(rawSlug);
  }
  if (slug === null || !LINKEDIN_SLUG_RE.test(slug)) {
    return fail(`is not a valid LinkedIn profile name (${LINKEDIN_EXPECTED})`);
  }
  return ok(`https://www.linkedin.com/in/${slug.toLowerCase()}`);
}

// ---------------------------------------------------------------- X / Twitter

const X_EXPECTED = 'expected https://x.com/<handle> or @handle';
const X_HANDLE_RE = /^[A-Za-z0-9_]{1,15}$/;
// First path segments that are site pages, not accounts.
const X_RESERVED = new Set([
  'home', 'explore', 'search', 'notifications', 'messages', 'settings', 'i', 'intent',
  'share', 'hashtag', 'login', 'logout', 'signup', 'tos', 'privacy', 'compose', 'about',
]);

function normalizeX(input: string): LinkResult {
  let handle: string | undefined;
  if (!looksLikeUrl(input)) {
    handle = input.startsWith('@') ? input.slice(1) : input;
  } else {
    const url = parseLooseUrl(input);
    if (!url || (url.host !== 'x.com' && url.host !== 'twitter.com')) {
      return fail(`is not an X profile URL (${X_EXPECTED})`);
    }
    const first = url.segments[0];
    if (first === undefined && url.hash.startsWith('#!/')) {
      handle = url.hash.slice(3).split(/[/?]/)[0]; // pre-2012 "twitter.com/#!/handle" links
    } else if (first?.toLowerCase() === 'intent') {
      handle = url.params.get('screen_name') ?? undefined;
    } else if (first !== undefined && !X_RESERVED.has(first.toLowerCase())) {
      handle = first.startsWith('@') ? first.slice(1) : first;
    }
    if (handle === undefined) return fail(`is not an X profile URL (${X_EXPECTED})`);
  }
  if (!X_HANDLE_RE.test(handle)) {
    return fail(`is not a valid X handle (1–15 letters, digits or underscores; ${X_EXPECTED})`);
  }
  return ok(`https://x.com/${handle}`);
}

// ---------------------------------------------------------------- GitHub

const GITHUB_EXPECTED = 'expected https://github.com/<user>';
// A hyphen only between letters or digits, or last: GitHub once allowed a trailing one, and such accounts remain.
const GITHUB_USER_RE = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9]|$)){0,38}$/;
const GITHUB_RESERVED = new Set([
  'about', 'apps', 'collections', 'contact', 'customer-stories', 'enterprise', 'events',
  'explore', 'features', 'issues', 'join', 'login', 'marketplace', 'new', 'notifications',
  'orgs', 'organizations', 'pricing', 'pulls', 'search', 'security', 'settings', 'sponsors',
  'topics', 'trending', 'users',
]);

function normalizeGithub(input: string): LinkResult {
  let user: string;
  if (!looksLikeUrl(input)) {
    user = input.startsWith('@') ? input.slice(1) : input;
  } else {
    const url = parseLooseUrl(input);
    if (!url || url.host !== 'github.com' || url.segments.length === 0) {
      return fail(`is not a GitHub profile URL (${GITHUB_EXPECTED})`);
    }
    if (url.segments.length > 1 || GITHUB_RESERVED.has(url.segments[0].toLowerCase())) {
      return fail(`points to a GitHub repository or page, not a user profile (${GITHUB_EXPECTED})`);
    }
    user = url.segments[0];
  }
  if (!GITHUB_USER_RE.test(user)) {
    return fail(
      `is not a valid GitHub username (up to 39 letters, digits or single hyphens, not first; ${GITHUB_EXPECTED})`,
    );
  }
  return ok(`https://github.com/${user}`);
}

// ---------------------------------------------------------------- Homepage

const HOST_LABEL_RE = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
const TLD_RE = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const IPV4_RE = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function isPublicLookingHost(hostname: string): boolean {
  if (hostname.startsWith('[') || IPV4_RE.test(hostname)) return true;
  const labels = hostname.replace(/\.$/, '').split('.');
  return labels.length >= 2 && labels.every((l) => HOST_LABEL_RE.test(l)) && TLD_RE.test(labels[labels.length - 1]);
}

function normalizeHomepage(input: string): LinkResult {
  // "host:8080/x" must not be read as scheme "host:"; a scheme is letters followed by ':' and a non-digit.
  const scheme = /^([a-z][a-z0-9+.-]*):(?!\d)/i.exec(input)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    return fail(`must be an http or https URL, not ${scheme}:`);
  }
  let url: URL;
  try {
    url = new URL(scheme === undefined ? `https://${input.replace(/^\/\//, '')}` : input);
  } catch {
    return fail('is not a valid web address (expected an http(s) URL such as https://example.org/)');
  }
  if (!isPublicLookingHost(url.hostname)) {
    return fail('is not a valid web address: the host name is missing or malformed');
  }
  if (url.username || url.password) return fail('must not contain a user name or password');
  url.hash = '';
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1); // "example.org." is the same host
  return ok(url.href);
}

// ---------------------------------------------------------------- Google Scholar

const SCHOLAR_EXPECTED = 'expected https://scholar.google.com/citations?user=<id>';
const SCHOLAR_ID_RE = /^[A-Za-z0-9_-]{12}$/;
// scholar.google.com, .de, .co.uk, .com.au …
const SCHOLAR_HOST_RE = /^scholar\.google\.(?:[a-z]{2,3})(?:\.[a-z]{2})?$/;

function normalizeGoogleScholar(input: string): LinkResult {
  let id: string | null;
  if (!looksLikeUrl(input)) {
    id = input;
  } else {
    const url = parseLooseUrl(input);
    if (!url || !SCHOLAR_HOST_RE.test(url.host) || url.segments[0] !== 'citations') {
      return fail(`is not a Google Scholar profile URL (${SCHOLAR_EXPECTED})`);
    }
    id = url.params.get('user');
    if (id === null) return fail(`is a Google Scholar URL without a user profile id (${SCHOLAR_EXPECTED})`);
  }
  if (!SCHOLAR_ID_RE.test(id)) {
    return fail(`is not a valid Google Scholar user id (12 characters; ${SCHOLAR_EXPECTED})`);
  }
  return ok(`https://scholar.google.com/citations?user=${id}`);
}

// ---------------------------------------------------------------- ORCID

const ORCID_EXPECTED = 'expected 0000-0000-0000-0000 or https://orcid.org/0000-0000-0000-0000';

function normalizeOrcid(input: string): LinkResult {
  const parsed = parseOrcid(input);
  if (parsed.ok) return ok(`https://orcid.org/${parsed.orcid}`);
  switch (parsed.problem) {
    case 'not-orcid-url':
      return fail(`is not an ORCID iD or orcid.org URL (${ORCID_EXPECTED})`);
    case 'shape':
      return fail(`is not an ORCID iD: 16 characters in four blocks of four, the last a digit or X (${ORCID_EXPECTED})`);
    case 'checksum':
      return fail('ORCID iD checksum is wrong');
  }
}

// ---------------------------------------------------------------- OpenAlex

const OPENALEX_EXPECTED = 'expected A followed by digits, e.g. https://openalex.org/A5023888391';
const OPENALEX_ID_RE = /^[A-Za-z]\d{3,15}$/;
const OPENALEX_ENTITY: Readonly<Record<string, string>> = {
  W: 'work', I: 'institution', S: 'source', C: 'concept', T: 'topic', P: 'publisher', F: 'funder',
};

function normalizeOpenalex(input: string): LinkResult {
  let id: string | undefined;
  if (!looksLikeUrl(input)) {
    id = input;
  } else {
    const url = parseLooseUrl(input);
    if (!url || !(url.host === 'openalex.org' || url.host.endsWith('.openalex.org'))) {
      return fail(`is not an OpenAlex author URL or ID (${OPENALEX_EXPECTED})`);
    }
    // openalex.org/A…, openalex.org/authors/A…, api.openalex.org/authors/A…
    const segs = url.segments[0]?.toLowerCase() === 'authors' ? url.segments.slice(1) : url.segments;
    id = segs.length === 1 ? segs[0] : undefined;
  }
  if (id === undefined || !OPENALEX_ID_RE.test(id)) {
    return fail(`is not an OpenAlex author ID (${OPENALEX_EXPECTED})`);
  }
  const prefix = id[0].toUpperCase();
  if (prefix !== 'A') {
    const entity = OPENALEX_ENTITY[prefix];
    return fail(`is ${entity ? `an OpenAlex ${entity} ID` : 'not an OpenAlex author ID'}, not an author ID (${OPENALEX_EXPECTED})`);
  }
  return ok(`https://openalex.org/A${id.slice(1)}`);
}

// ---------------------------------------------------------------- Semantic Scholar

const S2_EXPECTED = 'expected https://www.semanticscholar.org/author/<numeric id>';
const S2_ID_RE = /^\d{1,15}$/;

function normalizeSemanticScholar(input: string): LinkResult {
  let id: string | undefined;
  if (!looksLikeUrl(input)) {
    id = input;
  } else {
    const url = parseLooseUrl(input);
    if (!url || !(url.host === 'semanticscholar.org' || url.host.endsWith('.semanticscholar.org'))) {
      return fail(`is not a Semantic Scholar author URL (${S2_EXPECTED})`);
    }
    // /author/<id>, /author/<Name-Slug>/<id>, api: /graph/v1/author/<id>
    const at = url.segments.findIndex((s) => s.toLowerCase() === 'author');
    if (at < 0) {
      const isPaper = url.segments.some((s) => s.toLowerCase() === 'paper');
      return fail(
        isPaper
          ? `is a Semantic Scholar paper URL, not an author page (${S2_EXPECTED})`
          : `is not a Semantic Scholar author URL (${S2_EXPECTED})`,
      );
    }
    const rest = url.segments.slice(at + 1);
    id = rest.find((s) => S2_ID_RE.test(s));
  }
  if (id === undefined || !S2_ID_RE.test(id)) {
    return fail(`is not a Semantic Scholar author ID (${S2_EXPECTED})`);
  }
  return ok(`https://www.semanticscholar.org/author/${id}`);
}

// ---------------------------------------------------------------- dblp

const DBLP_EXPECTED = 'expected https://dblp.org/pid/<pid>, e.g. https://dblp.org/pid/37/9131';
const DBLP_HOSTS = new Set(['dblp.org', 'dblp.uni-trier.de', 'dblp.dagstuhl.de']);
// Numeric pids ("37/9131", "181/2803-1") or legacy name keys ("h/GeoffreyEHinton", "r/CJvanRijsbergen").
const DBLP_NUMERIC_PID_RE = /^\d{1,3}\/\d+(?:-\d+)?$/;
const DBLP_NAME_PID_RE = /^[a-z]\/[A-Za-z][A-Za-z0-9=_-]*$/;
const DBLP_SUFFIX_RE = /\.(?:html?|xml|bib|rdf|nt|ttl|rss)$/i;

function normalizeDblp(input: string): LinkResult {
  let pidSegments: string[];
  const bare = input.replace(/^(?:pid|homepages)\//i, '');
  if (/^[^./:]+\/[^/:]+$/.test(bare.replace(DBLP_SUFFIX_RE, ''))) {
    pidSegments = bare.split('/');
  } else {
    const url = parseLooseUrl(input);
    if (!url || !DBLP_HOSTS.has(url.host)) return fail(`is not a dblp person URL or pid (${DBLP_EXPECTED})`);
    if (url.segments[0]?.toLowerCase() !== 'pid') {
      return fail(`is not a dblp person (pid) URL; open the person's dblp page and copy its /pid/ link (${DBLP_EXPECTED})`);
    }
    pidSegments = url.segments.slice(1).map((s) => safeDecode(s) ?? s);
  }
  if (pidSegments.length !== 2) return fail(`is not a valid dblp pid (${DBLP_EXPECTED})`);
  const pid = `${pidSegments[0].toLowerCase()}/${pidSegments[1].replace(DBLP_SUFFIX_RE, '')}`;
  if (!DBLP_NUMERIC_PID_RE.test(pid) && !DBLP_NAME_PID_RE.test(pid)) {
    return fail(`is not a valid dblp pid (${DBLP_EXPECTED})`);
  }
  return ok(`https://dblp.org/pid/${pid}`);
}

// ---------------------------------------------------------------- Public API

const NORMALIZERS: Readonly<Record<LinkKind, (input: string) => LinkResult>> = {
  linkedin: normalizeLinkedin,
  x: normalizeX,
  github: normalizeGithub,
  homepage: normalizeHomepage,
  googleScholar: normalizeGoogleScholar,
  orcid: normalizeOrcid,
  openalex: normalizeOpenalex,
  semanticScholar: normalizeSemanticScholar,
  dblp: normalizeDblp,
};

/** Validates one link and returns its canonical form, or a short problem sentence. */
export function normalizeLink(kind: LinkKind, input: string): LinkResult {
  const normalizer = NORMALIZERS[kind];
  if (!normalizer) return fail(`is not a known link kind (expected one of ${LINK_KINDS.join(', ')})`);
  if (typeof input !== 'string') return fail('must be a string');
  const trimmed = input.trim();
  if (!trimmed) return fail('is empty');
  if (trimmed.length > MAX_INPUT_LENGTH) return fail(`is too long (at most ${MAX_INPUT_LENGTH} characters)`);
  // ORCID iDs are often printed in space-separated groups; URLs get spaces percent-encoded.
  if (/\s/.test(trimmed) && kind !== 'homepage' && kind !== 'orcid') return fail('must not contain spaces');
  return normalizer(trimmed);
}

// Common mistakes in link keys, to make the "unknown kind" problem actionable.
const KIND_ALIASES: Readonly<Record<string, LinkKind>> = {
  twitter: 'x',
  website: 'homepage',
  web: 'homepage',
  url: 'homepage',
  scholar: 'googleScholar',
  semanticscholar: 'semanticScholar',
  s2: 'semanticScholar',
  googlescholar: 'googleScholar',
};

/**
 * Normalizes a whole links object (e.g. a request body's `links`). Null, undefined and blank
 * values are treated as "no link" and dropped; unknown keys and invalid values become problems
 * whose field is `links.<key>`.
 */
export function normalizeLinks(links: Record<string, unknown>): {
  links: PersonLinks;
  problems: { field: string; problem: string }[];
} {
  const result: PersonLinks = {};
  const problems: { field: string; problem: string }[] = [];
  if (links === null || typeof links !== 'object' || Array.isArray(links)) {
    return { links: result, problems: [{ field: 'links', problem: 'must be an object' }] };
  }
  for (const [key, value] of Object.entries(links)) {
    const field = `links.${key}`;
    if (!isLinkKind(key)) {
      const hint = KIND_ALIASES[key.toLowerCase()] ?? LINK_KINDS.find((k) => k.toLowerCase() === key.toLowerCase());
      problems.push({
        field,
        problem: hint
          ? `is not a known link kind (did you mean ${hint}?)`
          : `is not a known link kind (expected one of ${LINK_KINDS.join(', ')})`,
      });
      continue;
    }
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    if (typeof value !== 'string') {
      problems.push({ field, problem: 'must be a string' });
      continue;
    }
    const normalized = normalizeLink(key, value);
    if (normalized.ok) result[key] = normalized.value;
    else problems.push({ field, problem: normalized.problem });
  }
  return { links: result, problems };
}

// ---------------------------------------------------------------- E-mail

const EMAIL_LOCAL_RE = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const EMAIL_LABEL_RE = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const EMAIL_TLD_RE = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/u;

/**
 * Trims and lower-cases an e-mail address (local part too: providers treat it case-insensitively
 * in practice, and a single form is needed for matching). Accepts a "mailto:" prefix and
 * <angle brackets>. Returns null if it is not a plausible address.
 */
export function normalizeEmail(input: string): string | null {
  if (typeof input !== 'string') return null;
  let email = input.trim().replace(/^mailto:/i, '');
  if (email.startsWith('<') && email.endsWith('>')) email = email.slice(1, -1).trim();
  email = email.toLowerCase();
  if (email.length > 254) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0 || at !== email.indexOf('@')) return null;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > 64 || !EMAIL_LOCAL_RE.test(local)) return null;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => EMAIL_LABEL_RE.test(l))) return null;
  if (!EMAIL_TLD_RE.test(labels[labels.length - 1])) return null;
  return email;
}
