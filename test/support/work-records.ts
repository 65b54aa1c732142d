import type { NormalizedAuthor, NormalizedWork } from '#domain/scholarly/index';

/**
 * Normalized work records as a source client returns them, for tests that ingest works directly
 * (WorksIngestService) instead of syncing them: every field empty unless given.
 */
export function workRecord(overrides: Partial<NormalizedWork> & Pick<NormalizedWork, 'source' | 'sourceId' | 'title'>): NormalizedWork {
  return {
    sourceUrl: `https://example.org/${overrides.source}/${encodeURIComponent(overrides.sourceId)}`,
    publicationDate: null,
    year: null,
    venue: null,
    type: 'article',
    doi: null,
    arxivId: null,
    externalIds: {},
    authors: [],
    citationCount: null,
    abstract: null,
    openAccessUrl: null,
    pdfUrl: null,
    sourceUpdatedAt: null,
    ...overrides,
  };
}

/** One author position; `sourceAuthorId` is the author's id at the record's source. */
export function workAuthor(position: number, name: string, sourceAuthorId: string | null = null, orcid: string | null = null): NormalizedAuthor {
  return { position, name, sourceAuthorId, orcid, affiliations: [] };
}
