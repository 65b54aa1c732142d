import { normalizeLink, type LinkKind } from '../shared/text/index';
import { scholarlySource, type ScholarlySource } from '../scholarly/index';
import { queryName } from '../scholarly/sources/arxiv/arxiv.client';

/**
 * An identity the user types or pastes, per source, as the id the clients and the sync use:
 *
 * | source | accepted | stored |
 * | --- | --- | --- |
 * | openalex | `A5023888391`, `https://openalex.org/A5023888391`, `…/authors/A…`, api.openalex.org | `A5023888391` |
 * | semanticscholar | `1741101`, `https://www.semanticscholar.org/author/Name/1741101` | `1741101` |
 * | dblp | `39/1762`, `https://dblp.org/pid/39/1762(.html|.xml)`, dblp mirrors | `39/1762` |
 * | orcid, crossref | `0000-0002-1825-0097` (check digit verified), `https://orcid.org/…` | `0000-0002-1825-0097` |
 * | arxiv | `au:"Lukasz Kaiser"`, `au:kaiser_l`, a bare name, an arxiv.org author search URL | `au:"Lukasz Kaiser"` |
 *
 * Crossref has no author ids of its own: its identities are ORCID iDs (its works name them).
 * The problems read after the field's name ("url is not an OpenAlex author URL…").
 */
export type IdentityInputResult = { ok: true; sourceAuthorId: string } | { ok: false; problem: string };

const LINK_KIND: Partial<Record<ScholarlySource, LinkKind>> = {
  openalex: 'openalex',
  semanticscholar: 'semanticScholar',
  dblp: 'dblp',
  orcid: 'orcid',
  crossref: 'orcid',
};

/** The prefix each canonical profile URL (person-links.ts) puts before the id. */
const CANONICAL_PREFIX: Partial<Record<LinkKind, string>> = {
  openalex: 'https://openalex.org/',
  semanticScholar: 'https://www.semanticscholar.org/author/',
  dblp: 'https://dblp.org/pid/',
  orcid: 'https://orcid.org/',
};

export const MAX_IDENTITY_INPUT = 500;

export function parseIdentityInput(source: ScholarlySource, input: string): IdentityInputResult {
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text) return { ok: false, problem: 'is empty' };
  if (text.length > MAX_IDENTITY_INPUT) return { ok: false, problem: `is too long (at most ${MAX_IDENTITY_INPUT} characters)` };
  if (source === 'arxiv') return parseArxivQuery(text);
  const kind = LINK_KIND[source]!;
  const result = normalizeLink(kind, text);
  if (!result.ok) return { ok: false, problem: result.problem };
  return { ok: true, sourceAuthorId: result.value.slice(CANONICAL_PREFIX[kind]!.length) };
}

/** Which source a pasted profile URL belongs to, by its host; null when the host is none of theirs. */
export function sourceOfUrl(input: string): ScholarlySource | null {
  let host: string;
  try {
    host = new URL(input.trim()).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
  if (host === 'openalex.org' || host === 'api.openalex.org') return 'openalex';
  if (host === 'semanticscholar.org' || host === 'api.semanticscholar.org') return 'semanticscholar';
  if (host === 'dblp.org' || host.startsWith('dblp.')) return 'dblp';
  // An ORCID profile is an ORCID identity (Crossref's identities are ORCID iDs too: say source=crossref for one).
  if (host === 'orcid.org' || host === 'pub.orcid.org') return 'orcid';
  if (host === 'arxiv.org' || host === 'export.arxiv.org') return 'arxiv';
  return null;
}

/** The source author id a person's profile link names (links.openalex → A…), or null. */
export function idFromProfileLink(kind: LinkKind, link: string | undefined | null): string | null {
  const prefix = CANONICAL_PREFIX[kind];
  if (!link || !prefix) return null;
  const result = normalizeLink(kind, link);
  return result.ok ? result.value.slice(prefix.length) : null;
}

const ARXIV_EXPECTED = 'expected an author query such as au:"Lukasz Kaiser" or au:kaiser_l, or the name';

/**
 * arXiv has no author ids: an identity is an author query. A quoted name is written as the arXiv
 * client writes its candidates (accents and punctuation off), so the same author gives the same id
 * whether it was confirmed from the candidates or typed.
 */
function parseArxivQuery(text: string): IdentityInputResult {
  if (/^https?:\/\//i.test(text) || /^(?:www\.)?arxiv\.org\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(/^https?:/i.test(text) ? text : `https://${text}`);
    } catch {
      return { ok: false, problem: `is not a valid URL (${ARXIV_EXPECTED})` };
    }
    if (!/(^|\.)arxiv\.org$/i.test(url.hostname)) return { ok: false, problem: `is not an arXiv URL (${ARXIV_EXPECTED})` };
    if (/^\/a\//.test(url.pathname)) {
      return { ok: false, problem: `is an arXiv author page, which the arXiv API cannot query; give the author query instead (${ARXIV_EXPECTED})` };
    }
    const query = url.pathname.replace(/\/+$/, '') === '/search' && url.searchParams.get('searchtype') === 'author' ? url.searchParams.get('query') : null;
    if (!query?.trim()) return { ok: false, problem: `is not an arXiv author search URL (${ARXIV_EXPECTED})` };
    return quotedName(query);
  }
  const match = /^au:\s*(?:"([^"]*)"|([^\s"]+))$/i.exec(text);
  if (match) {
    if (match[2] !== undefined) {
      // au:kaiser_l: arXiv's "family_initial" form, kept as typed.
      return /^[\p{L}\p{N}_'-]+$/u.test(match[2]) ? { ok: true, sourceAuthorId: `au:${match[2]}` } : { ok: false, problem: `is not a valid arXiv author query (${ARXIV_EXPECTED})` };
    }
    return quotedName(match[1]);
  }
  if (/(^|[\s(])(au|ti|abs|co|jr|cat|rn|id|all):/i.test(text) || /["()]/.test(text) || /\b(AND|OR|ANDNOT)\b/.test(text)) {
    return { ok: false, problem: `must be a single author query (${ARXIV_EXPECTED})` };
  }
  return quotedName(text);
}

function quotedName(name: string): IdentityInputResult {
  const cleaned = queryName(name.replace(/,/g, ' '));
  if (!/\p{L}/u.test(cleaned)) return { ok: false, problem: `does not name an author (${ARXIV_EXPECTED})` };
  return { ok: true, sourceAuthorId: `au:"${cleaned}"` };
}

/** Where a person opens an identity at its source. */
export function identitySourceUrl(source: ScholarlySource, sourceAuthorId: string): string {
  return scholarlySource(source).identity.authorUrl(sourceAuthorId);
}
