import { normalizeArxivId, normalizeDoi, normalizeOrcid } from '../../../shared/text/index';
import { partialDate } from '../../../shared/dates';
import type { NormalizedAuthor, NormalizedWork, WorkType } from '../../scholarly.types';
import type { CrossrefDate, CrossrefFailureItem, CrossrefLink, CrossrefWork } from './crossref.types';

/**
 * Crossref records made into Dossier's shapes. Crossref keeps what publishers deposit: titles and
 * abstracts in JATS markup with XML entities, containers with `&amp;`, dates as partial
 * date-parts, ORCID iDs as URLs. Everything a person reads comes out as plain text here.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  thinsp: '\u2009',
  ndash: '\u2013',
  mdash: '\u2014',
  minus: '\u2212',
  hellip: '\u2026',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  times: '\u00d7',
  plusmn: '\u00b1',
  deg: '\u00b0',
  micro: '\u00b5',
  middot: '\u00b7',
};

/** `&amp;`, `&#8217;`, `&#x2019;` → the character; unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * A tag: `<jats:p>`, `</jats:italic>`, `<jats:ext-link xlink:href="…"/>`, `<scp>`, `<mml:mi>`.
 * The name must start right after `<`, so prose like `p < 0.05` is left alone.
 */
const TAG_RE = /<(\/?)([A-Za-z][\w.-]*(?::[\w.-]+)?)(?:\s[^<>]*)?\/?>/g;

/** Tags whose boundaries separate words; every other tag (italic, sc, sup, ext-link…) is inline and leaves no gap. */
const BLOCK_TAGS = new Set(['p', 'sec', 'title', 'list', 'list-item', 'label', 'caption', 'disp-quote', 'def-list', 'def-item', 'term', 'def', 'table-wrap', 'table', 'tr', 'td', 'th', 'fig', 'boxed-text', 'break', 'br', 'div']);

function localName(tag: string): string {
  const colon = tag.indexOf(':');
  return (colon >= 0 ? tag.slice(colon + 1) : tag).toLowerCase();
}

/** Markup removed (block tags become a space), entities decoded, whitespace collapsed. */
export function plainText(input: string | null | undefined): string {
  if (!input) return '';
  const untagged = input.replace(TAG_RE, (_whole, _slash: string, name: string) => (BLOCK_TAGS.has(localName(name)) ? ' ' : ''));
  return decodeEntities(untagged).replace(/\s+/g, ' ').trim();
}

/** A heading that only says what the text is: dropped rather than read as the first words. */
const ABSTRACT_HEADING_RE = /^(?:graphical\s+)?(?:abstract|summary)[\s.:]*$/i;

/**
 * A JATS abstract as plain text: the `<jats:title>Abstract</jats:title>` heading dropped, section
 * headings kept as a lead-in (`Aim: …`), markup removed, entities decoded, whitespace collapsed.
 * Null when nothing is left.
 */
export function stripJats(input: string | null | undefined): string | null {
  if (!input) return null;
  const withHeadings = input.replace(/<((?:[\w.-]+:)?title)(?=[\s/>])[^<>]*>([\s\S]*?)<\/\1\s*>/gi, (_whole, _tag: string, inner: string) => {
    const heading = plainText(inner);
    if (!heading || ABSTRACT_HEADING_RE.test(heading)) return ' ';
    return /[.:?!]$/.test(heading) ? ` ${heading} ` : ` ${heading}: `;
  });
  const text = plainText(withHeadings);
  return text || null;
}

/** Crossref's work types (https://api.crossref.org/types) onto Dossier's. */
export function mapCrossrefType(type: string | null | undefined, subtype?: string | null): WorkType {
  switch (type) {
    case 'journal-article':
      return 'article';
    case 'proceedings-article':
      return 'conference-paper';
    case 'posted-content':
      // `subtype` is only in full records (select cannot ask for it); blog posts say `other`.
      return !subtype || subtype === 'preprint' || subtype === 'working-paper' ? 'preprint' : 'other';
    case 'book-chapter':
    case 'book-section':
    case 'book-part':
    case 'reference-entry':
      return 'book-chapter';
    case 'book':
    case 'monograph':
    case 'edited-book':
    case 'reference-book':
      return 'book';
    case 'dissertation':
      return 'thesis';
    case 'dataset':
    case 'database':
      return 'dataset';
    default:
      // peer-review is a referee report, not a review article; report, standard, component… are other.
      return 'other';
  }
}

function dateParts(date: CrossrefDate | undefined): [number, number | null, number | null] | null {
  const parts = date?.['date-parts']?.[0];
  const [year, month, day] = parts ?? [];
  if (typeof year !== 'number' || !Number.isInteger(year)) return null;
  return [year, typeof month === 'number' ? month : null, typeof day === 'number' ? day : null];
}

/** `issued` is Crossref's own "earliest of print and online"; the others stand in when it is `[[null]]`. */
export function crossrefPublicationDate(work: CrossrefWork): { publicationDate: string | null; year: number | null } {
  for (const date of [work.issued, work.published, work['published-online'], work['published-print'], work.posted]) {
    const parts = dateParts(date);
    if (parts) return { publicationDate: partialDate(...parts), year: parts[0] };
  }
  return { publicationDate: null, year: null };
}

