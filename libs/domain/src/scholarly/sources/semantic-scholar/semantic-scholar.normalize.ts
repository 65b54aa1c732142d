import { normalizeArxivId, normalizeDoi, normalizeOrcid } from '../../../shared/text/index';
import type { AuthorCandidate, AuthorSnapshot, NormalizedAuthor, NormalizedWork, WorkType } from '../../scholarly.types';
import type { S2Author, S2Paper } from './semantic-scholar.types';

/**
 * Semantic Scholar records → Dossier's shapes. Pure functions over tolerant raw types: a missing
 * or null field yields null (or is skipped), never an exception.
 */

const S2_URL = 'https://www.semanticscholar.org';

function clean(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return trimmed || null;
}

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A string or number id as a trimmed string; null when empty. */
function idText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return clean(value);
}

function unique(values: unknown[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    const text = clean(value);
    if (text && !seen.has(text.toLowerCase())) {
      seen.add(text.toLowerCase());
      out.push(text);
    }
  }
  return out;
}

const ARXIV_VENUE = /^arxiv(\.org)?$/i;

/** A venue name that says conference (S2's own name for NeurIPS has none of these words: its `publicationVenue` says). */
const CONFERENCE_NAME = /\b(conference|symposium|workshop|congress|colloquium|proceedings|meeting)\b|\blecture notes in (computer science|artificial intelligence)\b|^(neurips|nips|icml|iclr|acl|emnlp|naacl|eacl|coling|cvpr|iccv|eccv|aaai|ijcai|kdd|sigir|sigmod|vldb|www|chi|uist|interspeech|icassp|aistats|colt|uai|icra|iros|rss|corl|miccai)(\s*\d{4})?$/i;
/** Journals named "Proceedings of …": a society's or an academy's journal, not a conference's. */
const JOURNAL_PROCEEDINGS = /^(the )?proceedings of the (national academy|royal society|ieee$|american mathematical|london mathematical|edinburgh mathematical|cambridge philosophical|japan academy)/i;
/** Meeting abstracts published in a journal's supplement (`Poster Presentations - Proffered Abstracts`): not papers to read. */
const ABSTRACTS_NAME = /\b(abstracts|posters?)\b/i;
const JOURNAL_NAME = /\b(journal|transactions|letters|review|magazine|annals|bulletin|quarterly|acta|revista|zeitschrift)\b/i;

/**
 * The type S2's venue fields imply, for a paper whose publicationTypes say nothing: its
 * `publicationVenue.type` when S2 matched a venue, else the names (a conference's, a journal's).
 * A `journal.name` is S2 saying it appeared in a journal; a bare `venue` counts only by its name.
 */
export function typeFromS2Venue(paper: Pick<S2Paper, 'venue' | 'journal' | 'publicationVenue'>): WorkType | null {
  const journal = clean(paper.journal?.name);
  const names = [clean(paper.venue), clean(paper.publicationVenue?.name), journal].filter((v): v is string => v !== null);
  if (names.some((n) => ABSTRACTS_NAME.test(n))) return null;
  const kind = clean(paper.publicationVenue?.type)?.toLowerCase();
  if (kind === 'conference') return 'conference-paper';
  const conference = names.some((n) => CONFERENCE_NAME.test(n) && !JOURNAL_PROCEEDINGS.test(n));
  if (kind === 'journal') return conference && /lecture notes/i.test(names.join(' ')) ? 'conference-paper' : 'article';
  if (conference) return 'conference-paper';
  if (journal || names.some((n) => JOURNAL_NAME.test(n))) return 'article';
  return null;
}

/** Types S2 gives that say what kind of paper it is; the others (Study, CaseReport, ClinicalTrial) say only how it was done. */
const NOT_PAPERS = new Set(['News', 'LettersAndComments']);

/**
 * S2's publicationTypes → Dossier's type, the most specific first. A paper whose venue is arXiv is
 * a preprint whatever S2 calls it (S2 labels arXiv papers JournalArticle with journal "ArXiv").
 * No telling type (publicationTypes null, empty, or only Study/CaseReport/ClinicalTrial): from its
 * venue or journal (typeFromS2Venue), a preprint when S2 knows only an arXiv id, otherwise "other".
 */
