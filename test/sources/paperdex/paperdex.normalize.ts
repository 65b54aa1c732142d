import type { AuthorCandidate, AuthorSnapshot, NormalizedWork, WorkType } from '#domain/scholarly/index';
import type { PaperdexPaper, PaperdexScholar } from './paperdex.types';

export const PAPERDEX = 'paperdex';
export const PAPERDEX_SITE = 'https://paperdex.example.org';

const KINDS: Record<string, WorkType> = { 'journal-article': 'article', 'proceedings-paper': 'conference-paper', preprint: 'preprint', monograph: 'book' };

export function scholarToSnapshot(s: PaperdexScholar): AuthorSnapshot {
  const institutions = s.institutions ?? [];
  return {
    source: PAPERDEX,
    sourceAuthorId: s.key,
    name: s.display,
    worksCount: s.counts.papers,
    citationCount: s.counts.cited_by,
    updatedAt: s.modified ?? null,
    affiliations: institutions.map((i) => i.name),
    currentAffiliations: institutions.filter((i) => i.current).length,
    topics: s.fields ?? [],
  };
}

export function scholarToCandidate(s: PaperdexScholar): AuthorCandidate {
  return {
    source: PAPERDEX,
    sourceAuthorId: s.key,
    name: s.display,
    alternativeNames: s.aliases ?? [],
    affiliations: (s.institutions ?? []).map((i) => i.name),
    orcid: s.orcid ?? null,
    worksCount: s.counts.papers,
    citationCount: s.counts.cited_by,
    topics: s.fields ?? [],
    sourceUrl: `${PAPERDEX_SITE}/scholars/${s.key}`,
  };
}

export function paperToWork(p: PaperdexPaper): NormalizedWork {
  const doi = p.identifiers?.doi?.toLowerCase().replace(/^https?:\/\/(dx\.)?doi\.org\//, '') || null;
  const arxivId = p.identifiers?.arxiv?.replace(/v\d+$/, '') || null;
  const year = p.issued ? Number(p.issued.slice(0, 4)) : null;
  return {
    source: PAPERDEX,
    sourceId: p.pid,
    sourceUrl: p.links?.landing ?? `${PAPERDEX_SITE}/papers/${p.pid}`,
    title: p.headline.trim(),
    publicationDate: p.issued ?? null,
    year,
    venue: p.outlet ?? null,
    type: KINDS[p.kind ?? ''] ?? 'other',
    doi,
    arxivId,
    externalIds: arxivId ? { arxiv: arxivId } : {},
    authors: [...p.contributors]
      .sort((a, b) => a.seq - b.seq)
      .map((c) => ({ position: c.seq, name: c.label, sourceAuthorId: c.scholar ?? null, orcid: c.orcid ?? null, affiliations: c.affiliations ?? [] })),
    citationCount: p.cited_by ?? null,
    abstract: p.summary ?? null,
    openAccessUrl: p.links?.free_pdf ? (p.links.landing ?? null) : null,
    pdfUrl: p.links?.free_pdf ?? null,
    sourceUpdatedAt: p.modified ?? null,
  };
}
