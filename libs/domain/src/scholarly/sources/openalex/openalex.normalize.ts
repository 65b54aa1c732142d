import { normalizeArxivId, normalizeDoi, normalizeOrcid } from '../../../shared/text/index';
import type { AuthorCandidate, AuthorSnapshot, NormalizedAuthor, NormalizedWork, WorkType } from '../../scholarly.types';
import type { OpenAlexAuthor, OpenAlexAutocompleteItem, OpenAlexInstitution, OpenAlexLocation, OpenAlexWork } from './openalex.types';
import { cleanText, finiteCount, uniqueTexts } from '../../normalize-values';

/**
 * OpenAlex records → Dossier's shapes. Pure functions over tolerant raw types: a field that is
 * missing, null or of another era's shape yields null (or is skipped), never an exception.
 */

const OPENALEX_URL = 'https://openalex.org/';

/**
 * `https://openalex.org/W2741809807`, `https://api.openalex.org/works/W2741809807` or `W2741809807`
 * → `W2741809807`; null when it is not an OpenAlex id (a DOI ending in `/W123` is not one).
 */
export function openAlexShortId(id: string | null | undefined): string | null {
  if (!id) return null;
  const match = /^(?:https?:\/\/(?:api\.)?openalex\.org\/(?:[a-z]+\/)?)?([AWISTPCF]\d+)\/?$/i.exec(id.trim());
  return match ? match[1].toUpperCase() : null;
}

/**
 * OpenAlex writes times as `2025-10-28T20:00:50.230399` (UTC, no zone): made an ISO instant so
 * `new Date()` does not read it as local time. Anything else is kept as OpenAlex wrote it.
 */
export function openAlexTimestamp(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/.test(text)) {
    const at = new Date(`${text}Z`);
    if (!Number.isNaN(at.getTime())) return at.toISOString();
  }
  return text || null;
}

/** Rebuild an abstract from `{word: [positions]}`: each word at its positions, joined with spaces. */
export function rebuildAbstract(index: Record<string, number[] | null | undefined> | null | undefined): string | null {
  if (!index || typeof index !== 'object') return null;
  const placed: [number, string][] = [];
  for (const [word, positions] of Object.entries(index)) {
    if (!Array.isArray(positions)) continue;
    for (const position of positions) if (Number.isInteger(position) && position >= 0) placed.push([position, word]);
  }
  if (placed.length === 0) return null;
  placed.sort((a, b) => a[0] - b[0]);
  const text = placed
    .map(([, word]) => word)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text || null;
}

/** The arXiv id of a URL only when it is an arXiv address (abs/pdf/html page), without version. */
export function arxivIdFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  const match = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?$/i.exec(url.trim());
  return match ? normalizeArxivId(match[1]) : null;
}

/** The DOI arXiv registers for every paper (10.48550/arXiv.1706.03762) → the arXiv id. */
export function arxivIdFromDoi(doi: string | null): string | null {
  const match = doi ? /^10\.48550\/arxiv\.(.+)$/i.exec(doi) : null;
  return match ? normalizeArxivId(match[1]) : null;
}

/**
 * OpenAlex's type → Dossier's. OpenAlex calls proceedings papers `article`; they are told apart by
 * `type_crossref: proceedings-article` (until 2025) or a primary source of type `conference`.
 */
export function mapOpenAlexType(work: Pick<OpenAlexWork, 'type' | 'type_crossref' | 'primary_location'>): WorkType {
  const type = (work.type ?? '').toLowerCase();
  const primary = work.primary_location;
  // Without a matched source, the harvested type still tells a proceedings paper.
  const conference = work.type_crossref === 'proceedings-article' || primary?.source?.type === 'conference' || (!primary?.source && primary?.raw_type === 'proceedings-article');
  switch (type) {
    case 'article':
      return conference ? 'conference-paper' : 'article';
    case 'preprint':
    case 'posted-content':
      return 'preprint';
    case 'book':
    case 'monograph':
      return 'book';
    case 'book-chapter':
      return 'book-chapter';
    case 'dissertation':
      return 'thesis';
    case 'dataset':
      return 'dataset';
    case 'review':
      return 'review';
    case 'editorial':
      return 'editorial';
    case 'proceedings-article':
      return 'conference-paper';
    default:
      // letter, paratext, erratum, report, standard, peer-review, reference-entry, …
      return 'other';
  }
}

function institutionNames(institutions: (OpenAlexInstitution | null | undefined)[] | null | undefined): string[] {
  return uniqueTexts((institutions ?? []).map((i) => i?.display_name));
}

