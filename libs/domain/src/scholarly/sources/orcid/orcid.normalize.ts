import { normalizeArxivId, normalizeDoi, normalizeOrcid } from '../../../shared/text/index';
import { partialDate } from '../../../shared/dates';
import { SourceRejectedError } from '../../scholarly-http';
import type { AuthorCandidate, AuthorSnapshot, NormalizedAuthor, NormalizedWork, ScholarlySource, WorkType } from '../../scholarly.types';
import { plainText } from '../crossref/crossref.normalize';
import type { OrcidContributor, OrcidExpandedSearch, OrcidExternalId, OrcidFuzzyDate, OrcidPerson, OrcidRecord, OrcidTimestamp, OrcidWork, OrcidWorkGroup, OrcidWorkSummary } from './orcid.types';

/**
 * ORCID answers made into Dossier's shapes. A researcher's ORCID works list is what they (and the
 * registries they let write to their record) claim: one group per publication, several summaries
 * per group when several sources asserted it, ids in ORCID's own normal form.
 */

/**
 * An identifier that cannot be right (an ORCID iD whose check digit fails, a string with no DOI)
 * is refused before any request: the API would only answer 404 for it, and retrying cannot help.
 * It is a SourceRejectedError so the sync treats it like any identity the source refuses (marks
 * it broken, stops retrying); `status` is 400, the class of error it is, though nothing was sent.
 */
export class InvalidIdentifierError extends SourceRejectedError {
  constructor(source: ScholarlySource, request: string, detail: string) {
    super(source, request, 400, detail);
    this.message = `${source}: ${detail}; no request sent (GET ${request})`;
  }
}

/** The bare upper-case iD, or an InvalidIdentifierError naming the request it would have made. */
export function requireOrcid(source: ScholarlySource, input: string, request: (orcid: string) => string): string {
  const orcid = normalizeOrcid(input);
  if (!orcid) throw new InvalidIdentifierError(source, request(input), `not a valid ORCID iD: "${input}" (format or check digit)`);
  return orcid;
}

