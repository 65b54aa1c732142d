import { load } from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import { foldText, normalizeArxivId, normalizeDoi, normalizeOrcid } from '../../../shared/text/index';
import { partialDate } from '../../../shared/dates';
import { collapseSpace } from '../../normalize-values';
import type { AuthorCandidate, NormalizedAuthor, NormalizedWork, WorkType } from '../../scholarly.types';

/**
 * dblp's person pages (`/pid/{pid}.xml`, read with cheerio in XML mode) and its JSON search API.
 *
 * dblp writes non-ASCII letters as UTF-8, as numeric references (`&#321;`) or as the ISO Latin-1
 * named entities its DTD declares (`&uuml;`), and its JSON search passes XML escapes through
 * (`l&apos;injection`). So the XML is parsed without entity decoding and every text and
 * attribute is decoded exactly once here, with the full Latin-1 set.
 */

/** The body is not a complete dblp document; the client turns this into a MalformedResponseError. */
export class DblpParseError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'DblpParseError';
  }
}

export interface DblpPerson {
  name: string;
  pid: string | null;
  orcid: string | null;
}

export interface DblpLink {
  url: string;
  /** dblp's `type` attribute: `oa` marks an open-access copy. */
  type: string | null;
}

export interface DblpRecord {
  key: string;
  /** The element name: article, inproceedings, proceedings, incollection, book, phdthesis, mastersthesis, www, data. */
  element: string;
  /** `informal` (CoRR and other preprints), `withdrawn`, `survey`, … ; space-separated when several. */
  publtype: string | null;
  mdate: string | null;
  authors: DblpPerson[];
  editors: DblpPerson[];
  /** Inline markup (<i>, <sub>) flattened to text, whitespace collapsed, dblp's closing dot kept. */
  title: string;
  year: number | null;
  journal: string | null;
  booktitle: string | null;
  school: string | null;
  volume: string | null;
  number: string | null;
  pages: string | null;
  ee: DblpLink[];
  crossref: string | null;
}

export interface DblpPersonPage {
  /** dblp's name, homonym number included (Di Xu 0001). */
  name: string;
  pid: string;
  /** The `n` attribute: how many records dblp lists for the person. */
  recordCount: number | null;
  /** The person record's own last change. */
  mdate: string | null;
  /** A disambiguation page groups works of several people who share a name; it is not one person. */
  disambiguation: boolean;
  /** Names the person record lists after the primary one. */
  aliases: string[];
  affiliations: string[];
  /** Homepage, ORCID, Wikidata … URLs of the person record. */
  urls: string[];
  homonyms: { pid: string | null; name: string; disambiguation: boolean }[];
  records: DblpRecord[];
}

const CLOSED_PERSON_RE = /<\/dblpperson\s*>$/;

export function parseDblpPerson(body: string): DblpPersonPage {
  const text = body.trim();
  // htmlparser2 forgives a missing end tag, so a cut-off page would parse as a shorter list.
  if (!CLOSED_PERSON_RE.test(text)) {
    throw new DblpParseError(/<dblpperson[\s>]/.test(text) ? 'truncated person XML (no closing </dblpperson>)' : `not a dblp person page (starts with ${JSON.stringify(text.slice(0, 40))})`);
  }
  const $ = load(text, { xml: { xmlMode: true, decodeEntities: false } });
  const root = $.root().children().toArray()[0];
  if (!root || root.name !== 'dblpperson') throw new DblpParseError(`root element is <${root?.name ?? 'none'}>, not <dblpperson>`);
  const xml = new Reader($);
  const name = xml.attr(root, 'name');
  const pid = xml.attr(root, 'pid');
  if (!name || !pid) throw new DblpParseError('<dblpperson> has no name or pid');
  const n = xml.attr(root, 'n');

  const person = xml.children(root, 'person')[0] ?? null;
  const personNames = person ? xml.children(person, 'author').map((a) => xml.text(a)).filter((a): a is string => !!a) : [];
  const records: DblpRecord[] = [];
  for (const r of xml.children(root, 'r')) {
    const element = $(r).children().toArray()[0];
    if (!element) continue;
    const key = xml.attr(element, 'key');
    if (!key) throw new DblpParseError(`a <${element.name}> record has no key`);
    records.push(readRecord(xml, element, key));
  }
  return {
    name,
    pid,
    recordCount: n !== null && /^\d+$/.test(n) ? Number(n) : null,
    mdate: person ? xml.attr(person, 'mdate') : null,
    disambiguation: !!person && (xml.attr(person, 'publtype') ?? '').split(/\s+/).includes('disambiguation'),
    aliases: personNames.filter((alias) => alias !== name),
    affiliations: person ? xml.children(person, 'note').filter((note) => xml.attr(note, 'type') === 'affiliation').map((note) => xml.text(note)).filter((a): a is string => !!a) : [],
    urls: person ? xml.children(person, 'url').map((u) => xml.text(u)).filter((u): u is string => !!u) : [],
    homonyms: xml.children(root, 'homonyms').flatMap((block) =>
      xml.children(block, 'h').flatMap((h) =>
        xml.children(h, 'person').map((p) => {
          const author = xml.children(p, 'author')[0];
          return { pid: author ? xml.attr(author, 'pid') : null, name: (author && xml.text(author)) ?? '', disambiguation: (xml.attr(p, 'publtype') ?? '').includes('disambiguation') };
        }),
      ),
    ),
    records,
  };
}

