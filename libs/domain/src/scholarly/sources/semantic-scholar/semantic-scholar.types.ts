/**
 * Semantic Scholar Graph API v1 responses as sent, tolerantly typed: every field optional and
 * nullable (a field is only present when asked for in `fields=`, and many are null per record;
 * see ../shared/fixtures/scholarly/semanticscholar/README.md). Only the fields Dossier reads are named.
 */

type Maybe<T> = T | null | undefined;

export interface S2Author {
  authorId?: Maybe<string>;
  name?: Maybe<string>;
  url?: Maybe<string>;
  affiliations?: Maybe<string[]>;
  homepage?: Maybe<string>;
  paperCount?: Maybe<number>;
  citationCount?: Maybe<number>;
  hIndex?: Maybe<number>;
  /** `DBLP` is a list of the author's DBLP names in every recording; `ORCID` is documented. */
  externalIds?: Maybe<{ DBLP?: Maybe<string[] | string>; ORCID?: Maybe<string> } & Record<string, unknown>>;
}

/** `/author/search`: `next` only while more results follow; `total` is approximate. */
export interface S2AuthorSearch {
  total?: Maybe<number>;
  offset?: Maybe<number>;
  next?: Maybe<number>;
  data?: Maybe<Maybe<S2Author>[]>;
}

export interface S2PaperAuthor {
  /** Null for co-authors S2 has not resolved to an author. */
  authorId?: Maybe<string>;
  name?: Maybe<string>;
}

export interface S2ExternalIds {
  DOI?: Maybe<string>;
  ArXiv?: Maybe<string>;
  DBLP?: Maybe<string>;
  MAG?: Maybe<string | number>;
  PubMed?: Maybe<string | number>;
  PubMedCentral?: Maybe<string | number>;
  ACL?: Maybe<string>;
  CorpusId?: Maybe<number | string>;
}

export interface S2Paper {
  paperId?: Maybe<string>;
  corpusId?: Maybe<number>;
  externalIds?: Maybe<S2ExternalIds>;
  url?: Maybe<string>;
  title?: Maybe<string>;
  abstract?: Maybe<string>;
  /** Empty string when S2 has no venue. */
  venue?: Maybe<string>;
  publicationVenue?: Maybe<{ id?: Maybe<string>; name?: Maybe<string>; type?: Maybe<string> }>;
  year?: Maybe<number>;
  /** yyyy-mm-dd; null on some papers that have a year. */
  publicationDate?: Maybe<string>;
  /** JournalArticle, Conference, Review, Book, BookSection, Dataset, Editorial, CaseReport, … */
  publicationTypes?: Maybe<string[]>;
  journal?: Maybe<{ name?: Maybe<string>; volume?: Maybe<string>; pages?: Maybe<string> }>;
  authors?: Maybe<Maybe<S2PaperAuthor>[]>;
  citationCount?: Maybe<number>;
  isOpenAccess?: Maybe<boolean>;
  /** Since 2025 sometimes `{url: "", status: "CLOSED", disclaimer}` instead of null. */
  openAccessPdf?: Maybe<{ url?: Maybe<string>; status?: Maybe<string> }>;
}

/** `/author/{id}/papers`: no `total`; the last page has no `next`. */
export interface S2PaperPage {
  offset?: Maybe<number>;
  next?: Maybe<number>;
  total?: Maybe<number>;
  data?: Maybe<Maybe<S2Paper>[]>;
}
