/**
 * What every scholarly source is turned into. Each client (one folder per source under sources/)
 * maps its own responses onto these shapes; nothing past the client sees a source's raw format.
 */
/** A registered source's name (see source-registry.ts; the built-in ones are SCHOLARLY_SOURCES). */
export type ScholarlySource = string;

export const WORK_TYPES = ['article', 'preprint', 'conference-paper', 'book', 'book-chapter', 'thesis', 'dataset', 'review', 'editorial', 'other'] as const;
export type WorkType = (typeof WORK_TYPES)[number];

/** One author position on a work, in the source's order. */
export interface NormalizedAuthor {
  /** 1-based position in the author list. */
  position: number;
  name: string;
  /** The author's id at this source (OpenAlex A…, Semantic Scholar authorId, DBLP pid), if it gives one. */
  sourceAuthorId: string | null;
  /** Bare ORCID iD (0000-0002-1825-0097), if the source gives one. */
  orcid: string | null;
  affiliations: string[];
}

/** One record of one work at one source. Canonical works (one per paper) are built from these. */
export interface NormalizedWork {
  source: ScholarlySource;
  /** The work's id at this source: OpenAlex W…, Semantic Scholar paperId, arXiv id, DBLP key, DOI, ORCID put-code. */
  sourceId: string;
  /** The record's address for a person to open (every scholarly fact links to where it came from). */
  sourceUrl: string;
  title: string;
  /** yyyy-mm-dd, yyyy-mm or yyyy, as precise as the source is. */
  publicationDate: string | null;
  year: number | null;
  venue: string | null;
  type: WorkType;
  /** Lowercase, without https://doi.org/ (10.1234/abc). */
  doi: string | null;
  /** Without version: 1706.03762 or hep-th/9901001. */
  arxivId: string | null;
  /** Ids this record gives at other sources and registries, already normalized. */
  externalIds: Partial<Record<ScholarlySource | 'pubmed' | 'mag' | 'acl' | 'corpus', string>>;
  authors: NormalizedAuthor[];
  citationCount: number | null;
  /** Plain text: OpenAlex's inverted index rebuilt, Crossref's JATS stripped. */
  abstract: string | null;
  /** A landing page or PDF that is free to read. */
  openAccessUrl: string | null;
  pdfUrl: string | null;
  /** When the source last changed the record, if it says. */
  sourceUpdatedAt: string | null;
  /**
   * The subject categories the source files the record under (arXiv's), primary first: evidence
   * of a name-query match (works/attribution.ts). Added from WorksPage.categories by the sync.
   */
  categories?: string[];
}

/** A person found at a source when searching by name: who they might be. */
export interface AuthorCandidate {
  source: ScholarlySource;
  sourceAuthorId: string;
  name: string;
  /** Other names the source knows them by. */
  alternativeNames: string[];
  /** Current first, then past, as the source orders them. */
  affiliations: string[];
  orcid: string | null;
  worksCount: number | null;
  citationCount: number | null;
  topics: string[];
  sourceUrl: string;
}

/** The cheap author record a scheduled sync reads first, to skip authors whose works did not change. */
export interface AuthorSnapshot {
  source: ScholarlySource;
  sourceAuthorId: string;
  name: string;
  worksCount: number | null;
  citationCount: number | null;
  /** When the source last changed the author or their works, if it says. */
  updatedAt: string | null;
  /** Institutions, current first, where the author record lists them (briefings show them). */
  affiliations?: string[];
  /** How many of `affiliations` are held now, where the source says (ORCID); otherwise the first one is taken as current. */
  currentAffiliations?: number;
  /** Main research topics, where the source has them. */
  topics?: string[];
}

/** One page of an author's works; `next` is the opaque token for the next page, null on the last. */
export interface WorksPage {
  works: NormalizedWork[];
  next: string | null;
  /** How many works the source says the author has in all, if it says. */
  total: number | null;
  /** The subject categories of the page's records, by sourceId, primary first (arXiv). */
  categories?: Record<string, string[]>;
}

/** What every source client offers; a source that cannot do one (ORCID has no name search worth using) says so. */
export interface ScholarlyClient {
  readonly source: ScholarlySource;
  searchAuthors(query: { name: string; affiliation?: string | null; limit?: number }): Promise<AuthorCandidate[]>;
  getAuthor(sourceAuthorId: string): Promise<AuthorSnapshot>;
  listWorks(sourceAuthorId: string, page: string | null): Promise<WorksPage>;
  /**
   * The author and the first page of works from one read, where one document answers both (dblp's
   * person page, ORCID's record) or the listing says what the author read would (arXiv, Crossref:
   * then `updatedAt` is the newest of the page, which the sync folds over the later pages).
   */
  getAuthorWithWorks?(sourceAuthorId: string): Promise<AuthorWithWorks>;
}

export interface AuthorWithWorks {
  snapshot: AuthorSnapshot;
  /** The first page; where it takes more requests (ORCID's full works), they are made only when asked, so an unchanged author costs one read. */
  works: () => Promise<WorksPage>;
  /** True where the snapshot was derived from the listing (its updatedAt grows with the later pages); false where it is the author's own record. */
  fromListing: boolean;
}

/** The later of two ISO timestamps (either may be null). */
export function laterTimestamp(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}
