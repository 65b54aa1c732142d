import { normalizeLink, type LinkKind } from '../shared/text/index';
import type { IdentityInput } from './source-descriptor';

/** The prefix each canonical profile URL (shared/text/person-links.ts) puts before the id. */
export const PROFILE_LINK_PREFIX: Partial<Record<LinkKind, string>> = {
  openalex: 'https://openalex.org/',
  semanticScholar: 'https://www.semanticscholar.org/author/',
  dblp: 'https://dblp.org/pid/',
  orcid: 'https://orcid.org/',
};

/** The source author id a profile link of `kind` names (an id or any URL form the link accepts), as a source's `parseInput`. */
export function profileLinkInput(kind: LinkKind, text: string): IdentityInput {
  const result = normalizeLink(kind, text);
  if (!result.ok) return { ok: false, problem: result.problem };
  return { ok: true, sourceAuthorId: result.value.slice(PROFILE_LINK_PREFIX[kind]!.length) };
}