function normalizeAuthorships(work: OpenAlexWork): NormalizedAuthor[] {
  const authors: NormalizedAuthor[] = [];
  for (const authorship of work.authorships ?? []) {
    if (!authorship) continue;
    const name = cleanText(authorship.author?.display_name) ?? cleanText(authorship.raw_author_name);
    if (!name) continue;
    const institutions = institutionNames(authorship.institutions);
    authors.push({
      position: authors.length + 1,
      name,
      sourceAuthorId: openAlexShortId(authorship.author?.id),
      orcid: normalizeOrcid(authorship.author?.orcid),
      affiliations: institutions.length > 0 ? institutions : uniqueTexts(authorship.raw_affiliation_strings ?? []),
    });
  }
  return authors;
}

function arxivIdOf(work: OpenAlexWork, doi: string | null): string | null {
  const fromDoi = arxivIdFromDoi(doi) ?? arxivIdFromDoi(normalizeDoi(work.ids?.doi));
  if (fromDoi) return fromDoi;
  const locations: (OpenAlexLocation | null | undefined)[] = [work.primary_location, ...(work.locations ?? []), work.best_oa_location];
  for (const location of locations) {
    const id = arxivIdFromUrl(location?.landing_page_url) ?? arxivIdFromUrl(location?.pdf_url);
    if (id) return id;
  }
  return null;
}

/** `instname:…`, `reponame:…` and other OAI-PMH set labels name the harvesting institution, not a venue. */
const OAI_SET_LABEL = /^[a-z]+:\S/;
/** A citation tail some harvests append: `, Vol 10, Iss 0, Pp 125-138 (2008)`, `, 17(2), 1-9. (2015)`. */
const CITATION_TAIL = /,\s*(?:vol(?:ume)?\.?\s*\d.*|\d+\s*\(\d+\)\s*,.*)$/i;

/** A `raw_source_name` as a venue, or null when it names none. */
export function rawVenue(location: OpenAlexLocation | null | undefined): string | null {
  const raw = cleanText(location?.raw_source_name);
  if (!raw || OAI_SET_LABEL.test(raw)) return null;
  return cleanText(raw.replace(CITATION_TAIL, ''));
}

/**
 * Where the work appeared: the primary location's source, else the venue its harvested metadata
 * names (`raw_source_name`, present from 2025 when OpenAlex matched no source), else another
 * location's: a journal or conference source first (a repository is where a copy sits, not where
 * the work appeared), then a raw name.
 */
export function venueOf(work: Pick<OpenAlexWork, 'primary_location' | 'locations' | 'best_oa_location'>): string | null {
  const primary = work.primary_location;
  const own = cleanText(primary?.source?.display_name) ?? rawVenue(primary);
  if (own) return own;
  const others = [...(work.locations ?? []), work.best_oa_location].filter((l): l is OpenAlexLocation => !!l && l !== primary);
  const published = others.find((l) => l.source && (l.source.type ?? '').toLowerCase() !== 'repository' && cleanText(l.source.display_name));
  if (published) return cleanText(published.source?.display_name);
  for (const location of others) {
    const raw = location.source ? null : rawVenue(location);
    if (raw) return raw;
  }
  return null;
}

function pdfUrlOf(work: OpenAlexWork): string | null {
  const best = cleanText(work.best_oa_location?.pdf_url);
  if (best) return best;
  const open = [work.primary_location, ...(work.locations ?? [])].find((l) => l?.is_oa && cleanText(l.pdf_url));
  return cleanText(open?.pdf_url);
}

function shortPmid(pmid: string | null | undefined): string | null {
  const match = pmid ? /(\d+)\/?$/.exec(pmid.trim()) : null;
  return match ? match[1] : null;
}

/** One OpenAlex work → a NormalizedWork; null when it has no id or no title (e.g. untitled paratext). */
export function normalizeOpenAlexWork(work: OpenAlexWork): NormalizedWork | null {
  const sourceId = openAlexShortId(work.id) ?? openAlexShortId(work.ids?.openalex);
  const title = cleanText(work.title) ?? cleanText(work.display_name);
  if (!sourceId || !title) return null;
  const doi = normalizeDoi(work.doi) ?? normalizeDoi(work.ids?.doi);
  const arxivId = arxivIdOf(work, doi);
  const year = finiteCount(work.publication_year);
  const date = cleanText(work.publication_date);
  const externalIds: NormalizedWork['externalIds'] = { openalex: sourceId };
  const mag = work.ids?.mag;
  if (mag !== null && mag !== undefined && String(mag).trim()) externalIds.mag = String(mag).trim();
  const pmid = shortPmid(work.ids?.pmid);
  if (pmid) externalIds.pubmed = pmid;
  if (arxivId) externalIds.arxiv = arxivId;
  return {
    source: 'openalex',
    sourceId,
    sourceUrl: OPENALEX_URL + sourceId,
    title,
    publicationDate: date && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(date) ? date : year ? String(year) : null,
    year: year ?? (date ? Number(date.slice(0, 4)) || null : null),
    venue: venueOf(work),
    type: mapOpenAlexType(work),
    doi,
    arxivId,
    externalIds,
    authors: normalizeAuthorships(work),
    citationCount: finiteCount(work.cited_by_count),
    abstract: rebuildAbstract(work.abstract_inverted_index as Record<string, number[] | null> | null | undefined),
    openAccessUrl: cleanText(work.open_access?.oa_url) ?? cleanText(work.best_oa_location?.landing_page_url),
    pdfUrl: pdfUrlOf(work),
    sourceUpdatedAt: openAlexTimestamp(work.updated_date),
  };
}

