import { normalizeLink, type LinkKind } from '../shared/text/index';
import { type IdentityInput, PROFILE_LINK_PREFIX, scholarlySource, scholarlySources, type ScholarlySource } from '../scholarly/index';

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
 * Each source's rules are its descriptor's (`identity.parseInput`, `identity.ownsHost`).
 * The problems read after the field's name ("url is not an OpenAlex author URL…").
 */
export type IdentityInputResult = IdentityInput;

export const MAX_IDENTITY_INPUT = 500;

export function parseIdentityInput(source: ScholarlySource, input: string): IdentityInputResult {
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text) return { ok: false, problem: 'is empty' };
  if (text.length > MAX_IDENTITY_INPUT) return { ok: false, problem: `is too long (at most ${MAX_IDENTITY_INPUT} characters)` };
  return scholarlySource(source).identity.parseInput(text);
}

/** Which source a pasted profile URL belongs to, by its host; null when the host is none of theirs. */
export function sourceOfUrl(input: string): ScholarlySource | null {
  let host: string;
  try {
    host = new URL(input.trim()).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
  return scholarlySources().find((s) => s.identity.ownsHost?.(host))?.name ?? null;
}

/** The source author id a person's profile link names (links.openalex → A…), or null. */
export function idFromProfileLink(kind: LinkKind, link: string | undefined | null): string | null {
  const prefix = PROFILE_LINK_PREFIX[kind];
  if (!link || !prefix) return null;
  const result = normalizeLink(kind, link);
  return result.ok ? result.value.slice(prefix.length) : null;
}

/** Where a person opens an identity at its source. */
export function identitySourceUrl(source: ScholarlySource, sourceAuthorId: string): string {
  return scholarlySource(source).identity.authorUrl(sourceAuthorId);
}