/** Epoch milliseconds → ISO 8601; null stays null. */
export function orcidTimestamp(value: OrcidTimestamp | undefined): string | null {
  const ms = value?.value;
  return typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

function latest(...dates: (string | null)[]): string | null {
  return dates.filter((d): d is string => d !== null).sort().at(-1) ?? null;
}

/**
 * An enumerated ORCID value as v3.0 writes it: v2.x records write the same values as Java enum
 * names (`SELF`, `JOURNAL_ARTICLE`, `CHAIR_OR_TRANSLATOR`, `FIRST`), and a record edited by hand
 * or by a member integration may mix cases; every comparison goes through this.
 */
export function orcidEnum(value: string | null | undefined): string {
  return (value ?? '').trim().toLowerCase().replace(/_/g, '-');
}

/** ORCID's work types (v3.0 kebab case; v2.x `JOURNAL_ARTICLE` accepted) onto Dossier's. */
export function mapOrcidType(type: string | null | undefined): WorkType {
  switch (orcidEnum(type)) {
    case 'journal-article':
    case 'magazine-article':
      return 'article';
    case 'conference-paper':
      return 'conference-paper';
    case 'preprint':
    case 'working-paper':
      return 'preprint';
    case 'book':
    case 'edited-book':
      return 'book';
    case 'book-chapter':
    case 'encyclopedia-entry':
    case 'dictionary-entry':
      return 'book-chapter';
    case 'dissertation-thesis':
    case 'dissertation':
      return 'thesis';
    case 'data-set':
      return 'dataset';
    case 'review':
    case 'book-review':
      return 'review';
    default:
      // conference-abstract, -poster and -presentation are not papers to read; report, software, other…
      return 'other';
  }
}

function fuzzyDate(date: OrcidFuzzyDate | null | undefined): { publicationDate: string | null; year: number | null } | null {
  const year = Number(date?.year?.value);
  if (!Number.isInteger(year) || year <= 0) return null;
  const month = Number(date?.month?.value) || null;
  const day = Number(date?.day?.value) || null;
  return { publicationDate: partialDate(year, month, month ? day : null), year };
}

/** The ids a work asserts as its own, read in ORCID's normal form when it made one. */
interface OwnIds {
  doi: string | null;
  arxivId: string | null;
  pubmed: string | null;
  pmc: string | null;
}

function readOwnIds(lists: OrcidExternalId[][]): OwnIds {
  const ids: OwnIds = { doi: null, arxivId: null, pubmed: null, pmc: null };
  for (const list of lists) {
    for (const id of list) {
      // No relationship is the work's own id (v2.0 records often leave it out); `SELF` is v2.x's spelling.
      const relationship = orcidEnum(id['external-id-relationship']) || 'self';
      if (relationship !== 'self') continue;
      const value = id['external-id-normalized']?.value || id['external-id-value'] || '';
      switch (orcidEnum(id['external-id-type'])) {
        case 'doi':
          // `work:doi` and friends: ORCID could not normalize it (external-id-normalized-error) and neither can we.
          ids.doi ??= normalizeDoi(value);
          break;
        case 'arxiv':
          ids.arxivId ??= normalizeArxivId(value);
          break;
        case 'pmid':
          ids.pubmed ??= /^\s*(\d+)\s*$/.exec(value)?.[1] ?? null;
          break;
        case 'pmc':
          ids.pmc ??= /PMC\d+/i.exec(value)?.[0].toUpperCase() ?? null;
          break;
      }
    }
  }
  if (!ids.arxivId && ids.doi?.startsWith('10.48550/arxiv.')) ids.arxivId = normalizeArxivId(ids.doi);
  return ids;
}

/** Repositories where a work's page is free to read; a link elsewhere (Scopus, a publisher) may be paywalled. */
const OPEN_HOSTS = /(^|\.)(arxiv\.org|europepmc\.org|ncbi\.nlm\.nih\.gov|biorxiv\.org|medrxiv\.org|zenodo\.org|figshare\.com|hal\.science|hal\.archives-ouvertes\.fr|osf\.io|openreview\.net|aclanthology\.org|proceedings\.mlr\.press|papers\.nips\.cc|proceedings\.neurips\.cc)$/i;

function httpUrl(value: string | null | undefined): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * A work record from what the researcher's ORCID record says about it. `preferred` gives every
 * field; the `others` (the same work asserted by other sources) only fill what it leaves null,
 * and all their own ids count.
 */
function buildWork(orcid: string, preferred: OrcidWork | OrcidWorkSummary, others: OrcidWorkSummary[], groupIds: OrcidExternalId[], updatedAt: string | null): NormalizedWork {
  const all = [preferred, ...others];
  const ids = readOwnIds([...all.map((s) => s['external-ids']?.['external-id'] ?? []), groupIds]);
  const title = all.map((s) => plainText(s.title?.title?.value)).find((t) => t.length > 0) ?? '';
  const date = all.map((s) => fuzzyDate(s['publication-date'])).find((d) => d !== null) ?? { publicationDate: null, year: null };
  const venue = all.map((s) => plainText(s['journal-title']?.value)).find((v) => v.length > 0) ?? null;
  const link = all.map((s) => httpUrl(s.url?.value)).find((u) => u !== null) ?? null;
  const linkIsPdf = link !== null && /\.pdf$/i.test(link.pathname);
  const openLink = link !== null && OPEN_HOSTS.test(link.hostname) ? link.href : null;
  // Its own id too, as every source writes it (OpenAlex W…, Semantic Scholar paperId).
  const externalIds: NormalizedWork['externalIds'] = { orcid: String(preferred['put-code']) };
  if (ids.arxivId) externalIds.arxiv = ids.arxivId;
  if (ids.pubmed) externalIds.pubmed = ids.pubmed;
  return {
    source: 'orcid',
    sourceId: String(preferred['put-code']),
    // ORCID has no page per work; the researcher's profile lists it.
    sourceUrl: `https://orcid.org/${orcid}`,
    title,
    publicationDate: date.publicationDate,
    year: date.year,
    venue,
    type: mapOrcidType(preferred.type ?? others.find((s) => s.type)?.type),
    doi: ids.doi,
    arxivId: ids.arxivId,
    externalIds,
    authors: 'contributors' in preferred ? orcidContributors(preferred) : [],
    citationCount: null,
    abstract: 'short-description' in preferred ? plainText(preferred['short-description']) || null : null,
    // A PMC id or an arXiv id is free full text by definition; otherwise only a link to an open repository counts.
    openAccessUrl: ids.arxivId ? `https://arxiv.org/abs/${ids.arxivId}` : ids.pmc ? `https://www.ncbi.nlm.nih.gov/pmc/articles/${ids.pmc}/` : openLink,
    pdfUrl: linkIsPdf ? link.href : null,
    sourceUpdatedAt: updatedAt,
  };
}

function displayIndex(summary: OrcidWorkSummary): number {
  const n = Number(summary['display-index']);
  return Number.isFinite(n) ? n : 0;
}

/**
 * The researcher's preferred version of a grouped work: the highest display-index. In the
 * recordings every summary says "0", so a tie keeps ORCID's order (the first listed).
 */
export function preferredSummary(summaries: OrcidWorkSummary[]): OrcidWorkSummary | null {
  let best: OrcidWorkSummary | null = null;
  for (const summary of summaries) if (best === null || displayIndex(summary) > displayIndex(best)) best = summary;
  return best;
}

/** One group of `/works` as one record; null for a group without summaries. */
export function normalizeOrcidGroup(orcid: string, group: OrcidWorkGroup, full?: ReadonlyMap<number, OrcidWork>): NormalizedWork | null {
  const summaries = group['work-summary'] ?? [];
  const preferred = preferredSummary(summaries);
  if (!preferred) return null;
  const others = summaries.filter((s) => s !== preferred);
  const updatedAt = orcidTimestamp(group['last-modified-date']) ?? orcidTimestamp(preferred['last-modified-date']);
  const work = buildWork(orcid, preferred, others, group['external-ids']?.['external-id'] ?? [], updatedAt);
  if (full) {
    const description = plainText(full.get(preferred['put-code'])?.['short-description']);
    if (description) work.abstract = description;
    // Contributors from the preferred version's full record, else from the first other source that lists any.
    for (const summary of [preferred, ...others]) {
      const record = full.get(summary['put-code']);
      const authors = record ? orcidContributors(record) : [];
      if (authors.length > 0) {
        work.authors = authors;
        break;
      }
    }
  }
  return work;
}

/** A full work (`/{orcid}/work/{put-code}` or one entry of a bulk read) as one record, contributors included. */
export function normalizeOrcidWork(orcid: string, work: OrcidWork): NormalizedWork {
  return buildWork(orcid, work, [], [], orcidTimestamp(work['last-modified-date']));
}

/** Roles that credit someone other than an author of the text. */
const NON_AUTHOR_ROLES = new Set(['editor', 'chair-or-translator', 'assignee', 'support-staff', 'graduate-student', 'postdoctoral-researcher', 'principal-investigator', 'co-investigator', 'other-inventor', 'co-inventor']);

/** Contributors who are authors, the `first` one first, otherwise in the order ORCID lists them. */
export function orcidContributors(work: Pick<OrcidWork, 'contributors'>): NormalizedAuthor[] {
  const contributors = (work.contributors?.contributor ?? []).filter((c) => !NON_AUTHOR_ROLES.has(orcidEnum(c['contributor-attributes']?.['contributor-role'])));
  const isFirst = (c: OrcidContributor) => orcidEnum(c['contributor-attributes']?.['contributor-sequence']) === 'first';
  const ordered = [...contributors.filter(isFirst), ...contributors.filter((c) => !isFirst(c))];
  const authors: NormalizedAuthor[] = [];
  for (const contributor of ordered) {
    const orcid = normalizeOrcid(contributor['contributor-orcid']?.path ?? contributor['contributor-orcid']?.uri);
    // A contributor linked by iD may carry no name; the iD keeps their position in the list.
    const name = plainText(contributor['credit-name']?.value) || orcid;
    if (!name) continue;
    authors.push({ position: authors.length + 1, name, sourceAuthorId: orcid, orcid, affiliations: [] });
  }
  return authors;
}

/** The name a researcher is credited with, else given + family, else their first other name; null when private. */
export function orcidPersonName(person: OrcidPerson | null | undefined): string | null {
  const credit = plainText(person?.name?.['credit-name']?.value);
  if (credit) return credit;
  const full = [plainText(person?.name?.['given-names']?.value), plainText(person?.name?.['family-name']?.value)].filter(Boolean).join(' ');
  if (full) return full;
  return plainText(person?.['other-names']?.['other-name']?.[0]?.content) || null;
}

/** Non-empty values, each once whatever its case, first spelling kept. */
function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLocaleLowerCase();
    if (!v || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The cheap snapshot from `/{orcid}/record`. `updatedAt` is the later of the person section's and
 * the works section's last-modified-date: a new work moves it, an edited employment does not.
 */
export function orcidSnapshot(orcid: string, record: OrcidRecord): AuthorSnapshot {
  const works = record['activities-summary']?.works;
  const employments = orcidEmployments(record);
  return {
    source: 'orcid',
    sourceAuthorId: orcid,
    name: orcidPersonName(record.person) ?? orcid,
    worksCount: works ? (works.group ?? []).length : null,
    citationCount: null,
    updatedAt: latest(orcidTimestamp(record.person?.['last-modified-date']), orcidTimestamp(works?.['last-modified-date'])),
    affiliations: employments.names,
    currentAffiliations: employments.current,
    topics: orcidKeywords(record.person),
  };
}

/**
 * The employers a record lists, those held now (no end date) first, then the others, latest first;
 * each once. ORCID is the one source that says which are past.
 */
export function orcidEmployments(record: OrcidRecord): { names: string[]; current: number } {
  const held = (record['activities-summary']?.employments?.['affiliation-group'] ?? [])
    .flatMap((group) => group.summaries ?? [])
    .map((summary) => summary['employment-summary'])
    .filter((e): e is NonNullable<typeof e> => !!e && !!plainText(e.organization?.name))
    .map((e) => ({ name: plainText(e.organization?.name), now: !e['end-date']?.year?.value, since: sortableDate(e['start-date']), until: sortableDate(e['end-date']) }))
    .sort((a, b) => Number(b.now) - Number(a.now) || (b.now ? b.since.localeCompare(a.since) : b.until.localeCompare(a.until)));
  const names = unique(held.map((e) => e.name));
  return { names, current: unique(held.filter((e) => e.now).map((e) => e.name)).length };
}

/** A fuzzy date as yyyy-mm-dd text that sorts, its missing parts as 00. */
function sortableDate(date: OrcidFuzzyDate | null | undefined): string {
  const part = (v: { value?: string } | null | undefined, width: number) => (v?.value ?? '').padStart(width, '0');
  return `${part(date?.year, 4)}-${part(date?.month, 2)}-${part(date?.day, 2)}`;
}

/** The person's keywords, as topics (one keyword is often a comma-separated list). */
function orcidKeywords(person: OrcidPerson | null | undefined): string[] {
  return unique((person?.keywords?.keyword ?? []).flatMap((k) => (k.content ?? '').split(/[,;]/)).map((k) => plainText(k)));
}

/** `/{orcid}/person` as a candidate: names and keywords (one keyword is often a comma-separated list). */
export function orcidPersonCandidate(orcid: string, person: OrcidPerson): AuthorCandidate {
  const name = orcidPersonName(person) ?? orcid;
  const fullName = [plainText(person.name?.['given-names']?.value), plainText(person.name?.['family-name']?.value)].filter(Boolean).join(' ');
  const otherNames = (person['other-names']?.['other-name'] ?? []).map((o) => plainText(o.content));
  return {
    source: 'orcid',
    sourceAuthorId: orcid,
    name,
    alternativeNames: unique([fullName, ...otherNames]).filter((n) => n !== name),
    // The person section has no employments: those are activities.
    affiliations: [],
    orcid,
    worksCount: null,
    citationCount: null,
    topics: orcidKeywords(person),
    sourceUrl: `https://orcid.org/${orcid}`,
  };
}

/** `/expanded-search` hits as candidates; a hit without a valid iD is skipped. `null` results mean none. */
export function orcidSearchCandidates(search: OrcidExpandedSearch): AuthorCandidate[] {
  const candidates: AuthorCandidate[] = [];
  for (const hit of search['expanded-result'] ?? []) {
    const orcid = normalizeOrcid(hit['orcid-id']);
    if (!orcid) continue;
    const fullName = [plainText(hit['given-names']), plainText(hit['family-names'])].filter(Boolean).join(' ');
    const name = plainText(hit['credit-name']) || fullName || orcid;
    candidates.push({
      source: 'orcid',
      sourceAuthorId: orcid,
      name,
      alternativeNames: unique([fullName, ...(hit['other-name'] ?? []).map((n) => plainText(n))]).filter((n) => n !== name),
      affiliations: unique((hit['institution-name'] ?? []).map((n) => plainText(n))),
      orcid,
      worksCount: null,
      citationCount: null,
      topics: [],
      sourceUrl: `https://orcid.org/${orcid}`,
    });
  }
  return candidates;
}
