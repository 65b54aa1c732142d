import { MalformedResponseError, type AuthorCandidate, type AuthorSnapshot, type ScholarlyClient, type ScholarlyHttp, type WorksPage } from '#domain/scholarly/index';
import { PAPERDEX, paperToWork, scholarToCandidate, scholarToSnapshot } from './paperdex.normalize';
import type { PaperdexPapersAnswer, PaperdexScholarAnswer, PaperdexSearchAnswer } from './paperdex.types';

/** Paperdex's v1 API: scholars by key, their papers by page number (the page token is the next page's number). */
export class PaperdexClient implements ScholarlyClient {
  readonly source = PAPERDEX;

  constructor(
    private readonly http: ScholarlyHttp,
    private readonly baseUrl: string,
  ) {}

  async searchAuthors(query: { name: string; limit?: number }): Promise<AuthorCandidate[]> {
    const { data, response } = await this.http.getJson<PaperdexSearchAnswer>(PAPERDEX, this.baseUrl, '/v1/scholars', { query: { q: query.name, size: query.limit ?? 10 } });
    if (!Array.isArray(data.results)) throw new MalformedResponseError(PAPERDEX, response.request, 'no results array');
    return data.results.map(scholarToCandidate);
  }

  async getAuthor(sourceAuthorId: string): Promise<AuthorSnapshot> {
    const { data, response } = await this.http.getJson<PaperdexScholarAnswer>(PAPERDEX, this.baseUrl, `/v1/scholars/${encodeURIComponent(sourceAuthorId)}`);
    if (!data.scholar?.key) throw new MalformedResponseError(PAPERDEX, response.request, 'no scholar');
    return scholarToSnapshot(data.scholar);
  }

  async listWorks(sourceAuthorId: string, page: string | null): Promise<WorksPage> {
    const number = page === null ? 1 : Number(page);
    const { data, response } = await this.http.getJson<PaperdexPapersAnswer>(PAPERDEX, this.baseUrl, `/v1/scholars/${encodeURIComponent(sourceAuthorId)}/papers`, { query: { page: number } });
    if (!Array.isArray(data.items) || !data.paging) throw new MalformedResponseError(PAPERDEX, response.request, 'no items or paging');
    return { works: data.items.map(paperToWork), next: data.paging.page < data.paging.pages ? String(data.paging.page + 1) : null, total: data.paging.total };
  }
}
