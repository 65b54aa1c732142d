/**
 * The ORCID public API v3.0 in its JSON representation (`Accept: application/json`), only the
 * fields Dossier reads. ORCID writes `null` for anything absent (a private name, a work without
 * a date, a full work's empty `external-id`), so every field may be null.
 */

/** Most scalar values come wrapped: `{"value": "…"}`. */
export interface OrcidValue<T = string> {
  value: T;
}

/** Epoch milliseconds. */
export type OrcidTimestamp = OrcidValue<number> | null;

export interface OrcidIdentifier {
  uri?: string | null;
  path?: string | null;
  host?: string | null;
}

export interface OrcidSource {
  'source-orcid'?: OrcidIdentifier | null;
  'source-client-id'?: OrcidIdentifier | null;
  'source-name'?: OrcidValue | null;
}

export interface OrcidExternalId {
  /** `doi`, `arxiv`, `pmid`, `pmc`, `eid`, `issn`, `isbn`, `other-id`, `handle`, `source-work-id`, … */
  'external-id-type'?: string | null;
  'external-id-value'?: string | null;
  /** ORCID's own normal form (`10.3233/isu-130714`, `arXiv:2309.02506`); null when it could not make one. */
  'external-id-normalized'?: (OrcidValue & { transient?: boolean }) | null;
  'external-id-url'?: OrcidValue | null;
  /** `self` is the work's own id; `part-of` (ISSN, ISBN), `version-of` and `funded-by` name something else. */
  'external-id-relationship'?: 'self' | 'part-of' | 'version-of' | 'funded-by' | string | null;
}

export interface OrcidExternalIds {
  /** A list, or null in a full work without ids. */
  'external-id'?: OrcidExternalId[] | null;
}

export interface OrcidFuzzyDate {
  year?: OrcidValue | null;
  month?: OrcidValue | null;
  day?: OrcidValue | null;
}

export interface OrcidTitle {
  title?: OrcidValue | null;
  subtitle?: OrcidValue | null;
  'translated-title'?: (OrcidValue & { 'language-code'?: string }) | null;
}

export interface OrcidWorkSummary {
  'put-code': number;
  'created-date'?: OrcidTimestamp;
  'last-modified-date'?: OrcidTimestamp;
  source?: OrcidSource | null;
  title?: OrcidTitle | null;
  'external-ids'?: OrcidExternalIds | null;
  url?: OrcidValue | null;
  /** v3.0 kebab case (`journal-article`); v2.x wrote `JOURNAL_ARTICLE`. */
  type?: string | null;
  'publication-date'?: OrcidFuzzyDate | null;
  'journal-title'?: OrcidValue | null;
  visibility?: string;
  path?: string;
  /** A string of digits; the highest one is the researcher's preferred version of the work. */
  'display-index'?: string | number | null;
}

/** One logical publication; several summaries are the same work asserted by different sources. */
export interface OrcidWorkGroup {
  'last-modified-date'?: OrcidTimestamp;
  /** The union of the members' ids. */
  'external-ids'?: OrcidExternalIds | null;
  'work-summary'?: OrcidWorkSummary[] | null;
}

/** `/{orcid}/works`: every work in one answer, no paging. */
export interface OrcidWorks {
  'last-modified-date'?: OrcidTimestamp;
  group?: OrcidWorkGroup[] | null;
  path?: string;
}

export interface OrcidContributor {
  'contributor-orcid'?: OrcidIdentifier | null;
  'credit-name'?: OrcidValue | null;
  'contributor-email'?: OrcidValue | null;
  'contributor-attributes'?: {
    /** `first` | `additional` in v3.0. */
    'contributor-sequence'?: string | null;
    /** `author`, `editor`, `chair-or-translator`, … or a CRediT role URI. */
    'contributor-role'?: string | null;
  } | null;
}

/** `/{orcid}/work/{put-code}` and each `work` of a bulk read: the summary plus contributors and more. */
export interface OrcidWork extends Omit<OrcidWorkSummary, 'display-index'> {
  'short-description'?: string | null;
  citation?: { 'citation-type'?: string; 'citation-value'?: string } | null;
  contributors?: { contributor?: OrcidContributor[] | null } | null;
  'language-code'?: string | null;
  country?: OrcidValue | null;
}

/** `/{orcid}/works/{pc1},{pc2},…` (at most 100): a work or an error per put-code. */
export interface OrcidBulkWorks {
  bulk?: ({ work: OrcidWork } | { error: OrcidError })[] | null;
}

export interface OrcidPerson {
  'last-modified-date'?: OrcidTimestamp;
  /** Null when the researcher keeps their name private. */
  name?: {
    'last-modified-date'?: OrcidTimestamp;
    'given-names'?: OrcidValue | null;
    'family-name'?: OrcidValue | null;
    'credit-name'?: OrcidValue | null;
    path?: string;
  } | null;
  'other-names'?: { 'other-name'?: { content?: string | null; 'display-index'?: number }[] | null } | null;
  keywords?: { keyword?: { content?: string | null; 'display-index'?: number }[] | null } | null;
  path?: string;
}

/** One employment, as `/record` summarizes it; no end date: held now. */
export interface OrcidEmploymentSummary {
  'role-title'?: string | null;
  'department-name'?: string | null;
  'start-date'?: OrcidFuzzyDate | null;
  'end-date'?: OrcidFuzzyDate | null;
  organization?: { name?: string | null } | null;
}

/** `/{orcid}/record`: the person and every activity summary in one document. */
export interface OrcidRecord {
  'orcid-identifier'?: OrcidIdentifier | null;
  history?: { 'last-modified-date'?: OrcidTimestamp } | null;
  person?: OrcidPerson | null;
  'activities-summary'?: {
    'last-modified-date'?: OrcidTimestamp;
    works?: OrcidWorks | null;
    employments?: { 'affiliation-group'?: { summaries?: { 'employment-summary'?: OrcidEmploymentSummary | null }[] | null }[] | null } | null;
  } | null;
  path?: string;
}

/** `/search`: identifiers only. No hits is `{"result": null, "num-found": 0}`. */
export interface OrcidSearch {
  result?: { 'orcid-identifier'?: OrcidIdentifier | null }[] | null;
  'num-found'?: number;
}

/** `/expanded-search`: identifiers with names and institutions. */
export interface OrcidExpandedSearch {
  'expanded-result'?:
    | {
        'orcid-id'?: string | null;
        'given-names'?: string | null;
        'family-names'?: string | null;
        'credit-name'?: string | null;
        'other-name'?: string[] | null;
        email?: string[] | null;
        'institution-name'?: string[] | null;
      }[]
    | null;
  'num-found'?: number;
}

/** Every ORCID error, whatever the status (also inside a bulk answer). */
export interface OrcidError {
  'response-code'?: number;
  'developer-message'?: string;
  'user-message'?: string;
  'error-code'?: number;
  'more-info'?: string;
}
