import type { DataSource, EntityManager } from 'typeorm';

/** What finds a shared work again on another server: its DOI and arXiv id, and its title to name it. */
export interface WorkKeys {
  doi: string | null;
  arxivId: string | null;
  title: string;
}

/** The keys of these works, in one statement; a map by work id (works not cached are absent). */
export async function workKeys(db: DataSource | EntityManager, workIds: string[]): Promise<Map<string, WorkKeys>> {
  if (workIds.length === 0) return new Map();
  const rows = (await db.query('SELECT id, doi, arxiv_id, title FROM works WHERE id = ANY($1::uuid[])', [[...new Set(workIds)]])) as { id: string; doi: string | null; arxiv_id: string | null; title: string }[];
  return new Map(rows.map((r) => [r.id, { doi: r.doi, arxivId: r.arxiv_id, title: r.title }]));
}

/**
 * The cached work each of `wanted` is, in its order: the same id, else the work with the same DOI,
 * else the same arXiv id; null where none is cached here. One statement.
 */
export async function findWorks(db: DataSource | EntityManager, wanted: { workId: string; doi: string | null; arxivId: string | null }[]): Promise<(string | null)[]> {
  if (wanted.length === 0) return [];
  const rows = (await db.query(
    `SELECT coalesce((SELECT w.id FROM works w WHERE w.id = e.id), (SELECT w.id FROM works w WHERE w.doi = e.doi), (SELECT w.id FROM works w WHERE w.arxiv_id = e.arxiv)) AS work_id
       FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS e(id, doi, arxiv, ord) ORDER BY e.ord`,
    [wanted.map((e) => e.workId), wanted.map((e) => e.doi), wanted.map((e) => e.arxivId)],
  )) as { work_id: string | null }[];
  return rows.map((r) => r.work_id);
}
