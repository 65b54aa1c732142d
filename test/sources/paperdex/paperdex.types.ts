/** Paperdex's JSON, as its API answers (v1). A made-up source: the seventh, added as a plug-in by a test. */

export interface PaperdexScholar {
  key: string;
  display: string;
  aliases?: string[];
  orcid?: string | null;
  /** Current first. */
  institutions?: { name: string; current: boolean }[];
  counts: { papers: number; cited_by: number };
  fields?: string[];
  /** ISO 8601. */
  modified?: string | null;
}

export interface PaperdexPaper {
  pid: string;
  headline: string;
  /** yyyy-mm-dd, yyyy-mm or yyyy. */
  issued?: string | null;
  outlet?: string | null;
  kind?: 'journal-article' | 'proceedings-paper' | 'preprint' | 'monograph' | string;
  identifiers?: { doi?: string | null; arxiv?: string | null };
  contributors: { seq: number; label: string; scholar?: string | null; orcid?: string | null; affiliations?: string[] }[];
  cited_by?: number | null;
  summary?: string | null;
  links?: { landing?: string | null; free_pdf?: string | null };
  modified?: string | null;
}

export interface PaperdexScholarAnswer {
  scholar: PaperdexScholar;
}

export interface PaperdexSearchAnswer {
  results: PaperdexScholar[];
}

export interface PaperdexPapersAnswer {
  items: PaperdexPaper[];
  paging: { page: number; pages: number; total: number };
}