function readRecord(xml: Reader, element: XmlElement, key: string): DblpRecord {
  const field = (name: string) => xml.text(xml.children(element, name)[0] ?? null);
  const people = (name: string) =>
    xml.children(element, name).map((p) => ({ name: xml.text(p) ?? '', pid: xml.attr(p, 'pid'), orcid: normalizeOrcid(xml.attr(p, 'orcid')) }));
  const year = field('year');
  return {
    key,
    element: element.name,
    publtype: xml.attr(element, 'publtype'),
    mdate: xml.attr(element, 'mdate'),
    authors: people('author'),
    editors: people('editor'),
    title: field('title') ?? '',
    year: year && /^\d{4}$/.test(year) ? Number(year) : null,
    journal: field('journal'),
    booktitle: field('booktitle'),
    school: field('school'),
    volume: field('volume'),
    number: field('number'),
    pages: field('pages'),
    ee: xml.children(element, 'ee').flatMap((ee) => {
      const url = xml.text(ee);
      return url ? [{ url, type: xml.attr(ee, 'type') }] : [];
    }),
    crossref: field('crossref'),
  };
}

/** A person-page record as a NormalizedWork. */
export function dblpRecordToWork(record: DblpRecord): NormalizedWork {
  const links = record.ee.map((e) => e.url);
  const doiLink = links.find((url) => /^https?:\/\/(dx\.)?doi\.org\//i.test(url));
  const doi = normalizeDoi(doiLink);
  const openAccess = record.ee.find((e) => (e.type ?? '').split(/\s+/).includes('oa'))?.url ?? links.find(isArxivUrl) ?? null;
  // Proceedings volumes list editors, not authors: the editors are the people of that record.
  const people = record.authors.length > 0 ? record.authors : record.editors;
  return {
    source: 'dblp',
    sourceId: record.key,
    sourceUrl: `https://dblp.org/rec/${record.key}`,
    title: stripClosingDot(record.title),
    publicationDate: partialDate(record.year),
    year: record.year,
    venue: record.journal ?? record.booktitle ?? record.school,
    type: recordType(record),
    doi,
    arxivId: arxivIdOf(links, doi, record.journal, record.volume),
    externalIds: {},
    authors: people.map((p, index): NormalizedAuthor => ({ position: index + 1, name: displayName(p.name), sourceAuthorId: p.pid, orcid: p.orcid, affiliations: [] })),
    citationCount: null,
    abstract: null,
    openAccessUrl: openAccess,
    pdfUrl: links.find((url) => /\.pdf$/i.test(url)) ?? null,
    sourceUpdatedAt: record.mdate,
  };
}

/** Element name (and publtype) → work type. */
export function recordType(record: Pick<DblpRecord, 'element' | 'publtype' | 'key'>): WorkType {
  const publtype = (record.publtype ?? '').split(/\s+/);
  switch (record.element) {
    case 'article':
      // CoRR (arXiv) and other informal publications are dblp's preprints.
      if (publtype.includes('informal') || record.key.startsWith('journals/corr/')) return 'preprint';
      return publtype.includes('survey') ? 'review' : 'article';
    case 'inproceedings':
      return 'conference-paper';
    case 'incollection':
      return 'book-chapter';
    case 'book':
    case 'proceedings': // an edited volume
      return 'book';
    case 'phdthesis':
    case 'mastersthesis':
      return 'thesis';
    case 'data':
      return 'dataset';
    default:
      return 'other';
  }
}

/** The arXiv id a dblp record gives: an arxiv.org link, an arXiv DOI, or CoRR's `abs/…` volume. */
export function arxivIdOf(links: string[], doi: string | null, journal: string | null, volume: string | null): string | null {
  for (const url of links) if (isArxivUrl(url)) return normalizeArxivId(url.replace(/^.*?arxiv\.org\/(abs|pdf)\//i, ''));
  if (doi?.startsWith('10.48550/arxiv.')) return normalizeArxivId(doi);
  if (journal === 'CoRR' && volume?.startsWith('abs/')) return normalizeArxivId(volume.slice(4));
  return null;
}

function isArxivUrl(url: string): boolean {
  return /^https?:\/\/(www\.|export\.)?arxiv\.org\/(abs|pdf)\//i.test(url);
}

/** dblp ends every title with a dot it added; a title ending in ? or ! has none. */
export function stripClosingDot(title: string): string {
  return title.replace(/\.$/, '');
}

/** `Wei Wang 0001` → `Wei Wang`: the homonym number is dblp's, the pid is the identity. */
export function displayName(name: string): string {
  return name.replace(/\s+\d{4}$/, '');
}

/** `https://dblp.org/pid/95/7448-1.html`, `pid/95/7448-1`, `95/7448-1` → `95/7448-1`; null when not a pid. */
export function normalizeDblpPid(input: string | null | undefined): string | null {
  if (!input) return null;
  const pid = input
    .trim()
    .replace(/^https?:\/\/[^/]+\//i, '')
    .replace(/^(pid|pers)\//, '')
    .replace(/\.(html|xml|bib|rdf|nt|ttl)$/i, '');
  return /^[0-9a-z]+(?:\/[0-9A-Za-z_=-]+)+$/.test(pid) ? pid : null;
}

// ---------------------------------------------------------------------------------------------
// JSON search API

/** dblp collapses one-element lists to the element itself, and drops empty ones. */
type OneOrMany<T> = T | T[] | undefined;
const many = <T>(value: OneOrMany<T>): T[] => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);

interface DblpHits<T> {
  '@total'?: string;
  '@computed'?: string;
  '@sent'?: string;
  '@first'?: string;
  hit?: OneOrMany<{ '@score'?: string; '@id'?: string; info?: T; url?: string }>;
}

export interface DblpSearchResponse<T> {
  result?: { query?: string; status?: { '@code'?: string; text?: string }; hits?: DblpHits<T> };
}

export interface DblpAuthorInfo {
  author?: string;
  url?: string;
  aliases?: { alias?: OneOrMany<string> };
  notes?: { note?: OneOrMany<{ '@type'?: string; text?: string }> };
}

type DblpAuthorName = string | { '@pid'?: string; text?: string };

export interface DblpPublInfo {
  authors?: { author?: OneOrMany<DblpAuthorName> };
  title?: string;
  venue?: OneOrMany<string>;
  volume?: string;
  number?: string;
  pages?: string;
  year?: string;
  type?: string;
  access?: string;
  key?: string;
  doi?: string;
  ee?: OneOrMany<string>;
  url?: string;
}

export interface DblpSearchPage<T> {
  total: number;
  first: number;
  sent: number;
  items: T[];
}

/** The hits of a search response; throws DblpParseError when the envelope is not dblp's. */
export function searchHits<T>(data: DblpSearchResponse<T>): DblpSearchPage<T> {
  const hits = data?.result?.hits;
  if (!hits || typeof hits !== 'object') throw new DblpParseError('no result.hits in the search response');
  const total = Number(hits['@total']);
  if (!Number.isInteger(total)) throw new DblpParseError('result.hits.@total is not a number');
  const items = many(hits.hit).flatMap((hit) => (hit?.info ? [hit.info] : []));
  return { total, first: Number(hits['@first'] ?? 0) || 0, sent: Number(hits['@sent'] ?? items.length) || items.length, items };
}

/** An author-search hit as a candidate; null when the hit has no pid URL. */
export function dblpAuthorToCandidate(info: DblpAuthorInfo): AuthorCandidate | null {
  const pid = normalizeDblpPid(info.url);
  if (!pid || !info.author) return null;
  return {
    source: 'dblp',
    sourceAuthorId: pid,
    name: displayName(decodeEntities(info.author)),
    alternativeNames: many(info.aliases?.alias).map((alias) => displayName(decodeEntities(alias))),
    affiliations: many(info.notes?.note)
      .filter((note) => note?.['@type'] === 'affiliation' && note.text)
      .map((note) => decodeEntities(note.text!)),
    orcid: null,
    worksCount: null,
    citationCount: null,
    topics: [],
    sourceUrl: `https://dblp.org/pid/${pid}`,
  };
}

/** A publication-search hit as a NormalizedWork; null when it has no key. */
export function dblpPublToWork(info: DblpPublInfo): NormalizedWork | null {
  if (!info.key) return null;
  const key = info.key;
  const links = many(info.ee).map(decodeEntities);
  const doi = normalizeDoi(info.doi) ?? normalizeDoi(links.find((url) => /^https?:\/\/(dx\.)?doi\.org\//i.test(url)));
  const year = info.year && /^\d{4}$/.test(info.year) ? Number(info.year) : null;
  const venue = many(info.venue).map(decodeEntities);
  return {
    source: 'dblp',
    sourceId: key,
    sourceUrl: `https://dblp.org/rec/${key}`,
    title: stripClosingDot(collapseSpace(decodeEntities(info.title ?? ''))),
    publicationDate: partialDate(year),
    year,
    venue: venue[0] ?? null,
    type: publType(info.type, key),
    doi,
    arxivId: arxivIdOf(links, doi, venue[0] ?? null, info.volume ?? null),
    externalIds: {},
    authors: many(info.authors?.author).map((author, index): NormalizedAuthor => {
      const raw = typeof author === 'string' ? author : (author.text ?? '');
      return { position: index + 1, name: displayName(decodeEntities(raw)), sourceAuthorId: typeof author === 'string' ? null : (author['@pid'] ?? null), orcid: null, affiliations: [] };
    }),
    citationCount: null,
    abstract: null,
    openAccessUrl: info.access === 'open' ? (links[0] ?? null) : (links.find(isArxivUrl) ?? null),
    pdfUrl: links.find((url) => /\.pdf$/i.test(url)) ?? null,
    sourceUpdatedAt: null,
  };
}

/** The search API's type labels (the facets of dblp's web search) → work type. */
function publType(label: string | undefined, key: string): WorkType {
  switch (label) {
    case 'Journal Articles':
      return key.startsWith('journals/corr/') ? 'preprint' : 'article';
    case 'Conference and Workshop Papers':
      return 'conference-paper';
    case 'Informal Publications':
    case 'Informal and Other Publications':
      return 'preprint';
    case 'Parts in Books or Collections':
      return 'book-chapter';
    case 'Books and Theses':
      // Theses have phd/… and ms/… keys.
      return /^(phd|ms)\//.test(key) ? 'thesis' : 'book';
    case 'Editorship':
      return 'book';
    case 'Data and Artifacts':
      return 'dataset';
    default:
      return 'other';
  }
}

/** Whether one of a candidate's names is the searched name, accents, case and homonym number aside. */
export function isSameName(candidate: AuthorCandidate, searched: string): boolean {
  const wanted = foldText(displayName(searched));
  return [candidate.name, ...candidate.alternativeNames].some((n) => foldText(n) === wanted);
}

// ---------------------------------------------------------------------------------------------
// Text

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// ISO 8879 Latin-1 (the set dblp.dtd declares), U+00A0 to U+00FF in order.
const LATIN1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';
const NAMED: Record<string, string> = { ...XML_ENTITIES };
LATIN1_NAMES.split(' ').forEach((name, i) => (NAMED[name] = String.fromCodePoint(0xa0 + i)));

/** Numeric references, the XML five and Latin-1 names, decoded once; an unknown name is left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[A-Za-z][A-Za-z0-9]*);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

/** cheerio's node types (from domhandler), taken from its API so no other package is imported. */
type AnyNode = Parameters<CheerioAPI['contains']>[0];
type XmlElement = Extract<AnyNode, { attribs: Record<string, string> }>;

class Reader {
  constructor(private readonly $: CheerioAPI) {}

  children(node: XmlElement, name: string): XmlElement[] {
    return this.$(node).children().toArray().filter((child) => child.name === name);
  }

  attr(node: XmlElement, name: string): string | null {
    const value = node.attribs[name];
    return value === undefined ? null : decodeEntities(value);
  }

  /** Decoded, collapsed text (inline markup flattened); null when blank. */
  text(node: XmlElement | null): string | null {
    if (!node) return null;
    const value = collapseSpace(decodeEntities(this.$(node).text()));
    return value === '' ? null : value;
  }
}