export function mapS2Type(paper: Pick<S2Paper, 'publicationTypes' | 'venue' | 'journal' | 'publicationVenue' | 'externalIds'>): WorkType {
  const venues = [paper.venue, paper.journal?.name, paper.publicationVenue?.name].map(clean).filter((v): v is string => v !== null);
  const types = new Set((paper.publicationTypes ?? []).filter((t): t is string => typeof t === 'string'));
  const arxivOnly = !!paper.externalIds?.ArXiv && (venues.length === 0 || venues.every((v) => ARXIV_VENUE.test(v)));
  if (venues.length > 0 && venues.every((v) => ARXIV_VENUE.test(v))) return 'preprint';
  if (types.has('Review') || types.has('MetaAnalysis')) return 'review';
  if (types.has('Editorial')) return 'editorial';
  if (types.has('BookSection')) return 'book-chapter';
  if (types.has('Book')) return 'book';
  if (types.has('Conference')) return 'conference-paper';
  if (types.has('JournalArticle')) return 'article';
  if (types.has('Dataset')) return 'dataset';
  if ([...types].some((t) => NOT_PAPERS.has(t))) return 'other';
  if (types.size === 0 && arxivOnly) return 'preprint';
  return typeFromS2Venue(paper) ?? 'other';
}

function normalizeAuthors(paper: S2Paper): NormalizedAuthor[] {
  const authors: NormalizedAuthor[] = [];
  for (const author of paper.authors ?? []) {
    const name = clean(author?.name);
    if (!name) continue;
    authors.push({ position: authors.length + 1, name, sourceAuthorId: idText(author?.authorId), orcid: null, affiliations: [] });
  }
  return authors;
}

/** One S2 paper → a NormalizedWork; null without a paperId or a title. */
export function normalizeS2Paper(paper: S2Paper): NormalizedWork | null {
  const sourceId = clean(paper.paperId);
  const title = clean(paper.title);
  if (!sourceId || !title) return null;
  const ids = paper.externalIds ?? {};
  const doi = normalizeDoi(ids.DOI);
  const arxivDoi = doi ? /^10\.48550\/arxiv\.(.+)$/i.exec(doi) : null;
  const arxivId = normalizeArxivId(ids.ArXiv) ?? (arxivDoi ? normalizeArxivId(arxivDoi[1]) : null);
  const externalIds: NormalizedWork['externalIds'] = { semanticscholar: sourceId };
  const corpus = idText(ids.CorpusId) ?? idText(paper.corpusId);
  if (corpus) externalIds.corpus = corpus;
  if (arxivId) externalIds.arxiv = arxivId;
  const dblp = clean(ids.DBLP);
  if (dblp) externalIds.dblp = dblp;
  const mag = idText(ids.MAG);
  if (mag) externalIds.mag = mag;
  const pubmed = idText(ids.PubMed);
  if (pubmed) externalIds.pubmed = pubmed;
  const acl = clean(ids.ACL);
  if (acl) externalIds.acl = acl;
  const year = count(paper.year);
  const date = clean(paper.publicationDate);
  const validDate = date && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(date) ? date : null;
  const pdf = clean(paper.openAccessPdf?.url);
  return {
    source: 'semanticscholar',
    sourceId,
    sourceUrl: clean(paper.url) ?? `${S2_URL}/paper/${sourceId}`,
    title,
    publicationDate: validDate ?? (year ? String(year) : null),
    year: year ?? (validDate ? Number(validDate.slice(0, 4)) : null),
    venue: clean(paper.venue) ?? clean(paper.publicationVenue?.name) ?? clean(paper.journal?.name),
    type: mapS2Type(paper),
    doi,
    arxivId,
    externalIds,
    authors: normalizeAuthors(paper),
    citationCount: count(paper.citationCount),
    abstract: clean(paper.abstract),
    openAccessUrl: pdf,
    pdfUrl: pdf,
    sourceUpdatedAt: null,
  };
}

export function normalizeS2Candidate(author: S2Author): AuthorCandidate | null {
  const sourceAuthorId = idText(author.authorId);
  const name = clean(author.name);
  if (!sourceAuthorId || !name) return null;
  const dblp = author.externalIds?.DBLP;
  const dblpNames = Array.isArray(dblp) ? dblp : [dblp];
  return {
    source: 'semanticscholar',
    sourceAuthorId,
    name,
    // The DBLP names S2 links the author to are the names they publish under.
    alternativeNames: unique(dblpNames).filter((n) => n.toLowerCase() !== name.toLowerCase()),
    affiliations: unique(author.affiliations ?? []),
    orcid: normalizeOrcid(clean(author.externalIds?.ORCID)),
    worksCount: count(author.paperCount),
    citationCount: count(author.citationCount),
    topics: [],
    sourceUrl: clean(author.url) ?? `${S2_URL}/author/${sourceAuthorId}`,
  };
}

/** S2 says nothing about when an author changed: `updatedAt` is null, counts are the signal. */
export function normalizeS2Snapshot(author: S2Author): AuthorSnapshot | null {
  const sourceAuthorId = idText(author.authorId);
  const name = clean(author.name);
  if (!sourceAuthorId || !name) return null;
  return { source: 'semanticscholar', sourceAuthorId, name, worksCount: count(author.paperCount), citationCount: count(author.citationCount), updatedAt: null };
}
