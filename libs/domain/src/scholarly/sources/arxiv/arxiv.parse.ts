import { load } from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { arxivVersion, normalizeArxivId, normalizeDoi } from '../../../shared/text/index';
import { collapseSpace } from '../../normalize-values';
import type { NormalizedAuthor, NormalizedWork } from '../../scholarly.types';

/**
 * arXiv's Atom feeds (query API), read with cheerio in XML mode.
 *
 * Elements are matched by namespace URI and local name, never by prefix or position: the 2019
 * layout declares `opensearch:`/`arxiv:` inline on every element and orders entry children
 * differently from the current layout (see the fixtures README).
 */

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
export const OPENSEARCH_NS = 'http://a9.com/-/spec/opensearch/1.1/';
export const ARXIV_NS = 'http://arxiv.org/schemas/atom';

export interface ArxivAuthor {
  name: string;
  affiliations: string[];
}

export interface ArxivEntry {
  /** Without version: 1706.03762, hep-th/9901001. */
  id: string;
  /** The version this entry describes (the newest, unless a versioned id was asked for). */
  version: number | null;
  /** As arXiv wrote it in <id>, after /abs/: 1706.03762v5. */
  versionedId: string;
  /** Whitespace collapsed; null only when the element is absent (a title "0" is kept as "0"). */
  title: string | null;
  summary: string | null;
  /** Date of v1. */
  published: string | null;
  /** Date of the version returned. */
  updated: string | null;
  authors: ArxivAuthor[];
  primaryCategory: string | null;
  categories: string[];
  comment: string | null;
  journalRef: string | null;
  /** The publisher DOI an author supplied (<arxiv:doi>), as written. */
  doi: string | null;
  absUrl: string | null;
  pdfUrl: string | null;
  doiUrl: string | null;
}

/** An error arXiv reports inside the feed (an entry whose id is https://arxiv.org/api/errors#…). */
export interface ArxivFeedError {
  id: string;
  message: string;
}

export interface ArxivFeed {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  /** Feed <updated>: when arXiv answered. */
  updated: string | null;
  entries: ArxivEntry[];
  error: ArxivFeedError | null;
}

/** The body is not a complete Atom feed; the client turns this into a MalformedResponseError. */
export class ArxivParseError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'ArxivParseError';
  }
}

/** cheerio's node types (from domhandler), taken from its API so no other package is imported. */
type AnyNode = Parameters<CheerioAPI['contains']>[0];
type XmlNode = Extract<AnyNode, { attribs: Record<string, string> }>;

const CLOSED_FEED_RE = /<\/(?:[A-Za-z_][\w.-]*:)?feed\s*>$/;

export function parseArxivFeed(body: string): ArxivFeed {
  const text = body.trim();
  // htmlparser2 forgives a missing end tag, so a cut-off body would parse as a shorter feed:
  // a complete document ends with the root's end tag.
  if (!CLOSED_FEED_RE.test(text)) {
    throw new ArxivParseError(/<(?:[\w.-]+:)?feed[\s>]/.test(text) ? 'truncated Atom feed (no closing </feed>)' : `not an Atom feed (starts with ${JSON.stringify(text.slice(0, 40))})`);
  }
  const $ = load(text, { xml: true });
  const root = $.root().children().toArray()[0];
  if (!root || !is(root, ATOM_NS, 'feed')) throw new ArxivParseError(`root element is <${root?.name ?? 'none'}>, not an Atom <feed>`);
  const xml = new Reader($);

  const total = xml.int(xml.child(root, OPENSEARCH_NS, 'totalResults'));
  if (total === null) throw new ArxivParseError('missing or non-numeric opensearch:totalResults');
  const startIndex = xml.int(xml.child(root, OPENSEARCH_NS, 'startIndex')) ?? 0;
  const itemsPerPage = xml.int(xml.child(root, OPENSEARCH_NS, 'itemsPerPage')) ?? 0;

  const entries: ArxivEntry[] = [];
  let error: ArxivFeedError | null = null;
  for (const node of xml.children(root, ATOM_NS, 'entry')) {
    const id = xml.text(xml.child(node, ATOM_NS, 'id'));
    if (!id) throw new ArxivParseError('an entry has no <id>');
    if (/\/api\/errors\b/.test(id)) {
      error = { id, message: xml.text(xml.child(node, ATOM_NS, 'summary')) ?? errorFromId(id) };
      continue;
    }
    entries.push(readEntry(xml, node, id));
  }
  return { totalResults: total, startIndex, itemsPerPage, updated: xml.text(xml.child(root, ATOM_NS, 'updated')), entries, error };
}

/** `https://arxiv.org/api/errors#incorrect_id_format_for_abc` → `incorrect id format for abc`. */
export function errorFromId(id: string): string {
  const fragment = id.split('#')[1] ?? id;
  return fragment.replace(/_/g, ' ').trim();
}

