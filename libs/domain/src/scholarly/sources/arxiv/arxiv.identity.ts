import type { IdentityInput } from '../../source-descriptor';
import { queryName } from './arxiv.client';

const ARXIV_EXPECTED = 'expected an author query such as au:"Lukasz Kaiser" or au:kaiser_l, or the name';

/**
 * arXiv has no author ids: an identity is an author query. A quoted name is written as the arXiv
 * client writes its candidates (accents and punctuation off), so the same author gives the same id
 * whether it was confirmed from the candidates or typed.
 */
export function parseArxivIdentity(text: string): IdentityInput {
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

function quotedName(name: string): IdentityInput {
  const cleaned = queryName(name.replace(/,/g, ' '));
  if (!/\p{L}/u.test(cleaned)) return { ok: false, problem: `does not name an author (${ARXIV_EXPECTED})` };
  return { ok: true, sourceAuthorId: `au:"${cleaned}"` };
}