export function crossrefAuthors(work: CrossrefWork): NormalizedAuthor[] {
  const authors: NormalizedAuthor[] = [];
  for (const author of work.author ?? []) {
    const given = plainText(author.given);
    const family = plainText(author.family);
    const name = given && family ? `${given} ${family}` : family || given || plainText(author.name);
    if (!name) continue;
    const orcid = normalizeOrcid(author.ORCID);
    authors.push({
      position: authors.length + 1,
      name,
      // Crossref has no author entity: an author is known to it only by ORCID iD, which is also
      // what a Crossref identity is keyed by, so the sync can find the interviewer's position.
      sourceAuthorId: orcid,
      orcid,
      affiliations: (author.affiliation ?? []).map((a) => plainText(a.name)).filter((a) => a.length > 0),
    });
  }
  return authors;
}

/**
 * The PDF link worth showing: a version of record before an accepted manuscript, and never a
 * publisher's text-and-data-mining API (api.wiley.com/…/tdm/…), which needs a token to open.
 */
export function crossrefPdfUrl(links: CrossrefLink[] | undefined): string | null {
  const rank = (link: CrossrefLink): number => {
    const url = link.URL ?? '';
    const tdmApi = /\/tdm\//i.test(url) || /^https?:\/\/api\./i.test(url) ? 2 : 0;
    return tdmApi + (link['content-version'] === 'vor' ? 0 : 1);
  };
  const pdfs = (links ?? []).filter((l) => l.URL && (l['content-type'] ?? '').toLowerCase() === 'application/pdf');
  // Array.prototype.sort is stable: among equals the publisher's order stands.
  return [...pdfs].sort((a, b) => rank(a) - rank(b))[0]?.URL ?? null;
}

/** An arXiv id among the preprint relations (`has-preprint` of a paper, `is-preprint-of` of a preprint). */
export function crossrefRelatedArxivId(work: CrossrefWork): string | null {
  for (const kind of ['has-preprint', 'is-preprint-of']) {
    for (const item of work.relation?.[kind] ?? []) {
      if (!item.id) continue;
      if (item['id-type'] === 'arxiv') {
        const id = normalizeArxivId(item.id);
        if (id) return id;
      }
      const doi = item['id-type'] === 'doi' ? normalizeDoi(item.id) : null;
      if (doi?.startsWith('10.48550/arxiv.')) return normalizeArxivId(doi);
    }
  }
  return null;
}

/** Percent-encodes what breaks a URL path (`#`, `?`, `%`, spaces, `<`, `;`) but keeps the DOI's slashes. */
export function doiPath(doi: string): string {
  return doi.split('/').map(encodeURIComponent).join('/');
}

/** One Crossref work as Dossier's record; null when it has no DOI (it then is no Crossref record at all). */
export function normalizeCrossrefWork(work: CrossrefWork): NormalizedWork | null {
  const doi = normalizeDoi(work.DOI);
  if (!doi) return null;
  const { publicationDate, year } = crossrefPublicationDate(work);
  const ownArxiv = doi.startsWith('10.48550/arxiv.') ? normalizeArxivId(doi) : null;
  const arxivId = ownArxiv ?? crossrefRelatedArxivId(work);
  const venue = plainText(work['container-title']?.[0]) || plainText(work.institution?.[0]?.name) || null;
  return {
    source: 'crossref',
    sourceId: doi,
    sourceUrl: `https://doi.org/${doiPath(doi)}`,
    title: plainText(work.title?.[0]),
    publicationDate,
    year,
    venue,
    type: mapCrossrefType(work.type, work.subtype),
    doi,
    arxivId,
    // Its own id too, as every source writes it (OpenAlex W…, Semantic Scholar paperId).
    externalIds: arxivId ? { crossref: doi, arxiv: arxivId } : { crossref: doi },
    authors: crossrefAuthors(work),
    citationCount: typeof work['is-referenced-by-count'] === 'number' ? work['is-referenced-by-count'] : null,
    abstract: stripJats(work.abstract),
    // Crossref does not say whether a work is free to read; an arXiv preprint always is.
    openAccessUrl: arxivId ? `https://arxiv.org/abs/${arxivId}` : null,
    pdfUrl: crossrefPdfUrl(work.link),
    // `indexed` moves whenever Crossref's copy changes (new deposit, citation count); `deposited` only on a deposit.
    sourceUpdatedAt: work.indexed?.['date-time'] ?? work.deposited?.['date-time'] ?? null,
  };
}

/**
 * The problems a Crossref 400/404 lists (`{"message":[{"type","value","message"}]}`), from the
 * error detail ScholarlyHttp kept. That detail is the raw body cut at 200 characters when the
 * body's `message` is not a string, so a cut-off body is read with a pattern instead of JSON.
 */
export function crossrefFailure(detail: string): { types: string[]; message: string } | null {
  const text = detail.trim();
  if (!text.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (Array.isArray(parsed.message)) {
      const items = parsed.message as CrossrefFailureItem[];
      const types = items.map((i) => i.type ?? '').filter(Boolean);
      const messages = items.map((i) => (i.message ?? '').trim()).filter(Boolean);
      return { types, message: messages.join('; ') || types.join('; ') };
    }
  } catch {
    // Cut off: fall through to the patterns.
  }
  const types = [...text.matchAll(/"type"\s*:\s*"([^"]*)"/g)].map((m) => m[1]);
  // A long `value` (an expired cursor is ~100 characters) can push every message past the cut:
  // the problem types still say what went wrong.
  // A message the cut went through is marked as cut ("… equal to 1…" must not read as "1").
  const messages = [...text.matchAll(/"message"\s*:\s*"((?:[^"\\]|\\.)*)("?)/g)].map((m) => (m[2] ? m[1].trim() : `${m[1].trim()}…`)).filter((m) => m !== '…' && m.length > 0);
  return types.length || messages.length ? { types, message: messages.join('; ') || types.join('; ') } : null;
}