/** Affiliations, current first: last known institutions, then the others by their latest year. */
function authorAffiliations(author: OpenAlexAuthor): string[] {
  const current = [...(author.last_known_institutions ?? []), author.last_known_institution];
  const past = (author.affiliations ?? [])
    .filter((a) => a?.institution)
    .map((a, order) => ({ name: a.institution?.display_name, latest: Math.max(0, ...(a.years ?? []).filter((y) => Number.isInteger(y))), order }))
    .sort((a, b) => b.latest - a.latest || a.order - b.order);
  return uniqueTexts([...current.map((i) => i?.display_name), ...past.map((p) => p.name)]);
}

const TOPICS_PER_CANDIDATE = 5;

export function normalizeOpenAlexCandidate(author: OpenAlexAuthor): AuthorCandidate | null {
  const sourceAuthorId = openAlexShortId(author.id) ?? openAlexShortId(author.ids?.openalex);
  const name = cleanText(author.display_name);
  if (!sourceAuthorId || !name) return null;
  const subjects = author.topics && author.topics.length > 0 ? author.topics : (author.x_concepts ?? []);
  return {
    source: 'openalex',
    sourceAuthorId,
    name,
    alternativeNames: uniqueTexts(author.display_name_alternatives ?? []).filter((n) => n.toLowerCase() !== name.toLowerCase()),
    affiliations: authorAffiliations(author),
    orcid: normalizeOrcid(author.orcid) ?? normalizeOrcid(author.ids?.orcid),
    worksCount: finiteCount(author.works_count),
    citationCount: finiteCount(author.cited_by_count),
    topics: uniqueTexts(subjects.map((t) => t?.display_name)).slice(0, TOPICS_PER_CANDIDATE),
    sourceUrl: OPENALEX_URL + sourceAuthorId,
  };
}

/** An autocomplete item (slim: name, hint = institution, counts, ORCID URL) → a candidate; null for other entity types. */
export function normalizeOpenAlexSuggestion(item: OpenAlexAutocompleteItem): AuthorCandidate | null {
  const sourceAuthorId = openAlexShortId(item.id);
  const name = cleanText(item.display_name);
  if (!sourceAuthorId || !name || !sourceAuthorId.startsWith('A') || (item.entity_type && item.entity_type !== 'author')) return null;
  const hint = cleanText(item.hint);
  return {
    source: 'openalex',
    sourceAuthorId,
    name,
    alternativeNames: [],
    affiliations: hint ? [hint] : [],
    orcid: normalizeOrcid(item.external_id),
    worksCount: finiteCount(item.works_count),
    citationCount: finiteCount(item.cited_by_count),
    topics: [],
    sourceUrl: OPENALEX_URL + sourceAuthorId,
  };
}

/** OpenAlex's stub for an author removed by re-disambiguation or a merge. */
export function isDeletedOpenAlexAuthor(author: OpenAlexAuthor): boolean {
  return cleanText(author.display_name) === 'Deleted Author' && !author.works_count;
}

export function normalizeOpenAlexSnapshot(author: OpenAlexAuthor): AuthorSnapshot | null {
  const sourceAuthorId = openAlexShortId(author.id) ?? openAlexShortId(author.ids?.openalex);
  const name = cleanText(author.display_name);
  if (!sourceAuthorId || !name) return null;
  return {
    source: 'openalex',
    sourceAuthorId,
    name,
    worksCount: finiteCount(author.works_count),
    citationCount: finiteCount(author.cited_by_count),
    updatedAt: openAlexTimestamp(author.updated_date),
    affiliations: authorAffiliations(author),
    topics: uniqueTexts((author.topics && author.topics.length > 0 ? author.topics : (author.x_concepts ?? [])).map((t) => t?.display_name)).slice(0, TOPICS_PER_CANDIDATE),
  };
}
