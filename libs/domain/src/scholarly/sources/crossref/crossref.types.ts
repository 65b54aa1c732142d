/**
 * The Crossref REST API as it answers (https://api.crossref.org, `message-version` 1.0.0), only
 * the fields Dossier reads. Every field is optional: `select=` trims records to the fields asked
 * for, and many records lack authors, titles or dates altogether.
 */

/** Every answer, success or failure, comes in this envelope. */
export interface CrossrefEnvelope<T> {
  status?: 'ok' | 'failed' | 'error' | string;
  'message-type'?: 'work' | 'work-list' | 'validation-failure' | 'resource-failure' | 'exception' | string;
  'message-version'?: string;
  message?: T;
}

/** The body of a 400 or a cursor 404: `message` is a list of problems. */
export interface CrossrefFailureItem {
  type?: string;
  value?: string;
  message?: string;
}

/** `[[2012, 3, 21]]`; month and day optional; a missing date is `[[null]]`. */
export interface CrossrefDate {
  'date-parts'?: (number | null)[][];
  'date-time'?: string;
  timestamp?: number;
}

export interface CrossrefAuthor {
  given?: string;
  family?: string;
  /** Organisations as authors carry a name only. */
  name?: string;
  sequence?: 'first' | 'additional' | string;
  /** A URL: `https://orcid.org/…` (2026 recordings) or `http://orcid.org/…` (2022). */
  ORCID?: string;
  'authenticated-orcid'?: boolean;
  affiliation?: { name?: string }[];
}

export interface CrossrefLink {
  URL?: string;
  'content-type'?: string;
  'content-version'?: 'vor' | 'am' | 'tdm' | string;
  'intended-application'?: 'text-mining' | 'similarity-checking' | 'syndication' | 'unspecified' | string;
}

export interface CrossrefRelationItem {
  'id-type'?: 'doi' | 'arxiv' | 'uri' | string;
  id?: string;
  'asserted-by'?: 'subject' | 'object' | string;
}

export interface CrossrefWork {
  DOI?: string;
  URL?: string;
  type?: string;
  /** posted-content only: `preprint`, `other` (blog posts), … */
  subtype?: string;
  /** JATS-marked-up text (`<jats:p>`, `<jats:italic>`, entities). */
  title?: string[];
  'container-title'?: string[];
  /** Who hosts posted content (bioRxiv); container-title is empty there. */
  institution?: { name?: string }[];
  author?: CrossrefAuthor[];
  issued?: CrossrefDate;
  published?: CrossrefDate;
  'published-print'?: CrossrefDate;
  'published-online'?: CrossrefDate;
  posted?: CrossrefDate;
  indexed?: CrossrefDate;
  deposited?: CrossrefDate;
  'is-referenced-by-count'?: number;
  /** JATS: `<jats:title>Abstract</jats:title><jats:p>…</jats:p>`. */
  abstract?: string;
  link?: CrossrefLink[];
  relation?: Record<string, CrossrefRelationItem[] | undefined>;
}

export interface CrossrefWorkList {
  'total-results'?: number;
  'items-per-page'?: number;
  items?: CrossrefWork[];
  /** Present when a cursor was asked for. Stays the same from page to page (a scroll id). */
  'next-cursor'?: string;
  query?: { 'start-index'?: number; 'search-terms'?: string | null };
}