function readEntry(xml: Reader, node: XmlNode, idUrl: string): ArxivEntry {
  const versionedId = idUrl.replace(/^.*?\/abs\//, '').trim();
  const id = normalizeArxivId(versionedId);
  if (!id) throw new ArxivParseError(`entry id ${JSON.stringify(idUrl)} is not an arXiv id`);
  const titleNode = xml.child(node, ATOM_NS, 'title');
  let absUrl: string | null = null;
  let pdfUrl: string | null = null;
  let doiUrl: string | null = null;
  for (const link of xml.children(node, ATOM_NS, 'link')) {
    const href = link.attribs.href?.trim();
    if (!href) continue;
    const rel = link.attribs.rel ?? 'alternate';
    const title = link.attribs.title;
    if (title === 'pdf' || link.attribs.type === 'application/pdf') pdfUrl ??= href;
    else if (title === 'doi') doiUrl ??= href;
    else if (rel === 'alternate') absUrl ??= href;
  }
  return {
    id,
    version: arxivVersion(versionedId),
    versionedId,
    // A title element with text "0" is a real title; only an absent element is null.
    title: titleNode ? collapseSpace(xml.raw(titleNode)) : null,
    summary: xml.text(xml.child(node, ATOM_NS, 'summary')),
    published: xml.text(xml.child(node, ATOM_NS, 'published')),
    updated: xml.text(xml.child(node, ATOM_NS, 'updated')),
    authors: xml.children(node, ATOM_NS, 'author').map((author) => ({
      name: xml.text(xml.child(author, ATOM_NS, 'name')) ?? '',
      affiliations: xml.children(author, ARXIV_NS, 'affiliation').map((a) => xml.text(a)).filter((a): a is string => !!a),
    })),
    primaryCategory: xml.child(node, ARXIV_NS, 'primary_category')?.attribs.term ?? null,
    categories: xml.children(node, ATOM_NS, 'category').map((c) => c.attribs.term).filter((t): t is string => !!t),
    comment: xml.text(xml.child(node, ARXIV_NS, 'comment')),
    journalRef: xml.text(xml.child(node, ARXIV_NS, 'journal_ref')),
    doi: xml.text(xml.child(node, ARXIV_NS, 'doi')),
    absUrl,
    pdfUrl,
    doiUrl,
  };
}

/**
 * One arXiv entry as a NormalizedWork.
 *
 * The type stays 'preprint' even when arXiv knows a DOI or journal reference: this record is the
 * arXiv version, and its metadata (date, abstract, authors) is the preprint's. The DOI and
 * journal_ref are still kept, so the canonical work can join this preprint to the published
 * paper that other sources (Crossref, OpenAlex) describe.
 */
export function arxivEntryToWork(entry: ArxivEntry): NormalizedWork {
  const date = entry.published && /^\d{4}-\d{2}-\d{2}/.test(entry.published) ? entry.published.slice(0, 10) : null;
  const absUrl = `https://arxiv.org/abs/${entry.id}`;
  return {
    source: 'arxiv',
    sourceId: entry.id,
    // Without version, so the address stays the same when v2 appears and always shows the newest.
    sourceUrl: absUrl,
    title: entry.title ?? '',
    publicationDate: date,
    year: date ? Number(date.slice(0, 4)) : null,
    venue: entry.journalRef,
    type: 'preprint',
    doi: normalizeDoi(entry.doi) ?? normalizeDoi(entry.doiUrl),
    arxivId: entry.id,
    externalIds: {},
    authors: entry.authors.map(
      (author, index): NormalizedAuthor => ({ position: index + 1, name: author.name, sourceAuthorId: null, orcid: null, affiliations: author.affiliations }),
    ),
    citationCount: null,
    abstract: entry.summary,
    openAccessUrl: absUrl,
    pdfUrl: entry.pdfUrl ? entry.pdfUrl.replace(/^http:\/\/(export\.)?arxiv\.org\//, 'https://arxiv.org/') : null,
    sourceUpdatedAt: isoOrNull(entry.updated),
  };
}

function isoOrNull(value: string | null): string | null {
  if (!value) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

/** Namespace URI and local name of an element, resolving its prefix through the xmlns declarations in scope. */
function is(node: XmlNode, ns: string, local: string): boolean {
  const colon = node.name.indexOf(':');
  const prefix = colon >= 0 ? node.name.slice(0, colon) : null;
  if ((colon >= 0 ? node.name.slice(colon + 1) : node.name) !== local) return false;
  const declaration = prefix ? `xmlns:${prefix}` : 'xmlns';
  for (let scope: AnyNode | null = node; scope && 'attribs' in scope; scope = scope.parent) {
    const uri = scope.attribs[declaration];
    if (uri !== undefined) return uri === ns;
  }
  return false;
}

class Reader {
  constructor(private readonly $: CheerioAPI) {}

  children(node: XmlNode, ns: string, local: string): XmlNode[] {
    return this.$(node).children().toArray().filter((child) => is(child, ns, local));
  }

  child(node: XmlNode, ns: string, local: string): XmlNode | null {
    return this.children(node, ns, local)[0] ?? null;
  }

  raw(node: XmlNode): string {
    return this.$(node).text();
  }

  /** Collapsed text, null when the element is absent or blank. */
  text(node: XmlNode | null): string | null {
    if (!node) return null;
    const value = collapseSpace(this.raw(node));
    return value === '' ? null : value;
  }

  int(node: XmlNode | null): number | null {
    const value = this.text(node);
    return value !== null && /^\d+$/.test(value) ? Number(value) : null;
  }
}
