import { normalizeArxivId, normalizeDoi, normalizeOrcid } from '../../../shared/text/index';
import type { AuthorCandidate, AuthorSnapshot, NormalizedAuthor, NormalizedWork, WorkType } from '../../scholarly.types';
import type { S2Author, S2Paper } from './semantic-scholar.types';
import { cleanText, finiteCount, uniqueTexts } from '../../normalize-values';

/**
 * Semantic Scholar records → Dossier's shapes. Pure functions over tolerant raw types: a missing
 * or null field yields null (or is skipped), never an exception.
 */

const S2_URL = 'https://www.semanticscholar.org';

/** A string or number id as a trimmed string; null when empty. */
function idText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return cleanText(value);
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
  const journal = cleanText(paper.journal?.name);
  const names = [cleanText(paper.venue), cleanText(paper.publicationVenue?.name), journal].filter((v): v is string => v !== null);
  if (names.some((n) => ABSTRACTS_NAME.test(n))) return null;
  const kind = cleanText(paper.publicationVenue?.type)?.toLowerCase();
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
  const venues = [paper.venue, paper.journal?.name, paper.publicationVenue?.name].map(cleanText).filter((v): v is string => v !== null);
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
    const name = cleanText(author?.name);
    if (!name) continue;
    authors.push({ position: authors.length + 1, name, sourceAuthorId: idText(author?.authorId), orcid: null, affiliations: [] });
  }
  return authors;
}

/** One S2 paper → a NormalizedWork; null without a paperId or a title. */
export function normalizeS2Paper(paper: S2Paper): NormalizedWork | null {
  const sourceId = cleanText(paper.paperId);
  const title = cleanText(paper.title);
  if (!sourceId || !title) return null;
  const ids = paper.externalIds ?? {};
  const doi = normalizeDoi(ids.DOI);
  const arxivDoi = doi ? /^10\.48550\/arxiv\.(.+)$/i.exec(doi) : null;
  const arxivId = normalizeArxivId(ids.ArXiv) ?? (arxivDoi ? normalizeArxivId(arxivDoi[1]) : null);
  const externalIds: NormalizedWork['externalIds'] = { semanticscholar: sourceId };
  const corpus = idText(ids.CorpusId) ?? idText(paper.corpusId);
  if (corpus) externalIds.corpus = corpus;
  if (arxivId) externalIds.arxiv = arxivId;
  const dblp = cleanText(ids.DBLP);
  if (dblp) externalIds.dblp = dblp;
  const mag = idText(ids.MAG);
  if (mag) externalIds.mag = mag;
  const pubmed = idText(ids.PubMed);
  if (pubmed) externalIds.pubmed = pubmed;
  const acl = cleanText(ids.ACL);
  if (acl) externalIds.acl = acl;
  const year = finiteCount(paper.year);
  const date = cleanText(paper.publicationDate);
  const validDate = date && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(date) ? date : null;
  const pdf = cleanText(paper.openAccessPdf?.url);
  return {
    source: 'semanticscholar',
    sourceId,
    sourceUrl: cleanText(paper.url) ?? `${S2_URL}/paper/${sourceId}`,
    title,
    publicationDate: validDate ?? (year ? String(year) : null),
    year: year ?? (validDate ? Number(validDate.slice(0, 4)) : null),
    venue: cleanText(paper.venue) ?? cleanText(paper.publicationVenue?.name) ?? cleanText(paper.journal?.name),
    type: mapS2Type(paper),
    doi,
    arxivId,
    externalIds,
    authors: normalizeAuthors(paper),
    citationCount: finiteCount(paper.citationCount),
    abstract: cleanText(paper.abstract),
    openAccessUrl: pdf,
    pdfUrl: pdf,
    sourceUpdatedAt: null,
  };
}

export function normalizeS2Candidate(author: S2Author): AuthorCandidate | null {
  const sourceAuthorId = idText(author.authorId);
  const name = cleanText(author.name);
  if (!sourceAuthorId || !name) return null;
  const dblp = author.externalIds?.DBLP;
  const dblpNames = Array.isArray(dblp) ? dblp : [dblp];
  return {
    source: 'semanticscholar',
    sourceAuthorId,
    name,
    // The DBLP names S2 links the author to are the names they publish under.
    alternativeNames: uniqueTexts(dblpNames).filter((n) => n.toLowerCase() !== name.toLowerCase()),
    affiliations: uniqueTexts(author.affiliations ?? []),
    orcid: normalizeOrcid(cleanText(author.externalIds?.ORCID)),
    worksCount: finiteCount(author.paperCount),
    citationCount: finiteCount(author.citationCount),
    topics: [],
    sourceUrl: cleanText(author.url) ?? `${S2_URL}/author/${sourceAuthorId}`,
  };
}

/** S2 says nothing about when an author changed: `updatedAt` is null, counts are the signal. */
export function normalizeS2Snapshot(author: S2Author): AuthorSnapshot | null {
  const sourceAuthorId = idText(author.authorId);
  const name = cleanText(author.name);
  if (!sourceAuthorId || !name) return null;
  return { source: 'semanticscholar', sourceAuthorId, name, worksCount: finiteCount(author.paperCount), citationCount: finiteCount(author.citationCount), updatedAt: null };
}
