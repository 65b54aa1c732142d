/**
 * OpenAlex's responses as the API sends them, tolerantly typed: every field is optional and
 * nullable, because the schema drifted between 2023 and 2026 (fields dropped, added and nulled;
 * see ../shared/fixtures/scholarly/openalex/README.md). Only the fields Dossier reads are named.
 */

type Maybe<T> = T | null | undefined;

export interface OpenAlexListMeta {
  count?: Maybe<number>;
  page?: Maybe<number>;
  per_page?: Maybe<number>;
  /** Present (string or null) when cursor paging is used; null on the last page. */
  next_cursor?: Maybe<string>;
}

export interface OpenAlexList<T> {
  meta?: Maybe<OpenAlexListMeta>;
  results?: Maybe<T[]>;
  /** Plan-gated filters answer HTTP 200 with `{"error": "Plan upgrade required"}`. */
  error?: Maybe<string>;
  message?: Maybe<string>;
}

export interface OpenAlexInstitution {
  id?: Maybe<string>;
  display_name?: Maybe<string>;
  ror?: Maybe<string>;
  country_code?: Maybe<string>;
  type?: Maybe<string>;
}

export interface OpenAlexNamed {
  id?: Maybe<string>;
  display_name?: Maybe<string>;
}

export interface OpenAlexAuthor {
  id?: Maybe<string>;
  orcid?: Maybe<string>;
  display_name?: Maybe<string>;
  display_name_alternatives?: Maybe<string[]>;
  works_count?: Maybe<number>;
  cited_by_count?: Maybe<number>;
  ids?: Maybe<{ openalex?: Maybe<string>; orcid?: Maybe<string>; scopus?: Maybe<string> }>;
  /** Every institution with the years the author published there (2023+). */
  affiliations?: Maybe<{ institution?: Maybe<OpenAlexInstitution>; years?: Maybe<number[]> }[]>;
  /** Current institutions (2023+); null for some authors in 2026 recordings. */
  last_known_institutions?: Maybe<OpenAlexInstitution[]>;
  /** The pre-2023 singular form. */
  last_known_institution?: Maybe<OpenAlexInstitution>;
  topics?: Maybe<(OpenAlexNamed & { count?: Maybe<number> })[]>;
  /** Legacy concepts; the only subject list in older records. */
  x_concepts?: Maybe<(OpenAlexNamed & { score?: Maybe<number> })[]>;
  relevance_score?: Maybe<number>;
  updated_date?: Maybe<string>;
  created_date?: Maybe<string>;
  error?: Maybe<string>;
  message?: Maybe<string>;
}

/** One item of `/autocomplete` or `/autocomplete/authors`: a slim record, not an Author. */
export interface OpenAlexAutocompleteItem {
  id?: Maybe<string>;
  display_name?: Maybe<string>;
  /** For authors: their last known institution, when OpenAlex has one. */
  hint?: Maybe<string>;
  cited_by_count?: Maybe<number>;
  works_count?: Maybe<number>;
  entity_type?: Maybe<string>;
  /** For authors: the ORCID URL, when there is one. */
  external_id?: Maybe<string>;
}

export interface OpenAlexSource {
  id?: Maybe<string>;
  display_name?: Maybe<string>;
  /** journal, repository, conference, ebook platform, book series, … */
  type?: Maybe<string>;
}

export interface OpenAlexLocation {
  is_oa?: Maybe<boolean>;
  landing_page_url?: Maybe<string>;
  pdf_url?: Maybe<string>;
  /** Null when OpenAlex has not matched the host to a source of its own (then `raw_source_name` may still name it). */
  source?: Maybe<OpenAlexSource>;
  /**
   * The venue as the harvested metadata wrote it (2025+): a journal, a book, a proceedings volume;
   * sometimes with its citation tail (`…, Vol 10, Iss 0, Pp 125-138 (2008)`), sometimes an OAI
   * set such as `instname:University` or `reponame:Repository`, which name no venue.
   */
  raw_source_name?: Maybe<string>;
  /** The type the harvested metadata gave (`journal-article`, `proceedings-article`, `info:eu-repo/semantics/article`). */
  raw_type?: Maybe<string>;
  version?: Maybe<string>;
}

export interface OpenAlexAuthorship {
  author_position?: Maybe<string>;
  author?: Maybe<{ id?: Maybe<string>; display_name?: Maybe<string>; orcid?: Maybe<string> }>;
  institutions?: Maybe<OpenAlexInstitution[]>;
  raw_author_name?: Maybe<string>;
  raw_affiliation_strings?: Maybe<string[]>;
}

export interface OpenAlexWork {
  id?: Maybe<string>;
  doi?: Maybe<string>;
  title?: Maybe<string>;
  display_name?: Maybe<string>;
  publication_year?: Maybe<number>;
  publication_date?: Maybe<string>;
  ids?: Maybe<{ openalex?: Maybe<string>; doi?: Maybe<string>; mag?: Maybe<string | number>; pmid?: Maybe<string>; pmcid?: Maybe<string> }>;
  type?: Maybe<string>;
  /** Dropped in 2026; `proceedings-article` marks conference papers where it is still sent. */
  type_crossref?: Maybe<string>;
  primary_location?: Maybe<OpenAlexLocation>;
  locations?: Maybe<OpenAlexLocation[]>;
  best_oa_location?: Maybe<OpenAlexLocation>;
  open_access?: Maybe<{ is_oa?: Maybe<boolean>; oa_status?: Maybe<string>; oa_url?: Maybe<string> }>;
  authorships?: Maybe<OpenAlexAuthorship[]>;
  /** True when list results cut the author list at 100 (the singleton has them all). */
  is_authors_truncated?: Maybe<boolean>;
  cited_by_count?: Maybe<number>;
  /** `{word: [positions]}`; null for works without an abstract (and some with one, by licence). */
  abstract_inverted_index?: Maybe<Record<string, Maybe<number[]>>>;
  updated_date?: Maybe<string>;
  created_date?: Maybe<string>;
  error?: Maybe<string>;
  message?: Maybe<string>;
}
